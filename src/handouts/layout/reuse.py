"""Turn paragraph markup already set in this process back into its parsed fragments and its line breaks: a chain's
documents repeat the same text in the same style and width for location after location, so each is parsed and
broken once per worker and every later paragraph takes the result.

What a paragraph's lines depend on is all in the key: the final markup (the document's typesetting rules,
fallback-font runs and link stripping are already applied to it), every attribute of its style but the name, the
widths it is broken to and the paragraph's class and flags. Whatever is particular to one document (marked-content
ids, link annotations, the audit record) is made when the paragraph is drawn, never stored here."""

from __future__ import annotations

import os
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from typing import Any

from reportlab.lib.fonts import ps2tt, tt2ps

# Entries kept per table: a chain's shared paragraphs are used by every document and stay; a location's own
# (its address, its opening hours) are used once and make way, so the tables stay small whatever the chain.
# 1,024 reuse as many paragraphs as 4,096 (89.6 % over 800 documents of a chain) in 14 MB of a worker, not 35.
KEEP = 1024

# HANDOUTS_REUSE=0 turns reuse off: every paragraph is parsed and broken afresh (the output is the same).
ENABLED = os.environ.get("HANDOUTS_REUSE", "1") != "0"

_SKIP = frozenset({"name", "parent"})


class Table:
    """A bounded map from keys to what was computed for them, least recently used dropped first."""

    def __init__(self, keep: int = KEEP):
        self.keep = keep
        self.entries: OrderedDict[Hashable, Any] = OrderedDict()
        self.hits = self.misses = 0

    def get(self, key: Hashable) -> Any:
        value = self.entries.get(key)
        if value is None:
            self.misses += 1
            return None
        self.hits += 1
        self.entries.move_to_end(key)
        return value

    def put(self, key: Hashable, value: Any) -> None:
        self.entries[key] = value
        if len(self.entries) > self.keep:
            self.entries.popitem(last=False)

    def clear(self) -> None:
        self.entries.clear()
        self.hits = self.misses = 0


PARSED = Table()  # (class, markup, style key, bullet) → the parser's style, fragments and bullet text
BROKEN = Table()  # (parse key, widths, continues) → what breaking the lines set on the paragraph


_STYLE_IDS: dict[tuple[Any, ...], int] = {}  # each distinct set of style attributes, numbered
_STYLE_OF: weakref.WeakKeyDictionary[Any, int] = weakref.WeakKeyDictionary()


def style_key(style: Any) -> int | None:
    """A number for every attribute of a paragraph style that can change how text is set (all but its name and
    parent): styles equal in all of them get the same number, in any document. None when an attribute cannot be
    compared (then nothing is reused). A style is taken as fixed once a paragraph has used it."""
    known = _STYLE_OF.get(style)
    if known is not None:
        return known
    items = tuple(item for item in style.__dict__.items() if item[0] not in _SKIP) + (_faces(style),)
    try:
        number = _STYLE_IDS.setdefault(items, len(_STYLE_IDS))
    except TypeError:
        return None
    _STYLE_OF[style] = number
    return number


def _faces(style: Any) -> tuple[Any, ...]:
    """The fonts ``<b>``, ``<i>`` and both turn the style's font into (its family as registered now): a face saved
    again while the process runs (build --watch) is registered under a new name, and paragraphs set before with the
    old one are not taken."""
    try:
        family, _, _ = ps2tt(style.fontName)
        return ("faces", *(tt2ps(family, bold, italic) for bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1))))
    except (ValueError, KeyError, AttributeError):
        return ("faces", None)


def clear() -> None:
    """Forget every paragraph (tests that compare reuse with none)."""
    PARSED.clear()
    BROKEN.clear()
