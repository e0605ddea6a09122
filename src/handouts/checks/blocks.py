"""Turn every teaching block of every topic into reading findings: its grade, paragraphs or blocks that run
long, and headings that do not say what the section is about."""

from __future__ import annotations

from handouts.checks.readability import score
from handouts.checks.report import CheckOptions, Collector
from handouts.checks.text import glossary, is_vague, paragraphs, running_text
from handouts.load import models as m
from handouts.load.project import Project

MAX_PARAGRAPH_WORDS = 60
MAX_BLOCK_WORDS = 250


def check_blocks(project: Project, options: CheckOptions, out: Collector) -> None:
    for _, topic_set in sorted(project.topics.items()):
        terms = glossary(topic_set.topic.value)
        for name, loaded in sorted(topic_set.blocks.items()):
            block = loaded.value
            if not m.BLOCK_KINDS[block.kind]:
                continue  # small print, not teaching text
            figures = score(running_text(block), terms)
            if figures.fk_grade > options.max_grade:
                out.add("warning", "reading-grade",
                        f"block '{name}' reads at grade {figures.fk_grade:.1f} (Flesch-Kincaid; SMOG "
                        f"{figures.smog:.1f}); the target is {options.max_grade:g} or below",
                        "use shorter sentences and everyday words; explain or add medical terms to the glossary",
                        loaded.source, ("body",))
            for i, item in enumerate(block.body):
                words = sum(len(p.split()) for p in paragraphs([item]))
                if words > MAX_PARAGRAPH_WORDS:
                    out.add("warning", "long-paragraph",
                            f"block '{name}': a paragraph of {words} words; keep chunks to {MAX_PARAGRAPH_WORDS} "
                            f"or fewer", "split it, or turn it into a list", loaded.source, ("body", i))
            words = sum(len(t.split()) for t in running_text(block))
            if words > MAX_BLOCK_WORDS:
                out.add("warning", "long-block", f"block '{name}' has {words} words; keep a section to "
                                                 f"{MAX_BLOCK_WORDS} or fewer", "split it into two blocks",
                        loaded.source, ("body",))
            if is_vague(block.heading):
                out.add("warning", "vague-heading", f"block '{name}': heading '{block.heading}' does not say what "
                                                    f"the section is about", "write a heading that tells the "
                                                    "reader the point, e.g. 'Who should not have dry needling'",
                        loaded.source, ("heading",))
