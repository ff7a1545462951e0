"""Payments on a real run of the embedded default: a generated month of timesheets is paid, the
transfer list's control total equals the payroll total less what is held back, and every
held-back row has its reason (issue: payments, "done means")."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

from hamyar.generator.default import default_problem
from hamyar.generator.timesheets import generate_timesheets, write_timesheets
from hamyar.io.allocation_dir import read_allocation_dir
from hamyar.models import JalaliMonth
from hamyar.pipeline import run_problem
from hamyar.pipeline.month import pay_month
from hamyar.reports.outputs import write_machine_outputs


def test_default_run_month_is_paid_exactly(tmp_path: Path) -> None:
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    write_machine_outputs(run_dir, run_problem(default_problem()))
    month = JalaliMonth(year=1402, month=8)
    rows = generate_timesheets(read_allocation_dir(run_dir), month, seed=7)
    write_timesheets(tmp_path / "ts.xlsx", rows)

    paid = pay_month(run_dir, tmp_path / "ts.xlsx", month, tmp_path / "payroll")

    transfers = paid.transfers
    assert transfers.control_total_rial == sum(t.amount_rial for t in transfers.transfers)
    assert transfers.control_total_rial + transfers.held_back_rial == paid.payroll.total_rial
    assert paid.payroll.total_rial == sum(line.amount_rial for line in paid.payroll.lines)
    assert transfers.held_back, "the default pool has invalid Shebas among placed students"
    assert all(h.reason_en and h.reason_fa for h in transfers.held_back)
    # the CSV transfer list adds up to the control total, and the workbook holds the same rows
    with (paid.folder / "transfers.csv").open(encoding="utf-8-sig", newline="") as handle:
        csv_rows = list(csv.DictReader(handle))
    assert len(csv_rows) == len(transfers.transfers)
    amount_column = next(k for k in csv_rows[0] if "amount" in k)
    assert sum(int(r[amount_column]) for r in csv_rows) == transfers.control_total_rial
    wb = openpyxl.load_workbook(paid.folder / "payroll.xlsx")
    assert wb.worksheets[0].sheet_view.rightToLeft
