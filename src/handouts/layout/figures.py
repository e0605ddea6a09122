"""Turn a figure item (an SVG file of the topic, a caption, alt text, colours named by brand role) into a picture
in the brand's own colours: the drawing with its caption beside it in a panel, or the drawing alone (the caption
follows as its own paragraph) in the digital edition. Reading the SVG is recorded, like every file a PDF reads."""

from __future__ import annotations

import copy
from typing import Any

from reportlab.platypus import Flowable

from handouts.errors import InputError
from handouts.findings import Finding
from handouts.layout.logos import File, file_digest, parse_svg
from handouts.layout.paragraphs import Para
from handouts.layout.settings import RenderSettings
from handouts.layout.styles import Palette, Styles
from handouts.load.items import Item
from handouts.load.project import Project
from handouts.load.reads import note, note_absent, stamp
from handouts.resolve import Resolved

GAP = 10.0  # points between a drawing and its caption
_COLOURED: dict[tuple[Any, ...], Any] = {}  # drawings in a brand's colours, per process


class FigureFlowable(Flowable):
    """A drawing ``share`` of the column wide (at most ``max_height`` tall), with its caption beside it."""

    origin: Any = None

    def __init__(self, drawing: Any, share: float, caption: Para | None = None, max_height: float = 1e9):
        super().__init__()
        self.drawing, self.share, self.caption, self.max_height = drawing, share, caption, max_height
        self.spaceBefore, self.spaceAfter = 6, 8

    def _picture(self, aw: float) -> tuple[float, float]:
        width = aw * self.share
        height = width * self.drawing.height / self.drawing.width
        if height > self.max_height:
            width, height = width * self.max_height / height, self.max_height
        return width, height

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.pic_w, self.pic_h = self._picture(aw)
        text_h = 0.0
        if self.caption is not None:
            text_h = self.caption.wrap(aw - self.pic_w - GAP, ah)[1]
        self.width, self.height = aw, max(self.pic_h, text_h)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        return []

    def draw(self) -> None:
        canv, d = self.canv, self.drawing
        from reportlab.graphics import renderPDF  # ReportLab's graphics only when a figure is drawn

        d.initialFontName, d.initialFontSize = canv._fontname, canv._fontsize  # no stray Helvetica
        canv.saveState()
        canv.translate(0, self.height - self.pic_h)
        canv.scale(self.pic_w / d.width, self.pic_h / d.height)
        renderPDF.draw(d, canv, 0, 0, showBoundary=False)
        canv.restoreState()
        if self.caption is not None:
            _, h = self.caption.wrap(self.width - self.pic_w - GAP, self.height)
            self.caption.drawOn(canv, self.pic_w + GAP, self.height - h)


class FigureSource:
    """Makes the figures of one document: finds each SVG in its topic's folder, records the read, draws it in
    the brand's colours (in CMYK for print)."""

    def __init__(self, project: Project, r: Resolved, settings: RenderSettings, palette: Palette):
        self.project, self.r, self.settings, self.palette = project, r, settings, palette
        self.folder = project.topics[r.document.topic].folder

    def drawing(self, item: Item, block: str) -> Any:
        path = self.folder / item.src
        try:
            file = stamp(path)
        except OSError:
            note_absent(path)
            raise InputError(self._missing(item, block)) from None
        note(path, file_digest(file))
        return self._coloured(file, dict(item.options))

    def _missing(self, item: Item, block: str) -> Finding:
        """A missing SVG, at the figure's line in its block file."""
        message = f"figure file not found: {item.src} (paths are relative to the topic's folder, {self.folder})"
        topic = self.project.topics[self.r.document.topic].for_language(self.r.job.lang)
        loaded = topic.blocks.get(block)
        blocks = [b for names in self.r.slots.values() for b in names if b.id == block]
        if loaded is None or not blocks:
            return Finding("error", "invalid-input", message)
        index = next((n for n, i in enumerate(blocks[0].items) if i is item), 0)
        return loaded.source.issue(("body", index, "figure", "svg"), message)

    def _coloured(self, file: File, options: dict[str, str]) -> Any:
        """The drawing with the colours the item names taken from the brand, every colour in the edition's
        colour model (kept per process for each file, brand and colour model)."""
        from reportlab.lib.colors import CMYKColor, Color

        roles = {k: v for k, v in options.items() if k.startswith("#")}
        palette = self.palette
        key = (file, tuple(sorted((k, repr(palette(v))) for k, v in roles.items())), palette.cmyk,
               palette.separation.key if palette.cmyk else "")
        if key in _COLOURED:
            return _COLOURED[key]
        drawing = copy.deepcopy(parse_svg(file, "the SVG figure"))

        def recolour(value: Color) -> Color:
            hex_value = "#{:02X}{:02X}{:02X}".format(*(round(c * 255) for c in value.rgb()))
            if hex_value in roles:
                return palette(roles[hex_value])
            if palette.cmyk and not isinstance(value, CMYKColor):
                return CMYKColor(*palette.separation.cmyk((value.red, value.green, value.blue)),
                                 alpha=value.alpha)
            return value

        def walk(node: Any) -> None:
            for attr in ("fillColor", "strokeColor"):
                value = getattr(node, attr, None)
                if isinstance(value, Color):
                    setattr(node, attr, recolour(value))
            for child in getattr(node, "contents", ()):
                walk(child)

        walk(drawing)
        if len(_COLOURED) > 64:
            _COLOURED.clear()
        _COLOURED[key] = drawing
        return drawing

    def make(self, item: Item, styles: Styles, block: str, caption_beside: bool = True) -> list[Any]:
        """The figure for a panel: drawing and caption side by side (or the drawing alone, at most 3 in tall,
        when the caption is set as a paragraph of its own)."""
        share = float(dict(item.options).get("width", "0.4"))
        caption = Para(item.text, styles["body"]) if caption_beside else None
        return [FigureFlowable(self.drawing(item, block), share, caption, 1e9 if caption_beside else 3 * 72)]
