"""Turn resolved blocks into panel flowables: each body item is composed by its registered kind from the parts
this kit offers (paragraphs, sub-headings, lists, call-out boxes, figures), and every piece is labelled with the
block and item it comes from, so the post-layout audit can tell what was split where. Each block is a Sect of
the structure tree under ``parent`` (its heading an H2, sub-headings H3, call-outs Divs, figures with their alt
text), in the order the kit is asked for them: a reading sequence's order."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from reportlab.platypus import Flowable

from handouts.layout.audit import Origin
from handouts.layout.flowables import BlockMarker, callout_box, heading, list_flowable
from handouts.layout.paragraphs import first_words
from handouts.layout.styles import Styles
from handouts.layout.tagging import Elem, Tagged, tagged_para
from handouts.load.items import ITEM_KINDS, Item
from handouts.resolve import RenderedBlock

# Draws a figure item: (item, the kit's styles, its block[, caption beside]) → flowables; the renderer supplies
# it (it knows the files).
FigureMaker = Callable[..., list[Any]]


class PanelKit:
    """The parts a printed panel or column is made of, in the layout's styles."""

    def __init__(self, styles: Styles, figure: FigureMaker | None = None, parent: Elem | None = None):
        self.styles, self.figure_maker = styles, figure
        self._block, self._index = "", 0
        self.parent = parent if parent is not None else Elem("")
        self.section = self.parent

    def _origin(self, kind: str, text: str = "", entries: int = 0) -> Origin:
        return Origin(self._block, self._index, kind, entries, first_words(text))

    def paragraph(self, markup: str) -> list[Any]:
        para = tagged_para(markup, self.styles["body"], self.section.add("P"))
        para.origin = self._origin("p", markup)
        return [para]

    def subheading(self, markup: str) -> list[Any]:
        return [heading(markup, self.styles["subheading"], self._origin("subheading", markup), self.section.add("H3"))]

    def listing(self, entries: Sequence[str], numbered: bool) -> list[Any]:
        flowable = list_flowable(entries, numbered, self.styles["list"], self.styles).tag(self.section.add("L"))
        flowable.origin = self._origin("list", entries[0] if entries else "", len(entries))
        return [flowable]

    def callout(self, tone: str, title: str, text: str, entries: Sequence[str]) -> list[Any]:
        box = callout_box(tone, title, text, entries, self.styles, self.section)
        box.origin = self._origin("callout", title or text)
        return [box]

    def figure(self, item: Item) -> list[Any]:
        if self.figure_maker is None:
            return []
        out = []
        for drawn in self.figure_maker(item, self.styles, self._block):
            flowable = Tagged(drawn, self.section.add("Figure", alt=item.alt))
            if getattr(drawn, "caption", None) is not None:  # the caption beside it: a paragraph after it
                drawn.caption_elem = self.section.add("P")
            flowable.origin = self._origin("figure", item.text)
            out.append(flowable)
        return out

    def items(self, items: Sequence[Item]) -> list[Flowable]:
        out: list[Flowable] = []
        for index, item in enumerate(items):
            out += self._item(index, item)
        return out

    def _item(self, index: int, item: Item) -> list[Flowable]:
        self._index = index
        return ITEM_KINDS[item.kind].compose(item, self)

    def item(self, block: RenderedBlock, index: int) -> list[Flowable]:
        """One item of a block on its own (in a Sect of its own under the kit's parent)."""
        self._block = block.id
        self.section = self.parent.add("Sect")
        return self._item(index, block.items[index])

    def block(self, block: RenderedBlock, heading_too: bool = True, pin: str | None = None) -> list[Flowable]:
        """A block: a marker naming it (and the panel it is pinned to), its heading, then its items."""
        self._block, self._index = block.id, -1
        self.section = self.parent.add("Sect")
        out: list[Flowable] = [BlockMarker(block.id, pin)]
        if heading_too:
            out.append(heading(block.heading, self.styles["heading"], self._origin("heading", block.heading),
                               self.section.add("H2")))
        return out + self.items(block.items)
