"""Turn a clinic file into models: the brand (logo, colour tokens, fonts), contact defaults, and the locations
that inherit them and override what differs."""

from __future__ import annotations

import colorsys
import functools
import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Discriminator, Field, Tag, WithJsonSchema, field_validator, model_validator
from pydantic.json_schema import SkipJsonSchema

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
    derived: SkipJsonSchema[bool] = Field(default=False, exclude=True)  # made from other colours, not declared

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


COLOR_TOKENS = ("primary", "accent", "text", "muted", "background", "tint")
# Colour roles a brand may declare and otherwise gets, made from its other colours so text always has the
# contrast it needs (WCAG 2.1 AA, 4.5:1): text set on the primary colour; headings and other text in the
# primary or accent colour, on the background and on the tint. A light primary (a yellow) then fills bands while
# headings use a dark shade of it.
TEXT_ROLES = {"primary_text": "primary", "accent_text": "accent"}
DERIVED_TOKENS = ("on_primary", *TEXT_ROLES)
TEXT_CONTRAST = 4.5


def luminance(rgb: tuple[float, float, float]) -> float:
    """WCAG 2.1 relative luminance of an sRGB colour."""
    def channel(v: float) -> float:
        return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio of two ``#RRGGBB`` colours."""
    la, lb = luminance(hex_to_rgb(a)), luminance(hex_to_rgb(b))
    return (max(la, lb) + 0.05) / (min(la, lb) + 0.05)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02X}" for v in rgb)


def text_shade(base: str, surfaces: list[str], target: float = TEXT_CONTRAST) -> str:
    """``base`` if it has ``target`` contrast on every surface, else the nearest shade of its hue (darker on
    light surfaces, lighter on dark ones) that has."""
    return _shade(base, tuple(surfaces), target)


@functools.lru_cache(maxsize=1024)
def _shade(base: str, surfaces: tuple[str, ...], target: float) -> str:
    """``text_shade``, worked out once per colour and surfaces: a chain's locations share a few palettes, and
    the search below costs about a millisecond."""
    if min(contrast(base, s) for s in surfaces) >= target:
        return base.upper()
    hue, light, saturation = colorsys.rgb_to_hls(*hex_to_rgb(base))
    darker = sum(luminance(hex_to_rgb(s)) for s in surfaces) / len(surfaces) > 0.18
    for step in range(1, 201):
        level = light * (1 - step / 200) if darker else light + (1 - light) * step / 200
        candidate = _hex(colorsys.hls_to_rgb(hue, level, saturation))
        if min(contrast(candidate, s) for s in surfaces) >= target:
            return candidate
    return "#000000" if darker else "#FFFFFF"


def with_roles(colors: dict[str, BrandColor]) -> dict[str, BrandColor]:
    """The declared colours with every role the brand did not declare made from the others."""
    out = {k: v for k, v in colors.items() if not v.derived}
    surfaces = [out["background"].hex, out["tint"].hex]
    if "on_primary" not in out:
        primary = out["primary"].hex
        choice = max((out["background"].hex, out["text"].hex, "#FFFFFF", "#000000"),
                     key=lambda c: contrast(c, primary))
        out["on_primary"] = BrandColor(hex=choice, derived=True)
    for role, base in TEXT_ROLES.items():
        if role not in out:
            shade = text_shade(out[base].hex, surfaces)
            same = shade == out[base].hex.upper()
            out[role] = BrandColor(hex=shade, cmyk=out[base].cmyk if same else None, derived=True)
    return out


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
            raise ValueError(f"missing brand colours: {', '.join(missing)} (needed: {', '.join(COLOR_TOKENS)}; "
                             f"{', '.join(DERIVED_TOKENS)} are made from them unless given)")
        return with_roles(value)


class BrandOverride(Model):
    """What a location may change of its clinic's brand: logo and individual colours."""

    logo: Logo | None = None
    colors: dict[str, BrandColor] = {}




BookingUrl = Annotated[str, Field(pattern=r"^https?://\S+$")]


def _web_address(value: str) -> str:
    if not re.fullmatch(r"https?://\S+", value):
        raise ValueError(f"expected a web address starting with https://, got {value!r}")
    return value


# One booking page, or one per language: the value's own shape picks which, so a mistake gets one message.
PerLanguageUrl = Annotated[
    Annotated[BookingUrl, Tag("str")]
    | Annotated[dict[LanguageCode, Annotated[str, AfterValidator(_web_address),
                                             WithJsonSchema({"type": "string", "pattern": r"^https?://\S+$"})]],
                Tag("dict")],
    Discriminator(lambda value: "dict" if isinstance(value, dict) else "str"),
]


class ContactFields(Model):
    phone: str | None = None
    email: str | None = None
    hours: list[NonEmpty] | dict[LanguageCode, list[NonEmpty]] | None = None
    # One booking page, or one per language ({en: …?lang=en, es: …?lang=es}): the QR code of each edition.
    booking_url: PerLanguageUrl | None = None
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


