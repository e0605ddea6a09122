"""Turn the text a document will print into the characters its fonts cannot draw (a tofu box on paper)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from handouts.resolve import Resolved


@dataclass(frozen=True)
class Missing:
    char: str
    where: str  # "block 'symptoms'" or "location name"
    font: str  # family name


def _codepoints(font_name: str) -> frozenset[int]:
    from reportlab.pdfbase import pdfmetrics

    return frozenset(pdfmetrics.getFont(font_name).face.charToGlyph)


_cache: dict[str, frozenset[int]] = {}


def covered(font_name: str) -> frozenset[int]:
    if font_name not in _cache:
        _cache[font_name] = _codepoints(font_name)
    return _cache[font_name]


def _visible(markup: str) -> str:
    """Paragraph markup → the characters it prints."""
    import re
    from xml.sax.saxutils import unescape

    return unescape(re.sub(r"<[^>]+>", "", markup))


def strings(r: Resolved) -> Iterator[tuple[str, str, str]]:
    """(role, where, text) for everything a document prints: role 'heading' or 'body'."""
    for blocks in r.slots.values():
        for block in blocks:
            yield "heading", f"block '{block.id}'", _visible(block.heading)
            for item in block.items:
                for text in (item.text, item.title, *item.items):
                    if text:
                        yield ("heading" if item.kind == "subheading" else "body"), f"block '{block.id}'", \
                            _visible(text)
    yield "body", "main message", _visible(r.main_message)
    c = r.contact
    yield "heading", "clinic name", r.clinic.name
    yield "heading", "document title", r.title
    for label, values in (("location name", [c.name]), ("address", c.address), ("phone", [c.phone]),
                          ("email", [c.email]), ("opening hours", c.hours), ("tagline", [c.tagline]),
                          ("disclaimer", [c.disclaimer])):
        for value in values:
            if value:
                yield "body", label, value


def missing(r: Resolved, faces: dict, families: dict[str, str]) -> list[Missing]:
    """Characters of ``r`` that the regular or bold face of their role's font family lacks."""
    out: dict[tuple[str, str], Missing] = {}
    for role, where, text in strings(r):
        family_role = "heading" if role == "heading" else "body"
        f = faces[family_role]
        need = covered(f.regular) & covered(f.bold)
        for ch in set(text):
            if ch.isspace() or ord(ch) in need:
                continue
            out.setdefault((ch, where), Missing(ch, where, families[family_role]))
    return sorted(out.values(), key=lambda m: (m.where, m.char))


def describe(m: Missing) -> str:
    return f"character {m.char!r} (U+{ord(m.char):04X}) in {m.where} is not in font '{m.font}'"
