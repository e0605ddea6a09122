"""Turn each answer a person types for a new clinic or location into a checked value, at once, so a mistake is
said (and asked again) where it is typed, not after the last question."""

from __future__ import annotations

import re
from pathlib import Path

from handouts.load.models.brand import HEX

ID = re.compile(r"^[a-z0-9][a-z0-9_-]*$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class Answer(ValueError):
    """An answer that cannot be used, with what to type instead."""


def identifier(kind: str, value: str) -> str:
    value = value.strip()
    if not ID.match(value):
        raise Answer(f"{kind} id {value!r}: use lower-case letters, digits, - and _ (e.g. 'northside')")
    return value


def text(what: str, value: str) -> str:
    value = value.strip()
    if not value:
        raise Answer(f"{what}: type something (it is printed on every handout)")
    return value


def phone(value: str) -> str:
    value = value.strip()
    if sum(c.isdigit() for c in value) < 3:
        raise Answer(f"phone {value!r}: type the number as it should print, e.g. (503) 555-0142")
    return value


def email(value: str) -> str:
    value = value.strip()
    if not EMAIL.match(value):
        raise Answer(f"e-mail {value!r}: type an address such as hello@clinic.example")
    return value


def url(value: str) -> str:
    value = value.strip()
    if not re.match(r"^https?://\S+\.\S+$", value):
        raise Answer(f"booking page {value!r}: type the full address, starting with https://")
    return value


def colour(value: str) -> str:
    value = value.strip()
    if re.fullmatch(r"[0-9a-fA-F]{6}", value):
        value = "#" + value
    if not HEX.match(value):
        raise Answer(f"colour {value!r}: type it as #RRGGBB (six hex digits, e.g. #0B5563); names are not accepted")
    return value.upper()


def languages(known: list[str], value: str) -> list[str]:
    codes = [c for c in re.split(r"[,;\s]+", value.strip().lower()) if c]
    if not codes:
        raise Answer("languages: type at least one two-letter code, e.g. en or en, es")
    for code in codes:
        if not re.fullmatch(r"[a-z]{2}", code):
            raise Answer(f"language {code!r}: type two-letter codes such as en, es")
        if known and code not in known:
            raise Answer(f"language {code!r}: this project has layout strings for {', '.join(known)} only "
                         f"(add layouts/strings/{code}.yaml first)")
    return codes


def lines(what: str, value: str) -> list[str]:
    parts = [p.strip() for p in value.split(";") if p.strip()]
    if not parts:
        raise Answer(f"{what}: type at least one line (separate lines with ';')")
    return parts


def logo(value: str) -> Path:
    path = Path(value.strip()).expanduser()
    if path.suffix.lower() not in (".svg", ".png"):
        raise Answer(f"logo {value!r}: give an .svg (preferred: it stays sharp in print) or a .png file")
    if not path.is_file():
        raise Answer(f"logo {value!r}: no such file")
    return path
