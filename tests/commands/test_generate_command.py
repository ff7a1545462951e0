"""``hamyar generate``: the files it writes (CSV, Persian workbooks, a national batch), its bad
arguments, a non-empty folder, and the same bytes from two processes under two hash seeds."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.generator.default import default_applicants, default_rejections
from hamyar.io import read_applicants, read_rejections, read_units


def _csv_digest(out: Path, hash_seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    args = ["generate", "--applicants", "400", "--units", "40", "--seed", "9", "--out", str(out)]
    subprocess.run(
        [sys.executable, "-m", "hamyar", *args],
        check=True,
        env=env,
        capture_output=True,
    )
    digest = hashlib.sha256()
    for name in ("applicants.csv", "units.csv", "rejections.csv"):
        digest.update((out / name).read_bytes())
    return digest.hexdigest()


@pytest.mark.slow
def test_generate_as_a_process_same_bytes_under_any_hash_seed(tmp_path: Path) -> None:
    """No dependence on hash randomisation: two processes, two hash seeds, same bytes."""
    assert _csv_digest(tmp_path / "a", "1") == _csv_digest(tmp_path / "b", "2")


def test_generate_command_writes_readable_files(tmp_path: Path) -> None:
    out = tmp_path / "qom"
    result = CliRunner().invoke(
        cli, ["generate", "--applicants", "1000", "--units", "25", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "1,000 applicants, 25 units (284 seats: 154 female / 130 male)" in result.output
    assert sorted(p.name for p in out.iterdir()) == [
        ".hamyar.json",
        "applicants.csv",
        "rejections.csv",
        "units.csv",
    ]
    applicants = read_applicants(out / "applicants.csv").records
    assert [a.model_dump(exclude={"source"}) for a in applicants] == [
        a.model_dump(exclude={"source"}) for a in default_applicants()
    ]
    assert len(read_units(out / "units.csv").records) == 25
    assert len(read_rejections(out / "rejections.csv").records) == len(default_rejections())


def test_generate_command_persian_workbooks(tmp_path: Path) -> None:
    out = tmp_path / "fa"
    args = ["generate", "--applicants", "200", "--units", "30", "--seed", "3"]
    result = CliRunner().invoke(cli, [*args, "--format", "both", "--lang", "fa", "--out", str(out)])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in out.iterdir())
    assert names == [".hamyar.json"] + [
        f"{w}.{e}" for w in ("applicants", "rejections", "units") for e in ("csv", "xlsx")
    ]
    from_xlsx = read_applicants(out / "applicants.xlsx").records
    from_csv = read_applicants(out / "applicants.csv").records
    assert [a.model_dump(exclude={"source"}) for a in from_xlsx] == [
        a.model_dump(exclude={"source"}) for a in from_csv
    ]
    assert "شماره دانشجویی" in (out / "applicants.csv").read_text(encoding="utf-8-sig")


def test_generate_command_national_batch(tmp_path: Path) -> None:
    out = tmp_path / "national"
    result = CliRunner().invoke(
        cli,
        [
            *("generate", "--applicants", "1500", "--institutions", "5", "--seed", "8"),
            *("--term", "1402-2", "--out", str(out)),
        ],
    )
    assert result.exit_code == 0, result.output
    manifest = tomllib.loads((out / "manifest.toml").read_text(encoding="utf-8"))
    scenarios = manifest["scenarios"]
    assert [s["name"] for s in scenarios] == [f"inst-00{k}" for k in range(1, 6)]
    total = 0
    for scenario in scenarios:
        assert set(scenario) == {"name", "applicants", "units", "rejections", "term"}
        assert scenario["term"] == "1402-2"
        for key in ("applicants", "units", "rejections"):
            assert (out / scenario[key]).is_file()
            assert not Path(scenario[key]).is_absolute()
        total += len(read_applicants(out / scenario["applicants"]).records)
    assert total == 1500


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--applicants", "-5"], "-5 is not in the range"),
        (["--applicants", "0"], "0 is not in the range"),
        (["--units", "0"], "0 is not in the range"),
        (["--applicants", "5", "--institutions", "10"], "must be at least --institutions"),
        (["--institutions", "10", "--units", "5"], "must be at least --institutions"),
        (["--term", "1402-3"], "unknown term"),
        (["--format", "ods"], "'ods' is not one of"),
        (["--lang", "de"], "'de' is not one of"),
    ],
)
def test_generate_bad_arguments_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(cli, ["generate", *args, "--out", str(out)])
    assert result.exit_code == 2
    assert message in result.output
    assert not out.exists()


def test_generate_refuses_a_non_empty_folder_without_force(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "keep.txt").write_text("planner's notes")
    args = ["generate", "--applicants", "200", "--units", "25", "--out", str(out)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 2
    assert "not empty" in result.output
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    result = CliRunner().invoke(cli, [*args, "--force"])
    assert result.exit_code == 2 and "did not write" in result.output
    assert [p.name for p in out.iterdir()] == ["keep.txt"]
    (out / "keep.txt").unlink()
    assert CliRunner().invoke(cli, args).exit_code == 0
    result = CliRunner().invoke(cli, [*args, "--force"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        ".hamyar.json",
        "applicants.csv",
        "rejections.csv",
        "units.csv",
    ]
