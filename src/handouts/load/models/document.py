"""Turn document and font files into models: which topic's blocks go in which slots of which layout, what each
kind of document must contain, a document's own words in a language, and font families."""

from __future__ import annotations

from pydantic import Field, model_validator

from handouts.load.models.common import Identifier, Model, NonEmpty, PaperName
from handouts.load.models.content import BlockKind


class FontFamily(Model):
    regular: NonEmpty
    bold: NonEmpty
    italic: NonEmpty
    bold_italic: NonEmpty
    licence: NonEmpty

class DocumentText(Model):
    """A document's own words in one language (its title and main message)."""

    title: str | None = None
    main_message: str | None = None


class DocumentKind(Model):
    """What every document of a kind must contain, so nothing essential for safety is left out."""

    description: NonEmpty
    requires: list[BlockKind] = []
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
    large_print_layout: Identifier = "large-print"  # the single-column layout of its large-print edition
    paper: PaperName | None = None
    slots: dict[Identifier, list[Identifier]] = Field(min_length=1)
    # Blocks pinned to one panel of the sequence their slot fills: each starts in that panel and must end there
    # (e.g. a self-contained "key points" block on the flap, the urgent box on the last inside panel).
    pin: dict[Identifier, Identifier] = {}
    # Blocks of the slots that only the digital edition prints (they do not fit the printed sheet).
    digital_only: list[Identifier] = []

    @model_validator(mode="after")
    def _placed_blocks(self):
        placed = {b for names in self.slots.values() for b in names}
        for what, names in (("pin", list(self.pin)), ("digital_only", self.digital_only)):
            stray = [n for n in names if n not in placed]
            if stray:
                raise ValueError(f"{what} names blocks that no slot places: {', '.join(stray)}")
        both = sorted(set(self.pin) & set(self.digital_only))
        if both:
            raise ValueError(f"a block cannot be both pinned to a panel and digital only: {', '.join(both)}")
        return self
