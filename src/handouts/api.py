"""Turn a project folder into checked findings, one PDF's bytes, or a whole chain's files: the public Python API
that the command line, the web app and any other program use.

    import handouts
    project = handouts.load_project("path/to/project")
    pdf = handouts.render(project, "dry-needling-aftercare", location="portland-pearl", lang="es")
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from handouts.batch import BatchReport, Outcome, Shard, run
from handouts.batch.make import make_pdf, preflight_bytes
from handouts.batch.runner import refuse_on_check_errors
from handouts.checks import CheckOptions, CheckReport, check_project
from handouts.editions import Options, edition_for
from handouts.editions.form import check_fill, form_documents
from handouts.errors import HandoutsError, InputError
from handouts.findings import Finding
from handouts.layout import Renderer
from handouts.load import Project
from handouts.load import load_project as _load
from handouts.load.crossref import language_gaps, stops
from handouts.resolve import Job, plan

__all__ = ["BatchReport", "CheckOptions", "CheckReport", "Finding", "HandoutsError", "Project", "build", "check",
           "jobs", "load_project", "outputs", "render"]


def load_project(path: Path | str = ".") -> Project:
    """Load and validate every file of the project in ``path``; an ``InputError`` lists every mistake found
    (``.findings``, each with its file and line)."""
    return _load(path)


def check(project: Project | Path | str, options: CheckOptions | None = None, **settings: object) -> CheckReport:
    """Every check (reading level, PEMAT-P, structure, safety, type and contrast, glyphs, layouts, review dates): a
    report whose ``findings`` are ``Finding`` objects, worst first, with a summary per document. Thresholds are the
    fields of ``CheckOptions``, given as an object or by name (``max_grade=7``, ``min_pemat=80``, ``today=…``); an
    unknown name is a ``TypeError``. Given a folder, its input mistakes are the findings."""
    chosen = replace(options or CheckOptions(), **settings)  # type: ignore[arg-type]
    if not isinstance(project, Project):
        try:
            project = load_project(project)
        except InputError as exc:
            return CheckReport(list(exc.findings))
    return check_project(project, chosen)


def jobs(project: Project, documents: tuple[str, ...] | list[str] = (), *, clinic: str | None = None,
         location: str | None = None, lang: str | None = None, paper: str | None = None) -> list[Job]:
    """The documents a selection stands for: one per clinic × location × document × language."""
    return plan(project, documents, clinic, location, paper, lang)


def outputs(project: Project, documents: tuple[str, ...] | list[str] = (), *, clinic: str | None = None,
            location: str | None = None, lang: str | None = None, paper: str | None = None, edition: str = "office",
            options: Options = Options()) -> list[Path]:
    """The files a build of the selection in ``edition`` writes, relative to the output folder: one per
    clinic × location × document × language, named for the edition and its variant (printer, marks)."""
    selected = plan(project, documents, clinic, location, paper, lang)
    suffixes = {p: edition_for(project, edition, options, p).suffix for p in sorted({j.paper for j in selected})}
    return [job.output_path(Path(), suffixes[job.paper]) for job in selected]


def render(project: Project, document: str, *, clinic: str | None = None, location: str | None = None,
           lang: str | None = None, edition: str = "office", fill: Mapping[str, str] | None = None,
           flatten: bool = False, paper: str | None = None, printer: str | None = None, marks: bool | None = None,
           strict: bool = False, tags: bool = True) -> bytes:
    """One PDF as bytes, made exactly as a build makes it: the project's checks must pass, every character must
    be in its fonts, and a print edition must pass preflight. ``location`` (and ``clinic``, ``lang``) pick one
    document when the project has several; ``fill`` puts values in the aftercare sheet's fields (edition
    "form"; ``flatten`` prints them instead). Every edition is a tagged PDF (PDF/UA) unless ``tags=False``."""
    selected = plan(project, [document], clinic, location, paper, lang)
    if len(selected) != 1:
        choices = ", ".join(f"{j.clinic}/{j.location}/{j.lang}" for j in selected)
        raise HandoutsError(f"'{document}' stands for {len(selected)} documents ({choices}); pass location= and "
                            f"lang= to pick one")
    refuse_on_check_errors(project, selected)
    job = selected[0]
    for gap in _kept(project, "_language_gaps", language_gaps):
        if stops(gap, job.clinic, job.location, job.lang, job.document):
            raise InputError(gap)
    values = tuple((fill or {}).items())
    if edition == "form":
        form_documents(project, [document])
        values = check_fill(project, job.document, job.lang, values)
    options = Options(printer=printer, marks=marks, fill=values, flatten=flatten, tags=tags)
    ed = edition_for(project, edition, options, job.paper)
    data = make_pdf(project, _renderer(project), job, ed)
    preflight_bytes(ed, data, strict, f"{job.label}{ed.suffix}.pdf")
    return data


def build(project: Project | Path | str, out: Path | str = "out", documents: tuple[str, ...] | list[str] = (), *,
          clinic: str | None = None, location: str | None = None, lang: str | None = None,
          paper: str | None = None, edition: str = "office", options: Options = Options(), jobs: int | None = None,
          strict: bool = False, force: bool = False, prune: bool = False, fail_fast: bool = False,
          shard: Shard | None = None, on_outcome: Callable[[Outcome, int, int], None] | None = None,
          on_start: Callable[[int, int], None] | None = None) -> BatchReport:
    """Build the selection into ``out`` (only what changed since the last build); the report lists what was
    built, what was up to date and what failed, each failure with its reason. ``on_start(to_build, selected)``
    and ``on_outcome(outcome, done, to_build)`` report progress."""
    loaded = project if isinstance(project, Project) else load_project(project)
    if edition == "form":  # only documents with fields; values checked against each sheet's language
        documents = form_documents(loaded, documents)
        if options.fill:
            checked = {check_fill(loaded, j.document, j.lang, options.fill)
                       for j in plan(loaded, documents, clinic, location, paper, lang)}
            options = replace(options, fill=min(checked) if checked else options.fill)
    return run(loaded.root, Path(out), documents, clinic, location, paper, edition, options, strict, jobs, lang,
               force, prune, fail_fast, shard, on_outcome, on_start, project=loaded)


def _kept(project: Project, name: str, make: Callable[[Project], Any]) -> Any:
    """What ``make`` gives for a loaded project, made on the first call (a project does not change once loaded)."""
    value = getattr(project, name, None)
    if value is None:
        value = make(project)
        object.__setattr__(project, name, value)
    return value


def _renderer(project: Project) -> Renderer:
    renderer: Renderer = _kept(project, "_renderer", Renderer)
    return renderer
