"""Turn each document into findings on what it teaches and whether it is safe to hand out: its reading grade,
the blocks its kind must contain (side effects, who should not have it, warning signs, a phone number), and
medical terms it uses without explaining them."""

from __future__ import annotations

import re

from handouts.checks.readability import is_explained, score
from handouts.checks.report import CheckOptions, CheckReport, Collector
from handouts.checks.text import all_strings, features, glossary, running_text, untemplated
from handouts.load import models as m
from handouts.load.project import Loaded, Project

PHONE_ROLES = {"back", "callbar"}  # panel roles that print the location's phone


def document_texts(project: Project, doc: m.Document) -> tuple[list[m.Block], list[str], str]:
    """The document's blocks, the running text of its teaching blocks, and its main message (as written)."""
    topic_set = project.topics[doc.topic]
    blocks = [topic_set.blocks[b].value for names in doc.slots.values() for b in names]
    texts = [t for b in blocks if m.BLOCK_KINDS[b.kind] for t in running_text(b)]
    return blocks, texts, doc.main_message or topic_set.topic.value.main_message


def check_documents(project: Project, options: CheckOptions, out: Collector) -> None:
    for name, doc in sorted(project.documents.items()):
        _document(project, name, doc, options, out, out.report)


def _document(project: Project, name: str, doc: Loaded[m.Document], options: CheckOptions, out: Collector,
              report: CheckReport) -> None:
    d, src = doc.value, doc.source
    topic_set = project.topics[d.topic]
    topic = topic_set.topic.value
    layout = project.layouts[d.layout].value
    kind = project.kinds[d.kind]
    blocks, texts, main_message = document_texts(project, d)
    figures = score([untemplated(main_message), *texts], glossary(topic))
    summary = report.document(name)
    summary.fk_grade, summary.smog = figures.fk_grade, figures.smog
    summary.avg_sentence_words, summary.you_ratio, summary.words = (figures.avg_sentence_words, figures.you_ratio,
                                                                    figures.words)
    if figures.fk_grade > options.max_grade:
        out.add("warning", "reading-grade", f"document '{name}' reads at grade {figures.fk_grade:.1f}; the target "
                                            f"is {options.max_grade:g} or below",
                "simplify the blocks with the highest grades", src, ())

    # Safety and completeness: what this kind of document must contain.
    kinds_present = {b.kind for b in blocks}
    for required in kind.requires:
        if required not in kinds_present:
            out.add("error", "missing-block", f"document '{name}' is a {d.kind} but has no '{required}' block",
                    f"add a block of kind {required} to its slots (see content/document-kinds.yaml)", src, ("slots",))
    if kind.warning_signs and "urgent" not in features(blocks):
        out.add("error", "missing-warning-signs", f"document '{name}' ({d.kind}) does not say when to get urgent "
                                                  f"help", "add a call-out with tone: urgent listing the warning "
                                                           "signs", src, ("slots",))
    prints_phone = any(p.role in PHONE_ROLES for page in layout.pages for p in page.panels)
    mentions_phone = any("location.phone" in text for b in blocks for text in all_strings(b))
    if kind.phone and not (prints_phone or mentions_phone):
        out.add("error", "missing-phone", f"document '{name}' ({d.kind}) does not print a phone number to call",
                "use {{ location.phone }} in a block, or a layout with a call bar or back panel", src, ("slots",))

    # Glossary terms used must be explained in the document.
    all_text = [untemplated(main_message), *texts]
    lowered = " ".join(all_text).lower()
    for i, entry in enumerate(topic.glossary):
        if entry.term.lower() in lowered and not is_explained(entry.term, all_text):
            out.add("warning", "term-unexplained", f"document '{name}' uses '{entry.term}' without explaining it",
                    f"explain it where it first appears, e.g. '{entry.term} ({_first_sentence(entry.means)})'",
                    topic_set.topic.source, ("glossary", i))


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=\.)\s", text.strip())[0].rstrip(".")
    return first[:1].lower() + first[1:]
