"""Paying a month: an allocation edited after the run wrote it is refused (#19 case 5)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from click.testing import CliRunner

from hamyar.cli import cli
from hamyar.errors import InputError
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.pipeline.month import refuse_edited_allocation


def test_pay_refuses_an_edited_allocation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # case 5: a changed Sheba or marital status in assignments.csv was paid without a word
    monkeypatch.setenv("HAMYAR_WORKSPACE", str(tmp_path / "ws"))
    out = tmp_path / "run"
    result = CliRunner().invoke(cli, ["run", "--out", str(out), "--lang", "en"])
    assert result.exit_code == 0, result.output
    refuse_edited_allocation(read_allocation_dir(out))  # as written: accepted
    path = out / "assignments.csv"
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    married = rows[0].index("marital_status")
    rows[5][married] = "married" if rows[5][married] != "married" else "single"
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    with pytest.raises(InputError) as info:
        refuse_edited_allocation(read_allocation_dir(out))
    assert str(info.value).startswith(f"{path}:6: changed since the run wrote it")
    assert f"({rows[5][0]})" in str(info.value)
