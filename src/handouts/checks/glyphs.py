"""Turn every string each location prints into glyph findings: a character its fonts (and its language's
fallback family) cannot draw would print as a tofu box, so it is an error with the file and line it is on."""

from __future__ import annotations

from handouts.checks.report import CheckOptions, Collector
from handouts.errors import HandoutsError, InputError
from handouts.layout.fonts import brand_fonts
from handouts.layout.glyphs import Missing, describe, missing
from handouts.load.project import Project
from handouts.load.yamlio import Located
from handouts.resolve import Job, plan, resolve


def _input_problem(exc: HandoutsError, out: Collector) -> None:
    """A location whose content cannot be filled in: its own located findings, or the message."""
    if isinstance(exc, InputError):
        for finding in exc.findings:
            out.finding(finding)
    else:
        out.add("error", "invalid-input", exc.format_message(), "correct the input the message names")


def check_glyphs(project: Project, options: CheckOptions, out: Collector) -> None:
    if not options.glyphs:
        return
    for job in plan(project):
        try:
            r = resolve(project, job)
        except HandoutsError as exc:
            _input_problem(exc, out)
            continue
        for problem in missing(r, brand_fonts(project, r.brand, job.lang)):
            source, line = _source_of(project, job, problem)
            out.add("error", "glyph", f"{describe(problem)} ({job.clinic}/{job.location})",
                    "use another character, or a font family (fonts/fonts.yaml) that has it", source, line=line)


def _source_of(project: Project, job: Job, problem: Missing) -> tuple[Located | None, int | None]:
    """The file, and the first line in it, that holds the character."""
    if problem.where.startswith("block '"):
        block = problem.where.split("'")[1]
        source = project.topics[project.documents[job.document].value.topic].blocks[block].source
    elif problem.where in ("main message", "document title"):
        source = project.documents[job.document].source
    else:
        source = project.clinics[job.clinic].source
    for number, text in enumerate(source.lines, 1):
        if problem.char in text:
            return source, number
    return source, None
