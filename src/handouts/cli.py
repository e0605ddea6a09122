"""Turn command-line arguments into calls of the library, and its errors into messages and exit codes."""

from __future__ import annotations

from pathlib import Path

import click

from handouts import __version__

project_option = click.option(
    "--project", "-C", "root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Project folder holding content/, layouts/ and fonts/.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handouts")
def main() -> None:
    """Make print-ready patient-education PDFs (brochures, handouts, aftercare sheets) from YAML content
    and a clinic's branding."""


@main.command()
@click.argument("documents", nargs=-1)
@click.option("--clinic", help="Only this clinic.")
@click.option("--location", help="Only this location.")
@click.option("--lang", help="Only this language (e.g. es); default: every language each location serves.")
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Override the paper size of every location.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Output folder; PDFs go to OUT/<clinic>/<location>/<document>.<lang>.pdf.")
@click.option("--print", "print_", is_flag=True,
              help="Print-shop edition (<document>.print.pdf): bleed, TrimBox/BleedBox, CMYK, preflight.")
@click.option("--digital", is_flag=True,
              help="Digital edition (<document>.<lang>.digital.pdf): one column, large type, tagged PDF/UA.")
@click.option("--printer", help="Printer profile from layouts/printers/ (default: offset).")
@click.option("--marks/--no-marks", default=None, help="Crop and fold marks (default: as the printer profile says).")
@click.option("--cmyk/--rgb", "cmyk", default=None,
              help="Colour model (default: RGB for the office edition, the printer profile's for --print).")
@click.option("--strict", is_flag=True, help="Treat preflight warnings as errors.")
@click.option("--fillable", is_flag=True,
              help="Form fields on the aftercare sheet: next appointment, therapist, areas treated, notes (.form.pdf).")
@click.option("--fill", "fill", multiple=True, metavar="KEY=VALUE",
              help="Prefill a field (next_appointment_date, next_appointment_time, therapist, notes, "
                   "areas=Piriformis,Hamstrings); repeatable.")
@click.option("--flatten", is_flag=True, help="With --fill: print the values instead of fields (.filled.pdf).")
@click.option("--show-frames", is_flag=True,
              help="Debug overlay of panels, text areas, safe zone, trim, bleed and folds (<document>….frames.pdf).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: one per CPU).")
@click.option("--force", is_flag=True, help="Rebuild everything, even what is up to date.")
@click.option("--prune", is_flag=True, help="Delete outputs whose clinic, location or document was removed.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed document.")
@click.option("--shard", metavar="I/N", help="Build only the I-th of N deterministic slices of the matrix.")
@click.option("--watch", is_flag=True, help="Keep running: rebuild what changes each time a file is saved.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--verbose", "-v", is_flag=True, help="List every file written, also when output is not a terminal.")
@project_option
def build(documents, clinic, location, lang, paper, out, print_, digital, printer, marks, cmyk, strict, fillable, fill,
          flatten, show_frames, jobs, force, prune, fail_fast, shard, watch, quiet, verbose, root) -> None:
    """Build DOCUMENTS (default: all) for every clinic and location, or for the ones selected. Only PDFs whose
    inputs changed since the last build are made again."""
    from handouts.batch import Shard, run
    from handouts.edition import EditionRequest
    from handouts.progress import Progress

    if (printer or marks is not None) and not print_:
        raise click.UsageError("--printer and --marks apply to the print edition: add --print")
    if digital and (print_ or cmyk):
        raise click.UsageError("--digital is for screens: it cannot be combined with --print or --cmyk")
    request = EditionRequest(print=print_, printer=printer, marks=marks, cmyk=cmyk, digital=digital,
                             frames=show_frames, fillable=fillable, fill=_fill_values(fill, flatten),
                             flatten=flatten)
    def once():
        progress = Progress(quiet=quiet, verbose=verbose or watch, out=out)
        report = run(root, out, documents, clinic, location, paper, request, strict, jobs, lang=lang, force=force,
                     prune=prune, fail_fast=fail_fast, shard=Shard.parse(shard) if shard else None,
                     on_outcome=progress.outcome, on_start=progress.start)
        progress.finish(report)
        return report

    if watch:
        from handouts.watch import watch as watch_project

        watch_project(root, once, lambda line: click.echo(line, err=line.startswith("Error")))
        return
    report = once()
    if report.interrupted:
        raise SystemExit(130)
    if report.failed:
        raise SystemExit(1)


@main.command()
@click.argument("documents", nargs=-1)
@click.option("--clinic", help="Only this clinic.")
@click.option("--location", help="Only this location.")
@click.option("--lang", help="Only this language.")
@click.option("--print", "edition", flag_value="print", help="Preview the print-shop edition.")
@click.option("--digital", "edition", flag_value="digital", help="Preview the digital edition.")
@click.option("--printer", help="Printer profile for --print (default: offset).")
@click.option("--dpi", type=click.FloatRange(1, 1200), default=60, show_default=True, help="Resolution of the PNGs.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Where the PDFs are (built first if out of date).")
@click.option("--preview-out", type=click.Path(file_okay=False, path_type=Path),
              help="Where the PNGs and the contact sheet go (default: beside the PDFs).")
@click.option("--contact/--no-contact", default=True, show_default=True,
              help="A contact sheet of every PDF, grouped by clinic, with findings marked.")
@click.option("--show-frames", is_flag=True, help="Preview the debug overlay of panels, safe zone, bleed and folds.")
@project_option
def preview(documents, clinic, location, lang, edition, printer, dpi, out, preview_out, contact, show_frames,
            root) -> None:
    """Render pages to PNG for sign-off: every page, folded mock-ups of tri-folds (the cover as folded, the first
    view opened, the inside spread), and a contact sheet of the whole selection."""
    from handouts.preview import make_previews

    report = make_previews(root, out, documents, clinic, location, lang, edition or "office", dpi, preview_out,
                           contact, printer=printer, frames=show_frames)
    click.echo(f"{len(report.pngs)} page image(s), {len(report.mockups)} mock-up(s)")
    if report.contact_sheet_pdf:
        flagged = sum(bool(e.severity or e.failed) for e in report.entries)
        click.echo(f"contact sheet: {report.contact_sheet_pdf} ({len(report.entries)} PDFs, {flagged} flagged)")


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--cmyk", is_flag=True, help="Require DeviceCMYK colour (no RGB anywhere).")
@click.option("--min-ppi", type=float, default=300, show_default=True, help="Warn below this image resolution.")
@click.option("--min-text", type=float, default=None, help="Smallest text size allowed, in points.")
def preflight(files, strict, cmyk, min_ppi, min_text) -> None:
    """Check finished PDFs as a print shop would: images, fonts, colour, safe zone, text size, ink."""
    from handouts.preflight import PreflightOptions
    from handouts.preflight import preflight as run_preflight

    options = PreflightOptions(min_ppi_warn=min_ppi, min_ppi_error=min(150.0, min_ppi), require_cmyk=cmyk,
                               min_text_size=min_text)
    errors = warnings = 0
    for path in files:
        for finding in run_preflight(path, options):
            click.echo(str(finding))
            errors += finding.severity == "error"
            warnings += finding.severity == "warning"
    click.echo(f"{len(files)} file(s): {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        raise SystemExit(1)


@main.command(name="check")
@click.option("--strict", is_flag=True, help="Fail on warnings too (exit 1).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--max-grade", type=float, default=8.0, show_default=True,
              help="Highest Flesch-Kincaid grade before a warning.")
@click.option("--max-age", type=float, default=3.0, show_default=True,
              help="Years after publication before a document counts as too old.")
@click.option("--large-print", is_flag=True, help="Require large print: body text of 18 pt or more.")
@project_option
def check_command(strict, fmt, max_grade, max_age, large_print, root) -> None:
    """Check every content, branding, layout and document file without writing a PDF: reading level,
    structure, safety, type size, contrast, glyphs and review dates."""
    import json

    from handouts.check import CheckOptions, check

    report = check(root, CheckOptions(max_grade=max_grade, max_age_years=max_age, large_print=large_print))
    if fmt == "json":
        click.echo(json.dumps({
            "findings": [f.to_json() for f in report.findings],
            "documents": [d.to_json() for d in report.documents],
            "summary": {s: report.count(s) for s in ("error", "warning", "info")},
        }, indent=2, ensure_ascii=False))
    else:
        for finding in report.findings:
            click.echo(str(finding))
        if report.findings:
            click.echo()
        for d in report.documents:
            click.echo(f"{d.name}: grade {d.fk_grade:.1f} (SMOG {d.smog:.1f}), {d.avg_sentence_words:.1f} words a "
                       f"sentence, 'you' in {d.you_ratio:.0%} of sentences; PEMAT {d.pemat_score} % "
                       f"({len(d.pemat_passed)}/{len(d.pemat_passed) + len(d.pemat_failed)})")
        click.echo(f"{report.count('error')} error(s), {report.count('warning')} warning(s), "
                   f"{report.count('info')} note(s)")
    if report.failed(strict):
        raise SystemExit(1)


@main.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True,
              help="Folder for the JSON Schema files.")
def schema(out) -> None:
    """Write JSON Schema for content blocks, topics, clinics, layouts, documents, printer profiles and fonts, for
    editor completion and validation."""
    from handouts.schema import write_schemas

    for path in write_schemas(out):
        click.echo(f"wrote {path}")


@main.group()
def new() -> None:
    """Add a clinic, a location or a document: commented YAML that builds at once and passes handouts check.
    Missing values are asked for; an existing file or location is never overwritten."""


@new.command(name="clinic")
@click.argument("clinic_id")
@click.option("--name", prompt="Clinic name", help="As printed, e.g. 'Northside Physio & Rehab'.")
@click.option("--phone", prompt="Main phone number")
@click.option("--email", prompt="Contact e-mail")
@click.option("--booking-url", prompt="Online booking address (https://…)")
@click.option("--location-id", prompt="First location id (lower-case, e.g. downtown)")
@click.option("--location-name", prompt="First location name")
@click.option("--address", prompt="Its address (lines separated by ';')")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option("--locale", default="en-US", show_default=True)
@click.option("--template", help="Clinic whose brand (logo, colours, fonts) to start from (default: the first).")
@project_option
def new_clinic_command(clinic_id, name, phone, email, booking_url, location_id, location_name, address, paper,
                       locale, template, root) -> None:
    """Write content/clinics/CLINIC_ID.yaml with one location."""
    from handouts.scaffold import new_clinic

    path = new_clinic(root, clinic_id, name, phone, email, booking_url, location_id, location_name,
                      _lines(address), paper, locale, template=template)
    click.echo(f"wrote {path}: build it with  handouts build --clinic {clinic_id}")


@new.command(name="location")
@click.argument("clinic_id")
@click.argument("location_id")
@click.option("--name", prompt="Location name")
@click.option("--address", prompt="Address (lines separated by ';')")
@click.option("--phone", help="Its own phone (default: the clinic's).")
@click.option("--email", help="Its own e-mail (default: the clinic's).")
@click.option("--booking-url", help="Its own booking address (default: the clinic's).")
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Default: the clinic's.")
@click.option("--locale", help="Default: the clinic's (e.g. en-GB).")
@project_option
def new_location_command(clinic_id, location_id, name, address, phone, email, booking_url, paper, locale,
                         root) -> None:
    """Add LOCATION_ID to CLINIC_ID's file (everything else is inherited from the clinic)."""
    from handouts.scaffold import new_location

    path = new_location(root, clinic_id, location_id, name, _lines(address), phone, email, booking_url, paper,
                        locale)
    click.echo(f"added location {location_id} to {path}: build it with  handouts build --location {location_id}")


@new.command(name="document")
@click.argument("name")
@click.option("--topic", prompt="Topic (folder in content/topics)")
@click.option("--layout", prompt="Layout (file in layouts/)")
@click.option("--kind", prompt="Document kind (brochure, aftercare, handout, …)")
@click.option("--title", help="Default: the topic's title.")
@project_option
def new_document_command(name, topic, layout, kind, title, root) -> None:
    """Write content/documents/NAME.yaml with the topic's blocks placed in the layout's slots."""
    from handouts.scaffold import new_document

    path = new_document(root, name, topic, layout, kind, title)
    click.echo(f"wrote {path}: build it with  handouts build {name}")


FILL_KEYS = ("next_appointment_date", "next_appointment_time", "therapist", "notes", "areas")


def _fill_values(pairs: tuple[str, ...], flatten: bool) -> tuple[tuple[str, str], ...]:
    """--fill KEY=VALUE pairs, checked: known keys; live form fields only take Latin-1 text (PDF form fields
    use the standard fonts), so other scripts need --flatten, which prints them in the brand's fonts."""
    if flatten and not pairs:
        raise click.UsageError("--flatten prints the values given with --fill: add --fill KEY=VALUE")
    values = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or key not in FILL_KEYS:
            raise click.BadParameter(f"{pair!r}: use KEY=VALUE with KEY one of {', '.join(FILL_KEYS)}",
                                     param_hint="--fill")
        if not flatten and key != "areas":
            try:
                value.encode("latin-1")
            except UnicodeEncodeError:
                raise click.BadParameter(f"{pair!r}: form fields can only show Latin-1 text; add --flatten to "
                                         f"print it in the sheet's own fonts", param_hint="--fill") from None
        values.append((key, value))
    return tuple(values)


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.split(";") if line.strip()]


@main.command(name="list")
@project_option
def list_command(root) -> None:
    """Show clinics and their locations, documents and layouts."""
    from handouts.project import load_project

    project = load_project(root)
    click.echo("Clinics and locations:")
    for name, clinic in project.clinics.items():
        click.echo(f"  {name}: {clinic.model.name}")
        for loc in clinic.model.locations:
            from handouts.project import location_languages

            paper = loc.paper or clinic.model.paper or "letter"
            languages = ", ".join(location_languages(clinic.model, loc))
            click.echo(f"    {loc.id}: {loc.name} ({paper}; {languages})")
    click.echo("Documents:")
    for name, doc in project.documents.items():
        d = doc.model
        click.echo(f"  {name}: {d.title or project.topics[d.topic].topic.model.title} "
                   f"(topic {d.topic}, layout {d.layout})")
    click.echo("Layouts:")
    for name, layout in project.layouts.items():
        click.echo(f"  {name}: {layout.model.description} [{', '.join(layout.model.papers)}]")
