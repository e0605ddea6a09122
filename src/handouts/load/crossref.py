"""Turn a loaded project into the mistakes that span files: documents that name a missing topic, layout, slot
or block; brands that name a missing font or colour; languages a location serves that its content lacks."""

from __future__ import annotations

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
                                                         project.kinds)))
        if d.topic not in project.topics:
            issues.append(src.issue(("topic",), _unknown("topic", d.topic, project.topics)))
        if d.layout not in project.layouts:
            issues.append(src.issue(("layout",), _unknown("layout", d.layout, project.layouts)))
            continue
        lay = project.layouts[d.layout].value
        if d.paper and d.paper not in lay.papers:
            issues.append(src.issue(("paper",), f"layout '{d.layout}' has no paper '{d.paper}'; it has: "
                                                f"{', '.join(lay.papers)}"))
        slots = lay.slots()
        for slot, names in d.slots.items():
            if slot not in slots:
                issues.append(src.issue(("slots", slot), _unknown(f"slot of layout '{d.layout}'", slot, slots)))
            if d.topic in project.topics:
                blocks = project.topics[d.topic].blocks
                for i, name in enumerate(names):
                    if name not in blocks:
                        issues.append(src.issue(("slots", slot, i),
                                                _unknown(f"block of topic '{d.topic}'", name, blocks)))
    issues += _language_checks(project)
    for clinic in project.clinics.values():
        c, src = clinic.model, clinic.source
        for role, family in c.brand.fonts.items():
            if family not in project.fonts:
                issues.append(src.issue(("brand", "fonts", role), _unknown("font family (see fonts/fonts.yaml)",
                                                                           family, project.fonts)))
        for lang, family in c.brand.fallback_fonts.items():
            if family not in project.fonts:
                issues.append(src.issue(("brand", "fallback_fonts", lang),
                                        _unknown("font family (see fonts/fonts.yaml)", family, project.fonts)))
        for layout in project.layouts.values():
            for style_name, style in layout.model.styles.items():
                for token in (style.color, style.background, style.surface):
                    if token and token not in c.brand.colors:
                        issues.append(layout.source.issue(
                            ("styles", style_name),
                            f"styles.{style_name}: brand colour '{token}' is not defined by clinic "
                            f"'{clinic.name}'{_choices(token, c.brand.colors)}"))
    return _dedupe(issues)


def _language_checks(project: Project) -> list[Finding]:
    """Every language a location serves must exist for every document's topic, block and fixed string."""
    issues: list[Finding] = []
    base_strings = project.strings.get("en", {})
    for lang, table in project.strings.items():
        missing = [k for k in base_strings if k not in table]
        if missing:
            issues.append(project.strings_sources[lang].issue((), f"missing strings: {', '.join(missing)}"))
    for topic_set in project.topics.values():
        for lang, translated in topic_set.translations.items():
            for name in topic_set.blocks:
                if name not in translated.blocks:
                    issues.append(translated.topic.source.issue((), f"the '{lang}' translation has no {name}.yaml"))
            for name, block in translated.blocks.items():
                if name in topic_set.blocks and block.model.kind != topic_set.blocks[name].model.kind:
                    issues.append(block.source.issue(("kind",), f"kind '{block.model.kind}' differs from the "
                                                               f"original's '{topic_set.blocks[name].model.kind}'"))
    for clinic in project.clinics.values():
        for index, loc in enumerate(clinic.model.locations):
            for lang in location_languages(clinic.model, loc):
                if project.strings and lang not in project.strings:
                    issues.append(clinic.source.issue(("locations", index), f"locations[{index}] ({loc.id}): no "
                                                      f"layout strings for language '{lang}' (layouts/strings/"
                                                      f"{lang}.yaml)"))
                for doc in project.documents.values():
                    found = project.topics.get(doc.model.topic)
                    if found is not None and lang not in found.languages():
                        issues.append(clinic.source.issue(
                            ("locations", index), f"locations[{index}] ({loc.id}) serves '{lang}', but topic "
                                                  f"'{doc.model.topic}' has no '{lang}' translation (content/topics/"
                                                  f"{doc.model.topic}/{lang}/)"))
    return issues


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
