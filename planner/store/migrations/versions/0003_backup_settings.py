"""How many rolling backups the planner keeps, a preference of the person's.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("profile") as batch:
        batch.add_column(
            sa.Column("backups_to_keep", sa.Integer(), nullable=False, server_default="10")
        )
        # Migrations keep their own numbers: models.MAX_BACKUPS_TO_KEEP may change later.
        batch.create_check_constraint(
            "ck_profile_backups_to_keep_range", "backups_to_keep BETWEEN 1 AND 100"
        )


def downgrade() -> None:
    with op.batch_alter_table("profile") as batch:
        batch.drop_constraint("ck_profile_backups_to_keep_range", type_="check")
        batch.drop_column("backups_to_keep")
