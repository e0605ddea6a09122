"""Turn validated YAML data into typed models: content blocks, topics, clinics, layouts, documents, fonts."""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from handouts.units import LENGTH_PATTERN, to_points


class Model(BaseModel):
    """Every model rejects unknown keys (typos) and is immutable once loaded."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


Length = Annotated[
    float,
    BeforeValidator(to_points),
    WithJsonSchema({"anyOf": [{"type": "string", "pattern": LENGTH_PATTERN}, {"type": "number"}]}),
]
PaperName = Literal["letter", "a4"]
PerPaperLength = Length | dict[PaperName, Length]
Identifier = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")]
NonEmpty = Annotated[str, Field(min_length=1)]

# ---------------------------------------------------------------------------------------------- content


class Paragraph(Model):
    p: NonEmpty


class Subheading(Model):
    subheading: NonEmpty


class Bullets(Model):
    bullets: list[NonEmpty] = Field(min_length=1)


class Steps(Model):
    steps: list[NonEmpty] = Field(min_length=1)


class CalloutBody(Model):
    tone: Literal["info", "warning", "urgent"] = "info"
    title: str | None = None
    text: str | None = None
    bullets: list[NonEmpty] | None = None

    @model_validator(mode="after")
    def _has_content(self):
        if not self.text and not self.bullets:
            raise ValueError("a callout needs text or bullets")
        return self


class Callout(Model):
    callout: CalloutBody


BODY_ITEM_KEYS = ("p", "subheading", "bullets", "steps", "callout")


def _body_item_tag(value: Any) -> str | None:
    if isinstance(value, dict):
        keys = [k for k in value if k in BODY_ITEM_KEYS]
        return keys[0] if len(keys) == 1 else None
    if isinstance(value, BaseModel):
        return next(k for k in BODY_ITEM_KEYS if k in type(value).model_fields)
    return None


BodyItem = Annotated[
    Annotated[Paragraph, Tag("p")]
    | Annotated[Subheading, Tag("subheading")]
    | Annotated[Bullets, Tag("bullets")]
    | Annotated[Steps, Tag("steps")]
    | Annotated[Callout, Tag("callout")],
    Discriminator(
        _body_item_tag,
        custom_error_type="body_item",
        custom_error_message="expected a mapping with exactly one of: p, subheading, bullets, steps, callout",
    ),
]

BLOCK_KINDS = (
    "symptoms",
    "mechanism",
    "session",
    "side_effects",
    "contraindications",
    "aftercare",
    "call_to_action",
    "disclaimer",
    "general",
)


class Block(Model):
    """One content block: a heading and its body, in one YAML file."""

    kind: Literal[BLOCK_KINDS]  # type: ignore[valid-type]
    heading: NonEmpty
    body: list[BodyItem] = Field(min_length=1)


class Governance(Model):
    code: NonEmpty
    version: NonEmpty
    published: date
    next_review: date
    reviewer_role: NonEmpty
    owner: str | None = None

    @field_validator("version", mode="before")
    @classmethod
    def _version_as_text(cls, value):
        return str(value) if isinstance(value, int | float) else value

    @model_validator(mode="after")
    def _review_after_publication(self):
        if self.next_review <= self.published:
            raise ValueError("next_review must come after published")
        return self


class Reference(Model):
    title: NonEmpty
    url: str | None = None
    note: str | None = None


class GlossaryEntry(Model):
    term: NonEmpty
    means: NonEmpty


class Translation(Model):
    """Where a translated topic came from and whether a qualified translator has reviewed it."""

    source: NonEmpty
    status: Literal["needs-review", "reviewed"] = "needs-review"
    note: str | None = None


class Topic(Model):
    """A subject (e.g. dry needling for sciatica): its title, governance and glossary; blocks sit beside it."""

    title: NonEmpty
    subtitle: str | None = None
    main_message: NonEmpty
    language: str = "en-US"
    status: Literal["draft", "reviewed", "withdrawn"] = "draft"
    review_note: str | None = None
    governance: Governance
    references: list[Reference] = []
    glossary: list[GlossaryEntry] = []
    translation: Translation | None = None
    treated_areas: list[NonEmpty] = []  # tick boxes on the aftercare sheet: the muscles this treatment targets


# ---------------------------------------------------------------------------------------------- branding

HEX = re.compile(r"^#[0-9a-fA-F]{6}$")


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
        from handouts.color import hex_to_rgb  # color imports the models

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


LanguageCode = Annotated[str, Field(pattern=r"^[a-z]{2}$")]
Localized = str | dict[LanguageCode, str]  # one text, or one per language


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
    languages: list[Annotated[str, Field(pattern=r"^[a-z]{2}$")]] | None = Field(default=None, min_length=1)

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


# ---------------------------------------------------------------------------------------------- fonts


class FontFamily(Model):
    regular: NonEmpty
    bold: NonEmpty
    italic: NonEmpty
    bold_italic: NonEmpty
    licence: NonEmpty


# ---------------------------------------------------------------------------------------------- layouts

PANEL_ROLES = ("flow", "cover", "back", "header", "callbar", "appointment", "footer", "band", "folio")


class Style(Model):
    font: Literal["body", "heading"] = "body"
    bold: bool = False
    italic: bool = False
    size: Length
    leading: Length | None = None
    color: str = "text"
    space_before: Length = 0
    space_after: Length = 0
    align: Literal["left", "center", "right"] = "left"
    background: str | None = None  # a box drawn behind the text (call-outs)
    surface: str = "background"  # the brand colour the text sits on: contrast is checked against it


STYLE_NAMES = (
    "body",
    "heading",
    "subheading",
    "list",
    "callout_title",
    "callout",
    "small",
    "cover_title",
    "cover_subtitle",
    "tagline",
    "clinic_name",
    "contact",
    "contact_heading",
    "phone",
)


class StyleOverride(Model):
    """A few properties of a style changed for one language (e.g. a little smaller type for Spanish)."""

    size: Length | None = None
    leading: Length | None = None
    space_before: Length | None = None
    space_after: Length | None = None


class Panel(Model):
    name: Identifier
    role: Literal[PANEL_ROLES]  # type: ignore[valid-type]
    size: PerPaperLength | None = None
    slots: list[Identifier] = []
    columns: int = Field(default=1, ge=1, le=4)
    gutter: Length = 18.0
    background: str | None = None


class Page(Model):
    name: Identifier
    split: Literal["columns", "rows"]
    panels: list[Panel] = Field(min_length=1)


class Paper(Model):
    width: Length
    height: Length


class Margins(Model):
    top: Length = 0
    right: Length = 0
    bottom: Length = 0
    left: Length = 0


class Layout(Model):
    """Page geometry, panels with their roles, and styles that name brand colour and font tokens."""

    description: NonEmpty
    papers: dict[PaperName, Paper] = Field(min_length=1)
    folded: bool = False
    margins: Margins = Margins()
    padding: Length = 18.0
    safe_margin: PerPaperLength = {"letter": 9.0, "a4": 72 / 25.4 * 3}  # text keeps this far from the trim
    fold_safe: Length = 72 / 25.4 * 3  # and this far from each fold
    min_font_size: Length = 12.0
    hyphenate: bool = False  # running text, in the document's language (needs pyphen)
    continuous: bool = False  # one column read top to bottom: everything flows, pages repeat as needed
    language_styles: dict[Annotated[str, Field(pattern=r"^[a-z]{2}$")], dict[str, StyleOverride]] = {}
    pages: list[Page] = Field(min_length=1)
    flow: list[Identifier] = []
    styles: dict[str, Style]

    @model_validator(mode="after")
    def _consistent(self):
        names = [p.name for page in self.pages for p in page.panels]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"panel names must be unique; repeated: {', '.join(sorted(dupes))}")
        flow_panels = [p.name for page in self.pages for p in page.panels if p.role == "flow"]
        if sorted(self.flow) != sorted(flow_panels):
            raise ValueError(
                f"flow must list every flow panel once, in reading order; flow panels: {', '.join(flow_panels)}"
            )
        missing = [s for s in STYLE_NAMES if s not in self.styles]
        if missing:
            raise ValueError(f"missing styles: {', '.join(missing)}")
        for lang, overrides in self.language_styles.items():
            unknown = [s for s in overrides if s not in self.styles]
            if unknown:
                raise ValueError(f"language_styles.{lang}: unknown styles: {', '.join(unknown)}")
        for page in self.pages:
            for panel in page.panels:
                if isinstance(panel.size, dict):
                    absent = [p for p in self.papers if p not in panel.size]
                    if absent:
                        raise ValueError(f"panel '{panel.name}' has no size for paper {', '.join(absent)}")
        return self

    def styles_for(self, lang: str) -> dict[str, Style]:
        """The styles with this language's overrides applied."""
        overrides = self.language_styles.get(lang, {})
        return {name: style.model_copy(update=overrides[name].model_dump(exclude_none=True))
                if name in overrides else style for name, style in self.styles.items()}

    def slots(self) -> list[str]:
        """Slot names a document may fill: 'flow' plus every fixed panel's slot."""
        out = ["flow"] if self.flow else []
        for page in self.pages:
            for panel in page.panels:
                out += [s for s in panel.slots if s not in out]
        return out


# ---------------------------------------------------------------------------------------------- printers


class PrinterProfile(Model):
    """What a print shop wants: bleed, marks, colour mode, output profile, image resolution."""

    description: NonEmpty
    bleed: PerPaperLength = {"letter": 9.0, "a4": 72 / 25.4 * 3}
    marks: bool = False
    color: Literal["cmyk", "rgb"] = "cmyk"
    icc: str | None = None  # CMYK output profile (path relative to the printer file, or absolute)
    output_condition: str | None = None  # e.g. "Coated FOGRA39" or "CGATS TR 001 (SWOP)"
    min_image_ppi: float = Field(default=300, gt=0)
    max_ink: float = Field(default=300, gt=0, le=400)

    @model_validator(mode="after")
    def _icc_needs_cmyk(self):
        if self.icc and self.color != "cmyk":
            raise ValueError("an ICC output profile is for CMYK printing: set color: cmyk")
        return self


# ---------------------------------------------------------------------------------------------- documents


class DocumentText(Model):
    """A document's own words in one language (its title and main message)."""

    title: str | None = None
    main_message: str | None = None


class DocumentKind(Model):
    """What every document of a kind must contain, so nothing essential for safety is left out."""

    description: NonEmpty
    requires: list[Literal[BLOCK_KINDS]] = []  # type: ignore[valid-type]
    warning_signs: bool = False  # an urgent call-out saying when to get help
    phone: bool = False  # the location's phone number, printed


class Document(Model):
    """A document: a topic's blocks placed in a layout's slots; adding one needs no Python."""

    kind: Identifier
    title: str | None = None
    main_message: str | None = None  # defaults to the topic's
    topic: Identifier
    layout: Identifier
    digital_layout: Identifier = "digital"  # the single-column layout of its digital edition
    paper: PaperName | None = None
    slots: dict[Identifier, list[Identifier]] = Field(min_length=1)
