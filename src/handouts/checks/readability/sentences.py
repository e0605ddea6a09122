"""Turn running text into what the formulas count: plain text (markup, list numbers, links and abbreviation dots
left out), its sentences, and the words of a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable

from handouts.resolve.markup import plain_source

_HAS_WORD = re.compile(r"[^\W_]")
URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]*[^\s<>\"'.,;:!?)\]]", re.I)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINKLIKE = re.compile(rf"^(?:{URL.pattern}|{EMAIL.pattern}|mailto:\S+|tel:\S+)$", re.I)

# A list marker or number at the start of an item ("- ", "• ", "3. ", "3) ") is layout, not text.
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•▪◦]|\d{1,3}[.)])\s+")

# Dots that end these words are part of the word. "no." only when a number follows ("No. 5").
ABBREVIATIONS = frozenset({
    # English
    "e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "st.", "etc.", "vs.", "a.m.", "p.m.", "u.s.", "u.k.", "approx.",
    "prof.", "fig.", "ca.", "cf.", "jr.", "sr.", "inc.", "ltd.", "co.", "mt.", "ave.", "rd.", "tel.", "ext.",
    "dept.", "min.", "max.", "incl.", "esp.", "nb.", "n.b.", "wk.", "wks.", "hr.", "hrs.",
    # Spanish
    "sra.", "srta.", "dra.", "ud.", "uds.", "núm.", "pág.", "ee.", "uu.", "aprox.", "p.", "a.", "m.",
})  # fmt: skip
# A terminator ("." "!" "?" "…", possibly repeated) with any closing quotes or brackets, then a space or the end.
# A dot inside a token (2.5, www.example.org, a.m.) is never followed by a space, so it never matches.
_TERMINATOR = re.compile(r"[.!?…]+[\"'”’»)\]]*(?=\s|$)")
_LAST_TOKEN = re.compile(r"\S+$")
_NEXT_TOKEN = re.compile(r"\s*(\S)")
_WORD_SEPARATORS = re.compile(r"[\s/–—]+")


def has_word(text: str) -> bool:
    return bool(_HAS_WORD.search(text))


def plain(text: str) -> str:
    """Markup stripped to its text, list numbering dropped, and each URL or e-mail address written as the
    one-syllable word "link", so its dots cannot end a sentence."""
    text = plain_source(text)
    text = EMAIL.sub("link", URL.sub("link", text))
    return _LIST_MARKER.sub("", text)


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the dot just before ``end`` belongs to an abbreviation rather than ending a sentence."""
    token = _LAST_TOKEN.search(text, 0, end)
    if token is None:
        return False
    word = token.group().lstrip("(\"'“‘«¿¡[").lower()
    following = _NEXT_TOKEN.match(text, end)
    next_char = following.group(1) if following else ""
    if word == "no.":
        return next_char.isdigit()
    if word in ABBREVIATIONS and (len(word) > 2 or next_char.islower() or not next_char):
        return True  # one-letter abbreviations ("a. m.") only before a lower-case word
    # An unknown abbreviation ("approx." is listed, "wt." is not) is usually followed by a lower-case word.
    return next_char.islower()


def split(text: str) -> list[str]:
    """Sentences of one piece of plain text; a piece with words but no full stop is one sentence."""
    pieces: list[str] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        if match.group().rstrip("\"'”’»)]") == "." and _is_abbreviation(text, match.start() + 1):
            continue
        pieces.append(text[start : match.end()])
        start = match.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if _HAS_WORD.search(p)]


def sentences(texts: Iterable[str] | str) -> list[str]:
    """Split running text into sentences. Each list item / bullet is passed as its own text and counts as at
    least one sentence even without a full stop. Abbreviation dots ("e.g.", "Dr.", "a.m.", "U.S.", "approx.",
    "No." before a number; "Sra.", "a. m.", "EE. UU." in Spanish) and decimal points ("2.5", "7.6 %") do not end
    a sentence; "?", "!" and "…" do. Markup (**bold**, *italic*, [text](url)) is stripped to its text; URLs and
    e-mail addresses count as one word of one syllable and never end a sentence: each comes back as "link"."""
    if isinstance(texts, str):
        texts = [texts]
    out: list[str] = []
    for text in texts:
        out.extend(split(" ".join(plain(text).split())))
    return out


def words(sentence: str) -> list[str]:
    """Words of a sentence: whitespace, slashes and dashes separate them; hyphenated words stay one word;
    tokens without a letter or digit ("%", "&", "¿") are not words."""
    return [t for t in _WORD_SEPARATORS.split(sentence) if _HAS_WORD.search(t)]
