"""Turn ``handouts list`` into an overview of the project: clinics and locations, documents, layouts — for
people, or as JSON (``--format json``)."""

from __future__ import annotations

from typing import Any

import click

from handouts.cli.options import EDITION_NAMES, edition_name, project_option


@click.command(name="list")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True,
              help="json: clinics with their locations, documents and layouts as one JSON document on stdout.")
@click.option("--outputs", is_flag=True, help="List the files a build would write instead (with the edition options "
                                              "below), relative to the output folder.")
@click.option("--edition", type=click.Choice(EDITION_NAMES), help="With --outputs: the edition (default: office).")
@click.option("--print", "print_", is_flag=True, help="With --outputs: the print-shop edition.")
@click.option("--digital", is_flag=True, help="With --outputs: the digital edition.")
@click.option("--printer", help="With --outputs: the printer profile of the print edition.")
@click.option("--marks/--no-marks", default=None, help="With --outputs: crop and fold marks of the print edition.")
@project_option
def list_command(fmt, outputs, edition, print_, digital, printer, marks, root) -> None:
    """Show clinics and their locations, documents and layouts; or, with --outputs, the file names a build
    would write (every print variant has its own: --printer and --no-marks change the name)."""
    from handouts import api  # imported when the command runs: `--help` stays instant
    from handouts.cli.report import emit, fail_as_json
    from handouts.editions import Options

    try:
        project = api.load_project(root)
    except api.HandoutsError as exc:
        if fmt == "json":
            fail_as_json("list", exc)
        raise
    if outputs:
        name = edition_name(edition, print_, digital, False)
        options = Options(printer=printer, marks=marks)
        files = [p.as_posix() for p in api.outputs(project, edition=name, options=options)]
        if fmt == "json":
            emit({"command": "list", "edition": name, "outputs": files})
        else:
            click.echo("\n".join(files))
        return
    data = overview(project)
    if fmt == "json":
        emit(data)
        return
    click.echo("Clinics and locations:")
    for clinic in data["clinics"]:
        click.echo(f"  {clinic['id']}: {clinic['name']}")
        for loc in clinic["locations"]:
            click.echo(f"    {loc['id']}: {loc['name']} ({loc['paper']}; {', '.join(loc['languages'])})")
    click.echo("Documents:")
    for doc in data["documents"]:
        click.echo(f"  {doc['id']}: {doc['title']} (topic {doc['topic']}, layout {doc['layout']})")
    click.echo("Layouts:")
    for layout in data["layouts"]:
        click.echo(f"  {layout['id']}: {layout['description']} [{', '.join(layout['papers'])}]")
    click.echo("Editions (handouts build --edition NAME):")
    for edition in data["editions"]:
        click.echo(f"  {edition['id']}: {edition['description']}")


def overview(project) -> dict[str, Any]:
    from handouts.editions import EDITIONS
    from handouts.load import location_languages

    clinics = []
    for name, clinic in project.clinics.items():
        c = clinic.value
        clinics.append({"id": name, "name": c.name, "locations": [
            {"id": loc.id, "name": loc.name, "paper": loc.paper or c.paper or "letter",
             "languages": location_languages(c, loc)} for loc in c.locations]})
    documents = []
    for name, doc in project.documents.items():
        d = doc.value
        topic = project.topics.get(d.topic)
        documents.append({"id": name, "title": d.title or (topic.topic.value.title if topic else ""),
                          "topic": d.topic, "layout": d.layout, "digital_layout": d.digital_layout,
                          "large_print_layout": d.large_print_layout})
    layouts = [{"id": name, "description": layout.value.description, "papers": list(layout.value.papers)}
               for name, layout in project.layouts.items()]
    editions = [{"id": name, "description": spec.description} for name, spec in EDITIONS.items()]
    return {"command": "list", "clinics": clinics, "documents": documents, "layouts": layouts, "editions": editions}
