"""Payments (rules P1–P5): the pay rules applied to an allocation and to a month's timesheets.

* :mod:`hamyar.payments.planned` — planned cost of an allocation, per student, unit and term;
* :mod:`hamyar.payments.payroll` — one month's payroll from timesheets (P3 cap, P4);
* :mod:`hamyar.payments.prorata` — part months of mid-term vacancies, pro rata by days (P5);
* :mod:`hamyar.payments.unpaid` — the hours reported and not paid, with why;
* :mod:`hamyar.payments.transfers` — the bank transfer list and held-back payments.

The pay formula itself is :mod:`hamyar.models.pay` and the Sheba check :mod:`hamyar.models.sheba`
(rule E8 and the optimizer's budget use them too); reading an allocation folder is
:mod:`hamyar.io.placements`, the payroll workbooks :mod:`hamyar.reports.payroll_files` and the
whole ``hamyar pay`` run :mod:`hamyar.pipeline.month`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from hamyar.lazy import lazy_names

if TYPE_CHECKING:
    from hamyar.payments.payroll import BadRow, NotPayable, PayLine, Payroll, compute_payroll
    from hamyar.payments.planned import PlannedCost, StudentCost, UnitCost, planned_cost
    from hamyar.payments.transfers import HeldBack, Transfer, TransferList, build_transfer_list

_LAZY = {
    "BadRow": "hamyar.payments.payroll",
    "NotPayable": "hamyar.payments.payroll",
    "PayLine": "hamyar.payments.payroll",
    "Payroll": "hamyar.payments.payroll",
    "compute_payroll": "hamyar.payments.payroll",
    "PlannedCost": "hamyar.payments.planned",
    "StudentCost": "hamyar.payments.planned",
    "UnitCost": "hamyar.payments.planned",
    "planned_cost": "hamyar.payments.planned",
    "HeldBack": "hamyar.payments.transfers",
    "Transfer": "hamyar.payments.transfers",
    "TransferList": "hamyar.payments.transfers",
    "build_transfer_list": "hamyar.payments.transfers",
}
"""Where each name lives: imported when first asked for, so that importing one
module of the package does not import all of them."""


__getattr__ = lazy_names(__name__, _LAZY)


__all__ = [
    "BadRow",
    "HeldBack",
    "NotPayable",
    "PayLine",
    "Payroll",
    "PlannedCost",
    "StudentCost",
    "Transfer",
    "TransferList",
    "UnitCost",
    "build_transfer_list",
    "compute_payroll",
    "planned_cost",
]
