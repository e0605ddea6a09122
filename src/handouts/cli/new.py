"""Turn ``handouts new clinic|location|document`` into commented YAML files that build at once."""

from __future__ import annotations

import click

from handouts.cli.options import lines, project_option


@click.group()
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
    from handouts.scaffold import new_clinic  # imported when the command runs: `--help` stays instant

    path = new_clinic(root, clinic_id, name, phone, email, booking_url, location_id, location_name,
                      lines(address), paper, locale, template=template)
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
    from handouts.scaffold import new_location  # imported when the command runs

    path = new_location(root, clinic_id, location_id, name, lines(address), phone, email, booking_url, paper,
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
    from handouts.scaffold import new_document  # imported when the command runs

    path = new_document(root, name, topic, layout, kind, title)
    click.echo(f"wrote {path}: build it with  handouts build {name}")
