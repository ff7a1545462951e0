"""The budget and stable-mode targets of issue 17 on fixed seeds, measured by ``run.py``.

The seeds are fixed here, before any measurement: ``SEEDS`` (the benchmark's 1402 and 1–4). For
each, one preparation process (``contenders.py prepare 10000 120 SEED``: the generator of
``hamyar generate``, eligibility, the unconstrained planned cost ``C``) and then, each in a
process of its own (``contenders.py solve``, the contender alone timed):

* ``hamyar-budget`` — ``budget_term_rial = ⌊0.9 · C⌋``, 10 s limit. Target: priority and
  coverage proven optimal, every later level within 0.5 % of its bound, in 10 s.
* ``hamyar-stable`` — ``stable = true``, the benchmark's CP-SAT limit (60 s). Target: every
  level proven optimal in < 5 s.

and for seed 1402 at 100,000 × 2,500 the budget run with a 60 s limit
(``hamyar-budget-at-limit``). Target: coverage within 1 % of its bound.

Every level's status, value, bound, gap and time are recorded (``stages`` of the contender's
result), with the one-minute load average before and after each process: the machine is shared.
CP-SAT runs with the project's worker setting (``SolverParams``' defaults).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from run import CONTENDERS_PY, failure_text, run_child

SEEDS = (1402, 1, 2, 3, 4)
"""The seeds of the 10,000 × 120 instances, fixed before any measurement."""
POOL_SEED = 1402
LARGE = (10_000, 120)
POOL = (100_000, 2_500)
BUDGET_GAP = 0.005
"""Largest gap of a level after coverage in the 10,000 budget runs."""
BUDGET_WALL_S = 10.0
STABLE_WALL_S = 5.0
STABLE_LIMIT_S = 60.0
POOL_LIMIT_S = 60.0
POOL_COVERAGE_GAP = 0.01
PROCESS_LIMIT_S = 1800.0


def _prepare(folder: Path, size: tuple[int, int], seed: int) -> tuple[Path, str]:
    pkl = folder / f"problem-{size[0]}-{seed}.pkl"
    cmd = [sys.executable, str(CONTENDERS_PY), "prepare", str(size[0]), str(size[1]), str(seed)]
    child = run_child([*cmd, str(pkl)], PROCESS_LIMIT_S)
    if child.returncode != 0:
        return pkl, f"prepare failed: {failure_text(child, PROCESS_LIMIT_S)}"
    return pkl, ""


def _solve(pkl: Path, contender: str, limit: float, result: Path) -> dict[str, Any]:
    load = os.getloadavg()[0]
    cmd = [sys.executable, str(CONTENDERS_PY), "solve", str(pkl), contender, str(limit)]
    child = run_child([*cmd, str(result)], PROCESS_LIMIT_S, result)
    row: dict[str, Any] = dict(child.result)
    row["contender"] = contender
    row["peak_bytes"] = child.maxrss_bytes
    row["process_s"] = child.wall_s
    row["load"] = [load, os.getloadavg()[0]]
    if child.timed_out or child.returncode != 0 or not row.get("ok"):
        row["ok"] = False
        row["failure"] = failure_text(child, PROCESS_LIMIT_S)
    return row


def bench_seeds(work: Path) -> dict[str, Any]:
    """Every run of the module docstring; the rows in the order run."""
    folder = work / "seeds"
    folder.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    rows: list[dict[str, Any]] = []
    runs = [(LARGE, seed, "hamyar-budget", BUDGET_WALL_S) for seed in SEEDS]
    runs += [(LARGE, seed, "hamyar-stable", STABLE_LIMIT_S) for seed in SEEDS]
    runs.append((POOL, POOL_SEED, "hamyar-budget-at-limit", POOL_LIMIT_S))
    prepared: dict[tuple[int, int], tuple[Path, str]] = {}
    for size, seed, contender, limit in runs:
        if (size[0], seed) not in prepared:
            prepared[(size[0], seed)] = _prepare(folder, size, seed)
        pkl, error = prepared[(size[0], seed)]
        if error:
            row: dict[str, Any] = {"contender": contender, "ok": False, "failure": error}
        else:
            row = _solve(pkl, contender, limit, folder / f"{contender}-{size[0]}-{seed}.json")
        row.update(applicants=size[0], units=size[1], seed=seed, limit_s=limit)
        rows.append(row)
        print(f"seeds {size[0]} {seed} {contender}: {_summary(row)}", flush=True)
    return {"rows": rows, "total_s": time.perf_counter() - started}


def _summary(row: dict[str, Any]) -> str:
    if not row.get("ok"):
        return str(row.get("failure"))
    return f"{row['wall_s']:.2f} s, {row['status']}, max gap {100 * (row.get('gap') or 0):.3g} %"


def _gap(stage: list[Any]) -> float:
    return abs(stage[2] - stage[1]) / max(1.0, abs(stage[2]))


def _cell(stage: list[Any]) -> str:
    """``✓`` proven optimal, else the gap to the bound; then the level's time when known."""
    text = "✓" if stage[3] == "optimal" else f"{100 * _gap(stage):.3g} %"
    return text + (f" {stage[4]:.2f} s" if len(stage) > 4 else "")


def _verdict(row: dict[str, Any]) -> str:
    """Whether the run meets its target (module docstring), and by how much it misses."""
    if not row.get("ok"):
        return f"**failed: {row.get('failure')}**"
    stages = row.get("stages", [])
    wall = row["wall_s"]
    misses: list[str] = []
    if row["contender"] == "hamyar-stable":
        unproven = [s[0] for s in stages if s[3] != "optimal"]
        if unproven:
            misses.append("not proven: " + ", ".join(unproven))
        if wall >= STABLE_WALL_S:
            misses.append(f"{wall - STABLE_WALL_S:.2f} s over {STABLE_WALL_S:g} s")
    elif row["applicants"] == POOL[0]:
        coverage = next((s for s in stages if s[0] == "coverage"), None)
        if coverage is not None and _gap(coverage) > POOL_COVERAGE_GAP:
            misses.append(f"coverage {100 * _gap(coverage):.3g} % from its bound (> 1 %)")
    else:
        for s in stages:
            if s[0] in ("priority", "coverage") and s[3] != "optimal":
                misses.append(f"{s[0]} not proven")
            elif s[0] not in ("priority", "coverage") and _gap(s) > BUDGET_GAP:
                misses.append(f"{s[0]} {100 * _gap(s):.3g} % (> 0.5 %)")
        if wall > BUDGET_WALL_S:
            misses.append(f"{wall - BUDGET_WALL_S:.2f} s over {BUDGET_WALL_S:g} s")
    return "meets the target" if not misses else "**misses: " + "; ".join(misses) + "**"


def _table(rows: list[dict[str, Any]]) -> list[str]:
    names: list[str] = []
    for r in rows:
        for s in r.get("stages", []):
            if s[0] not in names:
                names.append(s[0])
    lines = [
        "| seed | wall time | load before → after | placed | " + " | ".join(names) + " | verdict |",
        "|---:|---:|---|---:|" + "---|" * len(names) + "---|",
    ]
    for r in rows:
        if not r.get("ok"):
            blanks = " | ".join("—" for _ in names)
            lines.append(f"| {r['seed']} | — | — | — | {blanks} | {_verdict(r)} |")
            continue
        by_name = {s[0]: s for s in r.get("stages", [])}
        cells = " | ".join(_cell(by_name[n]) if n in by_name else "—" for n in names)
        load = r.get("load", [0.0, 0.0])
        lines.append(
            f"| {r['seed']} | {r['wall_s']:.2f} s | {load[0]:.1f} → {load[1]:.1f} "
            f"| {r['placed']:,} | {cells} | {_verdict(r)} |"
        )
    return lines


def seeds_lines(seeds: dict[str, Any], measured_by: str | None = None) -> list[str]:
    """The section of RESULTS.md: one table per target of the module docstring."""
    rows = seeds["rows"]
    out = ["## Budget and stable mode on fixed seeds (issue 17)", ""]
    if measured_by:
        out += [f"Carried over from {measured_by} (UTC).", ""]
    out += [
        f"Seeds fixed in `benchmarks/seeds.py` before any measurement: "
        f"{', '.join(map(str, SEEDS))} at 10,000 × 120, {POOL_SEED} at 100,000 × 2,500. Each "
        "cell is a level: ✓ proven optimal, else its gap to its proven bound; then its time. "
        f"Load: the one-minute load average before and after the process, on {os.cpu_count()} "
        f"CPUs. Total {seeds['total_s'] / 60:.1f} min with the preparations.",
        "",
    ]
    parts = [
        (
            "Budget at 90 % of the unconstrained cost, 10 s limit (10,000 × 120). Target: "
            "priority and coverage proven, every later level within 0.5 % of its bound, in 10 s.",
            [r for r in rows if r["contender"] == "hamyar-budget"],
        ),
        (
            "Stable mode (10,000 × 120). Target: every level proven in < 5 s.",
            [r for r in rows if r["contender"] == "hamyar-stable"],
        ),
        (
            "Budget at 90 %, 60 s limit (100,000 × 2,500). Target: coverage within 1 % of its "
            "bound.",
            [r for r in rows if r["contender"] == "hamyar-budget-at-limit"],
        ),
    ]
    for title, part in parts:
        if part:
            out += [title, "", *_table(part), ""]
    for r in rows:
        if r.get("ok") and r.get("budget_rial"):
            out.append(
                f"- {r['applicants']:,} seed {r['seed']}: planned cost "
                f"{r['planned_cost_rial'] / 1e9:,.2f} bn rial of a cap of "
                f"{r['budget_rial'] / 1e9:,.2f} bn; {r['note']}."
            )
    out.append("")
    return out
