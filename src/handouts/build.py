"""Turn a selection (documents, clinic, location, paper, edition) into PDFs in the output folder, and a report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.output import write_atomic
from handouts.project import Project, load_project
from handouts.resolve import Job, plan, resolve


@dataclass(frozen=True)
class EditionRequest:
    """What the command line asked for; turned into an Edition with the printer profile's settings."""

    print: bool = False
    printer: str | None = None
    marks: bool | None = None
    cmyk: bool | None = None


@dataclass
class BuildReport:
    built: list[Path] = field(default_factory=list)
    failed: list[tuple[Job, HandoutsError]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    seconds: float = 0.0


def edition_for(project: Project, request: EditionRequest, paper: str):
    """The edition for one paper size: office (trim size, RGB) or print (bleed, marks, CMYK, ICC)."""
    from handouts.geometry import per_paper
    from handouts.render import OFFICE, Edition

    if not request.print:
        if request.cmyk:
            return Edition(name="cmyk", cmyk=True)
        return OFFICE
    name = request.printer or ("offset" if "offset" in project.printers else next(iter(sorted(project.printers)), None))
    if name is None:
        raise HandoutsError("no printer profiles: add one to layouts/printers/ (see README, Print shops)")
    printer = project.printer(name)
    profile = printer.model
    cmyk = profile.color == "cmyk" if request.cmyk is None else request.cmyk
    icc = project.icc_path(printer) if cmyk else None
    if icc is not None and not icc.is_file():
        line, column = printer.source.where(("icc",))
        raise HandoutsError(f"{printer.path}:{line}: ICC output profile not found: {icc} (install it, or point "
                            f"'icc' at the profile your printer sent)")
    return Edition(name="print", bleed=per_paper(profile.bleed, paper),
                   marks=profile.marks if request.marks is None else request.marks, cmyk=cmyk, icc=icc,
                   output_condition=profile.output_condition, printer=name)


def build(root: Path, out: Path, documents=(), clinic: str | None = None, location: str | None = None,
          paper: str | None = None, edition: EditionRequest = EditionRequest(), strict: bool = False
          ) -> BuildReport:
    """Load and check every input first; then render each job and write it atomically.

    Input mistakes stop the build before anything is written. A document whose content does not fit (or, for
    print, fails preflight) fails on its own; the others are still written."""
    from handouts.render import Renderer

    started = time.perf_counter()
    project = load_project(root)
    jobs = plan(project, documents, clinic, location, paper)
    resolved = [resolve(project, job) for job in jobs]
    editions = {p: edition_for(project, edition, p) for p in sorted({job.paper for job in jobs})}
    renderer = Renderer(project)
    report = BuildReport()
    for r in resolved:
        ed = editions[r.job.paper]
        try:
            data = renderer.render(r, ed)
            target = r.job.output_path(out, ed.suffix)
            check = _preflight_check(project, ed, r.layout.min_font_size, strict, report) if ed.name == "print" else None
            write_atomic(target, data, check)
        except HandoutsError as exc:
            report.failed.append((r.job, exc))
            continue
        report.built.append(target)
    report.seconds = time.perf_counter() - started
    return report


def _preflight_check(project: Project, ed, min_text: float, strict: bool, report: BuildReport):
    """Preflight a finished print PDF before it is renamed into place; errors keep it from being published."""
    from handouts.preflight import PreflightOptions, preflight

    printer = project.printer(ed.printer).model
    options = PreflightOptions(min_ppi_warn=printer.min_image_ppi, min_ppi_error=min(150.0, printer.min_image_ppi),
                               require_cmyk=ed.cmyk, max_ink=printer.max_ink, min_text_size=None)

    def check(path: Path) -> None:
        findings = preflight(path, options)
        errors = [f for f in findings if f.severity == "error" or (strict and f.severity == "warning")]
        report.warnings += [str(f) for f in findings if f.severity == "warning" and not strict]
        if errors:
            raise HandoutsError("preflight failed:\n" + "\n".join(f"  {f}" for f in errors))

    return check
