"""Turn ``handouts preflight FILE…`` into a print shop's check of finished PDFs, whoever made them."""

from __future__ import annotations

from pathlib import Path

import click

from handouts.cli.options import project_option


@click.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--cmyk", is_flag=True, help="Require DeviceCMYK colour (no RGB anywhere).")
@click.option("--min-ppi", type=float, default=300, show_default=True, help="Warn below this image resolution.")
@click.option("--min-text", type=float, default=None, help="Smallest text size allowed, in points.")
@click.option("--printer", help="Take the limits (image resolution, ink, colour) from this printer profile of the "
                                "project instead.")
@project_option
def preflight(files: tuple[Path, ...], strict: bool, cmyk: bool, min_ppi: float, min_text: float | None,
              printer: str | None, root: Path) -> None:
    """Check finished PDFs as a print shop would: images, fonts, colour, safe zone, text size, ink, annotations."""
    # Imported when the command runs, so `handouts --help` stays instant.
    from handouts.preflight import PreflightOptions
    from handouts.preflight import preflight as run_preflight

    if printer:
        from handouts import api
        from handouts.editions.printshop import printer_limits

        profile = api.load_project(root).printer(printer).value
        options = printer_limits(profile, cmyk or profile.color == "cmyk", min_text)
    else:
        options = PreflightOptions.limits(min_ppi, cmyk, min_text_size=min_text)
    errors = warnings = 0
    for path in files:
        for finding in run_preflight(path, options):
            click.echo(str(finding))
            errors += finding.severity == "error"
            warnings += finding.severity == "warning"
    click.echo(f"{len(files)} file(s): {errors} error(s), {warnings} warning(s)")
    if errors or (strict and warnings):
        raise SystemExit(1)
