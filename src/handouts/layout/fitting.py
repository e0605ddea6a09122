"""Turn flowables and a box into a placement: how tall they stand in a column, and drawing them top-down (or
bottom-aligned) in a fixed panel, with an overflow error naming the block that does not fit; how full each box
is goes into the layout record (copyfitting)."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from handouts.errors import LayoutOverflow
from handouts.layout.audit import note_fit
from handouts.layout.flowables import AddressTooWide, BlockMarker
from handouts.layout.geometry import Box
from handouts.layout.paragraphs import first_words


def measure(flowables: list[Flowable], width: float) -> float:
    """Height the flowables take stacked in a column ``width`` wide, as a frame would place them."""
    frame = Frame(0, 0, width, 1e6, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0)
    canv = Canvas(io.BytesIO())
    for f in flowables:
        frame.add(f, canv)
    return frame._y2 - frame._y


def stack(canv, flowables: list[Flowable], box: Box, doc_label: str, panel: str, anchor: str = "top") -> float:
    """Draw flowables top-down in ``box`` (or bottom-aligned, or centred: ``anchor``); raise LayoutOverflow if
    they do not fit.
    Returns the height used."""
    heights: list[tuple[Flowable, float, float, str | None]] = []
    block: str | None = None
    total = 0.0
    for f in flowables:
        if isinstance(f, BlockMarker):
            block = f.block_id
            heights.append((f, 0.0, 0.0, block))
            continue
        try:
            _, h = f.wrap(box.w, box.h)
        except AddressTooWide as exc:
            raise LayoutOverflow(doc_label, panel, block or "(the panel's own text)", exc.over,
                                 detail=f" ({exc})", advice=f"shorten the {exc.what}") from None
        before = f.getSpaceBefore() if total else 0.0
        heights.append((f, h, before, block))
        total += before + h + f.getSpaceAfter()
        if total - f.getSpaceAfter() > box.h + 0.01:
            over = total - f.getSpaceAfter() - box.h
            text = getattr(f, "text", None)
            what = block or (f"(its text '{first_words(text)}')" if isinstance(text, str) and text else
                             "(the panel's own text)")
            raise LayoutOverflow(doc_label, panel, what, over)
    total_used = total - (heights and flowables and flowables[-1].getSpaceAfter() or 0)
    leadings = [f.style.leading for f in flowables if getattr(getattr(f, "style", None), "leading", None)]
    note_fit(panel, box.h, total_used, min(leadings) if leadings else 0.0)
    y = {"top": box.top, "middle": box.y + (box.h + total_used) / 2}.get(anchor, box.y + total_used)
    for f, h, before, _ in heights:
        if isinstance(f, BlockMarker):
            continue
        y -= before + h
        f.drawOn(canv, box.x, y)
        y -= f.getSpaceAfter()
    return total_used
