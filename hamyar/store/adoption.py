"""Adopting a run as the term's allocation. Every decision is kept; the newest is in force.

:func:`lock_term` orders the commands that change one term: on PostgreSQL a row lock on the
term's row (``SELECT … FOR UPDATE``), on SQLite the file lock ``BEGIN IMMEDIATE`` already took.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from hamyar.messages import Msg
from hamyar.store.errors import WorkspaceError
from hamyar.store.runs import current_user, get_run, now
from hamyar.store.schema import AdoptionRow, RunRow, TermRow


def lock_term(session: Session, term: str) -> TermRow:
    """The term's row, locked until the command's transaction ends (made on first use)."""
    row = session.scalars(select(TermRow).where(TermRow.term == term).with_for_update()).first()
    if row is not None:
        return row
    try:
        with session.begin_nested():
            session.add(TermRow(term=term, created_at=now()))
    except IntegrityError:
        pass  # another command made it first; lock theirs
    return session.scalars(select(TermRow).where(TermRow.term == term).with_for_update()).one()


def adopt(
    session: Session, run_id: int, *, by: str | None = None, note: str | None = None
) -> AdoptionRow:
    """Make run ``run_id`` its term's allocation; earlier decisions stay in the history."""
    run = get_run(session, run_id)
    lock_term(session, run.term)
    row = AdoptionRow(
        term=run.term, run_id=run.id, adopted_at=now(), adopted_by=by or current_user(), note=note
    )
    session.add(row)
    session.flush()
    return row


def adopted(session: Session, term: str) -> AdoptionRow | None:
    """The decision in force for ``term``, if any."""
    query = select(AdoptionRow).where(AdoptionRow.term == term).order_by(AdoptionRow.id.desc())
    return session.scalars(query.limit(1)).first()


def adoption_history(session: Session, term: str) -> Sequence[AdoptionRow]:
    """Every decision of ``term``, oldest first."""
    query = select(AdoptionRow).where(AdoptionRow.term == term).order_by(AdoptionRow.id)
    return session.scalars(query).all()


def adopted_run(session: Session, term: str) -> RunRow:
    """The run in force for ``term``; a refusal when the term has none."""
    row = adopted(session, term)
    if row is None:
        raise WorkspaceError(Msg("store.adoption.none_adopt"), value=term)
    return get_run(session, row.run_id)


def require_adopted(session: Session, run: RunRow) -> AdoptionRow:
    """The adoption of ``run`` in force; a refusal when its term adopted another run or none."""
    lock_term(session, run.term)
    row = adopted(session, run.term)
    if row is None or row.run_id != run.id:
        other = Msg("store.adoption.other", run=row.run_id) if row else ""
        command = f"hamyar adopt {run.id}"
        message = Msg(
            "store.adoption.not_adopted", run=run.id, term=run.term, other=other, command=command
        )
        raise WorkspaceError(message, value=run.id)
    return row
