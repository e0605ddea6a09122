"""Turn a sheet's header panel into a brand-coloured band across the top with the logo on a white badge, the
document's title, and the clinic and location names."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.fitting import stack
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.panels.base import PanelContext, PanelRole


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    band = Box(page.trim.x, p.box.y, page.trim.w, page.trim.top - p.box.y)
    page.fill(canv, band, "primary")
    c = p.content
    badge = c.h - 20
    canv.saveState()
    canv.setFillColor(page.palette("background"))
    canv.roundRect(c.x, c.y + 10, badge, badge, 8, stroke=0, fill=1)
    canv.restoreState()
    page.logo(canv, c.x + 6, c.y + 16, badge - 12)
    r = page.r
    text = [page.text(r.title, "cover_title"), page.text(f"{r.clinic.name} · {r.contact.name}", "clinic_name")]
    stack(canv, text, Box(c.x + badge + 14, c.y + 6, c.w - badge - 14, c.h - 12), page.label, p.panel.name)


ROLE = PanelRole("header", paint)
