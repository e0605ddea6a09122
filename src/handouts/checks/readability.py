"""Turn running text into reading-level figures: Flesch-Kincaid grade, SMOG, sentence length, "you"-voice."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from handouts.checks.syllables import _EMAIL, _HAS_WORD, _URL, syllables
from handouts.resolve.markup import plain_source

# Patient materials should read at US grade 6–8 (see the "Reading level" notes in the project's literacy
# guide). Only running text is scored: paragraphs, list items and call-out text, never headings.


@dataclass(frozen=True)
class Readability:
    words: int
    sentences: int
    syllables: int
    polysyllables: int  # words of 3+ syllables
    fk_grade: float  # Flesch-Kincaid grade = 0.39*(words/sentences) + 11.8*(syllables/words) - 15.59
    smog: float  # 1.0430*sqrt(polysyllables*30/sentences) + 3.1291
    avg_sentence_words: float
    you_ratio: float  # share of sentences that address the reader or are imperatives
    longest_sentence_words: int


# ------------------------------------------------------------------------------------------------ markup

# A list marker or number at the start of an item ("- ", "• ", "3. ", "3) ") is layout, not text.
_LIST_MARKER = re.compile(r"^\s*(?:[-*+•▪◦]|\d{1,3}[.)])\s+")


def _plain(text: str) -> str:
    """Markup stripped to its text, list numbering dropped, and each URL or e-mail address written as the
    one-syllable word "link", so its dots cannot end a sentence."""
    text = plain_source(text)
    text = _EMAIL.sub("link", _URL.sub("link", text))
    return _LIST_MARKER.sub("", text)


# ------------------------------------------------------------------------------------------------ sentences

# Dots that end these words are part of the word. "no." only when a number follows ("No. 5").
ABBREVIATIONS = frozenset({
    "e.g.", "i.e.", "dr.", "mr.", "mrs.", "ms.", "st.", "etc.", "vs.", "a.m.", "p.m.", "u.s.", "u.k.", "approx.",
    "prof.", "fig.", "ca.", "cf.", "jr.", "sr.", "inc.", "ltd.", "co.", "mt.", "ave.", "rd.", "tel.", "ext.",
    "dept.", "min.", "max.", "incl.", "esp.", "nb.", "n.b.", "wk.", "wks.", "hr.", "hrs.",
})  # fmt: skip
# A terminator ("." "!" "?" "…", possibly repeated) with any closing quotes or brackets, then a space or the end.
# A dot inside a token (2.5, www.example.org, a.m.) is never followed by a space, so it never matches.
_TERMINATOR = re.compile(r"[.!?…]+[\"'”’)\]]*(?=\s|$)")
_LAST_TOKEN = re.compile(r"\S+$")
_NEXT_TOKEN = re.compile(r"\s*(\S)")


def _is_abbreviation(text: str, end: int) -> bool:
    """Whether the dot just before ``end`` belongs to an abbreviation rather than ending a sentence."""
    token = _LAST_TOKEN.search(text, 0, end)
    if token is None:
        return False
    word = token.group().lstrip("(\"'“‘[").lower()
    following = _NEXT_TOKEN.match(text, end)
    next_char = following.group(1) if following else ""
    if word == "no.":
        return next_char.isdigit()
    if word in ABBREVIATIONS:
        return True
    # An unknown abbreviation ("approx." is listed, "wt." is not) is usually followed by a lower-case word.
    return next_char.islower()


def _split(text: str) -> list[str]:
    """Sentences of one piece of plain text; a piece with words but no full stop is one sentence."""
    pieces: list[str] = []
    start = 0
    for match in _TERMINATOR.finditer(text):
        if match.group().rstrip("\"'”’)]") == "." and _is_abbreviation(text, match.start() + 1):
            continue
        pieces.append(text[start : match.end()])
        start = match.end()
    pieces.append(text[start:])
    return [p.strip() for p in pieces if _HAS_WORD.search(p)]


def sentences(texts: Iterable[str]) -> list[str]:
    """Split running text into sentences. Each list item / bullet is passed as its own text and counts as at
    least one sentence even without a full stop. Abbreviation dots ("e.g.", "i.e.", "Dr.", "Mr.", "Mrs.", "St.",
    "etc.", "vs.", "a.m.", "p.m.", "U.S.", "approx.", "No.") and decimal points ("2.5", "7.6 %") do not end a
    sentence. "?" and "!" do. Markup (**bold**, *italic*, [text](url)) is stripped to its text; URLs and e-mail
    addresses count as one word with 1 syllable and never end a sentence: each comes back as the word
    "link"."""
    if isinstance(texts, str):
        texts = [texts]
    out: list[str] = []
    for text in texts:
        out.extend(_split(" ".join(_plain(text).split())))
    return out


# ------------------------------------------------------------------------------------------------ syllables

# ------------------------------------------------------------------------------------------------ score

# Sentences that speak to the reader: "you" words, or an instruction starting with one of these verbs.
YOU_WORDS = frozenset({"you", "your", "yours", "yourself", "yourselves"})
IMPERATIVE_VERBS = frozenset({
    "call", "ask", "keep", "drink", "use", "do", "avoid", "tell", "book", "take", "go", "rest", "move", "walk",
    "stop", "talk", "see", "get", "try", "bring", "wear", "sit", "lie", "stand", "check", "make", "let", "follow",
    "read", "write",
})  # fmt: skip
# Words that may come before the verb of an instruction ("Please call", "Always wear", "Don't lift").
_LEAD_INS = frozenset({"please", "always", "never", "also", "then", "now", "just", "first", "gently", "slowly"})
_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")
_WORD_SEPARATORS = re.compile(r"[\s/–—]+")


def _tokens(sentence: str) -> list[str]:
    return [t.lower().replace("’", "'") for t in _WORD_TOKEN.findall(sentence)]


def is_instruction(sentence: str) -> bool:
    """Whether a sentence tells the reader to do something ("Call us", "Please rest", "Don't lift")."""
    for t in _tokens(sentence):
        if t in ("don't", "do"):
            return True
        if t not in _LEAD_INS:
            return t in IMPERATIVE_VERBS
    return False


def _addresses_reader(sentence: str) -> bool:
    return any(t.split("'")[0] in YOU_WORDS for t in _tokens(sentence)) or is_instruction(sentence)


def _words(sentence: str) -> list[str]:
    """Words of a sentence: whitespace, slashes and dashes separate them; hyphenated words stay one word;
    tokens without a letter or digit ("%", "&") are not words."""
    return [t for t in _WORD_SEPARATORS.split(sentence) if _HAS_WORD.search(t)]


def _term_pattern(term: str) -> str:
    """A glossary term as a pattern: case and spacing free, words joined by spaces or hyphens, with its plural
    ("trigger points", "arteries", "anticoagulant" for "anticoagulants") and possessive forms."""
    words = term.lower().split()
    last = words[-1]
    if len(last) > 2 and last[-1] == "y" and last[-2] not in "aeiou":
        ending = re.escape(last[:-1]) + "(?:y|ies)"
    elif len(last) > 3 and last.endswith("s") and not last.endswith("ss"):
        ending = re.escape(last[:-1]) + "(?:s|es)?"
    else:
        ending = re.escape(last) + "(?:s|es)?"
    return r"[\s\-]+".join([*map(re.escape, words[:-1]), ending]) + r"(?:['’]s)?"


@lru_cache(maxsize=64)
def _glossary_regex(terms: tuple[str, ...]) -> re.Pattern[str] | None:
    patterns = [_term_pattern(t) for t in sorted(terms, key=len, reverse=True) if t.strip()]
    if not patterns:
        return None
    return re.compile(rf"(?<!\w)(?:{'|'.join(patterns)})(?!\w)", re.I)


def score(texts: Iterable[str], glossary: Iterable[str] = ()) -> Readability:
    """Score running text only (the caller passes paragraphs, list items and call-out text; never headings).
    Glossary terms (case-insensitive, multi-word terms like "dry needling" and "trigger point" matched as
    phrases, plural "s"/"es" forms too) are removed from the text before counting words and syllables, as
    literacy.md says: one defined medical word should not inflate a short block's score. Empty input → zeros
    (fk_grade and smog 0.0), never a ZeroDivisionError.

    Sentences are counted before glossary terms are removed, so a bullet that is only a defined term still
    counts as a sentence. Grades and the average sentence length are rounded to 2 decimals, you_ratio to 3."""
    found = sentences(texts)
    remove = _glossary_regex(tuple(glossary))
    lengths: list[int] = []
    total_syllables = polysyllables = addressed = 0
    for sentence in found:
        addressed += _addresses_reader(sentence)
        words = _words(remove.sub(" ", sentence) if remove else sentence)
        lengths.append(len(words))
        for word in words:
            count = syllables(word)
            total_syllables += count
            polysyllables += count >= 3
    n_sentences, n_words = len(found), sum(lengths)
    if not n_sentences or not n_words:
        return Readability(
            n_words,
            n_sentences,
            total_syllables,
            polysyllables,
            0.0,
            0.0,
            0.0,
            round(addressed / n_sentences, 3) if n_sentences else 0.0,
            max(lengths, default=0),
        )
    fk = 0.39 * (n_words / n_sentences) + 11.8 * (total_syllables / n_words) - 15.59
    smog = 1.0430 * math.sqrt(polysyllables * 30 / n_sentences) + 3.1291
    return Readability(
        words=n_words,
        sentences=n_sentences,
        syllables=total_syllables,
        polysyllables=polysyllables,
        fk_grade=round(fk, 2),
        smog=round(smog, 2),
        avg_sentence_words=round(n_words / n_sentences, 2),
        you_ratio=round(addressed / n_sentences, 3),
        longest_sentence_words=max(lengths),
    )


# ------------------------------------------------------------------------------------------------ glossary

# What may follow a term to explain it ("trigger points (tight, tender knots)", "the piriformis, a small
# muscle", "Sciatica is pain ..."), and what may come before it ("This is called spinal stenosis").
_EXPLAINED_AFTER = ("(", " is ", " are ", " means ", " – ", " — ", ", a ", ", the ", ", which ")
_EXPLAINED_BEFORE = re.compile(r"\bcalled\b|\bknown\s+as\b", re.I)
_AFTER_WINDOW = re.compile(r"(?:\s*\S+){0,12}")
_BEFORE_WINDOW = re.compile(r"(?:\S+\s*){0,8}$")
_EXPLAINED_NEXT = re.compile(r"(?:this|these)\s+(?:is|are|means|mean)\b", re.I)


def is_explained(term: str, texts: Iterable[str]) -> bool:
    """Whether a glossary term is explained in plain words somewhere in ``texts``. Within the term's own
    sentence it is followed within about 12 words by an opening parenthesis, " is ", " are ", " means ", a dash,
    ", a ", ", the " or ", which "; or preceded within about 8 words by "called" or "known as" ("This is
    called spinal stenosis"); or it stands in parentheses right after the plain words ("a collapsed lung
    (pneumothorax)"); or it ends its sentence and the next one opens with "This is", "This means", "These are"
    ("... a twitch response. This is a quick tightening"). Case-insensitive; plural forms count. A marker in
    an unrelated later sentence does not count."""
    if not term.strip():
        return False
    pattern = re.compile(rf"(?<!\w){_term_pattern(term)}(?!\w)", re.I)
    if isinstance(texts, str):
        texts = [texts]
    for text in texts:
        found = _split(" ".join(_plain(text).split()))
        for i, sentence in enumerate(found):
            for match in pattern.finditer(sentence):
                window = _AFTER_WINDOW.match(sentence, match.end())
                after = (window.group() if window else "").lower() + " "
                if any(marker in after for marker in _EXPLAINED_AFTER):
                    return True
                before = sentence[: match.start()]
                lead = _BEFORE_WINDOW.search(before)
                if lead and _EXPLAINED_BEFORE.search(lead.group()):
                    return True
                if before.rstrip().endswith("(") and before.rstrip("( ").strip():
                    return True
                ends_sentence = not _HAS_WORD.search(sentence[match.end() :])
                if ends_sentence and i + 1 < len(found) and _EXPLAINED_NEXT.match(found[i + 1]):
                    return True
    return False
