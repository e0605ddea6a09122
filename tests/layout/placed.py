"""What was placed on a PDF page, read by a tool we did not write: MuPDF's ``mutool draw -F stext`` gives every
character with its position, font size and colour; characters are grouped here into lines per panel (by the
panel's x range on the page and the baseline), so a test can say what each panel shows, top to bottom."""

from __future__ import annotations

import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pytest

from handouts.layout.geometry import place_panels
from handouts.load import load_project

needs_mutool = pytest.mark.skipif(shutil.which("mutool") is None, reason="mutool (Debian: mupdf-tools) not installed")


@dataclass(frozen=True)
class Char:
    c: str
    x0: float
    x1: float
    top: float  # from the top of the page
    bottom: float
    size: float
    color: str


@dataclass
class Line:
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float  # the largest character's size
    colors: frozenset[str]

    @property
    def words(self) -> list[str]:
        return self.text.split()


def chars(pdf: Path, page: int) -> list[Char]:
    """Every character on page ``page`` (1-based), as MuPDF extracts it."""
    xml = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", str(pdf), str(page)], check=True,
                         capture_output=True).stdout
    out = []
    for font in ET.fromstring(xml).iter("font"):
        size = float(font.get("size", "0"))
        for ch in font.iter("char"):
            quad = [float(v) for v in ch.get("quad", "0 0 0 0 0 0 0 0").split()]
            out.append(Char(ch.get("c", ""), min(quad[0::2]), max(quad[0::2]), min(quad[1::2]), max(quad[1::2]),
                            size, ch.get("color", "")))
    return out


def panel_lines(pdf: Path, page: int, panels: dict[str, tuple[float, float]]) -> dict[str, list[Line]]:
    """The lines of text in each panel (x range, in points from the page's left edge), top to bottom."""
    grouped: dict[tuple[str, float], list[Char]] = {}
    for ch in chars(pdf, page):
        middle = (ch.x0 + ch.x1) / 2
        name = next((n for n, (left, right) in panels.items() if left <= middle < right), None)
        if name is None:
            continue
        grouped.setdefault((name, round(ch.bottom)), []).append(ch)
    out: dict[str, list[Line]] = {name: [] for name in panels}
    for (name, _), cs in grouped.items():
        cs.sort(key=lambda c: c.x0)
        text = "".join(c.c for c in cs).replace("\u00a0", " ").strip()
        if text:
            out[name].append(Line(text, cs[0].x0, cs[-1].x1, min(c.top for c in cs), max(c.bottom for c in cs),
                                  max(c.size for c in cs), frozenset(c.color for c in cs if c.c.strip())))
    for lines in out.values():
        lines.sort(key=lambda line: line.top)
    return out


def flow_panels(root: Path, layout: str, paper: str) -> list[dict[str, tuple[float, float]]]:
    """For each page of a layout: its flow panels' x ranges (and the back panel's, for the brochure)."""
    lay = load_project(root).layouts[layout].value
    pages = []
    for placed in place_panels(lay, paper):  # type: ignore[arg-type]
        ranges = {}
        for p in placed:
            if p.panel.role in ("flow", "back"):
                n, gutter = p.panel.columns, p.panel.gutter
                width = (p.box.w - gutter * (n - 1)) / n
                for i in range(n):
                    left = p.box.x + i * (width + gutter)
                    ranges[p.panel.name if n == 1 else f"{p.panel.name}#{i + 1}"] = (left, left + width)
        pages.append(ranges)
    return pages
