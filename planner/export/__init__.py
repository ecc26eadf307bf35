"""Exports of a plan: PDF with vector charts, and Markdown; each written all or nothing."""
