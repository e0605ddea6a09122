"""Turn a resolved job into PDF bytes: panels from the layout, content flowing through them in reading order,
fixed panels (cover, back, header, call bar, appointment, footer) drawn by their role's renderer."""

from __future__ import annotations

import io
import json
from dataclasses import replace
from datetime import date
from xml.sax.saxutils import escape

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    ActionFlowable,
    BaseDocTemplate,
    Flowable,
    Frame,
    ListFlowable,
    ListItem,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)
from reportlab.platypus.doctemplate import LayoutError

from handouts import __version__
from handouts import models as m
from handouts.color import REGISTRATION, RICH_BLACK, brand_cmyk, rgb_to_cmyk
from handouts.edition import OFFICE, Edition
from handouts.errors import HandoutsError, LayoutOverflow
from handouts.fonts import Faces, register_family
from handouts.geometry import Box, PlacedPanel, fold_positions, per_paper, place_panels
from handouts.glyphs import Para, fallback_font
from handouts.glyphs import describe as describe_glyph
from handouts.glyphs import missing as missing_glyphs
from handouts.graphics import draw_logo, draw_qr, logo_aspect
from handouts.project import Project
from handouts.resolve import Item, RenderedBlock, Resolved
from handouts.text import plain

OVERFLOW_TEMPLATE = "__overflow__"
ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


# ---------------------------------------------------------------------------------------------- styles


class Palette:
    """Brand colour tokens as ReportLab colours: RGB, or DeviceCMYK for print."""

    def __init__(self, brand: m.Brand, cmyk: bool = False):
        self.brand, self.cmyk = brand, cmyk
        self._cache: dict[str, Color] = {}

    def __call__(self, token: str) -> Color:
        if token not in self._cache:
            color = self.brand.colors[token]
            if self.cmyk:
                self._cache[token] = CMYKColor(*brand_cmyk(color, token))
            else:
                self._cache[token] = Color(*color.rgb)
        return self._cache[token]

    def registration(self) -> Color:
        """The colour of crop and fold marks: every plate (CMYK), or black."""
        return CMYKColor(*REGISTRATION) if self.cmyk else Color(0, 0, 0)




HYPHENATED_STYLES = ("body", "list", "callout")
HYPHENATION = {"en": "en_US", "es": "es", "fr": "fr", "de": "de", "pt": "pt_PT", "it": "it_IT", "nl": "nl_NL"}


def hyphenation_language(lang: str) -> str | None:
    """pyphen's dictionary for a language, where pyphen is installed and has one."""
    try:
        import pyphen
    except ImportError:
        return None
    code = HYPHENATION.get(lang, lang)
    return code if code in pyphen.LANGUAGES else None


class Styles:
    """The layout's styles, bound to one brand's fonts and colours, hyphenating in the document's language."""

    def __init__(self, layout: m.Layout, palette: Palette, fonts: dict[str, Faces], lang: str = "en"):
        self.layout, self.palette, self.fonts = layout, palette, fonts
        self.specs = layout.styles_for(lang)
        self.hyphenation = hyphenation_language(lang) if layout.hyphenate else None
        self._cache: dict[str, ParagraphStyle] = {}

    def spec(self, name: str) -> m.Style:
        return self.specs[name]

    def __getitem__(self, name: str) -> ParagraphStyle:
        if name not in self._cache:
            s = self.specs[name]
            faces = self.fonts[s.font]
            self._cache[name] = ParagraphStyle(
                name,
                fontName=faces.pick(s.bold, s.italic),
                fontSize=s.size,
                leading=s.leading or s.size * 1.25,
                textColor=self.palette(s.color),
                spaceBefore=s.space_before,
                spaceAfter=s.space_after,
                alignment=ALIGN[s.align],
                allowWidows=0,
                allowOrphans=0,
                splitLongWords=1,  # a word longer than the line (a URL) wraps instead of crossing a fold
                hyphenationLang=self.hyphenation if name in HYPHENATED_STYLES else None,
                embeddedHyphenation=1,
                uriWasteReduce=0.3,
            )
        return self._cache[name]

    def font(self, name: str) -> str:
        return self[name].fontName


# ---------------------------------------------------------------------------------------------- flowables


class BlockMarker(Flowable):
    """Zero-size marker placed before each block's flowables, so overflow errors can name the block."""

    _ZEROSIZE = 1

    def __init__(self, block_id: str):
        super().__init__()
        self.block_id = block_id
        self.width = self.height = 0

    def wrap(self, aw, ah):
        return 0, 0

    def draw(self):
        pass


class NeedSpace(Flowable):
    """Start the next panel or column unless the heading that follows and ``extra`` points (the first lines
    under it) fit in what is left: a heading never ends a panel."""

    def __init__(self, heading: Paragraph, extra: float):
        super().__init__()
        self.heading, self.extra = heading, extra
        self.width = 0

    def wrap(self, aw, ah):
        needed = self.heading.wrap(aw, ah)[1] + self.heading.getSpaceBefore() + self.extra
        # Too tall for what is left: the frame ends and it is placed (at zero height) in the next one.
        self.height = 0 if ah >= needed or self._frame_is_fresh(ah) else ah + 1
        return 0, self.height

    def _frame_is_fresh(self, ah) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(frame is not None and getattr(frame, "_atTop", 0))

    def split(self, aw, ah):
        return []

    def draw(self):
        pass


class _BreakUntil(ActionFlowable):
    """Start a new page unless the document already reached page ``target`` (every layout page is made)."""

    def __init__(self, target: int):
        super().__init__()
        self.target = target

    def apply(self, doc):
        if doc.page < self.target:
            doc.handle_pageBreak()


def _list(entries: tuple[str, ...], numbered: bool, style: ParagraphStyle, styles: Styles) -> ListFlowable:
    items = [ListItem(Para(text, style), spaceAfter=style.spaceAfter) for text in entries]
    bullet = {"bulletType": "1", "bulletFormat": "%s."} if numbered else {"bulletType": "bullet", "start": "•"}
    return ListFlowable(
        items,
        leftIndent=style.fontSize * 1.25,
        bulletFontName=styles.font("body") if not numbered else styles.fonts["body"].bold,
        bulletFontSize=style.fontSize,
        bulletColor=styles.palette("primary"),
        bulletDedent="auto",
        spaceAfter=style.spaceAfter,
        **bullet,
    )


def _callout(item, styles: Styles) -> Flowable:
    """A tinted box with a coloured bar: one table row per paragraph or bullet, so a long call-out can continue
    in the next column or panel instead of overflowing."""
    spec = styles.spec("callout")
    body_style = styles["callout"]
    inner_style = ParagraphStyle("callout-inner", parent=body_style, spaceBefore=0, spaceAfter=3)
    rows: list[list[Flowable]] = []
    if item.title:
        rows.append([Para(item.title, styles["callout_title"])])
    if item.text:
        rows.append([Para(item.text, inner_style)])
    for entry in item.items:
        rows.append([_list((entry,), False, ParagraphStyle("callout-list", parent=inner_style), styles)])
    bar = styles.palette("accent" if item.tone in ("warning", "urgent") else "primary")
    table = Table(rows, colWidths=["100%"], splitByRow=1)
    table.setStyle(TableStyle([
        ("FONT", (0, 0), (-1, -1), body_style.fontName, body_style.fontSize),  # else cells select Helvetica
        ("TEXTCOLOR", (0, 0), (-1, -1), body_style.textColor),  # else cells select RGB black
        ("BACKGROUND", (0, 0), (-1, -1), styles.palette(spec.background or "tint")),
        ("LINEBEFORE", (0, 0), (0, -1), 4 if item.tone == "urgent" else 3, bar),
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


def block_flowables(block: RenderedBlock, styles: Styles, heading: bool = True) -> list[Flowable]:
    """A block as flowables: heading kept with what follows, paragraphs, lists and call-outs."""
    out: list[Flowable] = [BlockMarker(block.id)]
    body: list[Flowable] = []
    for item in block.items:
        if item.kind == "p":
            body.append(Para(item.text, styles["body"]))
        elif item.kind == "subheading":
            p = Para(item.text, styles["subheading"])
            p.keepWithNext = 1
            body += [NeedSpace(p, styles["body"].leading * 2), p]
        elif item.kind in ("bullets", "steps"):
            body.append(_list(item.items, item.kind == "steps", styles["list"], styles))
        elif item.kind == "callout":
            body.append(_callout(item, styles))
    if heading:
        h = Para(block.heading, styles["heading"])
        h.keepWithNext = 1
        out += [NeedSpace(h, styles["body"].leading * 2), h]
    return out + body


def smallprint_flowables(r: Resolved, styles: Styles) -> list[Flowable]:
    """Disclaimer blocks, the clinic's disclaimer, and the governance line (code, version, review date)."""
    out: list[Flowable] = []
    for block in r.slots.get("smallprint", []):
        out.append(BlockMarker(block.id))
        for item in block.items:
            texts = [item.text] if item.text else []
            texts += list(item.items)
            out += [Para(t, styles["small"]) for t in texts]
    if r.contact.disclaimer:
        out.append(Para(escape(r.contact.disclaimer), styles["small"]))
    out.append(Para(escape(governance_line(r)), styles["small"]))
    return out


def governance_line(r: Resolved) -> str:
    """Document code, version, publication and next review date, and the review status."""
    gov = r.topic.governance
    locale = r.contact.locale
    line = (f"{gov.code} · {r.t('version')} {gov.version} · {r.t('published')} {format_date(gov.published, locale)}"
            f" · {r.t('next_review')} {format_date(gov.next_review, locale)}")
    if r.topic.status == "draft":
        line += f" · {r.t('draft')}"
    if r.topic.translation and r.topic.translation.status == "needs-review":
        line += f" · {r.t('translation_draft')}"
    return line


MONTHS = {
    "en": ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December"),
    "es": ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
           "noviembre", "diciembre"),
}


def format_date(d: date, locale: str) -> str:
    """A date as the locale writes it: November 1, 2028 (en-US); 1 November 2028 (en-GB); 1 de noviembre de
    2028 (es)."""
    lang = locale.split("-")[0]
    month = MONTHS.get(lang, MONTHS["en"])[d.month - 1]
    if lang == "es":
        return f"{d.day} de {month} de {d.year}"
    if locale.endswith(("GB", "IE", "AU", "NZ")):
        return f"{d.day} {month} {d.year}"
    return f"{month} {d.day}, {d.year}"


# ---------------------------------------------------------------------------------------------- fitting


def measure(flowables: list[Flowable], width: float) -> float:
    """Height the flowables take stacked in a column ``width`` wide, as a frame would place them."""
    frame = Frame(0, 0, width, 1e6, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    canv = Canvas(io.BytesIO())
    for f in flowables:
        frame.add(f, canv)
    return frame._y2 - frame._y


def stack(canv, flowables: list[Flowable], box: Box, doc_label: str, panel: str, anchor: str = "top") -> float:
    """Draw flowables top-down in ``box`` (or bottom-aligned); raise LayoutOverflow if they do not fit.
    Returns the height used."""
    heights, block, total, first_block = [], None, 0.0, None
    for f in flowables:
        if isinstance(f, BlockMarker):
            block = f.block_id
            first_block = first_block or block
            heights.append((f, 0.0, 0.0, block))
            continue
        _, h = f.wrap(box.w, box.h)
        before = f.getSpaceBefore() if total else 0.0
        heights.append((f, h, before, block))
        total += before + h + f.getSpaceAfter()
        if total - f.getSpaceAfter() > box.h + 0.01:
            over = total - f.getSpaceAfter() - box.h
            raise LayoutOverflow(doc_label, panel, block or "(the panel's own text)", over)
    total_used = total - (heights and flowables and flowables[-1].getSpaceAfter() or 0)
    y = box.top if anchor == "top" else box.y + total_used
    for f, h, before, _ in heights:
        if isinstance(f, BlockMarker):
            continue
        y -= before + h
        f.drawOn(canv, box.x, y)
        y -= f.getSpaceAfter()
    return total_used


class _Overflowed(Exception):
    def __init__(self, remaining: list[Flowable], block: str | None):
        self.remaining, self.block = remaining, block


class _PanelFailed(Exception):
    pass


class _FlowDoc(BaseDocTemplate):
    """A doc template that stops at the layout's last flow panel instead of adding pages."""

    current_block: str | None = None
    failure: HandoutsError | None = None

    def _setPageTemplate(self):
        # Page n+1 uses the layout's template n+1; past the last page comes the overflow sentinel. (ReportLab's
        # autoNextPageTemplate keeps a stale index and repeats the second template.)
        self.pageTemplate = self.pageTemplates[min(self.page, len(self.pageTemplates) - 1)]

    def handle_flowable(self, flowables):
        head = flowables[0]
        if isinstance(head, BlockMarker):
            self.current_block = head.block_id
        if self.pageTemplate.id == OVERFLOW_TEMPLATE and not isinstance(head, ActionFlowable):
            raise _Overflowed(list(flowables), self.current_block)
        super().handle_flowable(flowables)


# ---------------------------------------------------------------------------------------------- panels


class PanelPainter:
    """Draws the fixed panels of one document, by role."""

    def __init__(self, r: Resolved, styles: Styles, palette: Palette, doc_label: str, trim: Box,
                 edition: Edition):
        self.r, self.styles, self.palette, self.label = r, styles, palette, doc_label
        self.trim, self.edition = trim, edition

    def paint(self, canv, placed: PlacedPanel) -> None:
        role = placed.panel.role
        if placed.panel.background:
            self._fill(canv, placed.box, placed.panel.background)
        painter = getattr(self, f"_{role}", None)
        if painter is not None:
            painter(canv, placed)

    # -- helpers
    def _fill(self, canv, box: Box, token: str) -> None:
        """Fill a box; any side lying on the trim runs on to the bleed edge."""
        t, b = self.trim, self.edition.bleed
        x0 = box.x - b if abs(box.x - t.x) < 0.01 else box.x
        y0 = box.y - b if abs(box.y - t.y) < 0.01 else box.y
        x1 = box.right + b if abs(box.right - t.right) < 0.01 else box.right
        y1 = box.top + b if abs(box.top - t.top) < 0.01 else box.top
        color = self.palette(token)
        if isinstance(color, CMYKColor) and color.cyan == color.magenta == color.yellow == 0 and \
                color.black >= 0.95 and (x1 - x0) * (y1 - y0) > 72 * 72:
            color = CMYKColor(*RICH_BLACK)  # large black areas: rich black, not flat K
        canv.saveState()
        canv.setFillColor(color)
        canv.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canv.restoreState()

    def frames(self, canv, placed: list[PlacedPanel], folds: list[float]) -> None:
        """Debug overlay: each panel (blue), its text area (green, dashed), the safe zone inside the trim
        (orange, dotted), the trim (red), the bleed (magenta, dashed) and the folds (red, dashed)."""
        def ink(r, g, b):
            return CMYKColor(*rgb_to_cmyk(r, g, b)) if self.edition.cmyk else Color(r, g, b)

        t, layout = self.trim, self.r.layout
        safe = per_paper(layout.safe_margin, self.r.job.paper)
        canv.saveState()
        canv.setLineWidth(0.6)
        for p in placed:
            canv.setStrokeColor(ink(0.1, 0.35, 0.9))
            canv.setDash()
            canv.rect(p.box.x, p.box.y, p.box.w, p.box.h, stroke=1, fill=0)
            canv.setStrokeColor(ink(0.1, 0.6, 0.2))
            canv.setDash(3, 2)
            canv.rect(p.content.x, p.content.y, p.content.w, p.content.h, stroke=1, fill=0)
            canv.setFillColor(ink(0.1, 0.35, 0.9))
            canv.setFont(self.styles.font("small"), 7)
            canv.drawString(p.box.x + 2, p.box.top - 8, f"{p.panel.name} ({p.panel.role})")
        canv.setStrokeColor(ink(0.95, 0.55, 0.1))
        canv.setDash(1, 2)
        if safe:
            canv.rect(t.x + safe, t.y + safe, t.w - 2 * safe, t.h - 2 * safe, stroke=1, fill=0)
        canv.setStrokeColor(ink(0.85, 0.1, 0.1))
        canv.setDash()
        canv.rect(t.x, t.y, t.w, t.h, stroke=1, fill=0)
        canv.setDash(4, 3)
        for x in folds:
            canv.line(t.x + x, t.y, t.x + x, t.top)
        if self.edition.bleed:
            b = t.outset(self.edition.bleed)
            canv.setStrokeColor(ink(0.8, 0.1, 0.7))
            canv.rect(b.x, b.y, b.w, b.h, stroke=1, fill=0)
        canv.restoreState()

    def marks(self, canv, folds: list[float]) -> None:
        """Crop marks at the corners and dashed fold marks, outside the bleed, in the registration colour."""
        t, b = self.trim, self.edition.bleed
        gap, length = b + 3, 15
        canv.saveState()
        canv.setStrokeColor(self.palette.registration())
        canv.setLineWidth(0.25)
        for x, dx in ((t.x, -1), (t.right, 1)):
            for y, dy in ((t.y, -1), (t.top, 1)):
                canv.line(x + dx * gap, y, x + dx * (gap + length), y)
                canv.line(x, y + dy * gap, x, y + dy * (gap + length))
        canv.setDash(3, 2)
        for fx in folds:
            x = t.x + fx
            canv.line(x, t.top + gap, x, t.top + gap + length)
            canv.line(x, t.y - gap, x, t.y - gap - length)
        canv.restoreState()

    def _para(self, text: str, style: str) -> Paragraph:
        return Para(text, self.styles[style])

    def _esc(self, text: str) -> str:
        return escape(text)

    def _logo(self, canv, x: float, y: float, height: float) -> float:
        return draw_logo(canv, self.r.logo_path, self.r.logo_is_vector, x, y, height, cmyk=self.edition.cmyk)

    # -- roles
    def _cover(self, canv, p: PlacedPanel) -> None:
        r, c, box = self.r, p.content, p.box
        logo_h = min(1.15 * 72, c.w * 0.45)
        logo_w = logo_h * logo_aspect(r.logo_path, r.logo_is_vector)
        self._logo(canv, c.x + (c.w - logo_w) / 2, c.top - logo_h, logo_h)
        top = [self._para(self._esc(r.clinic.name), "clinic_name")]
        if r.contact.tagline:
            top.append(self._para(self._esc(r.contact.tagline), "tagline"))
        band_top = box.y + box.h * 0.60
        band_bottom = box.y + box.h * 0.16
        stack(canv, top, Box(c.x, band_top + 8, c.w, c.top - logo_h - band_top - 8), self.label, p.panel.name)
        self._fill(canv, Box(box.x, band_bottom, box.w, band_top - band_bottom), "primary")
        title = [self._para(self._esc(r.title), "cover_title"),
                 self._para(r.main_message, "cover_subtitle")]
        pad = self.r.layout.padding
        inner = Box(c.x, band_bottom + pad, c.w, band_top - band_bottom - 2 * pad)
        stack(canv, title, inner, self.label, p.panel.name)
        bottom = [self._para(self._esc(r.contact.name), "contact_heading"),
                  self._para(f"{self._esc(r.t('call'))} {self._esc(r.contact.phone)}", "contact")]
        stack(canv, bottom, Box(c.x, c.y, c.w, band_bottom - c.y - 6), self.label, p.panel.name, anchor="bottom")

    def _contact_flowables(self) -> list[Flowable]:
        r = self.r
        out = [self._para(self._esc(r.clinic.name), "contact_heading"),
               self._para(self._esc(r.contact.name), "contact")]
        out += [self._para(self._esc(line), "contact") for line in r.contact.address]
        out.append(self._para(self._esc(r.contact.phone), "phone"))
        email = self._esc(r.contact.email)
        out.append(self._para(f'<a href="mailto:{email}">{email}</a>', "contact"))
        out += [self._para(self._esc(line), "contact") for line in r.contact.hours]
        return out

    def _back(self, canv, p: PlacedPanel) -> None:
        c = p.content
        small = smallprint_flowables(self.r, self.styles)
        used = stack(canv, small, c, self.label, p.panel.name, anchor="bottom")
        upper: list[Flowable] = []
        for block in self.r.slots.get("back", []):
            upper += block_flowables(block, self.styles)
        upper += [Spacer(1, 6)] + self._contact_flowables() + [Spacer(1, 8), QRBlock(self)]
        stack(canv, upper, Box(c.x, c.y + used + 10, c.w, c.h - used - 10), self.label, p.panel.name)

    def _header(self, canv, p: PlacedPanel) -> None:
        band = Box(self.trim.x, p.box.y, self.trim.w, self.trim.top - p.box.y)
        self._fill(canv, band, "primary")
        c = p.content
        badge = c.h - 20
        canv.saveState()
        canv.setFillColor(self.palette("background"))
        canv.roundRect(c.x, c.y + 10, badge, badge, 8, stroke=0, fill=1)
        canv.restoreState()
        self._logo(canv, c.x + 6, c.y + 16, badge - 12)
        text = [self._para(self._esc(self.r.title), "cover_title"),
                self._para(self._esc(self.r.clinic.name) + " · " + self._esc(self.r.contact.name), "clinic_name")]
        stack(canv, text, Box(c.x + badge + 14, c.y + 6, c.w - badge - 14, c.h - 12), self.label, p.panel.name)

    def _callbar(self, canv, p: PlacedPanel) -> None:
        c = p.content
        box = Box(c.x, c.y + 6, c.w, c.h - 10)
        canv.saveState()
        canv.setFillColor(self.palette("tint"))
        canv.setStrokeColor(self.palette("primary"))
        canv.setLineWidth(1.5)
        canv.roundRect(box.x, box.y, box.w, box.h, 8, stroke=1, fill=1)
        canv.restoreState()
        inner = box.inset(10)
        hours = "; ".join(self.r.contact.hours)
        phone = self._para(self._esc(self.r.contact.phone), "phone")
        phone_style = self.styles["phone"]
        phone_w = min(inner.w * 0.45, canv.stringWidth(self.r.contact.phone, phone_style.fontName,
                                                        phone_style.fontSize) + 2)
        left = [self._para(self._esc(self.r.t("questions")), "contact_heading"),
                self._para(self._esc(self.r.t("call_us_open", hours=hours)), "contact")]
        stack(canv, left, Box(inner.x, inner.y, inner.w - phone_w - 14, inner.h), self.label, p.panel.name)
        _, h = phone.wrap(phone_w, inner.h)
        stack(canv, [phone], Box(inner.right - phone_w, inner.y + (inner.h - h) / 2, phone_w, h + 0.01),
              self.label, p.panel.name)

    # Form fields of the aftercare sheet, in reading order: name and the string that labels it. The tooltip
    # (the field's accessible description) is "<Your next appointment>: <label>" in the document's language.
    FIELDS = (("next_appointment_date", "date"), ("next_appointment_time", "time"), ("therapist", "with"),
              ("notes", "notes"))

    def _appointment(self, canv, p: PlacedPanel) -> None:
        """A box to write the next appointment in: date, time and therapist; the areas treated as tick boxes;
        notes. With a fillable edition each blank is a form field (lines stay, for printing blank)."""
        c = p.content
        box = Box(c.x, c.y + 6, c.w, c.h - 12)
        canv.saveState()
        canv.setStrokeColor(self.palette("primary"))
        canv.setLineWidth(1.5)
        canv.roundRect(box.x, box.y, box.w, box.h, 8, stroke=1, fill=0)
        canv.restoreState()
        inner = box.inset(12)
        title = self._para(self._esc(self.r.t("next_appointment")), "contact_heading")
        _, th = title.wrap(inner.w, inner.h)
        title.drawOn(canv, inner.x, inner.top - th)
        style = self.styles["contact"]
        font, size = style.fontName, style.fontSize
        areas = list(self.r.topic.treated_areas)
        area_lines = self._area_lines(canv, areas, inner.w, font, size) if areas else []
        rows = 2 + len(area_lines)
        row_h = (inner.h - th - 4) / rows
        if row_h < size + 4:
            raise LayoutOverflow(self.label, p.panel.name, "(the panel's own text)", (size + 4 - row_h) * rows)
        baselines = [inner.top - th - 4 - (i + 1) * row_h + 5 for i in range(rows)]
        heading = self.r.t("next_appointment")
        fields = {key: (label, f"{heading}: {self.r.t(label)}") for key, label in self.FIELDS}
        values = dict(self.edition.fill)

        def blank(key: str, x: float, base: float, right: float) -> None:
            label, tip = fields[key]
            text = self.r.t(label)
            canv.setFont(font, size)
            canv.setFillColor(style.textColor)
            canv.drawString(x, base + 3, text)
            start = x + canv.stringWidth(text, font, size) + 6
            canv.setStrokeColor(self.palette("muted"))
            canv.setLineWidth(0.75)
            canv.line(start, base, right, base)
            value = values.get(key, "")
            if self.edition.fillable and not self.edition.flatten:
                canv.acroForm.textfield(name=key, tooltip=tip, value=value, x=start, y=base - 2, width=right - start,
                                        height=size + 6, borderWidth=0, fillColor=None, borderColor=None,
                                        textColor=None, fontName="Helvetica", fontSize=size - 1,
                                        forceBorder=False, relative=False)
            elif value:
                canv.setFillColor(self.palette("primary"))
                canv.drawString(start + 4, base + 3, value)

        canv.saveState()
        third = inner.w / 3
        for j, key in enumerate(("next_appointment_date", "next_appointment_time", "therapist")):
            blank(key, inner.x + j * third, baselines[0], inner.x + (j + 1) * third - 12)
        if areas:
            self._areas(canv, area_lines, inner, baselines[1:-1], font, size, values)
        blank("notes", inner.x, baselines[-1], inner.right)
        canv.restoreState()

    def _area_lines(self, canv, areas: list[str], width: float, font: str, size: float) -> list[list[tuple]]:
        """The tick boxes laid out in lines after the 'Areas treated' label: [(index, area, x offset), …]."""
        label_w = canv.stringWidth(self.r.t("areas"), font, size) + 10
        lines: list[list[tuple]] = [[]]
        x = label_w
        for index, area in enumerate(areas):
            item_w = size + 4 + canv.stringWidth(area, font, size)
            if lines[-1] and x + item_w > width:
                lines.append([])
                x = label_w
            lines[-1].append((index, area, x))
            x += item_w + 14
        return lines

    def _areas(self, canv, lines, inner: Box, bases: list[float], font: str, size: float, values: dict) -> None:
        """'Areas treated' and a tick box per muscle from the topic; a check box field each when fillable."""
        label = self.r.t("areas")
        text_color = self.styles["contact"].textColor
        canv.setFont(font, size)
        canv.setFillColor(text_color)
        canv.drawString(inner.x, bases[0] + 3, label)
        ticked = {v.strip().lower() for v in values.get("areas", "").split(",") if v.strip()}
        box = size
        for line, base in zip(lines, bases, strict=True):
            for index, area, offset in line:
                x = inner.x + offset
                key = f"area_{index + 1}"
                on = area.lower() in ticked or key in ticked
                if self.edition.fillable and not self.edition.flatten:
                    canv.acroForm.checkbox(name=key, tooltip=f"{label}: {area}", x=x, y=base, size=box,
                                           buttonStyle="check", checked=on, borderColor=self.palette("muted"),
                                           fillColor=None, relative=False, borderWidth=0.75)
                else:
                    canv.setStrokeColor(self.palette("muted"))
                    canv.setLineWidth(0.75)
                    canv.rect(x, base, box, box, stroke=1, fill=0)
                    if on:
                        canv.setStrokeColor(self.palette("primary"))
                        canv.setLineWidth(1.5)
                        canv.line(x + 2, base + box / 2, x + box / 2.5, base + 2)
                        canv.line(x + box / 2.5, base + 2, x + box - 2, base + box - 2)
                canv.setFillColor(text_color)
                canv.drawString(x + box + 4, base + 3, area)

    def _band(self, canv, p: PlacedPanel) -> None:
        """A brand-coloured band across the top of every page of a digital edition."""
        band = Box(self.trim.x, p.box.y + p.box.h * 0.55, self.trim.w, p.box.h * 0.45)
        self._fill(canv, band, "primary")

    def _folio(self, canv, p: PlacedPanel) -> None:
        """Page furniture at the foot of a digital page: clinic, document code and page number."""
        style = self.styles["small"]
        canv.saveState()
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        gov = self.r.topic.governance
        canv.drawString(p.content.x, p.content.y + p.content.h / 2, f"{self.r.clinic.name} · {gov.code}")
        canv.drawRightString(p.content.right, p.content.y + p.content.h / 2, str(canv.getPageNumber()))
        canv.restoreState()

    def _footer(self, canv, p: PlacedPanel) -> None:
        stack(canv, smallprint_flowables(self.r, self.styles), p.content, self.label, p.panel.name,
              anchor="bottom")


class QRBlock(Flowable):
    """A QR code to the booking URL, with its label and the URL in words beside it."""

    def __init__(self, painter: PanelPainter):
        super().__init__()
        self.painter = painter
        self.size = 1.05 * 72
        r = painter.r
        self.label = Para(f"<b>{painter._esc(r.t('scan_to_book'))}</b>", painter.styles["contact"])
        url = painter._esc(r.contact.booking_url)
        self.url = Para(f'<a href="{url}">{painter._esc(_short_url(r.contact.booking_url))}</a>',
                             painter.styles["small"])

    def wrap(self, aw, ah):
        self.text_w = aw - self.size - 8
        h = self.label.wrap(self.text_w, ah)[1] + 4 + self.url.wrap(self.text_w, ah)[1]
        self.width, self.height = aw, max(self.size, h)
        return self.width, self.height

    def draw(self):
        canv = self.canv
        draw_qr(canv, self.painter.r.contact.booking_url, 0, self.height - self.size, self.size,
                self.painter.palette("text"))
        x = self.size + 8
        _, lh = self.label.wrap(self.text_w, self.height)
        y = self.height - 12 - lh
        self.label.drawOn(canv, x, y)
        _, uh = self.url.wrap(self.text_w, self.height)
        self.url.drawOn(canv, x, y - 4 - uh)


def _short_url(url: str) -> str:
    """A booking URL as people type it: without the scheme (the QR code keeps it whole)."""
    return url.split("://", 1)[-1]


# ---------------------------------------------------------------------------------------------- digital


class LogoFlowable(Flowable):
    def __init__(self, painter: PanelPainter, height: float):
        super().__init__()
        self.painter, self.logo_h = painter, height

    def wrap(self, aw, ah):
        self.width = self.logo_h * logo_aspect(self.painter.r.logo_path, self.painter.r.logo_is_vector)
        self.height = self.logo_h
        return self.width, self.height

    def draw(self):
        self.painter._logo(self.canv, 0, 0, self.logo_h)


class QRFlowable(Flowable):
    def __init__(self, painter: PanelPainter, size: float):
        super().__init__()
        self.painter, self.size = painter, size
        self.spaceBefore, self.spaceAfter = 6, 6

    def wrap(self, aw, ah):
        self.width = self.height = self.size
        return self.size, self.size

    def draw(self):
        draw_qr(self.canv, self.painter.r.contact.booking_url, 0, 0, self.size, self.painter.palette("text"))


def digital_story(r: Resolved, styles: Styles, painter: PanelPainter, marker) -> tuple[list[Flowable], object]:
    """The whole document in reading order, each piece tagged: logo, title (H1), main message, each block (H2,
    with H3 sub-headings, paragraphs, lists and call-outs), contact details, the booking link and QR code, and
    the small print."""
    from handouts.tagging import Elem, SpacedParagraph, Tagged

    root = Elem("Document")
    story: list[Flowable] = []

    def para(parent, tag: str, text: str, style: str | ParagraphStyle, keep: bool = False, alt=None) -> Elem:
        elem = parent.add(tag)
        elem.link_alt = alt
        p = SpacedParagraph(text, styles[style] if isinstance(style, str) else style)
        if keep:
            p.keepWithNext = 1
        story.append(Tagged(p, elem, marker))
        return elem

    def listing(parent, entries, numbered: bool, style: ParagraphStyle) -> None:
        lst = parent.add("L")
        indent = style.fontSize * 1.4
        item_style = ParagraphStyle(f"{style.name}-item", parent=style, leftIndent=indent, bulletIndent=0)
        for n, text in enumerate(entries, 1):
            li = lst.add("LI")
            body = li.add("LBody")
            bullet = f"{n}." if numbered else "•"
            story.append(Tagged(SpacedParagraph(text, item_style, bulletText=bullet), body, marker))

    logo_alt = r.brand.logo.alt or f"{r.clinic.name} logo"
    story.append(Tagged(LogoFlowable(painter, 0.9 * 72), root.add("Figure", alt=logo_alt), marker))
    para(root, "P", escape(r.clinic.name), "clinic_name")
    para(root, "H1", escape(r.title), "cover_title", keep=True)
    box = ParagraphStyle("key-message", parent=styles["cover_subtitle"], backColor=styles.palette("tint"),
                         borderPadding=(8, 10, 8, 10), leftIndent=10, rightIndent=10, spaceBefore=8,
                         spaceAfter=16)
    para(root, "P", r.main_message, box)

    callout_box = ParagraphStyle("callout-box", parent=styles["callout"], backColor=styles.palette("tint"),
                                 leftIndent=10, rightIndent=10, borderPadding=(4, 10, 4, 10), spaceBefore=0,
                                 spaceAfter=4)
    for slot in ("flow", "back"):
        for block in r.slots.get(slot, []):
            section = root.add("Sect")
            para(section, "H2", block.heading, "heading", keep=True)
            for item in block.items:
                if item.kind == "p":
                    para(section, "P", item.text, "body")
                elif item.kind == "subheading":
                    para(section, "H3", item.text, "subheading", keep=True)
                elif item.kind in ("bullets", "steps"):
                    listing(section, item.items, item.kind == "steps", styles["list"])
                elif item.kind == "callout":
                    div = section.add("Div")
                    if item.title:
                        para(div, "P", f"<b>{item.title}</b>", callout_box, keep=True)
                    if item.text:
                        para(div, "P", item.text, callout_box)
                    if item.items:
                        listing(div, item.items, False, callout_box)

    contact = root.add("Sect")
    para(contact, "H2", escape(r.t("contact_us")), "heading", keep=True)
    c = r.contact
    lines = [escape(r.clinic.name), escape(c.name), *map(escape, c.address)]
    para(contact, "P", "<br/>".join(lines), "contact")
    para(contact, "P", f'<a href="tel:{escape(c.phone.replace(" ", ""))}">{escape(c.phone)}</a>', "phone",
         alt=f"{r.t('call')} {c.phone}")
    para(contact, "P", f'<a href="mailto:{escape(c.email)}">{escape(c.email)}</a>', "contact", alt=c.email)
    para(contact, "P", "<br/>".join(map(escape, c.hours)), "contact")
    url = escape(c.booking_url)
    para(contact, "P", f'<a href="{url}"><u>{escape(r.t("scan_to_book"))}: {escape(_short_url(c.booking_url))}</u></a>',
         "contact", alt=f"{r.t('scan_to_book')}: {c.booking_url}")
    qr_alt = f"QR code: {r.t('scan_to_book').lower()} at {c.booking_url}"
    story.append(Tagged(QRFlowable(painter, 1.2 * 72), contact.add("Figure", alt=qr_alt), marker))

    notes = root.add("Sect")
    for block in r.slots.get("smallprint", []):
        for item in block.items:
            for text in ([item.text] if item.text else []) + list(item.items):
                para(notes, "P", text, "small")
    if c.disclaimer:
        para(notes, "P", escape(c.disclaimer), "small")
    para(notes, "P", escape(governance_line(r)), "small")
    return story, root


# ---------------------------------------------------------------------------------------------- document


class _Info:
    """Extra document-info keys for prepress: fold positions and the safe margin (read by preflight)."""

    @staticmethod
    def install(canv, extra: dict[str, str]) -> None:
        from reportlab.pdfbase.pdfdoc import PDFInfo, PDFString

        info = canv._doc.info

        class InfoWithExtras(PDFInfo):
            def format(self, document):
                from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFName

                d = {"Title": PDFString(self.title), "Author": PDFString(self.author),
                     "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
                     "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
                     "Trapped": PDFName(self.trapped)}
                d["ModDate"] = d["CreationDate"] = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
                d.update({k: PDFString(v) for k, v in extra.items()})
                return PDFDictionary(d).format(document)

        info.__class__ = InfoWithExtras


class Renderer:
    """Renders jobs of one project; fonts are registered once per process."""

    def __init__(self, project: Project):
        self.project = project

    def render(self, r: Resolved, edition: Edition = OFFICE) -> bytes:
        if edition.digital:
            name = r.document.digital_layout
            layout = self.project.layout(name).model
            r = replace(r, layout=layout, layout_name=name, paper=layout.papers[r.job.paper])
        fonts = {role: register_family(self.project, family) for role, family in r.brand.fonts.items()}
        fallback_family = r.brand.fallback_for(r.job.lang)
        fallback = register_family(self.project, fallback_family) if fallback_family else None
        with fallback_font(fonts["body"], fallback):
            return self._render(r, edition, fonts, fallback)

    def _render(self, r: Resolved, edition: Edition, fonts: dict[str, Faces], fallback) -> bytes:
        problems = missing_glyphs(r, fonts, dict(r.brand.fonts), fallback)
        if problems:
            raise HandoutsError(f"{r.job.label}: " + "; ".join(describe_glyph(p) for p in problems[:5])
                                + (f"; and {len(problems) - 5} more" if len(problems) > 5 else ""))
        palette = Palette(r.brand, cmyk=edition.cmyk)
        styles = Styles(r.layout, palette, fonts, r.job.lang)
        label = f"{r.job.document}.{r.job.lang}{edition.suffix} ({r.job.clinic}/{r.job.location}, {r.job.paper})"
        offset = edition.bleed + edition.slug
        trim = Box(offset, offset, r.paper.width, r.paper.height)
        painter = PanelPainter(r, styles, palette, label, trim, edition)
        pages = place_panels(r.layout, r.job.paper, origin=(offset, offset))
        folds = fold_positions(r.layout, r.job.paper)
        bleed = trim.outset(edition.bleed)
        boxes = {"trimBox": (trim.x, trim.y, trim.right, trim.top),
                 "bleedBox": (bleed.x, bleed.y, bleed.right, bleed.top)}
        buf = io.BytesIO()
        doc = _FlowDoc(
            buf,
            pagesize=(r.paper.width + 2 * offset, r.paper.height + 2 * offset),
            leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0,
            title=f"{r.title} – {r.clinic.name}",
            author=r.clinic.name,
            subject=plain(r.topic.main_message),
            keywords=[r.document.topic, r.topic.governance.code, r.job.document],
            creator=f"handouts {__version__}",
            producer=f"handouts {__version__}",
            lang=r.contact.locale,
            displayDocTitle=1,
            invariant=1,
            initialFontName=fonts["body"].regular,
            initialFontSize=10,
            initialLeading=12,
            allowSplitting=1,
            enforceColorSpace="cmyk" if edition.cmyk else None,
            **boxes,
        )
        extra = {"HandoutsFolds": json.dumps([[round(x, 3) for x in page] for page in folds]),
                 "HandoutsSafe": f"{per_paper(r.layout.safe_margin, r.job.paper):.3f}"}
        doc.beforeDocument = lambda: _Info.install(doc.canv, extra)
        flow_order = {name: i for i, name in enumerate(r.layout.flow)}
        templates = []
        for index, placed in enumerate(pages):
            frames = []
            for p in sorted((p for p in placed if p.panel.role == "flow"), key=lambda p: flow_order[p.panel.name]):
                n, gutter = p.panel.columns, p.panel.gutter
                col_w = (p.content.w - gutter * (n - 1)) / n
                for col in range(n):
                    frames.append(Frame(p.content.x + col * (col_w + gutter), p.content.y, col_w, p.content.h,
                                        leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                                        id=p.panel.name))
            if not frames:
                frames.append(Frame(0, 0, 0, 0, id=f"{r.layout.pages[index].name}-no-flow"))

            def on_page(canv, doc, placed=placed, page_folds=folds[index]):
                try:
                    if edition.tagged:
                        canv.addLiteral("/Artifact <</Type /Layout>> BDC")  # page furniture, not content
                    for p in placed:
                        if p.panel.role != "flow" or p.panel.background:
                            painter.paint(canv, p)
                    if edition.marks:
                        painter.marks(canv, page_folds)
                    if edition.frames:
                        painter.frames(canv, placed, page_folds)
                    if edition.tagged:
                        canv.addLiteral("EMC")
                except HandoutsError as exc:  # ReportLab re-creates exceptions raised in page callbacks
                    doc.failure = exc
                    raise _PanelFailed() from None

            templates.append(PageTemplate(id=r.layout.pages[index].name, frames=frames, onPage=on_page))
        if not r.layout.continuous:  # a continuous layout repeats its last page; others stop at their last
            templates.append(PageTemplate(id=OVERFLOW_TEMPLATE, frames=[Frame(0, 0, r.paper.width, r.paper.height)]))
        doc.addPageTemplates(templates)

        structure = None
        if r.layout.continuous:
            from handouts.tagging import Marker

            story, structure = digital_story(r, styles, painter, Marker())
        else:
            story = []
            if not r.layout.folded:  # a sheet opens with its main message; a brochure has it on the cover
                story += [BlockMarker("main_message"), _callout(Item("callout", text=r.main_message), styles)]
            for block in r.slots.get("flow", []):
                story += block_flowables(block, styles)
            story += [_BreakUntil(n) for n in range(2, len(pages) + 1)]
        last_flow = next((p for page in pages for p in page if p.panel.name == r.layout.flow[-1]), None)
        try:
            doc.build(story)
        except _PanelFailed:
            raise doc.failure from None
        except _Overflowed as exc:
            width = last_flow.content.w if last_flow else r.paper.width
            remaining = [f for f in exc.remaining if not isinstance(f, ActionFlowable)]
            block = next((f.block_id for f in remaining[:1] if isinstance(f, BlockMarker)), exc.block)
            over = measure(remaining, width)
            raise LayoutOverflow(label, r.layout.flow[-1], block or "?", over) from None
        except LayoutError as exc:
            block = getattr(doc, "current_block", None) or "?"
            frame = getattr(doc, "frame", None)
            raise LayoutOverflow(label, getattr(frame, "id", "?"), block, 0,
                                 detail=f" (one piece is taller than the whole panel: {exc})") from None
        data = buf.getvalue()
        if edition.tagged and structure is not None:
            from handouts.tagging import write_structure

            data = write_structure(data, structure, r.contact.locale, f"{r.title} – {r.clinic.name}",
                                   r.clinic.name)
        if edition.icc is not None:
            from handouts.pdfx import add_output_intent

            data = add_output_intent(data, edition.icc, edition.output_condition or edition.icc.stem,
                                     title=f"{r.title} – {r.clinic.name}", lang=r.contact.locale)
        return data
