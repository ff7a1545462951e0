"""A run in the background and its progress streamed to the page as server-sent events.

A run is started in a thread; the pipeline's progress callback (the ``[k/5]`` stages of the
commands) appends to the job, with the scenario it belongs to when several are run, and
``/jobs/ID/events`` sends each stage as it happens, a tick with the seconds spent every second
while a stage works (a 50,000-applicant allocation takes a while), and at the end where the
result is — or the error, located as the commands say it.
"""

from __future__ import annotations

import asyncio
import json
import secrets
import threading
import time
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from hamyar.errors import HamyarError, InputError
from hamyar.messages import Lang, Msg, digits, use_lang
from hamyar.store.errors import WorkspaceError
from hamyar.web.site import lang_of, page
from hamyar.web.words import word

Progress = Callable[[str], None]


@dataclass
class Job:
    """One run in the background: its stages so far, then the result's address or an error."""

    id: str
    total: int
    lang: Lang
    started: float = field(default_factory=time.monotonic)
    stages: list[tuple[str, str | None]] = field(default_factory=list)
    done: str | None = None
    error: str | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def progress(self, stage: str, scenario: str | None = None) -> None:
        with self.lock:
            self.stages.append((stage, scenario))

    def of_scenario(self, scenario: str) -> Progress:
        """The progress callback of one scenario's run: its stages name the scenario."""
        return lambda stage: self.progress(stage, scenario)

    def labels(self) -> list[str]:
        with self.lock:
            return [
                digits(f"[{i}/{self.total}] ", self.lang) + self._label(stage, scenario)
                for i, (stage, scenario) in enumerate(self.stages, 1)
            ]

    def _label(self, stage: str, scenario: str | None) -> str:
        if scenario is None:
            return word(f"web.stage.{stage}", self.lang)
        shown = Msg(f"web.stage.{stage}")
        return word("web.stage.of_scenario", self.lang, scenario=scenario, stage=shown)


def message(exc: BaseException, lang: str) -> str:
    if isinstance(exc, WorkspaceError):
        return exc.fa if lang == "fa" else exc.en
    if isinstance(exc, InputError):
        return "\n".join(str(i) for i in exc.issues)
    return str(exc)


def start(request: Request, total: int, work: Callable[[Job], str]) -> Job:
    """Run ``work(job)`` in a thread (``job.progress`` its stages); it returns the address of
    its result."""
    job = Job(secrets.token_hex(8), total, lang_of(request))
    jobs: dict[str, Job] = request.app.state.jobs
    jobs[job.id] = job

    def target() -> None:
        try:
            with use_lang(job.lang):  # a thread does not inherit the request's language
                job.done = work(job)
        except HamyarError as exc:
            job.error = message(exc, job.lang)
        except Exception as exc:  # the page says what went wrong instead of hanging
            job.error = f"{type(exc).__name__}: {exc}"

    threading.Thread(target=target, name=f"hamyar-job-{job.id}", daemon=True).start()
    return job


def _job(request: Request) -> Job:
    job = request.app.state.jobs.get(request.path_params["job_id"])
    if job is None:
        raise HTTPException(404)
    assert isinstance(job, Job)
    return job


async def job_page(request: Request) -> Response:
    job = _job(request)
    return page(request, "job.html", job=job, stages=job.labels())


def _event(kind: str, data: object) -> str:
    return f"event: {kind}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


async def events(request: Request) -> Response:
    """The job's stages as server-sent events: ``stage``, ``tick`` (seconds), then ``done``
    (the result's address) or ``failed`` (the message)."""
    job = _job(request)

    async def stream() -> AsyncIterator[str]:
        sent, last_tick = 0, 0.0
        while True:
            labels = job.labels()
            for label in labels[sent:]:
                yield _event("stage", label)
            sent = len(labels)
            if job.error is not None:
                yield _event("failed", job.error)
                return
            if job.done is not None:
                yield _event("done", job.done)
                return
            now = time.monotonic()
            if now - last_tick >= 1:
                last_tick = now
                yield _event("tick", int(now - job.started))
            await asyncio.sleep(0.1)

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-store", "X-Accel-Buffering": "no"},
    )


async def result_of(request: Request) -> Response:
    """Where the job's result is (for a page without script): 303 there, or the job page."""
    from starlette.responses import RedirectResponse

    job = _job(request)
    if job.done is not None:
        return RedirectResponse(job.done, status_code=303)
    return await job_page(request)
