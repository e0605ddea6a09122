"""Turn a project folder into a snapshot of its whole chain, as one JSON object on stdout: every clinic ×
location × document × language with its office and print PDFs built (incrementally, through the build
manifest), their preflight findings, page pictures, and the project's check report.

The web app runs this in a child process (``python -m handouts.serve.rebuild ROOT CACHE``) each time the project
changes: ReportLab and PDFium are not thread-safe, so a chain rebuild never shares the server's process with the
front desk's prints, and a crash here can never take the server down."""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path
from typing import Any

from handouts.api import build, check, load_project
from handouts.batch import BatchReport
from handouts.batch.manifest import Manifest
from handouts.editions import Options, edition_for
from handouts.errors import HandoutsError, InputError
from handouts.layout.geometry import place_panels
from handouts.load.project import Project
from handouts.preflight import preflight
from handouts.preview import folded_mockup, render_pages
from handouts.resolve import Job, plan

EDITIONS = ("office", "print")
PAGE_DPI = 60  # the page previews of a card's own page
THUMB_DPI = 24  # the chain's thumbnails
MOCKUP_VIEWS = ("folded-cover", "open-first", "open-inside")


def _findings(items: list[Any]) -> list[dict[str, Any]]:
    return [f.to_json() for f in items]


def _fresh(picture: Path, pdf: Path) -> bool:
    return picture.is_file() and picture.stat().st_mtime_ns >= pdf.stat().st_mtime_ns


def _pictures(project: Project, job: Job, pdf: Path, cache: Path) -> dict[str, Any]:
    """Page PNGs, thumbnails and (for folded layouts) mock-ups of one office PDF, made again only when the PDF
    is newer than them."""
    stem = pdf.stem
    pages_dir = cache / "pictures" / job.clinic / job.location
    thumbs_dir = cache / "thumbs" / job.clinic / job.location
    first = pages_dir / f"{stem}-1.png"
    if not _fresh(first, pdf):
        render_pages(pdf, pages_dir, PAGE_DPI, stem)
        render_pages(pdf, thumbs_dir, THUMB_DPI, stem)
    pages = sum(1 for p in pages_dir.glob(f"{stem}-*.png") if p.stem[len(stem) + 1:].isdigit())
    layout = project.layouts[project.documents[job.document].value.layout].value
    mockups: list[str] = []
    if layout.folded and pages >= 2:
        cover = pages_dir / f"{stem}-{MOCKUP_VIEWS[0]}.png"
        if not _fresh(cover, pdf):
            outside = place_panels(layout, job.paper)[0]
            folded_mockup(pdf, [(p.box.x, p.box.w) for p in outside], pages_dir, PAGE_DPI, stem)
        mockups = list(MOCKUP_VIEWS)
    return {"pages": pages, "mockups": mockups}


def _edition_state(report: BatchReport, key: str, pdf: Path) -> dict[str, Any]:
    """Built, failed (the last good PDF, if any, stays in place) or missing; ``file`` is below the edition's
    folder of the cache."""
    failed = {o.key: o.message for o in report.failed}
    if key in failed:
        status, message = "failed", failed[key]
    elif pdf.is_file():
        status, message = "ok", ""
    else:
        status, message = "missing", "not built yet"
    return {"status": status, "message": message, "file": key,
            "mtime_ns": pdf.stat().st_mtime_ns if pdf.is_file() else 0}


def _title(project: Project, job: Job) -> str:
    document = project.documents[job.document].value
    topic_set = project.topics[document.topic].for_language(job.lang)
    own, _ = topic_set.own_words(job.document)
    return (own.title if own is not None and own.title else None) or document.title or topic_set.topic.value.title


def snapshot(root: Path, cache: Path) -> dict[str, Any]:
    """Everything the chain view shows, after building what changed since the last snapshot."""
    started = time.perf_counter()
    try:
        project = load_project(root)
    except InputError as exc:
        return {"input_errors": _findings(exc.findings), "seconds": time.perf_counter() - started}
    report = check(project)
    result: dict[str, Any] = {
        "input_errors": [],
        "check": {"findings": _findings(report.findings), "documents": [d.to_json() for d in report.documents]},
        "refused": "",
        "jobs": [],
    }
    batches: dict[str, BatchReport] = {}
    for edition in EDITIONS:
        try:
            batches[edition] = build(project, cache / edition, edition=edition, jobs=1)
        except HandoutsError as exc:  # the checks found errors: nothing is built, the last good PDFs stay
            result["refused"] = exc.format_message()
            batches[edition] = BatchReport()
    manifest = Manifest(cache / "office")
    for job in plan(project):
        clinic = project.clinic(job.clinic).value
        location = clinic.locations[project.location_index(job.clinic, job.location)]
        entry: dict[str, Any] = {
            "clinic": job.clinic, "clinic_name": clinic.name, "location": job.location,
            "location_name": location.name, "document": job.document, "title": _title(project, job),
            "lang": job.lang, "paper": job.paper, "pages": 0, "mockups": [], "deps": [], "preflight": [],
        }
        for edition in EDITIONS:
            ed = edition_for(project, edition, Options(), job.paper)
            pdf = job.output_path(cache / edition, ed.suffix)
            entry[edition] = _edition_state(batches[edition], job.output_path(Path(), ed.suffix).as_posix(), pdf)
            if edition == "print" and pdf.is_file() and ed.preflight is not None:
                entry["preflight"] = _findings(preflight(pdf, ed.preflight))
            if edition == "office" and pdf.is_file():
                entry.update(_pictures(project, job, pdf, cache))
                known = manifest.entries.get(job.output_path(Path(), ed.suffix).as_posix())
                entry["deps"] = sorted({d.split("#")[0] for d in known.deps}) if known else []
        result["jobs"].append(entry)
    result["seconds"] = time.perf_counter() - started
    return result


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m handouts.serve.rebuild PROJECT CACHE", file=sys.stderr)
        return 2
    if hasattr(os, "nice"):
        os.nice(10)  # a background job: the front desk's prints come first when both want the CPU
    print(json.dumps(snapshot(Path(argv[0]), Path(argv[1])), ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
