"""Turn running text into reading-level figures in its own language: sentences and words, syllables (English
and Spanish rules), the published formulas (Flesch-Kincaid, SMOG, Flesch reading ease; Fernández-Huerta,
Szigriszt-Pazos/INFLESZ), "you"-voice and instructions, and whether a glossary term is explained."""

from __future__ import annotations

from handouts.checks.readability.english import syllables
from handouts.checks.readability.formulas import (
    FORMULAS,
    Figures,
    Formula,
    Readability,
    formula,
    measure,
    score,
)
from handouts.checks.readability.glossary import is_explained, uses_term
from handouts.checks.readability.sentences import sentences
from handouts.checks.readability.spanish import syllables as spanish_syllables
from handouts.checks.readability.voice import addresses_reader, is_instruction

__all__ = ["FORMULAS", "Figures", "Formula", "Readability", "addresses_reader", "formula", "is_explained",
           "is_instruction", "measure", "score", "sentences", "spanish_syllables", "syllables", "uses_term"]
