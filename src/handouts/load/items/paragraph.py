"""Turn ``- p: …`` into a paragraph of running text."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from handouts.load.items.base import Item, ItemKind, Kit, Text
from handouts.load.models.common import Model, NonEmpty


class Paragraph(Model):
    p: NonEmpty


class ParagraphKind(ItemKind):
    key = "p"
    model = Paragraph

    def texts(self, item: Paragraph) -> list[Text]:
        return [Text(("p",), item.p)]

    def resolve(self, item: Paragraph, fill: Callable[[Text], str]) -> Item:
        return Item(self.key, text=fill(self.texts(item)[0]))

    def compose(self, item: Item, kit: Kit) -> list[Any]:
        return kit.paragraph(item.text)
