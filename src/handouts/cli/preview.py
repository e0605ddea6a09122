"""Turn ``handouts preview`` into page PNGs, folded mock-ups and a contact sheet of the selection."""

from __future__ import annotations

from pathlib import Path

import click

from handouts.cli.options import project_option, selection


@click.command()
@selection
@click.option("--print", "edition", flag_value="print", help="Preview the print-shop edition.")
@click.option("--digital", "edition", flag_value="digital", help="Preview the digital edition.")
@click.option("--large-print", "edition", flag_value="large-print", help="Preview the large-print edition.")
@click.option("--printer", help="Printer profile for --print (default: offset).")
@click.option("--dpi", type=click.FloatRange(1, 1200), default=60, show_default=True, help="Resolution of the PNGs.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Where the PDFs are (built first if out of date).")
@click.option("--preview-out", type=click.Path(file_okay=False, path_type=Path),
              help="Where the PNGs and the contact sheet go (default: beside the PDFs).")
@click.option("--contact/--no-contact", default=True, show_default=True,
              help="A contact sheet of every PDF, grouped by clinic, with findings marked.")
@click.option("--show-frames", is_flag=True, help="Preview the debug overlay of panels, safe zone, bleed and folds.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: every PNG, mock-up and PDF with its findings, as one JSON document on stdout.")
@project_option
def preview(documents, clinic, location, lang, edition, printer, dpi, out, preview_out, contact, show_frames,
            fmt, root) -> None:
    """Render pages to PNG for sign-off: every page, folded mock-ups of tri-folds (the cover as folded, the first
    view opened, the inside spread), and a contact sheet of the whole selection."""
    from handouts.cli.report import batch_summary, emit, fail_as_json
    from handouts.errors import HandoutsError
    from handouts.preview import make_previews  # imported when the command runs: `--help` stays instant

    try:
        report = make_previews(root, out, documents, clinic, location, lang, edition or "office", dpi, preview_out,
                               contact, printer=printer, frames=show_frames)
    except HandoutsError as exc:
        if fmt == "json":
            fail_as_json("preview", exc)
        raise
    if fmt == "json":
        emit({"command": "preview", "pngs": [str(p) for p in report.pngs], "mockups": [str(p) for p in report.mockups],
              "contact_sheet": str(report.contact_sheet_pdf) if report.contact_sheet_pdf else None,
              "pdfs": [{"path": str(e.pdf), "clinic": e.clinic, "location": e.location, "lang": e.lang,
                        "edition": e.edition, "document": e.document, "severity": e.severity or None,
                        "failed": e.failed or None, "findings": list(e.findings)} for e in report.entries],
              "build": batch_summary(report.batch) if report.batch else None})
    else:
        click.echo(f"{len(report.pngs)} page image(s), {len(report.mockups)} mock-up(s)")
        if report.contact_sheet_pdf:
            flagged = sum(bool(e.severity or e.failed) for e in report.entries)
            click.echo(f"contact sheet: {report.contact_sheet_pdf} ({len(report.entries)} PDFs, {flagged} flagged)")
        for entry in report.failed:
            click.echo(f"Error: {entry.location}/{entry.document}.{entry.lang}: {entry.failed}", err=True)
    if report.failed:  # a document that did not build is not signed off
        raise SystemExit(1)
