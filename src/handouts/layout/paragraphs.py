"""Turn paragraph markup into ReportLab paragraphs set by the house rules: the document's typesetting rules
(non-breaking spaces, protected names), characters the font lacks in the fallback font, no links where the
edition wants none, at most two hyphenated lines in a row, no single-word last line in a paragraph of more than
three lines where a re-break avoids it, and the parts of a split paragraph keeping the lines they were given."""

from __future__ import annotations

import re
from copy import copy
from typing import Any

from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import _processed_frags

from handouts.layout import reuse
from handouts.layout.glyphs import links_wanted, with_fallback
from handouts.layout.typeset import MAX_HYPHEN_RUN, Hyphenator, typeset

_LINK_TAG = re.compile(r"</?a\b[^>]*>")


_TAGS = re.compile(r"<[^>]+>")


def first_words(markup: str, n: int = 6) -> str:
    """The start of a text, for messages."""
    words = _TAGS.sub("", markup).replace("&amp;", "&").replace("\u00a0", " ").split()
    return " ".join(words[:n]) + (" …" if len(words) > n else "")


def line_texts(bl: Any) -> list[str]:
    """The text of each line ReportLab broke a paragraph into."""
    if bl.kind == 0:
        return [" ".join(words) for _, words in bl.lines]
    return ["".join(getattr(frag, "text", "") for frag in line.words) for line in bl.lines]


def hyphen_ends(bl: Any) -> list[bool]:
    """Whether each line but the last ends in a hyphen (a word broken across the line end)."""
    texts = line_texts(bl)
    return [t.rstrip().endswith(("-", "\u00ad")) for t in texts[:-1]] + [False] * bool(texts)


def _runs_too_long(ends: list[bool]) -> int | None:
    """Index of the first line that makes a run of more than MAX_HYPHEN_RUN hyphenated line ends."""
    run = 0
    for i, end in enumerate(ends):
        run = run + 1 if end else 0
        if run > MAX_HYPHEN_RUN:
            return i
    return None


def _broken_word(texts: list[str], i: int) -> str:
    """The whole word hyphenated at the end of line ``i``."""
    head = texts[i].rstrip()[:-1].split()[-1] if texts[i].split() else ""
    tail = texts[i + 1].split()[0] if i + 1 < len(texts) and texts[i + 1].split() else ""
    return "".join(ch for ch in head + tail if ch.isalpha())


_UNSET = object()


class Para(Paragraph):
    """A paragraph that follows the typesetting rules of the document being drawn."""

    origin: Any = None  # what it is part of (layout.audit.Origin), for the post-layout audit
    continues = False  # a part of a split paragraph that is not its end: its last line is no widow

    def __init__(self, text: Any, style: Any = None, *args: Any, **kwargs: Any):
        key = None
        if isinstance(text, str):
            text = with_fallback(typeset(text))
            if not links_wanted():
                text = _LINK_TAG.sub("", text)
            if reuse.ENABLED and style is not None and not args and not kwargs:
                style_key = reuse.style_key(style)
                key = None if style_key is None else (type(self), text, style_key)
        if key is not None:
            found = reuse.parse_of(key, text, style)
            if found is not None:  # ReportLab's parse of this markup in this style, done before or from its shape
                parsed, kept = found
                self.caseSensitive, self.encoding, self.debug = 1, "utf8", 0
                self.text, self.style, self.frags, self.bulletText = parsed
                if kept:
                    self._reuse = key
                return
        super().__init__(text, style, *args, **kwargs)
        if key is not None:
            reuse.PARSED.put(key, (self.text, self.style, self.frags, self.bulletText))
            self._reuse = key

    # ------------------------------------------------------------------------------------- line breaking

    def breakLines(self, width: Any) -> Any:
        hyphenator = getattr(self.style, "hyphenationLang", None)
        hyphenator = hyphenator if isinstance(hyphenator, Hyphenator) else None
        bl = self._break(width, hyphenator, frozenset())
        if not self.continues and len(bl.lines) > 3 and len(line_texts(bl)[-1].split()) == 1:
            bl = self._avoid_widow(bl, width, hyphenator)
        return bl

    def _break(self, width: Any, hyphenator: Hyphenator | None, refused: frozenset[str]) -> Any:
        """Break lines, refusing hyphenations until no more than MAX_HYPHEN_RUN hyphenated lines follow
        each other."""
        while True:
            if hyphenator is not None:
                hyphenator.refused = refused
            try:
                bl = super().breakLines(width)
            finally:
                if hyphenator is not None:
                    hyphenator.refused = frozenset()
            line = _runs_too_long(hyphen_ends(bl))
            if line is None or hyphenator is None:
                return bl
            word = _broken_word(line_texts(bl), line)
            if not word or word in refused:
                return bl
            refused = refused | {word}
            self._refused = refused

    def _avoid_widow(self, bl: Any, width: Any, hyphenator: Hyphenator | None) -> Any:
        """Re-break with the last-but-one line a little narrower, so a word moves down to keep the last word
        company; kept only if the paragraph keeps its number of lines and the result follows the rules."""
        widths = list(width) if isinstance(width, list | tuple) else [width]
        n = len(bl.lines)
        per_line = [widths[min(i, len(widths) - 1)] for i in range(n)]
        line = bl.lines[n - 2]
        extra = line[0] if bl.kind == 0 else getattr(line, "extraSpace", 0)
        per_line[n - 2] = per_line[n - 2] - extra - 0.5
        candidate = self._break(per_line, hyphenator, getattr(self, "_refused", frozenset()))
        texts = line_texts(candidate)
        if len(candidate.lines) == n and len(texts[-1].split()) >= 2:
            return candidate
        return bl

    # ---------------------------------------------------------------------------------- wrap and split

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:
        frozen = self.__dict__.get("_frozen")
        if frozen is not None:  # a first part keeps exactly the lines it was split with
            self.blPara = frozen
            self.width, self.height = availWidth, len(frozen.lines) * self.style.leading
            return self.width, self.height
        memo = self.__dict__.get("_memo")
        if memo is not None and memo[0] == availWidth:  # the same width breaks the same way: keep the lines
            self.blPara, self.width, self.height = memo[1], availWidth, memo[2]
            return self.width, self.height
        key = self.__dict__.get("_reuse")
        broken = None if key is None or availWidth <= 1e-6 else (key, availWidth, self.continues)
        if broken is not None:
            found = reuse.BROKEN.get(broken)
            if found is not None:  # broken to this width before: the same lines
                self.__dict__.update(found)
                self._memo = (availWidth, self.blPara, self.height)
                return availWidth, self.height
        before = dict(self.__dict__)
        width, height = super().wrap(availWidth, availHeight)
        if availWidth > 1e-6:
            self._memo = (availWidth, self.blPara, height)
            if broken is not None:
                reuse.BROKEN.put(broken, {name: value for name, value in self.__dict__.items()
                                          if name != "_memo" and before.get(name, _UNSET) is not value})
        return width, height

    def split(self, availWidth: float, availHeight: float) -> list[Any]:
        if "_memo" in self.__dict__ and self._memo[0] == availWidth:
            self.blPara = self._memo[1]
        if _processed_frags(self.frags):  # ReportLab's split retypes the word it splits at, in place
            self.frags = [copy(word) for word in self.frags]
        whole = self.__dict__.get("_frozen") or getattr(self, "blPara", None)
        parts = super().split(availWidth, availHeight)
        if not parts:
            self.__dict__.pop("_memo", None)  # ReportLab dropped the lines it had broken
            return parts
        if len(parts) == 2 and whole is not None:
            first, rest = parts
            kept = whole.clone()
            kept.lines = whole.lines[: len(first.blPara.lines)]
            first._frozen = kept
            first.continues = True
            rest.continues = self.continues
        for part in parts:
            part.origin = self.origin
        return parts
