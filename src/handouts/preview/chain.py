"""Turn a chain's selection into pictures for sign-off: build what is out of date, then every page as a PNG,
folded mock-ups of each tri-fold, and a contact sheet of the whole selection with problems marked."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from handouts.api import build, load_project
from handouts.batch import BatchReport
from handouts.checks.governance import review_due
from handouts.editions import EDITIONS, Edition, Options, edition_for
from handouts.errors import HandoutsError, display_path
from handouts.layout.geometry import place_panels
from handouts.load.project import Project
from handouts.preflight import preflight
from handouts.preview.mockups import folded_mockup
from handouts.preview.pages import check_dpi, render_pages
from handouts.preview.sheet import ContactEntry, contact_sheet
from handouts.resolve import Job, plan

PROJECT_FONT = Path("fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Regular.ttf")


@dataclass
class PreviewReport:
    pngs: list[Path] = field(default_factory=list)  # every PNG written
    mockups: list[Path] = field(default_factory=list)  # folded mock-up PNGs
    contact_sheet_pdf: Path | None = None
    contact_sheet_pngs: list[Path] = field(default_factory=list)
    entries: list[ContactEntry] = field(default_factory=list)  # every selected PDF with its findings
    batch: BatchReport | None = None

    @property
    def failed(self) -> list[ContactEntry]:
        """The selected documents that could not be built."""
        return [e for e in self.entries if e.failed]


def _preflight_lines(edition: Edition, pdf: Path) -> list[tuple[str, str]]:
    """(severity, line) for every prepress finding on a print PDF, with the limits of its printer profile."""
    if edition.preflight is None:
        return []
    lines = []
    for f in preflight(pdf, edition.preflight):
        where = f"page {f.page}: " if f.page is not None else ""
        what = f"{f.element}: " if f.element else ""
        lines.append((f.severity, f"{f.severity}: {f.code}: {where}{what}{f.message}"))
    return lines


def _review_line(project: Project, job: Job, today: date) -> tuple[str, str] | None:
    """A topic due for review soon, or overdue: amber on the sheet either way (it is time to act)."""
    topic = project.topics[project.documents[job.document].value.topic].for_language(job.lang).topic
    due = review_due(topic, today)
    return None if due is None else ("warning", f"warning: {due.code}: {due.message}")


def _failure_text(message: str, pdf: Path) -> str:
    """A build failure in one line, without the long output path (the label already says which PDF)."""
    return " ".join(message.replace(str(pdf), pdf.name).split())


def make_previews(root: Path, out: Path, documents=(), clinic: str | None = None, location: str | None = None,
                  lang: str | None = None, edition: str = "office", dpi: float = 60, preview_out: Path | None = None,
                  contact: bool = True, font: Path | None = None, printer: str | None = None,
                  today: date | None = None, frames: bool = False) -> PreviewReport:
    """Build the selection (incrementally: up-to-date PDFs are reused), then write each PDF's pages as PNGs,
    folded mock-ups of folded layouts and, with ``contact``, ``contact-sheet.pdf`` (+ a PNG per page) of them
    all, in ``preview_out`` (default: beside the PDFs, and the sheet in ``out``). Print PDFs are preflighted
    with their printer profile; a topic due for review within 90 days and a PDF that failed to build are
    flagged on the sheet."""
    if edition not in EDITIONS:
        raise HandoutsError(f"unknown edition '{edition}'; choose from: {', '.join(EDITIONS)}")
    if printer is not None and edition != "print":
        raise HandoutsError(f"a printer profile ('{printer}') applies to the print edition only")
    check_dpi(dpi)
    root, out = Path(root), Path(out)
    today = today or date.today()
    font = Path(font) if font is not None else root / PROJECT_FONT
    if contact and not font.is_file():
        raise HandoutsError(f"contact sheet font not found: {display_path(font)} (pass another TTF font)")

    options = Options(printer=printer, frames=frames)
    project = load_project(root)
    batch = build(project, out, documents, clinic=clinic, location=location, lang=lang, edition=edition,
                  options=options)
    if batch.interrupted:
        raise HandoutsError("the build was interrupted, so no previews were made")
    jobs = plan(project, documents, clinic, location, None, lang)
    failures = {outcome.key: outcome.message for outcome in batch.failed}
    editions = {paper: edition_for(project, edition, options, paper) for paper in sorted({j.paper for j in jobs})}
    suffixes = {paper: ed.suffix for paper, ed in editions.items()}

    # On the sheet, each document's PDFs sit together (clinic by clinic), so one design is compared across
    # locations and languages.
    clinic_order = {name: i for i, name in enumerate(dict.fromkeys(j.clinic for j in jobs))}
    document_order = {name: i for i, name in enumerate(dict.fromkeys(j.document for j in jobs))}
    jobs = sorted(jobs, key=lambda j: (clinic_order[j.clinic], document_order[j.document]))

    report = PreviewReport(batch=batch)
    for job in jobs:
        pdf = job.output_path(out, suffixes[job.paper])
        key = job.output_path(Path(), suffixes[job.paper]).as_posix()
        clinic_model = project.clinic(job.clinic).value
        entry = ContactEntry(clinic=f"{clinic_model.name} ({job.clinic})", location=job.location, lang=job.lang,
                             edition=edition, document=job.document, pdf=pdf)
        if key in failures or not pdf.is_file():
            reason = _failure_text(failures.get(key, "the PDF was not built"), pdf)
            report.entries.append(replace(entry, findings=(f"error: {reason}",), severity="error", failed=reason))
            continue

        target = pdf.parent if preview_out is None else Path(preview_out) / job.clinic / job.location
        report.pngs += render_pages(pdf, target, dpi)
        document = project.documents[job.document].value
        layout = project.layouts[document.layout].value
        if layout.folded and not (editions[job.paper].digital_layout or editions[job.paper].large_print):
            outside = place_panels(layout, job.paper)[0]
            mockups = folded_mockup(pdf, [(p.box.x, p.box.w) for p in outside], target, dpi)
            report.mockups += mockups
            report.pngs += mockups

        found = _preflight_lines(editions[job.paper], pdf)
        review = _review_line(project, job, today)
        if review:
            found.append(review)
        found.sort(key=lambda item: item[0] != "error")  # errors first, otherwise in the order found
        severity = "error" if any(s == "error" for s, _ in found) else "warning" if found else ""
        report.entries.append(replace(entry, findings=tuple(line for _, line in found), severity=severity))

    if contact and report.entries:
        sheet = (Path(preview_out) if preview_out is not None else out) / "contact-sheet.pdf"
        title = f"Previews for sign-off: {edition} edition"
        report.contact_sheet_pdf, report.contact_sheet_pngs = contact_sheet(report.entries, sheet, title, font)
        report.pngs += report.contact_sheet_pngs
    return report
