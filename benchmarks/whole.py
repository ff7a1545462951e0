"""The whole-process targets of issue 17, measured side by side in one run of ``run.py``.

Every figure is a whole ``hamyar`` process (interpreter start to the last file on disk), timed
from outside by ``run.run_child`` with its peak memory from ``wait4``:

* ``hamyar run`` on the embedded default — median of 3 (``run.bench_run_default``); target
  < 1.2 s.
* ``hamyar allocate`` on a generated 10,000 × 120 **xlsx** instance — median of 3 — against the
  floor: python-calamine reading every cell of the same applicants file plus the first stage as
  one min-cost flow (``contenders.py floor``, each timed alone in one process); target ≤ 2× the
  floor.
* ``hamyar allocate`` on a generated 100,000 × 2,500 **csv** instance, once, against the solve
  alone (the ``allocation`` stage time the same process writes to ``summary.json``); targets
  ≤ 3× the solve and < 1 GiB.
* ``hamyar run`` with every report on a 50,000 × 800 csv instance (a scenario naming the
  files), once; target < 20 s.

``--quick`` measures the 10,000 case and the default only.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from run import CONTENDERS_PY, GIB, SEED, failure_text, hamyar_cmd, run_child

LIMIT_S = 1800.0


def _generate(folder: Path, applicants: int, units: int, fmt: str) -> str:
    cmd = hamyar_cmd(
        "generate",
        "--applicants",
        str(applicants),
        "--units",
        str(units),
        "--seed",
        str(SEED),
        "--format",
        fmt,
        "--out",
        str(folder),
        "--force",
    )
    child = run_child(cmd, LIMIT_S)
    return "" if child.returncode == 0 else f"generate failed: {failure_text(child, LIMIT_S)}"


def _timed(cmd: list[str], out: Path, times: int) -> dict[str, Any]:
    """``cmd`` run ``times`` times; wall times, the largest peak, the stage times of the last."""
    walls: list[float] = []
    peak = 0
    for _ in range(times):
        child = run_child(cmd, LIMIT_S)
        if child.returncode != 0 or child.timed_out:
            return {"ok": False, "failure": failure_text(child, LIMIT_S)}
        walls.append(child.wall_s)
        peak = max(peak, child.maxrss_bytes)
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    return {
        "ok": True,
        "walls": walls,
        "wall_s": statistics.median(walls),
        "peak_bytes": peak,
        "timings": summary.get("timings_s", {}),
    }


def bench_allocate_xlsx(work: Path) -> dict[str, Any]:
    folder = work / "whole-10k"
    error = _generate(folder / "files", 10_000, 120, "xlsx")
    if error:
        return {"ok": False, "failure": error}
    files = [folder / "files" / f"{n}.xlsx" for n in ("applicants", "units", "rejections")]
    out = folder / "out"
    cmd = hamyar_cmd(
        "allocate", str(files[0]), str(files[1]), "--rejections", str(files[2]), "--out", str(out)
    )
    res = _timed([*cmd, "--force"], out, 3)
    floor_json = folder / "floor.json"
    child = run_child(
        [sys.executable, str(CONTENDERS_PY), "floor", *map(str, files), str(floor_json)],
        LIMIT_S,
        floor_json,
    )
    if not child.result.get("ok"):
        res["floor_failure"] = failure_text(child, LIMIT_S)
    else:
        res["floor"] = child.result
    return res


def bench_allocate_csv(work: Path) -> dict[str, Any]:
    folder = work / "whole-100k"
    error = _generate(folder / "files", 100_000, 2_500, "csv")
    if error:
        return {"ok": False, "failure": error}
    f = folder / "files"
    out = folder / "out"
    cmd = hamyar_cmd(
        "allocate",
        str(f / "applicants.csv"),
        str(f / "units.csv"),
        "--rejections",
        str(f / "rejections.csv"),
        "--out",
        str(out),
        "--force",
    )
    return _timed(cmd, out, 1)


def bench_run_reports(work: Path) -> dict[str, Any]:
    folder = work / "whole-50k"
    error = _generate(folder / "files", 50_000, 800, "csv")
    if error:
        return {"ok": False, "failure": error}
    scenario = folder / "files" / "scenario.toml"
    scenario.write_text(
        'name = "whole-50k"\napplicants = "applicants.csv"\nunits = "units.csv"\n'
        'rejections = "rejections.csv"\n',
        encoding="utf-8",
    )
    out = folder / "out"
    return _timed(hamyar_cmd("run", str(scenario), "--out", str(out), "--force"), out, 1)


def bench_whole(work: Path, quick: bool) -> dict[str, Any]:
    started = time.perf_counter()
    load_before = os.getloadavg()[0]
    res: dict[str, Any] = {"allocate_xlsx_10k": bench_allocate_xlsx(work)}
    print("whole allocate 10k xlsx:", res["allocate_xlsx_10k"].get("wall_s"), flush=True)
    if not quick:
        res["allocate_csv_100k"] = bench_allocate_csv(work)
        print("whole allocate 100k csv:", res["allocate_csv_100k"].get("wall_s"), flush=True)
        res["run_reports_50k"] = bench_run_reports(work)
        print("whole run 50k:", res["run_reports_50k"].get("wall_s"), flush=True)
    res["total_s"] = time.perf_counter() - started
    res["load"] = [load_before, os.getloadavg()[0]]
    return res


def _verdict(value: float, limit: float, unit: str) -> str:
    if value <= limit:
        return f"meets the target (≤ {limit:.2f}{unit})"
    return f"**misses the target (≤ {limit:.2f}{unit}) by {value - limit:.2f}{unit}**"


def whole_lines(whole: dict[str, Any], run_default: dict[str, Any] | None) -> list[str]:
    """The section of RESULTS.md: one row per target of issue 17."""
    out = [
        "## Whole process (issue 17)",
        "",
        "Every time is a whole `hamyar` process, start to last file on disk (module docstring of "
        "`benchmarks/whole.py`)."
        + (
            f" One-minute load average {whole['load'][0]:.1f} at the start, "
            f"{whole['load'][1]:.1f} at the end, on {os.cpu_count()} CPUs."
            if whole.get("load")
            else ""
        ),
        "",
        "| run | whole process | compared with | target | verdict |",
        "|---|---:|---|---|---|",
    ]
    if run_default and run_default.get("times"):
        median = statistics.median(run_default["times"])
        out.append(
            f"| `hamyar run`, embedded default (median of {len(run_default['times'])}) "
            f"| {median:.2f} s | — | < 1.2 s | {_verdict(median, 1.2, ' s')} |"
        )
    x = whole.get("allocate_xlsx_10k", {})
    if x.get("ok") and x.get("floor"):
        fl = x["floor"]
        ratio = x["wall_s"] / fl["floor_s"]
        out.append(
            f"| `allocate` 10,000 × 120 xlsx (median of {len(x['walls'])}) | {x['wall_s']:.2f} s, "
            f"{x['peak_bytes'] / GIB:.2f} GiB | floor {fl['floor_s']:.2f} s (calamine "
            f"{fl['read_s']:.2f} s + flow {fl['flow_s']:.2f} s): {ratio:.1f}× "
            f"| ≤ 2× | {_verdict(ratio, 2.0, '×')} |"
        )
    elif x:
        out.append(f"| `allocate` 10,000 × 120 xlsx | failed: {x.get('failure')} | | ≤ 2× | |")
    c = whole.get("allocate_csv_100k")
    if c and c.get("ok"):
        solve = c["timings"].get("allocation", 0.0)
        ratio = c["wall_s"] / solve if solve else float("inf")
        mem = c["peak_bytes"] / GIB
        out.append(
            f"| `allocate` 100,000 × 2,500 csv | {c['wall_s']:.1f} s, {mem:.2f} GiB | solve "
            f"{solve:.1f} s (same process): {ratio:.1f}× | ≤ 3×, < 1 GiB "
            f"| {_verdict(ratio, 3.0, '×')}; memory {_verdict(mem, 1.0, ' GiB')} |"
        )
    elif c:
        out.append(f"| `allocate` 100,000 × 2,500 csv | failed: {c.get('failure')} | | | |")
    r = whole.get("run_reports_50k")
    if r and r.get("ok"):
        out.append(
            f"| `run` 50,000 × 800 csv, all reports | {r['wall_s']:.1f} s, "
            f"{r['peak_bytes'] / GIB:.2f} GiB | — | < 20 s | {_verdict(r['wall_s'], 20.0, ' s')} |"
        )
    elif r:
        out.append(f"| `run` 50,000 × 800, all reports | failed: {r.get('failure')} | | | |")
    stages = [
        (label, res["timings"])
        for label, res in (
            ("allocate 10k xlsx", x),
            ("allocate 100k csv", c or {}),
            ("run 50k", r or {}),
        )
        if res.get("ok")
    ]
    if stages:
        names = sorted({k for _, t in stages for k in t})
        out += ["", "Stage times the processes wrote to `summary.json` (s):", ""]
        out += ["| run | " + " | ".join(names) + " |", "|---|" + "---:|" * len(names)]
        for label, t in stages:
            out.append(f"| {label} | " + " | ".join(f"{t.get(n, 0):.2f}" for n in names) + " |")
    out.append("")
    return out
