"""Turn every string a document prints into glyph findings: a character its fonts (and its language's fallback
family) cannot draw would print as a tofu box, so it is an error with the file and line it is on.

Text shared by every location (blocks, titles, main messages, the layout's fixed strings) is checked once per
clinic and language; each location's own details once per location: the cost grows with the chain, linearly."""

from __future__ import annotations

from collections.abc import Iterator

from handouts.checks.report import CheckOptions, Collector
from handouts.errors import HandoutsError, InputError
from handouts.layout.fonts import BrandFonts, brand_fonts
from handouts.layout.glyphs import Missing, covered, describe
from handouts.load import models as m
from handouts.load.items import kind_of
from handouts.load.project import Loaded, Project, TopicSet, location_languages
from handouts.load.yamlio import Loc, Located
from handouts.resolve.contact import merge_contact
from handouts.resolve.markup import plain_source

FIX = "use another character, or a font family (fonts/fonts.yaml) that has it"
# (font role, where in words, text, the file it is in, where in that file)
Placed = tuple[str, str, str, Located | None, Loc]


def _drawable(fonts: BrandFonts) -> dict[str, frozenset[int]]:
    """Code points each font role can draw: its regular and bold faces, or the language's fallback family."""
    fallback = fonts.fallback
    spare = covered(fallback.regular) & covered(fallback.bold) if fallback is not None else frozenset()
    return {role: (covered(f.regular) & covered(f.bold)) | spare for role, f in fonts.roles.items()}


def _shared(project: Project, topic_set: TopicSet, names: list[str], lang: str) -> Iterator[Placed]:
    """What every location prints alike in one language: the documents' blocks, titles and main messages."""
    seen: set[str] = set()
    for name in names:
        doc = project.documents[name]
        words, words_source = topic_set.own_words(name) if lang != topic_set.language else (None, None)
        if words and words.title and words_source:
            yield "heading", "document title", words.title, words_source, (name, "title")
        elif doc.value.title:
            yield "heading", "document title", doc.value.title, doc.source, ("title",)
        if words and words.main_message and words_source:
            yield "body", "main message", plain_source(words.main_message), words_source, (name, "main_message")
        elif doc.value.main_message:
            yield "body", "main message", plain_source(doc.value.main_message), doc.source, ("main_message",)
        topic = topic_set.topic
        yield "heading", "document title", topic.value.title, topic.source, ("title",)
        yield "body", "main message", plain_source(topic.value.main_message), topic.source, ("main_message",)
        for block_name in (b for names_ in doc.value.slots.values() for b in names_):
            if block_name in seen or block_name not in topic_set.blocks:
                continue
            seen.add(block_name)
            yield from _block(block_name, topic_set.blocks[block_name])


def _block(name: str, loaded: Loaded[m.Block]) -> Iterator[Placed]:
    block, source = loaded.value, loaded.source
    where = f"block '{name}'"
    yield "heading", where, plain_source(block.heading), source, ("heading",)
    for i, item in enumerate(block.body):
        for text in kind_of(item).texts(item):
            yield text.font, where, plain_source(text.value), source, ("body", i, *text.loc)


def _location(project: Project, clinic: Loaded[m.Clinic], index: int, lang: str) -> Iterator[Placed]:
    """What one location prints of its own (and of its clinic's details it inherits)."""
    loc = clinic.value.locations[index]
    contact = merge_contact(clinic, loc, index, lang)
    base: Loc = ("locations", index)
    source = clinic.source
    yield "heading", "clinic name", clinic.value.name, source, ("name",)
    yield "body", "location name", contact.name, source, (*base, "name")
    for field, values in (("address", contact.address), ("phone", [contact.phone]), ("email", [contact.email]),
                          ("hours", contact.hours), ("tagline", [contact.tagline]),
                          ("disclaimer", [contact.disclaimer])):
        own = getattr(loc, field, None) is not None
        for value in values:
            if value:
                yield "body", {"hours": "opening hours"}.get(field, field), value, source, \
                    (*base, field) if own else (field,)


def _report(found: Iterator[Placed], drawable: dict[str, frozenset[int]], families: dict[str, str], suffix: str,
            out: Collector) -> None:
    reported: set[tuple[str, str]] = set()
    for role, where, text, source, loc in found:
        allowed = drawable["heading" if role == "heading" else "body"]
        for ch in sorted(set(text)):
            if ch.isspace() or ord(ch) in allowed or (ch, where) in reported:
                continue
            reported.add((ch, where))
            problem = Missing(ch, where, families["heading" if role == "heading" else "body"])
            out.add("error", "glyph", describe(problem) + suffix, FIX, source, loc)


def check_glyphs(project: Project, options: CheckOptions, out: Collector) -> None:
    if not options.glyphs:
        return
    names = sorted(project.documents)
    for clinic_name, clinic in sorted(project.clinics.items()):
        languages = sorted({lang for loc in clinic.value.locations for lang in location_languages(clinic.value, loc)})
        fonts = {lang: brand_fonts(project, clinic.value.brand, lang) for lang in languages}
        for lang in languages:
            by_topic: dict[str, list[str]] = {}
            for name in names:
                by_topic.setdefault(project.documents[name].value.topic, []).append(name)
            for topic, docs in sorted(by_topic.items()):
                if topic not in project.topics or lang not in project.topics[topic].languages():
                    continue  # reported by the languages check
                strings = project.layout_strings(lang)
                shared = list(_shared(project, project.topics[topic].for_language(lang), docs, lang))
                shared += [("body", "layout strings", text, project.strings_sources.get(lang), (key,))
                           for key, text in strings.items()]
                _report(iter(shared), _drawable(fonts[lang]), fonts[lang].families, "", out)
        for index, loc in enumerate(clinic.value.locations):
            for lang in location_languages(clinic.value, loc):
                try:
                    own = list(_location(project, clinic, index, lang))
                except HandoutsError as exc:
                    _input_problem(exc, out)
                    continue
                _report(iter(own), _drawable(fonts[lang]), fonts[lang].families,
                        f" ({clinic_name}/{loc.id})", out)


def _input_problem(exc: HandoutsError, out: Collector) -> None:
    """A location whose details cannot be filled in: its own located findings, or the message."""
    if isinstance(exc, InputError):
        for finding in exc.findings:
            out.finding(finding)
    else:
        out.add("error", "invalid-input", exc.format_message(), "correct the input the message names")
