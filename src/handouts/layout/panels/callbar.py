"""Turn a sheet's call-bar panel into a tinted box with "Questions?", the opening hours and the location's
phone number in large type: the number is kept whole, and a long one (a country code, an extension) takes the
room it needs, its extension on a line of its own if it must."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.errors import LayoutOverflow
from handouts.layout.fitting import stack
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.panels.base import PanelContext, PanelRole, here

GAP = 14.0  # between the words on the left and the phone number
MOST = 0.62  # of the box's width the phone number may take


def _lines_width(para) -> float:
    """The width of the widest line a wrapped paragraph drew."""
    bl = para.blPara
    widths = para._wrapWidths if hasattr(para, "_wrapWidths") else [para.width]
    if bl.kind == 0:
        return max(widths[min(i, len(widths) - 1)] - extra for i, (extra, _) in enumerate(bl.lines))
    return max(widths[min(i, len(widths) - 1)] - line.extraSpace for i, line in enumerate(bl.lines))


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    c = p.content
    box = Box(c.x, c.y + 6, c.w, c.h - 10)
    canv.saveState()
    canv.setFillColor(page.palette("tint"))
    canv.setStrokeColor(page.palette("primary"))
    canv.setLineWidth(1.5)
    canv.roundRect(box.x, box.y, box.w, box.h, 8, stroke=1, fill=1)
    canv.restoreState()
    inner = Box(box.x + 10, box.y + 6, box.w - 20, box.h - 12)  # room for a number on two lines
    r = page.r
    section = here(canv).add("Sect")  # read: who to call and when, then the number
    heading, words = section.add("H2"), section.add("P")
    hours = "; ".join(r.contact.hours)
    phone = page.text(r.contact.phone, "phone", section.add("P"))
    phone.wrap(inner.w * MOST, inner.h)
    phone_w = _lines_width(phone) + 1
    _, h = phone.wrap(phone_w, inner.h)
    if h > inner.h + 0.01:
        raise LayoutOverflow(page.label, p.panel.name, f"(the phone number {r.contact.phone})", h - inner.h,
                             advice="write the number without spaces it does not need, or give the call bar more "
                                    "height in the layout")
    left = [page.text(r.t("questions"), "contact_heading", heading),
            page.text(r.t("call_us_open", hours=hours), "contact", words)]
    stack(canv, left, Box(inner.x, inner.y, inner.w - phone_w - GAP, inner.h), page.label, p.panel.name)
    stack(canv, [phone], Box(inner.right - phone_w, inner.y, phone_w, inner.h), page.label, p.panel.name,
          anchor="middle")


ROLE = PanelRole("callbar", paint)
