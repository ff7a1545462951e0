"""Compare: two to four scenarios run side by side as ``hamyar compare`` runs them, their key
figures with each one's difference from the base, and who gained, lost or moved, with why."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from hamyar.commands.compare import run_comparison
from hamyar.scenarios import build_inputs, load_scenario_inputs, resolve_mapping
from hamyar.scenarios.compare import Comparison, kpi_differences, shown
from hamyar.scenarios.inputs import ScenarioInputs
from hamyar.scenarios.why import change_rows
from hamyar.web import jobs
from hamyar.web.auth import actor
from hamyar.web.scenarios import saved
from hamyar.web.site import Settings, checked_form, lang_of, page, term_of, word
from hamyar.web.state import stored_inputs

BASE = "inputs"
"""The choice that stands for the term's stored inputs with nothing changed."""


def _folder(settings: Settings, term: str) -> Path:
    return settings.term_dir(term) / "compare"


def _choices(settings: Settings, term: str) -> list[str]:
    return [BASE, *(p.stem for p in saved(settings, term))]


def _load(settings: Settings, term: str, choice: str) -> ScenarioInputs:
    if choice == BASE:
        files = stored_inputs(settings, term)
        data = {"name": BASE, "term": term, **{k: str(p) for k, p in files.items()}}
        return build_inputs(resolve_mapping(data, BASE, settings.term_dir(term)))
    paths = {p.stem: p for p in saved(settings, term)}
    return load_scenario_inputs(paths[choice])


def _sign(value: object) -> int:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return (value > 0) - (value < 0)
    return 0


def view(c: Comparison, run_ids: list[int], lang: str) -> dict[str, Any]:
    """What the page shows of a comparison, as plain data (kept beside its folder)."""
    _header, rows = kpi_differences(c, lang)
    k = len(c.names)
    kpis = []
    for row, col in zip(rows, c.columns, strict=True):
        values = [shown(v, col.fmt) for v in row[1 : 1 + k]]
        diffs = [
            {"text": ("+" if _sign(d) > 0 else "") + shown(d, col.fmt), "sign": _sign(d)}
            for d in row[1 + k :]
        ]
        kpis.append({"label": row[0], "values": values, "diffs": diffs})
    counts = [d.counts() for d in c.diffs]
    return {
        "names": list(c.names),
        "runs": run_ids,
        "kpis": kpis,
        "counts": counts,
        "changes": [vars(r) for r in change_rows(c, lang)],
    }


async def compare_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    term = term_of(request)
    return page(
        request,
        "compare.html",
        choices=_choices(settings, term),
        ready={"applicants", "units"} <= set(stored_inputs(settings, term)),
        done=sorted((p.stem for p in _folder(settings, term).glob("*.json")), reverse=True),
    )


async def start(request: Request) -> Response:
    form = await checked_form(request)
    settings: Settings = request.app.state.settings
    term, lang = term_of(request), lang_of(request)
    known = _choices(settings, term)
    picked = [str(v) for v in form.getlist("scenario") if str(v) in known]
    if not 2 <= len(picked) <= 4:
        return page(
            request,
            "compare.html",
            status=422,
            choices=known,
            ready=True,
            done=[],
            error="web.cmp.count",
        )
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    folder = _folder(settings, term)
    folder.mkdir(parents=True, exist_ok=True)

    by = actor(request)
    shown = [word("web.cmp.base_inputs", lang) if c == BASE else c for c in picked]

    def work(job: jobs.Job) -> str:
        job.progress("inputs")
        loaded = [_load(settings, term, choice) for choice in picked]
        comparison, ids = run_comparison(
            loaded,
            folder / stamp,
            settings.workspace_dir,
            lang=lang,
            started=lambda i, inputs: job.of_scenario(shown[i - 1]),
            by=by,
        )
        job.progress("compare")
        (folder / f"{stamp}.json").write_text(
            json.dumps({k: view(comparison, ids, k) for k in ("fa", "en")}, ensure_ascii=False),
            encoding="utf-8",
        )
        return f"/compare/{stamp}"

    job = jobs.start(request, 2 + 3 * len(picked), work)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


def _stamp(request: Request) -> tuple[Path, str]:
    settings: Settings = request.app.state.settings
    folder = _folder(settings, term_of(request))
    stamp = request.path_params["stamp"]
    found = {p.stem for p in folder.glob("*.json")}
    if stamp not in found:
        raise HTTPException(404)
    return folder, stamp


async def result_page(request: Request) -> Response:
    folder, stamp = _stamp(request)
    data = json.loads((folder / f"{stamp}.json").read_text(encoding="utf-8"))
    return page(request, "comparison.html", stamp=stamp, c=data[lang_of(request)])


async def workbook(request: Request) -> Response:
    folder, stamp = _stamp(request)
    path = folder / stamp / "comparison.xlsx"
    if not path.is_file():
        raise HTTPException(404)
    return FileResponse(path, filename=f"comparison-{stamp}.xlsx")
