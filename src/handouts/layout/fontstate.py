"""Turn what a recorded drawing did to a document's font subsets into a check and a replay for another document:
when the other document's subsets already number the characters the drawing used as the recording's did (and
have the same next free code for the ones it added), the recorded text is the text drawing would write, and the
drawing's additions are made by giving the subsets the same new characters in the same order.

ReportLab's TrueType subsets number characters in the order a document first uses them (the printable ASCII
characters keep their own codes), so two documents of a chain mostly agree: a location's own name rarely brings a
character the shared text has not used."""

from __future__ import annotations

from typing import Any, NamedTuple

from reportlab.pdfbase.pdfmetrics import getFont

# Whether the font has a state, its internal name, next code, characters numbered, the document's fonts (None: a
# font without subsets).
Before = tuple[bool, Any, int, int, int] | None


class Uses(NamedTuple):
    """One font's part in a drawing: its state before (see ``before``), the characters it used that already had
    codes (but the fixed ASCII ones) with those codes, and the characters it gave codes to, in order."""

    font: str
    before: tuple[bool, Any, int, int, int]
    known: tuple[tuple[int, int], ...]
    new: str


def before(name: str, doc: Any) -> Before:
    """A font's state in ``doc`` before a drawing uses it (None: a font without subsets)."""
    font = getFont(name)
    if not getattr(font, "_dynamicFont", False):
        return None
    state = font.state.get(doc)
    if state is None:
        return (False, None, 0, 0, len(doc.fontMapping))
    return (True, state.internalName, state.nextCode, len(state.assignments), len(doc.fontMapping))


def uses(first: dict[str, Before], texts: dict[str, set[int]], doc: Any) -> tuple[Uses, ...] | None:
    """What a drawing did to each font it used (``first``: their states before; ``texts``: the characters each
    drew); None when a font has no subsets (its name in the content depends on the document)."""
    out = []
    for name, was in first.items():
        if was is None:
            return None
        state = getFont(name).state[doc]
        codes = list(state.assignments)
        added = codes[was[3]:] if was[0] else [c for c in codes if not _fixed(c, state.assignments)]
        fresh = set(added)
        known = tuple((c, state.assignments[c]) for c in sorted(texts.get(name, ()))
                      if c in state.assignments and c not in fresh and not _fixed(c, state.assignments))
        out.append(Uses(name, was, known, "".join(map(chr, added))))
    return tuple(out)


def _fixed(code: int, assignments: dict[int, int]) -> bool:
    """A printable ASCII character (or code 0): every subset state numbers it as itself from the start."""
    return (32 <= code < 128 or code == 0) and assignments.get(code) == code


def same(uses: tuple[Uses, ...], doc: Any) -> bool:
    """Whether ``doc``'s subsets stand where the recording's stood for every font the drawing used."""
    for use in uses:
        there, name, next_code, _, fonts = use.before
        state = getFont(use.font).state.get(doc)
        if not there:
            if state is not None or len(doc.fontMapping) != fonts:
                return False
            continue
        if state is None or state.internalName != name or state.nextCode != next_code:
            return False
        assignments = state.assignments
        if any(assignments.get(c) != code for c, code in use.known) or any(ord(c) in assignments for c in use.new):
            return False
    return True


def replay(uses: tuple[Uses, ...], doc: Any) -> None:
    """Make in ``doc`` what the drawing made: the new characters' codes, and a font used for the first time
    named as the document's next font (in the order the drawing first used them)."""
    for use in uses:
        font = getFont(use.font)
        if use.new:
            font.splitString(use.new, doc)
        if not use.before[0] or use.before[1] is None:
            font.getSubsetInternalName(0, doc)
