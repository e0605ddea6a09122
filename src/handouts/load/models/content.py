"""Turn content YAML into models: blocks (a heading and a body of items), topics with their governance,
references and glossary, and a translation's provenance."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from pydantic import Field, field_validator, model_validator

from handouts.load.items import BodyItem
from handouts.load.models.common import Model, NonEmpty

# The kinds of block a topic is written in; document kinds (content/document-kinds.yaml) require some of them.
# ``teaching``: read as part of what the document teaches (scored for reading level); the disclaimer is not.
BLOCK_KINDS: dict[str, bool] = {
    "symptoms": True,
    "mechanism": True,
    "session": True,
    "side_effects": True,
    "contraindications": True,
    "aftercare": True,
    "warning_signs": True,
    "key_points": True,
    "call_to_action": True,
    "disclaimer": False,
    "general": True,
}
if TYPE_CHECKING:
    BlockKind = str
else:
    BlockKind = Literal[tuple(BLOCK_KINDS)]


class Block(Model):
    """One content block: a heading and its body, in one YAML file."""

    kind: BlockKind
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


