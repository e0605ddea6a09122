"""Turn a sheet's call-bar panel into a tinted box with "Questions?", the opening hours and the location's
phone number in large type."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.fitting import stack
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.panels.base import PanelContext, PanelRole


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    c = p.content
    box = Box(c.x, c.y + 6, c.w, c.h - 10)
    canv.saveState()
    canv.setFillColor(page.palette("tint"))
    canv.setStrokeColor(page.palette("primary"))
    canv.setLineWidth(1.5)
    canv.roundRect(box.x, box.y, box.w, box.h, 8, stroke=1, fill=1)
    canv.restoreState()
    inner = box.inset(10)
    r = page.r
    hours = "; ".join(r.contact.hours)
    phone = page.text(r.contact.phone, "phone")
    phone_style = page.styles["phone"]
    phone_w = min(inner.w * 0.45, canv.stringWidth(r.contact.phone, phone_style.fontName, phone_style.fontSize) + 2)
    left = [page.text(r.t("questions"), "contact_heading"), page.text(r.t("call_us_open", hours=hours), "contact")]
    stack(canv, left, Box(inner.x, inner.y, inner.w - phone_w - 14, inner.h), page.label, p.panel.name)
    _, h = phone.wrap(phone_w, inner.h)
    stack(canv, [phone], Box(inner.right - phone_w, inner.y + (inner.h - h) / 2, phone_w, h + 0.01),
          page.label, p.panel.name)


ROLE = PanelRole("callbar", paint)
