"""Turn ``handouts locations import|export`` into a clinic's locations read from, or written to, a spreadsheet."""

from __future__ import annotations

from pathlib import Path

import click

from handouts.cli.options import project_option


@click.group()
def locations() -> None:
    """Keep a clinic's locations in a spreadsheet (CSV or .xlsx): import adds or updates them, export writes the
    sheet import reads.

    Columns: id, name, address, phone, email, hours, booking_url, emergency_number, paper, locale, languages,
    tagline, disclaimer; hours, tagline and disclaimer may also be given per language (hours.es). Address and
    hours lines go in one cell, separated by line breaks or ';'; languages by commas. An empty cell means the
    location inherits the clinic's value; a column left out leaves that field as it is."""


@locations.command(name="import")
@click.argument("sheet", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--clinic", help="The clinic whose locations to update (default: the only one).")
@click.option("--write", is_flag=True, help="Write the clinic file (without it: show the diff only).")
@project_option
def import_command(sheet: Path, clinic: str | None, write: bool, root: Path) -> None:
    """Add or update locations from SHEET (.csv or .xlsx); shows the diff, writes only with --write."""
    from handouts.sheets import import_locations  # imported when the command runs: `--help` stays instant

    result = import_locations(root, clinic, sheet, write=write)
    if result.diff:
        click.echo(result.diff, nl=False)
    click.echo(result.summary(), err=True)
    if result.written:
        click.echo(f"wrote {result.clinic_file}", err=True)
    elif result.diff:
        click.echo("nothing written: add --write to save these changes", err=True)
    else:
        click.echo(f"{result.clinic_file} already matches the sheet", err=True)


@locations.command(name="export")
@click.option("--clinic", help="The clinic whose locations to export (default: the only one).")
@click.option("-o", "--output", "output", default="-", show_default=True,
              help="FILE.csv or FILE.xlsx, or - for CSV on standard output.")
@project_option
def export_command(clinic: str | None, output: str, root: Path) -> None:
    """Write the clinic's locations as the sheet `locations import` reads (a round trip changes nothing)."""
    from handouts.sheets import export_locations  # imported when the command runs: `--help` stays instant

    target = None if output == "-" else Path(output)
    data = export_locations(root, clinic, target)
    if target is None:
        click.echo(data, nl=False)  # bytes go to the binary stream as they are
    else:
        click.echo(f"wrote {target}", err=True)
