"""Turn one reading sequence's story and the columns of its panels into what each column holds: text runs on
from column to column only inside the sequence, a heading starts the next column unless it and the first two
lines under it fit, short lists, call-outs and figures move whole, a paragraph splits leaving at least two lines
on each side, and a pinned block starts in its panel and must end there. Anything left over is an overflow
error that names the panel, how many lines over, and the blocks that did not fit."""

from __future__ import annotations

import io
import math
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, NoReturn

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from handouts.errors import HandoutsError, LayoutOverflow
from handouts.layout.audit import MIN_LINES, SHORT_LIST
from handouts.layout.fitting import measure
from handouts.layout.flowables import BlockMarker, KeptList
from handouts.layout.geometry import Box
from handouts.layout.paragraphs import Para

_MEASURE = Canvas(io.BytesIO())  # flowables that measure themselves against a canvas get this one


@dataclass(frozen=True)
class Column:
    """One column of a flow panel: the panel, the page it is on (0-based), which column, and its box."""

    panel: str
    page: int
    index: int
    box: Box


class SequenceOverflow(LayoutOverflow):
    """Text that does not fit a reading sequence (or the panel a block is pinned to): where, by how much, the
    blocks that did not fit, and every block of the sequence (with the build's notion of what changed, a later
    stage says which grew)."""

    def __init__(self, document: str, sequence: str, panel: str, over_pt: float, lines: int,
                 left_out: list[str], blocks: list[str], optional: list[str], pinned: bool = False,
                 changed: list[str] | None = None, detail: str = ""):
        self.sequence, self.lines, self.left_out, self.blocks = sequence, lines, left_out, blocks
        self.optional, self.pinned, self.changed, self.detail_text = optional, pinned, changed, detail
        self.document, self.panel, self.over_pt = document, panel, over_pt
        self.block = left_out[0] if left_out else "?"
        HandoutsError.__init__(self, self._message())

    def _message(self) -> str:
        mm = self.over_pt / 72 * 25.4
        what = f"block '{self.left_out[0]}' (pinned to panel '{self.panel}')" if self.pinned else \
            f"the text of sequence '{self.sequence}'"
        unit = "line" if self.lines == 1 else "lines"
        message = (f"{self.document}: {what} runs {self.lines} {unit} ({self.over_pt:.0f} pt, {mm:.1f} mm) past "
                   f"the end of panel '{self.panel}'{self.detail_text}")
        if self.left_out and not self.pinned:
            message += "; left over: " + ", ".join(f"'{b}'" for b in self.left_out)
        if self.changed:
            message += "; changed since the last good build: " + ", ".join(f"'{b}'" for b in self.changed)
        elif self.changed is not None:
            message += "; no block's text changed since the last good build (the layout, fonts or location did)"
        return message + "; " + self.choices()

    def choices(self) -> str:
        grown = self.changed or (self.left_out[:1] if self.pinned else [])
        targets = grown or self.blocks
        first = f"shorten {' or '.join(repr(b) for b in targets[:3])} by about {self.lines} {self._unit()}"
        options = [first]
        movable = [b for b in self.optional if b not in grown] or self.optional
        if movable:
            options.append(f"move an optional block to the digital edition (digital_only: [{movable[-1]}] in the "
                           f"document)")
        options.append("or choose a layout with more room")
        return "choices: " + "; ".join(options)

    def _unit(self) -> str:
        return "line" if self.lines == 1 else "lines"

    def with_changes(self, changed: list[str]) -> SequenceOverflow:
        """The same overflow, naming the blocks whose text changed since the last good build."""
        return SequenceOverflow(self.document, self.sequence, self.panel, self.over_pt, self.lines, self.left_out,
                                self.blocks, self.optional, self.pinned, changed, self.detail_text)


@dataclass
class _Cursor:
    """Where the next piece goes in one column, with ReportLab's frame rules for space before and after (space
    before is dropped at the top of a column and overlaps the space after the piece above)."""

    column: Column
    y: float = 0.0
    at_top: bool = True
    prev_after: float = 0.0
    items: list[Flowable] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.y = self.column.box.top

    def copy(self) -> _Cursor:
        twin = _Cursor(self.column)
        twin.y, twin.at_top, twin.prev_after = self.y, self.at_top, self.prev_after
        return twin

    def _space(self, f: Flowable) -> float:
        if self.at_top:
            return 0.0
        return max(f.getSpaceBefore() - self.prev_after, 0.0)

    def room(self, f: Flowable) -> float:
        return self.y - self.column.box.y - self._space(f)

    def place(self, f: Flowable) -> bool:
        s, room = self._space(f), self.room(f)
        if room <= 0:
            return False
        _, h = f.wrapOn(_MEASURE, self.column.box.w, room)
        if self.y - s - h < self.column.box.y - 1e-6:
            return False
        self.items.append(f)
        after = f.getSpaceAfter()
        y = self.y - s - h - after
        if y != self.y:
            self.at_top = False
        self.y, self.prev_after = y, after
        return True

    def split(self, f: Flowable) -> list[Flowable]:
        room = self.room(f)
        return f.splitOn(_MEASURE, self.column.box.w, room) if room > 0 else []


def _keeps_whole(f: Flowable) -> bool:
    origin = getattr(f, "origin", None)
    return origin is not None and origin.keeps_whole


def _min_head(f: Flowable, width: float) -> float:
    """The least of ``f`` that may stand at the foot of a column: two lines of a long paragraph, two items of a
    long list, all of anything else."""
    _, h = f.wrapOn(_MEASURE, width, 1e6)
    if isinstance(f, Para) and len(f.blPara.lines) >= 2 * MIN_LINES:
        return MIN_LINES * f.style.leading
    if isinstance(f, KeptList) and len(f.entries) > SHORT_LIST:
        return f._part(f.entries[:MIN_LINES], f.first).wrapOn(_MEASURE, width, 1e6)[1]
    return h


class SequenceComposer:
    """Places one sequence's story in its columns."""

    def __init__(self, document: str, sequence: str, columns: list[Column], blocks: list[str],
                 optional: list[str], leading: float, more: Callable[[int], Column] | None = None):
        self.document, self.sequence, self.columns = document, sequence, list(columns)
        self.blocks, self.optional, self.leading, self.more = blocks, optional, leading, more
        self._cursors: list[_Cursor] = []

    def compose(self, story: list[Flowable]) -> list[tuple[Column, list[Flowable]]]:
        cursors = self._cursors = [_Cursor(c) for c in self.columns]
        ci = 0
        queue: deque[Flowable] = deque(story)
        block, pin = "?", None
        while queue:
            f = queue.popleft()
            if isinstance(f, BlockMarker):
                block, pin = f.block_id, f.pin
                if pin is not None:
                    ci = self._go_to(pin, ci, block)
                continue
            while len(cursors) < len(self.columns):
                cursors.append(_Cursor(self.columns[len(cursors)]))
            cur = cursors[ci]
            if f.getKeepWithNext() and not cur.at_top and not self._chain_fits(cur, f, queue):
                ci = self._advance(ci, pin, [f, *queue], block)
                queue.appendleft(f)
                continue
            if cur.place(f):
                continue
            if not _keeps_whole(f):
                parts = cur.split(f)
                if len(parts) > 1 and cur.place(parts[0]):
                    queue.extendleft(reversed(parts[1:]))
                    ci = self._advance(ci, pin, list(queue), block)
                    continue
            if cur.at_top:
                self._too_tall(f, cur.column, block)
            ci = self._advance(ci, pin, [f, *queue], block)
            queue.appendleft(f)
        while len(cursors) < len(self.columns):
            cursors.append(_Cursor(self.columns[len(cursors)]))
        return [(c.column, c.items) for c in cursors]

    def _chain_fits(self, cur: _Cursor, f: Flowable, queue: deque[Flowable]) -> bool:
        """Whether a heading, the headings right after it and the first lines of what follows fit in ``cur``."""
        trial = cur.copy()
        if not trial.place(f):
            return False
        for nxt in queue:
            if isinstance(nxt, BlockMarker):
                return True
            if nxt.getKeepWithNext():
                if not trial.place(nxt):
                    return False
                continue
            return trial.room(nxt) >= _min_head(nxt, cur.column.box.w) - 1e-6
        return True

    def _go_to(self, pin: str, ci: int, block: str) -> int:
        for j in range(ci, len(self.columns)):
            if self.columns[j].panel == pin:
                return j
        panels = [c.panel for c in self.columns]
        if pin in panels:
            raise HandoutsError(f"{self.document}: block '{block}' is pinned to panel '{pin}', but the text before "
                                f"it already runs on into panel '{self.columns[ci].panel}'; shorten the blocks "
                                f"before it, or pin it to a later panel")
        raise HandoutsError(f"{self.document}: block '{block}' is pinned to panel '{pin}', which is not in sequence "
                            f"'{self.sequence}' ({', '.join(dict.fromkeys(panels))}); pin it to a panel of the "
                            f"sequence its slot fills")

    def _advance(self, ci: int, pin: str | None, remaining: list[Flowable], block: str) -> int:
        nxt = ci + 1
        if nxt == len(self.columns) and self.more is not None:  # a continuous layout: another page
            self.columns.append(self.more(nxt))
        if nxt < len(self.columns) and (pin is None or self.columns[nxt].panel == pin):
            return nxt
        self._overflow(ci, pin, remaining, block)

    def _overflow(self, ci: int, pin: str | None, remaining: list[Flowable], block: str) -> NoReturn:
        col = self.columns[ci]
        if pin is not None:  # only the rest of the pinned block counts
            rest = []
            for f in remaining:
                if isinstance(f, BlockMarker):
                    break
                rest.append(f)
            remaining = rest
        # What is left over, less the room the last column kept (a heading, list or call-out that did not fit
        # there left it empty): shortening the text before by this much lets the rest move up and fit.
        room = max(self._cursors[ci].y - col.box.y, 0.0) if ci < len(self._cursors) else 0.0
        over = max(measure([f for f in remaining if not isinstance(f, BlockMarker)], col.box.w) - room, 0.01)
        left_out = list(dict.fromkeys([block] + [f.block_id for f in remaining if isinstance(f, BlockMarker)]))
        raise SequenceOverflow(self.document, self.sequence, col.panel, over, math.ceil(over / self.leading - 1e-6),
                               left_out, self.blocks, self.optional, pinned=pin is not None)

    def _too_tall(self, f: Flowable, col: Column, block: str) -> NoReturn:
        _, h = f.wrapOn(_MEASURE, col.box.w, 1e6)
        origin = getattr(f, "origin", None)
        what = origin.describe() if origin is not None else f"a piece of block '{block}'"
        over = h - col.box.h
        raise SequenceOverflow(self.document, self.sequence, col.panel, over, math.ceil(over / self.leading - 1e-6),
                               [block], self.blocks, self.optional, pinned=False,
                               detail=f" ({what} is taller than the whole panel and cannot be split)")


def compose_sequence(document: str, sequence: str, columns: list[Column], story: list[Flowable],
                     blocks: list[str], optional: list[str], leading: float,
                     more: Callable[[int], Column] | None = None) -> list[tuple[Column, list[Any]]]:
    """What each column of the sequence holds; ``more(n)`` makes column ``n`` when a continuous layout needs
    another page."""
    return SequenceComposer(document, sequence, columns, blocks, optional, leading, more).compose(story)
