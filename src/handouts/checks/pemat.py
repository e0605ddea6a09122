"""Turn each document into the PEMAT-P items software can decide (purpose first, headings, chunks, lists,
visual cues, a summary, actions, "you"), met or not, with a score per document; and logos without alt text."""

from __future__ import annotations

from handouts.checks.blocks import MAX_PARAGRAPH_WORDS
from handouts.checks.documents import document_texts
from handouts.checks.readability import is_explained, is_instruction, score, sentences
from handouts.checks.report import CheckOptions, Collector
from handouts.checks.text import GENERIC_HEADINGS, features, glossary, paragraphs, untemplated
from handouts.load.project import Project


def check_pemat(project: Project, options: CheckOptions, out: Collector) -> None:
    logos_have_alt = _logos_have_alt(project)
    for name, doc in sorted(project.documents.items()):
        d, src = doc.value, doc.source
        topic = project.topics[d.topic].topic.value
        blocks, texts, main_message = document_texts(project, d)
        all_text = [untemplated(main_message), *texts]
        lowered = " ".join(all_text).lower()
        has = features(blocks)
        unexplained = [e for e in topic.glossary if e.term.lower() in lowered and not is_explained(e.term, all_text)]
        items = {
            "purpose: title and main message first": bool((d.title or topic.title) and main_message),
            "informative headings": all(b.heading.strip().rstrip("?:.").lower() not in GENERIC_HEADINGS
                                        for b in blocks),
            "short chunks": all(len(t.split()) <= MAX_PARAGRAPH_WORDS for b in blocks for t in paragraphs(b.body)),
            "lists used": "list" in has,
            "visual cues (call-outs, bold)": "callout" in has or "**" in lowered,
            "summary of key points": bool(main_message) and any(b.kind in ("call_to_action", "aftercare")
                                                                for b in blocks),
            "at least one action for the reader": any(is_instruction(s) for s in sentences(texts)),
            "actions as numbered steps": "steps" in has,
            "reader addressed as 'you'": score(all_text, glossary(topic)).you_ratio >= 0.5,
            "medical terms explained": not unexplained,
            "images have alt text": logos_have_alt,
        }
        summary = out.report.document(name)
        for item, passed in items.items():
            (summary.pemat_passed if passed else summary.pemat_failed).append(item)
        if summary.pemat_score < 70:
            out.add("warning", "pemat", f"document '{name}' passes {summary.pemat_score} % of the checkable PEMAT "
                                        f"items (failed: {', '.join(summary.pemat_failed)})",
                    "fix the failed items; 70 % or more counts as understandable", src, ())
        elif summary.pemat_failed:
            out.add("info", "pemat", f"document '{name}': PEMAT items not met: {', '.join(summary.pemat_failed)}",
                    "see the PEMAT-P guide for each item", src, ())
    if not logos_have_alt:
        for clinic in project.clinics.values():
            if not clinic.value.brand.logo.alt:
                out.add("warning", "alt-text", f"clinic '{clinic.name}': the logo has no alt text",
                        "add brand.logo.alt, e.g. 'Smith & Jones Physio logo'", clinic.source, ("brand", "logo"))


def _logos_have_alt(project: Project) -> bool:
    for clinic in project.clinics.values():
        if not clinic.value.brand.logo.alt:
            return False
        for loc in clinic.value.locations:
            if loc.brand and loc.brand.logo and not loc.brand.logo.alt:
                return False
    return True
