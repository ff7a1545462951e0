"""The workspace's table of the units' end-of-term evaluations (history across terms).

``evaluations``: one row per (term, student, unit) a unit evaluated, satisfied or not, with the
file and row it came from, who imported it and when. Importing the pair again supersedes the
earlier row (kept, with ``superseded_at``); a partial unique index over the rows in force makes
two live evaluations of one pair impossible.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from hamyar.store.schema import Base


class EvaluationRow(Base):
    __tablename__ = "evaluations"
    __table_args__ = (
        Index(
            "uq_evaluated_once",
            "term",
            "student_id",
            "unit_code",
            unique=True,
            sqlite_where=text("superseded_at IS NULL"),
            postgresql_where=text("superseded_at IS NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    term: Mapped[str] = mapped_column(ForeignKey("terms.term"), index=True)
    run_id: Mapped[int] = mapped_column(ForeignKey("runs.id"))
    student_id: Mapped[str] = mapped_column(String(32), index=True)
    unit_code: Mapped[str] = mapped_column(String(64))
    satisfied: Mapped[bool]
    note: Mapped[str | None] = mapped_column(Text)
    source: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime]
    imported_by: Mapped[str] = mapped_column(String(100))
    superseded_at: Mapped[datetime | None]
