"""Each run's waiting lists: the ranked reserve list per unit and gender.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "run_waitlists",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("gender", sa.String(length=8), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("preference_rank", sa.Integer(), nullable=False),
        sa.Column("placed_unit", sa.String(length=64), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "unit_code", "gender", "position", name="uq_waitlist_place"),
        sa.UniqueConstraint(
            "run_id", "unit_code", "gender", "student_id", name="uq_waitlist_student"
        ),
    )


def downgrade() -> None:
    op.drop_table("run_waitlists")
