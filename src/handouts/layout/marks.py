"""Turn a page's trim, bleed and folds into the marks around it: crop marks and dashed fold marks in the
registration colour for a print shop, and the debug overlay of panels, text areas, safe zone, trim, bleed and
folds (``--show-frames``)."""

from __future__ import annotations

from reportlab.lib.colors import CMYKColor, Color
from reportlab.pdfgen.canvas import Canvas

from handouts.layout.color import rgb_to_cmyk
from handouts.layout.geometry import PlacedPanel
from handouts.layout.panels.base import PanelContext
from handouts.load.models import per_paper


def crop_and_fold_marks(page: PanelContext, canv: Canvas, folds: list[float]) -> None:
    """Crop marks at the corners and dashed fold marks, outside the bleed, in the registration colour."""
    t, b = page.trim, page.settings.bleed
    gap, length = b + 3, 15
    canv.saveState()
    canv.setStrokeColor(page.palette.registration())
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


def frames_overlay(page: PanelContext, canv: Canvas, placed: list[PlacedPanel], folds: list[float]) -> None:
    """Each panel (blue), its text area (green, dashed), the safe zone inside the trim (orange, dotted), the
    trim (red), the bleed (magenta, dashed) and the folds (red, dashed)."""
    def ink(r: float, g: float, b: float) -> Color:
        return CMYKColor(*rgb_to_cmyk(r, g, b)) if page.settings.cmyk else Color(r, g, b)

    t, layout = page.trim, page.r.layout
    safe = per_paper(layout.safe_margin, page.r.job.paper)
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
        canv.setFont(page.styles.font("small"), 7)
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
    if page.settings.bleed:
        b = t.outset(page.settings.bleed)
        canv.setStrokeColor(ink(0.8, 0.1, 0.7))
        canv.rect(b.x, b.y, b.w, b.h, stroke=1, fill=0)
    canv.restoreState()
