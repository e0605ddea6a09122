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
@click.option("--paper", type=click.Choice(["letter", "a4"]), help="Override the paper size of every location.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="Output folder; PDFs go to OUT/<clinic>/<location>/<document>.pdf.")
@project_option
def build(documents, clinic, location, paper, out, root) -> None:
    """Build DOCUMENTS (default: all) for every location, or for the ones selected."""
    from handouts.build import build as run_build

    report = run_build(root, out, documents, clinic, location, paper)
    for path in report.built:
        click.echo(f"wrote {path}")
    for job, exc in report.failed:
        click.echo(f"Error: {exc.format_message()}", err=True)
    click.echo(f"{len(report.built)} built, {len(report.failed)} failed in {report.seconds:.2f} s")
    if report.failed:
        raise SystemExit(1)


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
            paper = loc.paper or clinic.model.paper or "letter"
            click.echo(f"    {loc.id}: {loc.name} ({paper})")
    click.echo("Documents:")
    for name, doc in project.documents.items():
        d = doc.model
        click.echo(f"  {name}: {d.title or project.topics[d.topic].topic.model.title} "
                   f"(topic {d.topic}, layout {d.layout})")
    click.echo("Layouts:")
    for name, layout in project.layouts.items():
        click.echo(f"  {name}: {layout.model.description} [{', '.join(layout.model.papers)}]")
