"""Modes of every output under umask 022 and 002 (#19 case 16): ``run`` (its folder, files and
``units/`` sub-folder), ``timesheets`` (one file) and ``pay`` (``--out``, the month folder and
its files) are what the umask allows, so colleagues on a shared office folder can open them;
tests/io/test_outdir.py has ``generate`` and a replaced setgid folder. The run is of a small
generated scenario: the modes do not depend on the instance, and every file is still written."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.io.outlock import release_all


@pytest.fixture(autouse=True)
def _no_locks_left() -> Iterator[None]:
    yield
    release_all()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scenario of term 1402-1 over 40 generated applicants and 5 units."""
    folder = tmp_path_factory.mktemp("generated")
    args = ["generate", "--applicants", "40", "--units", "5", "--seed", "1", "--out", str(folder)]
    assert CliRunner().invoke(cli, args).exit_code == 0
    path = folder / "small.toml"
    path.write_text(
        'name = "small"\napplicants = "applicants.csv"\nunits = "units.csv"\nterm = "1402-1"\n',
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize(
    "mask, folder_mode, file_mode", [(0o022, 0o755, 0o644), (0o002, 0o775, 0o664)]
)
def test_run_timesheets_and_pay_follow_the_umask(
    scenario: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    mask: int,
    folder_mode: int,
    file_mode: int,
) -> None:
    monkeypatch.setenv("HAMYAR_WORKSPACE", str(tmp_path / "ws"))
    run, ts, paid = tmp_path / "run", tmp_path / "ts.csv", tmp_path / "paid"
    commands = [
        ["run", str(scenario), "--out", str(run), "--per-unit", "--lang", "en"],
        ["adopt", "1"],
        ["timesheets", "--allocation", str(run), "--month", "1402/08", "--out", str(ts)],
        [
            "pay",
            "--allocation",
            str(run),
            "--timesheets",
            str(ts),
            "--month",
            "1402/08",
            "--out",
            str(paid),
            "--lang",
            "en",
        ],
    ]
    old = os.umask(mask)
    try:
        for args in commands:
            result = CliRunner().invoke(cli, args)
            assert result.exit_code == 0, result.output
            release_all()
    finally:
        os.umask(old)
    folders = [run, run / "units", paid, paid / "1402-08"]
    files = [ts, *(p for f in (run, run / "units", paid / "1402-08") for p in f.iterdir())]
    files = [p for p in files if p.is_file()]
    assert len(files) > 10
    assert {str(f): mode(f) for f in folders} == {str(f): folder_mode for f in folders}
    assert {str(f): mode(f) for f in files} == {str(f): file_mode for f in files}
