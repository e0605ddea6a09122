"""Turn one document's page furniture needs into a context every panel role draws with: the resolved job, its
styles and palette, the trim, the edition's settings, and small drawing helpers (colour fills to the bleed,
paragraphs, the logo). A role files what it draws under the structure element of its panel (``here``), in the
order a reader reads it; fills and boxes are artifacts."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from reportlab.lib.colors import CMYKColor
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from handouts.layout.color import RICH_BLACK, Separation
from handouts.layout.geometry import Box, PlacedPanel
from handouts.layout.logos import draw_logo
from handouts.layout.settings import RenderSettings
from handouts.layout.styles import Palette, Styles
from handouts.layout.tagging import Elem, figure, tagged_para, tagger_of
from handouts.resolve import Resolved
from handouts.xmltext import escape


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

    def para(self, markup: str, style: str, elem: Elem | None = None) -> Paragraph:
        return tagged_para(markup, self.styles[style], elem)

    def text(self, plain: str, style: str, elem: Elem | None = None) -> Paragraph:
        """A paragraph of plain text (a name, an address line): printed as written."""
        return tagged_para(escape(plain), self.styles[style], elem)

    def logo(self, canv: Canvas, x: float, y: float, height: float, parent: Elem | None = None) -> float:
        """Draw the logo; with ``parent``, as a Figure under it with the brand's alt text."""
        separation = self.settings.separation or Separation() if self.settings.cmyk else None
        with figure(canv, parent.add("Figure", alt=self.r.brand.logo.alt) if parent is not None else None):
            return draw_logo(canv, self.r.logo_path, self.r.logo_is_vector, x, y, height, separation, self.r.brand,
                             self.settings.image_ppi)


@dataclass(frozen=True)
class PanelRole:
    """A kind of panel a layout can name in ``role:``; ``flows`` roles take the document's running text."""

    name: str
    paint: Callable[[PanelContext, Canvas, PlacedPanel], None]
    flows: bool = False
    # Where a reader meets it when the layout gives no reading_order: 0 what opens the document (a cover, a
    # header), 1 the running text (in the order of its sequences), 2 the rest in page order, 3 the small print.
    reads: int = 2


def here(canv: Canvas) -> Elem:
    """The structure element a panel role files what it draws under (a throw-away one on an untagged canvas)."""
    tagger = tagger_of(canv)
    return tagger.current() if tagger is not None else Elem("")


def short_url(url: str) -> str:
    """A booking URL as people type it: without the scheme (the QR code keeps it whole)."""
    return url.split("://", 1)[-1]
