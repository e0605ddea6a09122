"""Turn ``- callout: {tone, title, text, bullets}`` into a boxed call-out; ``tone: urgent`` is where a
document says when to get help at once."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

from pydantic import model_validator

from handouts.load.items.base import Item, ItemKind, Kit, Text
from handouts.load.models.common import Model, NonEmpty


class CalloutBody(Model):
    tone: Literal["info", "warning", "urgent"] = "info"
    title: str | None = None
    text: str | None = None
    bullets: list[NonEmpty] | None = None

    @model_validator(mode="after")
    def _has_content(self) -> CalloutBody:
        if not self.text and not self.bullets:
            raise ValueError("a callout needs text or bullets")
        return self


class Callout(Model):
    callout: CalloutBody


class CalloutKind(ItemKind):
    key = "callout"
    model = Callout
    features = frozenset({"callout"})

    def item_features(self, item: Callout) -> frozenset[str]:
        return self.features | ({"urgent"} if item.callout.tone == "urgent" else set())

    def texts(self, item: Callout) -> list[Text]:
        c = item.callout
        out = [Text(("callout", "title"), c.title, running=False)] if c.title else []
        out += [Text(("callout", "text"), c.text)] if c.text else []
        out += [Text(("callout", "bullets", i), entry) for i, entry in enumerate(c.bullets or ())]
        return out

    def resolve(self, item: Callout, fill: Callable[[Text], str]) -> Item:
        filled = {t.loc: fill(t) for t in self.texts(item)}
        c = item.callout
        return Item(self.key, text=filled.get(("callout", "text"), ""), title=filled.get(("callout", "title"), ""),
                    entries=tuple(filled[("callout", "bullets", i)] for i in range(len(c.bullets or ()))),
                    tone=c.tone)

    def compose(self, item: Item, kit: Kit) -> list[Any]:
        return kit.callout(item.tone, item.title, item.text, item.entries)
