"""Turn the project and a front-desk form into what the page offers (locations, documents, languages, treated
areas) and one validated print request: ids checked against the project, values bounded and written as the
sheet's locale writes dates and times. Nothing here keeps or logs a value."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from urllib.parse import parse_qsl

from handouts.errors import UnknownName
from handouts.load.project import Project, location_languages

MAX_THERAPIST = 40
MAX_NOTES = 120
MAX_FIELDS = 40  # a form has at most this many name=value pairs (the tick boxes included)
# Months as the date blank prints them: a third of the sheet's width holds "Sep 30, 2026" but not "30 de
# septiembre de 2026" in every language.
SHORT_MONTHS = {"en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
                "es": ["ene.", "feb.", "mar.", "abr.", "may.", "jun.", "jul.", "ago.", "sept.", "oct.", "nov.", "dic."]}
DAY_FIRST = ("GB", "IE", "AU", "NZ")
CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
TIME = re.compile(r"([01]\d|2[0-3]):([0-5]\d)")


class BadForm(ValueError):
    """A request the front desk cannot print from; the message says what to change, in plain words."""


@dataclass(frozen=True)
class Place:
    """One location of one clinic, as the front desk offers it; ``key`` is what the browser remembers."""

    clinic: str
    location: str
    name: str
    clinic_name: str
    languages: tuple[str, ...]
    locale: str

    @property
    def key(self) -> str:
        return f"{self.clinic}/{self.location}"


@dataclass(frozen=True)
class Sheet:
    """A document the front desk can print, and whether it has a box for the next appointment."""

    name: str
    title: str
    kind: str
    appointment: bool


@dataclass(frozen=True)
class PrintRequest:
    place: Place
    document: Sheet
    lang: str
    fill: dict[str, str]


def places(project: Project) -> list[Place]:
    found = []
    for clinic_name, loaded in project.clinics.items():
        clinic = loaded.value
        for loc in clinic.locations:
            found.append(Place(clinic_name, loc.id, loc.name, clinic.name,
                               tuple(location_languages(clinic, loc)), loc.locale or clinic.locale or "en-US"))
    return found


def place(project: Project, key: str | None) -> Place | None:
    """The place a remembered key names, if the project still has it."""
    return next((p for p in places(project) if p.key == key), None) if key else None


def sheets(project: Project) -> list[Sheet]:
    """Every document; those with an appointment box first (they are what the front desk prints most)."""
    found = []
    for name, loaded in project.documents.items():
        document = loaded.value
        layout = project.layouts[document.layout].value
        appointment = any(panel.role == "appointment" for page in layout.pages for panel in page.panels)
        title = document.title or project.topics[document.topic].topic.value.title
        found.append(Sheet(name, title, document.kind, appointment))
    return sorted(found, key=lambda s: (not s.appointment, s.name))


def areas(project: Project, document: str, lang: str) -> list[str]:
    """The topic's treated areas in the sheet's language ([] when the document has no appointment box)."""
    sheet = next((s for s in sheets(project) if s.name == document), None)
    if sheet is None or not sheet.appointment:
        return []
    topic = project.topics[project.documents[document].value.topic]
    try:
        return list(topic.for_language(lang).topic.value.treated_areas)
    except UnknownName:  # a language the topic lacks: the print request is refused with a message instead
        return []


def parse_form(body: bytes) -> dict[str, list[str]]:
    """An application/x-www-form-urlencoded body as name → values; malformed or oversized forms are refused."""
    try:
        pairs = parse_qsl(body.decode("utf-8"), keep_blank_values=True, strict_parsing=False,
                          max_num_fields=MAX_FIELDS)
    except (UnicodeDecodeError, ValueError):
        raise BadForm("the form could not be read (it was not UTF-8 form data, or had too many fields)") from None
    form: dict[str, list[str]] = {}
    for name, value in pairs:
        form.setdefault(name, []).append(value)
    return form


def _one(form: dict[str, list[str]], name: str, label: str, most: int, required: bool = False) -> str:
    values = form.get(name, [])
    if len(values) > 1:
        raise BadForm(f"{label} was sent more than once")
    value = " ".join(values[0].split()) if values else ""
    if required and not value:
        raise BadForm(f"choose a {label.lower()}")
    if len(value) > most:
        raise BadForm(f"{label} is too long: at most {most} characters")
    if CONTROL.search(value):
        raise BadForm(f"{label} holds a character that cannot be printed")
    return value


def short_date(day: date, locale: str) -> str:
    """Dec 2, 2026 (en-US); 2 Dec 2026 (en-GB); 2 dic. 2026 (es); 2026-12-02 for a language without names."""
    lang = locale.split("-")[0]
    months = SHORT_MONTHS.get(lang)
    if months is None:
        return day.isoformat()
    month = months[day.month - 1]
    if lang == "en" and not locale.endswith(DAY_FIRST):
        return f"{month} {day.day}, {day.year}"
    return f"{day.day} {month} {day.year}"


def _time_text(hhmm: str, place: Place, lang: str) -> str:
    """24-hour time as the locale says it: 2:30 PM (US English), 2:30 p. m. (US Spanish), 14:30 elsewhere."""
    match = TIME.fullmatch(hhmm)
    if not match:
        raise BadForm("the time should be hours and minutes, like 14:30")
    hour, minute = int(match.group(1)), match.group(2)
    if place.locale.endswith("-US"):
        twelve = hour % 12 or 12
        suffix = ("AM" if hour < 12 else "PM") if lang == "en" else ("a. m." if hour < 12 else "p. m.")
        return f"{twelve}:{minute} {suffix}"
    return f"{hour:02d}:{minute}"


def print_request(project: Project, form: dict[str, list[str]]) -> PrintRequest:
    """The form checked against the project: a known location, document and language, a real date and time,
    bounded text; the treated areas ticked by their number in the topic's list."""
    chosen = place(project, _one(form, "place", "Location", 200, required=True))
    if chosen is None:
        raise BadForm("that location is not in this project; choose your location again")
    name = _one(form, "document", "Document", 200, required=True)
    sheet = next((s for s in sheets(project) if s.name == name), None)
    if sheet is None:
        raise BadForm("that document is not in this project; reload the page")
    lang = _one(form, "lang", "Language", 20, required=True)
    if lang not in chosen.languages:
        raise BadForm(f"{chosen.name} does not serve that language; choose one of: {', '.join(chosen.languages)}")
    fill: dict[str, str] = {}
    if sheet.appointment:
        day = _one(form, "date", "Date", 10)
        if day:
            try:
                fill["next_appointment_date"] = short_date(date.fromisoformat(day), _locale(chosen, lang))
            except ValueError:
                raise BadForm("the date should be a day of the calendar, like 2026-12-02") from None
        at = _one(form, "time", "Time", 5)
        if at:
            fill["next_appointment_time"] = _time_text(at, chosen, lang)
        therapist = _one(form, "therapist", "With (therapist)", MAX_THERAPIST)
        if therapist:
            fill["therapist"] = therapist
        notes = _one(form, "notes", "Notes", MAX_NOTES)
        if notes:
            fill["notes"] = notes
        known = areas(project, sheet.name, lang)
        ticked = form.get("area", [])
        if len(ticked) > len(known) or any(not t.isdigit() or not 1 <= int(t) <= len(known) for t in ticked):
            raise BadForm("a treated area that this sheet does not list was ticked; reload the page")
        if ticked:
            fill["areas"] = ",".join(f"area_{int(t)}" for t in sorted(set(ticked), key=int))
    return PrintRequest(chosen, sheet, lang, fill)


def _locale(chosen: Place, lang: str) -> str:
    """The sheet's locale: the location's country with the sheet's language (es-US for Spanish in Portland)."""
    country = chosen.locale.split("-")[1] if "-" in chosen.locale else ""
    return f"{lang}-{country}" if country else lang
