"""English reading-level figures: syllable counts, sentence splitting, Flesch-Kincaid, SMOG and Flesch reading
ease worked by hand, the standard figure beside the glossary-excluded one, "you"-voice and instructions, whether
a term is explained, and every demo block at grade 8 or below and SMOG 9 or below."""

from __future__ import annotations

import math
import time
from pathlib import Path

import pytest
import yaml

from handouts.checks.readability import is_explained, is_instruction, measure, score, sentences, syllables
from handouts.checks.text import untemplated

TOPIC = Path(__file__).resolve().parents[2] / "content/topics/dry-needling-sciatica"
DEMO_BLOCKS = sorted(p for p in TOPIC.glob("*.yaml") if p.stem != "topic")
WORDS = yaml.safe_load((TOPIC.parents[2] / "layouts/strings/en.yaml").read_text())  # {{ words.therapist }}


def running_text(block: dict) -> list[str]:
    """What a reader reads as prose: paragraphs, bullets, steps, figure captions, call-out text and bullets (never
    headings, subheadings or call-out titles), with each ``{{ ... }}`` template value read as "it"."""
    texts: list[str] = []
    for item in block["body"]:
        if "p" in item:
            texts.append(item["p"])
        elif "figure" in item:
            texts.append(item["figure"]["caption"])
        elif "bullets" in item:
            texts += item["bullets"]
        elif "steps" in item:
            texts += item["steps"]
        elif "callout" in item:
            callout = item["callout"]
            texts += ([callout["text"]] if callout.get("text") else []) + list(callout.get("bullets") or ())
    return [untemplated(text, WORDS) for text in texts]


def glossary_terms() -> list[str]:
    return [entry["term"] for entry in yaml.safe_load((TOPIC / "topic.yaml").read_text())["glossary"]]


def demo_texts() -> list[str]:
    return [text for path in DEMO_BLOCKS for text in running_text(yaml.safe_load(path.read_text()))]


# ------------------------------------------------------------------------------------------------ syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        # plain vowel groups
        ("cat", 1), ("water", 2), ("therapist", 3), ("inflammation", 4),
        # silent final e, and its counterparts: consonant + le stays a syllable, vowel + le does not
        ("make", 1), ("the", 1), ("table", 2), ("whole", 1), ("gentle", 2),
        # -ed: silent after most consonants, a syllable after t and d
        ("jumped", 1), ("needed", 2), ("injected", 3), ("called", 1), ("settled", 2),
        # -es: silent after most consonants, a syllable after a hissing sound
        ("makes", 1), ("places", 2), ("bruises", 2),
        # 'y' as a vowel, and as a consonant at the start or between vowels
        ("rhythm", 2), ("by", 1), ("happy", 2), ("yes", 1), ("player", 2),
        # vowel pairs that are two syllables, and the '-tion' ending that is one
        ("media", 3), ("usually", 4), ("going", 2), ("session", 2),
        # the exceptions table, plurals of its words included
        ("every", 2), ("business", 2), ("area", 3), ("being", 2), ("science", 2), ("people", 2), ("create", 2),
        ("idea", 3), ("really", 2), ("during", 2), ("muscle", 2), ("muscles", 2), ("sciatica", 4), ("sciatic", 3),
        ("needling", 2), ("needles", 2), ("tired", 2), ("fire", 1), ("hour", 1), ("hours", 1), ("our", 1),
        ("quiet", 2), ("toward", 2), ("poem", 2),
        # case, punctuation, hyphens, contractions
        ("Muscle,", 2), ("light-headed", 3), ("didn't", 2), ("don't", 1),
    ],
)  # fmt: skip
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


@pytest.mark.parametrize(
    ("token", "count"),
    [("48", 1), ("2026", 1), ("7.6", 2), ("10,000", 2), ("3rd", 1), ("https://example.org/a.b", 1),
     ("help@clinic.example", 1)],
)  # fmt: skip
def test_numbers_count_one_syllable_per_digit_group_and_links_count_one(token: str, count: int) -> None:
    assert syllables(token) == count


@pytest.mark.parametrize("token", ["", "   ", "%", "–", "..."])
def test_a_token_without_letters_or_digits_has_no_syllables(token: str) -> None:
    assert syllables(token) == 0


# ------------------------------------------------------------------------------------------------ sentences


def test_abbreviation_dots_and_decimal_points_do_not_end_a_sentence() -> None:
    text = "Take 2.5 mg, e.g. with food, at 9 a.m. and see Dr. Smith. Bruising affects about 7.6 % of people."
    assert sentences([text]) == [
        "Take 2.5 mg, e.g. with food, at 9 a.m. and see Dr. Smith.",
        "Bruising affects about 7.6 % of people.",
    ]


def test_a_full_stop_after_an_ordinary_word_or_number_ends_a_sentence() -> None:
    assert sentences(["Rest for 2. Then walk."]) == ["Rest for 2.", "Then walk."]
    assert sentences(["Use room No. 5 today. No. Not that one."]) == ["Use room No. 5 today.", "No.", "Not that one."]


def test_each_list_item_is_at_least_one_sentence() -> None:
    assert sentences(["Drink water", "Rest", "Keep moving gently. A short walk is a good start."]) == [
        "Drink water",
        "Rest",
        "Keep moving gently.",
        "A short walk is a good start.",
    ]
    assert sentences(["", "  ", "–"]) == []  # nothing to read is no sentence


def test_question_and_exclamation_marks_end_a_sentence() -> None:
    assert sentences(["Does it hurt? Stop at once! Then call us."]) == [
        "Does it hurt?",
        "Stop at once!",
        "Then call us.",
    ]


def test_markup_is_stripped_to_its_text() -> None:
    assert sentences(["**Call** [book online](https://a.example/x) *today*."]) == ["Call book online today."]
    assert sentences(["2. Lie down on your back."]) == ["Lie down on your back."]  # list numbering is layout


def test_a_url_or_email_address_is_one_word_and_never_ends_a_sentence() -> None:
    assert sentences(["Visit www.clinic.example/dry.needling or write to help@clinic.example. We reply fast."]) == [
        "Visit link or write to link.",
        "We reply fast.",
    ]
    assert score(["Visit https://www.clinic.example/a.b.c now."]).words == 3


# ------------------------------------------------------------------------------------------------ score


def test_flesch_kincaid_smog_and_reading_ease_match_a_hand_count() -> None:
    text = ["Drink plenty of water after your session.", "Gentle exercise helps your muscles recover."]
    # Sentence 1: drink 1, plen-ty 2, of 1, wa-ter 2, af-ter 2, your 1, ses-sion 2 = 7 words, 11 syllables.
    # Sentence 2: gen-tle 2, ex-er-cise 3, helps 1, your 1, mus-cles 2, re-cov-er 3 = 6 words, 12 syllables.
    # Polysyllables (3+): exercise, recover = 2.
    figures = score(text)
    assert (figures.words, figures.sentences, figures.syllables, figures.polysyllables) == (13, 2, 23, 2)
    assert figures.scores["fk_grade"] == round(0.39 * (13 / 2) + 11.8 * (23 / 13) - 15.59, 2) == 7.82
    assert figures.scores["smog"] == round(1.0430 * math.sqrt(2 * 30 / 2) + 3.1291, 2) == 8.84
    assert figures.scores["flesch_ease"] == round(206.835 - 1.015 * (13 / 2) - 84.6 * (23 / 13), 2) == 50.56
    assert (figures.fk_grade, figures.smog) == (7.82, 8.84)
    assert figures.avg_sentence_words == 6.5
    assert figures.longest_sentence_words == 7
    assert figures.you_ratio == 1.0


def test_one_long_sentence_reads_harder_than_short_ones() -> None:
    long = score(["You may feel sore and tired and a little bruised and it should pass within two days."])
    short = score(["You may feel sore. You may feel tired. It should pass within two days."])
    assert long.fk_grade > short.fk_grade
    assert long.scores["flesch_ease"] < short.scores["flesch_ease"]
    assert long.longest_sentence_words == 17 and short.longest_sentence_words == 6


def test_glossary_terms_are_left_out_of_the_glossary_excluded_figure_only() -> None:
    text = ["Dry needling can ease sciatica, and sciatica often settles after dry needling."]
    figures = measure(text, ["sciatica", "Dry Needling"], "en")
    assert figures.standard == score(text)  # the standard figure keeps every word, as other tools do
    assert figures.glossary_excluded == score(text, ["sciatica", "Dry Needling"])
    assert figures.glossary_excluded.fk_grade < figures.standard.fk_grade
    assert (figures.standard.words, figures.glossary_excluded.words) == (12, 6)  # can ease and often settles after
    assert figures.glossary_excluded.sentences == figures.standard.sentences == 1


def test_glossary_matching_takes_whole_words_phrases_and_plurals() -> None:
    assert score(["The needles aim at trigger points."], ["trigger point"]).words == 4  # plural removed
    assert score(["Dry-needling helps."], ["dry needling"]).words == 1  # hyphenated form of the phrase
    assert score(["Dry skin needs cream."], ["dry needling"]).words == 4  # "dry" alone is not the term
    assert score(["The sciatic nerve hurts."], ["sciatica"]).words == 4  # "sciatic" is not "sciatica"
    assert score(["The muscle relaxes."], ["piriformis"]) == score(["The muscle relaxes."])


def test_empty_text_has_no_scores() -> None:
    for empty in ([], ["", "   ", "**", "–"]):
        figures = score(empty)
        assert (figures.words, figures.sentences, figures.scores) == (0, 0, {})
        assert (figures.fk_grade, figures.smog) == (0.0, 0.0)


def test_a_block_that_is_only_glossary_terms_has_no_glossary_excluded_scores() -> None:
    figures = score(["Acupuncture.", "Pneumothorax"], ["acupuncture", "pneumothorax"])
    assert (figures.sentences, figures.words, figures.scores) == (2, 0, {})


def test_you_ratio_counts_you_words_and_instructions() -> None:
    figures = score(["You may feel sore.", "Drink water.", "The muscle twitches."])
    assert figures.you_ratio == round(2 / 3, 3)
    assert score(["The muscle twitches."]).you_ratio == 0.0
    assert score(["Please call us.", "Keep your leg still."]).you_ratio == 1.0
    assert score(["Calls are free.", "Youth sport is fun."]).you_ratio == 0.0  # not the verb, not "you"


def test_instructions_are_what_the_reader_is_told_to_do() -> None:
    assert is_instruction("Call us at once.") and is_instruction("Please rest.") and is_instruction("Don't lift.")
    assert is_instruction("Do not stop a blood thinner on your own.")
    assert is_instruction("Say yes only if you want to go ahead.") and is_instruction("Learn the warning signs.")
    assert not is_instruction("Your therapist checks your back.")  # what someone else does
    assert not is_instruction("Calls are free.")


# ------------------------------------------------------------------------------------------------ explained


def test_a_term_followed_or_preceded_by_an_explanation_is_explained() -> None:
    assert is_explained("trigger point", ["The needles aim at trigger points (tight, tender knots)."])
    assert is_explained("piriformis", ["This is often the piriformis, a small muscle."])
    assert is_explained("spinal stenosis", ["The space can get too narrow. This is called spinal stenosis."])
    assert is_explained("Sciatica", ["sciatica is pain along your sciatic nerve."])
    assert is_explained("pneumothorax", ["A collapsed lung (pneumothorax) is rare."])
    assert is_explained("anticoagulants", ["Some people take a medicine known as an anticoagulant."])
    assert is_explained("twitch response", ["The muscle may give a twitch response. This is a quick tightening."])
    assert is_explained("piriformis", ["**Piriformis**: a small muscle deep in your buttock."])  # a label


def test_a_term_without_an_explanation_is_not_explained() -> None:
    assert not is_explained("dry needling", ["Dry needling helps."])
    assert not is_explained("piriformis", ["Stretch the piriformis.", "It is a small muscle."])  # other item
    far = "The piriformis can get tight when you sit for long hours at a desk each day, which hurts."
    assert not is_explained("piriformis", [far])  # ", which" comes 16 words later
    assert not is_explained("spinal stenosis", ["It was called a problem in your back for years by spinal stenosis."])
    assert not is_explained("trigger point", [])
    # a marker in the next, unrelated sentence does not explain the term
    unrelated = "The needles aim at trigger points. When a needle reaches a knot, the muscle twitches."
    assert not is_explained("trigger point", [unrelated])
    assert not is_explained("twitch response", ["You may feel a twitch response. Then it is over."])


def test_a_link_whose_address_is_a_template_reads_as_its_text() -> None:
    text = untemplated("Call **{{ location.phone }}** or [book online]({{ location.booking_url }}).")
    assert sentences([text]) == ["Call it or book online."]


# ------------------------------------------------------------------------------------------------ the demo


@pytest.mark.parametrize("path", DEMO_BLOCKS, ids=lambda p: p.stem)
def test_every_demo_block_reads_at_grade_8_and_smog_9_or_below(path: Path) -> None:
    """The standard figures (glossary terms kept), on every block the demo prints, the small print included."""
    texts = running_text(yaml.safe_load(path.read_text()))
    assert texts, f"{path.name} has no running text"
    figures = score(texts)
    assert figures.fk_grade <= 8.0 and figures.smog <= 9.0, f"{path.stem}: {figures}"


def test_every_demo_glossary_term_is_explained_in_the_text() -> None:
    texts = demo_texts()
    assert [term for term in glossary_terms() if not is_explained(term, texts)] == []


def test_scoring_the_whole_demo_is_fast() -> None:
    blocks = [running_text(yaml.safe_load(path.read_text())) for path in DEMO_BLOCKS]
    glossary = glossary_terms()
    best = math.inf
    for _ in range(3):
        syllables.cache_clear()  # each run starts cold
        start = time.perf_counter()
        for texts in blocks:
            measure(texts, glossary, "en")
        best = min(best, time.perf_counter() - start)
    assert best < 0.1, f"scoring the demo took {best * 1000:.1f} ms"
