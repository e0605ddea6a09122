"""Turn jobs into PDFs inside worker processes: each worker gets the project (without its locations: each chunk
of jobs brings the ones it is for) and sets up fonts and renderer once, records what every job reads, and reports
one outcome per PDF; a failure of one job never stops the others."""

from __future__ import annotations

import gc
import hashlib
import os
import resource
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.batch.changes import explain
from handouts.batch.make import make_pdf, preflight_check
from handouts.batch.manifest import Entry, Manifest
from handouts.batch.oserrors import is_output, read_problem, stops_batch, write_problem
from handouts.batch.output import write_atomic
from handouts.editions import Edition, Options, edition_for
from handouts.errors import HandoutsError, InputError
from handouts.findings import Finding
from handouts.layout import Renderer
from handouts.layout.composer import SequenceOverflow
from handouts.load.project import Project
from handouts.load.reads import recording
from handouts.load.views import LocationPart, WorkerProject
from handouts.resolve import Job


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to render a job, picklable."""

    root: Path
    out: Path
    edition: str
    options: Options
    strict: bool


@dataclass(frozen=True)
class Outcome:
    """What happened to one PDF."""

    key: str  # output path relative to the output folder
    status: str  # built | failed
    message: str = ""
    reads: dict[str, str] = field(default_factory=dict)  # every read the job made, with what it saw
    size: int = 0
    mtime_ns: int = 0
    worker_rss_kb: int = 0
    worker: int = 0
    seconds: float = 0.0
    warnings: tuple[Finding, ...] = ()
    stop: bool = False  # the output folder cannot be written: building more would fail the same way
    findings: tuple[Finding, ...] = ()  # why it failed, each located where the input says it
    sha256: str = ""  # of the PDF written: lets a merged manifest trust a file copied from another machine

    def problems(self) -> tuple[Finding, ...]:
        """What went wrong (or was warned about) with this PDF, as findings."""
        if self.findings or self.status != "failed":
            return self.findings + self.warnings
        return (Finding("error", "build-failed", self.message, file=None),) + self.warnings


_worker: dict[str, Any] = {}


def init_worker(settings: Settings, project: Project, own_process: bool = False) -> None:
    """Set up the project, fonts and renderer once per worker process, not once per PDF: ``project`` is the one
    the build loaded and checked (in the build's own process) or a worker's view of it (``worker_view``), in a
    worker process of its own (``own_process``)."""
    _worker.update(project=project, renderer=Renderer(project), settings=settings, editions={})
    _worker.pop("manifest", None)  # read again for this build, on its first overflow
    if own_process:
        # In a worker process, what is set up now lives as long as the worker: out of the cycle collector's
        # way, so that collecting each PDF's garbage does not walk the project, fonts and modules again (about
        # 5 % of a build). Never in the build's own process, whose caller's objects must stay collectable.
        gc.freeze()


def edition(project: Project, settings: Settings, paper: str) -> Edition:
    editions: dict[str, Edition] = _worker.setdefault("editions", {})
    if paper not in editions:
        editions[paper] = edition_for(project, settings.edition, settings.options, paper)
    return editions[paper]


def render_one(job: Job, key: str) -> Outcome:
    started = time.perf_counter()
    project: Project = _worker["project"]
    settings: Settings = _worker["settings"]
    with recording(project.root) as record:
        try:
            ed = edition(project, settings, job.paper)
            data = make_pdf(project, _worker["renderer"], job, ed)
            target = settings.out / key
            warnings: list[Finding] = []
            write_atomic(target, data, preflight_check(ed, settings.strict, warnings, target))
            st = target.stat()
            return Outcome(key, "built", "", {str(d): v for d, v in record.reads.items()}, st.st_size,
                           st.st_mtime_ns, _rss_kb(), os.getpid(), time.perf_counter() - started, tuple(warnings),
                           sha256=hashlib.sha256(data).hexdigest())
        except HandoutsError as exc:
            if isinstance(exc, SequenceOverflow):  # name the blocks that grew since the last good build
                exc = explain(exc, project, last_good(settings.out, key), job)
            found = tuple(exc.findings) if isinstance(exc, InputError) else ()
            return Outcome(key, "failed", exc.format_message(), worker_rss_kb=_rss_kb(), worker=os.getpid(),
                           seconds=time.perf_counter() - started, findings=found)
        except OSError as exc:  # the disk, not the input: one line, no traceback
            writing = is_output(exc, settings.out)
            message = write_problem(exc, settings.out / key) if writing else read_problem(exc)
            return Outcome(key, "failed", message, worker_rss_kb=_rss_kb(), worker=os.getpid(),
                           seconds=time.perf_counter() - started, stop=writing and stops_batch(exc),
                           findings=(Finding("error", "cannot-write" if writing else "cannot-read", message),))


def last_good(out: Path, key: str) -> Entry | None:
    """The manifest's entry for ``key`` as the build found it (read once per worker, on the first overflow)."""
    if "manifest" not in _worker:
        _worker["manifest"] = Manifest(out).entries
    entries: dict[str, Entry] = _worker["manifest"]
    return entries.get(key)


def render_chunk(tasks: list[tuple[Job, str]], locations: tuple[LocationPart, ...]) -> list[Outcome]:
    """Make a chunk of jobs in a worker process, which holds the locations they are for while it makes them."""
    project: WorkerProject = _worker["project"]
    project.give(locations)
    try:
        return [render_one(*task) for task in tasks]
    finally:
        project.give(())


def _rss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
