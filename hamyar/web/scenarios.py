"""Scenarios without TOML: the form of what planners change, saved as the scenario file the
commands read (:mod:`hamyar.scenarios.form`), downloaded as it is, and run."""

from __future__ import annotations

from pathlib import Path

from starlette.datastructures import FormData
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, RedirectResponse, Response

from hamyar.errors import InputError, Issue
from hamyar.io import parse_units
from hamyar.models import Degree, Gender, PriorityGroup, Unit
from hamyar.reports.policy_words import key_label
from hamyar.scenarios import form as scenario_form
from hamyar.scenarios.resolve import SUFFIX
from hamyar.scenarios.spec import read_spec
from hamyar.web import jobs, running
from hamyar.web.auth import actor
from hamyar.web.site import Settings, checked_form, lang_of, page, term_of, word
from hamyar.web.state import stored_inputs


def folder_of(settings: Settings, term: str) -> Path:
    return settings.term_dir(term) / "scenarios"


def saved(settings: Settings, term: str) -> list[Path]:
    """The term's saved scenario files, by name."""
    folder = folder_of(settings, term)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob(f"*{SUFFIX}") if not p.name.startswith("."))


def scenario_path(request: Request) -> Path:
    """The saved scenario the address names (never a path taken from the request)."""
    return scenario_path_named(request, request.path_params["name"])


def _units(settings: Settings, term: str, lang: str) -> list[dict[str, object]]:
    """The stored units as the seats table shows them: code, name in ``lang``, and each
    gender's seats now."""
    files = stored_inputs(settings, term)
    units: list[Unit] = list(parse_units(files["units"]).records) if "units" in files else []
    return [
        {
            "code": u.code,
            "name": u.name_fa if lang == "fa" else u.name_en or u.name_fa,
            "seats": (("female", u.female_seats), ("male", u.male_seats)),
        }
        for u in units
    ]


def _labels(lang: str) -> dict[str, str]:
    """Each field's label: the policy key in Persian words; in English, in words with the key
    as the policy file writes it."""
    if lang == "fa":
        return {key: key_label(key, lang) for key in scenario_form.FIELDS}
    return {key: _english_label(key) for key in scenario_form.FIELDS}


def _english_label(key: str) -> str:
    """``min_gpa.phd`` → ``Minimum GPA (rule E4): phd — min_gpa.phd``."""
    head, _, tail = key.partition(".")
    text = word(f"web.field.{head}", "en")
    if tail:
        text += f": {tail.replace('_', ' ')}"
    return f"{text} — {key}"


def _form_page(
    request: Request,
    status: int = 200,
    values: dict[str, str] | None = None,
    seats: dict[str, str] | None = None,
    name: str = "",
    description: str = "",
    issues: list[Issue] | None = None,
) -> Response:
    app = request.app.state
    term = term_of(request)
    bad = {
        (i.column or "").removeprefix("overrides.") for i in issues or [] if i.column is not None
    }
    return page(
        request,
        "scenarios.html",
        status=status,
        scenarios=[(p.stem, read_spec(p).description) for p in saved(app.settings, term)],
        ready={"applicants", "units"} <= set(stored_inputs(app.settings, term)),
        values=values or scenario_form.defaults(),
        seats=seats or {},
        name=name,
        description=description,
        units=_units(app.settings, term, lang_of(request)),
        degrees=[d.value for d in Degree],
        groups=[g.value for g in PriorityGroup],
        labels=_labels(lang_of(request)),
        issues=[str(i) for i in issues or []],
        bad=bad,
        saved_now=request.query_params.get("saved"),
    )


async def scenarios_page(request: Request) -> Response:
    edit = request.query_params.get("edit")
    if edit:
        path = scenario_path_named(request, edit)
        spec = read_spec(path)
        seats = {
            f"seats.{unit}.{g}": str(getattr(change, g))
            for unit, change in spec.seats.items()
            for g in ("female", "male")
            if getattr(change, g) is not None
        }
        return _form_page(
            request,
            values=scenario_form.from_overrides(spec.overrides),
            seats=seats,
            name=spec.name or path.stem,
            description=spec.description,
        )
    return _form_page(request)


def scenario_path_named(request: Request, name: str) -> Path:
    found = {p.stem: p for p in saved(request.app.state.settings, term_of(request))}
    if name not in found:
        raise HTTPException(404)
    return found[name]


def _fields(form: FormData) -> tuple[dict[str, str], dict[str, str]]:
    values = {
        **scenario_form.defaults(),
        **{k: str(form[k]) for k in scenario_form.FIELDS if k in form},
    }
    seats = {
        k: str(v).strip()
        for k, v in form.multi_items()
        if k.startswith("seats.") and str(v).strip()
    }
    return values, seats


async def save(request: Request) -> Response:
    form = await checked_form(request)
    settings: Settings = request.app.state.settings
    term = term_of(request)
    files = stored_inputs(settings, term)
    if not {"applicants", "units"} <= set(files):
        return RedirectResponse("/inputs", status_code=303)
    values, seats = _fields(form)
    name = str(form.get("name") or "")
    description = str(form.get("description") or "")
    by_unit: dict[tuple[str, Gender], str] = {}
    for key, text in seats.items():
        _, code, gender = key.split(".", 2) if key.count(".") >= 2 else (key, "", "")
        if gender in ("female", "male"):
            by_unit[(code, Gender(gender))] = text
    data = scenario_form.scenario_data(
        name,
        description,
        {kind: f"../inputs/{path.name}" for kind, path in files.items()},
        term,
        values,
        by_unit,
    )
    try:
        scenario_form.save_scenario(folder_of(settings, term), data)
    except InputError as exc:
        return _form_page(request, 422, values, seats, name, description, issues=list(exc.issues))
    return RedirectResponse(f"/scenarios?saved={name.strip()}", status_code=303)


async def download(request: Request) -> Response:
    path = scenario_path(request)
    return FileResponse(path, media_type="application/toml", filename=path.name)


async def run(request: Request) -> Response:
    await checked_form(request)
    path = scenario_path(request)
    settings: Settings = request.app.state.settings
    term, lang = term_of(request), lang_of(request)

    by = actor(request)

    def work(job: jobs.Job) -> str:
        run_id = running.run_scenario(settings, term, path, lang, job.progress, by=by)
        return f"/runs/{run_id}"

    job = jobs.start(request, running.TOTAL, work)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)
