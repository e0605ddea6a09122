"""Turn a PDF page's text objects, as PDFium lays them out, into placed text runs with their fonts and sizes."""

from __future__ import annotations

import ctypes
import functools
import math
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handouts.preflight.libraries import lazy

if TYPE_CHECKING:
    import pikepdf
    import pypdfium2 as pdfium
else:  # loaded on first use: most commands never preflight (preflight/libraries.py)
    pikepdf = lazy("pikepdf")
    pdfium = lazy("pypdfium2")



@functools.cache
def standard_14() -> frozenset[str]:
    """The 14 standard PDF fonts: viewers have them, print workflows want them embedded like any other."""
    return frozenset(pdfium.PdfFont.STANDARD_FONTS)

DEFAULT_CAP_HEIGHT = 0.7  # em, for fonts whose descriptor gives none
INVISIBLE = 3  # text render mode that paints nothing (an OCR layer, for instance)
_BLANK = 0.05  # pt: PDFium gives a glyph without outlines (a space) a box this thin or thinner
_MAX_FORM_DEPTH = 16  # nested forms followed


def _returning_address(function: Any) -> Any:
    """A PDFium ``(handle, int) -> pointer`` function declared to return the pointer as an int (None for NULL),
    so that results compare as numbers instead of needing a cast each."""
    address = ctypes.cast(function, ctypes.c_void_p).value
    assert address is not None
    return ctypes.CFUNCTYPE(ctypes.c_void_p, ctypes.c_void_p, ctypes.c_int)(address)


# The text object a character of the text page belongs to.
@functools.cache
def _owner() -> Any:
    return _returning_address(pdfium.raw.FPDFText_GetTextObject)


@dataclass(frozen=True)
class Font:
    name: str  # without a subset prefix
    embedded: bool


@dataclass(frozen=True)
class TextRun:
    """One visible text object, from the start of its first inked glyph to the advance of its last."""

    index: int  # among the page's text objects, in content order (forms included where they are drawn)
    text: str  # as PDFium extracts it, spaces and control characters included
    font: Font
    size: float  # as printed: the font size times the text's scale on the page
    x: float  # start of the first inked glyph on the baseline, page space
    y: float
    box: tuple[float, float, float, float]  # x0, y0, x1, y1: baseline to cap height, page space


@dataclass
class PageText:
    runs: list[TextRun]
    objects: int  # every text object on the page, blank and invisible ones included


def strip_subset(name: str) -> str:
    """``ABCDEF+Font`` → ``Font``."""
    name = name.lstrip("/")
    if len(name) > 7 and name[6] == "+" and name[:6].isalpha() and name[:6].isupper():
        return name[7:]
    return name


def cap_heights(resources: pikepdf.Object | None, into: dict[str, float], depth: int = 0) -> dict[str, float]:
    """Cap heights (em) of the fonts in a resource dictionary and the forms it holds, by font name."""
    if not isinstance(resources, pikepdf.Dictionary) or depth > 8:
        return into
    fonts = resources.get("/Font")
    for font in fonts.values() if isinstance(fonts, pikepdf.Dictionary) else ():
        if not isinstance(font, pikepdf.Dictionary):
            continue
        descendants = font.get("/DescendantFonts")
        described: Any = descendants[0] if isinstance(descendants, pikepdf.Array) and len(descendants) else font
        try:
            cap = float(described.FontDescriptor.CapHeight) / 1000
        except (AttributeError, TypeError, KeyError, ValueError):
            continue
        if 0.2 < cap < 1.5:
            for key in (font.get("/BaseFont"), described.get("/BaseFont")):
                if key is not None:
                    into.setdefault(strip_subset(str(key)), cap)
    xobjects = resources.get("/XObject")
    for xobject in xobjects.values() if isinstance(xobjects, pikepdf.Dictionary) else ():
        if isinstance(xobject, pikepdf.Stream) and xobject.get("/Subtype") == "/Form":
            cap_heights(xobject.get("/Resources"), into, depth + 1)
    return into


class _Reader:
    """PDFium calls for one page's text page, with their output buffers made once."""

    def __init__(self, textpage: pdfium.PdfTextPage) -> None:
        self.tp = textpage.raw
        self.count = pdfium.raw.FPDFText_CountChars(self.tp)
        self.l, self.r, self.b, self.t = (ctypes.c_double() for _ in range(4))
        self.rect = pdfium.raw.FS_RECTF()
        self.matrix = pdfium.raw.FS_MATRIX()
        # The page's text. It has one character per text-page index (UTF-16 decoding joins surrogate pairs again)
        # unless PDFium left control characters out of it: ``aligned`` says which.
        self.chars = self._get_text(0, self.count)
        self.aligned = len(self.chars) == self.count

    def _get_text(self, first: int, count: int) -> str:
        buffer = (ctypes.c_ushort * (2 * count + 1))()
        written = pdfium.raw.FPDFText_GetText(self.tp, first, count, buffer)
        return bytes(buffer)[: max(written - 1, 0) * 2].decode("utf-16-le", "replace")

    def text(self, first: int, last: int) -> str:
        if self.aligned:
            return self.chars[first : last + 1]
        return self._get_text(first, last - first + 1)

    def owner(self, index: int) -> int | None:
        return _owner()(self.tp, index) if 0 <= index < self.count else None

    def ranges(self) -> Iterator[tuple[int, int, int]]:
        """(object address, first, last character index) for each stretch of one object's characters."""
        i = 0
        while i < self.count:
            address = self.owner(i)
            if address is None:  # a space or line break PDFium generated between objects
                i += 1
                continue
            # Most stretches end just before the line break PDFium generates at the end of a line.
            last = self.chars.find("\r", i) - 1 if self.aligned else -1
            if last < i or self.owner(last) != address or self.owner(last + 1) == address:
                last, step = i, 1  # otherwise gallop, then halve: a handful of probes for any length
                while step:
                    if self.owner(last + step) == address:
                        last += step
                        step *= 2
                    else:
                        step //= 2
            yield address, i, last
            i = last + 1

    def blank(self, index: int) -> bool:
        pdfium.raw.FPDFText_GetCharBox(self.tp, index, self.l, self.r, self.b, self.t)
        return min(self.r.value - self.l.value, self.t.value - self.b.value) < _BLANK

    def origin(self, index: int) -> tuple[float, float]:
        pdfium.raw.FPDFText_GetCharOrigin(self.tp, index, self.l, self.b)
        return self.l.value, self.b.value

    def loose_box(self, index: int) -> tuple[float, float, float, float]:
        """The glyph's advance box: from its origin to the next glyph's, between the font's ascent and descent."""
        pdfium.raw.FPDFText_GetLooseCharBox(self.tp, index, self.rect)
        rect = self.rect
        return rect.left, rect.bottom, rect.right, rect.top

    def char_matrix(self, index: int) -> tuple[float, float, float, float]:
        pdfium.raw.FPDFText_GetMatrix(self.tp, index, self.matrix)
        m = self.matrix
        return m.a, m.b, m.c, m.d


def _text_objects(page: pdfium.PdfPage) -> Iterator[Any]:
    """The page's text objects in content order, those inside forms where the form is drawn."""
    stack = [(pdfium.raw.FPDFPage_GetObject, page.raw, pdfium.raw.FPDFPage_CountObjects(page.raw), 0)]
    while stack:
        get, parent, count, i = stack.pop()
        if i >= count:
            continue
        stack.append((get, parent, count, i + 1))
        obj = get(parent, i)
        kind = pdfium.raw.FPDFPageObj_GetType(obj)
        if kind == pdfium.raw.FPDF_PAGEOBJ_TEXT:
            yield obj
        elif kind == pdfium.raw.FPDF_PAGEOBJ_FORM and len(stack) < _MAX_FORM_DEPTH:
            stack.append((pdfium.raw.FPDFFormObj_GetObject, obj, pdfium.raw.FPDFFormObj_CountObjects(obj), 0))


class FontCache:
    """Name and embedding of each PDFium font handle on one page (PDFium may free a font when its page closes
    and give the address to another)."""

    def __init__(self) -> None:
        self.fonts: dict[int, Font] = {}

    def of(self, text_object: pdfium.raw.FPDF_PAGEOBJECT) -> Font:
        handle = pdfium.raw.FPDFTextObj_GetFont(text_object)
        key = ctypes.cast(handle, ctypes.c_void_p).value or 0
        font = self.fonts.get(key)
        if font is None:
            size = pdfium.raw.FPDFFont_GetBaseFontName(handle, None, 0)
            buffer = ctypes.create_string_buffer(max(size, 1))
            pdfium.raw.FPDFFont_GetBaseFontName(handle, buffer, size)
            name = strip_subset(buffer.value.decode("utf-8", "replace")) or "unnamed"
            font = Font(name, pdfium.raw.FPDFFont_GetIsEmbedded(handle) == 1)
            self.fonts[key] = font
        return font


def page_text(page: pdfium.PdfPage, caps: dict[str, float]) -> PageText:
    """The page's visible text runs, measured on PDFium's text page (forms, Type0, Type3 and rise included)."""
    textpage = page.get_textpage()
    try:
        reader = _Reader(textpage)
        fonts = FontCache()
        spans: dict[int, tuple[int, int]] = {}
        for address, first, last in reader.ranges():
            lo, hi = spans.get(address, (first, last))
            spans[address] = (min(lo, first), max(hi, last))
        runs: list[TextRun] = []
        count = 0
        for index, obj in enumerate(_text_objects(page)):
            count = index + 1
            if pdfium.raw.FPDFTextObj_GetTextRenderMode(obj) == INVISIBLE:
                continue
            # PDFium's text page leaves out a text object drawn again over itself (fake bold): its twin stands in.
            span = spans.get(ctypes.cast(obj, ctypes.c_void_p).value or 0)
            if span is None:
                continue
            font = fonts.of(obj)
            run = _run(reader, index, obj, font, span, caps.get(font.name, DEFAULT_CAP_HEIGHT))
            if run is not None:
                runs.append(run)
        return PageText(runs, count)
    finally:
        textpage.close()


def _run(reader: _Reader, index: int, obj: Any, font: Font, span: tuple[int, int], cap: float) -> TextRun | None:
    first, last = span
    while first <= last and reader.blank(first):
        first += 1
    while last >= first and reader.blank(last):
        last -= 1
    if first > last:
        return None  # only spaces: no ink
    size = ctypes.c_float()
    pdfium.raw.FPDFTextObj_GetFontSize(obj, size)
    a, b, c, d = reader.char_matrix(first)
    length = math.hypot(a, b) or 1.0
    ux, uy = a / length, b / length  # along the baseline
    x0, y0 = reader.origin(first)
    lx, ly = reader.origin(last)
    left, bottom, right, top = reader.loose_box(last)
    # The last glyph's advance: how far its box reaches along the baseline (its far corner, projected).
    advance = ((right if ux >= 0 else left) - lx) * ux + ((top if uy >= 0 else bottom) - ly) * uy
    x1, y1 = lx + advance * ux, ly + advance * uy
    rise_x, rise_y = c * size.value * cap, d * size.value * cap  # baseline to cap height
    xs = (x0, x1, x0 + rise_x, x1 + rise_x)
    ys = (y0, y1, y0 + rise_y, y1 + rise_y)
    # PDFium works in float32 (31.75 comes back as 31.7499): three decimals keep reported figures as drawn.
    box = (round(min(xs), 3), round(min(ys), 3), round(max(xs), 3), round(max(ys), 3))
    text = reader.text(*span)
    return TextRun(index, text, font, abs(size.value) * math.hypot(c, d), round(x0, 3), round(y0, 3), box)
