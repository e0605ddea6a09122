"""Turn a loaded project into the mistakes that span files: documents that name a missing topic, layout, slot
or block; brands that name a missing font or colour; languages a location serves that its content lacks."""

from __future__ import annotations

from dataclasses import replace

from handouts.errors import suggest
from handouts.findings import Finding
from handouts.load.project import Project, location_languages


def cross_check(project: Project) -> list[Finding]:
    """References between files: documents → topics, layouts, slots, blocks; brands → fonts, logos, colours."""
    issues: list[Finding] = []
    for doc in project.documents.values():
        d, src = doc.model, doc.source
        if d.kind not in project.kinds:
            issues.append(src.issue(("kind",), _unknown("document kind (see content/document-kinds.yaml)", d.kind,
                                                         project.kinds),
                                    fix=_use(d.kind, project.kinds, "or add it to content/document-kinds.yaml")))
        if d.topic not in project.topics:
            issues.append(src.issue(("topic",), _unknown("topic", d.topic, project.topics),
                                    fix=_use(d.topic, project.topics, "or add the folder content/topics/"
                                                                      f"{d.topic}/ with a topic.yaml")))
        if d.layout not in project.layouts:
            issues.append(src.issue(("layout",), _unknown("layout", d.layout, project.layouts),
                                    fix=_use(d.layout, project.layouts, f"or add layouts/{d.layout}.yaml")))
            continue
        lay = project.layouts[d.layout].value
        if d.paper and d.paper not in lay.papers:
            issues.append(src.issue(("paper",), f"layout '{d.layout}' has no paper '{d.paper}'; it has: "
                                                f"{', '.join(lay.papers)}",
                                    fix=f"set paper to one of {', '.join(lay.papers)}, or delete the line to "
                                        f"follow each location"))
        slots = lay.slots()
        for slot, names in d.slots.items():
            if slot not in slots:
                issues.append(src.issue(("slots", slot), _unknown(f"slot of layout '{d.layout}'", slot, slots),
                                        fix=_use(slot, slots, "(the layout's panels name their slots)")))
            if d.topic in project.topics:
                blocks = project.topics[d.topic].blocks
                for i, name in enumerate(names):
                    if name not in blocks:
                        issues.append(src.issue(("slots", slot, i),
                                                _unknown(f"block of topic '{d.topic}'", name, blocks),
                                                fix=_use(name, blocks, f"or write content/topics/{d.topic}/"
                                                                       f"{name}.yaml")))
    issues += _language_checks(project)
    for clinic in project.clinics.values():
        c, src = clinic.model, clinic.source
        for role, family in c.brand.fonts.items():
            if family not in project.fonts:
                issues.append(src.issue(("brand", "fonts", role), _unknown("font family (see fonts/fonts.yaml)",
                                                                           family, project.fonts),
                                        fix=_use(family, project.fonts, "or add the family to fonts/fonts.yaml")))
        for lang, family in c.brand.fallback_fonts.items():
            if family not in project.fonts:
                issues.append(src.issue(("brand", "fallback_fonts", lang),
                                        _unknown("font family (see fonts/fonts.yaml)", family, project.fonts),
                                        fix=_use(family, project.fonts, "or add the family to fonts/fonts.yaml")))
        for layout in project.layouts.values():
            for style_name, style in layout.model.styles.items():
                for token in (style.color, style.background, style.surface):
                    if token and token not in c.brand.colors:
                        issues.append(layout.source.issue(
                            ("styles", style_name),
                            f"styles.{style_name}: brand colour '{token}' is not defined by clinic "
                            f"'{clinic.name}'{_choices(token, c.brand.colors)}",
                            fix=f"use one of the clinic's colour tokens, or add '{token}' under brand.colors in "
                                f"content/clinics/{clinic.name}.yaml"))
    return _dedupe(issues)


def _use(name: str, choices, otherwise: str) -> str:
    close = suggest(name, choices)
    first = f"change it to {close.split(chr(39))[1]!r}" if close else "change it to one of the names listed"
    return f"{first} {otherwise}" if otherwise.startswith("(") else f"{first}, {otherwise}"


def _language_checks(project: Project) -> list[Finding]:
    """The fixed strings of every language have the same keys; a translated block keeps its original's kind."""
    issues: list[Finding] = []
    base_strings = project.strings.get("en", {})
    for lang, table in project.strings.items():
        missing = [k for k in base_strings if k not in table]
        if missing:
            issues.append(project.strings_sources[lang].issue(
                (), f"missing strings: {', '.join(missing)}", code="missing-strings",
                fix=f"add {', '.join(missing)} to layouts/strings/{lang}.yaml, translated from en.yaml"))
    for topic_set in project.topics.values():
        for translated in topic_set.translations.values():
            for name, block in translated.blocks.items():
                if name in topic_set.blocks and block.model.kind != topic_set.blocks[name].model.kind:
                    issues.append(block.source.issue(
                        ("kind",), f"kind '{block.model.kind}' differs from the original's "
                                   f"'{topic_set.blocks[name].model.kind}'",
                        fix=f"set kind: {topic_set.blocks[name].model.kind}, as in the original block"))
    return issues


def language_gaps(project: Project) -> list[Finding]:
    """Languages a location serves that a document it gets lacks: no layout strings, no translation of the
    topic, or a translation without one of the blocks the document uses. Each finding names the location, and
    ``data`` says which PDFs it stops (clinic, location, lang, documents): only those fail, the rest build."""
    gaps: list[Finding] = []
    for clinic in project.clinics.values():
        c = clinic.value
        for index, loc in enumerate(c.locations):
            where = ("locations", index, "languages") if loc.languages else ("languages",) if c.languages \
                else ("locations", index)
            for lang in location_languages(c, loc):
                if project.strings and lang not in project.strings:
                    gaps.append(_gap(clinic.source.issue(
                        where, f"locations[{index}] ({loc.id}) serves '{lang}', but there are no layout strings "
                               f"for '{lang}' (layouts/strings/{lang}.yaml)", code="missing-translation",
                        fix=f"translate layouts/strings/en.yaml into layouts/strings/{lang}.yaml, or remove "
                            f"'{lang}' from the languages of {loc.id}"), clinic.name, loc.id, lang, None))
                for doc_name, doc in project.documents.items():
                    found = project.topics.get(doc.value.topic)
                    if found is None or lang == found.language:
                        continue
                    folder = f"content/topics/{doc.value.topic}/{lang}/"
                    if lang not in found.translations:
                        gaps.append(_gap(clinic.source.issue(
                            where, f"locations[{index}] ({loc.id}) serves '{lang}', but topic "
                                   f"'{doc.value.topic}' has no '{lang}' translation ({folder})",
                            code="missing-translation",
                            fix=f"add the translation in {folder} (topic.yaml and every block), or remove "
                                f"'{lang}' from the languages of {loc.id}"), clinic.name, loc.id, lang, doc_name))
                        continue
                    lacking = sorted({b for names in doc.value.slots.values() for b in names
                                      if b in found.blocks and b not in found.translations[lang].blocks})
                    if lacking:
                        gaps.append(_gap(clinic.source.issue(
                            where, f"locations[{index}] ({loc.id}) serves '{lang}', but the '{lang}' translation "
                                   f"of topic '{doc.value.topic}' has no {', '.join(b + '.yaml' for b in lacking)} "
                                   f"(used by {doc_name})", code="missing-translation",
                            fix=f"translate {', '.join(lacking)} into {folder}, or remove '{lang}' from the "
                                f"languages of {loc.id}"), clinic.name, loc.id, lang, doc_name))
    return _merge_gaps(gaps)


def _gap(finding: Finding, clinic: str, location: str, lang: str, document: str | None) -> Finding:
    return replace(finding, data={"clinic": clinic, "location": location, "lang": lang,
                                  "documents": None if document is None else (document,)})


def _merge_gaps(gaps: list[Finding]) -> list[Finding]:
    """One finding per message (a topic without a translation is one gap for every document of it)."""
    merged: dict[str, Finding] = {}
    for gap in gaps:
        key = str(gap)
        if key in merged:
            old = merged[key].data["documents"]
            new = gap.data["documents"]
            documents = None if old is None or new is None else (*old, *new)
            merged[key] = replace(merged[key], data={**merged[key].data, "documents": documents})
        else:
            merged[key] = gap
    return list(merged.values())


def stops(gap: Finding, clinic: str, location: str, lang: str, document: str) -> bool:
    """Whether a gap found by ``language_gaps`` stops this PDF."""
    d = gap.data
    return (d.get("clinic"), d.get("location"), d.get("lang")) == (clinic, location, lang) and \
        (d.get("documents") is None or document in d["documents"])


def _unknown(what: str, name: str, choices) -> str:
    return f"unknown {what} '{name}'{_choices(name, choices)}"


def _choices(name: str, choices) -> str:
    return f"{suggest(name, choices)}; choose from: {', '.join(sorted(choices))}"


def _dedupe(issues: list[Finding]) -> list[Finding]:
    seen, out = set(), []
    for issue in issues:
        if str(issue) not in seen:
            seen.add(str(issue))
            out.append(issue)
    return out
