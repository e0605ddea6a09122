"""Turn logos (SVG or PNG) and booking URLs (QR codes) into marks drawn on a ReportLab canvas."""

from __future__ import annotations

import copy
from functools import lru_cache
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.layout.color import rgb_to_cmyk
from handouts.load.reads import digest, note, stamp


@lru_cache(maxsize=64)
def _file_digest(file: tuple[str, int, int]) -> str:
    return digest(Path(file[0]).read_bytes())


def _noted(path: str) -> tuple[str, int, int]:
    """Record the read of a logo file; parsed logos are kept per process while the file stays the same."""
    try:
        file = stamp(path)
    except OSError as exc:
        raise HandoutsError(f"{path}: cannot read the logo: {exc.strerror}") from None
    note(path, _file_digest(file))
    return file


def _svg_drawing(path: str):
    return _parse_svg(_noted(path))


@lru_cache(maxsize=64)
def _parse_svg(file: tuple[str, int, int]):
    path = file[0]
    from svglib.svglib import svg2rlg

    try:
        drawing = svg2rlg(path)
    except Exception as exc:  # svglib raises a variety of parser errors
        raise HandoutsError(f"{path}: cannot read SVG logo: {exc}") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise HandoutsError(f"{path}: cannot read SVG logo: no drawing or zero size")
    return drawing


@lru_cache(maxsize=64)
def _svg_drawing_cmyk(file: tuple[str, int, int]):
    """The SVG drawing with every colour turned into DeviceCMYK (same conversion as brand colours)."""
    from reportlab.lib.colors import CMYKColor, Color  # ReportLab is imported only when something is drawn

    drawing = copy.deepcopy(_parse_svg(file))

    def convert(node) -> None:
        for attr in ("fillColor", "strokeColor"):
            value = getattr(node, attr, None)
            if isinstance(value, Color) and not isinstance(value, CMYKColor):
                setattr(node, attr, CMYKColor(*rgb_to_cmyk(value.red, value.green, value.blue),
                                              alpha=value.alpha))
        for child in getattr(node, "contents", ()):
            convert(child)

    convert(drawing)
    return drawing


def _image(path: str, cmyk: bool = False):
    return _read_image(_noted(path), cmyk)


@lru_cache(maxsize=64)
def _read_image(file: tuple[str, int, int], cmyk: bool = False):
    from reportlab.lib.utils import ImageReader

    path = file[0]
    try:
        if cmyk:
            # Print editions: flatten transparency onto white paper, then separate into CMYK.
            from PIL import Image

            with Image.open(path) as im:
                rgba = im.convert("RGBA")
            paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
            reader = ImageReader(Image.alpha_composite(paper, rgba).convert("CMYK"))
        else:
            reader = ImageReader(path)
        reader.getSize()
    except Exception as exc:
        raise HandoutsError(f"{path}: cannot read PNG logo: {exc}") from None
    return reader


def logo_aspect(path: Path, vector: bool) -> float:
    """Width / height of a logo."""
    if vector:
        d = _svg_drawing(str(path))
        return d.width / d.height
    w, h = _image(str(path)).getSize()
    return w / h


def draw_logo(canv, path: Path, vector: bool, x: float, y: float, height: float, cmyk: bool = False) -> float:
    """Draw a logo with its bottom-left corner at (x, y), ``height`` tall; return the width used."""
    width = height * logo_aspect(path, vector)
    if vector:
        from reportlab.graphics import renderPDF

        d = _svg_drawing_cmyk(_noted(str(path))) if cmyk else _svg_drawing(str(path))
        # The drawing's text state starts from the canvas font, not ReportLab's default Helvetica (which
        # would be referenced in the PDF without being embedded).
        d.initialFontName, d.initialFontSize = canv._fontname, canv._fontsize
        canv.saveState()
        canv.translate(x, y)
        canv.scale(width / d.width, height / d.height)
        renderPDF.draw(d, canv, 0, 0, showBoundary=False)
        canv.restoreState()
    else:
        canv.drawImage(_image(str(path), cmyk), x, y, width, height, mask=None if cmyk else "auto")
    return width


@lru_cache(maxsize=1024)
def qr_runs(data: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code for ``data`` as (modules across incl. quiet zone, dark runs (row, start, length))."""
    import segno

    qr = segno.make(data, error="m", micro=False)
    matrix = qr.matrix
    quiet = 4
    runs = []
    for r, row in enumerate(matrix):
        c = 0
        while c < len(row):
            if row[c]:
                start = c
                while c < len(row) and row[c]:
                    c += 1
                runs.append((r + quiet, start + quiet, c - start))
            else:
                c += 1
    return len(matrix) + 2 * quiet, tuple(runs)


def draw_qr(canv, data: str, x: float, y: float, size: float, color) -> None:
    """Draw a QR code (with its quiet zone) as one filled path, ``size`` square at (x, y)."""
    modules, runs = qr_runs(data)
    unit = size / modules
    path = canv.beginPath()
    top = y + size
    for row, col, length in runs:
        path.rect(x + col * unit, top - (row + 1) * unit, length * unit, unit)
    canv.saveState()
    canv.setFillColor(color)
    canv.drawPath(path, stroke=0, fill=1)
    canv.restoreState()
