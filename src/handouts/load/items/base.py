"""Turn a kind of body item (a paragraph, a list, a call-out …) into one registry entry: its YAML model, the
strings it holds, what it is for a reader, and how it is composed from the layout's parts."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

from handouts.load.models.common import Model

Loc = tuple[str | int, ...]


@dataclass(frozen=True)
class Text:
    """One string of an item as written (template and inline markup included), and where it sits in it."""

    loc: Loc  # inside the item, e.g. ("bullets", 2)
    value: str
    running: bool = True  # read as sentences, so it counts for reading level
    font: str = "body"  # the brand font role it is set in


@dataclass(frozen=True)
class Item:
    """A body item ready to lay out: its strings filled in for one location and turned into paragraph markup."""

    kind: str
    text: str = ""
    entries: tuple[str, ...] = ()
    title: str = ""
    tone: str = "info"
    src: str = ""  # a file the item draws (a figure's SVG), relative to its topic's folder
    alt: str = ""  # what a figure shows, for readers who cannot see it
    options: tuple[tuple[str, str], ...] = ()  # kind-specific settings (a figure's width, its colour map)


class Kit(Protocol):
    """What the layout stage offers to compose items from; each returns the flowables it made."""

    def paragraph(self, markup: str) -> list[Any]: ...

    def subheading(self, markup: str) -> list[Any]: ...

    def listing(self, entries: Sequence[str], numbered: bool) -> list[Any]: ...

    def callout(self, tone: str, title: str, text: str, entries: Sequence[str]) -> list[Any]: ...

    def figure(self, item: Item) -> list[Any]: ...


class ItemKind:
    """One kind of body item. Subclasses set ``key`` and ``model`` and say what their strings are."""

    key: ClassVar[str]
    model: ClassVar[type[Model]]
    # What the item gives a reader, for the PEMAT and safety checks: "list", "steps", "callout", "urgent".
    features: ClassVar[frozenset[str]] = frozenset()
    text_font: ClassVar[str] = "body"  # the font role its main text is set in

    def texts(self, item: Any) -> list[Text]:
        raise NotImplementedError

    def item_features(self, item: Any) -> frozenset[str]:
        return self.features

    def resolve(self, item: Any, fill: Callable[[Text], str]) -> Item:
        """Fill in every string; the item's shape decides which field of ``Item`` each goes to."""
        raise NotImplementedError

    def compose(self, item: Item, kit: Kit) -> list[Any]:
        raise NotImplementedError
