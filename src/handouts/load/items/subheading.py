"""Turn ``- subheading: …`` into a sub-heading inside a block, kept with what follows it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handouts.load.items.base import Item, ItemKind, Kit, Text
from handouts.load.models.common import Model, NonEmpty


class Subheading(Model):
    subheading: NonEmpty


class SubheadingKind(ItemKind):
    key = "subheading"
    model = Subheading
    text_font = "heading"

    def texts(self, item: Subheading) -> list[Text]:
        return [Text(("subheading",), item.subheading, running=False, font="heading")]

    def resolve(self, item: Subheading, fill: Callable[[Text], str]) -> Item:
        return Item(self.key, text=fill(self.texts(item)[0]))

    def compose(self, item: Item, kit: Kit) -> list[Any]:
        return kit.subheading(item.text)
