"""Turn each document, in each of its languages, into the PEMAT-P items software can decide (purpose first,
headings, chunks, lists, visual cues, a summary, actions, "you"), met or not, with a score per document; and
logos without alt text."""

from __future__ import annotations

from handouts.checks.blocks import MAX_PARAGRAPH_WORDS
from handouts.checks.documents import unexplained
from handouts.checks.material import languages, material
from handouts.checks.readability import is_instruction, score, sentences
from handouts.checks.report import CheckOptions, Collector
from handouts.checks.text import GENERIC_HEADINGS, features, paragraphs
from handouts.load.project import Project


def check_pemat(project: Project, options: CheckOptions, out: Collector) -> None:
    logos_have_alt = _logos_have_alt(project)
    for name in sorted(project.documents):
        src = project.documents[name].source
        for lang in languages(project, name):
            doc = material(project, name, lang)
            blocks, texts = list(doc.blocks), doc.texts
            has = features(blocks)
            items = {
                "purpose: title and main message first": bool(doc.title and doc.main_message),
                "informative headings": all(b.heading.strip().rstrip("?:.").lower() not in GENERIC_HEADINGS
                                            for b in blocks),
                "short chunks": all(len(t.split()) <= MAX_PARAGRAPH_WORDS for b in blocks for t in paragraphs(b.body)),
                "lists used": "list" in has,
                "visual cues (call-outs, bold)": "callout" in has or any("**" in t for t in texts),
                "summary of key points": bool(doc.main_message) and any(b.kind in ("call_to_action", "aftercare")
                                                                        for b in blocks),
                "at least one action for the reader": any(is_instruction(s, lang) for s in sentences(texts)),
                "actions as numbered steps": "steps" in has,
                "reader addressed as 'you'": score(doc.reader_texts, doc.glossary, lang).you_ratio >= 0.5,
                "medical terms explained": not unexplained(doc),
                "images have alt text": logos_have_alt,
            }
            summary = out.report.document(name, lang)
            for item, passed in items.items():
                (summary.pemat_passed if passed else summary.pemat_failed).append(item)
            if summary.pemat_score < 70:
                out.add("warning", "pemat", f"document '{name}' ({lang}) passes {summary.pemat_score} % of the "
                                            f"checkable PEMAT items (failed: {', '.join(summary.pemat_failed)})",
                        "fix the failed items; 70 % or more counts as understandable", src, ())
            elif summary.pemat_failed:
                out.add("info", "pemat", f"document '{name}' ({lang}): PEMAT items not met: "
                                         f"{', '.join(summary.pemat_failed)}", "see the PEMAT-P guide for each item",
                        src, ())
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
