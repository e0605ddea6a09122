"""Turn a folio panel into the foot of a digital page: the clinic, the document code and the page number, a
running foot that a tagged edition marks as a pagination artifact."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.geometry import PlacedPanel
from handouts.layout.panels.base import PanelContext, PanelRole
from handouts.layout.tagging import artifact


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    style = page.styles["small"]
    with artifact(canv, "Footer"):
        canv.saveState()
        canv.setFont(style.fontName, style.fontSize)
        canv.setFillColor(style.textColor)
        gov = page.r.topic.governance
        canv.drawString(p.content.x, p.content.y + p.content.h / 2, f"{page.r.clinic.name} · {gov.code}")
        canv.drawRightString(p.content.right, p.content.y + p.content.h / 2, str(canv.getPageNumber()))
        canv.restoreState()


ROLE = PanelRole("folio", paint)
