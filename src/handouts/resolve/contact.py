"""Turn a clinic and one of its locations into the contact details and brand that location prints: each field
the location's own, else the clinic's; per-language fields picked for the document's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from handouts.errors import InputError
from handouts.load import models as m
from handouts.load.models.brand import with_roles
from handouts.load.project import Loaded

EMERGENCY_NUMBERS = {"US": "911", "CA": "911", "GB": "999", "IE": "112", "AU": "000", "NZ": "111"}
REQUIRED_CONTACT = ("phone", "email", "hours", "booking_url")


@dataclass(frozen=True)
class Contact:
    """A location's details after inheritance from its clinic."""

    name: str
    address: tuple[str, ...]
    phone: str
    email: str
    hours: tuple[str, ...]
    booking_url: str
    emergency_number: str
    locale: str
    tagline: str
    disclaimer: str


def merge_contact(clinic: Loaded[m.Clinic], loc: m.Location, index: int, lang: str | None = None) -> Contact:
    """``loc`` is location ``index`` of ``clinic`` (messages point at its lines)."""
    c = clinic.model

    def pick(field: str) -> Any:
        value = getattr(loc, field)
        return value if value is not None else getattr(c, field)

    missing = [f for f in REQUIRED_CONTACT if not pick(f)]
    if missing:
        raise InputError(clinic.source.issue(
            ("locations", index),
            f"locations[{index}] ({loc.id}): no {', '.join(missing)}: set it on the location or on the clinic"))
    locale = pick("locale") or "en-US"
    country = locale.split("-")[-1] if "-" in locale else ""
    if lang and not locale.startswith(lang):
        locale = f"{lang}-{country}" if country else lang  # Spanish at a US location: es-US
    emergency = pick("emergency_number") or EMERGENCY_NUMBERS.get(country)
    if not emergency:
        raise InputError(clinic.source.issue(("locations", index), f"locations[{index}] ({loc.id}): no "
                                             f"emergency_number and none known for locale {locale}: set one"))
    language = locale.split("-")[0]

    def localized(field: str) -> Any:
        """A field written once, or once per language (``{en: …, es: …}``)."""
        value = pick(field)
        if isinstance(value, dict):
            if language not in value:
                raise InputError(clinic.source.issue(
                    ("locations", index),
                    f"locations[{index}] ({loc.id}): {field} has no '{language}' version ({field}: {{{language}: …}})"))
            value = value[language]
        return value

    return Contact(loc.name, tuple(loc.address), pick("phone"), pick("email"), tuple(localized("hours")),
                   localized("booking_url"), emergency, locale, localized("tagline") or "",
                   localized("disclaimer") or "")


def merge_brand(brand: m.Brand, override: m.BrandOverride | None) -> m.Brand:
    """The clinic's brand with a location's own logo and colours; colour roles the brand did not declare are
    made again from the location's colours (a location with its own primary gets headings in a shade of it)."""
    if override is None:
        return brand
    return brand.model_copy(update={
        "logo": override.logo or brand.logo,
        "colors": with_roles({**brand.colors, **override.colors}),
    })


