"""Turn finished PDFs into prepress findings: image resolution, fonts, colour, safe zone, text size, ink."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pypdf import PdfReader
from pypdf.generic import ArrayObject, ContentStream, DictionaryObject, StreamObject

# Codes a finding can carry, for callers that filter or count them.
CODES = (
    "image-resolution",
    "font-not-embedded",
    "rgb-colour",
    "safe-zone",
    "text-size",
    "ink-coverage",
    "no-trimbox",
    "unreadable",
)

# Findings of one code on one page beyond this many are folded into a single "and N more" finding.
MAX_PER_PAGE = 5

# Form XObjects nested deeper than this are not followed (real files nest two or three levels).
MAX_FORM_DEPTH = 12

_SEVERITY_RANK = {"error": 0, "warning": 1}

# The 14 standard PDF fonts: viewers have them, print workflows want them embedded like any other.
_STANDARD_14 = frozenset(
    {
        "Courier",
        "Courier-Bold",
        "Courier-Oblique",
        "Courier-BoldOblique",
        "Helvetica",
        "Helvetica-Bold",
        "Helvetica-Oblique",
        "Helvetica-BoldOblique",
        "Times-Roman",
        "Times-Bold",
        "Times-Italic",
        "Times-BoldItalic",
        "Symbol",
        "ZapfDingbats",
    }
)

_SIMPLE_ENCODINGS = {
    "/WinAnsiEncoding": "cp1252",
    "/MacRomanEncoding": "mac_roman",
    "/StandardEncoding": "latin-1",
    "/PDFDocEncoding": "latin-1",
}

# Path construction operators, and the painting operators that end a path: which fill, which stroke.
_PATH_OPS = frozenset({b"m", b"l", b"c", b"v", b"y", b"re"})
_FILL_OPS = frozenset({b"f", b"F", b"f*", b"B", b"B*", b"b", b"b*"})
_STROKE_OPS = frozenset({b"S", b"s", b"B", b"B*", b"b", b"b*"})
_PAINT_OPS = _FILL_OPS | _STROKE_OPS | {b"n"}

# Colour spaces named directly (inline images use the short names).
_NAMED_FAMILIES = {
    "/DeviceRGB": "rgb",
    "/RGB": "rgb",
    "/CalRGB": "rgb",
    "/DeviceCMYK": "cmyk",
    "/CMYK": "cmyk",
    "/DeviceGray": "gray",
    "/G": "gray",
    "/CalGray": "gray",
    "/Pattern": "pattern",
}

_ISO_MARGIN = 8.504  # 3 mm
_INCH_MARGIN = 9.0  # 0.125 in

Matrix = tuple[float, float, float, float, float, float]
# /HandoutsFolds, read: fold x positions by 0-based page index, or under None for every page.
_Folds = dict[int | None, list[float]]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Finding:
    """One prepress problem in one document, located as precisely as the check allows."""

    severity: str  # "error" | "warning"
    code: str  # one of CODES
    document: str  # the PDF's file name as given
    page: int | None  # 1-based; None for the whole document
    element: str  # what on the page: image, font, text run or colour
    message: str  # one line with the measured value and the limit

    def __str__(self) -> str:
        where = self.document if self.page is None else f"{self.document} page {self.page}"
        what = f"{self.element}: " if self.element else ""
        return f"{self.severity}: {where}: {what}{self.message} [{self.code}]"


@dataclass(frozen=True)
class PreflightOptions:
    """Limits for one preflight run; the defaults suit a commercial digital or offset print shop."""

    min_ppi_warn: float = 300.0
    min_ppi_error: float = 150.0
    # Points from the trim edge; None picks 0.125 in for inch-based trims (Letter and friends) and 3 mm for
    # others, unless the document's /HandoutsSafe info key says otherwise.
    safe_margin: float | None = None
    fold_safe: float = 8.504  # points each side of a fold (3 mm)
    require_cmyk: bool = False  # print edition: any RGB colour is an error
    max_ink: float = 300.0  # percent, C+M+Y+K of any fill or stroke colour
    min_text_size: float | None = None  # points; smaller text is an error


def preflight(path: Path, options: PreflightOptions = PreflightOptions()) -> list[Finding]:
    """Check one finished PDF and return its findings, sorted by page, severity and code.

    Never raises for a bad file: a PDF that cannot be read gives a single "unreadable" finding.
    """
    document = str(path)
    try:
        reader = PdfReader(path)
        if reader.is_encrypted and not reader.decrypt(""):
            return [_unreadable(document, None, "the PDF is encrypted with a password")]
        findings = _Document(reader, document, options).run()
    except Exception as exc:  # a damaged file can fail anywhere inside the PDF parser
        return [_unreadable(document, None, f"cannot read the PDF ({_one_line(exc)})")]
    return sorted(findings, key=lambda f: (f.page or 0, _SEVERITY_RANK.get(f.severity, 9), f.code))


def _unreadable(document: str, page: int | None, message: str) -> Finding:
    return Finding("error", "unreadable", document, page, "", message)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


# --- matrices ---------------------------------------------------------------------------------------------


def _mul(m1: Matrix, m2: Matrix) -> Matrix:
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


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5]


def _translate(m: Matrix, tx: float, ty: float) -> Matrix:
    """translate(tx, ty) × m."""
    a, b, c, d, e, f = m
    return (a, b, c, d, e + tx * a + ty * c, f + tx * b + ty * d)


def _matrix(values: Any) -> Matrix:
    nums = [float(v) for v in values]
    if len(nums) != 6:
        raise ValueError("a matrix needs six numbers")
    return (nums[0], nums[1], nums[2], nums[3], nums[4], nums[5])


# --- fonts ------------------------------------------------------------------------------------------------


def _strip_subset(name: str) -> str:
    name = name.lstrip("/")
    if len(name) > 7 and name[6] == "+" and name[:6].isupper() and name[:6].isalpha():
        return name[7:]
    return name


_BFRANGE = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])")


def _parse_to_unicode(stream: Any) -> dict[int, str]:
    """Character code → text from a ToUnicode CMap (bfchar and bfrange sections)."""
    data = stream.get_object().get_data()
    mapping: dict[int, str] = {}

    def text(hexstr: bytes) -> str:
        if len(hexstr) % 2:
            hexstr += b"0"
        return bytes.fromhex(hexstr.decode("ascii")).decode("utf-16-be", "replace")

    for block in re.findall(rb"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>", block):
            mapping[int(src, 16)] = text(dst)
    for block in re.findall(rb"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in _BFRANGE.findall(block):
            start, end = int(lo, 16), int(hi, 16)
            if end < start or end - start > 65535:
                continue
            if dst.startswith(b"["):
                for i, item in enumerate(re.findall(rb"<([0-9A-Fa-f]*)>", dst)):
                    mapping[start + i] = text(item)
            else:
                base = text(dst[1:-1])
                if not base:
                    continue
                head, last = base[:-1], ord(base[-1])
                for i in range(end - start + 1):
                    mapping[start + i] = head + chr(min(last + i, 0x10FFFF))
    return mapping


def _core_widths(name: str) -> list[float] | None:
    """Widths (per 1000 em) of a standard-14 font in its usual encoding, from ReportLab's metrics."""
    try:
        from reportlab.pdfbase import pdfmetrics  # imported here: only fonts without /Widths need it

        return [float(w) for w in pdfmetrics.getFont(name).widths]
    except Exception:
        return None


class _Font:
    """What the checks need from one font dictionary: embedding, code splitting, widths, text."""

    def __init__(self, font: DictionaryObject) -> None:
        subtype = font.get("/Subtype")
        self.name = _strip_subset(str(font.get("/BaseFont", "") or "unnamed"))
        self.two_byte = subtype == "/Type0"
        self.widths: dict[int, float] | None = None  # glyph-space units, times `scale` gives text space
        self.default_width = 0.0
        self.scale = 0.001
        self.to_unicode: dict[int, str] = {}
        self.codec = "latin-1"
        self.cap_height = 0.7
        # Filled in by _finish: advance per code in text space for a 1 pt font (None when the font gives no
        # widths), and the codes that put no ink on the page.
        self.advances: dict[int, float] | None = None
        self.default_advance = 0.0
        self.blank: frozenset[int] = frozenset()

        described = font
        if self.two_byte:
            descendants = font.get("/DescendantFonts")
            descendants = descendants.get_object() if descendants is not None else None
            if descendants:
                described = descendants[0].get_object()
                self.name = _strip_subset(str(described.get("/BaseFont", "") or self.name))
        descriptor = described.get("/FontDescriptor")
        descriptor = descriptor.get_object() if descriptor is not None else None
        if subtype == "/Type3":
            self.embedded = True  # glyphs are content streams inside the PDF
        else:
            files = ("/FontFile", "/FontFile2", "/FontFile3")
            self.embedded = descriptor is not None and any(key in descriptor for key in files)
        if descriptor is not None and "/CapHeight" in descriptor:
            cap = float(descriptor["/CapHeight"]) / 1000
            if 0.2 < cap < 1.5:
                self.cap_height = cap

        try:
            if self.two_byte:
                self._cid_widths(font, described)
            else:
                self._simple_widths(font, descriptor, subtype)
        except (ValueError, TypeError, KeyError, IndexError):
            self.widths = None

        try:
            if "/ToUnicode" in font:
                self.to_unicode = _parse_to_unicode(font["/ToUnicode"])
        except Exception:
            self.to_unicode = {}
        encoding = font.get("/Encoding")
        encoding = encoding.get_object() if encoding is not None else None
        if isinstance(encoding, DictionaryObject):
            encoding = encoding.get("/BaseEncoding")
        if isinstance(encoding, str):
            self.codec = _SIMPLE_ENCODINGS.get(encoding, "latin-1")
        self._finish()

    def _simple_widths(self, font: DictionaryObject, descriptor: Any, subtype: Any) -> None:
        if subtype == "/Type3":
            matrix: Any = font["/FontMatrix"].get_object()
            self.scale = float(matrix[0])
        if descriptor is not None and "/MissingWidth" in descriptor:
            self.default_width = float(descriptor["/MissingWidth"])
        if "/Widths" in font:
            first = int(font.get("/FirstChar", 0))
            raw: Any = font["/Widths"].get_object()
            self.widths = {first + i: float(w.get_object()) for i, w in enumerate(raw)}
        elif self.name in _STANDARD_14:
            core = _core_widths(self.name)
            if core is not None:
                self.widths = dict(enumerate(core))

    def _cid_widths(self, font: DictionaryObject, described: DictionaryObject) -> None:
        if str(font.get("/Encoding", "")) not in ("/Identity-H",):
            return  # other CMaps map codes to CIDs in ways this check does not model
        self.default_width = float(described.get("/DW", 1000))
        widths: dict[int, float] = {}
        items = [i.get_object() for i in described.get("/W", ArrayObject()).get_object()]
        i = 0
        while i + 1 < len(items):
            first = int(items[i])
            if isinstance(items[i + 1], ArrayObject):
                for j, w in enumerate(items[i + 1]):
                    widths[first + j] = float(w.get_object())
                i += 2
            else:
                last, w = int(items[i + 1]), float(items[i + 2])
                if last - first > 65535:
                    raise ValueError("implausible /W range")
                for cid in range(first, last + 1):
                    widths[cid] = w
                i += 3
        self.widths = widths

    def codes(self, raw: bytes) -> Sequence[int]:
        if not self.two_byte:
            return raw
        return [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw) - 1, 2)]

    def _finish(self) -> None:
        """Pre-scale the widths and find the blank codes: measuring a string is then one lookup a glyph."""
        if self.widths is not None:
            self.advances = {code: w * self.scale for code, w in self.widths.items()}
            self.default_advance = self.default_width * self.scale
        blank = {code for code, char in self.to_unicode.items() if not char or char.isspace()}
        if not self.two_byte:
            blank |= {code for code in (32, 160) if code not in self.to_unicode}
        self.blank = frozenset(blank)

    def decode(self, raw: bytes) -> str:
        if self.to_unicode:
            return "".join(self.to_unicode.get(c, "\ufffd") for c in self.codes(raw))
        if self.two_byte:
            return raw.decode("utf-16-be", "replace")
        return raw.decode(self.codec, "replace")


def _raw_bytes(operand: Any) -> bytes:
    if isinstance(operand, bytes):
        return bytes(operand)
    original = getattr(operand, "original_bytes", None)
    if isinstance(original, bytes):
        return original
    return str(operand).encode("latin-1", "replace")


# --- colour spaces -----------------------------------------------------------------------------------------


def _colour_family(space: Any, resources: DictionaryObject | None, depth: int = 0) -> str:
    """Reduce a colour space to "rgb", "cmyk", "gray", "spot", "pattern" or "other"."""
    space = space.get_object() if space is not None else None
    if isinstance(space, str):
        direct = _NAMED_FAMILIES.get(space)
        if direct:
            return direct
        if resources is not None and depth < 4:
            named = resources.get("/ColorSpace")
            named = named.get_object() if named is not None else None
            if isinstance(named, DictionaryObject) and space in named:
                return _colour_family(named[space], None, depth + 1)
        return "other"
    if isinstance(space, ArrayObject) and space and depth < 4:
        family = str(space[0])
        if family == "/ICCBased" and len(space) > 1:
            n = int(space[1].get_object().get("/N", 0))
            return {1: "gray", 3: "rgb", 4: "cmyk"}.get(n, "other")
        if family == "/CalRGB":
            return "rgb"
        if family == "/CalGray":
            return "gray"
        if family in ("/Indexed", "/I") and len(space) > 1:
            return _colour_family(space[1], resources, depth + 1)
        if family in ("/Separation", "/DeviceN"):
            return "spot"
        if family == "/Pattern":
            return "pattern"
    return "other"


def _fmt_colour(values: Iterable[float]) -> str:
    return " ".join(f"{v:.2f}" for v in values)


# --- boxes, margins, folds ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, values: Any) -> _Box:
        x0, y0, x1, y1 = (float(v) for v in values)
        return cls(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))


def _default_margin(trim: _Box) -> float:
    """0.125 in for trims measured in inches (Letter, Legal, Tabloid, half Letter, 6×9…), else 3 mm (ISO)."""
    for side in (trim.x1 - trim.x0, trim.y1 - trim.y0):
        eighths = side / 9.0  # 1/8 in = 9 pt
        if abs(eighths - round(eighths)) * 9.0 > 0.5:
            return _ISO_MARGIN
    return _INCH_MARGIN


def _info_value(reader: PdfReader, key: str) -> str | None:
    info = reader.metadata
    if info is None or key not in info:
        return None
    value: Any = info[key]
    value = value.get_object() if hasattr(value, "get_object") else value
    return str(value)


def _parse_folds(raw: str) -> _Folds:
    """A JSON list with one list of fold positions per page; a flat list of numbers means every page."""

    def numbers(values: Any) -> bool:
        return isinstance(values, list) and all(
            isinstance(v, int | float) and not isinstance(v, bool) for v in values
        )

    data = json.loads(raw)
    if numbers(data):
        return {None: [float(v) for v in data]}
    if not isinstance(data, list) or not all(numbers(entry) for entry in data):
        raise ValueError("expected a list of lists of numbers")
    return {index: [float(v) for v in entry] for index, entry in enumerate(data)}


# --- per-page state ----------------------------------------------------------------------------------------


class _State:
    """The graphics state that matters here, including text state (saved by q, restored by Q)."""

    __slots__ = (
        "ctm",
        "fill",
        "stroke",
        "fill_ink",
        "stroke_ink",
        "font",
        "size",
        "tc",
        "tw",
        "th",
        "tl",
        "rise",
        "mode",
    )

    def __init__(self, ctm: Matrix = _IDENTITY) -> None:
        self.ctm = ctm
        self.fill = "gray"  # colour space family, see _colour_family
        self.stroke = "gray"
        # The current CMYK colour when its total ink is over the limit, else None; checked when painting.
        self.fill_ink: tuple[float, ...] | None = None
        self.stroke_ink: tuple[float, ...] | None = None
        self.font: _Font | None = None
        self.size = 0.0
        self.tc = 0.0
        self.tw = 0.0
        self.th = 1.0
        self.tl = 0.0
        self.rise = 0.0
        self.mode = 0

    def copy(self) -> _State:
        other = _State.__new__(_State)
        for name in _State.__slots__:
            setattr(other, name, getattr(self, name))
        return other


@dataclass
class _TextRun:
    font: _Font
    raw: bytes
    x: float  # start point, page space
    y: float
    lo_x: float  # rough ink box, page space
    hi_x: float
    lo_y: float
    hi_y: float
    right_known: bool
    size: float  # effective size in points


class _Page:
    """Walks one page's content (and the forms it draws) and turns what it sees into findings."""

    def __init__(self, doc: _Document, number: int, trim: _Box, margin: float, folds: list[float]) -> None:
        self.doc = doc
        self.number = number
        self.trim = trim
        self.margin = margin
        self.folds = folds
        self.opts = doc.options
        self.images: list[tuple[str, str, int, int, float]] = []  # severity, name, w, h, ppi
        self.rgb: dict[str, int] = {}  # element → uses
        self.ink: dict[str, tuple[float, Sequence[float], int]] = {}  # element → total, cmyk, uses
        self.edge_runs: list[tuple[_TextRun, list[tuple[str, float]]]] = []
        self.fold_runs: list[tuple[_TextRun, float, float]] = []  # run, fold x (trim-relative), distance
        self.small_runs = 0
        self.smallest: _TextRun | None = None
        self.form_stack: list[int] = []

    # content walking

    def walk(self, ops: list[tuple[Any, bytes]], resources: DictionaryObject | None, state: _State) -> None:
        stack: list[_State] = []
        tm = tlm = _IDENTITY
        path: list[float] | None = None  # bounding box of the path under construction, page space
        opts = self.opts
        for operands, op in ops:
            try:
                if op == b"Tj":
                    tm = self._show(state, tm, (operands[0],))
                elif op == b"TJ":
                    tm = self._show(state, tm, operands[0])
                elif op == b"T*":
                    tm = tlm = _translate(tlm, 0.0, -state.tl)
                elif op == b"Td":
                    tm = tlm = _translate(tlm, float(operands[0]), float(operands[1]))
                elif op == b"TD":
                    state.tl = -float(operands[1])
                    tm = tlm = _translate(tlm, float(operands[0]), float(operands[1]))
                elif op == b"Tm":
                    tm = tlm = _matrix(operands)
                elif op == b"Tf":
                    state.font = self.doc.font(resources, operands[0])
                    state.size = float(operands[1])
                elif op == b"TL":
                    state.tl = float(operands[0])
                elif op == b"q":
                    stack.append(state.copy())
                elif op == b"Q":
                    if stack:
                        state = stack.pop()
                elif op == b"cm":
                    state.ctm = _mul(_matrix(operands), state.ctm)
                elif op == b"BT":
                    tm = tlm = _IDENTITY
                elif op in _PATH_OPS:
                    path = self._grow(path, state.ctm, op, operands)
                elif op in _PAINT_OPS:
                    if path is not None:
                        if state.fill_ink is not None and op in _FILL_OPS:
                            self._ink("fill", state.fill_ink, path)
                        if state.stroke_ink is not None and op in _STROKE_OPS:
                            self._ink("stroke", state.stroke_ink, path)
                    path = None
                elif op == b"rg" or op == b"RG":
                    stroking = op == b"RG"
                    self._set_colour(state, stroking, "rgb", None)
                    if opts.require_cmyk:
                        kind = "stroke" if stroking else "fill"
                        self._rgb(f"{kind} colour RGB {_fmt_colour(float(v) for v in operands[:3])}")
                elif op == b"k" or op == b"K":
                    self._set_colour(state, op == b"K", "cmyk", [float(v) for v in operands[:4]])
                elif op == b"g" or op == b"G":
                    self._set_colour(state, op == b"G", "gray", None)
                elif op == b"cs" or op == b"CS":
                    self._set_colour(state, op == b"CS", _colour_family(operands[0], resources), None)
                elif op in (b"sc", b"scn", b"SC", b"SCN"):
                    stroking = op in (b"SC", b"SCN")
                    family = state.stroke if stroking else state.fill
                    nums = [float(v) for v in operands if isinstance(v, int | float)]
                    if family == "rgb" and opts.require_cmyk:
                        self._rgb(f"{'stroke' if stroking else 'fill'} colour RGB {_fmt_colour(nums)}")
                    cmyk = nums if family == "cmyk" and len(nums) == 4 else None
                    self._set_colour(state, stroking, family, cmyk)
                elif op == b"'":
                    tm = tlm = _translate(tlm, 0.0, -state.tl)
                    tm = self._show(state, tm, (operands[0],))
                elif op == b'"':
                    state.tw, state.tc = float(operands[0]), float(operands[1])
                    tm = tlm = _translate(tlm, 0.0, -state.tl)
                    tm = self._show(state, tm, (operands[2],))
                elif op == b"Tc":
                    state.tc = float(operands[0])
                elif op == b"Tw":
                    state.tw = float(operands[0])
                elif op == b"Tz":
                    state.th = float(operands[0]) / 100.0
                elif op == b"Ts":
                    state.rise = float(operands[0])
                elif op == b"Tr":
                    state.mode = int(operands[0])
                elif op == b"Do":
                    self._do(operands[0], resources, state)
                elif op == b"sh":
                    self._shading(operands[0], resources)
                elif op == b"INLINE IMAGE":
                    self._inline_image(operands, resources, state)
            except (ValueError, TypeError, IndexError, KeyError, AttributeError, ZeroDivisionError):
                continue  # one malformed operator should not hide the rest of the page

    def _show(self, state: _State, tm: Matrix, items: Iterable[Any]) -> Matrix:
        """Measure one text-showing operator and return the text matrix after it."""
        font = state.font
        if font is None:
            return tm
        size, th, tc, tw = state.size, state.th, state.tc, state.tw
        pos = 0.0  # advance so far, text space
        ink_start: float | None = None
        ink_end = 0.0
        advances, default, blank = font.advances, font.default_advance, font.blank
        widths_known = advances is not None
        scale = size * th
        char_space = tc * th
        word_space = (tc + (0.0 if font.two_byte else tw)) * th  # Tw applies to the single byte 32 only
        raw_all = bytearray()
        for item in items:
            if isinstance(item, int | float):
                pos -= float(item) / 1000.0 * scale
                continue
            raw = _raw_bytes(item)
            raw_all += raw
            for code in font.codes(raw):
                # Without widths, half an em keeps later runs on the line roughly in place.
                glyph = (advances.get(code, default) if advances is not None else 0.5) * scale
                if code not in blank:
                    if ink_start is None:
                        ink_start = pos
                    ink_end = pos + glyph
                pos += glyph + (word_space if code == 32 else char_space)
        if ink_start is not None and state.mode != 3:  # mode 3 is invisible text (e.g. an OCR layer)
            if not font.embedded:
                self.doc.font_not_embedded(font, self.number)
            start = ink_start if widths_known else 0.0
            self._text(font, bytes(raw_all), state, tm, start, ink_end, widths_known)
        return _translate(tm, pos, 0.0)

    def _text(
        self, font: _Font, raw: bytes, state: _State, tm: Matrix, start: float, end: float, right_known: bool
    ) -> None:
        """Check one visible text run: ink, size, distance from the trim edges and from folds."""
        m = _mul(tm, state.ctm)
        size = abs(state.size) * math.hypot(m[2], m[3])
        rise = state.rise
        top = rise + font.cap_height * state.size
        x, y = _apply(m, start, rise)
        points = [(x, y), _apply(m, start, top)]
        if right_known:
            points += [_apply(m, end, rise), _apply(m, end, top)]
        xs = [p[0] for p in points]
        ys = [p[1] for p in points]
        run = _TextRun(font, raw, x, y, min(xs), max(xs), min(ys), max(ys), right_known, size)
        trim, margin = self.trim, self.margin
        if not (run.lo_x < trim.x1 and run.hi_x > trim.x0 and run.lo_y < trim.y1 and run.hi_y > trim.y0):
            return  # wholly outside the trim: slug text that is cut away
        box = (run.lo_x, run.lo_y, run.hi_x, run.hi_y)
        if state.fill_ink is not None and state.mode in (0, 2, 4, 6):
            self._ink("fill", state.fill_ink, box)
        if state.stroke_ink is not None and state.mode in (1, 2, 5, 6):
            self._ink("stroke", state.stroke_ink, box)

        opts = self.opts
        if opts.min_text_size is not None and size < opts.min_text_size - 1e-6:
            self.small_runs += 1
            if self.smallest is None or size < self.smallest.size:
                self.smallest = run

        gaps = [("left", run.lo_x - trim.x0), ("bottom", run.lo_y - trim.y0), ("top", trim.y1 - run.hi_y)]
        if right_known:
            gaps.append(("right", trim.x1 - run.hi_x))
        short = [(edge, gap) for edge, gap in gaps if gap < margin - 1e-6]
        if short:
            self.edge_runs.append((run, short))

        lo, hi = (run.lo_x, run.hi_x) if right_known else (x, x)
        for fold in self.folds:
            fx = trim.x0 + fold
            distance = 0.0 if lo <= fx <= hi else min(abs(lo - fx), abs(hi - fx))
            if distance < self.opts.fold_safe - 1e-6:
                self.fold_runs.append((run, fold, distance))

    def _rgb(self, element: str) -> None:
        self.rgb[element] = self.rgb.get(element, 0) + 1

    def _set_colour(self, state: _State, stroking: bool, family: str, cmyk: Sequence[float] | None) -> None:
        heavy = tuple(cmyk) if cmyk is not None and sum(cmyk) * 100.0 > self.opts.max_ink + 1e-6 else None
        if stroking:
            state.stroke, state.stroke_ink = family, heavy
        else:
            state.fill, state.fill_ink = family, heavy

    @staticmethod
    def _grow(box: list[float] | None, ctm: Matrix, op: bytes, operands: Any) -> list[float]:
        nums = [float(v) for v in operands]
        if op == b"re":
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

    def _ink(self, kind: str, cmyk: Sequence[float], box: Sequence[float]) -> None:
        """Record a heavy colour painted inside the trim; crop and fold marks in the slug are left alone."""
        trim = self.trim
        if not (box[0] < trim.x1 and box[2] > trim.x0 and box[1] < trim.y1 and box[3] > trim.y0):
            return
        element = f"{kind} colour {_fmt_colour(cmyk)}"
        uses = self.ink[element][2] + 1 if element in self.ink else 1
        self.ink[element] = (sum(cmyk) * 100.0, cmyk, uses)

    def _do(self, name: Any, resources: Any, state: _State) -> None:
        xobjects = resources.get("/XObject") if resources is not None else None
        xobjects = xobjects.get_object() if xobjects is not None else None
        if not isinstance(xobjects, DictionaryObject) or name not in xobjects:
            return
        xobj = xobjects[name].get_object()
        if not isinstance(xobj, StreamObject):
            return
        subtype = xobj.get("/Subtype")
        if subtype == "/Image":
            self._image(str(name), xobj, resources, state, inline=False)
        elif subtype == "/Form":
            key = id(xobj)
            if key in self.form_stack or len(self.form_stack) >= MAX_FORM_DEPTH:
                return
            inner = state.copy()
            if "/Matrix" in xobj:
                inner.ctm = _mul(_matrix(xobj["/Matrix"]), state.ctm)
            form_resources = xobj.get("/Resources")
            form_resources = form_resources.get_object() if form_resources is not None else resources
            self.form_stack.append(key)
            try:
                self.walk(self.doc.form_operations(xobj), form_resources, inner)
            finally:
                self.form_stack.pop()

    def _image(self, name: str, image: Any, resources: Any, state: _State, *, inline: bool) -> None:
        """Check an image drawn in the unit square of the current transformation (Do, or inline BI/ID/EI)."""
        get = image.get
        ctm = state.ctm
        stencil = bool(get("/ImageMask") or get("/IM"))  # a 1-bit mask painted in the fill colour
        if stencil and state.fill_ink is not None:
            self._ink("fill", state.fill_ink, self._grow(None, ctm, b"re", (0, 0, 1, 1)))
        width = int(get("/Width", get("/W", 0)))
        height = int(get("/Height", get("/H", 0)))
        label = f"inline image ({width}×{height} px)" if inline else f"image {name} ({width}×{height} px)"
        if self.opts.require_cmyk and not stencil:
            space = get("/ColorSpace", get("/CS"))
            if space is not None and _colour_family(space, resources) == "rgb":
                self._rgb(label)
        placed_w = math.hypot(ctm[0], ctm[1]) / 72.0
        placed_h = math.hypot(ctm[2], ctm[3]) / 72.0
        if width <= 0 or height <= 0 or placed_w <= 1e-9 or placed_h <= 1e-9:
            return
        ppi = min(width / placed_w, height / placed_h)
        if ppi < self.opts.min_ppi_error:
            self.images.append(("error", label, width, height, ppi))
        elif ppi < self.opts.min_ppi_warn:
            self.images.append(("warning", label, width, height, ppi))

    def _inline_image(self, operands: Any, resources: Any, state: _State) -> None:
        settings = operands.get("settings") if isinstance(operands, dict) else None
        if isinstance(settings, DictionaryObject):
            self._image("", settings, resources, state, inline=True)

    def _shading(self, name: Any, resources: Any) -> None:
        if not self.opts.require_cmyk or resources is None:
            return
        shadings = resources.get("/Shading")
        shadings = shadings.get_object() if shadings is not None else None
        if isinstance(shadings, DictionaryObject) and name in shadings:
            shading: Any = shadings[name].get_object()
            if _colour_family(shading.get("/ColorSpace"), resources) == "rgb":
                self._rgb(f"shading {name}")

    # findings

    def findings(self) -> list[Finding]:
        opts = self.opts

        def finding(code: str, element: str, message: str, severity: str = "error") -> Finding:
            return Finding(severity, code, self.doc.name, self.number, element, message)

        def used(uses: int) -> str:
            return f" (used {uses} times)" if uses > 1 else ""

        images = []
        for severity, label, _w, _h, ppi in sorted(self.images, key=lambda i: (_SEVERITY_RANK[i[0]], i[4])):
            if severity == "error":
                limits = f"needs at least {opts.min_ppi_error:.0f} ppi ({opts.min_ppi_warn:.0f} recommended)"
            else:
                limits = f"{opts.min_ppi_warn:.0f} ppi recommended (at least {opts.min_ppi_error:.0f})"
            images.append(finding("image-resolution", label, f"placed at {ppi:.0f} ppi; {limits}", severity))

        rgb = [
            finding("rgb-colour", element, f"RGB in a CMYK print file; convert to CMYK{used(uses)}")
            for element, uses in self.rgb.items()
        ]

        ink = []
        for element, (total, cmyk, uses) in sorted(self.ink.items(), key=lambda item: -item[1][0]):
            parts = " ".join(f"{ch} {value * 100:.0f}" for ch, value in zip("CMYK", cmyk, strict=True))
            message = f"total ink {total:.0f}% ({parts}); limit {opts.max_ink:.0f}%{used(uses)}"
            ink.append(finding("ink-coverage", element, message))

        safe = []
        for run, short in self.edge_runs:
            parts = " and ".join(_edge_gap(edge, gap) for edge, gap in short)
            message = f"{parts}; keep text at least {self.margin:.1f} pt inside the trim"
            safe.append(finding("safe-zone", self._label(run), message))
        for run, fold, distance in self.fold_runs:
            where = f"{distance:.1f} pt from the fold at {fold:.1f} pt"
            if distance == 0:
                where = f"crosses the fold at {fold:.1f} pt"
            message = f"{where}; keep text at least {opts.fold_safe:.1f} pt clear of folds"
            safe.append(finding("safe-zone", self._label(run), message))

        out = [
            *_capped(images, "images"),
            *_capped(rgb, "RGB colours"),
            *_capped(ink, "ink-heavy colours"),
            *_capped(safe, "text runs too close to the trim or a fold"),
        ]
        if self.smallest is not None and opts.min_text_size is not None:
            count = ""
            if self.small_runs > 1:
                count = f" ({self.small_runs} text runs under the limit on this page)"
            message = f"{self.smallest.size:.1f} pt text; needs at least {opts.min_text_size:.1f} pt{count}"
            out.append(finding("text-size", self._label(self.smallest), message))
        return out

    def _label(self, run: _TextRun) -> str:
        try:
            text = run.font.decode(run.raw)
        except Exception:
            text = run.raw.decode("latin-1")
        text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
        if len(text) > 30:
            text = text[:30].rstrip() + "…"
        return f"text '{text}' at {run.x - self.trim.x0:.1f}, {run.y - self.trim.y0:.1f} pt"


def _edge_gap(edge: str, gap: float) -> str:
    if gap >= 0:
        return f"{gap:.1f} pt from the {edge} trim edge"
    return f"{-gap:.1f} pt beyond the {edge} trim edge"


def _capped(findings: list[Finding], what: str) -> list[Finding]:
    if len(findings) <= MAX_PER_PAGE:
        return findings
    kept, rest = findings[:MAX_PER_PAGE], findings[MAX_PER_PAGE:]
    first = rest[0]
    severity = "error" if any(f.severity == "error" for f in rest) else "warning"
    message = f"and {len(rest)} more {what} on this page"
    return [*kept, Finding(severity, first.code, first.document, first.page, "", message)]


# --- document ----------------------------------------------------------------------------------------------


class _Document:
    def __init__(self, reader: PdfReader, name: str, options: PreflightOptions) -> None:
        self.reader = reader
        self.name = name
        self.options = options
        # Caches keyed by id(); each value holds on to the keyed object so the id stays unique.
        self.fonts: dict[int, tuple[Any, _Font]] = {}  # font dictionary → parsed font
        self.font_names: dict[tuple[int, str], tuple[Any, _Font | None]] = {}  # (resources, name) → font
        self.forms: dict[int, tuple[Any, list[tuple[Any, bytes]]]] = {}
        self.font_findings: list[Finding] = []
        self.reported_fonts: set[str] = set()

    def font(self, resources: Any, name: Any) -> _Font | None:
        key = (id(resources), str(name))
        cached = self.font_names.get(key)
        if cached is None:
            cached = (resources, self._lookup_font(resources, name))
            self.font_names[key] = cached
        return cached[1]

    def _lookup_font(self, resources: Any, name: Any) -> _Font | None:
        fonts = resources.get("/Font") if resources is not None else None
        fonts = fonts.get_object() if fonts is not None else None
        if not isinstance(fonts, DictionaryObject) or name not in fonts:
            return None
        return self._font_object(fonts[name].get_object())

    def _font_object(self, font: Any) -> _Font | None:
        if not isinstance(font, DictionaryObject):
            return None
        cached = self.fonts.get(id(font))
        if cached is not None:
            return cached[1]
        parsed = _Font(font)
        self.fonts[id(font)] = (font, parsed)
        return parsed

    def form_operations(self, form: Any) -> list[tuple[Any, bytes]]:
        cached = self.forms.get(id(form))
        if cached is None:
            cached = (form, ContentStream(form, self.reader).operations)
            self.forms[id(form)] = cached
        return cached[1]

    def font_not_embedded(self, font: _Font, page: int) -> None:
        """Report a font that shows text without being embedded, once per document.

        Fonts that sit in a resource dictionary without showing a glyph are left alone: ReportLab's canvas
        selects Helvetica at the top of every page whether or not anything is set in it.
        """
        if font.name in self.reported_fonts:
            return
        self.reported_fonts.add(font.name)
        why = "a standard PDF font" if font.name in _STANDARD_14 else "no FontFile in its descriptor"
        message = f"not embedded ({why}); the printer would substitute its own font"
        element = f"font {font.name}"
        self.font_findings.append(Finding("error", "font-not-embedded", self.name, page, element, message))

    def run(self) -> list[Finding]:
        findings: list[Finding] = []
        folds_by_page, safe_override = self._document_settings(findings)
        for index, page in enumerate(self.reader.pages):
            number = index + 1
            try:
                findings += self._page(page, number, folds_by_page, safe_override)
            except Exception as exc:  # keep going: the other pages can still be checked
                findings.append(_unreadable(self.name, number, f"cannot read this page ({_one_line(exc)})"))
        return findings + self.font_findings

    def _info_warning(self, key: str, message: str) -> Finding:
        return Finding("warning", "unreadable", self.name, None, f"info {key}", message)

    def _document_settings(self, findings: list[Finding]) -> tuple[_Folds, float | None]:
        folds: _Folds = {}
        raw = _info_value(self.reader, "/HandoutsFolds")
        if raw is not None:
            try:
                folds = _parse_folds(raw)
            except (ValueError, TypeError) as exc:
                message = f"fold positions ignored: {_one_line(exc)}"
                findings.append(self._info_warning("/HandoutsFolds", message))
        safe: float | None = None
        raw = _info_value(self.reader, "/HandoutsSafe")
        if raw is not None and self.options.safe_margin is None:
            try:
                safe = float(raw)
                if not math.isfinite(safe) or safe < 0:
                    raise ValueError(f"{raw!r} is not a distance")
            except ValueError as exc:
                safe = None
                message = f"safe margin ignored: {_one_line(exc)}"
                findings.append(self._info_warning("/HandoutsSafe", message))
        return folds, safe

    def _page(
        self, page: Any, number: int, folds_by_page: _Folds, safe_override: float | None
    ) -> list[Finding]:
        findings: list[Finding] = []
        media = _Box.of(page.mediabox)
        if "/TrimBox" in page:
            trim = _Box.of(page["/TrimBox"].get_object())
        else:
            trim = media
            size = f"{media.x1 - media.x0:.1f}×{media.y1 - media.y0:.1f} pt"
            message = f"no /TrimBox; checked against the MediaBox ({size})"
            findings.append(Finding("warning", "no-trimbox", self.name, number, "page", message))
        if self.options.safe_margin is not None:
            margin = self.options.safe_margin
        elif safe_override is not None:
            margin = safe_override
        else:
            margin = _default_margin(trim)
        folds = folds_by_page.get(number - 1, folds_by_page.get(None, []))

        resources = page.get("/Resources")
        resources = resources.get_object() if resources is not None else None
        walker = _Page(self, number, trim, margin, folds)
        contents = page.get_contents()
        if contents is not None:
            walker.walk(contents.operations, resources, _State())
        return findings + walker.findings()
