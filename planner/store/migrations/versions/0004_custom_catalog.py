"""Custom roles and skills of the person's own, each kept as its catalog definition (JSON).

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    for table in ("custom_skill", "custom_role"):
        op.create_table(
            table,
            sa.Column("id", sa.String(), nullable=False),
            sa.Column("definition", sa.String(), nullable=False),
            sa.Column("created_at", sa.DateTime(), nullable=False),
            sa.Column("updated_at", sa.DateTime(), nullable=False),
            sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}")),
        )


def downgrade() -> None:
    op.drop_table("custom_role")
    op.drop_table("custom_skill")
