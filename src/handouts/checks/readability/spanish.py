"""Turn Spanish words into syllable counts from their vowels: a diphthong or triphthong (an unstressed i or u
beside another vowel) is one syllable, a hiatus (two strong vowels, or an accented í or ú) is two; the silent u
of que, qui, gue and gui and a final y after a vowel are not syllables of their own."""

from __future__ import annotations

import re
from functools import lru_cache

from handouts.checks.readability.sentences import LINKLIKE, has_word

STRONG = frozenset("aeoáéóíú")  # open vowels, and i or u carrying the stress (día, baúl): they start a syllable
WEAK = frozenset("iuü")  # closed vowels without an accent: they join a neighbour (cie-lo, cuí-da-te, buey)
VOWELS = STRONG | WEAK

_RUNS = re.compile(r"[^\W\d_]+|\d+")
_SILENT_U = re.compile(r"(?<=[qg])u(?=[eiéí])")  # que, qui, gue, gui: the u is not sounded (güe, güi: it is)


def _letters(word: str) -> str:
    """The letters that can be vowels, with the silent u of que/qui/gue/gui and a consonant y marked as
    consonants ('_'); a final y after a vowel (hoy, muy, Uruguay) is a closed vowel; the word "y" is one."""
    word = _SILENT_U.sub("_", word)
    if word == "y":
        return "i"
    if word.endswith("y") and len(word) > 1 and word[-2] in VOWELS:
        word = word[:-1] + "i"
    return word


@lru_cache(maxsize=8192)
def _word_syllables(word: str) -> int:
    """Syllables of one run of lower-case letters: one per vowel group, plus one for each hiatus inside a
    group. An h between vowels does not part them (pro-hi-bir, rehu-sar); two equal vowels are a hiatus
    (le-er, chi-i-ta)."""
    letters = _letters(word)
    count = 0
    previous = ""  # the vowel just before, across an h; "" after a consonant
    for ch in letters:
        if ch == "h":
            continue
        if ch not in VOWELS:
            previous = ""
            continue
        if not previous:
            count += 1
        elif (previous in STRONG and ch in STRONG) or previous == ch:
            count += 1  # hiatus: po-e-ta, dí-a, pa-ís, le-er
        previous = ch
    return max(1, count)


def syllables(word: str) -> int:
    """Spanish syllable count of one word as written ("¿Cuántas?", "anti-inflamatorio", "10,000").

    Numbers count 1 syllable per digit group ("13" = 1, "10,000" = 2), as in the English count, and a URL or
    e-mail address counts 1; a token without a letter or digit counts 0."""
    token = word.strip().strip("\"'“”‘’«»()[]{}<>.,;:!?¿¡…*_")
    if not has_word(token):
        return 0
    if LINKLIKE.match(token):
        return 1
    total = 0
    for part in re.split(r"[-–—/]+", token.lower()):
        for run in _RUNS.findall(part):
            total += 1 if run[0].isdigit() else _word_syllables(run)
    return max(1, total)
