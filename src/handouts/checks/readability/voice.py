"""Turn sentences into who they speak to: whether a sentence addresses the reader ("you", or an instruction)
and whether it tells the reader to do something, in English and Spanish."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_WORD_TOKEN = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)*")


@dataclass(frozen=True)
class Voice:
    you_words: frozenset[str]  # words that address the reader
    verbs: frozenset[str]  # instruction verbs, as they start a sentence (accents removed)
    lead_ins: frozenset[str]  # words that may come before the verb ("please", "always")
    negations: frozenset[str]  # "don't", "no": an instruction when a listed verb follows (or always, for "do")


ENGLISH = Voice(
    you_words=frozenset({"you", "your", "yours", "yourself", "yourselves"}),
    verbs=frozenset({
        "call", "ask", "keep", "drink", "use", "do", "avoid", "tell", "book", "take", "go", "rest", "move", "walk",
        "stop", "talk", "see", "get", "try", "bring", "wear", "sit", "lie", "stand", "check", "make", "let", "follow",
        "read", "write", "say", "learn", "know", "put", "apply", "eat", "sleep", "plan", "bend", "stretch", "lift",
        "press", "hold", "repeat", "breathe", "wait", "visit", "phone", "contact", "show", "tick",
    }),  # fmt: skip
    lead_ins=frozenset({"please", "always", "never", "also", "then", "now", "just", "first", "gently", "slowly"}),
    negations=frozenset({"don't", "do"}),
)
SPANISH = Voice(
    you_words=frozenset({"usted", "ustedes", "su", "sus", "suyo", "suya", "suyos", "suyas", "le", "les"}),
    verbs=frozenset({
        "llame", "llamenos", "pida", "pregunte", "preguntenos", "siga", "tome", "use", "haga", "evite", "digale",
        "diga", "cuentele", "cuente", "acuestese", "hable", "busque", "conozca", "vaya", "consulte", "descanse",
        "camine", "beba", "mantenga", "muevase", "aplique", "lea", "escriba", "traiga", "lleve", "deje", "reciba",
        "espere", "pare", "marque", "avisenos", "avise", "venga", "anote", "revise", "tenga", "estire", "respire",
        "acepte", "coma", "duerma", "repita", "sientese", "levantese", "apoye", "ponga", "quite", "visite",
    }),  # fmt: skip
    lead_ins=frozenset({"por", "favor", "siempre", "tambien", "luego", "ahora", "primero", "despues", "nunca"}),
    negations=frozenset({"no", "nunca"}),
)
VOICES = {"en": ENGLISH, "es": SPANISH}


def _fold(token: str) -> str:
    """Lower case without accents and with a plain apostrophe: 'Llámenos' → 'llamenos'."""
    token = token.lower().replace("’", "'")
    return "".join(c for c in unicodedata.normalize("NFD", token) if not unicodedata.combining(c))


def tokens(sentence: str) -> list[str]:
    return [_fold(t) for t in _WORD_TOKEN.findall(sentence)]


def voice(lang: str) -> Voice:
    return VOICES.get(lang, ENGLISH)


def is_instruction(sentence: str, lang: str = "en") -> bool:
    """Whether a sentence tells the reader to do something: it opens (after "please", "always", …) with an
    instruction verb ("Call us", "Please rest", "Llámenos", "Siga…"), or with a negation and such a verb
    ("Don't lift", "Do not stop", "No deje de tomarlo")."""
    v = voice(lang)
    found = tokens(sentence)
    for i, t in enumerate(found):
        if t in v.lead_ins:
            continue
        if t in v.negations:
            if t in ("don't", "do"):
                return True
            following = found[i + 1] if i + 1 < len(found) else ""
            return following in v.verbs
        return t in v.verbs
    return False


def addresses_reader(sentence: str, lang: str = "en") -> bool:
    """Whether a sentence speaks to the reader: a "you" word ("you", "your"; "usted", "su") or an instruction."""
    v = voice(lang)
    return any(t.split("'")[0] in v.you_words for t in tokens(sentence)) or is_instruction(sentence, lang)
