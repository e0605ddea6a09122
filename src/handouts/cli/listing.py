"""Turn ``handouts list`` into an overview of the project: clinics and locations, documents, layouts."""

from __future__ import annotations

import click

from handouts.cli.options import project_option


@click.command(name="list")
@project_option
def list_command(root) -> None:
    """Show clinics and their locations, documents and layouts."""
    from handouts import api  # imported when the command runs: `--help` stays instant
    from handouts.load import location_languages

    project = api.load_project(root)
    click.echo("Clinics and locations:")
    for name, clinic in project.clinics.items():
        click.echo(f"  {name}: {clinic.model.name}")
        for loc in clinic.model.locations:
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
