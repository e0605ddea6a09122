"""Spanish reading figures: syllables counted by the rules of Spanish (diphthongs, triphthongs and hiatus, the
silent u of que/gui, y as a vowel), Fernández-Huerta and Szigriszt-Pazos (INFLESZ) worked by hand, sentences
opened with ¿ and ¡, "usted" and instructions, glossary terms explained in Spanish, and the demo's Spanish."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from handouts.checks import CheckOptions
from handouts.checks.blocks import reading_problems
from handouts.checks.readability import is_explained, is_instruction, measure, score, sentences, spanish_syllables
from handouts.checks.text import running_text
from handouts.load.models import Block

ES = Path(__file__).resolve().parents[2] / "content/topics/dry-needling-sciatica/es"
ES_BLOCKS = sorted(p for p in ES.glob("*.yaml") if p.stem not in ("topic", "documents"))


@pytest.mark.parametrize(
    ("word", "count"),
    [
        # one vowel a syllable
        ("pie", 1), ("sesión", 2), ("moretón", 3), ("piriforme", 4), ("heces", 2), ("aguja", 3),
        # diphthongs: an unstressed i or u beside another vowel, or i and u together, is one syllable
        ("ciática", 3), ("historia", 3), ("agua", 2), ("causa", 2), ("aire", 2), ("reina", 2), ("ciudad", 2),
        ("cuidado", 3), ("ruido", 2), ("viuda", 2), ("neumotórax", 4), ("fisioterapeuta", 6), ("isquiotibiales", 5),
        # triphthongs
        ("buey", 1), ("Uruguay", 3), ("averiguáis", 4),
        # hiatus: two strong vowels, two equal vowels, or an accented í or ú
        ("poeta", 3), ("caer", 2), ("toalla", 3), ("aéreo", 4), ("creer", 2), ("leí", 2), ("día", 2), ("país", 2),
        ("baúl", 2), ("río", 2), ("reúne", 3), ("oír", 2), ("Raúl", 2), ("maíz", 2), ("anticoagulante", 7),
        # the u of que, qui, gue, gui is silent; ü is sounded
        ("que", 1), ("quien", 1), ("guerra", 2), ("guiso", 2), ("pingüino", 3),
        # y: a vowel at the end after a vowel and on its own, a consonant elsewhere
        ("hoy", 1), ("muy", 1), ("y", 1), ("leyes", 2), ("mayo", 2),
        # h between vowels does not part them
        ("prohíbe", 3), ("huevo", 2), ("rehusar", 2),
        # punctuation, capitals, numbers
        ("¿Qué", 1), ("¡Llame!", 2), ("10,000", 2), ("13", 1),
    ],
)  # fmt: skip
def test_spanish_syllables(word: str, count: int) -> None:
    assert spanish_syllables(word) == count


def test_fernandez_huerta_and_szigriszt_pazos_match_a_hand_count() -> None:
    text = ["Use calor o hielo.", "Camine un poco cada día."]
    # use 2 (u-se), ca-lor 2, o 1, hie-lo 2 = 4 words, 7 syllables; ca-mi-ne 3, un 1, po-co 2, ca-da 2, dí-a 2 =
    # 5 words, 10 syllables. 9 words, 17 syllables, 2 sentences.
    figures = score(text, lang="es")
    assert (figures.words, figures.sentences, figures.syllables) == (9, 2, 17)
    fh = 206.84 - 0.60 * (100 * 17 / 9) - 1.02 * (9 / 2)
    szp = 206.835 - 62.3 * (17 / 9) - 9 / 2
    assert figures.scores == {"fernandez_huerta": round(fh, 2), "szigriszt_pazos": round(szp, 2)}
    assert "fk_grade" not in figures.scores  # English formulas are not applied to Spanish


def test_spanish_sentences_open_with_inverted_marks_and_keep_abbreviations() -> None:
    assert sentences(["¿Le conviene? ¡Llámenos hoy! Abrimos a las 7 a. m. todos los días."]) == [
        "¿Le conviene?", "¡Llámenos hoy!", "Abrimos a las 7 a. m. todos los días."]


def test_spanish_instructions_and_usted() -> None:
    assert is_instruction("Llámenos si empeora.", "es") and is_instruction("Pregúntenos.", "es")
    assert is_instruction("No deje de tomarlo por su cuenta.", "es")
    assert not is_instruction("No es lo mismo que la acupuntura.", "es")  # "no" before a verb that is not an order
    assert not is_instruction("Su terapeuta le revisa la espalda.", "es")
    assert score(["Usted puede pedir que paren.", "El músculo se afloja."], lang="es").you_ratio == 0.5


def test_spanish_glossary_terms_are_explained_by_spanish_markers() -> None:
    assert is_explained("punto gatillo", ["Las agujas apuntan a puntos gatillo (nudos tensos)."], "es")  # plural
    assert is_explained("estenosis espinal", ["El espacio se estrecha. Esto se llama estenosis espinal."], "es")
    assert is_explained("ciática", ["La ciática es dolor a lo largo del nervio ciático."], "es")
    assert is_explained("piriforme", ["**Piriforme**: músculo pequeño en lo profundo de la nalga."], "es")
    assert not is_explained("ciática", ["Pocos estudios han probado la punción seca para la ciática."], "es")
    assert not is_explained("piriforme", ["Estire el piriforme."], "es")


def test_spanish_thresholds_are_configurable() -> None:
    figures = measure(["Esta es una guía general."], [], "es")
    easy = CheckOptions(min_fernandez_huerta=0, min_inflesz=0)
    strict = CheckOptions(min_fernandez_huerta=100, min_inflesz=100)
    assert reading_problems(figures, easy) == []
    problems = reading_problems(figures, strict)
    assert [p.split(" ")[0] for p in problems] == ["Fernández-Huerta", "Szigriszt-Pazos"]
    assert "target 100 or above" in problems[0]


@pytest.mark.parametrize("path", ES_BLOCKS, ids=lambda p: p.stem)
def test_every_spanish_demo_block_reads_fairly_easy(path: Path) -> None:
    block = Block.model_validate(yaml.safe_load(path.read_text()))
    figures = score(running_text(block), lang="es")
    options = CheckOptions()
    assert figures.scores["fernandez_huerta"] >= options.min_fernandez_huerta, figures
    assert figures.scores["szigriszt_pazos"] >= options.min_inflesz, figures


def test_every_spanish_glossary_term_is_explained_in_the_spanish_text() -> None:
    texts = [t for p in ES_BLOCKS for t in running_text(Block.model_validate(yaml.safe_load(p.read_text())))]
    terms = [g["term"] for g in yaml.safe_load((ES / "topic.yaml").read_text())["glossary"]]
    assert [term for term in terms if not is_explained(term, texts, "es")] == []
