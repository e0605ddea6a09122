"""Turn a sheet's footer panel into its small print, set from the foot of the panel upwards."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.fitting import stack
from handouts.layout.geometry import PlacedPanel
from handouts.layout.panels.back import smallprint
from handouts.layout.panels.base import PanelContext, PanelRole, here


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    stack(canv, smallprint(page, here(canv)), p.content, page.label, p.panel.name, anchor="bottom")


ROLE = PanelRole("footer", paint, reads=3)
