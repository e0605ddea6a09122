"""Reading-level figures: syllables, sentence splitting, Flesch-Kincaid and SMOG by hand, glossary removal,
"you"-voice, and whether a term is explained."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
import yaml

from handouts.checks.readability import is_explained, score, sentences, syllables
from handouts.checks.text import running_text
from handouts.load.models import Block

TOPIC = Path(__file__).resolve().parents[2] / "content/topics/dry-needling-sciatica"


@pytest.mark.parametrize(("word", "count"), [
    ("table", 2), ("make", 1), ("jumped", 1), ("needed", 2), ("rhythm", 2), ("by", 1), ("happy", 2),
    ("every", 2), ("sciatica", 4), ("pressure", 2), ("lines", 1), ("pieces", 2), ("therapist", 3),
    ("muscle", 2), ("whole", 1), ("inflammation", 4), ("people", 2), ("2026", 1), ("7.6", 2), ("twitch", 1),
])
def test_syllables(word, count):
    assert syllables(word) == count


def test_sentences_ignore_abbreviations_decimals_and_urls():
    assert sentences(["Take 2.5 mg, e.g. with food. Then rest! Visit https://x.example/a.b now.", "A bullet"]) \
        == ["Take 2.5 mg, e.g. with food.", "Then rest!", "Visit link now.", "A bullet"]
    assert sentences(["**Call** [us](https://a.example) today?"]) == ["Call us today?"]


def test_formulas_by_hand():
    text = ["The cat sat on the mat.", "It was a very happy animal."]
    # 12 words, 2 sentences; syllables 6 + (1+1+1+2+2+3) = 16; polysyllables: "animal" (3) = 1
    figures = score(text)
    assert (figures.words, figures.sentences, figures.syllables, figures.polysyllables) == (12, 2, 16, 1)
    assert figures.fk_grade == pytest.approx(round(0.39 * 12 / 2 + 11.8 * 16 / 12 - 15.59, 2))
    assert figures.smog == pytest.approx(round(1.0430 * math.sqrt(1 * 30 / 2) + 3.1291, 2))


def test_glossary_terms_do_not_count():
    text = ["Dry needling for sciatica eases sciatica."]
    assert score(text, ["dry needling", "sciatica"]).fk_grade < score(text).fk_grade
    assert score(text, ["dry needling", "sciatica"]).words == 2  # "for", "eases"


def test_empty_text_scores_zero():
    assert score([]).fk_grade == 0.0 and score([""]).smog == 0.0


def test_you_voice():
    assert score(["You may feel sore.", "Drink water.", "The muscle twitches."]).you_ratio == pytest.approx(0.667)


def test_is_explained():
    assert is_explained("trigger point", ["The needles aim at trigger points (tight, tender knots)."])
    assert is_explained("piriformis", ["This is often the piriformis, a small muscle."])
    assert is_explained("spinal stenosis", ["This is called spinal stenosis."])
    assert is_explained("pneumothorax", ["A collapsed lung (pneumothorax) is rare."])
    assert not is_explained("dry needling", ["Dry needling helps."])


@pytest.mark.parametrize("path", sorted(p for p in TOPIC.glob("*.yaml") if p.stem not in ("topic", "disclaimer")),
                         ids=lambda p: p.stem)
def test_every_demo_block_reads_at_grade_8_or_below(path):
    glossary = [g["term"] for g in yaml.safe_load((TOPIC / "topic.yaml").read_text())["glossary"]]
    block = Block.model_validate(yaml.safe_load(path.read_text()))
    assert score(running_text(block), glossary).fk_grade <= 8.0
