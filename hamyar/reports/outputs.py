"""The files of a run (DATA.md, *outputs of a run*), written into one folder.

``assignments.csv``, ``eligibility.csv``, ``unassigned.csv``, ``summary.json`` and
``allocation.xlsx`` (plus one workbook per unit with ``per_unit``). The caller hands a folder
from :func:`hamyar.io.outdir.staged_output`, so a failed run leaves nothing behind.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from hamyar import __version__
from hamyar.io.csvfile import write_csv
from hamyar.io.placements import placed_rows, write_assignments_csv
from hamyar.models import Gender
from hamyar.models.run import RunResult
from hamyar.reports.eligibility_csv import write_eligibility_csv

UNASSIGNED_HEADER = (
    "student_id",
    "first_name",
    "last_name",
    "gender",
    "degree",
    "priority_score",
    "gpa",
    "asked_units",
    "reason_kinds",
    "holders",
    "explanation_fa",
    "explanation_en",
)


def write_unassigned_csv(path: Path, result: RunResult) -> None:
    """Eligible applicants left without a seat, each with the optimizer's explanation."""
    problem = result.problem
    placed = result.allocation.by_student
    explanations = {e.student_id: e for e in result.allocation.explanations}
    rows = []
    for sid in result.eligibility.eligible_ids:
        if sid in placed:
            continue
        app = problem.applicant_by_id[sid]
        exp = explanations.get(sid)
        units = exp.units if exp else ()
        rows.append(
            (
                sid,
                app.first_name,
                app.last_name,
                app.gender.value,
                app.degree.value,
                problem.policy.priority_score(app.priority_groups),
                f"{app.gpa:.2f}",
                ";".join(u.unit_code for u in units),
                ";".join(u.kind for u in units),
                ";".join(u.holder_student_id or "" for u in units),
                exp.message_fa if exp else "",
                exp.message_en if exp else "",
            )
        )
    write_csv(path, UNASSIGNED_HEADER, rows)


def summary_dict(result: RunResult) -> dict[str, Any]:
    """What ``summary.json`` holds: status, objective stages, counts, cost, timings, hashes,
    the policy as used."""
    alloc = result.allocation
    fill: dict[str, dict[str, dict[str, int]]] = {}
    for f in alloc.fill:
        fill.setdefault(f.unit_code, {})[f.gender.value] = {
            "seats": f.seats,
            "filled": f.filled,
            "min_fill": f.min_fill,
        }
    kpis = result.kpis.model_dump(mode="json")
    return {
        "hamyar_version": __version__,
        "name": result.problem.name,
        "term": str(result.problem.term),
        "status": alloc.status.value,
        "message": alloc.message,
        "objective": [
            {
                "stage": s.name,
                "value": s.value,
                "bound": s.bound,
                "gap": s.gap,
                "status": s.status.value,
                "method": s.method,
                "wall_time_s": round(s.wall_time_s, 4),
            }
            for s in alloc.stages
        ],
        "kpis": kpis,
        "counts": {
            "applicants": result.kpis.applicants,
            "eligible": result.kpis.eligible,
            "placed": result.kpis.placed,
            "placed_by_gender": {g.value: result.kpis.placed_by_gender[g] for g in Gender},
            "per_unit": fill,
        },
        "cost": {
            "monthly_rial": result.planned.monthly_rial,
            "term_rial": result.planned.term_rial,
            "monthly_toman": result.planned.monthly_toman,
            "term_toman": result.planned.term_toman,
            "months_per_term": result.planned.months_per_term,
        },
        "justified_envy": [p.model_dump(mode="json") for p in alloc.envy_pairs],
        "timings_s": {k: round(v, 4) for k, v in result.timings.items()},
        "input_hashes": dict(result.input_hashes),
        "warnings": [str(w) for w in result.warnings],
        "policy": result.problem.policy.model_dump(mode="json"),
    }


def write_summary_json(path: Path, result: RunResult) -> None:
    path.write_text(
        json.dumps(summary_dict(result), ensure_ascii=False, indent=2, sort_keys=False) + "\n",
        encoding="utf-8",
    )


def write_machine_outputs(folder: Path, result: RunResult) -> None:
    """The machine-readable files: assignments, eligibility, unassigned (CSV) and summary.json."""
    rows = placed_rows(result.problem, result.allocation)
    write_assignments_csv(folder / "assignments.csv", rows)
    write_eligibility_csv(folder / "eligibility.csv", result.problem, result.eligibility)
    write_unassigned_csv(folder / "unassigned.csv", result)
    write_summary_json(folder / "summary.json", result)


def write_run(folder: Path, result: RunResult, lang: str = "fa", per_unit: bool = False) -> None:
    """Every output file of a run into ``folder``: the machine-readable ones and the workbooks
    (imported here: ``allocate`` writes none)."""
    from hamyar.reports.unit_sheets import write_unit_workbooks
    from hamyar.reports.workbook import write_workbook

    write_machine_outputs(folder, result)
    write_workbook(folder / "allocation.xlsx", result, lang=lang)
    if per_unit:
        units_dir = folder / "units"
        units_dir.mkdir()
        write_unit_workbooks(units_dir, result, lang=lang)
