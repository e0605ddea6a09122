"""Turn a sheet's header panel into a brand-coloured band across the top with the logo on a white badge, the
document's title, and the clinic and location names; the text keeps clear of the band's edges whatever the
length of the names (a long clinic name wraps), or the error says by how much it does not fit."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.fitting import stack
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.panels.base import PanelContext, PanelRole, here

EDGE_CLEAR = 8.0  # points of band kept clear under the text
TOP_CLEAR = 0.3 * 72  # from the top trim: office printers cannot print the last few millimetres


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    band = Box(page.trim.x, p.box.y, page.trim.w, page.trim.top - p.box.y)
    page.fill(canv, band, "primary")
    c = p.content
    badge = c.h - 20
    canv.saveState()
    canv.setFillColor(page.palette("background"))
    canv.roundRect(c.x, c.y + 10, badge, badge, 8, stroke=0, fill=1)
    canv.restoreState()
    panel = here(canv)  # the logo, the title (the document's H1), who it is from
    page.logo(canv, c.x + 6, c.y + 16, badge - 12, panel)
    r = page.r
    text = [page.text(r.title, "cover_title", panel.add("H1")),
            page.text(f"{r.clinic.name} · {r.contact.name}", "clinic_name", panel.add("P"))]
    left = c.x + badge + 14
    bottom = band.y + EDGE_CLEAR
    area = Box(left, bottom, c.right - left, band.top - TOP_CLEAR - bottom)
    stack(canv, text, area, page.label, p.panel.name, anchor="middle")


ROLE = PanelRole("header", paint, reads=0)
