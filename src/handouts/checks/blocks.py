"""Turn every block of every topic, in each of its languages, into reading findings: the standard reading
figures of its language against the thresholds (beside the glossary-excluded ones), paragraphs or blocks
that run long, and headings that do not say what the section is about."""

from __future__ import annotations

from collections.abc import Mapping

from handouts.checks.readability import Figures, measure
from handouts.checks.report import CheckOptions, Collector
from handouts.checks.text import glossary, is_vague, paragraphs, running_text
from handouts.load import models as m
from handouts.load.project import Loaded, Project

MAX_PARAGRAPH_WORDS = 60
MAX_BLOCK_WORDS = 250
SMOG_SENTENCES = 30  # SMOG is calibrated on 30 sentences: on fewer it is an estimate


def reading_problems(figures: Figures, options: CheckOptions) -> list[str]:
    """What in a text's standard figures passes the thresholds, in words ("Flesch-Kincaid grade 8.4 (target
    8 or below)"); empty when it reads well enough, or when its language has no formula."""
    s, g = figures.standard.scores, figures.glossary_excluded.scores
    out = []
    limits = ((("fk_grade", "Flesch-Kincaid grade", options.max_grade, True),
               ("smog", "SMOG grade", options.max_smog, True))
              if figures.standard.lang == "en" else
              (("fernandez_huerta", "Fernández-Huerta", options.min_fernandez_huerta, False),
               ("szigriszt_pazos", "Szigriszt-Pazos (INFLESZ)", options.min_inflesz, False)))
    for key, label, limit, is_max in limits:
        if key not in s or (s[key] <= limit if is_max else s[key] >= limit):
            continue
        note = ""
        if key == "smog" and figures.standard.sentences < SMOG_SENTENCES:
            note = f", an estimate on {figures.standard.sentences} sentences"
        out.append(f"{label} {s[key]:.1f} (without glossary terms {g.get(key, 0.0):.1f}{note}; target "
                   f"{limit:g} or {'below' if is_max else 'above'})")
    return out


def check_blocks(project: Project, options: CheckOptions, out: Collector) -> None:
    for _, base in sorted(project.topics.items()):
        for lang in base.languages():
            topic_set = base.for_language(lang)
            terms = glossary(topic_set.topic.value)
            words = project.strings.get(lang, {})  # the language's own words; a country's differ little
            for name, loaded in sorted(topic_set.blocks.items()):
                _block(name, loaded, lang, terms, words, options, out)


def _block(name: str, loaded: Loaded[m.Block], lang: str, terms: list[str], words: Mapping[str, str],
           options: CheckOptions, out: Collector) -> None:
    block = loaded.value
    text = running_text(block, words)
    problems = reading_problems(measure(text, terms, lang), options)
    if problems:
        out.add("warning", "reading-grade", f"block '{name}' ({lang}) reads too hard: {'; '.join(problems)}",
                "use shorter sentences and everyday words; explain medical terms and list them in the glossary",
                loaded.source, ("body",))
    for i, item in enumerate(block.body):
        length = sum(len(p.split()) for p in paragraphs([item]))
        if length > MAX_PARAGRAPH_WORDS:
            out.add("warning", "long-paragraph",
                    f"block '{name}' ({lang}): a paragraph of {length} words; keep chunks to {MAX_PARAGRAPH_WORDS} "
                    f"or fewer", "split it, or turn it into a list", loaded.source, ("body", i))
    count = sum(len(t.split()) for t in text)
    if count > MAX_BLOCK_WORDS:
        out.add("warning", "long-block", f"block '{name}' ({lang}) has {count} words; keep a section to "
                                         f"{MAX_BLOCK_WORDS} or fewer", "split it into two blocks",
                loaded.source, ("body",))
    if is_vague(block.heading):
        out.add("warning", "vague-heading", f"block '{name}' ({lang}): heading '{block.heading}' does not say "
                                            f"what the section is about", "write a heading that tells the reader "
                                            "the point, e.g. 'Who should not have dry needling'",
                loaded.source, ("heading",))
