"""Turn one document's page furniture needs into a context every panel role draws with: the resolved job, its
styles and palette, the trim, the edition's settings, and small drawing helpers (colour fills to the bleed,
paragraphs, the logo)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from handouts.layout.color import RICH_BLACK, Separation
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.logos import draw_logo
from handouts.layout.paragraphs import Para
from handouts.layout.settings import RenderSettings
from handouts.layout.styles import Palette, Styles
from handouts.resolve import Resolved


class PanelContext:
    """What every panel role of one document draws with."""

    def __init__(self, r: Resolved, styles: Styles, palette: Palette, label: str, trim: Box,
                 settings: RenderSettings):
        self.r, self.styles, self.palette, self.label = r, styles, palette, label
        self.trim, self.settings = trim, settings

    def fill(self, canv: Canvas, box: Box, token: str) -> None:
        """Fill a box; any side lying on the trim runs on to the bleed edge."""
        t, b = self.trim, self.settings.bleed
        x0 = box.x - b if abs(box.x - t.x) < 0.01 else box.x
        y0 = box.y - b if abs(box.y - t.y) < 0.01 else box.y
        x1 = box.right + b if abs(box.right - t.right) < 0.01 else box.right
        y1 = box.top + b if abs(box.top - t.top) < 0.01 else box.top
        color = self.palette(token)
        if isinstance(color, CMYKColor) and color.black >= 0.85 and color.cyan + color.magenta + color.yellow < 0.6 \
                and (x1 - x0) * (y1 - y0) > 72 * 72:
            color = CMYKColor(*RICH_BLACK)  # large dark areas: rich black, not flat (grey-looking) K
        canv.saveState()
        canv.setFillColor(color)
        canv.rect(x0, y0, x1 - x0, y1 - y0, stroke=0, fill=1)
        canv.restoreState()

    def para(self, markup: str, style: str) -> Paragraph:
        return Para(markup, self.styles[style])

    def text(self, plain: str, style: str) -> Paragraph:
        """A paragraph of plain text (a name, an address line): printed as written."""
        return Para(escape(plain), self.styles[style])

    def logo(self, canv: Canvas, x: float, y: float, height: float) -> float:
        separation = self.settings.separation or Separation() if self.settings.cmyk else None
        return draw_logo(canv, self.r.logo_path, self.r.logo_is_vector, x, y, height, separation, self.r.brand,
                         self.settings.image_ppi)


@dataclass(frozen=True)
class PanelRole:
    """A kind of panel a layout can name in ``role:``; ``flows`` roles take the document's running text."""

    name: str
    paint: Callable[[PanelContext, Canvas, PlacedPanel], None]
    flows: bool = False


def short_url(url: str) -> str:
    """A booking URL as people type it: without the scheme (the QR code keeps it whole)."""
    return url.split("://", 1)[-1]
