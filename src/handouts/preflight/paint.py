"""Turn a page's content streams, parsed by qpdf, into the colours, inks and images it paints."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from handouts.preflight.colour import (
    DEVICE_CMYK,
    DEVICE_GRAY,
    DEVICE_RGB,
    Space,
    heaviest_pixel,
    image_space,
    ink,
    space_of,
)
from handouts.preflight.document import Box
from handouts.preflight.libraries import lazy

if TYPE_CHECKING:
    import pikepdf
else:  # loaded on first use: most commands never preflight (preflight/libraries.py)
    pikepdf = lazy("pikepdf")

# The operators this walk acts on; qpdf drops every other one before Python sees it.
OPERATORS = "q Q cm m l c v y re f F f* B B* b b* S s n rg RG k K g G cs CS sc scn SC SCN Do sh Tj TJ ' \" Tr BI ID EI"
MAX_DEPTH = 12  # nested forms and patterns followed (real files nest two or three levels)

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
# A colour as set: its space, its values, and (total %, parts) when its total ink is over the limit.
Colour = tuple[Space, tuple[float, ...], tuple[float, str] | None]
BLACK: Colour = (DEVICE_GRAY, (0.0,), None)

_PATH = frozenset({"m", "l", "c", "v", "y", "re"})
_FILL = frozenset({"f", "F", "f*", "B", "B*", "b", "b*"})
_STROKE = frozenset({"S", "s", "B", "B*", "b", "b*"})
_PAINT = _FILL | _STROKE | {"n"}
_TEXT = frozenset({"Tj", "TJ", "'", '"'})
_FILL_MODES = frozenset({0, 2, 4, 6})
_STROKE_MODES = frozenset({1, 2, 5, 6})
_DEVICE = {"rg": DEVICE_RGB, "RG": DEVICE_RGB, "k": DEVICE_CMYK, "K": DEVICE_CMYK, "g": DEVICE_GRAY, "G": DEVICE_GRAY}
_FAULTS = (ValueError, TypeError, IndexError, KeyError, AttributeError, ZeroDivisionError)  # and pikepdf.PdfError


@dataclass(frozen=True)
class PlacedImage:
    label: str  # "image Im1 (600×600 px)"
    width: int  # pixels
    height: int
    placed_width: float  # inches on the page
    placed_height: float


@dataclass
class Ink:
    total: float  # percent
    parts: str  # "C 100 M 100 Y 100 K 100"; empty for an image's heaviest pixel
    uses: int = 1


@dataclass
class PagePaint:
    rgb: dict[str, int] = field(default_factory=dict)  # element → uses
    ink: dict[str, Ink] = field(default_factory=dict)  # element → heaviest use inside the trim
    images: list[PlacedImage] = field(default_factory=list)
    # For each text object in content order, the over-the-limit colours it paints as (element, total, parts).
    text: list[tuple[tuple[str, float, str], ...]] = field(default_factory=list)

    def add_ink(self, element: str, total: float, parts: str) -> None:
        known = self.ink.get(element)
        self.ink[element] = Ink(total, parts, known.uses + 1 if known else 1)


class DocumentCache:
    """Parsed form streams and decoded image peaks, shared by the pages of one document."""

    def __init__(self) -> None:
        self.streams: dict[tuple[int, int], list[Any]] = {}
        self.peaks: dict[tuple[int, int], float | None] = {}
        self.colours: dict[tuple[Space, tuple[float, ...]], Colour] = {}  # under one ink limit

    def instructions(self, stream: pikepdf.Object | pikepdf.Page) -> list[Any]:
        key = stream.objgen if isinstance(stream, pikepdf.Object) else (0, 0)
        cached = self.streams.get(key) if key != (0, 0) else None
        if cached is None:
            cached = pikepdf.parse_content_stream(stream, OPERATORS)
            if key != (0, 0):
                self.streams[key] = cached
        return cached

    def heaviest(self, image: pikepdf.Stream | pikepdf.PdfInlineImage, limit: float) -> float | None:
        """The heaviest pixel of an image XObject (decoded once per document) or of an inline image."""
        if isinstance(image, pikepdf.PdfInlineImage):
            return heaviest_pixel(image, limit)
        key = image.objgen
        if key == (0, 0) or key not in self.peaks:
            self.peaks[key] = heaviest_pixel(pikepdf.PdfImage(image), limit)
        return self.peaks[key]


def mul(m1: Matrix, m2: Matrix) -> Matrix:
    """m1 × m2 in PDF's row-vector convention: apply m1, then m2."""
    a1, b1, c1, d1, e1, f1 = m1
    a2, b2, c2, d2, e2, f2 = m2
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def _matrix(values: Any) -> Matrix:
    a, b, c, d, e, f = (float(v) for v in values)
    return (a, b, c, d, e, f)


def _fmt(values: tuple[float, ...]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def _element(kind: str, colour: Colour) -> str:
    """``fill colour 1.00 1.00 1.00 1.00`` for CMYK; other spaces are named: ``fill colour Separation All 1.00``."""
    space, values, _heavy = colour
    named = "" if space.kind == "cmyk" else f"{space.label} "
    return f"{kind} colour {named}{_fmt(values)}"


class _State:
    """The part of the graphics state this walk follows; ``q`` saves a copy, ``Q`` restores it."""

    __slots__ = ("ctm", "fill", "stroke", "mode")

    def __init__(self, ctm: Matrix, fill: Colour, stroke: Colour, mode: int = 0) -> None:
        self.ctm = ctm
        self.fill = fill
        self.stroke = stroke
        self.mode = mode  # text render mode

    def copy(self) -> _State:
        return _State(self.ctm, self.fill, self.stroke, self.mode)


class Walker:
    """Walks one page's content and the forms it draws, tracking the CTM, colours and text render mode.

    ``trim`` is None inside a tiling pattern, whose cells repeat wherever they are used: ink found there counts
    wherever it lands."""

    def __init__(self, require_cmyk: bool, max_ink: float, trim: Box | None, cache: DocumentCache) -> None:
        self.require_cmyk = require_cmyk
        self.max_ink = max_ink
        self.trim = trim
        self.cache = cache
        self.paint = PagePaint()
        self.open_forms: list[tuple[int, int]] = []
        self.patterns: set[tuple[int, int]] = set()

    def colour(self, space: Space, values: tuple[float, ...]) -> Colour:
        key = (space, values)
        colour = self.cache.colours.get(key)
        if colour is None:  # a handful of distinct colours, set over and over
            measured = ink(space, values)
            heavy = measured if measured is not None and measured[0] > self.max_ink + 1e-6 else None
            colour = self.cache.colours[key] = (space, values, heavy)
        return colour

    def walk(self, stream: Any, resources: Any, state: _State | None = None, depth: int = 0) -> None:
        state = state or _State(IDENTITY, BLACK, BLACK)
        saved: list[_State] = []
        path: list[float] | None = None  # page-space bounds of the path being built while a colour is heavy
        for ins in self.cache.instructions(stream):
            op = str(ins.operator)
            try:
                if op in _PATH:
                    if state.fill[2] is not None or state.stroke[2] is not None:
                        path = self._grow(path, state.ctm, op, ins.operands)
                elif op in _PAINT:
                    if path is not None and self._inside(*path):
                        if state.fill[2] is not None and op in _FILL:
                            self._ink("fill", state.fill)
                        if state.stroke[2] is not None and op in _STROKE:
                            self._ink("stroke", state.stroke)
                    path = None
                elif op == "q":
                    saved.append(state.copy())
                elif op == "Q":
                    if saved:
                        state = saved.pop()
                elif op == "cm":
                    state.ctm = mul(_matrix(ins.operands), state.ctm)
                elif op in _TEXT:
                    self._text(op, ins.operands, state)
                elif op == "Tr":
                    state.mode = int(ins.operands[0])
                elif op in _DEVICE:
                    self._set(state, op.isupper(), _DEVICE[op], tuple(float(v) for v in ins.operands))
                elif op in ("cs", "CS"):
                    space = space_of(ins.operands[0], resources)
                    colour = self.colour(space, space.initial())
                    if op == "CS":
                        state.stroke = colour
                    else:
                        state.fill = colour
                elif op in ("sc", "scn", "SC", "SCN"):
                    self._set_values(state, op.isupper(), ins.operands, resources, depth)
                elif op == "Do":
                    self._do(ins.operands[0], resources, state, depth)
                elif op == "INLINE IMAGE":
                    self._image("", ins.iimage.obj, ins.iimage, resources, state)
                elif op == "sh":
                    self._sh(ins.operands[0], resources)
            except (*_FAULTS, pikepdf.PdfError):
                continue  # one malformed operator should not hide the rest of the page

    # colour

    def _set(self, state: _State, stroking: bool, space: Space, values: tuple[float, ...]) -> None:
        if space.kind == "rgb" and self.require_cmyk:
            self._rgb(f"{'stroke' if stroking else 'fill'} colour {space.label} {_fmt(values)}")
        if stroking:
            state.stroke = self.colour(space, values)
        else:
            state.fill = self.colour(space, values)

    def _set_values(self, state: _State, stroking: bool, operands: Any, resources: Any, depth: int) -> None:
        space = (state.stroke if stroking else state.fill)[0]
        values = tuple(float(v) for v in operands if not isinstance(v, pikepdf.Name))
        if space.kind == "pattern":
            if operands and isinstance(operands[-1], pikepdf.Name):
                self._pattern(operands[-1], resources, depth)
            if space.base is None or not values:
                return
            space = space.base  # an uncoloured pattern painted in a colour of its base space
        self._set(state, stroking, space, values)

    def _rgb(self, element: str) -> None:
        self.paint.rgb[element] = self.paint.rgb.get(element, 0) + 1

    def _ink(self, kind: str, colour: Colour) -> None:
        assert colour[2] is not None
        self.paint.add_ink(_element(kind, colour), *colour[2])

    # geometry

    def _inside(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Painted inside the trim; crop and fold marks in the slug are left alone."""
        return self.trim is None or self.trim.meets(x0, y0, x1, y1)

    @staticmethod
    def _grow(box: list[float] | None, ctm: Matrix, op: str, operands: Any) -> list[float]:
        nums = [float(v) for v in operands]
        if op == "re":
            x, y, w, h = nums[:4]
            nums = [x, y, x + w, y, x, y + h, x + w, y + h]
        if box is None:
            box = [math.inf, math.inf, -math.inf, -math.inf]
        a, b, c, d, e, f = ctm
        for i in range(0, len(nums) - 1, 2):
            x, y = nums[i], nums[i + 1]
            px, py = x * a + y * c + e, x * b + y * d + f
            box[0], box[1] = min(box[0], px), min(box[1], py)
            box[2], box[3] = max(box[2], px), max(box[3], py)
        return box

    # text, images, forms, shadings, patterns

    def _text(self, op: str, operands: Any, state: _State) -> None:
        """One text object as PDFium makes it: one per showing operator with something to show."""
        shown = operands[-1]
        if op == "TJ":
            if not any(isinstance(item, pikepdf.String) for item in shown):
                return
        elif not len(bytes(shown)):
            return
        entries = []
        for kind, colour, modes in (("fill", state.fill, _FILL_MODES), ("stroke", state.stroke, _STROKE_MODES)):
            if colour[2] is not None and state.mode in modes:
                entries.append((_element(kind, colour), *colour[2]))
        self.paint.text.append(tuple(entries))

    def _do(self, name: Any, resources: Any, state: _State, depth: int) -> None:
        xobjects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
        xobject = xobjects.get(name) if isinstance(xobjects, pikepdf.Dictionary) else None
        if not isinstance(xobject, pikepdf.Stream):
            return
        subtype = xobject.get("/Subtype")
        if subtype == "/Image":
            self._image(str(name).lstrip("/"), xobject, xobject, resources, state)
        elif subtype == "/Form":
            key = xobject.objgen
            if key in self.open_forms or depth >= MAX_DEPTH:
                return
            inner = state.copy()  # a form starts from the graphics state it is drawn in
            if "/Matrix" in xobject:
                inner.ctm = mul(_matrix(xobject.Matrix), state.ctm)
            self.open_forms.append(key)
            try:
                self.walk(xobject, xobject.get("/Resources", resources), inner, depth + 1)
            finally:
                self.open_forms.pop()

    def _image(self, name: str, image: Any, source: pikepdf.Stream | pikepdf.PdfInlineImage, resources: Any,
               state: _State) -> None:
        """An image drawn in the unit square of the current transformation (Do, or inline BI/ID/EI); ``image``
        is its dictionary, ``source`` what its pixels are decoded from."""
        a, b, c, d, e, f = state.ctm
        xs, ys = (e, e + a, e + c, e + a + c), (f, f + b, f + d, f + b + d)
        inside = self._inside(min(xs), min(ys), max(xs), max(ys))
        width = int(image.get("/Width", image.get("/W", 0)))
        height = int(image.get("/Height", image.get("/H", 0)))
        label = f"image {name} ({width}×{height} px)" if name else f"inline image ({width}×{height} px)"
        space = image_space(image, resources)
        if space is None:  # a stencil mask: painted in the fill colour
            if inside and state.fill[2] is not None:
                self._ink("fill", state.fill)
        elif space.kind == "rgb" and self.require_cmyk:
            self._rgb(label)
        elif space.kind == "cmyk" and not space.indexed and inside:
            peak = self.cache.heaviest(source, self.max_ink)
            if peak is not None and peak > self.max_ink + 1e-6:
                self.paint.add_ink(label, peak, "")
        self.paint.images.append(PlacedImage(label, width, height, math.hypot(a, b) / 72, math.hypot(c, d) / 72))

    def _sh(self, name: Any, resources: Any) -> None:
        shadings = resources.get("/Shading") if isinstance(resources, pikepdf.Dictionary) else None
        if isinstance(shadings, pikepdf.Dictionary) and name in shadings:
            self._shading(shadings[name], resources, f"shading {str(name).lstrip('/')}")

    def _shading(self, shading: Any, resources: Any, label: str) -> None:
        """A smooth shade (``sh``, or a shading pattern) is RGB when its colour space is."""
        if not self.require_cmyk or not isinstance(shading, pikepdf.Dictionary | pikepdf.Stream):
            return
        if space_of(shading.get("/ColorSpace"), resources).kind == "rgb":
            self._rgb(label)

    def _pattern(self, name: Any, resources: Any, depth: int) -> None:
        patterns = resources.get("/Pattern") if isinstance(resources, pikepdf.Dictionary) else None
        pattern = patterns.get(name) if isinstance(patterns, pikepdf.Dictionary) else None
        if not isinstance(pattern, pikepdf.Dictionary | pikepdf.Stream) or pattern.objgen in self.patterns:
            return
        self.patterns.add(pattern.objgen)
        if pattern.get("/PatternType") == 2:
            self._shading(pattern.get("/Shading"), resources, f"shading pattern {str(name).lstrip('/')}")
        elif pattern.get("/PaintType") == 1 and isinstance(pattern, pikepdf.Stream) and depth < MAX_DEPTH:
            cells = Walker(self.require_cmyk, self.max_ink, None, self.cache)
            matrix = _matrix(pattern.Matrix) if "/Matrix" in pattern else IDENTITY
            cells.walk(pattern, pattern.get("/Resources"), _State(matrix, BLACK, BLACK), depth + 1)
            where = f" in pattern {str(name).lstrip('/')}"
            for element, uses in cells.paint.rgb.items():
                self.paint.rgb[element + where] = self.paint.rgb.get(element + where, 0) + uses
            for element, found in cells.paint.ink.items():
                self.paint.add_ink(element + where, found.total, found.parts)


def page_paint(page: pikepdf.Page, trim: Box, require_cmyk: bool, max_ink: float,
               cache: DocumentCache) -> PagePaint:
    walker = Walker(require_cmyk, max_ink, trim, cache)
    if "/Contents" in page.obj:
        walker.walk(page, page.obj.get("/Resources"))
    return walker.paint
