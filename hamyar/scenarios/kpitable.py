"""The key figures of a run as one flat row, with Persian and English labels: the columns of the
comparison, sweep and batch tables.

Ranks appear as ``rank_1 … rank_k`` (placed at their k-th choice), up to the largest rank any of
the tabulated runs has; priority groups as ``placed_<group>``, for every group of rule A3.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from hamyar.messages import say
from hamyar.models import Gender, PriorityGroup, persian
from hamyar.models.kpis import Kpis
from hamyar.reports.labels import has_label, label
from hamyar.reports.xlsx_style import GAP_FORMAT
from hamyar.scenarios.xlsx import RIAL_FORMAT, SHARE_FORMAT

Value = int | float | str | None


@dataclass(frozen=True)
class KpiColumn:
    key: str
    en: str
    fa: str
    fmt: str | None = None

    def label(self, lang: str) -> str:
        return self.fa if lang == "fa" else self.en


def _column(key: str, fmt: str | None = None) -> KpiColumn:
    """A fixed column, its words the catalogue's ``report.kpi_table.KEY``."""
    return KpiColumn(key, label(f"kpi_table.{key}", "en"), label(f"kpi_table.{key}", "fa"), fmt)


_HEAD: tuple[KpiColumn, ...] = (
    _column("applicants"),
    _column("eligible"),
    _column("placed"),
    _column("placed_female"),
    _column("placed_male"),
    _column("seats_female"),
    _column("seats_male"),
    _column("seats_left_female"),
    _column("seats_left_male"),
    _column("first_choice_share", SHARE_FORMAT),
)

_TAIL: tuple[KpiColumn, ...] = (
    _column("justified_envy"),
    _column("min_fill_missed"),
    _column("monthly_cost_rial", RIAL_FORMAT),
    _column("term_cost_rial", RIAL_FORMAT),
    _column("status"),
    _column("gap", GAP_FORMAT),
    _column("solve_time_s"),
)


def rank_column(rank: int) -> KpiColumn:
    en = say("report.kpi_table.rank", lang="en", rank=str(rank))
    return KpiColumn(f"rank_{rank}", en, say("report.kpi_table.rank", lang="fa", rank=rank))


def group_column(group: PriorityGroup) -> KpiColumn:
    return KpiColumn(
        f"placed_{group.value}",
        say("report.kpi_table.group", lang="en", group=group.value.replace("_", " ")),
        say("report.kpi_table.group", lang="fa", group=persian(group)),
    )


def kpi_columns(kpis: Iterable[Kpis | None]) -> tuple[KpiColumn, ...]:
    """The columns for these runs: ranks up to the largest any of them has."""
    top = max((max(k.rank_distribution, default=0) for k in kpis if k is not None), default=0)
    return (
        _HEAD
        + tuple(rank_column(r) for r in range(1, top + 1))
        + tuple(group_column(g) for g in PriorityGroup)
        + _TAIL
    )


def kpi_values(k: Kpis) -> dict[str, Value]:
    """``{column key: value}`` of one run (ranks and groups absent from it count 0)."""
    values: dict[str, Value] = {
        "applicants": k.applicants,
        "eligible": k.eligible,
        "placed": k.placed,
        "placed_female": k.placed_by_gender.get(Gender.female, 0),
        "placed_male": k.placed_by_gender.get(Gender.male, 0),
        "seats_female": k.seats_by_gender.get(Gender.female, 0),
        "seats_male": k.seats_by_gender.get(Gender.male, 0),
        "seats_left_female": k.seats_left_by_gender.get(Gender.female, 0),
        "seats_left_male": k.seats_left_by_gender.get(Gender.male, 0),
        "first_choice_share": round(k.first_choice_share, 6),
        "justified_envy": k.justified_envy,
        "min_fill_missed": k.min_fill_missed,
        "monthly_cost_rial": k.monthly_cost_rial,
        "term_cost_rial": k.term_cost_rial,
        "status": k.status,
        "gap": round(k.gap, 6),
        "solve_time_s": round(k.solve_time_s, 3),
    }
    for rank, n in k.rank_distribution.items():
        values[f"rank_{rank}"] = n
    for group in PriorityGroup:
        values[f"placed_{group.value}"] = k.priority_placed.get(group.value, 0)
    return values


def row_of(columns: Sequence[KpiColumn], k: Kpis | None, lang: str = "en") -> list[Value]:
    """One run's values in column order (empty cells for a run that has none); the solver
    status in Persian for ``lang="fa"``."""
    if k is None:
        return [None] * len(columns)
    values = kpi_values(k)
    row: list[Value] = []
    for col in columns:
        value = values.get(col.key, 0 if col.key.startswith("rank_") else None)
        if col.key == "status" and lang == "fa" and isinstance(value, str):
            key = f"kpi_table.status.{value}"
            value = label(key, "fa") if has_label(key) else value
        row.append(value)
    return row


def formats_of(columns: Sequence[KpiColumn], offset: int = 0) -> dict[int, str]:
    """``{column index: number format}`` for :func:`hamyar.scenarios.xlsx.table_sheet`."""
    return {i + offset: c.fmt for i, c in enumerate(columns) if c.fmt}
