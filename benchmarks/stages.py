"""Where a whole ``hamyar`` process spends its time, by stage (benchmarks/README.md).

    python benchmarks/stages.py allocate APPLICANTS UNITS --rejections R --out DIR --force

runs the command in this process under pyinstrument (interpreter start excluded, every import of
hamyar and its libraries included) and charges every sample to the outermost stage it falls in.
Prints one Markdown row per stage: seconds of wall time and the share of the whole.
"""

from __future__ import annotations

import resource
import runpy
import sys
import time
from typing import Any

from pyinstrument import Profiler

STAGES: list[tuple[str, tuple[str, ...]]] = [
    ("reading and checking the files", ("collect_problem", "load_scenario_inputs")),
    ("eligibility (E1–E9)", ("evaluate",)),
    ("allocation (the solve)", ("solve",)),
    ("planned cost, KPIs", ("planned_cost", "compute_kpis")),
    ("writing allocation.xlsx", ("write_workbook",)),
    ("writing the csv files, summary.json", ("write_machine_outputs",)),
    ("workspace: open, record the run", ("record", "open_workspace", "record_run")),
    ("imports", ("_find_and_load", "import_module", "_handle_fromlist")),
]
_FILES = {
    "evaluate": "eligibility/evaluate.py",
    "solve": "optimizer/solve.py",
    "record": "commands/workspace.py",
}


def _stage(frame: Any) -> str | None:
    for name, functions in STAGES:
        if frame.function in functions:
            where = _FILES.get(frame.function)
            if where is None or (frame.file_path or "").endswith(where):
                return name
    return None


def _charge(frame: Any, totals: dict[str, float]) -> None:
    stage = _stage(frame)
    if stage is not None:
        totals[stage] = totals.get(stage, 0.0) + frame.time
        return
    own = frame.time - sum(child.time for child in frame.children)
    totals["other"] = totals.get("other", 0.0) + own
    for child in frame.children:
        _charge(child, totals)


def main() -> int:
    sys.argv = ["hamyar", *sys.argv[1:]]
    profiler = Profiler(interval=0.005)
    cpu = time.process_time()
    wall = time.perf_counter()
    profiler.start()
    try:
        runpy.run_module("hamyar", run_name="__main__", alter_sys=True)
    except SystemExit as exc:
        if exc.code not in (0, None):
            print(f"the command ended with {exc.code}", file=sys.stderr)
    profiler.stop()
    wall = time.perf_counter() - wall
    cpu = time.process_time() - cpu
    totals: dict[str, float] = {}
    root = profiler.last_session.root_frame() if profiler.last_session else None
    if root is not None:
        _charge(root, totals)
    whole = sum(totals.values()) or 1.0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / 1024
    print("| stage | seconds | share |", file=sys.stderr)
    print("|---|---:|---:|", file=sys.stderr)
    for name in [s for s, _ in STAGES] + ["other"]:
        t = totals.get(name, 0.0)
        print(f"| {name} | {t:.1f} s | {100 * t / whole:.0f} % |", file=sys.stderr)
    print(
        f"| **whole process** | **{wall:.1f} s wall, {cpu:.1f} s CPU, {peak:.2f} GiB** | |",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
