"""A real Dask cluster on this machine for the national benchmark: ``dask scheduler`` and
``dask worker`` as processes of their own on 127.0.0.1, as an office would run them.

    with dask_cluster(2, folder) as address:   # tcp://127.0.0.1:PORT, both workers connected
        ... hamyar batch MANIFEST --scheduler ADDRESS ...

The scheduler writes its address to a scheduler file; the harness waits (in a child process, so
that the harness itself never imports Dask) until every worker has connected, and ends both
processes (SIGTERM, then SIGKILL) when the block ends.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

DASK = Path(sys.executable).with_name("dask")
START_LIMIT_S = 120.0

_WAIT = """
import sys
from distributed import Client
with Client(scheduler_file=sys.argv[1], timeout="60s") as client:
    client.wait_for_workers(int(sys.argv[2]), timeout=float(sys.argv[3]))
"""


def _end(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


@contextmanager
def dask_cluster(workers: int, folder: Path) -> Iterator[str]:
    """A ``dask scheduler`` and a ``dask worker`` of ``workers`` single-threaded processes;
    the scheduler's address once all of them are connected."""
    folder.mkdir(parents=True, exist_ok=True)
    scheduler_file = folder / "scheduler.json"
    scheduler_file.unlink(missing_ok=True)
    log = (folder / "cluster.log").open("wb")
    common = {"stdout": log, "stderr": subprocess.STDOUT, "start_new_session": True}
    procs = [
        subprocess.Popen(
            [
                str(DASK),
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                str(scheduler_file),
            ],
            **common,  # type: ignore[call-overload]
        )
    ]
    try:
        deadline = time.monotonic() + START_LIMIT_S
        while not scheduler_file.exists():
            if time.monotonic() > deadline or procs[0].poll() is not None:
                raise RuntimeError(f"dask scheduler did not start (see {folder / 'cluster.log'})")
            time.sleep(0.1)
        procs.append(
            subprocess.Popen(
                [
                    str(DASK),
                    "worker",
                    "--scheduler-file",
                    str(scheduler_file),
                    "--nworkers",
                    str(workers),
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                ],
                **common,  # type: ignore[call-overload]
            )
        )
        wait = [sys.executable, "-c", _WAIT, str(scheduler_file), str(workers), str(START_LIMIT_S)]
        subprocess.run(wait, check=True, timeout=START_LIMIT_S + 60)
        yield str(json.loads(scheduler_file.read_text())["address"])
    finally:
        for proc in reversed(procs):
            _end(proc)
        log.close()
