"""Turn a PDF's page boxes and its /HandoutsFolds and /HandoutsSafe info keys into the geometry the checks use."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from handouts.preflight.libraries import lazy

if TYPE_CHECKING:
    import pikepdf
else:  # loaded on first use: most commands never preflight (preflight/libraries.py)
    pikepdf = lazy("pikepdf")


ISO_MARGIN = 8.504  # 3 mm
INCH_MARGIN = 9.0  # 0.125 in

# Fold x positions (points from the trim's left edge) by 0-based page index, or under None for every page.
Folds = dict[int | None, list[float]]


@dataclass(frozen=True)
class Box:
    x0: float
    y0: float
    x1: float
    y1: float

    @classmethod
    def of(cls, values: Any) -> Box:
        x0, y0, x1, y1 = (float(v) for v in values)
        return cls(min(x0, x1), min(y0, y1), max(x0, x1), max(y0, y1))

    def meets(self, x0: float, y0: float, x1: float, y1: float) -> bool:
        """Whether the rectangle overlaps this box by more than an edge."""
        return x0 < self.x1 and x1 > self.x0 and y0 < self.y1 and y1 > self.y0

    def size(self) -> str:
        return f"{self.x1 - self.x0:.1f}×{self.y1 - self.y0:.1f} pt"


@dataclass(frozen=True)
class PageBoxes:
    media: Box
    trim: Box  # the MediaBox when the page has no TrimBox
    bleed: Box  # BleedBox, else TrimBox, else MediaBox: where annotations are forbidden
    has_trim: bool


def page_boxes(page: pikepdf.Page) -> PageBoxes:
    media = Box.of(page.mediabox)
    raw_trim = page.obj.get("/TrimBox")
    raw_bleed = page.obj.get("/BleedBox")
    trim = Box.of(raw_trim) if raw_trim is not None else media
    bleed = Box.of(raw_bleed) if raw_bleed is not None else trim
    return PageBoxes(media, trim, bleed, raw_trim is not None)


def default_margin(trim: Box) -> float:
    """0.125 in for trims measured in inches (Letter, Legal, Tabloid, half Letter, 6×9…), else 3 mm (ISO)."""
    for side in (trim.x1 - trim.x0, trim.y1 - trim.y0):
        eighths = side / 9.0  # 1/8 in = 9 pt
        if abs(eighths - round(eighths)) * 9.0 > 0.5:
            return ISO_MARGIN
    return INCH_MARGIN


def info_value(pdf: pikepdf.Pdf, key: str) -> str | None:
    """A document-info entry as text, or None when the document has no such entry."""
    info = pdf.trailer.get("/Info")
    if not isinstance(info, pikepdf.Dictionary) or key not in info:
        return None
    return str(info[key])


def parse_folds(raw: str) -> Folds:
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


def parse_margin(raw: str) -> float:
    value = float(raw)
    if not math.isfinite(value) or value < 0:
        raise ValueError(f"{raw!r} is not a distance")
    return value
