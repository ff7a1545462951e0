"""Waiting lists stored with every recorded run and read back from the store, on SQLite and
PostgreSQL: the same lists the optimizer computes, in the same order."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from hamyar.models import Gender
from hamyar.optimizer.waitlist import waiting_lists
from hamyar.pipeline import run_problem
from hamyar.scenarios import load_scenario_inputs
from hamyar.store import Workspace
from hamyar.store.schema import WaitingRow
from hamyar.store.waitlists import places_of, run_waiting_lists, waiting_list


def test_waiting_lists_stored_with_the_run(default_run: tuple[Path, Path]) -> None:
    inputs = load_scenario_inputs(None)
    again = run_problem(inputs.problem, warnings=inputs.warnings, input_hashes=inputs.hashes)
    lists = waiting_lists(again.problem, again.eligibility, again.allocation)
    expected = {key: entries for key, entries in lists.items() if entries}
    assert expected, "the embedded default has waiting lists"
    workspace = Workspace.open()
    with workspace.session() as session:
        stored = run_waiting_lists(session, 1)
        assert stored == expected
        total = session.scalar(select(func.count()).select_from(WaitingRow))
        assert total == sum(len(e) for e in expected.values())
        (unit, gender), entries = max(expected.items(), key=lambda item: len(item[1]))
        assert waiting_list(session, 1, unit, gender) == entries
        assert waiting_list(session, 1, unit.lower(), str(gender)) == entries
        assert [e.position for e in entries] == list(range(1, len(entries) + 1))
        assert waiting_list(session, 1, "NO-SUCH-UNIT", Gender.female) == ()
        assert waiting_list(session, 2, unit, gender) == ()
        first = entries[0]
        places = places_of(session, 1, first.student_id)
        assert first in places
        assert [p.preference_rank for p in places] == sorted(p.preference_rank for p in places)
    workspace.close()
