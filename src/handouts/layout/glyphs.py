"""Turn the text a document will print into the characters its fonts cannot draw (a tofu box on paper)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache

from handouts.layout.fonts import BrandFonts
from handouts.load.items import ITEM_KINDS
from handouts.resolve import Resolved
from handouts.xmltext import escape, unescape


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
    return unescape(re.sub(r"<[^>]+>", "", markup))


@lru_cache(maxsize=64)
def _drawable(faces: tuple[str, ...]) -> frozenset[int]:
    """The characters every one of ``faces`` has (a family's regular and bold) and those of the fallback
    family's faces (the faces after the first two)."""
    main = covered(faces[0]) & covered(faces[1])
    spare = covered(faces[2]) & covered(faces[3]) if len(faces) > 2 else frozenset()
    return main | spare


# A chain's documents print the same strings over and over: each is looked at once per set of fonts.
@lru_cache(maxsize=8192)
def _lacking(text: str, drawable: frozenset[int]) -> tuple[str, ...]:
    return tuple(sorted(ch for ch in set(_visible(text)) if not ch.isspace() and ord(ch) not in drawable))


def strings(r: Resolved) -> Iterator[tuple[str, str, str]]:
    """(role, where, markup) for everything a document prints: role 'heading' or 'body'."""
    for blocks in r.slots.values():
        for block in blocks:
            yield "heading", f"block '{block.id}'", block.heading
            for item in block.items:
                role = ITEM_KINDS[item.kind].text_font
                for text, font in ((item.text, role), (item.title, "body"), *((e, "body") for e in item.entries)):
                    if text:
                        yield font, f"block '{block.id}'", text
    yield "body", "main message", r.main_message
    c = r.contact
    yield "heading", "clinic name", escape(r.clinic.name)
    yield "heading", "document title", escape(r.title)
    for label, values in (("location name", [c.name]), ("address", c.address), ("phone", [c.phone]),
                          ("email", [c.email]), ("opening hours", c.hours), ("tagline", [c.tagline]),
                          ("disclaimer", [c.disclaimer])):
        for value in values:
            if value:
                yield "body", label, escape(value)


def missing(r: Resolved, fonts: BrandFonts) -> list[Missing]:
    """Characters of ``r`` that the regular or bold face of their role's font family lacks, and that the
    language's fallback family does not have either."""
    out: dict[tuple[str, str], Missing] = {}
    fallback, families = fonts.fallback, fonts.families
    spare = (fallback.regular, fallback.bold) if fallback is not None else ()
    drawable = {role: _drawable((f.regular, f.bold, *spare)) for role, f in fonts.roles.items()}
    for role, where, text in strings(r):
        family_role = "heading" if role == "heading" else "body"
        for ch in _lacking(text, drawable[family_role]):
            out.setdefault((ch, where), Missing(ch, where, families[family_role]))
    return sorted(out.values(), key=lambda m: (m.where, m.char))


def describe(m: Missing) -> str:
    return f"character {m.char!r} (U+{ord(m.char):04X}) in {m.where} is not in font '{m.font}'"


# ---------------------------------------------------------------------------------------------- fallback

_FALLBACK: ContextVar[tuple[frozenset[int], frozenset[int], str] | None] = ContextVar("fallback", default=None)
_TOKENS = re.compile(r"(<[^>]*>|&#?\w+;)")


@contextmanager
def fallback_font(fonts: BrandFonts) -> Iterator[None]:
    """While rendering one document: characters its body font lacks but the fallback family has are set in it."""
    faces, fallback = fonts.roles["body"], fonts.fallback
    if fallback is None:
        yield
        return
    main = covered(faces.regular) & covered(faces.bold)
    spare = covered(fallback.regular) & covered(fallback.bold)
    token = _FALLBACK.set((main, spare, fallback.regular))
    try:
        yield
    finally:
        _FALLBACK.reset(token)


def with_fallback(markup: str) -> str:
    """Wrap runs of characters the main font lacks in ``<font face=…>`` of the fallback family."""
    context = _FALLBACK.get()
    if context is None:
        return markup
    main, spare, face = context
    out: list[str] = []
    for token in _TOKENS.split(markup):
        if not token or token[0] in "<&" and _TOKENS.fullmatch(token):
            out.append(token)
            continue
        run: list[str] = []
        in_fallback = False
        for ch in token:
            needs = ord(ch) not in main and ord(ch) in spare and not ch.isspace()
            if needs != in_fallback and run:
                text = "".join(run)
                out.append(f'<font face="{face}">{text}</font>' if in_fallback else text)
                run = []
            in_fallback = needs
            run.append(ch)
        if run:
            text = "".join(run)
            out.append(f'<font face="{face}">{text}</font>' if in_fallback else text)
    return "".join(out)


_LINKS: ContextVar[bool] = ContextVar("links", default=True)


@contextmanager
def without_links() -> Iterator[None]:
    """While rendering one document: paragraphs keep the words of their links but make no link annotations
    (a print-shop file carries none)."""
    token = _LINKS.set(False)
    try:
        yield
    finally:
        _LINKS.reset(token)


def links_wanted() -> bool:
    """Whether the document being drawn makes link annotations."""
    return _LINKS.get()
