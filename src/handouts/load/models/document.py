"""Turn document and font files into models: which topic's blocks go in which slots of which layout, what each
kind of document must contain, a document's own words in a language, and font families."""

from __future__ import annotations

from pydantic import Field

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
    paper: PaperName | None = None
    slots: dict[Identifier, list[Identifier]] = Field(min_length=1)
