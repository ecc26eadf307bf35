"""Alembic migrations of the planner's database, shipped inside the package."""
