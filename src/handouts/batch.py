"""Turn a build matrix into PDFs on several worker processes: only what changed is rebuilt, one broken
document never stops the others, and a manifest records what each PDF was made from."""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from handouts.edition import EditionRequest, edition_for, preflight_check
from handouts.errors import HandoutsError, InputError, UsageProblem
from handouts.output import write_atomic
from handouts.project import Project, load_project
from handouts.resolve import Job, plan

MANIFEST = ".handouts-manifest.json"
MANIFEST_VERSION = 2


@dataclass(frozen=True)
class Shard:
    """``I/N``: the I-th of N deterministic, disjoint slices of the matrix (1-based)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str) -> Shard:
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise UsageProblem(f"--shard takes I/N, e.g. 2/4; got {text!r}") from None
        if not 1 <= index <= count:
            raise UsageProblem(f"--shard {text}: I must be between 1 and N")
        return cls(index, count)

    def has(self, job: Job) -> bool:
        """Stable across machines and runs: a hash of the job's name, not its position in the matrix."""
        digest = hashlib.sha256(job.label.encode()).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1


@dataclass(frozen=True)
class Outcome:
    """What happened to one PDF."""

    key: str  # output path relative to the output folder
    status: str  # built | failed
    message: str = ""
    inputs: str = ""
    size: int = 0
    mtime_ns: int = 0
    worker_rss_kb: int = 0
    worker: int = 0


@dataclass
class BatchReport:
    total: int = 0
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    interrupted: bool = False
    seconds: float = 0.0
    worker_rss_kb: dict[int, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to render a job, picklable."""

    root: Path
    out: Path
    edition: EditionRequest
    strict: bool


# ---------------------------------------------------------------------------------------------- manifest


class Manifest:
    """``out/.handouts-manifest.json``: for every PDF, the hash of its inputs and the file's size and mtime.

    It is rewritten atomically (temporary file + rename), and an entry is added only after its PDF is in place,
    so after any interruption it never claims more than is on disk."""

    def __init__(self, out: Path):
        self.path = out / MANIFEST
        self.entries: dict[str, dict] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if data.get("version") == MANIFEST_VERSION:
                self.entries = data.get("outputs", {})
        except (OSError, ValueError):
            self.entries = {}
        self.dirty = False

    def current(self, key: str, inputs: str, out: Path) -> bool:
        entry = self.entries.get(key)
        if not entry or entry.get("inputs") != inputs:
            return False
        try:
            st = (out / key).stat()
        except OSError:
            return False
        return st.st_size == entry.get("size") and st.st_mtime_ns == entry.get("mtime_ns")

    def record(self, outcome: Outcome, job: Job, edition: str) -> None:
        self.entries[outcome.key] = {
            "inputs": outcome.inputs, "size": outcome.size, "mtime_ns": outcome.mtime_ns,
            "clinic": job.clinic, "location": job.location, "document": job.document, "lang": job.lang,
            "paper": job.paper, "edition": edition,
        }
        self.dirty = True

    def forget(self, key: str) -> None:
        if self.entries.pop(key, None) is not None:
            self.dirty = True

    def save(self) -> None:
        if not self.dirty:
            return
        data = json.dumps({"version": MANIFEST_VERSION, "outputs": dict(sorted(self.entries.items()))},
                          indent=0, ensure_ascii=False).encode("utf-8")
        write_atomic(self.path, data)
        self.dirty = False


# ---------------------------------------------------------------------------------------------- workers

_worker: dict = {}


_inherited: dict = {}


def _init_worker(settings: Settings, project: Project | None = None) -> None:
    """Load the project, fonts and renderer once per worker process, not once per PDF. A forked worker
    starts with the parent's project already loaded and the renderer already imported."""
    from handouts.render import Renderer

    project = project or _inherited.get("project") or load_project(settings.root)
    _worker.update(project=project, renderer=Renderer(project), settings=settings, editions={})


def _render_one(job: Job, key: str, inputs: str) -> Outcome:
    from handouts.resolve import resolve

    project: Project = _worker["project"]
    settings: Settings = _worker["settings"]
    editions = _worker["editions"]
    try:
        if job.paper not in editions:
            editions[job.paper] = edition_for(project, settings.edition, job.paper)
        edition = editions[job.paper]
        resolved = resolve(project, job)
        data = _worker["renderer"].render(resolved, edition)
        target = settings.out / key
        warnings: list[str] = []
        # A frames overlay is a debug view, never sent to a printer: it is not preflighted.
        check = preflight_check(project, edition, settings.strict, warnings, target) \
            if edition.name == "print" and not edition.frames else None
        write_atomic(target, data, check)
        st = target.stat()
        return Outcome(key, "built", "\n".join(warnings), inputs, st.st_size, st.st_mtime_ns, _rss_kb(), os.getpid())
    except HandoutsError as exc:
        return Outcome(key, "failed", exc.format_message(), inputs, worker_rss_kb=_rss_kb(), worker=os.getpid())


def _render_chunk(tasks: list[tuple[Job, str, str]]) -> list[Outcome]:
    return [_render_one(*task) for task in tasks]


def _rss_kb() -> int:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


# ---------------------------------------------------------------------------------------------- the batch


def run(root: Path, out: Path, documents=(), clinic: str | None = None, location: str | None = None,
        paper: str | None = None, edition=None, strict: bool = False, jobs: int | None = None,
        lang: str | None = None,
        force: bool = False, prune: bool = False, fail_fast: bool = False, shard: Shard | None = None,
        on_outcome: Callable[[Outcome, int, int], None] | None = None,
        on_start: Callable[[int, int], None] | None = None) -> BatchReport:
    """Build the selected matrix. Input mistakes that concern every document stop the build before anything is
    written; a mistake that concerns one location or one document fails only its own PDFs."""
    from handouts.fingerprint import Fingerprints

    started = time.perf_counter()
    edition = edition or EditionRequest()
    project = load_project(root)
    _refuse_on_check_errors(project)
    selected = plan(project, documents, clinic, location, paper, lang)
    if shard is not None:
        selected = [job for job in selected if shard.has(job)]
    suffixes = {p: edition_for(project, edition, p).suffix for p in sorted({job.paper for job in selected})}
    edition_name = edition_name_of(edition)
    fingerprints = Fingerprints(project, options=repr(edition))
    manifest = Manifest(out)
    report = BatchReport(total=len(selected))

    todo: list[tuple[Job, str, str]] = []
    for job in selected:
        key = job.output_path(Path(), suffixes[job.paper]).as_posix()
        inputs = fingerprints.job(job)
        if not force and manifest.current(key, inputs, out):
            report.up_to_date.append(key)
        else:
            todo.append((job, key, inputs))
    _check_templates(project, todo)

    everything = {(j.clinic, j.location, j.document, j.lang) for j in plan(project)}
    for key, entry in sorted(manifest.entries.items()):
        if (entry.get("clinic"), entry.get("location"), entry.get("document"), entry.get("lang")) not in everything:
            report.orphans.append(key)
            if prune:
                (out / key).unlink(missing_ok=True)
                manifest.forget(key)
                report.pruned.append(key)

    _remove_stale_temporaries(out, todo)
    jobs_by_key = {key: job for job, key, _ in todo}
    done = 0
    if on_start:
        on_start(len(todo), len(selected))

    def collect(outcome: Outcome) -> bool:
        nonlocal done
        done += 1
        report.worker_rss_kb[outcome.worker] = max(report.worker_rss_kb.get(outcome.worker, 0),
                                                   outcome.worker_rss_kb)
        if outcome.status == "built":
            report.built.append(outcome.key)
            manifest.record(outcome, jobs_by_key[outcome.key], edition_name)
            if outcome.message:
                report.warnings += outcome.message.splitlines()
        else:
            report.failed.append(outcome)
        if on_outcome:
            on_outcome(outcome, done, len(todo))
        return outcome.status == "failed" and fail_fast

    workers = max(1, min(jobs or os.cpu_count() or 1, len(todo)))
    last_save = time.monotonic()
    try:
        if todo and workers == 1:
            _init_worker(Settings(root, out, edition, strict), project)
            for task in todo:
                stop = collect(_render_one(*task))
                if time.monotonic() - last_save > 2:
                    manifest.save()
                    last_save = time.monotonic()
                if stop:
                    break
        elif todo:
            chunks = _chunks(todo, workers)
            import multiprocessing

            forking = "fork" in multiprocessing.get_all_start_methods()
            context = multiprocessing.get_context("fork" if forking else "spawn")
            if forking:  # workers inherit the loaded project and the imported renderer
                import handouts.render  # noqa: F401

                _inherited["project"] = project
            with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                     initargs=(Settings(root, out, edition, strict),)) as pool:
                pending = {pool.submit(_render_chunk, chunk) for chunk in chunks}
                stop = False
                while pending and not stop:
                    finished, pending = wait(pending, timeout=2, return_when=FIRST_COMPLETED)
                    for future in finished:
                        for outcome in future.result():
                            stop = collect(outcome) or stop
                    if time.monotonic() - last_save > 2:
                        manifest.save()
                        last_save = time.monotonic()
                if stop:
                    for future in pending:
                        future.cancel()
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        manifest.save()
    report.seconds = time.perf_counter() - started
    return report


def _refuse_on_check_errors(project: Project) -> None:
    """The checks of ``handouts check`` (all but glyphs, which each PDF checks as it is made) must pass first."""
    from handouts.check import CheckOptions, check_project

    errors = [f for f in check_project(project, CheckOptions(glyphs=False)).findings if f.severity == "error"]
    if errors:
        raise CheckFailed(errors)


class CheckFailed(HandoutsError):
    def __init__(self, findings):
        self.findings = findings
        super().__init__("the checks found errors, so nothing was built (run handouts check for the full report):\n"
                         + "\n".join(f"  {f}" for f in findings))


def _remove_stale_temporaries(out: Path, todo: list[tuple[Job, str, str]]) -> None:
    """Temporary files left by a build that was killed before it could rename them."""
    for _, key, _ in todo:
        target = out / key
        if target.parent.is_dir():
            for stale in target.parent.glob(f".{target.name}.*.tmp"):
                stale.unlink(missing_ok=True)


def edition_name_of(edition) -> str:
    return "print" if getattr(edition, "print", False) else ("cmyk" if getattr(edition, "cmyk", None) else "office")


def _chunks(tasks: list, workers: int) -> list[list]:
    """Small chunks (a few PDFs each) keep every core busy to the end and the progress bar smooth, while
    sending each worker enough at once that the hand-off costs little."""
    size = max(1, min(8, len(tasks) // (workers * 4) or 1))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def _check_templates(project: Project, todo: list[tuple[Job, str, str]]) -> None:
    """Fill in the content for each document and language before any worker starts. If no location can fill in a
    document (a broken template or markup in a shared block), stop once with its file and line instead of failing every
    PDF; a problem of one location's own fails only that location's PDFs later."""
    from handouts.resolve import resolve

    by_document: dict[tuple[str, str], list[Job]] = {}
    for job, _, _ in todo:
        by_document.setdefault((job.document, job.lang), []).append(job)
    shared = (project.content_dir / "topics", project.content_dir / "documents")
    for jobs in by_document.values():
        first_error = None
        for job in jobs:
            try:
                resolve(project, job)
                break
            except InputError as exc:
                if any(issue.file and any(issue.file.is_relative_to(folder) for folder in shared)
                       for issue in exc.issues):
                    first_error = first_error or exc
                else:
                    break  # a clinic's or location's own problem: only its PDFs fail, later
        else:
            if first_error is not None:
                raise first_error
