"""Turn what each frame actually received while a document was drawn into a record (every heading, paragraph,
list, call-out and figure with its page, panel, column, position, lines and hyphenated line ends, and how full
each panel is), and the record into problems: a panel or page that ends in a heading, a heading kept with less
than two lines, a short list, a call-out or a figure split, a split paragraph leaving a single line, text that
runs on across a boundary no reading sequence crosses, a block outside the panel it is pinned to, and more than
two hyphenated lines in a row.

The record is made as the frames draw (``AuditFrame``), from the positions they draw at, not from what the
composer meant to do."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Frame

from handouts.layout.paragraphs import hyphen_ends
from handouts.layout.typeset import MAX_HYPHEN_RUN

SHORT_LIST = 6  # a list of up to this many items never splits
MIN_LINES = 2  # a heading keeps this many lines with it; a split paragraph keeps this many on each side


@dataclass(frozen=True)
class Origin:
    """What a drawn piece belongs to: a block, the item in it (-1: the block's heading), and its kind."""

    block: str
    index: int
    kind: str  # heading | subheading | p | list | callout | figure
    entries: int = 0  # items of a list
    text: str = ""  # its first words, for messages

    @property
    def keeps_whole(self) -> bool:
        return self.kind in ("heading", "subheading", "callout", "figure") or \
            (self.kind == "list" and self.entries <= SHORT_LIST)

    def describe(self) -> str:
        what = {"heading": "the heading", "subheading": "the sub-heading", "p": "a paragraph", "list": "a list",
                "callout": "the call-out", "figure": "the figure"}[self.kind]
        return f"{what} '{self.text}' (block '{self.block}')" if self.text else f"{what} of block '{self.block}'"


@dataclass(frozen=True)
class Drawn:
    page: int  # 1-based
    panel: str
    column: int
    x: float
    y: float  # bottom
    width: float
    height: float
    origin: Origin
    lines: int  # lines of text this piece drew (a paragraph's share of them)
    hyphen_ends: tuple[bool, ...]  # of every line of text in it, lists and call-outs included


@dataclass(frozen=True)
class Fit:
    """How full one box of a panel is: the height it offers, the height its text takes, and the leading of the
    finest text in it (slack in lines)."""

    panel: str
    capacity: float
    used: float
    leading: float = 0.0

    @property
    def slack(self) -> float:
        return self.capacity - self.used


@dataclass
class Record:
    drawn: list[Drawn] = field(default_factory=list)
    fits: list[Fit] = field(default_factory=list)
    columns: dict[tuple[int, str, int], tuple[float, float]] = field(default_factory=dict)  # → (bottom, height)


_RECORD: ContextVar[Record | None] = ContextVar("layout_record", default=None)


@contextmanager
def recording() -> Iterator[Record]:
    record = Record()
    token = _RECORD.set(record)
    try:
        yield record
    finally:
        _RECORD.reset(token)


def current_record() -> Record | None:
    """The record of the document being drawn, if one is recorded."""
    return _RECORD.get()


def note_fit(panel: str, capacity: float, used: float, leading: float = 0.0) -> None:
    """Record how full a box of a fixed panel is (its text is stacked, not flowed)."""
    record = _RECORD.get()
    if record is not None:
        record.fits.append(Fit(panel, capacity, used, leading))


def paragraphs_in(flowable: Any) -> Iterator[Any]:
    """Every paragraph a flowable draws: itself, the items of a list, the cells of a call-out, a caption."""
    if hasattr(flowable, "blPara"):
        yield flowable
        return
    for attr in ("inner", "caption"):
        inner = getattr(flowable, attr, None)
        if inner is not None:
            yield from paragraphs_in(inner)
    for part in (*getattr(flowable, "paras", ()), *getattr(flowable, "contents", ())):
        yield from paragraphs_in(part)
    for row in getattr(flowable, "_cellvalues", ()):
        for cell in row:
            for item in cell if isinstance(cell, list | tuple) else [cell]:
                yield from paragraphs_in(item)


def _size(flowable: Any, name: str) -> float:
    """A drawn flowable's width or height (a table keeps them as ``_width``, ``_height``)."""
    value = getattr(flowable, name, None)
    return float(value if value is not None else getattr(flowable, f"_{name}", 0.0))


def drawn(page: int, panel: str, column: int, x: float, bottom: float, flowable: Any) -> Drawn:
    """What the audit records of a flowable drawn in a column: where, how big, what it is and its lines."""
    ends: list[bool] = []
    lines = 0
    for para in paragraphs_in(flowable):
        para_ends = hyphen_ends(para.blPara)
        ends += para_ends
        if para is flowable or para is getattr(flowable, "inner", None):
            lines = len(para_ends)
    return Drawn(page, panel, column, x, bottom, _size(flowable, "width"), _size(flowable, "height"),
                 flowable.origin, lines, tuple(ends))


class AuditFrame(Frame):
    """A frame that records each piece it draws, where it drew it."""

    def __init__(self, *args: Any, column: int = 0, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.column = column

    def open(self, canv: Any) -> None:
        """Record the column, even if nothing is drawn in it."""
        record = _RECORD.get()
        if record is not None:
            record.columns.setdefault((canv.getPageNumber(), self.id, self.column), (self._y1, self._height))

    def _add(self, flowable: Any, canv: Any, trySplit: int = 0) -> int:
        record = _RECORD.get()
        origin = getattr(flowable, "origin", None)
        self.open(canv)
        placed = super()._add(flowable, canv, trySplit)
        if placed and record is not None and origin is not None:
            record.drawn.append(drawn(canv.getPageNumber(), self.id, self.column, self._x1,
                                      self._y + flowable.getSpaceAfter(), flowable))
        return placed

    add = _add


# ------------------------------------------------------------------------------------------------ the rules


def audit(record: Record, sequences: dict[str, list[str]], pins: dict[str, str]) -> list[str]:
    """Every way what was drawn breaks the composition rules, in words (empty: none)."""
    problems: list[str] = []
    columns: dict[tuple[int, str, int], list[Drawn]] = {}
    for d in record.drawn:
        columns.setdefault((d.page, d.panel, d.column), []).append(d)
    order = list(columns)
    sequence_of = {panel: name for name, panels in sequences.items() for panel in panels}

    for key, pieces in columns.items():
        where = _where(key)
        last = pieces[-1]
        if last.origin.kind in ("heading", "subheading"):
            problems.append(f"{where} ends with {last.origin.describe()}")
        for i, d in enumerate(pieces[:-1]):
            if d.origin.kind in ("heading", "subheading"):
                after = next((p for p in pieces[i + 1:] if p.origin.kind not in ("heading", "subheading")), None)
                if after is not None and after.origin.kind == "p" and after.lines < MIN_LINES and \
                        _continues(after, key, columns, order):
                    problems.append(f"{where}: {d.origin.describe()} keeps only {after.lines} line under it")

    by_origin: dict[Origin, list[tuple[tuple[int, str, int], Drawn]]] = {}
    for key, pieces in columns.items():
        for d in pieces:
            by_origin.setdefault(d.origin, []).append((key, d))
    for origin, placed in by_origin.items():
        keys = [k for k, _ in placed]
        if len(set(keys)) < 2:
            continue
        first, then = _where(keys[0]), _where(keys[1])
        if origin.keeps_whole:
            problems.append(f"{origin.describe()} is split between {first} and {then}")
        elif origin.kind == "p":
            short = [(k, d.lines) for k, d in placed if d.lines < MIN_LINES]
            for k, lines in short:
                problems.append(f"{origin.describe()} is split leaving {lines} line in {_where(k)}")
        seqs = {sequence_of.get(k[1], k[1]) for k in keys}
        if len(seqs) > 1:
            problems.append(f"{origin.describe()} runs on from {first} to {then}, which are not read together")

    blocks: dict[str, list[tuple[int, str, int]]] = {}
    for key, pieces in columns.items():
        for d in pieces:
            blocks.setdefault(d.origin.block, []).append(key)
    for block, keys in blocks.items():
        order_seen = list(dict.fromkeys(sequence_of.get(k[1], k[1]) for k in keys))
        if len(order_seen) > 1:
            problems.append(f"block '{block}' starts in the {order_seen[0]} sequence and continues in the "
                            f"{order_seen[1]} sequence")
        pinned = pins.get(block)
        if pinned is not None:
            outside = sorted({k[1] for k in keys if k[1] != pinned})
            if outside:
                problems.append(f"block '{block}' is pinned to panel '{pinned}' but was set in "
                                f"{', '.join(repr(p) for p in outside)}")

    for d in record.drawn:
        run = 0
        for end in d.hyphen_ends:
            run = run + 1 if end else 0
            if run > MAX_HYPHEN_RUN:
                problems.append(f"{_where((d.page, d.panel, d.column))}: {d.origin.describe()} has more than "
                                f"{MAX_HYPHEN_RUN} hyphenated lines in a row")
                break
    return list(dict.fromkeys(problems))


def _where(key: tuple[int, str, int]) -> str:
    page, panel, column = key
    return f"panel '{panel}'" + (f" (column {column + 1})" if column else "") + f" on page {page}"


def _continues(d: Drawn, key: tuple[int, str, int], columns: dict[tuple[int, str, int], list[Drawn]],
               order: list[tuple[int, str, int]]) -> bool:
    """Whether the paragraph ``d`` continues in a later column."""
    later = order[order.index(key) + 1:]
    return any(p.origin == d.origin for k in later for p in columns[k])


# --------------------------------------------------------------------------------------------- measurements


@dataclass(frozen=True)
class PanelFill:
    """How full a panel is after layout: the height it offers, the room left under its text (``gap``), and its
    slack: how much its text can grow before anything overflows. In a flowing sequence, text that grows pushes
    what follows on into the next panels, so a panel's slack is the room left from it to the end of its run of
    panels (a pinned block starts a new run)."""

    panel: str
    capacity: float
    gap: float
    slack: float
    leading: float  # of its text: slack in lines
    runs_on: str | None = None  # the next panel, when the text runs on into it

    @property
    def percent(self) -> float:
        return 100 * (self.capacity - self.gap) / self.capacity if self.capacity else 0.0

    @property
    def effective(self) -> float:
        """Percent full, counting the room the text can still flow into."""
        return 100 * (self.capacity - self.slack) / self.capacity if self.capacity else 0.0

    @property
    def lines(self) -> int:
        return int(self.slack / self.leading + 1e-6) if self.leading else 0

    def describe(self) -> str:
        runs = f", runs on into {self.runs_on}" if self.runs_on else ""
        unit = "line" if self.lines == 1 else "lines"
        return f"{self.panel} {self.percent:.0f} %{runs} ({self.lines} {unit} of slack)"


def panel_fills(record: Record, flow_columns: dict[str, list[tuple[int, int]]], sequences: dict[str, list[str]],
                pins: dict[str, str], leading: float) -> list[PanelFill]:
    """Each flow panel's fill, from the bottom of the last thing drawn in its last column that holds text (the
    columns of a panel flow into each other: only the last one's room is left under its text) and its slack to
    the end of its run of panels; and each fixed panel's, from the fullest of the boxes its text was stacked in."""
    gaps: dict[str, tuple[float, float]] = {}
    for panel, cols in flow_columns.items():
        capacity = gap = 0.0
        for page, column in cols:
            bottom, height = record.columns.get((page, panel, column), (0.0, 0.0))
            capacity += height
            pieces = [d for d in record.drawn if (d.page, d.panel, d.column) == (page, panel, column)]
            gap = min(d.y for d in pieces) - bottom if pieces else gap + height
        gaps[panel] = (capacity, max(gap, 0.0))
    pinned_starts = {panel for block, panel in pins.items()
                     if any(d.origin.block == block and d.panel == panel for d in record.drawn)}
    out: list[PanelFill] = []
    for panels in sequences.values():
        present = [p for p in panels if p in gaps and gaps[p][0]]
        for i, panel in enumerate(present):
            capacity, gap = gaps[panel]
            slack, j = gap, i + 1
            while j < len(present) and present[j] not in pinned_starts:
                slack += gaps[present[j]][1]
                j += 1
            nxt = present[i + 1] if i + 1 < len(present) else None
            runs_on = nxt if nxt is not None and _shared(record, panel, nxt) else None
            out.append(PanelFill(panel, capacity, gap, slack, leading, runs_on))
    boxes: dict[str, list[Fit]] = {}
    for fit in record.fits:
        boxes.setdefault(fit.panel, []).append(fit)
    for panel, fits in boxes.items():
        tightest = min(fits, key=lambda f: (f.slack / f.capacity if f.capacity else 0.0))
        room = max(tightest.slack, 0.0)
        out.append(PanelFill(panel, tightest.capacity, room, room, tightest.leading or leading))
    return out


def _shared(record: Record, panel: str, nxt: str) -> bool:
    """Whether a piece of text is split between the two panels."""
    first = {d.origin for d in record.drawn if d.panel == panel}
    return any(d.origin in first for d in record.drawn if d.panel == nxt)
