"""Pausing Python's cyclic garbage collector while many small records are built."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while many small, acyclic records are built.

    Each allocation counts towards the collector's thresholds, and at 100,000 applicants the
    full collections it triggers over the live problem cost more than building the records
    (and make building a pool superlinear); reference counting still frees everything as
    usual. The collector is restored as it was, with every object that survived the pause
    moved to the oldest generation (``gc.freeze`` then ``gc.unfreeze``): the records are
    long-lived, and the young generations' next collections would otherwise walk every one of
    them twice before they got there. Cyclic garbage among them is still collected by the next
    full collection.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()
