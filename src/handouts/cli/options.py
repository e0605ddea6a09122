"""Turn the options several commands share (the project folder, the selection of documents, the edition) into
click decorators and the values the library takes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

project_option = click.option(
    "--project", "-C", "root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
    show_default=True, help="Project folder holding content/, layouts/ and fonts/.")

EDITION_NAMES = ("office", "print", "digital", "form", "large-print")  # handouts.editions.EDITIONS
FILL_KEYS = ("next_appointment_date", "next_appointment_time", "therapist", "notes", "areas")


def selection(command: Callable[..., Any]) -> Callable[..., Any]:
    """DOCUMENTS, --clinic, --location and --lang: which documents of which locations."""
    for option in reversed((
        click.argument("documents", nargs=-1),
        click.option("--clinic", help="Only this clinic."),
        click.option("--location", help="Only this location."),
        click.option("--lang", help="Only this language (e.g. es); default: every language each location serves."),
    )):
        command = option(command)
    return command


def edition_name(edition: str | None, print_: bool, digital: bool, form: bool) -> str:
    """``--edition NAME``, or its aliases ``--print``, ``--digital`` and ``--fillable``."""
    asked = [name for name, on in (("print", print_), ("digital", digital), ("form", form)) if on]
    if edition:
        asked = [edition, *(a for a in asked if a != edition)]
    if len(asked) > 1:
        raise click.UsageError(f"choose one edition: {' or '.join('--' + a for a in asked)}")
    return asked[0] if asked else "office"


def fill_values(pairs: tuple[str, ...], flatten: bool) -> tuple[tuple[str, str], ...]:
    """--fill KEY=VALUE pairs, checked: known keys; live form fields only take Latin-1 text (PDF form fields
    use the standard fonts), so other scripts need --flatten, which prints them in the brand's fonts."""
    if flatten and not pairs:
        raise click.UsageError("--flatten prints the values given with --fill: add --fill KEY=VALUE")
    values = []
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise click.BadParameter(f"{pair!r}: use KEY=VALUE with KEY one of {', '.join(FILL_KEYS)} (or the "
                                     f"field's label on the sheet, e.g. fecha)", param_hint="--fill")
        if not flatten and key != "areas":
            try:
                value.encode("latin-1")
            except UnicodeEncodeError:
                raise click.BadParameter(f"{pair!r}: form fields can only show Latin-1 text; add --flatten to "
                                         f"print it in the sheet's own fonts", param_hint="--fill") from None
        values.append((key, value))
    return tuple(values)


def lines(text: str) -> list[str]:
    """An address typed on one line, its lines separated by ';'."""
    return [line.strip() for line in text.split(";") if line.strip()]
