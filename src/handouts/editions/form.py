"""Turn the aftercare sheet into its form edition: the blanks of the next appointment as form fields to type
into (``.form.pdf``); with values, a separately named file so the blank form is never overwritten — the fields
filled in (``.form-filled.pdf``) or, with ``--flatten``, the values printed in the sheet's own fonts
(``.filled.pdf``). Values are checked first: unknown field names and areas are errors that list the valid ones in
the sheet's language (the English names are accepted too)."""

from __future__ import annotations

from collections.abc import Iterable

from handouts.editions.base import Edition, EditionSpec, Options, suffix
from handouts.errors import HandoutsError, suggest
from handouts.layout import RenderSettings
from handouts.load.project import Project

# Field keys and the layout string that labels each on the sheet ("areas" ticks boxes from the topic's list).
FIELD_LABELS = {"next_appointment_date": "date", "next_appointment_time": "time", "therapist": "with",
                "notes": "notes", "areas": "areas"}


class Form(EditionSpec):
    name = "form"
    description = "the aftercare sheet with form fields (or their values printed, with --flatten)"

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        fields = not options.flatten
        end = suffix("office", options, (".form-filled" if options.fill else ".form") if fields else ".filled")
        settings = RenderSettings(name="form", suffix=end, cmyk=bool(options.cmyk), frames=options.frames,
                                  fillable=fields, fill=options.fill, flatten=options.flatten, tagged=options.tags)
        return Edition("form", settings, end)


def has_fields(project: Project, document: str) -> bool:
    """Whether a document's layout has the appointment box whose blanks become form fields."""
    layout = project.layouts.get(project.documents[document].value.layout)
    return layout is not None and any(p.role == "appointment" for page in layout.value.pages for p in page.panels)


def form_documents(project: Project, documents: Iterable[str]) -> list[str]:
    """The documents a form build makes: those named, each of which must have fields, or else every one that
    has them."""
    named = list(documents)
    with_fields = [name for name in sorted(project.documents) if has_fields(project, name)]
    lacking = [name for name in named if name in project.documents and not has_fields(project, name)]
    if lacking:
        raise HandoutsError(f"--fillable/--fill: {', '.join(lacking)} has no form fields (its layout has no "
                            f"appointment box); documents with fields: {', '.join(with_fields) or '(none)'}")
    if not named and not with_fields:
        raise HandoutsError("--fillable/--fill: no document of this project has form fields (a layout panel with "
                            "role: appointment)")
    return named or with_fields


def check_fill(project: Project, document: str, lang: str, fill: tuple[tuple[str, str], ...]
               ) -> tuple[tuple[str, str], ...]:
    """The values for one sheet in one language, with field names and areas checked and put in the form the
    sheet uses (areas as ``area_N``). A field may be named by its key or by its label on the sheet (``fecha``);
    an area by its name in the sheet's language, its English name, or ``area_N``."""
    strings = project.layout_strings(lang)
    base = project.topics[project.documents[document].value.topic]
    local = base.for_language(lang).topic.value.treated_areas
    english = base.topic.value.treated_areas
    labels = {strings.get(label, label).lower(): key for key, label in FIELD_LABELS.items()}
    out: list[tuple[str, str]] = []
    for key, value in fill:
        name = key if key in FIELD_LABELS else labels.get(key.strip().lower())
        if name is None:
            listed = ", ".join(f"{k} ({strings.get(label, label)})" for k, label in FIELD_LABELS.items())
            raise HandoutsError(f"--fill {key}=…: no field '{key}' on {document}.{lang}"
                                f"{suggest(key, [*FIELD_LABELS, *labels])}; its fields are: {listed}")
        if name == "areas":
            value = _areas(value, local, english, document, lang, strings.get("areas", "areas"))
        out.append((name, value))
    return tuple(out)


def _areas(value: str, local: list[str], english: list[str], document: str, lang: str, label: str) -> str:
    keys = []
    for given in (v.strip() for v in value.split(",")):
        if not given:
            continue
        lowered = given.lower()
        index = next((i for i, a in enumerate(local) if a.lower() == lowered), None)
        if index is None:
            index = next((i for i, a in enumerate(english) if a.lower() == lowered), None)
        if index is None and lowered.startswith("area_") and lowered[5:].isdigit() and \
                1 <= int(lowered[5:]) <= len(local):
            index = int(lowered[5:]) - 1
        if index is None or index >= len(local):
            also = f" (or in English: {', '.join(english)})" if english != local else ""
            raise HandoutsError(f"--fill areas={value}: '{given}' is not one of the {label.lower()} on "
                                f"{document}.{lang}{suggest(given, [*local, *english])}; choose from: "
                                f"{', '.join(local) or '(none)'}{also}")
        keys.append(f"area_{index + 1}")
    return ",".join(keys)
