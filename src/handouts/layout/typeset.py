"""Turn running text and a document's names into text that sets well in narrow panels: non-breaking spaces that
keep "7 p. m.", "24 h", a number and its unit and a phone number whole; names, glossary terms, link text, URLs
and e-mail addresses that are never hyphenated; a hyphenator that leaves at least three letters on each side; and
URLs set on their own lines that break only after ``/ . ? & = -``.

The rules hold for one document while it is drawn (``typesetting``): its glossary terms, clinic and location
names and phone numbers are the ones protected."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

import pyphen
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.layout import reuse
from handouts.xmltext import escape

NBSP = "\u00a0"
MIN_LEFT = MIN_RIGHT = 3  # letters a hyphenation leaves on each side of the break
MAX_HYPHEN_RUN = 2  # hyphenated line ends in a row, at most
HYPHENATION = {"en": "en_US", "es": "es", "fr": "fr", "de": "de", "pt": "pt_PT", "it": "it_IT", "nl": "nl_NL"}

# Units that stay on the line of their number: measures, and spans of time in the languages of the demo.
UNITS = ("h", "min", "mm", "cm", "km", "kg", "mg", "ml", "%", "°C", "°F", "hours", "hour", "hrs", "days", "day",
         "weeks", "week", "months", "month", "years", "year", "minutes", "minute", "seconds", "horas", "hora", "días",
         "día", "semanas", "semana", "meses", "mes", "años", "año", "minutos", "minuto", "segundos")
_UNIT = re.compile(r"(?<=\d) (?=(?:" + "|".join(re.escape(u) for u in sorted(UNITS, key=len, reverse=True))
                   + r")(?![\w°]))")
_MERIDIEM = re.compile(r"\b([ap])\. ?m\.", re.I)  # "p. m." (Spanish) and "p.m."
_BEFORE_MERIDIEM = re.compile(r"(?<=\d) (?=[ap]\.\u00a0?m\.)", re.I)
# A phone number: an optional "+", then groups of digits (some in brackets) joined by spaces, dots or hyphens,
# with at least 7 digits in all; an extension ("ext. 12", "x12") may follow and may go to the next line.
_PHONE = re.compile(r"(?<![\w+])(\+?\(?\d[\d()]*\)?(?:[ .\-]\(?\d+\)?){1,6})"
                    r"((?: |\u00a0)(?:ext\.?|extn\.?|x|ext|extensión|anexo) ?\d{1,6})?(?![\w])", re.I)
_URL = re.compile(r"(?:https?://|www\.)[^\s<]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)+/[^\s<]*")
_TAG = re.compile(r"(<[^>]*>)")
URL_BREAK_AFTER = "/.?&=-"


def hyphenation_language(lang: str) -> str | None:
    """pyphen's dictionary for a language, where pyphen has one."""
    code = HYPHENATION.get(lang, lang)
    return code if code in pyphen.LANGUAGES else None


class Hyphenator:
    """ReportLab's hyphenation callback: the break points of a word, keeping three letters on each side, never
    in a word that starts with a capital (a name, even one the data does not list). ``refused`` holds the words
    a paragraph being broken must not hyphenate (to keep runs of hyphenated lines short)."""

    def __init__(self, code: str):
        self.code = code
        self.dictionary = pyphen.Pyphen(lang=code, left=MIN_LEFT, right=MIN_RIGHT)
        self.refused: frozenset[str] = frozenset()

    def __call__(self, word: str) -> Iterator[tuple[str, str]]:
        if not word[:1].islower() or word in self.refused or not word.isalpha():
            return iter(())
        return self.dictionary.iterate(word)

    def __repr__(self) -> str:  # ParagraphStyle prints it in its listing
        return f"Hyphenator({self.code!r})"


@lru_cache(maxsize=16)
def hyphenator(lang: str) -> Hyphenator | None:
    code = hyphenation_language(lang)
    return Hyphenator(code) if code else None


# ------------------------------------------------------------------------------------------ document rules


@dataclass(frozen=True)
class TypesetRules:
    """What one document protects beyond URLs, e-mail addresses and phone numbers: phrases never hyphenated
    (its clinic and location names, its glossary terms)."""

    phrases: tuple[str, ...] = ()
    # each phrase with its markup in lower case
    _lowered: tuple[tuple[str, str], ...] = field(default=(), compare=False, repr=False)

    @classmethod
    def of(cls, phrases: Iterable[str]) -> TypesetRules:
        kept = sorted({p.strip() for p in phrases if p and p.strip()}, key=len, reverse=True)
        return cls(tuple(kept), tuple((p, escape(p).lower()) for p in kept))

    def within(self, markup: str) -> tuple[str, ...]:
        """The phrases that occur in ``markup`` (only they can change how it is set)."""
        lowered = markup.lower()
        return tuple([p for p, low in self._lowered if low in lowered])


_RULES: ContextVar[TypesetRules | None] = ContextVar("typeset_rules", default=None)


@contextmanager
def typesetting(rules: TypesetRules) -> Iterator[None]:
    """While one document is drawn, every paragraph follows ``rules``."""
    token = _RULES.set(rules)
    try:
        yield
    finally:
        _RULES.reset(token)


def current_rules() -> TypesetRules | None:
    """The rules of the document being drawn."""
    return _RULES.get()


def _nobr(text: str) -> str:
    return f"<nobr>{text}</nobr>"


def _phone(match: re.Match[str]) -> str:
    number, extension = match.group(1), match.group(2) or ""
    if sum(ch.isdigit() for ch in number) < 7:
        return match.group(0)
    whole = _nobr(number.replace(" ", NBSP))
    if extension:  # the extension may start the next line, but stays whole
        whole += " " + _nobr(extension.strip().replace(" ", NBSP))
    return whole


def spaces(text: str) -> str:
    """Plain text (no tags) with non-breaking spaces in "7 p. m.", "24 h", "48 hours" and phone numbers."""
    text = _MERIDIEM.sub(lambda m: f"{m.group(1)}.{NBSP}m.", text)
    text = _BEFORE_MERIDIEM.sub(NBSP, text)
    text = _UNIT.sub(NBSP, text)
    return text


def typeset(markup: str) -> str:
    """Paragraph markup with the rules of the document being drawn applied (unchanged outside a document):
    non-breaking spaces, and ``<nobr>`` (no hyphenation) round names, glossary terms, phone numbers, URLs,
    e-mail addresses and link text."""
    rules = _RULES.get()
    if rules is None:
        return markup
    if not reuse.ENABLED:
        return _typeset(markup, rules)
    # Documents of a chain set the same markup under rules that differ only in phrases it does not contain
    # (another location's name): the result is the same, so it is worked out once per process.
    key = (markup, rules.within(markup))
    done = _SET.get(key)
    if done is None:
        done = _SET[key] = _typeset(markup, rules)
        if len(_SET) > _KEEP:
            del _SET[next(iter(_SET))]
    return done


_KEEP = 8192  # markup remembered; the oldest is forgotten first
_SET: dict[tuple[str, tuple[str, ...]], str] = {}


@lru_cache(maxsize=512)
def _pattern_of(phrases: tuple[str, ...]) -> re.Pattern[str] | None:
    """The phrases (longest first), each also in the plural ("trigger points", "anticoagulantes"), as one pattern:
    made for the phrases a text holds, which a chain's documents share (a glossary term, not a location's name)."""
    if not phrases:
        return None
    alternatives = "|".join(re.escape(escape(p)) for p in phrases)
    return re.compile(rf"(?<![\w&])(?:{alternatives})(?:e?s)?(?!\w)", re.I)


def _phrase_spans(text: str, phrases: tuple[str, ...]) -> list[tuple[int, int]] | None:
    """Where ``_pattern_of(phrases)`` matches ``text``, found without compiling it (a location's name makes a
    pattern of its own for each location; compiling it cost more than setting the text): each phrase, longest
    first, case-insensitive, with an optional plural, not inside a word or after ``&``. None when text or phrases
    hold a character beyond Latin-1 and general punctuation (dashes, quotes): within those, ``str.lower`` keeps
    every character one character and two characters are the same letter exactly when ``re`` ignoring case says
    so (beyond them, ``re`` also pairs the long s with s, the Kelvin sign with k and more)."""
    if _BEYOND.search(text) or any(_BEYOND.search(p) for p in phrases):
        return None
    low = text.lower()
    wanted = [escape(p).lower() for p in phrases]
    starts = sorted({at for phrase in wanted for at in _occurrences(low, phrase)})
    spans: list[tuple[int, int]] = []
    after = 0
    for start in starts:
        if start < after or (start and (_word(low[start - 1]) or low[start - 1] == "&")):
            continue
        for phrase in wanted:
            if not low.startswith(phrase, start):
                continue
            end = start + len(phrase)
            ends = [end + len(suffix) for suffix in ("es", "s") if low.startswith(suffix, end)] + [end]
            found = next((e for e in ends if e == len(low) or not _word(low[e])), None)
            if found is not None:
                spans.append((start, found))
                after = found
                break
    return spans


_BEYOND = re.compile("[^\x00-\xff\u2000-\u206f]")


def _occurrences(text: str, phrase: str) -> Iterator[int]:
    at = text.find(phrase)
    while at >= 0:
        yield at
        at = text.find(phrase, at + 1)


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _typeset(markup: str, rules: TypesetRules) -> str:
    phrases = rules.within(markup)
    out: list[str] = []
    guarded = 0  # inside <a> or <nobr>: already protected
    for piece in _TAG.split(markup):
        if not piece:
            continue
        if piece.startswith("<"):
            name = piece[1:].lstrip("/").split(None, 1)[0].rstrip("/>").lower() if len(piece) > 2 else ""
            if name in ("a", "nobr"):
                if piece.startswith("</"):
                    guarded -= 1
                    out.append("</nobr>" + piece if name == "a" else piece)
                else:
                    guarded += 1
                    out.append(piece + "<nobr>" if name == "a" else piece)
            else:
                out.append(piece)
            continue
        text = spaces(piece)
        if not guarded:
            text = _protect(text, phrases)
        out.append(text)
    return "".join(out)


def _protect(text: str, phrases: tuple[str, ...]) -> str:
    """Wrap URLs, e-mail addresses, phone numbers and protected phrases of plain text in ``<nobr>``."""
    parts: list[str] = []
    last = 0
    spans: list[tuple[int, int, str]] = []
    for kind, make in ((_URL, lambda m: _nobr(m.group(0))), (_PHONE, _phone)):
        for m in kind.finditer(text):
            if not any(s <= m.start() < e or s < m.end() <= e for s, e, _ in spans):
                spans.append((m.start(), m.end(), make(m)))
    if phrases:
        found = _phrase_spans(text, phrases)
        if found is None:
            pattern = _pattern_of(phrases)
            found = [m.span() for m in pattern.finditer(text)] if pattern is not None else []
        for start, end in found:
            if not any(s < end and start < e for s, e, _ in spans):
                spans.append((start, end, _nobr(text[start:end])))
    for start, end, replacement in sorted(spans):
        parts += [text[last:start], replacement]
        last = end
    parts.append(text[last:])
    return "".join(parts)


# ------------------------------------------------------------------------------------------- URLs on lines


def address_lines(address: str, width: float, font: str, size: float) -> list[str] | None:
    """A URL or e-mail address broken into lines no wider than ``width``, only after ``/ . ? & = -`` (and
    before ``@``); None if one piece between two break points is wider than the line."""
    points = [i + 1 for i, ch in enumerate(address[:-1]) if ch in URL_BREAK_AFTER]
    points += [i for i, ch in enumerate(address) if ch == "@" and i > 0]
    points = sorted(set(points)) + [len(address)]
    lines: list[str] = []
    start = 0
    while start < len(address):
        end = None
        for point in points:
            if point <= start:
                continue
            if stringWidth(address[start:point], font, size) <= width + 1e-6:
                end = point
            else:
                break
        if end is None:
            return None
        lines.append(address[start:end])
        start = end
    return lines


def address_markup(address: str, width: float, font: str, size: float) -> str | None:
    """``address_lines`` as paragraph markup (escaped, joined by line breaks)."""
    lines = address_lines(address, width, font, size)
    return None if lines is None else "<br/>".join(_nobr(escape(line)) for line in lines)
