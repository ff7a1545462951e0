"""Downloads: every workbook and CSV the commands write for a run — its folder (the allocation
workbook, assignments, eligibility, unassigned, summary), the term's payroll months and notices
— listed from the folders themselves; a file is served only when it is on that list."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, Response

from hamyar.store.adoption import adopted
from hamyar.store.errors import WorkspaceError
from hamyar.store.runs import get_run, list_runs
from hamyar.web.site import Settings, page, term_of

KINDS = (".xlsx", ".csv", ".json", ".html", ".toml")


@dataclass(frozen=True)
class Download:
    """One file: where it is served from and how big it is."""

    href: str
    name: str
    size: int


def files_in(folder: Path) -> dict[str, Path]:
    """``{relative name: path}`` of the files hamyar wrote in ``folder`` (hidden ones left out)."""
    if not folder.is_dir():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if (
            path.is_file()
            and path.suffix in KINDS
            and not any(p.startswith(".") for p in rel.parts)
        ):
            found[rel.as_posix()] = path
    return found


def _listing(prefix: str, folder: Path) -> list[Download]:
    return [
        Download(f"{prefix}/{name}", name, path.stat().st_size)
        for name, path in files_in(folder).items()
    ]


def run_folder(request: Request, run_id: int) -> Path:
    with request.app.state.workspace.session() as session:
        try:
            run = get_run(session, run_id)
        except WorkspaceError:
            raise HTTPException(404) from None
    if not run.out_dir:
        raise HTTPException(404)
    return Path(run.out_dir)


def term_folders(settings: Settings, term: str) -> dict[str, Path]:
    """The term's folders of payroll months and notices."""
    return {
        "payroll": settings.term_dir(term) / "payroll",
        "notices": settings.term_dir(term) / "notices",
    }


async def downloads_page(request: Request) -> Response:
    settings: Settings = request.app.state.settings
    term = term_of(request)
    with request.app.state.workspace.session() as session:
        runs = [(r.id, r.name) for r in list_runs(session, term)]
        adoption = adopted(session, term)
    asked = request.query_params.get("run", "")
    run_id = int(asked) if asked.isdigit() else (adoption.run_id if adoption else None)
    if run_id is None and runs:
        run_id = runs[-1][0]
    groups: list[tuple[str, list[Download]]] = []
    if run_id is not None and any(r == run_id for r, _ in runs):
        groups.append(
            (f"run:{run_id}", _listing(f"/downloads/run/{run_id}", run_folder(request, run_id)))
        )
    for area, folder in term_folders(settings, term).items():
        groups.append((area, _listing(f"/downloads/{area}", folder)))
    return page(
        request,
        "downloads.html",
        runs=runs,
        run_id=run_id,
        adopted_id=adoption.run_id if adoption else None,
        groups=groups,
    )


def _serve(folder: Path, name: str) -> Response:
    path = files_in(folder).get(name)
    if path is None:
        raise HTTPException(404)
    return FileResponse(path, filename=path.name)


async def run_file(request: Request) -> Response:
    folder = run_folder(request, int(request.path_params["run_id"]))
    return _serve(folder, request.path_params["name"])


async def term_file(request: Request) -> Response:
    area = request.path_params["area"]
    folders = term_folders(request.app.state.settings, term_of(request))
    if area not in folders:
        raise HTTPException(404)
    return _serve(folders[area], request.path_params["name"])
