"""Turn resolved blocks into panel flowables: each body item is composed by its registered kind from the parts
this kit offers (paragraphs, kept sub-headings, lists, call-out boxes)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable

from handouts.layout.flowables import BlockMarker, callout_box, kept_heading, list_flowable
from handouts.layout.glyphs import Para
from handouts.layout.styles import Styles
from handouts.load.items import ITEM_KINDS, Item
from handouts.resolve import RenderedBlock


class PanelKit:
    """The parts a printed panel or column is made of, in the layout's styles."""

    def __init__(self, styles: Styles):
        self.styles = styles

    def paragraph(self, markup: str) -> list[Any]:
        return [Para(markup, self.styles["body"])]

    def subheading(self, markup: str) -> list[Any]:
        return kept_heading(markup, self.styles["subheading"], self.styles["body"].leading)

    def listing(self, entries: Sequence[str], numbered: bool) -> list[Any]:
        return [list_flowable(entries, numbered, self.styles["list"], self.styles)]

    def callout(self, tone: str, title: str, text: str, entries: Sequence[str]) -> list[Any]:
        return [callout_box(tone, title, text, entries, self.styles)]

    def items(self, items: Sequence[Item]) -> list[Flowable]:
        out: list[Flowable] = []
        for item in items:
            out += ITEM_KINDS[item.kind].compose(item, self)
        return out

    def block(self, block: RenderedBlock, heading: bool = True) -> list[Flowable]:
        """A block: a marker naming it, its heading kept with what follows, then its items."""
        out: list[Flowable] = [BlockMarker(block.id)]
        if heading:
            out += kept_heading(block.heading, self.styles["heading"], self.styles["body"].leading)
        return out + self.items(block.items)
