"""Turn booking URLs into QR codes drawn on a ReportLab canvas as one vector path."""

from __future__ import annotations

import re
from functools import lru_cache

from handouts.layout import qrmask


def qr_runs(data: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code for ``data`` as (modules across incl. quiet zone, dark runs (row, start, length)). segno is
    loaded with the first code, and chooses each code's mask with the faster, identical scorer
    (tests/layout/test_qr.py compares them)."""
    import segno

    qrmask.install()
    qr = segno.make(data, error="m", micro=False)
    matrix = qr.matrix
    quiet = 4
    runs = tuple((r + quiet, dark.start() + quiet, dark.end() - dark.start())
                 for r, row in enumerate(matrix) for dark in _DARK.finditer(row))
    return len(matrix) + 2 * quiet, runs


_DARK = re.compile(rb"[^\x00]+")  # a run of dark modules in a row of the matrix


# A code is drawn once or twice within one document and never again in a batch (every location has its own
# booking address): keep a handful, not one per location.
@lru_cache(maxsize=16)
def qr_path(data: str) -> tuple[int, str]:
    """The QR code for ``data`` as (modules across incl. quiet zone, the PDF operators that fill its dark runs in
    module units: one row down is one unit down, each run ``column row length 1 re``)."""
    modules, runs = qr_runs(data)
    return modules, "\n".join(f"{col} {row} {length} 1 re" for row, col, length in runs) + "\nf"


def draw_qr(canv, data: str, x: float, y: float, size: float, color) -> None:
    """Draw a QR code (with its quiet zone) as one filled path, ``size`` square at (x, y): the path is written
    in whole modules, scaled and placed by one transformation, so its numbers are small integers (the same
    shape as runs placed one by one in points, in a quarter of the time)."""
    modules, path = qr_path(data)
    unit = size / modules
    canv.saveState()
    canv.setFillColor(color)
    canv.transform(unit, 0, 0, -unit, x, y + size)
    canv.addLiteral(path)
    canv.restoreState()
