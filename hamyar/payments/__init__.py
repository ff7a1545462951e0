"""Payments (rules P1–P4): the pay formula, planned cost, payroll from timesheets, transfers.

* :mod:`hamyar.payments.cost` — the one pay formula (optimizer budget, reports, payroll);
* :mod:`hamyar.payments.planned` — planned cost of an allocation, per student, unit and term;
* :mod:`hamyar.payments.placements` — ``assignments.csv`` and the allocation folder;
* :mod:`hamyar.payments.payroll` — one month's payroll from timesheets (P3 cap, P4);
* :mod:`hamyar.payments.transfers` — the bank transfer list and held-back payments;
* :mod:`hamyar.payments.payroll_files` and :mod:`hamyar.payments.monthly` — the files of a
  payroll month and the whole ``hamyar pay`` run;
* :mod:`hamyar.payments.simulate` — a generated month of timesheets.

The names below are the light part (no file formats); ``monthly`` and ``simulate`` are imported
from their modules.
"""

from hamyar.payments.cost import (
    bonus_percent,
    monthly_pay_rial,
    planned_hours,
    planned_monthly_pay_rial,
    planned_term_cost_rial,
    toman,
)
from hamyar.payments.payroll import BadRow, NotPayable, PayLine, Payroll, compute_payroll
from hamyar.payments.placements import (
    AllocationRecord,
    PlacedRow,
    placed_rows,
    read_allocation_dir,
    write_assignments_csv,
)
from hamyar.payments.planned import PlannedCost, StudentCost, UnitCost, planned_cost
from hamyar.payments.sheba import ShebaCheck, check_sheba
from hamyar.payments.transfers import HeldBack, Transfer, TransferList, build_transfer_list

__all__ = [
    "AllocationRecord",
    "BadRow",
    "HeldBack",
    "NotPayable",
    "PayLine",
    "Payroll",
    "PlacedRow",
    "PlannedCost",
    "ShebaCheck",
    "StudentCost",
    "Transfer",
    "TransferList",
    "UnitCost",
    "bonus_percent",
    "build_transfer_list",
    "check_sheba",
    "compute_payroll",
    "monthly_pay_rial",
    "placed_rows",
    "planned_cost",
    "planned_hours",
    "planned_monthly_pay_rial",
    "planned_term_cost_rial",
    "read_allocation_dir",
    "toman",
    "write_assignments_csv",
]
