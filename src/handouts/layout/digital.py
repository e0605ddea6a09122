"""Turn a resolved document into the digital edition's story: one column in reading order, every piece tagged
with its structure element (logo, title, main message, each block with its sub-headings, paragraphs, lists and
call-outs, contact details, the booking link and QR code, the small print)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from handouts.layout.audit import Origin
from handouts.layout.flowables import Address, Stack
from handouts.layout.graphics import draw_qr
from handouts.layout.kit import FigureMaker
from handouts.layout.logos import logo_aspect
from handouts.layout.panels.base import PanelContext, short_url
from handouts.layout.paragraphs import Para, first_words
from handouts.layout.styles import Styles
from handouts.layout.tagging import Elem, Marker, Tagged
from handouts.load.items import ITEM_KINDS, Item
from handouts.resolve import Resolved
from handouts.xmltext import escape


class LogoFlowable(Flowable):
    def __init__(self, page: PanelContext, height: float):
        super().__init__()
        self.page, self.logo_h = page, height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = self.logo_h * logo_aspect(self.page.r.logo_path, self.page.r.logo_is_vector)
        self.height = self.logo_h
        return self.width, self.height

    def draw(self) -> None:
        self.page.logo(self.canv, 0, 0, self.logo_h)


class QRFlowable(Flowable):
    def __init__(self, page: PanelContext, size: float):
        super().__init__()
        self.page, self.size = page, size
        self.spaceBefore, self.spaceAfter = 6, 6

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width = self.height = self.size
        return self.size, self.size

    def draw(self) -> None:
        draw_qr(self.canv, self.page.r.contact.booking_url, 0, 0, self.size, self.page.palette("text"))


def _bold(styles: Styles, font: str) -> str:
    """The bold face of the family ``font`` belongs to."""
    return next((faces.bold for faces in styles.fonts.values() if font in (faces.regular, faces.italic)), font)


class DigitalKit:
    """The parts of a tagged, single-column document; each adds its structure element under ``parent`` and is
    labelled with the block and item it comes from (for the post-layout audit)."""

    def __init__(self, styles: Styles, marker: Marker, story: list[Flowable], parent: Elem,
                 figure: FigureMaker | None = None):
        self.styles, self.marker, self.story, self.parent = styles, marker, story, parent
        self.figure_maker = figure
        self.block, self.index, self.extra = "", -1, -1
        self.callout_box = ParagraphStyle("callout-box", parent=styles["callout"], backColor=styles.palette("tint"),
                                          leftIndent=10, rightIndent=10, borderPadding=(4, 10, 4, 10),
                                          spaceBefore=0, spaceAfter=4)
        self.callout_title = ParagraphStyle("callout-box-title", parent=self.callout_box,
                                            fontName=_bold(styles, self.callout_box.fontName))

    def origin(self, kind: str, text: str = "", entries: int = 0) -> Origin | None:
        return Origin(self.block, self.index, kind, entries, first_words(text)) if self.block else None

    def apart(self, text: str) -> Origin:
        """Where a piece of the block that is not one of its items comes from: numbered apart from the items."""
        self.extra -= 1
        return Origin(self.block, self.extra, "p", 0, first_words(text))

    def para(self, parent: Elem, tag: str, text: str, style: str | ParagraphStyle, keep: bool = False,
             alt: str | None = None, origin: Origin | None = None) -> list[Any]:
        elem = parent.add(tag)
        elem.link_alt = alt
        p = Para(text, self.styles[style] if isinstance(style, str) else style)
        if keep:
            p.keepWithNext = 1
        flowable = Tagged(p, elem, self.marker)
        if origin is None and self.block:  # a paragraph of its own (the contact details)
            origin = self.apart(text)
        flowable.origin = origin
        self.story.append(flowable)
        return [flowable]

    def list_in(self, parent: Elem, entries: Sequence[str], numbered: bool, style: ParagraphStyle,
                origin: Origin | None = None) -> list[Any]:
        lst = parent.add("L")
        lst.attrs["ListNumbering"] = "Decimal" if numbered else "Disc"
        # The labels in the list's own embedded face and size (ReportLab's default is 10 pt Helvetica, which is
        # not embedded), the items indented past the widest so every line of an item starts at the same place.
        labels = [f"{n}." if numbered else "•" for n in range(1, len(entries) + 1)]
        widest = max((stringWidth(label, style.fontName, style.fontSize) for label in labels), default=0.0)
        indent = max(style.fontSize * 1.4, widest + style.fontSize * 0.6 + 0.5)
        item_style = ParagraphStyle(f"{style.name}-item", parent=style, leftIndent=indent, bulletIndent=0,
                                    bulletFontName=style.fontName, bulletFontSize=style.fontSize)
        out = []
        for text, bullet in zip(entries, labels, strict=True):
            item = lst.add("LI")
            label, body = item.add("Lbl"), item.add("LBody")
            tagged = Tagged(Para(text, item_style, bulletText=bullet), body, self.marker, label)
            tagged.origin = origin
            out.append(tagged)
        self._kept(out, whole=origin is None or origin.keeps_whole)
        return out

    def _kept(self, flowables: list[Flowable], whole: bool) -> None:
        """Add to the story: a short list or a call-out moves to the next page whole rather than split."""
        if whole and len(flowables) > 1:
            stack = Stack(flowables)
            stack.origin = flowables[0].origin
            self.story.append(stack)
        else:
            self.story.extend(flowables)

    def paragraph(self, markup: str) -> list[Any]:
        return self.para(self.parent, "P", markup, "body", origin=self.origin("p", markup))

    def subheading(self, markup: str) -> list[Any]:
        return self.para(self.parent, "H3", markup, "subheading", keep=True,
                         origin=self.origin("subheading", markup))

    def listing(self, entries: Sequence[str], numbered: bool) -> list[Any]:
        origin = self.origin("list", entries[0] if entries else "", len(entries))
        return self.list_in(self.parent, entries, numbered, self.styles["list"], origin)

    def callout(self, tone: str, title: str, text: str, entries: Sequence[str]) -> list[Any]:
        div = self.parent.add("Div")
        origin = self.origin("callout", title or text)
        parts: list[Any] = []
        held, self.story = self.story, parts  # the box's pieces are kept together
        try:
            if title:  # a heading under the block's: the urgent box's title is found by heading navigation
                self.para(div, "H3", title, self.callout_title, keep=True, origin=origin)
            if text:
                self.para(div, "P", text, self.callout_box, origin=origin)
            if entries:
                self.list_in(div, entries, False, self.callout_box, origin)
        finally:
            self.story = held
        self._kept(parts, whole=True)
        return parts

    def figure(self, item: Item) -> list[Any]:
        if self.figure_maker is None:
            return []
        origin = self.origin("figure", item.text)
        drawn = self.figure_maker(item, self.styles, self.block, False)
        out: list[Any] = []
        for flowable in drawn:
            flowable.keepWithNext = 1  # with its caption
            tagged = Tagged(flowable, self.parent.add("Figure", alt=item.alt), self.marker)
            tagged.origin = origin
            out.append(tagged)
        self.story += out
        return out + self.para(self.parent, "P", item.text, "body", origin=self.origin("p", item.text))


def digital_story(r: Resolved, styles: Styles, page: PanelContext, marker: Marker,
                  figure: FigureMaker | None = None) -> tuple[list[Flowable], Elem]:
    """The whole document in reading order, each piece tagged; returns the story and its structure tree. The
    document's slots are read in the order it lists them (a brochure's flap, its inside, its back), the small
    print last."""
    root = Elem("Document")
    story: list[Flowable] = []
    kit = DigitalKit(styles, marker, story, root, figure)

    logo_alt = r.brand.logo.alt or ""  # a tagged edition refuses to be made without it
    story.append(Tagged(LogoFlowable(page, 0.9 * 72), root.add("Figure", alt=logo_alt), marker))
    kit.para(root, "P", escape(r.clinic.name), "clinic_name")
    kit.para(root, "H1", escape(r.title), "cover_title", keep=True)
    box = ParagraphStyle("key-message", parent=styles["cover_subtitle"], backColor=styles.palette("tint"),
                         borderPadding=(8, 10, 8, 10), leftIndent=10, rightIndent=10, spaceBefore=8,
                         spaceAfter=16)
    kit.para(root, "P", r.main_message, box)

    for slot, blocks in r.slots.items():
        if slot == "smallprint":
            continue
        for block in blocks:
            section = root.add("Sect")
            kit.block, kit.index = block.id, -1
            kit.para(section, "H2", block.heading, "heading", keep=True, origin=kit.origin("heading", block.heading))
            kit.parent = section
            for index, item in enumerate(block.items):
                kit.index = index
                ITEM_KINDS[item.kind].compose(item, kit)
    kit.block, kit.index = "contact", -1
    contact = root.add("Sect")
    kit.para(contact, "H2", escape(r.t("contact_us")), "heading", keep=True,
             origin=kit.origin("heading", escape(r.t("contact_us"))))
    c = r.contact
    lines = [escape(r.clinic.name), escape(c.name), *map(escape, c.address)]
    kit.para(contact, "P", "<br/>".join(lines), "contact")
    kit.para(contact, "P", f'<a href="tel:{escape(c.phone.replace(" ", ""))}">{escape(c.phone)}</a>', "phone",
             alt=f"{r.t('call')} {c.phone}")
    kit.para(contact, "P", f'<a href="mailto:{escape(c.email)}">{escape(c.email)}</a>', "contact", alt=c.email)
    kit.para(contact, "P", "<br/>".join(map(escape, c.hours)), "contact")
    # The booking address on lines of its own, broken only after / . ? & = - (never inside a word), a link.
    kit.para(contact, "P", f"{escape(r.t('scan_to_book'))}:", "contact", keep=True)
    address = Address(short_url(c.booking_url), kit.styles["contact"], c.booking_url, "booking address",
                      contact.add("P"))
    address.origin = kit.apart(c.booking_url)
    story.append(address)
    qr_alt = f"QR code: {r.t('scan_to_book').lower()} at {c.booking_url}"
    story.append(Tagged(QRFlowable(page, 1.2 * 72), contact.add("Figure", alt=qr_alt), marker))

    notes = root.add("Sect")
    for block in r.slots.get("smallprint", []):
        for item in block.items:
            for text in ([item.text] if item.text else []) + list(item.entries):
                kit.para(notes, "P", text, "small")
    if c.disclaimer:
        kit.para(notes, "P", escape(c.disclaimer), "small")
    kit.para(notes, "P", escape(r.governance_line()), "small")
    return story, root
