"""Tests of planner.store (a package, so its module names cannot clash with other folders')."""
