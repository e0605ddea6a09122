"""Turn the body item kinds into one registry: a block's ``body`` accepts exactly these, and every stage
(validation, filling in, checks, layout) finds an item's behaviour here by its key.

Adding a kind: one module beside these with its model and an ``ItemKind`` subclass, and one entry below."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Union

from pydantic import BaseModel, Discriminator, Tag

from handouts.load.items.base import Item, ItemKind, Kit, Text
from handouts.load.items.callout import CalloutKind
from handouts.load.items.figure import FigureKind
from handouts.load.items.lists import BulletsKind, StepsKind
from handouts.load.items.paragraph import ParagraphKind
from handouts.load.items.subheading import SubheadingKind

__all__ = ["ITEM_KINDS", "BodyItem", "Item", "ItemKind", "Kit", "Text", "kind_of"]

ITEM_KINDS: dict[str, ItemKind] = {kind.key: kind for kind in (
    ParagraphKind(), SubheadingKind(), BulletsKind(), StepsKind(), CalloutKind(), FigureKind(),
)}
_BY_MODEL: dict[type[BaseModel], ItemKind] = {kind.model: kind for kind in ITEM_KINDS.values()}


def kind_of(item: BaseModel) -> ItemKind:
    """The registry entry of a validated body item."""
    return _BY_MODEL[type(item)]


def _tag(value: Any) -> str | None:
    if isinstance(value, dict):
        keys = [k for k in value if k in ITEM_KINDS]
        return keys[0] if len(keys) == 1 else None
    if isinstance(value, BaseModel):
        return kind_of(value).key
    return None


# One tagged union of every registered model: an item's single key says which one it is.
if TYPE_CHECKING:
    BodyItem = BaseModel
else:
    BodyItem = Annotated[
        Union[tuple(Annotated[kind.model, Tag(kind.key)] for kind in ITEM_KINDS.values())],  # noqa: UP007
        Discriminator(
            _tag,
            custom_error_type="body_item",
            custom_error_message=f"expected a mapping with exactly one of: {', '.join(ITEM_KINDS)}",
        ),
    ]
