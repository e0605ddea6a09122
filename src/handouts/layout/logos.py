"""Turn a logo file (SVG or PNG) into a mark drawn on a ReportLab canvas: vector drawings kept vector, raster
images sized for the resolution the edition wants at the placed size, and, for print, separated into the
press's CMYK with every shape or pixel of exactly a brand colour printed in that brand colour's CMYK."""

from __future__ import annotations

import copy
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from handouts.errors import HandoutsError
from handouts.layout import reuse
from handouts.layout.color import CMYK, Separation, exact_brand_colors
from handouts.load import models as m
from handouts.load.reads import digest, note, stamp

File = tuple[str, int, int]  # path, modification time, size: a cache key that changes when the file is saved


@lru_cache(maxsize=64)
def file_digest(file: File) -> str:
    """The digest of a file's bytes, read once while it stays the same (logos and figures record it)."""
    return digest(Path(file[0]).read_bytes())


def _noted(path: Path | str) -> File:
    """Record the read of a logo file; parsed logos are kept per process while the file stays the same."""
    try:
        file = stamp(path)
    except OSError as exc:
        raise HandoutsError(f"{path}: cannot read the logo: {exc.strerror}") from None
    note(path, file_digest(file))
    return file


@lru_cache(maxsize=64)
def parse_svg(file: File, what: str = "SVG logo") -> Any:
    """An SVG file (a logo, or a figure: ``what`` names it in the error) as a ReportLab drawing, parsed once per
    process while the file stays the same; callers that change it change a copy."""
    from svglib.svglib import svg2rlg  # svglib (and ReportLab's graphics) only when a drawing is drawn

    try:
        drawing = svg2rlg(file[0])
    except Exception as exc:  # svglib raises a variety of parser errors
        raise HandoutsError(f"{file[0]}: cannot read {what}: {exc}") from None
    if drawing is None or not drawing.width or not drawing.height:
        raise HandoutsError(f"{file[0]}: cannot read {what}: no drawing or zero size")
    return drawing


def _brand_key(brand: m.Brand) -> tuple[tuple[str, str, tuple[float, ...] | None], ...]:
    return tuple(sorted((token, c.hex, c.cmyk) for token, c in brand.colors.items()))


_SEPARATED: dict[tuple[File, str, tuple[Any, ...]], Any] = {}


def _separated_svg(file: File, separation: Separation, brand: m.Brand) -> Any:
    """The SVG drawing with every colour in DeviceCMYK: a brand colour's own CMYK, others through the press."""
    key = (file, separation.key, _brand_key(brand))
    if key not in _SEPARATED:
        from reportlab.lib.colors import CMYKColor, Color

        exact = exact_brand_colors(brand, separation)
        drawing = copy.deepcopy(parse_svg(file))

        def ink(value: Color) -> CMYK:
            rgb = (round(value.red * 255), round(value.green * 255), round(value.blue * 255))
            return exact.get(rgb) or separation.cmyk((value.red, value.green, value.blue))

        def convert(node: Any) -> None:
            for attr in ("fillColor", "strokeColor"):
                value = getattr(node, attr, None)
                if isinstance(value, Color) and not isinstance(value, CMYKColor):
                    setattr(node, attr, CMYKColor(*ink(value), alpha=value.alpha))
            for child in getattr(node, "contents", ()):
                convert(child)

        convert(drawing)
        _SEPARATED[key] = drawing
    return _SEPARATED[key]


@lru_cache(maxsize=64)
def _raster_size(file: File) -> tuple[int, int]:
    from PIL import Image

    try:
        with Image.open(file[0]) as im:
            return im.size
    except Exception as exc:  # Pillow raises a variety of errors for damaged files
        raise HandoutsError(f"{file[0]}: cannot read PNG logo: {exc}") from None


_RASTERS: dict[tuple[File, int, str, tuple[Any, ...]], Any] = {}


def _raster(file: File, pixels_high: int, separation: Separation | None, brand: m.Brand | None) -> Any:
    """The PNG as an image for ReportLab: downsampled (never enlarged) to ``pixels_high`` rows, and for print
    flattened onto white paper and separated into CMYK."""
    colours = _brand_key(brand) if separation and brand else ()
    key = (file, pixels_high, separation.key if separation else "rgb", colours)
    if key not in _RASTERS:
        from PIL import Image
        from reportlab.lib.utils import ImageReader

        try:
            with Image.open(file[0]) as im:
                rgba = im.convert("RGBA")
        except Exception as exc:
            raise HandoutsError(f"{file[0]}: cannot read PNG logo: {exc}") from None
        if rgba.height > pixels_high:
            width = max(1, round(rgba.width * pixels_high / rgba.height))
            rgba = rgba.resize((width, pixels_high), Image.Resampling.LANCZOS)
        if separation is None:
            _RASTERS[key] = ImageReader(rgba)
        else:
            flat = Image.alpha_composite(Image.new("RGBA", rgba.size, (255, 255, 255, 255)), rgba).convert("RGB")
            cmyk = separation.image(flat)
            exact = {rgb: tuple(round(v * 255) for v in ink)
                     for rgb, ink in (exact_brand_colors(brand, separation) if brand else {}).items()}
            if exact:
                rgb, ink = flat.tobytes(), bytearray(cmyk.tobytes())
                for index in range(0, len(rgb) // 3):
                    pixel = (rgb[3 * index], rgb[3 * index + 1], rgb[3 * index + 2])
                    if pixel in exact:
                        ink[4 * index: 4 * index + 4] = bytes(exact[pixel])
                cmyk = Image.frombytes("CMYK", cmyk.size, bytes(ink))
            _RASTERS[key] = ImageReader(cmyk)
    return _RASTERS[key]


# What drawing a logo wrote into a page, by logo file, colour model and brand: a chain draws the same logo on
# document after document. Kept only for logos drawn with nothing but paths and colours (no text, image or
# graphics state, which name resources of their own document).
_DRAWN: dict[tuple[Any, ...], tuple[str, ...]] = {}
_RESOURCE_OPERATORS = re.compile(r"(?:^|\s)(?:Tf|Do|gs|sh|BI|BDC|BMC|cs|CS|scn|SCN)(?:\s|$)")


def _self_contained(code: tuple[str, ...]) -> bool:
    return not any(_RESOURCE_OPERATORS.search(line) for line in code)


def logo_aspect(path: Path, vector: bool) -> float:
    """Width / height of a logo."""
    if vector:
        d = parse_svg(_noted(path))
        return float(d.width / d.height)
    w, h = _raster_size(_noted(path))
    return w / h


def draw_logo(canv: Any, path: Path, vector: bool, x: float, y: float, height: float,
              separation: Separation | None = None, brand: m.Brand | None = None, ppi: float = 300.0) -> float:
    """Draw a logo with its bottom-left corner at (x, y), ``height`` points tall, in RGB or (with a separation)
    in CMYK; a raster logo carries at most ``ppi`` pixels per inch at that size. Returns the width used."""
    width = height * logo_aspect(path, vector)
    file = _noted(path)
    if vector:
        from reportlab.graphics import renderPDF

        d = _separated_svg(file, separation, brand) if separation and brand else parse_svg(file)
        # The drawing's text state starts from the canvas font, not ReportLab's default Helvetica (which
        # would be referenced in the PDF without being embedded).
        d.initialFontName, d.initialFontSize = canv._fontname, canv._fontsize
        canv.saveState()
        canv.translate(x, y)
        canv.scale(width / d.width, height / d.height)
        key = (file, separation.key if separation and brand else "", _brand_key(brand) if brand else (),
               getattr(canv, "_enforceColorSpace", None))
        drawn = _DRAWN.get(key) if reuse.ENABLED else None
        if drawn is not None:
            canv._code.extend(drawn)
        else:
            start = len(canv._code)
            renderPDF.draw(d, canv, 0, 0, showBoundary=False)
            code = tuple(canv._code[start:])
            if _self_contained(code):
                _DRAWN[key] = code
        canv.restoreState()
    else:
        image = _raster(file, max(1, round(height / 72 * ppi)), separation, brand)
        canv.drawImage(image, x, y, width, height, mask=None if separation else "auto")
    return width

