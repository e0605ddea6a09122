"""Turn flowables and a box into a placement: how tall they stand in a column, and drawing them top-down (or
bottom-aligned) in a fixed panel, with an overflow error naming the block that does not fit."""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Frame

from handouts.errors import LayoutOverflow
from handouts.layout.flowables import BlockMarker
from handouts.layout.geometry import Box


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
    heights: list[tuple[Flowable, float, float, str | None]] = []
    block: str | None = None
    total = 0.0
    for f in flowables:
        if isinstance(f, BlockMarker):
            block = f.block_id
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
