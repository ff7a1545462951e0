"""Benchmark harness: hamyar against the alternatives, side by side, written to RESULTS.md.

    python benchmarks/run.py [--sizes qom,large,pool,national] [--quick]

For every size it generates the files once with ``hamyar generate`` (not timed as part of any
contender), prepares the problem once (``contenders.py prepare``: the same generator, eligibility,
the unconstrained planned cost) and then runs every contender of ``contenders.CONTENDERS`` in a
process of its own, with a wall-time limit. Each process's peak memory is its ``ru_maxrss`` as
the kernel reports it for that child (``os.wait4``), so it covers the whole process: the
interpreter, the loaded problem and the solver. A contender that raises, runs out of memory or
passes its wall-time limit is recorded with how it failed.

The national size runs ``hamyar batch MANIFEST --out DIR`` on 150 generated institutions with
local worker processes, with ``--dask-local 2`` and with ``--scheduler`` on a ``dask scheduler``
and ``dask worker`` (2 processes) started for it (``cluster.py``), timing the whole command.
The harness also times ``hamyar run`` end to end on the embedded default (median of 3) and the
applicant readers (rows per second, csv and xlsx), the whole-process targets (``whole.py``) and
the budget and stable-mode targets on fixed seeds (``seeds.py``; ``--only-seeds`` runs just
these).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
CONTENDERS_PY = HERE / "contenders.py"
SEED = 1402
GIB = 1024**3
MEMORY_LIMIT_BYTES = 12 * GIB
"""Address-space limit of every contender process (``RLIMIT_AS``)."""

CONTENDER_ORDER = (
    "hamyar",
    "hamyar-stable",
    "hamyar-budget",
    "flow",
    "greedy",
    "deferred-acceptance",
    "cpsat-plain",
)


@dataclass(frozen=True)
class Size:
    """One benchmark size: applicants, units, the wall-time limit per contender."""

    key: str
    title: str
    applicants: int
    units: int
    wall_limit_s: float
    quick_wall_limit_s: float
    contenders: tuple[str, ...] = CONTENDER_ORDER
    institutions: int | None = None


SIZES: dict[str, Size] = {
    "qom": Size("qom", "Qom (1,000 × 25)", 1_000, 25, 120, 60),
    "large": Size("large", "Large university (10,000 × 120)", 10_000, 120, 240, 120),
    "pool": Size("pool", "One pool (100,000 × 2,500)", 100_000, 2_500, 300, 180),
    "national": Size(
        "national", "National batch (150 institutions, 300,000)", 300_000, 0, 3600, 1800, (), 150
    ),
}

TARGETS: dict[str, list[tuple[str, str, float]]] = {
    # (contender, measure, limit): wall_s in seconds, gap as a fraction, peak in bytes
    "qom": [("hamyar", "wall_s", 1.0)],
    "large": [
        ("hamyar", "wall_s", 5.0),
        ("hamyar-stable", "wall_s", 5.0),
        ("hamyar-budget", "gap", 0.001),
        ("hamyar-budget", "wall_s", 10.0),
    ],
    "pool": [("hamyar", "wall_s", 15.0), ("hamyar", "peak", 2.0 * GIB)],
}


@dataclass
class ChildRun:
    """One child process: exit code, wall time, peak memory, whether it was killed on time."""

    returncode: int
    wall_s: float
    maxrss_bytes: int
    timed_out: bool
    stderr: str = ""
    result: dict[str, Any] = field(default_factory=dict)


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def run_child(cmd: list[str], wall_limit_s: float, result_file: Path | None = None) -> ChildRun:
    """Run ``cmd`` in a new session under the wall-time and memory limits; peak RSS by wait4."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            cmd,
            stdout=subprocess.DEVNULL,
            stderr=err,
            start_new_session=True,
            preexec_fn=_limit_memory,
        )
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if time.perf_counter() - start > wall_limit_s:
                timed_out = True
                os.killpg(proc.pid, signal.SIGKILL)
                pid, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode("utf-8", "replace")
    result: dict[str, Any] = {}
    if result_file is not None and result_file.exists():
        result = json.loads(result_file.read_text(encoding="utf-8"))
    return ChildRun(proc.returncode, wall, usage.ru_maxrss * 1024, timed_out, stderr, result)


def hamyar_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "hamyar", *args]


def failure_text(child: ChildRun, limit: float) -> str:
    if child.timed_out:
        return f"timeout: killed after {limit:g} s"
    if child.result.get("failure"):
        return str(child.result["failure"])
    if child.returncode < 0:
        sig = signal.Signals(-child.returncode).name
        near = child.maxrss_bytes > 0.8 * MEMORY_LIMIT_BYTES
        return f"killed by {sig}" + (" (memory)" if near else "")
    tail = child.stderr.strip().splitlines()[-1:] or ["no output"]
    return f"exit {child.returncode}: {tail[0][:200]}"


def wall_limit(size: Size, quick: bool, override: float | None) -> float:
    """Seconds one contender process (or one batch command) may run."""
    if override is not None:
        return override
    return size.quick_wall_limit_s if quick else size.wall_limit_s


def bench_size(size: Size, quick: bool, work: Path, log: list[str], limit: float) -> dict[str, Any]:
    """Generate, prepare, and run every contender of one size."""
    folder = work / size.key
    cpsat_limit = 10.0 if quick else 60.0
    started = time.perf_counter()
    gen = run_child(
        hamyar_cmd(
            "generate",
            "--applicants",
            str(size.applicants),
            "--units",
            str(size.units),
            "--seed",
            str(SEED),
            "--out",
            str(folder / "files"),
            "--force",
        ),
        3600,
    )
    out: dict[str, Any] = {"generate_s": time.perf_counter() - started, "rows": [], "limit": limit}
    if gen.returncode != 0:
        out["error"] = f"hamyar generate failed: {failure_text(gen, 3600)}"
        return out
    out["applicants_csv"] = str(folder / "files" / "applicants.csv")
    pkl = folder / "problem.pkl"
    started = time.perf_counter()
    prep = run_child(
        [
            sys.executable,
            str(CONTENDERS_PY),
            "prepare",
            str(size.applicants),
            str(size.units),
            str(SEED),
            str(pkl),
        ],
        3600,
    )
    out["prepare_s"] = time.perf_counter() - started
    if prep.returncode != 0:
        out["error"] = f"prepare failed: {failure_text(prep, 3600)}"
        return out
    for name in size.contenders:
        result_file = folder / f"{name}.json"
        child = run_child(
            [
                sys.executable,
                str(CONTENDERS_PY),
                "solve",
                str(pkl),
                name,
                str(cpsat_limit),
                str(result_file),
            ],
            limit,
            result_file,
        )
        row: dict[str, Any] = dict(child.result)
        row["contender"] = name
        row["peak_bytes"] = child.maxrss_bytes
        row["process_s"] = child.wall_s
        if child.timed_out or child.returncode != 0 or not row.get("ok"):
            row["ok"] = False
            row["failure"] = failure_text(child, limit)
        out["rows"].append(row)
        msg = f"{size.key} {name}: " + (
            f"{row['wall_s']:.2f} s, {row['placed']} placed, {row['status']}"
            if row["ok"]
            else row["failure"]
        )
        log.append(msg)
        print(msg, flush=True)
    return out


def bench_national(size: Size, work: Path, limit: float) -> dict[str, Any]:
    """``hamyar batch`` on a generated national batch: local processes, a Dask LocalCluster and
    a real Dask scheduler and worker."""
    folder = work / size.key
    started = time.perf_counter()
    gen = run_child(
        hamyar_cmd(
            "generate",
            "--applicants",
            str(size.applicants),
            "--institutions",
            str(size.institutions),
            "--seed",
            str(SEED),
            "--out",
            str(folder / "files"),
            "--force",
        ),
        3600,
    )
    out: dict[str, Any] = {"generate_s": time.perf_counter() - started, "runs": [], "limit": limit}
    if gen.returncode != 0:
        out["error"] = f"hamyar generate failed: {failure_text(gen, 3600)}"
        return out
    manifest = folder / "files" / "manifest.toml"
    for label, name, extra in (
        ("local processes (2)", "local", ["--workers", "2"]),
        ("Dask local (2)", "Dask", ["--dask-local", "2"]),
        ("Dask scheduler + worker (2)", "scheduler", None),
    ):
        run = _national_run(label, extra, manifest, folder / name, limit)
        out["runs"].append(run)
        print(f"national {label}: {run['wall_s']:.1f} s {run['failure']}", flush=True)
    return out


def _national_run(
    label: str, extra: list[str] | None, manifest: Path, out: Path, limit: float
) -> dict[str, Any]:
    """One ``hamyar batch`` of the national manifest into ``out``; ``extra`` ``None``: on a
    ``dask scheduler`` and ``dask worker`` started for it (``cluster.py``; their start is not
    timed)."""
    base = hamyar_cmd("batch", str(manifest), "--out", str(out))
    if extra is None:
        from cluster import dask_cluster

        try:
            with dask_cluster(2, out.with_name(out.name + "-cluster")) as address:
                child = run_child([*base, "--force", "--scheduler", address], limit)
        except (RuntimeError, OSError, subprocess.SubprocessError) as exc:
            return {"how": label, "ok": False, "wall_s": 0.0, "peak_bytes": 0, "failure": str(exc)}
    else:
        child = run_child([*base, "--force", *extra], limit)
    ok = child.returncode == 0 and not child.timed_out
    return {
        "how": label,
        "ok": ok,
        "wall_s": child.wall_s,
        "peak_bytes": child.maxrss_bytes,
        "failure": "" if ok else failure_text(child, limit),
    }


def bench_run_default(work: Path) -> dict[str, Any]:
    """``hamyar run`` on the embedded default, process start to workbook on disk, 3 times."""
    times: list[float] = []
    failure = ""
    for i in range(3):
        out = work / f"run-{i}"
        child = run_child(hamyar_cmd("run", "--out", str(out), "--force"), 600)
        if child.returncode != 0 or not list(out.glob("*.xlsx")):
            failure = failure_text(child, 600)
            break
        times.append(child.wall_s)
    return {"times": times, "failure": failure}


def bench_readers(csv_file: Path | None, quick: bool, work: Path) -> list[dict[str, Any]]:
    """Rows per second of ``read_applicants`` on the largest csv and a generated xlsx."""
    rows: list[dict[str, Any]] = []
    xlsx_rows = 5_000 if quick else 20_000
    folder = work / "xlsx"
    gen = run_child(
        hamyar_cmd(
            "generate",
            "--applicants",
            str(xlsx_rows),
            "--format",
            "xlsx",
            "--out",
            str(folder),
            "--force",
        ),
        1800,
    )
    files: list[tuple[str, Path]] = []
    if gen.returncode == 0:
        files.append(("xlsx", folder / "applicants.xlsx"))
    if csv_file is not None:
        files.append(("csv", csv_file))
    for kind, path in files:
        result_file = work / f"read-{kind}.json"
        child = run_child(
            [sys.executable, str(CONTENDERS_PY), "read", str(path), str(result_file)],
            1800,
            result_file,
        )
        row = dict(child.result)
        row["kind"] = kind
        row["peak_bytes"] = child.maxrss_bytes
        if child.returncode != 0 or not row.get("rows"):
            row["failure"] = failure_text(child, 1800)
        rows.append(row)
    return rows


# ---------------------------------------------------------------- report


def compiled() -> None:
    """hamyar's modules compiled once, and kept, as an installed package has them: every timed
    process then starts from bytecode (an environment with ``PYTHONDONTWRITEBYTECODE`` would
    otherwise compile all of hamyar again at every start, about 0.25 s of CPU)."""
    import compileall

    import hamyar

    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    sys.dont_write_bytecode = False
    compileall.compile_dir(Path(hamyar.__file__).parent, quiet=1)


def machine() -> dict[str, str]:
    import ortools

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = "unknown"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem = f"{int(line.split()[1]) / 1024**2:.1f} GiB"
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "cpu": cpu,
        "python": platform.python_version(),
        "ortools": str(getattr(ortools, "__version__", "unknown")),
        "platform": platform.platform(),
    }


def _mib(n: int) -> str:
    return f"{n / 1024**2:,.0f} MiB"


def _stage_gap(stage: list[Any]) -> float:
    """``|bound − value| / max(1, |bound|)`` of one ``[name, value, bound, status]`` stage."""
    return abs(stage[2] - stage[1]) / max(1.0, abs(stage[2]))


def _gap(row: dict[str, Any]) -> str:
    """The largest relative gap; for a lexicographic run also the first stage not proven
    optimal (the stages before it are exact, the later ones are bounded given it)."""
    gap = row.get("gap")
    if gap is None:
        return "—"
    text = f"{100 * gap:.3g} %"
    unproven = [s for s in row.get("stages", []) if s[3] != "optimal"]
    if unproven:
        first = unproven[0]
        text += f" (max); first unproven stage {first[0]}: {100 * _stage_gap(first):.3g} %"
    return text


def _ranks(row: dict[str, Any]) -> str:
    ranks = row.get("ranks") or {}
    return " / ".join(f"{k}:{v}" for k, v in ranks.items()) or "—"


def size_table(rows: list[dict[str, Any]]) -> list[str]:
    flow = next((r for r in rows if r["contender"] == "flow" and r.get("ok")), None)
    lines = [
        "| contender | wall time | peak memory | status | gap | placed | placed priority "
        "| ranks (rank:count) | justified envy | valid | time ÷ flow |",
        "|---|---:|---:|---|---:|---:|---:|---|---:|---|---:|",
    ]
    for r in rows:
        peak = _mib(r["peak_bytes"]) if r.get("peak_bytes") else "—"
        if not r.get("ok"):
            lines.append(
                f"| {r['contender']} | failed ({r['process_s']:.1f} s in all) | {peak} "
                f"| **{r['failure']}** | — | — | — | — | — | — | — |"
            )
            continue
        ratio = "—"
        if flow is not None and r["contender"].startswith("hamyar"):
            ratio = f"{r['wall_s'] / flow['wall_s']:.1f}×"
        status = r["status"] + (f" ({r['note']})" if r.get("note") else "")
        if r["status"] == "unknown":
            status = f"**no solution within the time limit** ({status})"
        if r.get("budget_rial"):
            status += (
                f"; planned cost {r['planned_cost_rial'] / 1e9:,.2f} bn rial of a cap of "
                f"{r['budget_rial'] / 1e9:,.2f} (90 % of {r['unconstrained_cost_rial'] / 1e9:,.2f})"
            )
        lines.append(
            f"| {r['contender']} | {r['wall_s']:.3f} s | {peak} | {status} | {_gap(r)} "
            f"| {r['placed']:,} | {r['placed_priority']:,} | {_ranks(r)} | {r['envy']:,} "
            f"| {'yes' if r['valid'] else 'NO'} | {ratio} |"
        )
    return lines


def target_lines(key: str, rows: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    by_name = {r["contender"]: r for r in rows}
    for name, what, limit in TARGETS.get(key, []):
        r = by_name.get(name)
        if r is None:
            continue
        if not r.get("ok"):
            lines.append(f"- {name}: target {what} missed — the run failed ({r['failure']}).")
            continue
        if what == "wall_s":
            value, shown, lim = r["wall_s"], f"{r['wall_s']:.2f} s", f"{limit:g} s"
        elif what == "gap":
            # the lexicographic gap: that of the first stage not proven optimal
            unproven = [s for s in r.get("stages", []) if s[3] != "optimal"]
            value = _stage_gap(unproven[0]) if unproven else (r.get("gap") or 0.0)
            where = f" at stage {unproven[0][0]}" if unproven else ""
            shown, lim = f"{100 * value:.3g} %{where}", f"{100 * limit:g} %"
        else:
            value, shown, lim = r["peak_bytes"], _mib(r["peak_bytes"]), _mib(int(limit))
        if name != "hamyar-budget" and what == "wall_s" and r.get("status") != "optimal":
            lines.append(f"- {name}: not proven optimal (status {r['status']}).")
        if value < limit:
            lines.append(f"- {name}: {what} {shown} — meets the target (< {lim}).")
        else:
            over = value - limit
            amount = (
                f"{over:.2f} s"
                if what == "wall_s"
                else (f"{100 * over:.3g} points" if what == "gap" else _mib(int(over)))
            )
            lines.append(
                f"- {name}: {what} {shown} — **misses the target (< {lim}) by {amount}** "
                f"({value / limit:.2f}× the target)."
            )
    return lines


def write_results(path: Path, data: dict[str, Any], argv: str) -> None:
    m = data["machine"]
    out = [
        "# Benchmark results",
        "",
        f"Written by `{argv}` on {data['date']} (UTC), total {data['total_s'] / 60:.1f} min.",
        "",
        f"Machine: {m['nproc']} CPUs (`nproc`), {m['memory']} memory, {m['cpu']}; "
        f"{m['platform']}; Python {m['python']}, OR-Tools {m['ortools']}. The machine is shared: "
        "absolute times drift with its load; the ratio of hamyar's time to the min-cost flow's, "
        "measured in the same run, is the figure to watch. hamyar's modules are compiled "
        "before the first timed process, as an installed package has them.",
        "",
        "How it was measured: every size is generated once with `hamyar generate` (seed "
        f"{SEED}); one preparation process builds the same problem with the generator "
        "(`generate_instance`), decides eligibility and solves it once for the unconstrained "
        "planned cost, and pickles the three. Every contender then runs in its own process, "
        "which loads the pickle (not timed) and times the contender alone; *wall time* is that "
        "time, *peak memory* the process's `ru_maxrss` from `wait4` (interpreter, loaded problem "
        "and solver included). Justified envy is `hamyar.optimizer.envy.justified_envy` on every "
        "contender's placement; *valid* checks admissible pairs and seats per gender. "
        f"CP-SAT limit of the plain model: {data['cpsat_limit']:g} s; the budget run is given "
        "10 s (the target). `--quick`: " + ("yes." if data["quick"] else "no."),
        "",
    ]
    for key in [k for k in SIZES if k in data["sizes"]]:
        res = data["sizes"][key]
        size = SIZES[key]
        out += [f"## {size.title}", ""]
        if res.get("measured_by"):
            out += [f"Carried over from {res['measured_by']} (UTC).", ""]
        if res.get("error"):
            out += [f"Not measured: {res['error']}", ""]
            continue
        if key == "national":
            out += [
                f"Generated in {res['generate_s']:.0f} s. Only hamyar is run at this size "
                "(`hamyar batch MANIFEST --out DIR`, whole command timed, reports included); "
                "the other contenders are skipped.",
                "",
                "| how | wall time | peak memory (largest single process) | result |",
                "|---|---:|---:|---|",
            ]
            for r in res["runs"]:
                out.append(
                    f"| {r['how']} | {r['wall_s']:.1f} s | {_mib(r['peak_bytes'])} "
                    f"| {'ok' if r['ok'] else r['failure']} |"
                )
            out.append("")
            continue
        out += [
            f"Generated in {res['generate_s']:.1f} s; prepared in {res['prepare_s']:.1f} s "
            f"(neither counted). Wall-time limit per process: {res['limit']:g} s.",
            "",
            *size_table(res["rows"]),
            "",
        ]
        targets = target_lines(key, res["rows"])
        if targets:
            out += ["Targets of the optimizer issue:", "", *targets, ""]
    for key in [k for k in SIZES if k not in data["sizes"]]:
        out += [f"## {SIZES[key].title}", "", "Not run in this run (not in `--sizes`).", ""]
    run = data.get("run_default")
    if run is not None:
        out += ["## `hamyar run` on the embedded default", ""]
        if data.get("extras_by"):
            out += [f"Carried over from the run of {data['extras_by']} (UTC).", ""]
        if run["times"]:
            out.append(
                "Process start to workbook on disk: median "
                f"{statistics.median(run['times']):.2f} s "
                f"of {len(run['times'])} runs ({', '.join(f'{t:.2f}' for t in run['times'])} s)."
            )
        if run["failure"]:
            out.append(f"Failed: {run['failure']}")
        out.append("")
    readers = data.get("readers")
    if readers is not None:
        out += ["## Readers (`read_applicants`)", ""]
        if data.get("extras_by"):
            out += [f"Carried over from the run of {data['extras_by']} (UTC).", ""]
        out += [
            "| file | rows | time | rows per second | peak memory |",
            "|---|---:|---:|---:|---:|",
        ]
        for r in readers:
            if r.get("failure"):
                out.append(f"| {r['kind']} | — | — | **{r['failure']}** | — |")
            else:
                out.append(
                    f"| {r['kind']} ({r['file']}) | {r['rows']:,} | {r['wall_s']:.1f} s "
                    f"| {r['rows_per_s']:,.0f} | {_mib(r['peak_bytes'])} |"
                )
        out.append("")
    if data.get("whole") is not None:
        from whole import whole_lines

        whole = whole_lines(data["whole"], data.get("run_default"))
        if data.get("extras_by"):
            whole[2:2] = [f"Carried over from the run of {data['extras_by']} (UTC).", ""]
        out += whole
    if data.get("seeds") is not None:
        from seeds import seeds_lines

        out += seeds_lines(data["seeds"], data.get("seeds_by"))
    path.write_text("\n".join(out), encoding="utf-8")


def _save(path: Path, data: dict[str, Any], argv: str) -> None:
    write_results(path, data, argv)
    path.with_suffix(".json").write_text(json.dumps(data, indent=1), encoding="utf-8")


def _carry_over(
    path: Path, data: dict[str, Any], keys: list[str], extras: bool, seeds: bool
) -> None:
    """``--update``: keep the sizes (and extras, and the fixed-seed section) of the previous run
    that this run does not measure, each marked with the run that measured it."""
    previous_file = path.with_suffix(".json")
    if not previous_file.exists():
        return
    previous = json.loads(previous_file.read_text(encoding="utf-8"))
    for key, res in previous.get("sizes", {}).items():
        if key not in keys and key in SIZES:
            res.setdefault("measured_by", f"`{previous.get('argv', '?')}` on {previous['date']}")
            data["sizes"][key] = res
    if not extras:
        for key in ("run_default", "readers", "whole"):
            if key in previous:
                data[key] = previous[key]
                data.setdefault("extras_by", previous.get("extras_by") or previous["date"])
    if not seeds and "seeds" in previous:
        data["seeds"] = previous["seeds"]
        data["seeds_by"] = previous.get("seeds_by") or (
            f"`{previous.get('argv', '?')}` on {previous['date']}"
        )
    data["skipped"] = [k for k in SIZES if k not in data["sizes"]]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="qom,large,pool,national")
    parser.add_argument("--quick", action="store_true", help="CP-SAT 10 s, shorter limits")
    parser.add_argument("--out", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--no-extras",
        action="store_true",
        help="skip `hamyar run`, the readers and the whole-process targets",
    )
    parser.add_argument(
        "--no-seeds", action="store_true", help="skip the budget and stable runs on fixed seeds"
    )
    parser.add_argument(
        "--only-seeds",
        action="store_true",
        help="run only the budget and stable runs on fixed seeds (benchmarks/seeds.py)",
    )
    parser.add_argument("--workdir", type=Path, help="keep generated files here")
    parser.add_argument("--wall-limit", type=float, help="seconds per process, every size")
    parser.add_argument(
        "--update", action="store_true", help="keep the other sizes of the previous RESULTS.json"
    )
    parser.add_argument(
        "--render-only", action="store_true", help="rewrite RESULTS.md from RESULTS.json"
    )
    args = parser.parse_args()
    if args.render_only:
        saved = json.loads(args.out.with_suffix(".json").read_text(encoding="utf-8"))
        write_results(args.out, saved, saved.get("argv", "?"))
        return 0
    if args.only_seeds:
        args.sizes, args.no_extras = "", True
    keys = [k.strip() for k in args.sizes.split(",") if k.strip()]
    unknown = [k for k in keys if k not in SIZES]
    if unknown:
        parser.error(f"unknown sizes {unknown}; choose from {list(SIZES)}")
    argv = "python benchmarks/run.py " + " ".join(sys.argv[1:])
    started = time.perf_counter()
    data: dict[str, Any] = {
        "machine": machine(),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M"),
        "argv": argv,
        "quick": args.quick,
        "cpsat_limit": 10.0 if args.quick else 60.0,
        "sizes": {},
        "skipped": [k for k in SIZES if k not in keys],
        "total_s": 0.0,
    }
    if args.update:
        _carry_over(args.out, data, keys, not args.no_extras, not args.no_seeds)
    log: list[str] = []
    compiled()
    with tempfile.TemporaryDirectory(prefix="hamyar-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        # every recorded run goes into a workspace of the harness, not the current folder
        os.environ.setdefault("HAMYAR_WORKSPACE", str(work / "workspace"))
        largest_csv: Path | None = None
        for key in keys:
            size = SIZES[key]
            limit = wall_limit(size, args.quick, args.wall_limit)
            if key == "national":
                res = bench_national(size, work, limit)
            else:
                res = bench_size(size, args.quick, work, log, limit)
                if res.get("applicants_csv"):
                    largest_csv = Path(res["applicants_csv"])
            data["sizes"][key] = res
            data["total_s"] = time.perf_counter() - started
            _save(args.out, data, argv)
        if not args.no_extras:
            data["run_default"] = bench_run_default(work)
            data["readers"] = bench_readers(largest_csv, args.quick, work)
            _save(args.out, data, argv)
            from whole import bench_whole

            data["whole"] = bench_whole(work, args.quick)
        if not args.no_seeds:
            _save(args.out, data, argv)
            from seeds import bench_seeds

            data["seeds"] = bench_seeds(work)
    data["total_s"] = time.perf_counter() - started
    _save(args.out, data, argv)
    print(f"wrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
