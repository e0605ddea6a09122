"""Turn what one flowable of a column writes into a PDF page into pieces that can be written again into another
document: literal content, text runs (written with that document's own font subsets) and marked-content ids
(counted from the flowable's first), with the checks that everything it wrote is accounted for; and the
structure elements it filled, as a template to copy."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from contextlib import nullcontext
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, NamedTuple

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject

from handouts.layout import fontstate
from handouts.layout.audit import current_record
from handouts.layout.tagging import tagger_of
from handouts.layout.tagtree import Elem


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


class _Capture:
    """The text runs of a drawing being taken, with each font's state before its first run and the characters
    each font drew."""

    def __init__(self) -> None:
        self.runs: list[tuple[Run, int, int]] = []
        self.first: dict[str, fontstate.Before] = {}
        self.texts: dict[str, set[int]] = {}


_FORMAT = PDFTextObject._formatText
RUNS: ContextVar[_Capture | None] = ContextVar("formatted_runs", default=None)


def _format_text(self: PDFTextObject, text: str) -> str:
    capture = RUNS.get()
    if capture is None:
        return _FORMAT(self, text)
    font = self._fontname
    if font not in capture.first:
        capture.first[font] = fontstate.before(font, self._canvas._doc)
        capture.texts[font] = set()
    capture.texts[font].update(map(ord, text))
    before = self._curSubset
    out = _FORMAT(self, text)
    capture.runs.append((Run(id(self), font, self._fontsize, self._leading, before != -1, text, out),
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
    """One flowable as drawn: its content as pieces, its text runs, the marked-content ids and annotations it
    used (and, in the document it was recorded in, the first of each), and what the audit recorded."""

    page: int
    entries: list[list[Piece]]
    runs: list[Run]
    mcids: int
    annotations: list[Any]
    drawn: list[Any]
    fits: list[Any]
    base: int
    slots: int
    code: list[str]  # as written, with the recorded ids
    uses: tuple[fontstate.Uses, ...] | None  # what it did to the fonts' subsets (None: format its runs again)


def mode(canv: Canvas) -> Any:
    """A marked-content mode of its own for one flowable of a column, so what it writes begins and ends with it."""
    tagger = tagger_of(canv)
    return nullcontext() if tagger is None else tagger.mode(canv, tagger.current())


def capture(canv: Canvas, add: Callable[[], bool]) -> tuple[bool, Take | None]:
    """Draw one flowable (``add`` draws it) and take what it wrote; None when something it did is not accounted
    for (a resource made, the canvas state changed, a font selected outside a text run …)."""
    tagger = tagger_of(canv)
    page = canv.getPageNumber() - 1
    record = current_record()
    with mode(canv):
        code = canv._code
        start, last = len(code), (code[-1] if code else None)
        base = tagger._next.get(page, 0) if tagger is not None else 0
        slots, named = len(canv._annotationrefs), len(canv._doc.idToObject)
        orphans = len(tagger.orphans) if tagger is not None else 0
        found_state, found_resources = state(canv), resources(canv)
        marks = (len(record.drawn), len(record.fits)) if record is not None else (0, 0)
        taking = _Capture()
        token = RUNS.set(taking)
        try:
            placed = add()
        finally:
            RUNS.reset(token)
        runs = taking.runs
    count = (tagger._next.get(page, 0) - base) if tagger is not None else 0
    added = len(canv._annotationrefs) - slots
    if not (len(code) >= start and (code[start - 1] if start else None) is last and state(canv) == found_state
            and resources(canv) == found_resources and len(canv._doc.idToObject) - named == added
            and (tagger is None or (len(tagger.orphans) == orphans and tagger.active is None))
            and chained(runs)):
        return placed, None
    kept = [run for run, _, _ in runs]
    entries = as_pieces(code[start:], kept, base, count)
    if entries is None or joined(entries, [run.out for run in kept], base) != code[start:]:
        return placed, None
    annotations = [copy.deepcopy(canv._doc.idToObject[ref.name]) for ref in canv._annotationrefs[slots:]]
    drawn = record.drawn[marks[0]:] if record is not None else []
    fits = record.fits[marks[1]:] if record is not None else []
    uses = fontstate.uses(taking.first, taking.texts, canv._doc)
    return placed, Take(page, entries, kept, count, annotations, list(drawn), list(fits), base, slots,
                        code[start:], uses)


def replayed(canv: Canvas, take: Take) -> tuple[int, int]:
    """Write a take into ``canv``'s page as drawing it would: its text runs formatted for this document, its ids
    and slots counted from where the page stands. Gives the page's first id and slot it used."""
    tagger = tagger_of(canv)
    with mode(canv):
        base = 0
        if tagger is not None:
            base = tagger._next.get(take.page, 0)
            tagger._next[take.page] = base + take.mcids
        slots = len(canv._annotationrefs)
        doc = canv._doc
        if take.uses is not None and fontstate.same(take.uses, doc):  # the recorded text is this document's
            fontstate.replay(take.uses, doc)
            canv._code += take.code if base == take.base else joined(take.entries, [r.out for r in take.runs], base)
        else:
            canv._code += joined(take.entries, formatted(canv, take.runs), base)
        for annotation in take.annotations:
            Canvas._addAnnotation(canv, copy.deepcopy(annotation))
        if tagger is not None:  # the recorded content holds the mode's own marks already
            tagger.modes[-1].literal = tagger.modes[-1].pending = None
    record = current_record()
    if record is not None:
        record.drawn += take.drawn
        record.fits += take.fits
    return base, slots


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


class Pending(NamedTuple):
    """A marked-content id (``ref`` False) or an annotation slot of a recorded flowable, counted from its first."""

    take: int
    rel: int
    ref: bool


class Tree:
    """Structure elements as recorded, ready to be copied into each document that draws them again: each
    element's fields, its children (elements by number, marked content and annotations as ``Pending``), in
    preorder; an element met twice is one element."""

    def __init__(self, roots: list[Elem], leaf: Callable[[Any], Any]):
        order: list[Elem] = []
        number: dict[int, int] = {}
        kids: list[list[Any]] = []

        def visit(elem: Elem) -> int:
            known = number.get(id(elem))
            if known is not None:
                return known
            n = number[id(elem)] = len(order)
            order.append(elem)
            kids.append([])
            kids[n] = [visit(kid) if isinstance(kid, Elem) else leaf(kid) for kid in elem.children]
            return n

        self.roots = [visit(root) for root in roots]
        self.number = number  # id of a recorded element → its number (for the caller's own bookkeeping)
        self.fields = [(e.tag, e.alt, e.link_alt, e.lang, e.actual, e.href, e.attrs, e.text, e.anchor) for e in order]
        self.kids = kids
        self.pending = [(n, i, kid) for n, children in enumerate(kids) for i, kid in enumerate(children)
                        if type(kid) is Pending]

    def copy(self, swap: dict[int, Elem]) -> tuple[list[Elem], list[tuple[list[Any], int, Pending]]]:
        """New elements for a document (``swap``: an element by number to use as it is instead), and where each
        pending child sits in them."""
        made = [swap.get(n) or Elem(tag, alt, [], link_alt, lang, actual, href, dict(attrs) if attrs else {},
                                    text, anchor)
                for n, (tag, alt, link_alt, lang, actual, href, attrs, text, anchor) in enumerate(self.fields)]
        for n, children in enumerate(self.kids):
            if n not in swap:
                made[n].children = [made[kid] if type(kid) is int else kid for kid in children]
        return [made[n] for n in self.roots], [(made[n].children, i, kid) for n, i, kid in self.pending
                                               if n not in swap]
