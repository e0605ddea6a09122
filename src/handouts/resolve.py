"""Turn (document, clinic, location, paper) into one render-ready job: merged branding, contact details,
and every content string filled in and converted to paragraph markup."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from handouts import models as m
from handouts.errors import HandoutsError, InputError, UnknownName
from handouts.project import Loaded, Project, location_languages
from handouts.text import fill, to_markup
from handouts.yamlio import format_loc

EMERGENCY_NUMBERS = {"US": "911", "CA": "911", "GB": "999", "IE": "112", "AU": "000", "NZ": "111"}
REQUIRED_CONTACT = ("phone", "email", "hours", "booking_url")


@dataclass(frozen=True)
class Job:
    """One PDF to make."""

    document: str
    clinic: str
    location: str
    paper: str
    lang: str = "en"

    @property
    def label(self) -> str:
        return f"{self.clinic}/{self.location}/{self.document}.{self.lang}"

    def output_path(self, out: Path, suffix: str = "") -> Path:
        """``out/<clinic>/<location>/<document>.<lang><suffix>.pdf``; editions differ by suffix (``.print``)."""
        return out / self.clinic / self.location / f"{self.document}.{self.lang}{suffix}.pdf"


def plan(project: Project, documents=(), clinic: str | None = None, location: str | None = None,
         paper: str | None = None, lang: str | None = None) -> list[Job]:
    """Every (clinic × location × document × language) the selection names, in a stable order."""
    for name in documents:
        project.document(name)
    clinics = [project.clinic(clinic)] if clinic else list(project.clinics.values())
    if location:
        if clinic is None:
            owners = [c for c in clinics if any(loc.id == location for loc in c.model.locations)]
            if not owners:
                all_ids = {loc.id for c in clinics for loc in c.model.locations}
                raise UnknownName("location", location, all_ids)
            clinics = owners
        else:
            project.location(clinic, location)
    names = list(documents) or sorted(project.documents)
    if lang is not None:
        served = {x for c in clinics for loc in c.model.locations for x in location_languages(c.model, loc)}
        if lang not in served:
            raise UnknownName("language", lang, served)
    jobs = []
    for c in clinics:
        for loc in c.model.locations:
            if location and loc.id != location:
                continue
            for language in location_languages(c.model, loc):
                if lang and language != lang:
                    continue
                jobs += _jobs_for(project, c, loc, names, language, paper)
    return jobs


def _jobs_for(project: Project, c: Loaded[m.Clinic], loc: m.Location, names: list[str], language: str,
              paper: str | None) -> list[Job]:
    jobs = []
    for name in names:
        doc = project.documents[name].model
        layout = project.layouts[doc.layout].model
        chosen = paper or doc.paper or loc.paper or c.model.paper or "letter"
        if chosen not in layout.papers:
            raise HandoutsError(f"layout '{doc.layout}' has no paper '{chosen}'; it has: {', '.join(layout.papers)}")
        jobs.append(Job(name, c.name, loc.id, chosen, language))
    return jobs


@dataclass(frozen=True)
class Item:
    """One body element, its text already in paragraph markup."""

    kind: str  # p | subheading | bullets | steps | callout
    text: str = ""
    items: tuple[str, ...] = ()
    title: str = ""
    tone: str = "info"


@dataclass(frozen=True)
class RenderedBlock:
    id: str
    kind: str
    heading: str
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Contact:
    """A location's details after inheritance from its clinic."""

    name: str
    address: tuple[str, ...]
    phone: str
    email: str
    hours: tuple[str, ...]
    booking_url: str
    emergency_number: str
    locale: str
    tagline: str
    disclaimer: str


@dataclass
class Resolved:
    job: Job
    document: m.Document
    title: str
    topic: m.Topic
    layout: m.Layout
    layout_name: str
    paper: m.Paper
    clinic: m.Clinic
    clinic_file: Path
    brand: m.Brand
    contact: Contact
    logo_path: Path
    logo_is_vector: bool
    slots: dict[str, list[RenderedBlock]]
    context: dict[str, Any]
    main_message: str  # paragraph markup
    strings: dict[str, str]  # the layout's fixed strings in this language

    def t(self, key: str, **values: str) -> str:
        """A fixed string in the document's language, e.g. ``t("call_us_open", hours=…)``."""
        text = self.strings.get(key, key)
        return text.format(**values) if values else text


def merge_contact(clinic: Loaded[m.Clinic], loc: m.Location, lang: str | None = None) -> Contact:
    c = clinic.model
    index = c.locations.index(loc)

    def pick(field: str):
        value = getattr(loc, field)
        return value if value is not None else getattr(c, field)

    missing = [f for f in REQUIRED_CONTACT if not pick(f)]
    if missing:
        raise InputError(clinic.source.issue(
            ("locations", index),
            f"locations[{index}] ({loc.id}): no {', '.join(missing)}: set it on the location or on the clinic"))
    locale = pick("locale") or "en-US"
    country = locale.split("-")[-1] if "-" in locale else ""
    if lang and not locale.startswith(lang):
        locale = f"{lang}-{country}" if country else lang  # Spanish at a US location: es-US
    emergency = pick("emergency_number") or EMERGENCY_NUMBERS.get(country)
    if not emergency:
        raise InputError(clinic.source.issue(("locations", index), f"locations[{index}] ({loc.id}): no "
                                             f"emergency_number and none known for locale {locale}: set one"))
    language = locale.split("-")[0]

    def localized(field: str):
        """A field written once, or once per language (``{en: …, es: …}``)."""
        value = pick(field)
        if isinstance(value, dict):
            if language not in value:
                raise InputError(clinic.source.issue(
                    ("locations", index),
                    f"locations[{index}] ({loc.id}): {field} has no '{language}' version ({field}: {{{language}: …}})"))
            value = value[language]
        return value

    return Contact(loc.name, tuple(loc.address), pick("phone"), pick("email"), tuple(localized("hours")),
                   pick("booking_url"), emergency, locale, localized("tagline") or "", localized("disclaimer") or "")


def merge_brand(brand: m.Brand, override: m.BrandOverride | None) -> m.Brand:
    if override is None:
        return brand
    return brand.model_copy(update={
        "logo": override.logo or brand.logo,
        "colors": {**brand.colors, **override.colors},
    })


def resolve(project: Project, job: Job) -> Resolved:
    """Everything one PDF needs, with every content string filled in for this location."""
    doc_loaded = project.document(job.document)
    document = doc_loaded.model
    base = project.topics[document.topic]
    topic_set = base.for_language(job.lang)
    topic = topic_set.topic.model
    layout = project.layouts[document.layout].model
    clinic = project.clinic(job.clinic)
    loc = project.location(job.clinic, job.location)
    contact = merge_contact(clinic, loc, job.lang)
    brand = merge_brand(clinic.model.brand, loc.brand)
    own_words = topic_set.documents.get(job.document) if topic_set is not base else None
    title = (own_words.title if own_words and own_words.title else None) or \
        (document.title if topic_set is base else None) or topic.title
    gov = topic.governance
    context = {
        "clinic": {"name": clinic.model.name, "tagline": contact.tagline},
        "location": {
            "id": loc.id, "name": contact.name, "phone": contact.phone, "email": contact.email,
            "booking_url": contact.booking_url, "emergency_number": contact.emergency_number,
            "address": ", ".join(contact.address), "hours": "; ".join(contact.hours),
        },
        "document": {"title": title, "code": gov.code, "version": gov.version},
    }
    slots = {
        slot: [render_block(name, topic_set.blocks[name], context) for name in names]
        for slot, names in document.slots.items()
    }
    logo = brand.logo
    logo_file = logo.svg or logo.png
    _check_logo(project, clinic, loc, logo)
    if own_words and own_words.main_message:
        message_src, message_loc = topic_set.documents_source, (job.document, "main_message")
        message = own_words.main_message
    elif document.main_message and topic_set is base:
        message_src, message_loc, message = doc_loaded.source, ("main_message",), document.main_message
    else:
        message_src, message_loc, message = topic_set.topic.source, ("main_message",), topic.main_message
    main_message = _markup(message, context, message_src, message_loc)
    return Resolved(job, document, title, topic, layout, document.layout, layout.papers[job.paper],
                    clinic.model, clinic.path, brand, contact, project.asset_path(clinic, logo_file),
                    bool(logo.svg), slots, context, main_message, project.strings.get(job.lang, {}))


def _markup(value: str, context: dict, src, loc) -> str:
    """Fill in and convert one content string; a markup mistake names its file and line."""
    try:
        return to_markup(fill(value, context, src, loc))
    except ValueError as exc:
        raise InputError(src.issue(loc, f"{format_loc(loc)}: {exc}")) from None


def _check_logo(project: Project, clinic: Loaded[m.Clinic], loc: m.Location, logo: m.Logo) -> None:
    """A missing logo fails only the PDFs of the locations that use it."""
    index = clinic.model.locations.index(loc)
    own = loc.brand is not None and loc.brand.logo is not None
    base = ("locations", index, "brand", "logo") if own else ("brand", "logo")
    for kind in ("svg", "png"):
        rel = getattr(logo, kind)
        if rel and not project.asset_path(clinic, rel).is_file():
            raise InputError(clinic.source.issue((*base, kind), f"{kind} logo file not found: {rel} "
                                                                 f"(paths are relative to {clinic.path.parent.name}/)"))


def render_block(block_id: str, loaded: Loaded[m.Block], context: dict) -> RenderedBlock:
    block, src = loaded.model, loaded.source

    def text(value: str, *loc) -> str:
        return _markup(value, context, src, loc)

    items = []
    for i, item in enumerate(block.body):
        if isinstance(item, m.Paragraph):
            items.append(Item("p", text(item.p, "body", i, "p")))
        elif isinstance(item, m.Subheading):
            items.append(Item("subheading", text(item.subheading, "body", i, "subheading")))
        elif isinstance(item, m.Bullets | m.Steps):
            key = "bullets" if isinstance(item, m.Bullets) else "steps"
            entries = tuple(text(t, "body", i, key, j) for j, t in enumerate(getattr(item, key)))
            items.append(Item(key, items=entries))
        elif isinstance(item, m.Callout):
            c = item.callout
            items.append(Item(
                "callout",
                text=text(c.text, "body", i, "callout", "text") if c.text else "",
                items=tuple(text(t, "body", i, "callout", "bullets", j) for j, t in enumerate(c.bullets or ())),
                title=text(c.title, "body", i, "callout", "title") if c.title else "",
                tone=c.tone,
            ))
    return RenderedBlock(block_id, block.kind, text(block.heading, "heading"), tuple(items))
