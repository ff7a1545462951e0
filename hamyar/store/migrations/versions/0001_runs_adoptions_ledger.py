"""Runs with their inputs and assignments, adoptions, and the payroll ledger.

Revision ID: 0001
Revises: none
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "runs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=16), nullable=False),
        sa.Column("command", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("scenario", sa.Text(), nullable=True),
        sa.Column("policy", sa.JSON(), nullable=False),
        sa.Column("kpis", sa.JSON(), nullable=False),
        sa.Column("input_hashes", sa.JSON(), nullable=False),
        sa.Column("out_dir", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_runs_term"), ["term"], unique=False)

    op.create_table(
        "terms",
        sa.Column("term", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("term"),
    )
    op.create_table(
        "adoptions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=16), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("adopted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("adopted_by", sa.String(length=100), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["term"],
            ["terms.term"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("adoptions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adoptions_term"), ["term"], unique=False)

    op.create_table(
        "run_assignments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("gender", sa.String(length=8), nullable=False),
        sa.Column("preference_rank", sa.Integer(), nullable=True),
        sa.Column("priority_score", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("run_id", "student_id", name="uq_run_student"),
    )
    op.create_table(
        "run_inputs",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=True),
        sa.ForeignKeyConstraint(["run_id"], ["runs.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("run_inputs", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_run_inputs_run_id"), ["run_id"], unique=False)

    op.create_table(
        "payment_batches",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=16), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("run_id", sa.Integer(), nullable=False),
        sa.Column("adoption_id", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("out_dir", sa.Text(), nullable=True),
        sa.Column("timesheets_sha256", sa.String(length=64), nullable=False),
        sa.Column("total_rial", sa.BigInteger(), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("voided_by", sa.String(length=100), nullable=True),
        sa.Column("replaced_by", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["adoption_id"],
            ["adoptions.id"],
        ),
        sa.ForeignKeyConstraint(
            ["replaced_by"],
            ["payment_batches.id"],
        ),
        sa.ForeignKeyConstraint(
            ["run_id"],
            ["runs.id"],
        ),
        sa.ForeignKeyConstraint(
            ["term"],
            ["terms.term"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("payment_batches", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_batches_month"), ["month"], unique=False)
        batch_op.create_index(batch_op.f("ix_payment_batches_term"), ["term"], unique=False)

    op.create_table(
        "payment_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("batch_id", sa.Integer(), nullable=False),
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("hours", sa.Numeric(precision=8, scale=2), nullable=False),
        sa.Column("rate_rial", sa.BigInteger(), nullable=False),
        sa.Column("multiplier", sa.Numeric(precision=6, scale=3), nullable=False),
        sa.Column("amount_rial", sa.BigInteger(), nullable=False),
        sa.Column("voided_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["batch_id"],
            ["payment_batches.id"],
        ),
        sa.PrimaryKeyConstraint("id"),
    )
    with op.batch_alter_table("payment_lines", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_payment_lines_batch_id"), ["batch_id"], unique=False)
        batch_op.create_index(
            "uq_paid_once",
            ["student_id", "month"],
            unique=True,
            sqlite_where=sa.text("voided_at IS NULL"),
            postgresql_where=sa.text("voided_at IS NULL"),
        )


def downgrade() -> None:
    with op.batch_alter_table("payment_lines", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_paid_once",
            sqlite_where=sa.text("voided_at IS NULL"),
            postgresql_where=sa.text("voided_at IS NULL"),
        )
        batch_op.drop_index(batch_op.f("ix_payment_lines_batch_id"))

    op.drop_table("payment_lines")
    with op.batch_alter_table("payment_batches", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_payment_batches_term"))
        batch_op.drop_index(batch_op.f("ix_payment_batches_month"))

    op.drop_table("payment_batches")
    with op.batch_alter_table("run_inputs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_run_inputs_run_id"))

    op.drop_table("run_inputs")
    op.drop_table("run_assignments")
    with op.batch_alter_table("adoptions", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adoptions_term"))

    op.drop_table("adoptions")
    op.drop_table("terms")
    with op.batch_alter_table("runs", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_runs_term"))

    op.drop_table("runs")
