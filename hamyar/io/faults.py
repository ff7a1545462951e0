"""Named moments of writing where a test can kill the process for real: fault injection.

``HAMYAR_FAULT_AT=NAME`` makes the process send itself ``HAMYAR_FAULT_SIGNAL`` (``KILL`` by
default; ``TERM``, ``INT``) when it reaches the moment ``NAME``, so a test can stop a real
``hamyar`` process exactly there (between a swap's renames, between the ledger's commit and the
folder's placing…) instead of guessing with a timer. Unset (always, outside tests) it does
nothing. The moments: ``staged`` (outputs written into the staging folder), ``sealed`` (its
manifest written), ``exchanged`` (``--out`` swapped, the previous one not yet removed),
``ledger`` (pay: the batch flushed, not committed), ``pending`` (pay: the folder kept for the
commit), ``committed`` (the workspace committed, the folder not yet in place), ``scenario``
(batch: one scenario's outputs written, the workers still running).
"""

from __future__ import annotations

import os
import signal


def fault_point(name: str) -> None:
    """Signal this process when ``HAMYAR_FAULT_AT`` names ``name`` (a test hook)."""
    wanted = os.environ.get("HAMYAR_FAULT_AT")
    if wanted and name in wanted.split(","):
        which = os.environ.get("HAMYAR_FAULT_SIGNAL", "KILL")
        os.kill(os.getpid(), signal.Signals[f"SIG{which}"])
