"""Turn the pieces of a document into ReportLab flowables: markers that name blocks (and the panel a block is
pinned to), headings kept with what follows them, page breaks up to the layout's last page, lists that split
only between items and only when long, and call-out boxes that never split. Each piece carries the structure
element a tagged edition files it under (a list's label and body per item, a call-out's title as a heading)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import ActionFlowable, Flowable, ListFlowable, ListItem, Paragraph, Table, TableStyle
from reportlab.platypus.flowables import LIIndenter

from handouts.layout.audit import SHORT_LIST, Origin
from handouts.layout.paragraphs import Para
from handouts.layout.styles import Styles
from handouts.layout.tagging import Elem, TaggedPara, tagged_para, text
from handouts.layout.typeset import address_markup
from handouts.xmltext import escape


class BlockMarker(Flowable):
    """Zero-size marker placed before each block's flowables, so errors can name the block; ``pin`` is the
    panel the block must be set in."""

    _ZEROSIZE = 1

    def __init__(self, block_id: str, pin: str | None = None):
        super().__init__()
        self.block_id, self.pin = block_id, pin
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class BreakUntil(ActionFlowable):
    """Start a new page unless the document already reached page ``target`` (every layout page is made)."""

    def __init__(self, target: int):
        super().__init__()
        self.target = target

    def apply(self, doc: Any) -> None:
        if doc.page < self.target:
            doc.handle_pageBreak()


def heading(markup: str, style: ParagraphStyle, origin: Origin | None = None, elem: Elem | None = None) -> Para:
    """A heading: kept with what follows it (the composer keeps it with at least two lines)."""
    para = tagged_para(markup, style, elem)
    para.keepWithNext = 1
    para.origin = origin
    return para


class _Indenter(LIIndenter):
    """A list item: its label drawn as the content of the item's Lbl element (its body draws itself)."""

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        if self._bullet:
            with text(canv, getattr(self._flowable, "label", None)):
                self._bullet.drawOn(self, canv, x, y, 0)
        self._flowable.drawOn(canv, x + self._leftIndent, y, max(0, _sW - self._leftIndent - self._rightIndent))


class KeptList(ListFlowable):
    """A bulleted or numbered list that never splits when it has up to SHORT_LIST items, and otherwise splits
    only between items, keeping at least two on each side. Tagged (``tag``), it is an L element with an LI
    (Lbl and LBody) per item."""

    origin: Any = None
    elem: Elem | None = None

    def __init__(self, entries: Sequence[str], numbered: bool, style: ParagraphStyle, styles: Styles,
                 start: int = 1):
        self.entries, self.numbered, self.item_style, self.styles, self.first = \
            tuple(entries), numbered, style, styles, start
        self.paras: list[TaggedPara] = [tagged_para(text, style, None) for text in entries]
        items = [ListItem(p, spaceAfter=style.spaceAfter) for p in self.paras]
        bullet: dict[str, Any] = {"bulletType": "1", "bulletFormat": "%s.", "start": start} if numbered \
            else {"bulletType": "bullet", "start": "•"}
        super().__init__(
            items,
            leftIndent=style.fontSize * 1.25,
            bulletFontName=styles.font("body") if not numbered else styles.fonts["body"].bold,
            bulletFontSize=style.fontSize,
            bulletColor=styles.palette.text("primary_text", style.fontSize),
            bulletDedent="auto",
            spaceAfter=style.spaceAfter,
            **bullet,
        )

    def tag(self, elem: Elem) -> KeptList:
        """File the list under ``elem`` (an L): a new LI with its Lbl and LBody for each item."""
        self.elem = elem
        elem.attrs["ListNumbering"] = "Decimal" if self.numbered else "Disc"
        for para in self.paras:
            item = elem.add("LI")
            para.label, para.elem = item.add("Lbl"), item.add("LBody")
        return self

    def _makeLIIndenter(self, flowable: Any, bullet: Any, params: Any = None) -> LIIndenter:  # noqa: N802
        if params:
            return _Indenter(flowable, params.get("leftIndent", self._leftIndent),
                             params.get("rightIndent", self._rightIndent), bullet,
                             spaceBefore=params.get("spaceBefore", None), spaceAfter=params.get("spaceAfter", None))
        return _Indenter(flowable, self._leftIndent, self._rightIndent, bullet)

    def _part(self, entries: Sequence[str], start: int) -> KeptList:
        part = KeptList(entries, self.numbered, self.item_style, self.styles, start)
        part.origin, part.spaceBefore, part.spaceAfter = self.origin, self.spaceBefore, self.spaceAfter
        part.elem = self.elem
        offset = start - self.first
        for mine, theirs in zip(self.paras[offset:offset + len(entries)], part.paras, strict=True):
            theirs.label, theirs.elem = mine.label, mine.elem
        return part

    def split(self, aw: float, ah: float) -> list[Flowable]:
        n = len(self.entries)
        if n <= SHORT_LIST or (self.origin is not None and self.origin.entries <= SHORT_LIST):
            return []
        canv = getattr(self, "canv", None)
        for k in range(n - 2, 1, -1):
            head = self._part(self.entries[:k], self.first)
            if head.wrapOn(canv, aw, ah)[1] <= ah + 1e-6:
                return [head, self._part(self.entries[k:], self.first + k)]
        return []


def list_flowable(entries: Sequence[str], numbered: bool, style: ParagraphStyle, styles: Styles) -> KeptList:
    return KeptList(entries, numbered, style, styles)


class Address(Flowable):
    """A URL or e-mail address on lines of its own, broken only after ``/ . ? & = -`` (and before ``@``) to fit
    the width it gets; a link where the edition has links. Too long a piece is an error saying by how much.
    Tagged, it is the content of ``elem`` (a P holding the Link)."""

    def __init__(self, address: str, style: ParagraphStyle, href: str | None = None, what: str = "address",
                 elem: Elem | None = None):
        super().__init__()
        self.address, self.style, self.href, self.what, self.elem = address, style, href, what, elem
        self.para: Para | None = None

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        set_for = self.__dict__.get("_set_for")
        if self.para is not None and set_for is not None and set_for[0] == aw:
            return set_for[1]  # set for this width already (its height does not depend on ah)
        markup = address_markup(self.address, aw, self.style.fontName, self.style.fontSize)
        if markup is None:
            widest = max(stringWidth(piece, self.style.fontName, self.style.fontSize)
                         for piece in re.split(r"(?<=[/.?&=-])|(?=@)", self.address))
            raise AddressTooWide(self.what, self.address, widest - aw)
        if self.href:
            markup = f'<a href="{escape(self.href)}">{markup}</a>'
        self.para = tagged_para(markup, self.style, self.elem)
        self.para.joined = True  # its lines are pieces of one address: the tagged text runs them together
        self.width, self.height = self.para.wrap(aw, ah)
        self._set_for = (aw, (self.width, self.height))
        return self.width, self.height

    def draw(self) -> None:
        assert self.para is not None
        self.para.drawOn(self.canv, 0, 0)


class AddressTooWide(Exception):
    """A piece of an address, between two places it may break, is wider than its line."""

    def __init__(self, what: str, address: str, over: float):
        self.what, self.address, self.over = what, address, over
        super().__init__(f"the {what} {address} has a piece {over:.0f} pt wider than its line (it breaks only "
                         f"after / . ? & = - and before @)")


class Stack(Flowable):
    """Flowables set one under the other as one piece that never splits (a call-out or a short list of the
    digital edition, made of separately tagged paragraphs)."""

    origin: Any = None

    def __init__(self, contents: Sequence[Flowable]):
        super().__init__()
        self.contents = list(contents)
        self.spaceBefore = self.contents[0].getSpaceBefore() if self.contents else 0
        self.spaceAfter = self.contents[-1].getSpaceAfter() if self.contents else 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self._placed: list[tuple[Flowable, float]] = []
        y = 0.0
        for i, f in enumerate(self.contents):
            if i:
                y += max(f.getSpaceBefore(), self.contents[i - 1].getSpaceAfter())
            _, h = f.wrapOn(getattr(self, "canv", None), aw, ah)
            self._placed.append((f, y + h))
            y += h
        self.width, self.height = aw, y
        return aw, y

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        for f, bottom in self._placed:
            f.drawOn(self.canv, 0, self.height - bottom)


class Callout(Table):
    """A call-out box: a table with one row per paragraph or bullet that never splits (a reader must see the
    whole box at once)."""

    origin: Any = None

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        return []


def callout_box(tone: str, title: str, words: str, entries: Sequence[str], styles: Styles,
                parent: Elem | None = None) -> Callout:
    """A tinted box with a coloured bar (the accent colour for warnings and urgent boxes). Tagged, it is a Div
    under ``parent`` holding its title as an H3 (under the block's H2), its text and its items as one list; a
    box of text alone is a paragraph."""
    spec = styles.spec("callout")
    body_style = styles["callout"]
    inner_style = ParagraphStyle("callout-inner", parent=body_style, spaceBefore=0, spaceAfter=3)
    box = parent.add("Div") if parent is not None and (title or entries) else parent
    rows: list[list[Flowable]] = []
    if title:
        rows.append([tagged_para(title, styles["callout_title"], box.add("H3") if box is not None else None)])
    if words:
        rows.append([tagged_para(words, inner_style, box.add("P") if box is not None else None)])
    listing = box.add("L") if box is not None and entries else None
    for entry in entries:
        item = list_flowable((entry,), False, ParagraphStyle("callout-list", parent=inner_style), styles)
        rows.append([item.tag(listing) if listing is not None else item])
    bar = styles.palette("accent" if tone in ("warning", "urgent") else "primary")
    table = Callout(rows, colWidths=["100%"])
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), body_style.fontName, body_style.fontSize),  # else cells select Helvetica
        ("TEXTCOLOR", (0, 0), (-1, -1), body_style.textColor),  # else cells select RGB black
        ("BACKGROUND", (0, 0), (-1, -1), styles.palette(spec.background or "tint")),
        ("LINEBEFORE", (0, 0), (0, -1), 4 if tone == "urgent" else 3, bar),
        ("LEFTPADDING", (0, 0), (-1, -1), 9),
        ("RIGHTPADDING", (0, 0), (-1, -1), 7),
        ("TOPPADDING", (0, 0), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 6),
        ("BOTTOMPADDING", (0, -1), (-1, -1), 4),
    ]))
    table.spaceBefore = spec.space_before
    table.spaceAfter = spec.space_after
    return table


__all__ = ["Address", "AddressTooWide", "BlockMarker", "BreakUntil", "Callout", "KeptList", "Paragraph", "Stack",
           "callout_box", "heading", "list_flowable"]
