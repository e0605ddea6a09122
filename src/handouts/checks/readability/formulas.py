"""Turn running text into reading-level figures, the way published tools compute them: Flesch-Kincaid grade,
SMOG and Flesch reading ease for English; Fernández-Huerta and Szigriszt-Pazos (the INFLESZ scale) for
Spanish; with sentence length and the share of sentences that speak to the reader."""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from handouts.checks.readability import english, spanish
from handouts.checks.readability.glossary import glossary_regex
from handouts.checks.readability.sentences import sentences, words
from handouts.checks.readability.voice import addresses_reader


@dataclass(frozen=True)
class Counts:
    words: int
    sentences: int
    syllables: int
    polysyllables: int  # words of 3+ syllables


@dataclass(frozen=True)
class Formula:
    """One published readability formula: its name as reported, whether a higher value reads easier, and the
    formula on a text's counts."""

    key: str
    label: str
    higher_is_easier: bool
    compute: Callable[[Counts], float]


# Flesch-Kincaid grade = 0.39 × words/sentence + 11.8 × syllables/word − 15.59 (Kincaid et al., 1975)
# SMOG grade = 1.0430 × √(polysyllables × 30 / sentences) + 3.1291 (McLaughlin, 1969)
# Flesch reading ease = 206.835 − 1.015 × words/sentence − 84.6 × syllables/word (Flesch, 1948)
# Fernández-Huerta = 206.84 − 0.60 × syllables per 100 words − 1.02 × words/sentence (Fernández Huerta, 1959,
#   with the sentence term as corrected by later work and as textstat computes it)
# Szigriszt-Pazos perspicuity = 206.835 − 62.3 × syllables/word − words/sentence (Szigriszt Pazos, 1993),
#   read on the INFLESZ scale (Barrio-Cantalejo et al., 2008)
ENGLISH_FORMULAS = (
    Formula("fk_grade", "Flesch-Kincaid grade", False,
            lambda c: 0.39 * c.words / c.sentences + 11.8 * c.syllables / c.words - 15.59),
    Formula("smog", "SMOG grade", False, lambda c: 1.0430 * math.sqrt(c.polysyllables * 30 / c.sentences) + 3.1291),
    Formula("flesch_ease", "Flesch reading ease", True,
            lambda c: 206.835 - 1.015 * c.words / c.sentences - 84.6 * c.syllables / c.words),
)
SPANISH_FORMULAS = (
    Formula("fernandez_huerta", "Fernández-Huerta", True,
            lambda c: 206.84 - 0.60 * 100 * c.syllables / c.words - 1.02 * c.words / c.sentences),
    Formula("szigriszt_pazos", "Szigriszt-Pazos (INFLESZ)", True,
            lambda c: 206.835 - 62.3 * c.syllables / c.words - c.words / c.sentences),
)
FORMULAS: dict[str, tuple[Formula, ...]] = {"en": ENGLISH_FORMULAS, "es": SPANISH_FORMULAS}
SYLLABLES: dict[str, Callable[[str], int]] = {"en": english.syllables, "es": spanish.syllables}


def formula(key: str) -> Formula:
    return next(f for fs in FORMULAS.values() for f in fs if f.key == key)


@dataclass(frozen=True)
class Readability:
    """Figures for one text in one language. ``scores`` holds the language's formulas by key (empty for a
    language without formulas, or for text without words)."""

    lang: str
    words: int
    sentences: int
    syllables: int
    polysyllables: int
    avg_sentence_words: float
    you_ratio: float  # share of sentences that address the reader or are instructions
    longest_sentence_words: int
    scores: dict[str, float] = field(default_factory=dict)

    @property
    def fk_grade(self) -> float:
        return self.scores.get("fk_grade", 0.0)

    @property
    def smog(self) -> float:
        return self.scores.get("smog", 0.0)

    def to_json(self) -> dict[str, object]:
        return {"words": self.words, "sentences": self.sentences, "syllables": self.syllables,
                "polysyllables": self.polysyllables, "avg_sentence_words": self.avg_sentence_words,
                "you_ratio": self.you_ratio, "longest_sentence_words": self.longest_sentence_words, **self.scores}


def score(texts: Iterable[str] | str, glossary: Iterable[str] = (), lang: str = "en") -> Readability:
    """Score running text only (the caller passes paragraphs, list items and call-out text; never headings).

    With no ``glossary`` this is the standard figure, as textstat or Readable compute it. Glossary terms
    (case-insensitive; multi-word terms such as "dry needling" matched as phrases, plurals too) are otherwise
    removed before words and syllables are counted: one defined medical word then cannot inflate a short
    block's score. Sentences are counted first, so a bullet that is only a defined term still counts as one.

    Empty input gives zero counts and no scores, never a ZeroDivisionError. Scores and the average sentence
    length are rounded to 2 decimals, the "you" ratio to 3."""
    found = sentences(texts)
    remove = glossary_regex(tuple(glossary))
    count = SYLLABLES.get(lang, english.syllables)
    lengths: list[int] = []
    total_syllables = polysyllables = addressed = 0
    for sentence in found:
        addressed += addresses_reader(sentence, lang)
        sentence_words = words(remove.sub(" ", sentence) if remove else sentence)
        lengths.append(len(sentence_words))
        for word in sentence_words:
            n = count(word)
            total_syllables += n
            polysyllables += n >= 3
    counts = Counts(sum(lengths), len(found), total_syllables, polysyllables)
    scores = {}
    if counts.words and counts.sentences:
        scores = {f.key: round(f.compute(counts), 2) for f in FORMULAS.get(lang, ())}
    return Readability(
        lang=lang,
        words=counts.words,
        sentences=counts.sentences,
        syllables=counts.syllables,
        polysyllables=counts.polysyllables,
        avg_sentence_words=round(counts.words / counts.sentences, 2) if counts.sentences else 0.0,
        you_ratio=round(addressed / counts.sentences, 3) if counts.sentences else 0.0,
        longest_sentence_words=max(lengths, default=0),
        scores=scores,
    )


@dataclass(frozen=True)
class Figures:
    """The standard figure (glossary terms kept, comparable with other tools) and the glossary-excluded one."""

    standard: Readability
    glossary_excluded: Readability

    def to_json(self) -> dict[str, object]:
        return {"lang": self.standard.lang, "standard": self.standard.to_json(),
                "glossary_excluded": self.glossary_excluded.to_json()}


def measure(texts: Iterable[str], glossary: Iterable[str], lang: str) -> Figures:
    texts = list(texts)
    return Figures(score(texts, (), lang), score(texts, glossary, lang))
