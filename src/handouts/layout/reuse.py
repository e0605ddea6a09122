"""Turn paragraph markup already set in this process back into its parsed fragments and its line breaks: a chain's
documents repeat the same text in the same style and width for location after location, so each is parsed and
broken once per worker and every later paragraph takes the result.

Markup of a shape met before (the same tags and entities round other texts: a location's address line, phone,
opening hours, booking link) is not parsed again either: a copy of that shape's fragments takes its texts. Met
once, such markup is not kept (a location's own lines are never met again); met again, it is kept as any other.

What a paragraph's lines depend on is all in the key: the final markup (the document's typesetting rules,
fallback-font runs and link stripping are already applied to it), every attribute of its style but the name, the
widths it is broken to and the paragraph's class and flags. Whatever is particular to one document (marked-content
ids, link annotations, the audit record) is made when the paragraph is drawn, never stored here."""

from __future__ import annotations

import os
import re
import weakref
from collections import OrderedDict
from collections.abc import Hashable
from copy import copy
from typing import Any

from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaParser

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
SHAPES = Table()  # (tags and entities, style key) → the parser's style, fragments and where each text goes
SEEN = Table()  # parse keys of markup made from its shape once: met again, it is shared and kept
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
    SHAPES.clear()
    SEEN.clear()
    BROKEN.clear()


Parsed = tuple[str, Any, list[Any], Any]  # the text ReportLab keeps, its style, fragments and bullet text


def parse_of(key: tuple[type, str, int], text: str, style: Any) -> tuple[Parsed, bool] | None:
    """ReportLab's parse of ``text`` in ``style`` (``key``: the paragraph's class, the markup and the style's
    number), done before or made from its shape, and whether the paragraph is kept (its lines too); None when it
    is to be parsed. Markup made from its shape for the first time (a location's address, phone, hours) is only
    noted, neither it nor its lines kept: the tables keep what documents share, and what they hold is not walked
    by the cycle collector again and again."""
    parsed = PARSED.get(key)
    if parsed is not None:
        return parsed, True
    shaped = by_shape(text, style, key[2])
    if shaped is None:
        return None
    if SEEN.get(key) is None:
        SEEN.put(key, True)
        return shaped, False
    PARSED.put(key, shaped)
    return shaped, True


# Markup of this shape is parsed once per style: a location's address line, phone, opening hours or booking link
# differ from the last location's only in the texts between the same tags, and in the links' addresses.
_PIECES = re.compile(r"<[^<>]*>|&#?[0-9A-Za-z]+;|[^<>&]+")
_PLAIN_TAGS = re.compile(r"</?(?:b|i|u|strong|em|nobr)>|</a>|<br/>")  # nothing made from their text
_LINK = re.compile(r'<a href="([^"<>&]*)">')  # a link with an address and nothing else
_LINKED = '<a href="">'  # a link's place in a shape
_MARK = 0xE000  # private-use characters stand for a shape's texts and addresses while its fragments are made
_MARKS = re.compile("[\ue000-\ue0ff]")
_UNFIT = "unfit"  # a shape the parser does not give one fragment per text for


def by_shape(text: str, style: Any, style_number: int) -> Parsed | None:
    """What ReportLab's parser gives ``text`` in ``style`` (the text it keeps, its style, fragments and bullet
    text), made from the fragments of markup with the same tags and entities parsed before: a copy of each, with
    its own texts and link addresses. None where that is not certain to be the parser's result (tags with other
    attributes, or that make something of their text; a style that changes the case of text; unmatched tags),
    and for a shape met first."""
    transform = getattr(style, "textTransform", None)
    if transform and transform.lower() != "none":
        return None
    cleaned = cleanBlockQuotedText(text)  # what the parser is given
    shape: list[str] = []
    values: list[str] = []  # the texts and addresses, in the order they come
    size = 0
    for piece in _PIECES.findall(cleaned):
        size += len(piece)
        first = piece[0]
        if first == "<":
            if _PLAIN_TAGS.fullmatch(piece):
                shape.append(piece)
                continue
            address = _LINK.fullmatch(piece)
            if address is None:
                return None
            shape.append(_LINKED)
            values.append(address.group(1))
        elif first == "&":
            shape.append(piece)
        else:
            shape.append("")
            values.append(piece)
    if size != len(cleaned) or len(values) > 256 or _MARKS.search(cleaned):
        return None  # a stray "<", ">" or "&" (the parser's errors are its own to give), or too many texts
    key = (tuple(shape), style_number)
    made = SHAPES.get(key)
    if made is None:
        made = _fragments(shape, style)
        SHAPES.put(key, made)
        return None
    if made == _UNFIT:
        return None
    parsed_style, fragments, texts, links = made
    frags = [copy(frag) for frag in fragments]
    for at, which in texts:
        frags[at].text = values[which]
    for at, places in links:
        link = list(frags[at].link)
        for position, which in places:
            link[position] = (link[position][0], values[which].strip())  # as the parser keeps an address
        frags[at].link = link
    return cleaned, parsed_style, frags, getattr(style, "bulletText", None)


def _fragments(shape: list[str], style: Any) -> Any:
    """The parser's style and fragments for markup of ``shape`` whose texts and addresses are marks, with where
    each text's fragment is and which links hold each address; ``_UNFIT`` unless each text made one fragment of
    its own and each address is in a link."""
    marks = iter(range(_MARK, _MARK + 256))
    marked = "".join(f'<a href="{chr(next(marks))}">' if piece == _LINKED else piece or chr(next(marks))
                     for piece in shape)
    count = next(marks) - _MARK
    parser = ParaParser()
    parser.caseSensitive = 1
    try:
        parsed_style, frags, bullets = parser.parse(marked, style)
    except Exception:  # noqa: BLE001 - the same markup with its own text raises it again, where it is reported
        return _UNFIT
    if frags is None or bullets:
        return _UNFIT
    texts, links, found = [], [], set()
    for at, frag in enumerate(frags):
        text = getattr(frag, "text", "")
        if len(text) == 1 and _MARK <= ord(text) < _MARK + count:
            texts.append((at, ord(text) - _MARK))
            found.add(ord(text) - _MARK)
        elif _MARKS.search(text):
            return _UNFIT
        places = []
        for position, (_, address) in enumerate(getattr(frag, "link", None) or ()):
            if len(address) == 1 and _MARK <= ord(address) < _MARK + count:
                places.append((position, ord(address) - _MARK))
                found.add(ord(address) - _MARK)
            elif _MARKS.search(address):
                return _UNFIT
        if places:
            links.append((at, tuple(places)))
    if len(texts) != len({which for _, which in texts}) or found != set(range(count)):
        return _UNFIT
    return parsed_style, frags, tuple(texts), tuple(links)
