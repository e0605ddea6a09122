"""Turn a flow panel into a frame for the document's running text: the text is placed by the document's frames,
so the role draws nothing itself (a panel ``background`` is filled before any role draws)."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.geometry import PlacedPanel
from handouts.layout.panels.base import PanelContext, PanelRole


def paint(page: PanelContext, canv: Canvas, p: PlacedPanel) -> None:
    """Nothing to draw: the running text flows into this panel."""


ROLE = PanelRole("flow", paint, flows=True, reads=1)
