"""Turn ``- bullets: […]`` and ``- steps: […]`` into bulleted and numbered lists."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from pydantic import Field

from handouts.load.items.base import Item, ItemKind, Kit, Text
from handouts.load.models.common import Model, NonEmpty


class Bullets(Model):
    bullets: list[NonEmpty] = Field(min_length=1)


class Steps(Model):
    steps: list[NonEmpty] = Field(min_length=1)


class _ListKind(ItemKind):
    numbered: ClassVar[bool] = False

    def texts(self, item: Any) -> list[Text]:
        return [Text((self.key, i), entry) for i, entry in enumerate(getattr(item, self.key))]

    def resolve(self, item: Any, fill: Callable[[Text], str]) -> Item:
        return Item(self.key, entries=tuple(fill(t) for t in self.texts(item)))

    def compose(self, item: Item, kit: Kit) -> list[Any]:
        return kit.listing(item.entries, self.numbered)


class BulletsKind(_ListKind):
    key = "bullets"
    model = Bullets
    features = frozenset({"list"})


class StepsKind(_ListKind):
    """Numbered steps: things the reader does, in order."""

    key = "steps"
    model = Steps
    numbered = True
    features = frozenset({"list", "steps"})
