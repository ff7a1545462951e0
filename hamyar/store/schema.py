"""The workspace's tables as typed SQLAlchemy 2 models.

Only :mod:`hamyar.store` imports these; the stages keep their plain pydantic models.

* ``terms``: one row per academic term, locked by every command that changes the term.
* ``runs`` with ``run_inputs`` (the input files' bytes and hashes) and ``run_assignments``.
* ``run_waitlists``: each run's ranked reserve list per unit and gender (position from 1).
* ``adoptions``: every decision of a term's allocation; the newest one is in force.
* ``payment_batches`` and ``payment_lines``: the payroll ledger. A partial unique index on
  ``(student_id, month)`` over the lines not voided makes a second payment impossible.
* ``vacancies`` and ``vacancy_fills``: mid-term vacancies of an adoption (who left which unit
  from which day, why, decided by whom) and the placement each one started (the newcomer, from
  the vacancy's day). A unique ``(adoption_id, student_id)`` makes a second vacancy of one
  placement impossible. The term's effective placements are the adopted run's assignments with
  its adoption's vacancies applied.
"""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    BigInteger,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        datetime: DateTime(timezone=True),
    }


class TermRow(Base):
    __tablename__ = "terms"

    term: Mapped[str] = mapped_column(String(16), primary_key=True)
    created_at: Mapped[datetime]


class RunRow(Base):
    __tablename__ = "runs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(String(16), index=True)
    command: Mapped[str] = mapped_column(String(16))
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(32))
    scenario: Mapped[str | None] = mapped_column(Text)
    policy: Mapped[dict[str, Any]]
    kpis: Mapped[dict[str, Any]]
    input_hashes: Mapped[dict[str, Any]]
    out_dir: Mapped[str | None] = mapped_column(Text)

    inputs: Mapped[list[RunInputRow]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="RunInputRow.id"
    )
    assignments: Mapped[list[AssignmentRow]] = relationship(
        back_populates="run", cascade="all, delete-orphan", order_by="AssignmentRow.id"
    )


class RunInputRow(Base):
    __tablename__ = "run_inputs"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    content: Mapped[bytes | None] = mapped_column(LargeBinary)

    run: Mapped[RunRow] = relationship(back_populates="inputs")


class AssignmentRow(Base):
    __tablename__ = "run_assignments"
    __table_args__ = (UniqueConstraint("run_id", "student_id", name="uq_run_student"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    student_id: Mapped[str] = mapped_column(String(32))
    unit_code: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str] = mapped_column(String(8))
    preference_rank: Mapped[int | None]
    priority_score: Mapped[int]
    pinned: Mapped[bool]

    run: Mapped[RunRow] = relationship(back_populates="assignments")


class WaitingRow(Base):
    """One place on a run's waiting list of one unit and gender (``position`` from 1)."""

    __tablename__ = "run_waitlists"
    __table_args__ = (
        UniqueConstraint("run_id", "unit_code", "gender", "position", name="uq_waitlist_place"),
        UniqueConstraint("run_id", "unit_code", "gender", "student_id", name="uq_waitlist_student"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    unit_code: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str] = mapped_column(String(8))
    position: Mapped[int]
    student_id: Mapped[str] = mapped_column(String(32))
    preference_rank: Mapped[int]
    placed_unit: Mapped[str | None] = mapped_column(String(64))


class AdoptionRow(Base):
    __tablename__ = "adoptions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(ForeignKey("terms.term"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    adopted_at: Mapped[datetime]
    adopted_by: Mapped[str] = mapped_column(String(100))
    note: Mapped[str | None] = mapped_column(Text)


class PaymentBatchRow(Base):
    __tablename__ = "payment_batches"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(ForeignKey("terms.term"), index=True)
    month: Mapped[str] = mapped_column(String(7), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    adoption_id: Mapped[int] = mapped_column(ForeignKey("adoptions.id"))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100))
    out_dir: Mapped[str | None] = mapped_column(Text)
    timesheets_sha256: Mapped[str] = mapped_column(String(64))
    total_rial: Mapped[int] = mapped_column(BigInteger)
    voided_at: Mapped[datetime | None]
    voided_by: Mapped[str | None] = mapped_column(String(100))
    replaced_by: Mapped[int | None] = mapped_column(ForeignKey("payment_batches.id"))

    lines: Mapped[list[PaymentLineRow]] = relationship(
        back_populates="batch", cascade="all, delete-orphan", order_by="PaymentLineRow.id"
    )


class PaymentLineRow(Base):
    __tablename__ = "payment_lines"
    __table_args__ = (
        Index(
            "uq_paid_once",
            "student_id",
            "month",
            unique=True,
            sqlite_where=text("voided_at IS NULL"),
            postgresql_where=text("voided_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    batch_id: Mapped[int] = mapped_column(ForeignKey("payment_batches.id"), index=True)
    month: Mapped[str] = mapped_column(String(7))
    student_id: Mapped[str] = mapped_column(String(32))
    unit_code: Mapped[str] = mapped_column(String(64))
    hours: Mapped[Decimal] = mapped_column(Numeric(8, 2))
    rate_rial: Mapped[int] = mapped_column(BigInteger)
    multiplier: Mapped[Decimal] = mapped_column(Numeric(6, 3))
    amount_rial: Mapped[int] = mapped_column(BigInteger)
    voided_at: Mapped[datetime | None]
    days: Mapped[int | None]
    """Rule P5: the days of the month a part-month placement covers (``None``: the whole)."""
    month_days: Mapped[int | None]

    batch: Mapped[PaymentBatchRow] = relationship(back_populates="lines")


class VacancyRow(Base):
    __tablename__ = "vacancies"
    __table_args__ = (UniqueConstraint("adoption_id", "student_id", name="uq_vacancy_once"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    term: Mapped[str] = mapped_column(ForeignKey("terms.term"), index=True)
    adoption_id: Mapped[int] = mapped_column(ForeignKey("adoptions.id"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    student_id: Mapped[str] = mapped_column(String(32))
    unit_code: Mapped[str] = mapped_column(String(64))
    gender: Mapped[str] = mapped_column(String(8))
    vacant_from: Mapped[str] = mapped_column(String(10))
    """The first day the seat is free (Jalali ``yyyy/mm/dd``); the leaver's last day is the
    day before."""
    reason: Mapped[str | None] = mapped_column(Text)
    decided_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime]
    created_by: Mapped[str] = mapped_column(String(100))

    fill: Mapped[VacancyFillRow | None] = relationship(
        back_populates="vacancy", cascade="all, delete-orphan", uselist=False
    )


class VacancyFillRow(Base):
    __tablename__ = "vacancy_fills"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vacancy_id: Mapped[int] = mapped_column(ForeignKey("vacancies.id"), unique=True)
    student_id: Mapped[str] = mapped_column(String(32))
    unit_code: Mapped[str] = mapped_column(String(64))
    starts_on: Mapped[str] = mapped_column(String(10))
    waiting_position: Mapped[int | None]
    placement: Mapped[dict[str, Any]]
    """The newcomer's row as ``assignments.csv`` would hold it (names, degree, rate, Sheba…),
    which is what the payroll pays from."""

    vacancy: Mapped[VacancyRow] = relationship(back_populates="fill")
