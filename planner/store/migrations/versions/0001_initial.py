"""The first schema: profile, skill ratings, certifications, plans and plan steps.

Revision ID: 0001
Revises:
Create Date: 2026-11-21
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "profile",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(), nullable=False),
        sa.Column("years_experience", sa.Float(), nullable=False),
        sa.Column("years_recorded_on", sa.Date(), nullable=True),
        sa.Column("education", sa.String(), nullable=False),
        sa.Column("current_role_id", sa.String(), nullable=True),
        sa.Column("target_role_id", sa.String(), nullable=True),
        sa.Column("hours_per_week", sa.Float(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_profile_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile")),
    )

    op.create_table(
        "skill_rating",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("skill_id", sa.String(), nullable=False),
        sa.Column("level", sa.Integer(), nullable=False),
        sa.Column("rated_at", sa.DateTime(), nullable=False),
        sa.Column("source", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.CheckConstraint("level BETWEEN 0 AND 5", name=op.f("ck_skill_rating_level_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_skill_rating")),
    )
    op.create_index(op.f("ix_skill_rating_skill_id"), "skill_rating", ["skill_id"])
    op.create_index(op.f("ix_skill_rating_rated_at"), "skill_rating", ["rated_at"])
    op.create_index(
        op.f("ix_skill_rating_skill_id_rated_at"), "skill_rating", ["skill_id", "rated_at"]
    )

    op.create_table(
        "held_certification",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("cert_id", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("earned_on", sa.Date(), nullable=True),
        sa.Column("expires_on", sa.Date(), nullable=True),
        sa.Column("credential_id", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_certification")),
    )
    op.create_index(op.f("ix_held_certification_cert_id"), "held_certification", ["cert_id"])

    op.create_table(
        "plan",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("role_id", sa.String(), nullable=False),
        sa.Column("route", sa.String(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hours_per_week", sa.Float(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("eta", sa.Date(), nullable=True),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan")),
    )

    op.create_table(
        "plan_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("plan_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("key", sa.String(), nullable=False),
        sa.Column("stage", sa.Integer(), nullable=False),
        sa.Column("stage_role_id", sa.String(), nullable=False),
        sa.Column("kind", sa.String(), nullable=False),
        sa.Column("phase", sa.String(), nullable=False),
        sa.Column("title", sa.String(), nullable=False),
        sa.Column("skill_id", sa.String(), nullable=True),
        sa.Column("cert_id", sa.String(), nullable=True),
        sa.Column("from_level", sa.Integer(), nullable=True),
        sa.Column("to_level", sa.Integer(), nullable=True),
        sa.Column("hours", sa.Float(), nullable=False),
        sa.Column("planned_start", sa.Date(), nullable=True),
        sa.Column("planned_end", sa.Date(), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("years", sa.Float(), nullable=True),
        sa.Column("reason", sa.String(), nullable=False),
        sa.Column("status", sa.String(), nullable=False),
        sa.Column("notes", sa.String(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("topics_done", sa.String(), nullable=False),
        sa.CheckConstraint(
            "status IN ('todo', 'in_progress', 'done', 'skipped')",
            name=op.f("ck_plan_step_status"),
        ),
        sa.ForeignKeyConstraint(
            ["plan_id"],
            ["plan.id"],
            name=op.f("fk_plan_step_plan_id_plan"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_step")),
        sa.UniqueConstraint("plan_id", "key", name=op.f("uq_plan_step_plan_id_key")),
    )
    op.create_index(op.f("ix_plan_step_plan_id"), "plan_step", ["plan_id"])


def downgrade() -> None:
    op.drop_table("plan_step")  # its indexes go with it
    op.drop_table("plan")
    op.drop_table("held_certification")
    op.drop_table("skill_rating")
    op.drop_table("profile")
