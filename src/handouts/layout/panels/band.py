"""Turn a band panel into a brand-coloured strip across the top of every page of a digital edition (page
furniture: an artifact)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.panels.base import PanelContext, PanelRole


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    page.fill(canv, Box(page.trim.x, p.box.y + p.box.h * 0.55, page.trim.w, p.box.h * 0.45), "primary")


ROLE = PanelRole("band", paint)
