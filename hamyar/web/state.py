"""Where a term stands, read from the workspace and the files the pages stored."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from hamyar.store import Workspace
from hamyar.store.adoption import adopted
from hamyar.store.ledger import batches
from hamyar.store.runs import list_runs
from hamyar.store.schema import AdoptionRow, PaymentBatchRow, RunRow, TermRow
from hamyar.web.site import Settings

KINDS = ("applicants", "units", "rejections")


def stored_inputs(settings: Settings, term: str) -> dict[str, Path]:
    """The clean input files stored for ``term`` (kind → path)."""
    folder = settings.term_dir(term) / "inputs"
    found: dict[str, Path] = {}
    for kind in KINDS:
        for suffix in (".xlsx", ".csv"):
            path = folder / f"{kind}{suffix}"
            if path.is_file():
                found[kind] = path
    return found


@dataclass(frozen=True)
class TermState:
    term: str
    inputs: dict[str, Path]
    runs: list[RunRow]
    adoption: AdoptionRow | None
    paid: list[PaymentBatchRow]
    known: list[str]

    @property
    def next_step(self) -> str:
        if not {"applicants", "units"} <= set(self.inputs):
            return "web.next.inputs"
        if not self.runs:
            return "web.next.run"
        if self.adoption is None:
            return "web.next.adopt"
        return "web.next.pay"


def term_state(workspace: Workspace, settings: Settings, term: str) -> TermState:
    with workspace.session() as session:
        runs = list(list_runs(session, term))
        adoption = adopted(session, term)
        paid = [b for b in batches(session) if b.term == term and b.voided_at is None]
        known = list(session.scalars(select(TermRow.term).order_by(TermRow.term)))
    return TermState(term, stored_inputs(settings, term), runs, adoption, paid, known)
