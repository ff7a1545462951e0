"""Batches: the manifest, local processes and a real Dask LocalCluster, failures kept apart."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.errors import HamyarError, InputError
from hamyar.scenarios.batch import (
    BatchOutcome,
    dask_executor,
    local_executor,
    read_manifest,
    run_jobs,
)

GENERATED = 3


def make_batch(root: Path, write_instance: Callable[[Path], Path]) -> Path:
    """``hamyar generate --institutions 3`` plus two entries of our own: the hand-made
    instance through ``scenario =`` with an override, and one whose applicants file is bad."""
    result = CliRunner().invoke(
        cli,
        [
            "generate",
            "--applicants",
            "150",
            "--institutions",
            str(GENERATED),
            "--units",
            "9",
            "--seed",
            "7",
            "--out",
            str(root),
        ],
    )
    assert result.exit_code == 0, result.output
    write_instance(root / "case")
    bad = root / "broken"
    bad.mkdir()
    (bad / "applicants.csv").write_text(
        "student_id,first_name,last_name,gender,degree,gpa,semesters_passed,preferences\n"
        "X1,Ali,Rezaei,male,bachelor_continuous,twenty,3,A\n",
        encoding="utf-8",
    )
    manifest = root / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    text += (
        "\n[[scenarios]]\n"
        'name = "hand-made"\n'
        'scenario = "case/changed.toml"\n'
        "[scenarios.overrides]\n"
        "lottery_seed = 9\n"
        "\n[[scenarios]]\n"
        'name = "broken"\n'
        'applicants = "broken/applicants.csv"\n'
        'units = "case/data/units.csv"\n'
        'term = "1402-1"\n'
    )
    manifest.write_text(text, encoding="utf-8")
    return manifest


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory, write_instance) -> Path:
    return make_batch(tmp_path_factory.mktemp("batch"), write_instance)


def comparable(outcome: BatchOutcome) -> tuple[object, ...]:
    """What must agree between executors: status, KPIs (not the timings), the placements."""
    kpis = outcome.kpis.model_dump(exclude={"solve_time_s"}) if outcome.kpis else None
    return (outcome.name, outcome.ok, kpis, outcome.files.get("assignments.csv"))


def test_manifest_of_generate_is_read(batch: Path) -> None:
    jobs = read_manifest(batch)
    assert [j.name for j in jobs] == ["inst-001", "inst-002", "inst-003", "hand-made", "broken"]
    first = jobs[0].scenario
    assert first.applicants == str((batch.parent / "inst-001" / "applicants.csv").resolve())
    assert first.term == "1402-1"
    hand = jobs[3].scenario
    assert hand.overrides["lottery_seed"] == 9 and hand.overrides["time_limit_s"] == 20
    assert len(hand.closed_units) == 1  # inherited from changed.toml


@pytest.mark.slow
def test_local_processes_and_dask_local_cluster_agree(batch: Path) -> None:
    jobs = read_manifest(batch)
    with local_executor(2) as ex:
        local = run_jobs(jobs, ex)
    with dask_executor(local_workers=2, processes=False) as ex:
        seen: list[str] = []
        dask = run_jobs(jobs, ex, lambda o: seen.append(o.name))
    assert sorted(seen) == sorted(j.name for j in jobs)
    assert [comparable(o) for o in local] == [comparable(o) for o in dask]
    assert [o.ok for o in local] == [True, True, True, True, False]
    for o in local[:4]:
        assert {"summary.json", "assignments.csv", "eligibility.csv", "source.json"} <= set(o.files)
        assert o.kpis is not None and o.kpis.placed > 0


@pytest.mark.slow
def test_a_failing_scenario_is_reported_and_the_rest_finish(batch: Path) -> None:
    jobs = read_manifest(batch)
    with local_executor(1) as ex:
        outcomes = run_jobs(jobs, ex)
    broken = outcomes[-1]
    assert not broken.ok and broken.kpis is None
    assert broken.error is not None
    assert "broken/applicants.csv:2:gpa" in broken.error
    assert all(o.ok for o in outcomes[:-1])


@pytest.mark.slow
def test_batch_command_writes_the_summary_and_one_folder_per_scenario(
    batch: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        cli, ["batch", str(batch), "--out", str(out), "--workers", "2", "--lang", "en"]
    )
    assert result.exit_code == 1, result.output  # one scenario failed
    assert "broken: failed:" in result.output
    assert "4 of 5 scenarios done" in result.output
    with (out / "batch.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert [(r["scenario"], r["status"]) for r in rows] == [
        ("inst-001", "ok"),
        ("inst-002", "ok"),
        ("inst-003", "ok"),
        ("hand-made", "ok"),
        ("broken", "failed"),
    ]
    assert "gpa" in rows[-1]["error"]
    for name in ("inst-001", "hand-made"):
        summary = json.loads((out / name / "summary.json").read_text(encoding="utf-8"))
        assert summary["name"] == name
        assert (out / name / "assignments.csv").is_file()
        row = next(r for r in rows if r["scenario"] == name)
        assert int(row["placed"]) == summary["counts"]["placed"]
    assert "gpa" in (out / "broken" / "error.txt").read_text(encoding="utf-8")
    import openpyxl

    wb = openpyxl.load_workbook(out / "batch.xlsx")
    ws = wb.active
    assert ws is not None
    assert ws.max_row == 6 and ws["A1"].value == "scenario"


@pytest.mark.slow
def test_batch_on_dask_local_cluster_from_the_command_line(batch: Path, tmp_path: Path) -> None:
    out = tmp_path / "dask"
    args = ["batch", str(batch), "--out", str(out), "--dask-local", "2", "--lang", "fa"]
    result = CliRunner().invoke(cli, args)  # a Persian batch.xlsx, as an office reads it
    assert result.exit_code == 1, result.output
    assert "LocalCluster داسک با ۲ فرایند" in result.output  # Persian, Persian digits
    assert (out / "inst-002" / "summary.json").is_file()
    import openpyxl

    ws = openpyxl.load_workbook(out / "batch.xlsx").active
    assert ws is not None and ws.sheet_view.rightToLeft
    assert ws["A1"].value == "سناریو"


@pytest.mark.slow
@pytest.mark.parametrize(("lang", "words"), [("fa", "عدد نیست"), ("en", "not a number")])
def test_local_workers_write_in_the_language_of_the_batch(
    batch: Path, tmp_path: Path, lang: str, words: str
) -> None:
    """The worker processes start with the suite's HAMYAR_LANG=en; ``--lang`` still decides
    the language of what they write (the failed scenario's error, in error.txt and batch.xlsx)."""
    manifest = batch.parent / f"broken-{lang}.toml"
    manifest.write_text(
        '[[scenarios]]\nname = "broken"\napplicants = "broken/applicants.csv"\n'
        'units = "case/data/units.csv"\nterm = "1402-1"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out"
    args = ["batch", str(manifest), "--out", str(out), "--workers", "1", "--lang", lang]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1, result.output
    error = (out / "broken" / "error.txt").read_text(encoding="utf-8")
    assert words in error and "broken/applicants.csv" in error
    import openpyxl

    ws = openpyxl.load_workbook(out / "batch.xlsx").active
    assert ws is not None
    assert words in str(ws["C2"].value)
    other = "not a number" if lang == "fa" else "عدد نیست"
    assert other not in error and other not in str(ws["C2"].value)


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("[[scenarios]]\nname='a'\nbogus=1\n", "unknown key 'bogus'; allowed keys: applicants"),
        ("title='x'\n[[scenarios]]\nname='a'\n", "unknown key 'title'"),
        ("name='x'\n", "no [[scenarios]] tables"),
        (
            "[[scenarios]]\nname='a'\nunits=3\n",
            "scenarios[1]:units: Input should be a valid string",
        ),
        ("[[scenarios]]\nname='a'\n[[scenarios]]\nname='a'\n", "duplicate name"),
        ("[[scenarios]]\nscenario='x.toml'\nextends='y.toml'\n", "either 'scenario' or 'extends'"),
        ("[[scenarios]]\nscenario='nowhere.toml'\n", "scenario file not found"),
    ],
)
def test_bad_manifest_is_rejected_before_anything_runs(
    tmp_path: Path, text: str, words: str
) -> None:
    manifest = tmp_path / "manifest.toml"
    manifest.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_manifest(manifest)
    assert words in str(exc.value)
    result = CliRunner().invoke(cli, ["batch", str(manifest), "--out", str(tmp_path / "o")])
    assert result.exit_code == 2
    assert words in result.output
    assert not (tmp_path / "o").exists()


def test_dask_missing_is_a_clear_message(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "distributed", None)
    with (
        pytest.raises(HamyarError, match=r"pip install 'hamyar\[dask\]'"),
        dask_executor(local_workers=1),
    ):
        pass


def test_conflicting_executor_options(batch: Path, tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli,
        [
            "batch",
            str(batch),
            "--out",
            str(tmp_path / "o"),
            "--dask-local",
            "1",
            "--scheduler",
            "tcp://127.0.0.1:1",
        ],
    )
    assert result.exit_code == 2
    assert "not both" in result.output


@pytest.mark.slow
def test_batch_on_a_dask_scheduler_address(batch: Path, tmp_path: Path) -> None:
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None
    ) as cluster:
        out = tmp_path / "sched"
        result = CliRunner().invoke(
            cli,
            ["batch", str(batch), "--out", str(out), "--scheduler", cluster.scheduler_address],
        )
    assert result.exit_code == 1, result.output
    assert f"Dask at {cluster.scheduler_address}" in result.output
    assert "4 of 5 scenarios done" in result.output
    assert (out / "hand-made" / "assignments.csv").is_file()


@pytest.mark.slow
def test_batch_on_a_real_dask_scheduler_and_workers(batch: Path, tmp_path: Path) -> None:
    """``dask scheduler`` and ``dask worker`` as processes of their own, as an office runs
    them; the batch reaches them by ``--scheduler`` and gives the local processes' placements."""
    dask = Path(sys.executable).with_name("dask")
    address_file = tmp_path / "scheduler.json"
    procs = [
        subprocess.Popen(
            [
                dask,
                "scheduler",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--no-dashboard",
                "--scheduler-file",
                address_file,
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    try:
        deadline = time.monotonic() + 60
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        address = json.loads(address_file.read_text(encoding="utf-8"))["address"]
        procs.append(
            subprocess.Popen(
                [
                    dask,
                    "worker",
                    address,
                    "--nworkers",
                    "2",
                    "--nthreads",
                    "1",
                    "--no-dashboard",
                    "--host",
                    "127.0.0.1",
                ],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
        )
        from distributed import Client

        with Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
            assert len(client.scheduler_info()["workers"]) == 2
        out = tmp_path / "real"
        result = CliRunner().invoke(
            cli, ["batch", str(batch), "--out", str(out), "--scheduler", address, "--lang", "en"]
        )
    finally:
        for proc in reversed(procs):
            proc.terminate()
            proc.wait(timeout=30)
    assert result.exit_code == 1, result.output  # the broken entry fails, the others run
    assert f"Dask at {address}" in result.output
    assert "4 of 5 scenarios done" in result.output
    local = tmp_path / "local"
    again = CliRunner().invoke(cli, ["batch", str(batch), "--out", str(local), "--workers", "2"])
    assert again.exit_code == 1, again.output
    for name in ("inst-001", "inst-002", "inst-003", "hand-made"):
        placed = (out / name / "assignments.csv").read_bytes()
        assert placed == (local / name / "assignments.csv").read_bytes()
    assert (out / "broken" / "error.txt").is_file()


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid``, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.slow
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="prctl is Linux's")
def test_a_killed_batch_leaves_no_worker(batch: Path, tmp_path: Path) -> None:
    # issue 19, case 14: batch worker processes outlived a killed parent
    command = [sys.executable, "-m", "hamyar", "batch", str(batch), "--workers", "2"]
    process = subprocess.Popen([*command, "--out", str(tmp_path / "o")], stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 60
    while len(workers) < 2 and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.1)
        workers = _children(process.pid)
    assert len(workers) >= 2, "the batch started no workers"
    process.kill()
    process.wait()
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    left = [Path(f"/proc/{w}/cmdline").read_bytes()[:200] for w in workers if _alive(w)]
    assert left == []
