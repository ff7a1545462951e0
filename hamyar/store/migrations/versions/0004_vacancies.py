"""Mid-term vacancies and the placements they start; the part of the month on ledger lines.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "vacancies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=16), nullable=False),
        sa.Column("adoption_id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("gender", sa.String(length=8), nullable=False),
        sa.Column("vacant_from", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("decided_by", sa.String(length=100), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["adoption_id"], ["adoptions.id"]),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"]),
        sa.ForeignKeyConstraint(["term"], ["terms.term"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("adoption_id", "student_id", name="uq_vacancy_once"),
    )
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacancies_adoption_id"), ["adoption_id"])
        batch_op.create_index(batch_op.f("ix_vacancies_term"), ["term"])

    op.create_table(
        "vacancy_fills",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vacancy_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("starts_on", sa.String(length=10), nullable=False),
        sa.Column("waiting_position", sa.Integer(), nullable=True),
        sa.Column("placement", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancies.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("vacancy_id"),
    )
    # plain ALTER TABLE ADD COLUMN on both databases: the table (and its partial unique index
    # uq_paid_once) is not rebuilt
    op.add_column("payment_lines", sa.Column("days", sa.Integer(), nullable=True))
    op.add_column("payment_lines", sa.Column("month_days", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("payment_lines", schema=None) as batch_op:
        batch_op.drop_column("month_days")
        batch_op.drop_column("days")
    op.drop_table("vacancy_fills")
    with op.batch_alter_table("vacancies", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancies_term"))
        batch_op.drop_index(batch_op.f("ix_vacancies_adoption_id"))
    op.drop_table("vacancies")
