"""Turn layout and printer-profile YAML into models: papers, pages split into panels with a role each, styles
that name brand colour and font tokens, and what a print shop wants."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field, ValidationInfo, field_validator, model_validator

from handouts.load.models.common import Identifier, Length, Model, NonEmpty, PaperName, PerPaperLength


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
    role: Identifier  # a registered panel role (handouts.layout.panels); checked when the layout is used
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
    # A large-print layout: held to the large-print standard (handouts check): running text 18 pt or more,
    # nothing under 16 pt, 1.5× leading, WCAG AAA contrast; the large-print edition is set only in one.
    large_print: bool = False
    language_styles: dict[Annotated[str, Field(pattern=r"^[a-z]{2}$")], dict[str, StyleOverride]] = {}
    pages: list[Page] = Field(min_length=1)
    # Reading sequences: the flow panels a reader sees together, each in reading order. Text runs on from one
    # panel to the next only inside a sequence; a document fills each sequence from the slot of the same name.
    sequences: dict[Identifier, list[Identifier]] = {}
    # The order a reader reads the panels in, which a tagged edition's structure tree follows (a screen reader
    # reads a folded brochure cover first, whatever side of the sheet it is printed on): every panel once, the
    # panels of a reading sequence together and in the sequence's order. Left out, it is worked out from the
    # panels' roles: a cover or header first, the running text, the other panels in page order, a footer last.
    reading_order: list[Identifier] | None = None
    styles: dict[str, Style]

    @model_validator(mode="after")
    def _consistent(self):
        names = [p.name for page in self.pages for p in page.panels]
        dupes = {n for n in names if names.count(n) > 1}
        if dupes:
            raise ValueError(f"panel names must be unique; repeated: {', '.join(sorted(dupes))}")
        flow_panels = [p.name for page in self.pages for p in page.panels if p.role == "flow"]
        listed = [name for panels in self.sequences.values() for name in panels]
        if sorted(listed) != sorted(flow_panels):
            raise ValueError(
                f"sequences must list every flow panel once, each in reading order; flow panels: "
                f"{', '.join(flow_panels) or '(none)'}; listed: {', '.join(listed) or '(none)'}"
            )
        fixed_slots = {s for page in self.pages for p in page.panels for s in p.slots}
        clash = sorted(fixed_slots & set(self.sequences))
        if clash:
            raise ValueError(f"a sequence and a panel slot share the name {', '.join(clash)}: rename one")
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

    @field_validator("reading_order")
    @classmethod
    def _reading_order(cls, value: list[str] | None, info: ValidationInfo) -> list[str] | None:
        if value is not None and "pages" in info.data:
            names = [p.name for page in info.data["pages"] for p in page.panels]
            _check_reading_order(value, names, info.data.get("sequences", {}))
        return value

    def styles_for(self, lang: str) -> dict[str, Style]:
        """The styles with this language's overrides applied."""
        overrides = self.language_styles.get(lang, {})
        return {name: style.model_copy(update=overrides[name].model_dump(exclude_none=True))
                if name in overrides else style for name, style in self.styles.items()}

    def sequence_of(self, panel: str) -> str | None:
        """The reading sequence a flow panel belongs to."""
        return next((name for name, panels in self.sequences.items() if panel in panels), None)

    def slots(self) -> list[str]:
        """Slot names a document may fill: every reading sequence, then every fixed panel's slot."""
        out = list(self.sequences)
        for page in self.pages:
            for panel in page.panels:
                out += [s for s in panel.slots if s not in out]
        return out


def _check_reading_order(order: list[str], panels: list[str], sequences: dict[str, list[str]]) -> None:
    unknown = [n for n in order if n not in panels]
    if unknown:
        raise ValueError(f"no panel named {', '.join(unknown)}; the panels: {', '.join(panels)}")
    twice = sorted({n for n in order if order.count(n) > 1})
    left_out = [n for n in panels if n not in order]
    if twice or left_out:
        raise ValueError("list every panel once" + (f"; repeated: {', '.join(twice)}" if twice
                         else "") + (f"; left out: {', '.join(left_out)}" if left_out else ""))
    for name, members in sequences.items():
        at = [order.index(n) for n in members]
        if at and at != list(range(at[0], at[0] + len(at))):
            raise ValueError(f"the panels of sequence '{name}' ({', '.join(members)}) are read together, in that "
                             f"order: list them so")


# ---------------------------------------------------------------------------------------------- printers


class OutputIntent(Model):
    """The printing condition a print file is made for: a registered characterization and its ICC profile."""

    icc: NonEmpty  # CMYK output profile (path relative to the printer file, or absolute)
    identifier: NonEmpty  # as registered at the ICC, e.g. "FOGRA39" or "CGATS TR 006"
    condition: NonEmpty  # the printing condition in words
    registry: str = "http://www.color.org"


class PrinterProfile(Model):
    """What a print shop wants: bleed, marks, colour mode, output intent, image resolution, ink limit, and the
    paper and finish the job sheet names."""

    description: NonEmpty
    bleed: PerPaperLength = {"letter": 9.0, "a4": 72 / 25.4 * 3}
    marks: bool = False
    color: Literal["cmyk", "rgb"] = "cmyk"
    # One output intent, or one per paper (US presses print to GRACoL, European ones to FOGRA).
    output_intent: OutputIntent | dict[PaperName, OutputIntent] | None = None
    min_image_ppi: float = Field(default=300, gt=0)
    max_ink: float = Field(default=280, gt=0, le=400)  # total area coverage, percent
    stock: str | None = None  # paper, for the job sheet (e.g. "150 gsm coated silk")
    finish: str | None = None  # e.g. "trim, score and roll fold"

    @model_validator(mode="after")
    def _intent_needs_cmyk(self) -> PrinterProfile:
        if self.output_intent and self.color != "cmyk":
            raise ValueError("an output intent is for CMYK printing: set color: cmyk")
        return self

    def intent_for(self, paper: str) -> OutputIntent | None:
        intent = self.output_intent
        return intent.get(paper) if isinstance(intent, dict) else intent  # type: ignore[call-overload]


