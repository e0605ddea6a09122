"""Turn ``handouts package`` into one zip per location for the print shop: print PDFs, job sheet, proofs."""

from __future__ import annotations

from pathlib import Path

import click

from handouts.cli.options import project_option, selection


@click.command()
@selection
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Output folder; each package goes beside its PDFs (OUT/<clinic>/<location>/…-print.zip).")
@click.option("--printer", help="Printer profile from layouts/printers/ (default: offset).")
@click.option("--marks/--no-marks", default=None, help="Crop and fold marks (default: as the printer profile says).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), help="Worker processes for the build (default: one per CPU).")
@project_option
def package(documents: tuple[str, ...], clinic: str | None, location: str | None, lang: str | None, out: Path,
            printer: str | None, marks: bool | None, jobs: int | None, root: Path) -> None:
    """Make one package per location for the print shop: its print PDFs (built first if out of date), a job
    sheet (trim, fold, paper, finish, bleed, marks, colour profile, pages, document code, proofs) and a proof
    PNG of every page, in one zip."""
    # Imported when the command runs, so `handouts --help` stays instant.
    from handouts import api
    from handouts.editions import Options
    from handouts.shop import make_packages

    result = make_packages(api.load_project(root), out, documents, clinic, location, lang,
                           Options(printer=printer, marks=marks), jobs)
    for path in result.packages:
        click.echo(f"wrote {path}")
    for line in result.failed:
        click.echo(f"Error: {line}", err=True)
    click.echo(f"{len(result.packages)} package(s), {len(result.failed)} PDF(s) failed", err=True)
    if result.failed:
        raise SystemExit(1)
