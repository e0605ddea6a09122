"""Turn a build matrix into PDFs on several worker processes: only what changed since the last build is made
again (decided by what each PDF read last time), one broken document never stops the others, and the manifest
records what each PDF was made from."""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import FIRST_COMPLETED, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.batch import workers
from handouts.batch.fingerprint import Current, inputs_hash
from handouts.batch.manifest import DIGEST_KEPT, Entry, Manifest
from handouts.batch.oserrors import OutputProblem, write_problem
from handouts.batch.workers import Outcome, Settings
from handouts.checks import CheckOptions, check_project
from handouts.editions import Options, edition_for
from handouts.errors import HandoutsError, InputError, UsageProblem
from handouts.findings import Finding
from handouts.load import load_project
from handouts.load.crossref import language_gaps, stops
from handouts.load.project import Project
from handouts.load.views import LocationPart, for_documents, location_part, worker_view
from handouts.resolve import Job, plan, resolve

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

FEW_PDFS = 12  # fewer PDFs than this are made in the build's own process unless --jobs says otherwise


@dataclass(frozen=True)
class Shard:
    """``I/N``: the I-th of N deterministic, disjoint slices of the matrix (1-based)."""

    index: int
    count: int

    @classmethod
    def parse(cls, text: str, environ: Mapping[str, str] | None = None) -> Shard:
        """``I/N``, or ``auto``: the index and count the job engine running this build has set."""
        if text == "auto":
            return cls.from_environment(os.environ if environ is None else environ)
        try:
            index, count = (int(part) for part in text.split("/"))
        except ValueError:
            raise UsageProblem(f"--shard takes I/N, e.g. 2/4; got {text!r}") from None
        if not 1 <= index <= count:
            raise UsageProblem(f"--shard {text}: I must be between 1 and N")
        return cls(index, count)

    @classmethod
    def from_environment(cls, environ: Mapping[str, str]) -> Shard:
        """A Kubernetes Indexed Job (JOB_COMPLETION_INDEX, 0-based, with the count in HANDOUTS_SHARDS), GitLab CI
        (CI_NODE_INDEX, CI_NODE_TOTAL), CircleCI (CIRCLE_NODE_INDEX, CIRCLE_NODE_TOTAL) or Buildkite
        (BUILDKITE_PARALLEL_JOB, BUILDKITE_PARALLEL_JOB_COUNT)."""
        engines = (("JOB_COMPLETION_INDEX", "HANDOUTS_SHARDS", 0), ("CI_NODE_INDEX", "CI_NODE_TOTAL", 1),
                   ("CIRCLE_NODE_INDEX", "CIRCLE_NODE_TOTAL", 0),
                   ("BUILDKITE_PARALLEL_JOB", "BUILDKITE_PARALLEL_JOB_COUNT", 0))
        for index_name, count_name, base in engines:
            if index_name in environ:
                if count_name not in environ:
                    raise UsageProblem(f"--shard auto: {index_name} is set but not {count_name} (how many shards "
                                       f"there are); set it, or pass --shard I/N")
                value = environ[index_name]
                if not value.strip().isdigit():
                    raise UsageProblem(f"--shard auto: {index_name} is {value!r}, not a number")
                return cls.parse(f"{int(value) + 1 - base}/{environ[count_name].strip()}")
        raise UsageProblem("--shard auto: no job index in the environment (JOB_COMPLETION_INDEX with "
                           "HANDOUTS_SHARDS, CI_NODE_INDEX, CIRCLE_NODE_INDEX or BUILDKITE_PARALLEL_JOB); pass "
                           "--shard I/N")

    def has(self, job: Job) -> bool:
        """Stable across machines and runs: a hash of the job's name, not its position in the matrix."""
        digest = hashlib.sha256(job.label.encode()).digest()
        return int.from_bytes(digest[:8], "big") % self.count == self.index - 1


@dataclass
class BatchReport:
    total: int = 0
    built: list[str] = field(default_factory=list)
    up_to_date: list[str] = field(default_factory=list)
    failed: list[Outcome] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)
    pruned: list[str] = field(default_factory=list)
    outcomes: list[Outcome] = field(default_factory=list)
    interrupted: bool = False
    stopped: str = ""  # why the batch stopped early (the output folder cannot be written), if it did
    not_started: int = 0  # PDFs left unbuilt because the batch stopped
    seconds: float = 0.0
    worker_rss_kb: dict[int, int] = field(default_factory=dict)


class CheckFailed(HandoutsError):
    def __init__(self, findings: list[Finding]):
        self.findings = findings
        super().__init__("the checks found errors, so nothing was built (run handouts check for the full report):\n"
                         + "\n".join(f"  {f}" for f in findings))


def run(root: Path, out: Path, documents: tuple[str, ...] | list[str] = (), clinic: str | None = None,
        location: str | None = None, paper: str | None = None, edition: str = "office",
        options: Options = Options(), strict: bool = False, jobs: int | None = None, lang: str | None = None,
        force: bool = False, prune: bool = False, fail_fast: bool = False, shard: Shard | None = None,
        on_outcome: Callable[[Outcome, int, int], None] | None = None,
        on_start: Callable[[int, int], None] | None = None, project: Project | None = None) -> BatchReport:
    """Build the selected matrix. Input mistakes that concern every document stop the build before anything is
    written; a mistake that concerns one location or one document fails only its own PDFs."""
    started = time.perf_counter()
    project = project or load_project(root)
    selected = plan(project, documents, clinic, location, paper, lang)
    if shard is not None:
        selected = [job for job in selected if shard.has(job)]
    suffixes = {p: edition_for(project, edition, options, p).suffix for p in sorted({job.paper for job in selected})}
    current = Current(project)
    option_key = f"{edition}:{options.key()}"
    manifest = Manifest(out, (shard.index, shard.count) if shard else None)
    report = BatchReport(total=len(selected))
    gaps = language_gaps(project)

    todo: list[tuple[Job, str]] = []
    stopped_by_gap: list[Outcome] = []
    for job in selected:
        key = job.output_path(Path(), suffixes[job.paper]).as_posix()
        lacking = [g for g in gaps if stops(g, job.clinic, job.location, job.lang, job.document)]
        if lacking:  # a language this location serves that this document lacks: only this PDF fails
            stopped_by_gap.append(Outcome(key, "failed", InputError(lacking).format_message(),
                                          findings=tuple(lacking)))
            continue
        entry = manifest.entries.get(key)
        if not force and entry is not None and \
                manifest.current(key, inputs_hash(current.code, option_key, current.reads(entry.dep_list()))):
            report.up_to_date.append(key)
        else:
            todo.append((job, key))
    workers_wanted = worker_count(jobs, len(todo))
    if workers_wanted > 1:
        start_worker_server()  # it starts up while the checks run
    refuse_on_check_errors(project, selected)
    _check_templates(project, todo)

    if todo:
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputProblem(write_problem(exc, out)) from None
    everything = {(j.clinic, j.location, j.document, j.lang) for j in plan(project)} if manifest.entries else set()
    for key, old in sorted(manifest.entries.items()):
        if (old.clinic, old.location, old.document, old.lang) not in everything:
            report.orphans.append(key)
            if prune:
                try:
                    (out / key).unlink(missing_ok=True)
                    manifest.forget(key)
                except OSError:
                    continue  # left in place, and still listed as an orphan
                report.pruned.append(key)

    _remove_stale_temporaries(out, todo)
    jobs_by_key = {key: job for job, key in todo}
    done = 0
    if on_start:
        on_start(len(todo) + len(stopped_by_gap), len(selected))

    def collect(outcome: Outcome) -> bool:
        nonlocal done
        if outcome.stop and report.stopped:
            return True  # the same disk problem again, from a PDF already under way: counted as not started
        done += 1
        report.outcomes.append(outcome)
        report.worker_rss_kb[outcome.worker] = max(report.worker_rss_kb.get(outcome.worker, 0),
                                                   outcome.worker_rss_kb)
        if outcome.status == "built":
            job = jobs_by_key[outcome.key]
            report.built.append(outcome.key)
            report.warnings += outcome.warnings
            try:
                manifest.record(outcome.key, Entry(
                    inputs_hash(current.code, option_key, outcome.reads), tuple(sorted(outcome.reads)),
                    outcome.size, outcome.mtime_ns, job.clinic, job.location, job.document, job.lang, job.paper,
                    edition, outcome.sha256, tuple(outcome.reads[d][:DIGEST_KEPT] for d in sorted(outcome.reads))))
            except OSError as exc:  # the PDF is whole; the next build checks it again
                report.stopped = report.stopped or write_problem(exc, manifest.journal)
        else:
            report.failed.append(outcome)
            if outcome.stop and not report.stopped:
                report.stopped = outcome.message
        if on_outcome:
            on_outcome(outcome, done, len(todo) + len(stopped_by_gap))
        return bool(report.stopped) or (outcome.status == "failed" and fail_fast)

    for outcome in stopped_by_gap:
        collect(outcome)
    try:
        _run_jobs(project, Settings(root, out, edition, options, strict), todo, workers_wanted, collect)
    except KeyboardInterrupt:
        report.interrupted = True
    finally:
        try:
            manifest.save()
        except OSError as exc:  # the journal stays: the next build folds it in
            report.stopped = report.stopped or write_problem(exc, manifest.path)
    report.not_started = len(todo) + len(stopped_by_gap) - done
    report.seconds = time.perf_counter() - started
    return report


def _run_jobs(project: Project, settings: Settings, todo: list[tuple[Job, str]], workers_wanted: int,
              collect: Callable[[Outcome], bool]) -> None:
    if not todo:
        return
    if workers_wanted == 1:
        workers.init_worker(settings, project)
        for task in todo:
            if collect(workers.render_one(*task)):
                break
        return
    # The process pool only when workers start (it imports multiprocessing: 0.02 s of a one-PDF build).
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(workers_wanted, mp_context=worker_context(), initializer=workers.init_worker,
                             initargs=(settings, worker_view(project), True)) as pool:
        pending = {pool.submit(workers.render_chunk, chunk, _locations(project, chunk))
                   for chunk in _chunks(todo, workers_wanted)}
        stop = False
        while pending:
            finished, pending = wait(pending, timeout=2, return_when=FIRST_COMPLETED)
            for future in finished:
                if not future.cancelled():
                    for outcome in future.result():
                        stop = collect(outcome) or stop
            if stop:  # what is running finishes (and is recorded); nothing new starts
                for future in pending:
                    future.cancel()


def worker_count(jobs: int | None, todo: int) -> int:
    """How many worker processes make ``todo`` PDFs: ``jobs``, or when it is not given one per CPU, except for a
    handful of PDFs, which this process makes sooner than workers could start (each starts from a fresh import
    of handouts and sets up its fonts: together about half a second)."""
    if jobs is None:
        jobs = (os.cpu_count() or 1) if todo >= FEW_PDFS else 1
    return max(1, min(jobs, todo))


def worker_context() -> BaseContext:
    """How worker processes start: forked from a server process that has imported handouts and nothing else
    (multiprocessing's forkserver), not as copies of this process, which holds the whole project (a chain of
    10,000 locations takes 100 MB more than one of ten). Each worker gets the project without its locations
    (``worker_view``) and, with each chunk of jobs, the locations they are for."""
    import multiprocessing  # only when workers start (see _run_jobs)

    if "forkserver" in multiprocessing.get_all_start_methods():
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([workers.__name__])
        return context
    return multiprocessing.get_context("spawn")


def start_worker_server() -> None:
    """Start the server that workers are forked from, if it is not running yet (it imports handouts in its own
    process: about half a second that the checks and the manifest overlap)."""
    if worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver  # the stdlib module that starts it, on the platforms that have it

        forkserver.ensure_running()


def _locations(project: Project, chunk: list[tuple[Job, str]]) -> tuple[LocationPart, ...]:
    """The locations a chunk of jobs is for, each once."""
    wanted = dict.fromkeys((job.clinic, job.location) for job, _ in chunk)
    return tuple(location_part(project, clinic, location) for clinic, location in wanted)


def refuse_on_check_errors(project: Project, jobs: Iterable[Job] | None = None) -> None:
    """The checks of ``handouts check`` (all but glyphs, which each PDF checks as it is made) must pass on what
    ``jobs`` are made from (their documents in their languages, against every layout, font, clinic and location:
    ``for_documents``), or on the whole project; a language one location lacks fails only that location's PDFs
    in that language, later. Checked once per loaded project and set of documents and languages (a project does
    not change once loaded)."""
    if jobs is None:
        part = project
    else:
        selected = list(jobs)
        part = for_documents(project, {j.document for j in selected}, {j.lang for j in selected})
    key = None if part is project else (frozenset(part.documents), frozenset(
        lang for topic in part.topics.values() for lang in topic.languages()))
    checked: dict[object, list[Finding]] = project.__dict__.setdefault("_check_errors", {})
    if key not in checked:
        checked[key] = [f for f in check_project(part, CheckOptions(glyphs=False)).findings
                        if f.severity == "error" and f.code != "missing-translation"]
    if checked[key]:
        raise CheckFailed(checked[key])


def _remove_stale_temporaries(out: Path, todo: list[tuple[Job, str]]) -> None:
    """Temporary files left by a build that was killed before it could rename them."""
    for _, key in todo:
        target = out / key
        if target.parent.is_dir():
            for stale in target.parent.glob(f".{target.name}.*.tmp"):
                with contextlib.suppress(OSError):  # a read-only folder: the write itself will say so
                    stale.unlink(missing_ok=True)


def _chunks(tasks: list[tuple[Job, str]], workers_wanted: int) -> list[list[tuple[Job, str]]]:
    """Small chunks (a few PDFs each) keep every core busy to the end and the progress bar smooth, while
    sending each worker enough at once that the hand-off costs little."""
    size = max(1, min(8, len(tasks) // (workers_wanted * 4) or 1))
    return [tasks[i : i + size] for i in range(0, len(tasks), size)]


def _check_templates(project: Project, todo: list[tuple[Job, str]]) -> None:
    """Fill in the content for each document and language before any worker starts. If no location can fill in a
    document (a broken template or markup in a shared block), stop once with its file and line instead of failing
    every PDF; a problem of one location's own fails only that location's PDFs later."""
    by_document: dict[tuple[str, str], list[Job]] = {}
    for job, _ in todo:
        by_document.setdefault((job.document, job.lang), []).append(job)
    shared = (project.content_dir / "topics", project.content_dir / "documents")
    for jobs in by_document.values():
        first_error = None
        for job in jobs:
            try:
                resolve(project, job)
                break
            except InputError as exc:
                if any(f.file and any(Path(f.file).is_relative_to(folder) for folder in shared)
                       for f in exc.findings):
                    first_error = first_error or exc
                else:
                    break  # a clinic's or location's own problem: only its PDFs fail, later
        else:
            if first_error is not None:
                raise first_error
