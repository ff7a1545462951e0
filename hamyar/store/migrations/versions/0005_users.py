"""Accounts of the web pages, the login throttle, the server's keys, the units' confirmations.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=True),
        sa.Column("password_hash", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(length=100), nullable=False),
        sa.Column("changed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("name"),
    )
    op.create_table(
        "login_failures",
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("last_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("wait_until", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "server_keys",
        sa.Column("name", sa.String(length=50), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name"),
    )
    op.create_table(
        "unit_confirmations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("term", sa.String(length=16), nullable=False),
        sa.Column("adoption_id", sa.Integer(), nullable=False),
        sa.Column("student_id", sa.String(length=32), nullable=False),
        sa.Column("unit_code", sa.String(length=64), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("confirmed_by", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(["adoption_id"], ["adoptions.id"]),
        sa.ForeignKeyConstraint(["term"], ["terms.term"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("adoption_id", "student_id", name="uq_confirmed_once"),
    )
    with op.batch_alter_table("unit_confirmations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_unit_confirmations_term"), ["term"])


def downgrade() -> None:
    with op.batch_alter_table("unit_confirmations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_unit_confirmations_term"))
    op.drop_table("unit_confirmations")
    op.drop_table("server_keys")
    op.drop_table("login_failures")
    op.drop_table("users")
