"""Turn ``handouts build`` into a build of the selected matrix through the API, with progress for people."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from handouts.cli.options import EDITION_NAMES, edition_name, fill_values, project_option, selection
from handouts.cli.startup import paused


@click.command()
@selection
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Override the paper size of every location.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Output folder; PDFs go to OUT/<clinic>/<location>/<document>.<lang>.pdf.")
@click.option("--edition", type=click.Choice(EDITION_NAMES),
              help="Which edition to make (default: office); large-print: <document>.<lang>.large-print.pdf, one "
                   "column, 18 pt body text, nothing under 16 pt, tagged.")
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
@click.option("--tags/--no-tags", default=True, show_default=True,
              help="A tagged PDF: structure tree in reading order, headings, lists, links and alt text for screen "
                   "readers (PDF/UA); --no-tags writes untagged output.")
@click.option("--show-frames", is_flag=True,
              help="Debug overlay of panels, text areas, safe zone, trim, bleed and folds (<document>….frames.pdf).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes (default: one per CPU).")
@click.option("--force", is_flag=True, help="Rebuild everything, even what is up to date.")
@click.option("--prune", is_flag=True, help="Delete outputs whose clinic, location or document was removed.")
@click.option("--fail-fast", is_flag=True, help="Stop at the first failed document.")
@click.option("--shard", metavar="I/N|auto",
              help="Build only the I-th of N deterministic slices of the matrix (auto: the index a Kubernetes "
                   "Indexed Job or CI matrix sets); merge the shards with handouts manifest merge.")
@click.option("--watch", is_flag=True, help="Keep running: rebuild what changes each time a file is saved.")
@click.option("--quiet", "-q", is_flag=True, help="Print nothing but errors.")
@click.option("--verbose", "-v", is_flag=True, help="Print every path written (on stdout), also when output is not "
                                                    "a terminal.")
@click.option("-o", "--output", metavar="FILE|-",
              help="Write the one PDF the selection stands for to FILE, or to standard output with -; nothing goes "
                   "into --out or its manifest (the way to print a form filled in for one patient).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: one JSON report on stdout (each PDF's path, status, seconds and findings).")
@project_option
def build(documents: tuple[str, ...], clinic: str | None, location: str | None, lang: str | None, paper: str | None,
          out: Path, edition: str | None, print_: bool, digital: bool, printer: str | None, marks: bool | None,
          cmyk: bool | None, strict: bool, fillable: bool, fill: tuple[str, ...], flatten: bool, tags: bool,
          show_frames: bool, jobs: int | None, force: bool, prune: bool, fail_fast: bool, shard: str | None,
          watch: bool, quiet: bool, verbose: bool, output: str | None, fmt: str, root: Path) -> None:
    """Build DOCUMENTS (default: all) for every clinic and location, or for the ones selected. Only PDFs whose
    inputs changed since the last build are made again."""
    if digital and (print_ or cmyk):
        raise click.UsageError("--digital is for screens: it cannot be combined with --print or --cmyk")
    name = edition_name(edition, print_, digital, fillable or bool(fill))
    if (printer or marks is not None) and name != "print":
        raise click.UsageError("--printer and --marks apply to the print edition: add --print")

    with paused() as ready:
        # The library (pydantic, ReportLab) is imported when a command runs, so `handouts --help` stays instant.
        from handouts.editions import Options

        options = Options(printer=printer, marks=marks, cmyk=cmyk, frames=show_frames,
                          fill=fill_values(fill, flatten), flatten=flatten, tags=tags)
        if output is not None:
            _one_pdf(root, output, documents, clinic, location, lang, paper, name, options, strict, ready)
            return
        _build(root, out, documents, clinic, location, lang, paper, name, options, jobs, strict, force, prune,
               fail_fast, shard, watch, quiet, verbose, fmt, ready)


def _build(root: Path, out: Path, documents: tuple[str, ...], clinic: str | None, location: str | None,
           lang: str | None, paper: str | None, name: str, options: Any, jobs: int | None, strict: bool,
           force: bool, prune: bool, fail_fast: bool, shard: str | None, watch: bool, quiet: bool, verbose: bool,
           fmt: str, ready: Callable[[], None]) -> None:
    from handouts import api
    from handouts.batch import Shard
    from handouts.cli.progress import Progress
    from handouts.cli.report import build_json, emit, fail_as_json

    machine = fmt == "json"
    if machine and watch:
        raise click.UsageError("--format json reports one build: it cannot be combined with --watch")

    def once() -> Any:
        progress = Progress(quiet=quiet, verbose=verbose or watch, out=out, machine=machine)

        def start(to_build: int, selected: int) -> None:
            ready()  # the project is loaded and checked: the start is over
            progress.start(to_build, selected)

        try:
            report = api.build(root, out, documents, clinic=clinic, location=location, lang=lang, paper=paper,
                               edition=name, options=options, jobs=jobs, strict=strict, force=force, prune=prune,
                               fail_fast=fail_fast, shard=Shard.parse(shard) if shard else None,
                               on_outcome=progress.outcome, on_start=start)
        except api.HandoutsError as exc:
            if machine:
                fail_as_json("build", exc)
            raise
        progress.finish(report)
        if machine:
            emit(build_json(report, out))
        return report

    if watch:
        from handouts.batch.watch import watch as watch_project

        watch_project(root, once, lambda line: click.echo(line, err=line.startswith("Error")))
        return
    report = once()
    if report.interrupted:
        raise SystemExit(130)
    if report.failed or report.stopped:
        raise SystemExit(1)


def _one_pdf(root: Path, output: str, documents: tuple[str, ...], clinic: str | None, location: str | None,
             lang: str | None, paper: str | None, edition: str, options: Any, strict: bool,
             ready: Callable[[], None]) -> None:
    """``-o FILE|-``: one PDF, made as a build makes it, written to FILE (atomically) or standard output."""
    from handouts import api
    from handouts.batch.output import write_atomic
    from handouts.editions.form import form_documents

    project = api.load_project(root)
    ready()
    names = list(documents) or (form_documents(project, ()) if edition == "form" else sorted(project.documents))
    if len(names) != 1:
        raise click.UsageError(f"-o writes one PDF: name one document (of {', '.join(names)})")
    data = api.render(project, names[0], clinic=clinic, location=location, lang=lang, edition=edition,
                      fill=dict(options.fill), flatten=options.flatten, paper=paper, printer=options.printer,
                      marks=options.marks, strict=strict, tags=options.tags)
    if output == "-":
        click.echo(data, nl=False)
        return
    write_atomic(Path(output), data)
    click.echo(f"wrote {output}", err=True)
