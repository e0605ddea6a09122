"""Turn the pieces of a document into ReportLab flowables: markers that name blocks, headings kept with what
follows them, page breaks up to the layout's last page, bulleted and numbered lists, and call-out boxes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import ActionFlowable, Flowable, ListFlowable, ListItem, Paragraph, Table, TableStyle

from handouts.layout.glyphs import Para
from handouts.layout.styles import Styles


class BlockMarker(Flowable):
    """Zero-size marker placed before each block's flowables, so overflow errors can name the block."""

    _ZEROSIZE = 1

    def __init__(self, block_id: str):
        super().__init__()
        self.block_id = block_id
        self.width = self.height = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        pass


class NeedSpace(Flowable):
    """Start the next panel or column unless the heading that follows and ``extra`` points (the first lines
    under it) fit in what is left: a heading never ends a panel."""

    def __init__(self, heading: Flowable, extra: float):
        super().__init__()
        self.heading, self.extra = heading, extra
        self.width = 0

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        needed = self.heading.wrap(aw, ah)[1] + self.heading.getSpaceBefore() + self.extra
        # Too tall for what is left: the frame ends and it is placed (at zero height) in the next one.
        self.height = 0 if ah >= needed or self._frame_is_fresh() else ah + 1
        return 0, self.height

    def _frame_is_fresh(self) -> bool:
        frame = getattr(self, "_frame", None)
        return bool(frame is not None and getattr(frame, "_atTop", 0))

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

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


def kept_heading(markup: str, style: ParagraphStyle, body_leading: float) -> list[Flowable]:
    """A heading kept with the first two lines under it."""
    heading = Para(markup, style)
    heading.keepWithNext = 1
    return [NeedSpace(heading, body_leading * 2), heading]


def list_flowable(entries: Sequence[str], numbered: bool, style: ParagraphStyle, styles: Styles) -> ListFlowable:
    items = [ListItem(Para(text, style), spaceAfter=style.spaceAfter) for text in entries]
    bullet = {"bulletType": "1", "bulletFormat": "%s."} if numbered else {"bulletType": "bullet", "start": "•"}
    return ListFlowable(
        items,
        leftIndent=style.fontSize * 1.25,
        bulletFontName=styles.font("body") if not numbered else styles.fonts["body"].bold,
        bulletFontSize=style.fontSize,
        bulletColor=styles.palette.text("primary", style.fontSize),
        bulletDedent="auto",
        spaceAfter=style.spaceAfter,
        **bullet,
    )


def callout_box(tone: str, title: str, text: str, entries: Sequence[str], styles: Styles) -> Table:
    """A tinted box with a coloured bar: one table row per paragraph or bullet, so a long call-out can continue
    in the next column or panel instead of overflowing."""
    spec = styles.spec("callout")
    body_style = styles["callout"]
    inner_style = ParagraphStyle("callout-inner", parent=body_style, spaceBefore=0, spaceAfter=3)
    rows: list[list[Flowable]] = []
    if title:
        rows.append([Para(title, styles["callout_title"])])
    if text:
        rows.append([Para(text, inner_style)])
    for entry in entries:
        rows.append([list_flowable((entry,), False, ParagraphStyle("callout-list", parent=inner_style), styles)])
    bar = styles.palette("accent" if tone in ("warning", "urgent") else "primary")
    table = Table(rows, colWidths=["100%"], splitByRow=1)
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


__all__ = ["BlockMarker", "BreakUntil", "NeedSpace", "Paragraph", "callout_box", "kept_heading", "list_flowable"]
