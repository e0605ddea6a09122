"""Turn a clinic file into models: the brand (logo, colour tokens, fonts), contact defaults, and the locations
that inherit them and override what differs."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import Field, field_validator, model_validator

from handouts.load.models.common import Identifier, LanguageCode, Localized, Model, NonEmpty, PaperName

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


def hex_to_rgb(hex_value: str) -> tuple[float, float, float]:
    """``#RRGGBB`` → (r, g, b), each 0–1."""
    h = hex_value.lstrip("#")
    return int(h[0:2], 16) / 255, int(h[2:4], 16) / 255, int(h[4:6], 16) / 255


class BrandColor(Model):
    """A brand colour: screen hex, and the brand's own CMYK (percent) where it has one."""

    hex: str = Field(pattern=HEX.pattern)
    cmyk: tuple[float, float, float, float] | None = None

    @model_validator(mode="before")
    @classmethod
    def _from_hex_string(cls, value):
        return {"hex": value} if isinstance(value, str) else value

    @field_validator("cmyk")
    @classmethod
    def _percentages(cls, value):
        if value is not None and not all(0 <= v <= 100 for v in value):
            raise ValueError("CMYK values are percentages from 0 to 100")
        return value

    @property
    def rgb(self) -> tuple[float, float, float]:
        return hex_to_rgb(self.hex)


COLOR_TOKENS = ("primary", "accent", "text", "muted", "background", "tint", "on_primary")


class Logo(Model):
    """A logo as vector SVG and/or raster PNG (paths relative to the clinic file); SVG is preferred."""

    svg: str | None = None
    png: str | None = None
    alt: str | None = None

    @model_validator(mode="after")
    def _one_file(self):
        if not self.svg and not self.png:
            raise ValueError("a logo needs an svg or a png file")
        return self


class Brand(Model):
    logo: Logo
    colors: dict[str, BrandColor]
    fonts: dict[Literal["body", "heading"], NonEmpty]
    # For characters the brand fonts lack: a family per language code, or "*" for every language.
    fallback_fonts: dict[Annotated[str, Field(pattern=r"^([a-z]{2}|\*)$")], NonEmpty] = {}

    def fallback_for(self, lang: str) -> str | None:
        return self.fallback_fonts.get(lang) or self.fallback_fonts.get("*")

    @field_validator("colors")
    @classmethod
    def _all_tokens(cls, value):
        missing = [t for t in COLOR_TOKENS if t not in value]
        if missing:
            raise ValueError(f"missing brand colours: {', '.join(missing)} (needed: {', '.join(COLOR_TOKENS)})")
        return value


class BrandOverride(Model):
    """What a location may change of its clinic's brand: logo and individual colours."""

    logo: Logo | None = None
    colors: dict[str, BrandColor] = {}




class ContactFields(Model):
    phone: str | None = None
    email: str | None = None
    hours: list[NonEmpty] | dict[LanguageCode, list[NonEmpty]] | None = None
    booking_url: str | None = Field(default=None, pattern=r"^https?://\S+$")
    emergency_number: str | None = None
    paper: PaperName | None = None
    locale: str | None = Field(default=None, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    tagline: Localized | None = None
    disclaimer: Localized | None = None
    languages: list[LanguageCode] | None = Field(default=None, min_length=1)

    @field_validator("phone", "emergency_number", mode="before")
    @classmethod
    def _phone_text(cls, value):
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise ValueError(f"expected a phone number in quotes, such as \"(503) 555-0142\", got {value!r}")
        return value


class Location(ContactFields):
    id: Identifier
    name: NonEmpty
    address: list[NonEmpty] = Field(min_length=1)
    brand: BrandOverride | None = None


class Clinic(ContactFields):
    """A clinic (or chain): brand and defaults that each location inherits and may override."""

    name: NonEmpty
    brand: Brand
    locations: list[Location] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_location_ids(self):
        seen = set()
        for loc in self.locations:
            if loc.id in seen:
                raise ValueError(f"location id '{loc.id}' is used twice")
            seen.add(loc.id)
        return self


