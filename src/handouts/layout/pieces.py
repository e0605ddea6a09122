"""Turn what a column writes into a PDF page into pieces that can be written again into another document: literal
content, text runs (formatted afresh with the document's own font subsets) and marked-content ids (counted from
the column's first), with the checks that everything the column wrote is accounted for."""

from __future__ import annotations

import re
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject


class Run(NamedTuple):
    """One call of ReportLab's text formatting: the text object's font, size and leading, whether it carries on
    the subset of the object's previous run (else a font was set since), the text and what it gave."""

    text_object: int
    font: str
    size: float
    leading: float
    continues: bool
    text: str
    out: str


class Mcid(NamedTuple):
    """A marked-content id written in a column, counted from the column's first."""

    rel: int


Piece = str | int | Mcid  # literal text, the index of a text run, a marked-content id


_FORMAT = PDFTextObject._formatText
RUNS: ContextVar[list[tuple[Run, int, int]] | None] = ContextVar("formatted_runs", default=None)


def _format_text(self: PDFTextObject, text: str) -> str:
    runs = RUNS.get()
    if runs is None:
        return _FORMAT(self, text)
    before = self._curSubset
    out = _FORMAT(self, text)
    runs.append((Run(id(self), self._fontname, self._fontsize, self._leading, before != -1, text, out),
                 before, self._curSubset))
    return out


PDFTextObject._formatText = _format_text  # every text run passes here


class _Text:
    """What ReportLab's text formatting reads and writes of a text object."""

    def __init__(self, canv: Canvas):
        self._canvas, self._curSubset, self._rise, self._x, self._y = canv, -1, 0, 0, 0
        self._code: list[str] = []
        self._fontname, self._fontsize, self._leading = "", 0.0, 0.0


def formatted(canv: Canvas, runs: list[Run]) -> list[str]:
    """Each run formatted for ``canv``'s document, in the order they were first formatted."""
    text = _Text(canv)
    subset: dict[int, int] = {}
    out = []
    for run in runs:
        text._fontname, text._fontsize, text._leading = run.font, run.size, run.leading
        text._curSubset = subset.get(run.text_object, -1) if run.continues else -1
        out.append(_FORMAT(text, run.text))
        subset[run.text_object] = text._curSubset
    return out


_MCID = re.compile(r"<</MCID (\d+)>>")
_FONT = re.compile(r"/F\d+(?:\+\d+)? [-\d.]+ Tf")


def state(canv: Canvas) -> tuple[Any, ...]:
    """The canvas state drawing can depend on."""
    values = tuple(repr(getattr(canv, name)) for name in Canvas.STATE_ATTRIBUTES if name != "_extgstate")
    gs = canv._extgstate
    return values + (tuple(sorted(gs._d.items())), len(gs._c))


def resources(canv: Canvas) -> tuple[int, ...]:
    """How many page resources besides fonts the canvas has made (colour spaces, shadings, forms, states)."""
    return (len(canv._colorsUsed), len(canv._shadingUsed), len(canv._formsinuse), len(canv._extgstate._c),
            len(getattr(canv, "_formData", ()) or ()))


@dataclass
class Take:
    """One column as drawn: its content as pieces, its text runs, how many marked-content ids and annotations it
    used, and what the audit recorded."""

    entries: list[list[Piece]]
    runs: list[Run]
    mcids: int
    annotations: list[Any]
    drawn: list[Any]
    fits: list[Any]
    columns: dict[Any, Any]
    state: tuple[Any, ...]


def _literal(pieces: list[Piece], text: str, base: int, count: int) -> bool:
    """Add literal content, its marked-content ids as pieces; False where it selects a font (the font's name
    depends on the document) or has an id the column did not make."""
    if _FONT.search(text):
        return False
    at = 0
    for match in _MCID.finditer(text):
        n = int(match.group(1))
        if not base <= n < base + count:
            return False
        pieces += [text[at:match.start(1)], Mcid(n - base)]
        at = match.end(1)
    pieces.append(text[at:])
    return True


def as_pieces(entries: list[str], runs: list[Run], base: int, count: int) -> list[list[Piece]] | None:
    """The column's content stream entries as pieces (None: it cannot be drawn again this way)."""
    out: list[list[Piece]] = []
    k = 0
    for entry in entries:
        pieces: list[Piece] = []
        at = 0
        while k < len(runs):
            found = entry.find(runs[k].out, at)
            if found < 0:
                break
            if not _literal(pieces, entry[at:found], base, count):
                return None
            pieces.append(k)
            at = found + len(runs[k].out)
            k += 1
        if not _literal(pieces, entry[at:], base, count):
            return None
        out.append(pieces)
    return out if k == len(runs) else None


def joined(entries: list[list[Piece]], texts: list[str], base: int) -> list[str]:
    return ["".join(p if isinstance(p, str) else texts[p] if isinstance(p, int) else str(base + p.rel)
                    for p in pieces) for pieces in entries]


def chained(runs: list[tuple[Run, int, int]]) -> bool:
    """Every run that carries on a subset carries on its text object's previous run."""
    last: dict[int, int] = {}
    for run, before, after in runs:
        if before != -1 and last.get(run.text_object) != before:
            return False
        last[run.text_object] = after
    return True
