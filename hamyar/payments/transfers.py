"""The bank transfer list of a payroll: one transfer per paid student with a valid Sheba.

A paid line goes to the bank when its amount is above zero and its Sheba passes
:func:`hamyar.models.sheba.check_sheba` (ISO 13616 mod-97); otherwise it is *held back* with
the reason (no Sheba on record, or what is wrong with it). A non-Melli account is paid and noted
(the programme prefers Bank Melli).

Control total::

    control_total = Σ amount over the transfers
    payroll total = control_total + Σ amount over the held-back lines

Both identities are checked when a :class:`TransferList` is built.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, computed_field, model_validator

from hamyar.messages import say
from hamyar.models.pay import toman
from hamyar.models.sheba import check_sheba
from hamyar.payments.payroll import PayLine, Payroll
from hamyar.text import Lang


class Transfer(BaseModel):
    """One row of the transfer list."""

    model_config = ConfigDict(frozen=True)

    sheba: str
    full_name: str
    student_id: str
    national_id: str | None
    amount_rial: int
    description: str
    bank: str | None
    note: str = ""


class HeldBack(BaseModel):
    """A paid line kept out of the transfer list, with the reason."""

    model_config = ConfigDict(frozen=True)

    student_id: str
    full_name: str
    unit_code: str
    amount_rial: int
    sheba: str | None
    reason_fa: str
    reason_en: str


class TransferList(BaseModel):
    """Transfers, held-back lines and the control total of one month's payroll."""

    model_config = ConfigDict(frozen=True)

    month: str
    transfers: tuple[Transfer, ...]
    held_back: tuple[HeldBack, ...]
    control_total_rial: int
    payroll_total_rial: int

    @model_validator(mode="after")
    def _totals(self) -> TransferList:
        rows = sum(t.amount_rial for t in self.transfers)
        held = sum(h.amount_rial for h in self.held_back)
        if rows != self.control_total_rial:
            raise ValueError(f"control total {self.control_total_rial} != sum of rows {rows}")
        if rows + held != self.payroll_total_rial:
            raise ValueError(
                f"transfers {rows} + held back {held} != payroll total {self.payroll_total_rial}"
            )
        return self

    @computed_field  # type: ignore[prop-decorator]
    @property
    def control_total_toman(self) -> int:
        return toman(self.control_total_rial)

    @property
    def held_back_rial(self) -> int:
        return sum(h.amount_rial for h in self.held_back)


def description(line: PayLine, month: str, lang: Lang) -> str:
    """What the bank shows the student: the programme, the month and the unit."""
    unit = (line.unit_name_en or line.unit_name_fa) if lang == "en" else line.unit_name_fa
    return say("pay.transfer.description", lang=lang, month=month, unit=unit)


def build_transfer_list(payroll: Payroll, lang: Lang = "fa") -> TransferList:
    """Split the payroll's paid lines into transfers and held-back lines (see module doc)."""
    month = str(payroll.month)
    transfers: list[Transfer] = []
    held: list[HeldBack] = []
    for line in payroll.lines:
        if line.amount_rial == 0:
            continue
        reason: tuple[str, str] | None = None
        check = None
        if not line.sheba:
            reason = (say("pay.held.no_sheba", lang="fa"), say("pay.held.no_sheba", lang="en"))
        else:
            check = check_sheba(line.sheba)
            if not check.valid:
                problem = check.problem or "invalid"
                problem_fa = check.problem_fa or problem
                reason = (
                    say("pay.held.invalid_sheba", lang="fa", problem=problem_fa),
                    say("pay.held.invalid_sheba", lang="en", problem=problem),
                )
        if reason is not None or check is None:
            fa, en = reason or ("", "")
            held.append(
                HeldBack(
                    student_id=line.student_id,
                    full_name=line.full_name,
                    unit_code=line.unit_code,
                    amount_rial=line.amount_rial,
                    sheba=line.sheba,
                    reason_fa=fa,
                    reason_en=en,
                )
            )
            continue
        bank = check.bank_en if lang == "en" else check.bank_fa
        note = ""
        if not check.is_melli:
            note = say("pay.transfer.not_melli", lang=lang)
        transfers.append(
            Transfer(
                sheba=check.text,
                full_name=line.full_name,
                student_id=line.student_id,
                national_id=line.national_id,
                amount_rial=line.amount_rial,
                description=description(line, month, lang),
                bank=bank,
                note=note,
            )
        )
    return TransferList(
        month=month,
        transfers=tuple(transfers),
        held_back=tuple(held),
        control_total_rial=sum(t.amount_rial for t in transfers),
        payroll_total_rial=payroll.total_rial,
    )
