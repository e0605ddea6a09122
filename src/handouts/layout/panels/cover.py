"""Turn the cover panel into the brochure's front: the logo, the clinic's name and tagline, a brand-coloured band
with the title and main message, and the location with its phone number at the foot."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.fitting import stack
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.logos import logo_aspect
from handouts.layout.panels.base import PanelContext, PanelRole, here


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    r, c, box = page.r, p.content, p.box
    panel = here(canv)  # read as a reader meets it: logo, name, tagline, title, main message, where to call
    logo_h = min(1.15 * 72, c.w * 0.45)
    logo_w = logo_h * logo_aspect(r.logo_path, r.logo_is_vector)
    page.logo(canv, c.x + (c.w - logo_w) / 2, c.top - logo_h, logo_h, panel)
    top = [page.text(r.clinic.name, "clinic_name", panel.add("P"))]
    if r.contact.tagline:
        top.append(page.text(r.contact.tagline, "tagline", panel.add("P")))
    band_top = box.y + box.h * 0.60
    band_bottom = box.y + box.h * 0.16
    stack(canv, top, Box(c.x, band_top + 8, c.w, c.top - logo_h - band_top - 8), page.label, p.panel.name)
    page.fill(canv, Box(box.x, band_bottom, box.w, band_top - band_bottom), "primary")
    title = [page.text(r.title, "cover_title", panel.add("H1")),
             page.para(r.main_message, "cover_subtitle", panel.add("P"))]
    pad = r.layout.padding
    inner = Box(c.x, band_bottom + pad, c.w, band_top - band_bottom - 2 * pad)
    stack(canv, title, inner, page.label, p.panel.name)
    bottom = [page.text(r.contact.name, "contact_heading", panel.add("P")),
              page.text(f"{r.t('call')} {r.contact.phone}", "contact", panel.add("P"))]
    stack(canv, bottom, Box(c.x, c.y, c.w, band_bottom - c.y - 6), page.label, p.panel.name, anchor="bottom")


ROLE = PanelRole("cover", paint, reads=0)
