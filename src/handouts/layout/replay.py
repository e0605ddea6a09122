"""Turn a reading sequence composed and drawn for one document into the same sequence drawn for every later document of
the process that composes it from the same inputs: a chain's brochures and sheets repeat their inside pages location
after location, so each sequence is composed and drawn once per worker and later documents take what was drawn, with
their own numbers put in. A paragraph or sub-heading with the location's own words in it (its phone number) is drawn
afresh in its place, when it is set in as many lines as the recorded one.

A recording holds, for each flowable of each column of the sequence, the content stream it wrote as literal text,
text runs and marked-content ids; the annotations it added; what the audit recorded; and the files it read. Drawn
again, each text run is formatted afresh with the document's own fonts (ReportLab numbers a subset's characters in
the order a document first uses them, so the codes of one document's run can differ from another's), marked-content
ids and annotation slots are counted from where the document stands, and the sequence's structure elements are
copied in with them. The bytes are the ones drawing would give: a column is recorded only when everything it wrote
is accounted for (no font selected outside a text run, no graphics-state or colour-space resource added, the canvas
left as it was found), and a recording is used only when every file it read is unchanged.

``HANDOUTS_REPLAY=0`` (or ``HANDOUTS_REUSE=0``) composes and draws every sequence afresh."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from handouts.errors import HandoutsError
from handouts.layout import reuse
from handouts.layout.audit import current_record, drawn
from handouts.layout.paragraphs import Para
from handouts.layout.pieces import Pending, Take, Tree, capture, mode, replayed, state
from handouts.layout.tagging import tagger_of
from handouts.layout.tagtree import MC, Elem, ObjRef
from handouts.load import reads

ENABLED = os.environ.get("HANDOUTS_REPLAY", "1") != "0"


def enabled() -> bool:
    """Whether sequences are drawn again (paragraph reuse off turns this off too)."""
    return ENABLED and reuse.ENABLED


# Sequences kept per worker: a chain has a few per document, language and paper, each recorded up to VARIANTS
# times (a location whose words change how its text is set is recorded on its own).
KEEP = 64
VARIANTS = 4
HOLE_KINDS = ("p", "subheading")  # items drawn as one paragraph: drawn afresh where a location's words differ

Each = Callable[[Canvas, Any, Callable[[], Any]], Any]


def each_drawn(canv: Canvas, flowable: Any, add: Callable[[], Any]) -> Any:
    """Draw one flowable of a column (``add`` draws it) in a marked-content mode of its own."""
    with mode(canv):
        return add()


@dataclass
class Hole:
    """An item drawn as one whole paragraph: its take, the width it was set to, its height and lines, where it
    was drawn (x, y and the frame's spare width) and its structure element."""

    take: int
    width: float
    height: float
    lines: int
    at: tuple[float, float, float]
    elem: Any = None


@dataclass
class Column:
    """A column as drawn: its flowables' takes, what the audit recorded of the column, the canvas state."""

    takes: list[int]
    columns: dict[Any, Any]
    state: tuple[Any, ...]


@dataclass
class Sequence:
    """A sequence of one document: what identifies its recordings, and what decides whether one fits."""

    key: Hashable
    blocks: tuple[Any, ...]
    opening: str
    rules: Any


@dataclass
class Recording:
    """A sequence as composed and drawn: each column's takes, the items that can be drawn afresh in their
    place, its structure elements with marked content and annotations still to be numbered, the files read."""

    sequence: Sequence
    columns: dict[tuple[int, str, int], Column] = field(default_factory=dict)
    takes: list[Take] = field(default_factory=list)
    holes: dict[tuple[int, int], Hole] = field(default_factory=dict)
    tree: Tree | None = None
    noted: list[reads.Noted] = field(default_factory=list)
    stamps: list[tuple[str, Any]] = field(default_factory=list)
    # items left out → the protected names in the rest of its own sequence (the same for every document it fits)
    names: dict[tuple[tuple[int, int], ...], frozenset[str]] = field(default_factory=dict, repr=False)

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

    def fits(self, sequence: Sequence, make: Callable[[int, int], list[Any]]) -> dict[int, Any] | None:
        """The paragraphs to draw afresh (by take) for ``sequence`` (None: the recording does not fit it): items
        that differ must be recorded holes set in as many lines and as high, and the document's protected names
        must set the rest as the recorded document's did."""
        differ = [(b, i) for b, (new, old) in enumerate(zip(sequence.blocks, self.sequence.blocks, strict=True))
                  for i, (a, c) in enumerate(zip(new.items, old.items, strict=True)) if a != c]
        if any(place not in self.holes for place in differ):
            return None
        left_out = tuple(differ)
        names = self.names.get(left_out)
        if names is None:
            names = self.names[left_out] = _within(self.sequence, differ)
        if _within(sequence, differ) != names:
            return None
        live: dict[int, Any] = {}
        for place in differ:
            hole = self.holes[place]
            made = make(*place)
            if len(made) != 1 or not isinstance(made[0], Para):
                return None
            _, height = made[0].wrap(hole.width, 1e6)
            if height != hole.height or len(made[0].blPara.lines) != hole.lines:
                return None
            live[hole.take] = made[0]
        return live


def _within(sequence: Sequence, leave_out: list[tuple[int, int]]) -> frozenset[str]:
    """The document's protected names that occur in the sequence's words (but those of ``leave_out``)."""
    if sequence.rules is None:
        return frozenset()
    words = [sequence.opening]
    for b, block in enumerate(sequence.blocks):
        words.append(block.heading)
        for i, item in enumerate(block.items):
            if (b, i) not in leave_out:
                words += [item.text, item.title, item.alt, *item.entries]
    return frozenset(sequence.rules.within("\n".join(words)))


class _Recorder:
    """Records a sequence's flowables as they are drawn; the recording is kept once its last column is drawn."""

    def __init__(self, store: Replays, sequence: Sequence, group: Elem, columns: int, noted: list[reads.Noted]):
        self.store, self.group, self.left = store, group, columns
        self.recording = Recording(sequence, noted=list(noted))
        self.origins: dict[tuple[str, int], int] = {}
        ids = [b.id for b in sequence.blocks]
        self.blocks = {block_id: n for n, block_id in enumerate(ids) if ids.count(block_id) == 1}
        self.elems: dict[int, Any] = {}  # take → the structure element of a paragraph that may be a hole
        self.ok = True

    def draw(self, canv: Canvas, column: Any, draw: Callable[..., None]) -> None:
        if not self.ok:
            draw()
            return
        record = current_record()
        before = set(record.columns) if record is not None else set()
        found = state(canv)
        takes: list[int] = []
        with reads.tapping() as noted:
            draw(each=lambda c, f, add: self._each(c, f, add, takes))
        if not self.ok or state(canv) != found:
            self.ok = False
            return
        self.recording.noted += noted
        columns = {k: v for k, v in record.columns.items() if k not in before} if record is not None else {}
        self.recording.columns[(canv.getPageNumber() - 1, column.panel, column.index)] = Column(takes, columns,
                                                                                                 found)
        self.left -= 1
        if self.left == 0:
            self._finish(tagger_of(canv))

    def _each(self, canv: Canvas, flowable: Any, add: Callable[[], bool], takes: list[int]) -> bool:
        if not self.ok:
            return each_drawn(canv, flowable, add)
        at: list[tuple[float, float, float]] = []
        draw_on = flowable.drawOn

        def drawing(c: Canvas, x: float, y: float, _sW: float = 0) -> None:  # noqa: N803
            at.append((x, y, _sW))
            draw_on(c, x, y, _sW)

        flowable.drawOn = drawing
        try:
            placed, take = capture(canv, add)
        finally:
            del flowable.drawOn
        if take is None:
            self.ok = False
            return placed
        n = len(self.recording.takes)
        origin = getattr(flowable, "origin", None)
        if (isinstance(flowable, Para) and origin is not None and origin.kind in HOLE_KINDS and len(at) == 1
                and len(take.drawn) == 1 and not flowable.continues and "_frozen" not in flowable.__dict__):
            place = (origin.block, origin.index)
            self.origins[place] = self.origins.get(place, 0) + 1
            if origin.block in self.blocks:
                hole = Hole(n, take.drawn[0].width, flowable.height, len(flowable.blPara.lines), at[0])
                self.recording.holes[(self.blocks[origin.block], origin.index)] = hole
                self.elems[n] = getattr(flowable, "elem", None)
        elif origin is not None:
            place = (origin.block, origin.index)
            self.origins[place] = self.origins.get(place, 0) + 2  # a part of an item: never a hole
        self.recording.takes.append(take)
        takes.append(n)
        return placed

    def _finish(self, tagger: Any) -> None:
        if tagger is not None and tagger._hyphens:
            return  # a hyphenated word waits for a part of its paragraph drawn elsewhere
        rec = self.recording
        blocks = rec.sequence.blocks
        rec.holes = {place: hole for place, hole in rec.holes.items()
                     if self.origins.get((blocks[place[0]].id, place[1])) == 1}
        try:
            rec.tree = Tree(self.group.children, self._pending)
        except LookupError:
            return
        for hole in rec.holes.values():
            elem = self.elems.get(hole.take)
            hole.elem = rec.tree.number.get(id(elem)) if elem is not None else None
        rec.tree.number = {}
        stamps = []
        for path, value, _ in rec.noted:
            if isinstance(path, reads.Dep):
                continue
            try:
                stamps.append((str(path), reads.stamp(path) if value != reads.ABSENT else reads.ABSENT))
            except OSError:
                return
        rec.stamps = stamps
        self.store.keep(rec)

    def _pending(self, kid: Any) -> Any:
        """A recorded marked-content id or annotation slot as the flowable it belongs to and its place there."""
        for n, take in enumerate(self.recording.takes):
            if isinstance(kid, MC) and kid.page == take.page and take.base <= kid.mcid < take.base + take.mcids:
                return Pending(n, kid.mcid - take.base, False)
            if (isinstance(kid, ObjRef) and kid.page == take.page
                    and take.slots <= kid.slot < take.slots + len(take.annotations)):
                return Pending(n, kid.slot - take.slots, True)
        raise LookupError(kid)


class _Player:
    """Draws a recorded sequence's columns into a document: its elements copied under the sequence's group,
    the paragraphs in ``live`` (by take) drawn afresh with their own elements. A page left in another state
    than the recording found (a panel drawn before it that changed the canvas) has the sequence composed and
    drawn afresh instead (``compose``), when none of its columns is drawn yet."""

    def __init__(self, recording: Recording, group: Elem, live: dict[int, Any],
                 compose: Callable[[], list[tuple[Any, list[Any]]]]):
        self.recording, self.live, self.group, self.compose = recording, live, group, compose
        self.fixes: list[list[tuple[list[Any], int, Pending]]] = [[] for _ in recording.takes]
        assert recording.tree is not None
        swap = {hole.elem: live[hole.take].elem for hole in recording.holes.values()
                if hole.take in live and hole.elem is not None}
        self.roots, pending = recording.tree.copy(swap)
        group.children += self.roots
        for kids, index, kid in pending:  # each marked-content id and slot is numbered when its flowable is drawn
            self.fixes[kid.take].append((kids, index, kid))
        self.drawn = 0
        self.afresh: dict[tuple[int, str, int], list[Any]] | None = None

    def draw(self, canv: Canvas, column: Any, draw: Callable[..., None]) -> None:
        rec = self.recording
        page = canv.getPageNumber() - 1
        key = (page, column.panel, column.index)
        col = rec.columns[key]
        if self.afresh is None and state(canv) != col.state:
            if self.drawn:
                raise HandoutsError(f"panel '{column.panel}': the page was left in another state than when this "
                                    "sequence was first drawn; please report this (HANDOUTS_REPLAY=0 draws it "
                                    "afresh)")
            self.group.children = [kid for kid in self.group.children if all(kid is not r for r in self.roots)]
            self.afresh = {(c.page, c.panel, c.index): items for c, items in self.compose()}
            if set(self.afresh) != set(rec.columns):
                raise HandoutsError(f"panel '{column.panel}': the sequence composed afresh fills other columns "
                                    "than its recording; please report this (HANDOUTS_REPLAY=0 draws it afresh)")
        self.drawn += 1
        if self.afresh is not None:
            draw(self.afresh[key])
            return
        record = current_record()
        if record is not None:
            for name, value in col.columns.items():
                record.columns.setdefault(name, value)
        for n in col.takes:
            take = rec.takes[n]
            flowable = self.live.get(n)
            if flowable is not None:  # drawn afresh where the recorded paragraph was
                x, y, spare = next(h.at for h in rec.holes.values() if h.take == n)
                with mode(canv):
                    flowable.drawOn(canv, x, y, spare)
                if record is not None:
                    d = take.drawn[0]
                    record.drawn.append(drawn(d.page, d.panel, d.column, d.x, d.y, flowable))
                continue
            base, slots = replayed(canv, take)
            for kids, index, pending in self.fixes[n]:
                kids[index] = ObjRef(page, slots + pending.rel) if pending.ref else MC(page, base + pending.rel)


def column_drawn(canv: Canvas, column: Any, drawer: _Recorder | _Player | None, draw: Callable[..., None]) -> None:
    """Draw a column (``draw`` draws what was composed for it), recorded or drawn again."""
    if drawer is None:
        draw()
    else:
        drawer.draw(canv, column, draw)


def sequence_key(document: Hashable, index: int, name: str, columns: list[Any], blocks: list[Any], opening: str,
                 rules: Any) -> Sequence:
    """A sequence of a document (``document``: what all its sequences depend on): its place, its columns, its
    blocks (the location's words filled in), the main message a sheet opens with, the document's protected names
    (only those in its text can change how it is set)."""
    shape = tuple((b.id, b.kind, b.heading, tuple(item.kind for item in b.items)) for b in blocks)
    key = (document, index, name, tuple((c.panel, c.page, c.index, c.box) for c in columns), opening, shape)
    return Sequence(key, tuple(blocks), opening, rules)


def drawer_for(store: Replays, sequence: Sequence | None, group: Elem, columns: list[Any],
               compose: Callable[[], list[tuple[Any, list[Any]]]], make: Callable[[int, int], list[Any]]
               ) -> list[tuple[Any, list[Any], Any]]:
    """Each column of a sequence with what it holds and what draws it: the recording of an earlier document
    when one fits (``make`` makes an item afresh, by block and item), else the sequence composed now (by
    ``compose``) and recorded as it is drawn."""
    if sequence is None:
        return [(column, items, None) for column, items in compose()]
    for found in store.table.get(sequence.key) or ():
        live = found.fits(sequence, make) if found.fresh() else None
        if live is None:
            continue
        for path, value, part in found.noted:  # what composing and drawing it read, this document reads too
            if isinstance(path, reads.Dep):
                reads.note_dep(path, value)
            else:
                reads.note(path, value, part)
        store.used += 1
        player = _Player(found, group, live, compose)
        return [(c, [], player) for c in columns if (c.page, c.panel, c.index) in found.columns]
    with reads.tapping() as noted:
        composed = compose()
    recorder = _Recorder(store, sequence, group, len(composed), noted)
    return [(column, items, recorder) for column, items in composed]


class Replays:
    """The sequences one renderer has recorded, least recently used dropped first."""

    def __init__(self) -> None:
        self.table = reuse.Table(KEEP)
        self.used = self.recorded = 0  # sequences drawn from a recording, and recorded

    def keep(self, recording: Recording) -> None:
        self.recorded += 1
        known = self.table.entries.get(recording.sequence.key) or []
        self.table.put(recording.sequence.key, [recording, *known][:VARIANTS])
