"""Turn a reading sequence composed and drawn for one document into the same sequence drawn for every later
document of the process that composes it from the same inputs: a chain's brochures and sheets repeat their inside
pages location after location, so each sequence is composed and drawn once per worker and later documents take
what was drawn, with their own numbers put in.

A recording holds, for each column of the sequence, the content stream it wrote as literal text, text runs and
marked-content ids; the annotations it added; what the audit recorded; and the files it read. Drawn again, each
text run is formatted afresh with the document's own fonts (ReportLab numbers a subset's characters in the order
a document first uses them, so the codes of one document's run can differ from another's), marked-content ids
and annotation slots are counted from where the document stands, and the sequence's structure elements are copied
in with them. The bytes are the ones drawing would give: a column is recorded only when everything it wrote is
accounted for (no font selected outside a text run, no graphics-state or colour-space resource added, the canvas
left as it was found), and a recording is used only when every file it read is unchanged.

``HANDOUTS_REPLAY=0`` (or ``HANDOUTS_REUSE=0``) composes and draws every sequence afresh."""

from __future__ import annotations

import copy
import os
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from reportlab.pdfgen.canvas import Canvas

from handouts.errors import HandoutsError
from handouts.layout import reuse
from handouts.layout.audit import current_record
from handouts.layout.pieces import RUNS, Run, Take, as_pieces, chained, formatted, joined, resources, state
from handouts.layout.tagging import tagger_of
from handouts.layout.tagtree import MC, Elem, ObjRef
from handouts.load import reads

ENABLED = os.environ.get("HANDOUTS_REPLAY", "1") != "0"


def enabled() -> bool:
    """Whether sequences are drawn again (paragraph reuse off turns this off too)."""
    return ENABLED and reuse.ENABLED


# Sequences kept per worker: a chain has a few per document, language and paper; one a location changes (its
# phone number in the text) is used once and makes way.
KEEP = 64


# ------------------------------------------------------------------------------------------- recording


class _Pending(NamedTuple):
    """A marked-content id (``ref`` False) or an annotation slot of a recorded column, counted from its first."""

    take: int
    rel: int
    ref: bool


@dataclass
class Recording:
    """A sequence as composed and drawn: each column's take (by page, panel and column), its structure elements
    with their marked content and annotations still to be numbered, and the files it read."""

    takes: dict[tuple[int, str, int], int] = field(default_factory=dict)
    taken: list[Take] = field(default_factory=list)
    tree: list[Elem] = field(default_factory=list)
    noted: list[reads.Noted] = field(default_factory=list)
    stamps: list[tuple[str, Any]] = field(default_factory=list)

    def fresh(self) -> bool:
        """Every file the sequence read is as it was (and every file it found missing still is)."""
        for path, known in self.stamps:
            try:
                now: Any = reads.stamp(path)
            except OSError:
                now = reads.ABSENT
            if now != known:
                return False
        return True


class _Recorder:
    """Records a sequence's columns as they are drawn; the recording is kept once its last column is drawn."""

    def __init__(self, store: Replays, key: Hashable, group: Elem, columns: int, noted: list[reads.Noted]):
        self.store, self.key, self.group, self.left = store, key, group, columns
        self.recording = Recording(noted=list(noted))
        self.ranges: list[tuple[int, int, int, int, int]] = []  # page, first id, ids, first slot, slots
        self.ok = True

    def draw(self, canv: Canvas, column: Any, draw: Callable[[], None]) -> None:
        if not self.ok:
            with _column(canv):
                draw()
            return
        tagger = tagger_of(canv)
        page = canv.getPageNumber() - 1
        record = current_record()
        with _column(canv):
            code = canv._code
            start, last = len(code), (code[-1] if code else None)
            base = tagger._next.get(page, 0) if tagger is not None else 0
            slots, named = len(canv._annotationrefs), len(canv._doc.idToObject)
            orphans = len(tagger.orphans) if tagger is not None else 0
            found_state, found_resources = state(canv), resources(canv)
            marks = (len(record.drawn), len(record.fits), set(record.columns)) if record is not None else None
            runs: list[tuple[Run, int, int]] = []
            token = RUNS.set(runs)
            try:
                with reads.tapping() as noted:
                    draw()
            finally:
                RUNS.reset(token)
        count = (tagger._next.get(page, 0) - base) if tagger is not None else 0
        added = len(canv._annotationrefs) - slots
        take = None
        if (len(code) >= start and (code[start - 1] if start else None) is last and state(canv) == found_state
                and resources(canv) == found_resources and len(canv._doc.idToObject) - named == added
                and (tagger is None or (len(tagger.orphans) == orphans and tagger.active is None))
                and chained(runs)):
            kept = [run for run, _, _ in runs]
            entries = as_pieces(code[start:], kept, base, count)
            if entries is not None and joined(entries, [run.out for run in kept], base) == code[start:]:
                doc = canv._doc
                annotations = [copy.deepcopy(doc.idToObject[ref.name]) for ref in canv._annotationrefs[slots:]]
                drawn = record.drawn[marks[0]:] if record is not None and marks else []
                fits = record.fits[marks[1]:] if record is not None and marks else []
                columns = ({k: v for k, v in record.columns.items() if k not in marks[2]}
                           if record is not None and marks else {})
                take = Take(entries, kept, count, annotations, list(drawn), list(fits), columns, found_state)
        if take is None:
            self.ok = False
            return
        self.recording.noted += noted
        self.recording.takes[(page, column.panel, column.index)] = len(self.recording.taken)
        self.recording.taken.append(take)
        self.ranges.append((page, base, count, slots, added))
        self.left -= 1
        if self.left == 0:
            self._finish(tagger)

    def _finish(self, tagger: Any) -> None:
        if tagger is not None and tagger._hyphens:
            return  # a hyphenated word waits for a part of its paragraph drawn elsewhere
        memo: dict[int, Elem] = {}
        pending = self._pending
        try:
            self.recording.tree = [_clone(kid, memo, pending) for kid in self.group.children]
        except LookupError:
            return
        stamps = []
        for path, value, _ in self.recording.noted:
            if isinstance(path, reads.Dep):
                continue
            try:
                stamps.append((str(path), reads.stamp(path) if value != reads.ABSENT else reads.ABSENT))
            except OSError:
                return
        self.recording.stamps = stamps
        self.store.table.put(self.key, self.recording)

    def _pending(self, kid: Any) -> Any:
        """A recorded marked-content id or annotation slot as the column it belongs to and its place there."""
        for n, (page, base, count, slots, added) in enumerate(self.ranges):
            if isinstance(kid, MC) and kid.page == page and base <= kid.mcid < base + count:
                return _Pending(n, kid.mcid - base, False)
            if isinstance(kid, ObjRef) and kid.page == page and slots <= kid.slot < slots + added:
                return _Pending(n, kid.slot - slots, True)
        raise LookupError(kid)


def _clone(elem: Elem, memo: dict[int, Elem], leaf: Callable[[Any], Any]) -> Elem:
    """A copy of ``elem`` and everything under it, each marked-content id and annotation passed through
    ``leaf``; an element met twice is copied once."""
    known = memo.get(id(elem))
    if known is not None:
        return known
    new = memo[id(elem)] = Elem(elem.tag, elem.alt, [], elem.link_alt, elem.lang, elem.actual, elem.href,
                                dict(elem.attrs), elem.text, elem.anchor)
    new.children = [_clone(kid, memo, leaf) if isinstance(kid, Elem) else leaf(kid) for kid in elem.children]
    return new


def _same(kid: Any) -> Any:
    return kid


@contextmanager
def _column(canv: Canvas) -> Iterator[None]:
    """A column is drawn in a mode of its own, so what it writes begins and ends with it."""
    tagger = tagger_of(canv)
    with nullcontext() if tagger is None else tagger.mode(canv, tagger.current()):
        yield


# ------------------------------------------------------------------------------------------ drawing again


class _Player:
    """Draws a recorded sequence's columns into a document: its elements copied under the sequence's group."""

    def __init__(self, recording: Recording, group: Elem):
        self.recording = recording
        self.fixes: list[list[tuple[list[Any], int, _Pending]]] = [[] for _ in recording.taken]
        memo: dict[int, Elem] = {}
        copies = [_clone(elem, memo, _same) for elem in recording.tree]
        group.children += copies
        for elem in memo.values():  # each marked-content id and slot is numbered when its column is drawn
            for index, kid in enumerate(elem.children):
                if isinstance(kid, _Pending):
                    self.fixes[kid.take].append((elem.children, index, kid))

    def draw(self, canv: Canvas, column: Any, draw: Callable[[], None]) -> None:
        rec = self.recording
        n = rec.takes[(canv.getPageNumber() - 1, column.panel, column.index)]
        take = rec.taken[n]
        if state(canv) != take.state:
            raise HandoutsError(f"panel '{column.panel}': the page was left in another state than when this "
                                "sequence was first drawn; please report this (HANDOUTS_REPLAY=0 draws it afresh)")
        tagger = tagger_of(canv)
        page = canv.getPageNumber() - 1
        with _column(canv):
            base = 0
            if tagger is not None:
                base = tagger._next.get(page, 0)
                tagger._next[page] = base + take.mcids
            slots = len(canv._annotationrefs)
            canv._code += joined(take.entries, formatted(canv, take.runs), base)
            for annotation in take.annotations:
                Canvas._addAnnotation(canv, copy.deepcopy(annotation))
            if tagger is not None:  # the recorded content holds the column mode's marks already
                tagger.modes[-1].literal = tagger.modes[-1].pending = None
        for kids, index, pending in self.fixes[n]:
            kids[index] = ObjRef(page, slots + pending.rel) if pending.ref else MC(page, base + pending.rel)
        record = current_record()
        if record is not None:
            record.drawn += take.drawn
            record.fits += take.fits
            for key, value in take.columns.items():
                record.columns.setdefault(key, value)


def column_drawn(canv: Canvas, column: Any, drawer: _Recorder | _Player | None, draw: Callable[[], None]) -> None:
    """Draw a column (``draw`` draws what was composed for it) in a mode of its own, recorded or drawn again."""
    if drawer is None:
        with _column(canv):
            draw()
    else:
        drawer.draw(canv, column, draw)


def sequence_key(document: Hashable, index: int, sequence: str, columns: list[Any], blocks: list[Any],
                 opening: str, rules: Any) -> Hashable:
    """What a sequence's drawing depends on beyond the document's ``document`` key: its place, its columns, its
    blocks (the location's words filled in), the main message a sheet opens with, and those of the document's
    protected names that occur in its text (the only ones that can change how it is set)."""
    words = [opening]
    for block in blocks:
        words.append(block.heading)
        for item in block.items:
            words += [item.text, item.title, item.alt, *item.entries]
    within = rules.within("\n".join(words)) if rules is not None else ()
    return (document, index, sequence, tuple((c.panel, c.page, c.index, c.box) for c in columns), tuple(blocks),
            opening, within)


def drawer_for(store: Replays | None, key: Hashable | None, group: Elem, columns: list[Any],
               compose: Callable[[], list[tuple[Any, list[Any]]]]) -> list[tuple[Any, list[Any], Any]]:
    """Each column of a sequence with what it holds and what draws it: the recording of an earlier document
    when there is one, else the sequence composed now (by ``compose``) and recorded as it is drawn."""
    if store is None or key is None:
        return [(column, items, None) for column, items in compose()]
    found = store.find(key)
    if found is not None:
        for path, value, part in found.noted:  # what composing and drawing it read, this document reads too
            if isinstance(path, reads.Dep):
                reads.note_dep(path, value)
            else:
                reads.note(path, value, part)
        player = _Player(found, group)
        return [(c, [], player) for c in columns if (c.page, c.panel, c.index) in found.takes]
    with reads.tapping() as noted:
        composed = compose()
    recorder = _Recorder(store, key, group, len(composed), noted)
    return [(column, items, recorder) for column, items in composed]


class Replays:
    """The sequences one renderer has recorded, least recently used dropped first."""

    def __init__(self) -> None:
        self.table = reuse.Table(KEEP)

    def find(self, key: Hashable) -> Recording | None:
        found = self.table.get(key)
        return found if found is not None and found.fresh() else None
