"""Turn one job (document, clinic, location, paper, language) into everything its PDF needs: merged branding
and contact details, and every content string filled in for this location and turned into paragraph markup."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from handouts.errors import InputError
from handouts.load import models as m
from handouts.load.items import Item, Text, kind_of
from handouts.load.project import Loaded, Project
from handouts.load.reads import digest, note
from handouts.load.yamlio import Loc, Located, format_loc
from handouts.resolve.contact import Contact, merge_brand, merge_contact
from handouts.resolve.locale import format_date, translate
from handouts.resolve.markup import LITERAL_CLOSE, LITERAL_OPEN, to_markup
from handouts.resolve.plan import Job
from handouts.resolve.templates import fill, has_template


@dataclass(frozen=True)
class RenderedBlock:
    id: str
    kind: str
    heading: str
    items: tuple[Item, ...]


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
        return translate(self.strings, key, **values)

    def governance_line(self) -> str:
        """Document code, version, publication and next review date, and the review status."""
        gov = self.topic.governance
        locale = self.contact.locale
        line = (f"{gov.code} · {self.t('version')} {gov.version} · {self.t('published')} "
                f"{format_date(gov.published, locale)} · {self.t('next_review')} "
                f"{format_date(gov.next_review, locale)}")
        if self.topic.status == "draft":
            line += f" · {self.t('draft')}"
        if self.topic.translation and self.topic.translation.status == "needs-review":
            line += f" · {self.t('translation_draft')}"
        return line


def resolve(project: Project, job: Job) -> Resolved:
    """Everything one PDF needs, with every content string filled in for this location."""
    doc_loaded = project.document(job.document)
    document = doc_loaded.model
    base = project.topics.pick(document.topic)
    topic_set = base.for_language(job.lang)
    topic = topic_set.topic.model
    layout = project.layout(document.layout).model
    clinic = project.clinic(job.clinic)
    loc = project.location(job.clinic, job.location)
    index = project.location_index(job.clinic, job.location)
    contact = merge_contact(clinic, loc, index, job.lang)
    brand = merge_brand(clinic.model.brand, loc.brand)
    own_words, own_source = topic_set.own_words(job.document) if topic_set is not base else (None, None)
    title = (own_words.title if own_words and own_words.title else None) or \
        (document.title if topic_set is base else None) or topic.title
    gov = topic.governance
    # The layout's fixed strings, with the words of the location's country (physiotherapist in en-GB): content
    # templates read them as {{ words.therapist }}.
    strings = project.layout_strings(job.lang, contact.locale)
    context = {
        "clinic": {"name": clinic.model.name, "tagline": contact.tagline},
        "location": {
            "id": loc.id, "name": contact.name, "phone": contact.phone, "email": contact.email,
            "booking_url": contact.booking_url, "emergency_number": contact.emergency_number,
            "address": ", ".join(contact.address), "hours": "; ".join(contact.hours),
        },
        "document": {"title": title, "code": gov.code, "version": gov.version},
        "words": strings,
    }
    contact = replace(contact, disclaimer=_small_print(contact.disclaimer, context, clinic, loc, index, job.lang))
    slots = {
        slot: [render_block(name, topic_set.blocks.pick(name), context) for name in names]
        for slot, names in document.slots.items()
    }
    logo = brand.logo
    logo_file = logo.svg or logo.png or ""  # the model requires one of them
    _check_logo(project, clinic, loc, index, logo)
    message_src: Located
    message_loc: Loc
    if own_words and own_words.main_message and own_source is not None:
        message_src, message_loc = own_source, (job.document, "main_message")
        message = own_words.main_message
    elif document.main_message and topic_set is base:
        message_src, message_loc, message = doc_loaded.source, ("main_message",), document.main_message
    else:
        message_src, message_loc, message = topic_set.topic.source, ("main_message",), topic.main_message
    main_message = _markup(message, context, message_src, message_loc)
    return Resolved(job, document, title, topic, layout, document.layout, layout.papers[job.paper],
                    clinic.model, clinic.path, brand, contact, project.asset_path(clinic, logo_file),
                    bool(logo.svg), slots, context, main_message, strings)


# A chain's documents convert the same strings location after location: each once per process.
_to_markup = lru_cache(maxsize=8192)(to_markup)


def _markup(value: str, context: dict[str, Any], src: Located, loc: Loc) -> str:
    """Fill in and convert one content string; a markup mistake names its file and line."""
    try:
        return _to_markup(fill(value, context, src, loc))
    except ValueError as exc:
        raise InputError(src.issue(loc, f"{format_loc(loc)}: {exc}")) from None


def _small_print(text: str, context: dict[str, Any], clinic: Loaded[m.Clinic], loc: m.Location, index: int,
                 lang: str) -> str:
    """The clinic's own small print, its templates filled in ({{ words.regulation }}: the rules of the
    location's country) and kept as plain text: it is printed as written, not read as markup."""
    own = loc.disclaimer is not None
    where: Loc = ("locations", index, "disclaimer") if own else ("disclaimer",)
    if isinstance(loc.disclaimer if own else clinic.value.disclaimer, dict):
        where = (*where, lang)
    return fill(text, context, clinic.source, where).replace(LITERAL_OPEN, "").replace(LITERAL_CLOSE, "")


def _check_logo(project: Project, clinic: Loaded[m.Clinic], loc: m.Location, index: int, logo: m.Logo) -> None:
    """The logo a PDF draws (the SVG where there is one, else the PNG) must be there and usable; a problem
    fails only the PDFs of the locations that use it."""
    own = loc.brand is not None and loc.brand.logo is not None
    base: Loc = ("locations", index, "brand", "logo") if own else ("brand", "logo")
    kind = "svg" if logo.svg else "png"
    rel = getattr(logo, kind)
    path = project.asset_path(clinic, rel)
    if not path.is_file():
        note(path, "absent")
        raise InputError(clinic.source.issue((*base, kind), f"{kind} logo file not found: {rel} "
                                                             f"(paths are relative to {clinic.path.parent.name}/)",
                                             fix=f"put the file at {path} or correct the path"))
    problem = project.logo_problems.get(path)
    if problem:
        note(path, digest(path.read_bytes()))  # replacing the file rebuilds what failed on it
        raise InputError(clinic.source.issue((*base, kind), f"{kind} logo {rel}: {problem}",
                                             fix="replace the file (or point the logo at another one)"))


def render_block(block_id: str, loaded: Loaded[m.Block], context: dict[str, Any]) -> RenderedBlock:
    """A block's heading and items, each string filled in and turned into paragraph markup. A block without a
    template is the same for every location: it is made once and kept with the loaded block (so, once per loaded
    project)."""
    block, src = loaded.model, loaded.source  # (noting the read for the job, every time)
    kept = loaded.__dict__.get("_plain")
    if kept is not None and kept[0] == block_id:
        plain: RenderedBlock = kept[1]
        return plain
    templated = has_template(block.heading)
    items = []
    for i, item in enumerate(block.body):
        kind = kind_of(item)

        def fill_text(text: Text, i: int = i) -> str:
            nonlocal templated
            templated = templated or has_template(text.value)
            return _markup(text.value, context, src, ("body", i, *text.loc))

        items.append(kind.resolve(item, fill_text))
    rendered = RenderedBlock(block_id, block.kind, _markup(block.heading, context, src, ("heading",)), tuple(items))
    if not templated:
        object.__setattr__(loaded, "_plain", (block_id, rendered))
    return rendered
