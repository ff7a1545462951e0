"""The cyclic collector paused while records are built, and restored with them in the oldest
generation (the young generations' collections do not walk them again)."""

from __future__ import annotations

import gc

from hamyar.collector import collector_paused


class _Record:
    def __init__(self, number: int) -> None:
        self.number = number


def test_records_built_while_paused_are_in_the_oldest_generation() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with collector_paused():
            assert not gc.isenabled()
            built = [_Record(i) for i in range(100)]
        assert gc.isenabled()
        oldest = {id(o) for o in gc.get_objects(generation=2)}
        assert id(built) in oldest and all(id(r) in oldest for r in built)
        assert not any(id(o) == id(built) for o in gc.get_objects(generation=0))
    finally:
        if not was:
            gc.disable()


def test_a_nested_pause_leaves_the_collector_paused() -> None:
    was = gc.isenabled()
    gc.enable()
    try:
        with collector_paused():
            with collector_paused():
                pass
            assert not gc.isenabled()
        assert gc.isenabled()
    finally:
        if not was:
            gc.disable()
