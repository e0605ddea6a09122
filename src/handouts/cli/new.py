"""Turn ``handouts new clinic|location|document`` into commented YAML files that build at once."""

from __future__ import annotations

import click

from handouts.cli.options import lines, project_option


@click.group()
def new() -> None:
    """Add a clinic, a location or a document: commented YAML that builds at once and passes handouts check.
    Missing values are asked for; an existing file or location is never overwritten."""


def _ask(check, *args):
    from handouts.scaffold import answers

    def value_proc(value):
        try:
            return check(*args, value)
        except answers.Answer as exc:
            raise click.UsageError(str(exc)) from None

    return value_proc


@new.command(name="clinic")
@click.argument("clinic_id")
@click.option("--name", help="As printed, e.g. 'Northside Physio & Rehab'.")
@click.option("--phone", help="Main phone number, as it should print.")
@click.option("--email", help="Contact e-mail.")
@click.option("--booking-url", help="Online booking page (https://…); the QR code leads here.")
@click.option("--hours", help="Opening hours, lines separated by ';' (e.g. 'Mon–Fri 8am–6pm; Sat 9am–1pm').")
@click.option("--languages", help="Languages served, e.g. 'en' or 'en, es' (each needs layout strings).")
@click.option("--logo", help="The clinic's logo: an .svg (preferred) or .png file, copied into clinics/assets/.")
@click.option("--primary", help="The brand colour as #RRGGBB; the other colour tokens start from it.")
@click.option("--location-id", help="First location id (lower-case, e.g. downtown).")
@click.option("--location-name", help="First location name.")
@click.option("--address", help="Its address (lines separated by ';').")
@click.option("--paper", type=click.Choice(["letter", "a4"]), default="letter", show_default=True)
@click.option("--locale", default="en-US", show_default=True)
@project_option
def new_clinic_command(clinic_id, name, phone, email, booking_url, hours, languages, logo, primary, location_id,
                       location_name, address, paper, locale, root) -> None:
    """Write content/clinics/CLINIC_ID.yaml with one location, from your answers only (asked for when not given;
    each is checked as it is typed). Nothing is copied from another clinic."""
    from handouts.scaffold import answers, new_clinic  # imported when the command runs: `--help` stays instant

    try:
        clinic_id = answers.identifier("clinic", clinic_id)
    except answers.Answer as exc:
        raise click.BadParameter(str(exc), param_hint="CLINIC_ID") from None
    if (root / "content" / "clinics" / f"{clinic_id}.yaml").exists():
        raise click.ClickException(f"{root / 'content' / 'clinics' / f'{clinic_id}.yaml'} already exists; handouts "
                                   f"new never overwrites a file")
    # Languages, not a country's words (en-GB.yaml holds only what differs from en.yaml).
    known = sorted(p.stem for p in (root / "layouts" / "strings").glob("*.yaml") if "-" not in p.stem)

    def get(value, prompt, check, *args):
        if value is not None:
            try:
                return check(*args, value)
            except answers.Answer as exc:
                raise click.BadParameter(str(exc)) from None
        return click.prompt(prompt, value_proc=_ask(check, *args))

    name = get(name, "Clinic name", answers.text, "name")
    phone = get(phone, "Main phone number", answers.phone)
    email = get(email, "Contact e-mail", answers.email)
    booking_url = get(booking_url, "Online booking page (https://…)", answers.url)
    hours = get(hours, "Opening hours (lines separated by ';')", answers.lines, "hours")
    languages = get(languages, f"Languages served ({', '.join(known) or 'en'})", answers.languages, known)
    logo = get(logo, "Logo file (.svg or .png)", answers.logo)
    primary = get(primary, "Brand colour (#RRGGBB)", answers.colour)
    location_id = get(location_id, "First location id (lower-case, e.g. downtown)", answers.identifier, "location")
    location_name = get(location_name, "First location name", answers.text, "location name")
    address = get(address, "Its address (lines separated by ';')", answers.lines, "address")
    path = new_clinic(root, clinic_id, name, phone, email, booking_url, location_id, location_name, address, paper,
                      locale, hours=hours, languages=languages, logo=logo, primary=primary)
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
