"""Turn booking URLs into QR codes drawn on a ReportLab canvas as one vector path."""

from __future__ import annotations

from functools import lru_cache

from handouts.layout import qrmask


# A code is drawn once or twice within one document and never again in a batch (every location has its own
# booking address): keep a handful, not one per location.
@lru_cache(maxsize=16)
def qr_runs(data: str) -> tuple[int, tuple[tuple[int, int, int], ...]]:
    """The QR code for ``data`` as (modules across incl. quiet zone, dark runs (row, start, length)). segno is
    loaded with the first code, and chooses each code's mask with the faster, identical scorer
    (tests/layout/test_qr.py compares them)."""
    import segno

    qrmask.install()
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
