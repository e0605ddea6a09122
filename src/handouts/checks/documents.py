"""Turn each document, in each of its languages, into findings on what it teaches and whether it is safe to
hand out: its reading figures, the blocks its kind must contain (side effects, who should not have it,
warning signs, a phone number), and medical terms it uses without explaining them."""

from __future__ import annotations

import re

from handouts.checks.blocks import reading_problems
from handouts.checks.material import Material, languages, material
from handouts.checks.readability import is_explained, measure, uses_term
from handouts.checks.report import CheckOptions, Collector
from handouts.checks.text import all_strings, features
from handouts.load.project import Project

PHONE_ROLES = {"back", "callbar"}  # panel roles that print the location's phone


def check_documents(project: Project, options: CheckOptions, out: Collector) -> None:
    for name in sorted(project.documents):
        langs = languages(project, name)
        for lang in langs:
            doc = material(project, name, lang)
            if lang == langs[0]:
                _completeness(project, doc, out)
            _reading(doc, options, out)
            _terms(doc, out)


def _reading(doc: Material, options: CheckOptions, out: Collector) -> None:
    figures = measure(doc.reader_texts, doc.glossary, doc.lang)
    summary = out.report.document(doc.name, doc.lang)
    summary.title, summary.reading = doc.title, figures
    problems = reading_problems(figures, options)
    if problems:
        out.add("warning", "reading-grade", f"document '{doc.name}' ({doc.lang}) reads too hard: "
                                            f"{'; '.join(problems)}", "simplify the blocks that read hardest",
                doc.document.source, ())


def _completeness(project: Project, doc: Material, out: Collector) -> None:
    """What this kind of document must contain (the same in every language: a translation keeps its kinds)."""
    d, src = doc.document.value, doc.document.source
    kind = project.kinds[d.kind]
    kinds_present = {b.kind for b in doc.blocks}
    for required in kind.requires:
        if required not in kinds_present:
            out.add("error", "missing-block", f"document '{doc.name}' is a {d.kind} but has no '{required}' block",
                    f"add a block of kind {required} to its slots (see content/document-kinds.yaml)", src, ("slots",))
    if kind.warning_signs and "urgent" not in features(list(doc.blocks)):
        out.add("error", "missing-warning-signs", f"document '{doc.name}' ({d.kind}) does not say when to get "
                                                  f"urgent help", "add a call-out with tone: urgent listing the "
                                                                  "warning signs", src, ("slots",))
    prints_phone = any(p.role in PHONE_ROLES for page in doc.layout.pages for p in page.panels)
    mentions_phone = any("location.phone" in text for b in doc.blocks for text in all_strings(b))
    if kind.phone and not (prints_phone or mentions_phone):
        out.add("error", "missing-phone", f"document '{doc.name}' ({d.kind}) does not print a phone number to call",
                "use {{ location.phone }} in a block, or a layout with a call bar or back panel", src, ("slots",))


def unexplained(doc: Material) -> list[tuple[int, str]]:
    """Glossary terms (index, term) the document uses without explaining them, in its own language."""
    texts = doc.reader_texts
    return [(i, e.term) for i, e in enumerate(doc.topic_set.topic.value.glossary)
            if uses_term(e.term, texts) and not is_explained(e.term, texts, doc.lang)]


def _terms(doc: Material, out: Collector) -> None:
    """Glossary terms used must be explained in the document, in every language."""
    entries = doc.topic_set.topic.value.glossary
    for i, term in unexplained(doc):
        out.add("warning", "term-unexplained", f"document '{doc.name}' ({doc.lang}) uses '{term}' without "
                                               f"explaining it",
                f"explain it where it first appears, e.g. '{term} ({_first_sentence(entries[i].means)})'",
                doc.topic_set.topic.source, ("glossary", i))


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=\.)\s", text.strip())[0].rstrip(".")
    return first[:1].lower() + first[1:]
