"""Turn a topic's glossary into patterns: a term in running text (phrases, plurals, hyphens), and whether the
text explains it in plain words where it uses it, in English or Spanish."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from handouts.checks.readability.sentences import has_word, plain, split


def _word_pattern(word: str, last: bool) -> str:
    """One word of a term with its plural: 'artery' → arter(y|ies), 'anticoagulants' → anticoagulant(s|es)?,
    'punto' → punto(s|es)? (in Spanish the first word of a phrase takes the plural: puntos gatillo)."""
    if last and len(word) > 2 and word[-1] == "y" and word[-2] not in "aeiou":
        return re.escape(word[:-1]) + "(?:y|ies)"
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return re.escape(word[:-1]) + "(?:s|es)?"
    return re.escape(word) + "(?:s|es)?"


def term_pattern(term: str) -> str:
    """A glossary term as a pattern: case and spacing free, words joined by spaces or hyphens, each word with
    its plural ("trigger points", "puntos gatillo", "arteries"), and the possessive ("piriformis's")."""
    words = term.lower().split()
    parts = [_word_pattern(w, i == len(words) - 1) for i, w in enumerate(words)]
    return r"[\s\-]+".join(parts) + r"(?:['’]s)?"


@lru_cache(maxsize=64)
def glossary_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    patterns = [term_pattern(t) for t in sorted(terms, key=len, reverse=True) if t.strip()]
    if not patterns:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.I)


def uses_term(term: str, texts: Iterable[str] | str) -> bool:
    """Whether the term (or its plural, or a hyphenated form) appears in the text."""
    text = texts if isinstance(texts, str) else " ".join(texts)
    return bool(term.strip()) and re.search(rf"(?<!\w){term_pattern(term)}(?!\w)", text, re.I) is not None


@dataclass(frozen=True)
class Explains:
    """What may follow a term to explain it ("trigger points (tight, tender knots)", "the piriformis, a small
    muscle", "Sciatica is pain …"), what may come before it ("This is called spinal stenosis"), and how the
    next sentence may explain a term that ends one ("… a twitch response. This is a quick tightening")."""

    after: tuple[str, ...]
    before: re.Pattern[str]
    next_sentence: re.Pattern[str]


EXPLAINS = {
    "en": Explains((" is ", " are ", " means ", " – ", " — ", ", a ", ", an ", ", the ", ", which "),
                   re.compile(r"\bcalled\b|\bknown\s+as\b", re.I),
                   re.compile(r"(?:this|these|it)\s+(?:is|are|means|mean)\b", re.I)),
    "es": Explains((" es ", " son ", " significa ", " quiere decir ", " – ", " — ", ", un ", ", una ", ", el ",
                    ", la ", ", los ", ", las ", ", que "),
                   re.compile(r"\bse\s+llaman?\b|\bllamad[oa]s?\b|\bconocid[oa]s?\s+como\b", re.I),
                   re.compile(r"(?:esto|este|esta|estos|estas|es|son)\b(?:\s+(?:es|son|significa|quiere))?", re.I)),
}
_AFTER_WINDOW = re.compile(r"(?:\s*\S+){0,12}")
_BEFORE_WINDOW = re.compile(r"(?:\S+\s*){0,8}$")


def is_explained(term: str, texts: Iterable[str] | str, lang: str = "en") -> bool:
    """Whether a glossary term is explained in plain words somewhere in ``texts``. Within the term's own
    sentence it is followed by a colon ("Piriformis: a small muscle"), or within about 12 words by an opening
    parenthesis or a marker of its language (" is ", " are ", " means ", a dash, ", a ", ", the ", ", which ";
    " es ", " son ", " significa ", ", un ", ", que " …); or it is preceded within about 8 words by "called",
    "known as" ("se llama", "conocido como"); or it stands in parentheses right after the plain words ("a
    collapsed lung (pneumothorax)"); or it ends its sentence and the next one opens with "This is", "These
    are" ("Esto es", "Es …"). Case-insensitive; plural forms count. A marker in an unrelated later sentence
    does not count."""
    if not term.strip():
        return False
    markers = EXPLAINS.get(lang, EXPLAINS["en"])
    pattern = re.compile(rf"(?<!\w){term_pattern(term)}(?!\w)", re.I)
    if isinstance(texts, str):
        texts = [texts]
    for text in texts:
        found = split(" ".join(plain(text).split()))
        for i, sentence in enumerate(found):
            for match in pattern.finditer(sentence):
                rest = sentence[match.end() :]
                if rest.lstrip().startswith((":", "(")):
                    return True
                window = _AFTER_WINDOW.match(sentence, match.end())
                after = (window.group() if window else "").lower() + " "
                if "(" in after or any(marker in after for marker in markers.after):
                    return True
                before = sentence[: match.start()]
                lead = _BEFORE_WINDOW.search(before)
                if lead and markers.before.search(lead.group()):
                    return True
                if before.rstrip().endswith("(") and before.rstrip("( ").strip():
                    return True
                ends_sentence = not has_word(rest)
                if ends_sentence and i + 1 < len(found) and markers.next_sentence.match(found[i + 1]):
                    return True
    return False
