"""Turn a project folder (content/, layouts/, fonts/) into validated models that note every read a job makes."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from handouts.errors import UnknownName
from handouts.load import models as m
from handouts.load.reads import note, note_absent
from handouts.load.yamlio import Located

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A model with the parsed file it came from, so later stages can point at its lines. Reading ``model``
    notes the read for the job being built (``part``: which part of the file the model is)."""

    name: str
    value: T
    source: Located
    part: str = ""

    @property
    def model(self) -> T:
        note(self.source.path, self.source.digest(self.part), self.part)
        return self.value

    @property
    def path(self) -> Path:
        return self.source.path


class Catalog(Mapping[str, T]):
    """Named entries of one kind (layouts, clinics, …); an unknown name is an error that lists the known ones."""

    def __init__(self, what: str, entries: dict[str, T] | None = None):
        self.what = what
        self.entries: dict[str, T] = dict(entries or {})

    def __getitem__(self, name: str) -> T:
        return self.entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __setitem__(self, name: str, value: T) -> None:
        self.entries[name] = value

    def pick(self, name: str) -> T:
        if name not in self.entries:
            raise UnknownName(self.what, name, self.entries)
        return self.entries[name]


@dataclass
class TopicSet:
    """A topic in one language: its topic.yaml and blocks; translations sit in a sub-folder per language
    (``es/``) with the same file names, plus ``documents.yaml`` for the documents' own words."""

    topic: Loaded[m.Topic]
    blocks: Catalog[Loaded[m.Block]]
    folder: Path
    translations: dict[str, TopicSet] = field(default_factory=dict)
    documents: dict[str, m.DocumentText] = field(default_factory=dict)
    documents_source: Located | None = None

    @property
    def language(self) -> str:
        return self.topic.value.language.split("-")[0]

    def languages(self) -> list[str]:
        return [self.language, *sorted(self.translations)]

    def for_language(self, lang: str) -> TopicSet:
        if lang == self.language:
            return self
        if lang not in self.translations:
            raise UnknownName(f"language of topic '{self.topic.name}'", lang, self.translations)
        return self.translations[lang]

    def own_words(self, document: str) -> tuple[m.DocumentText | None, Located | None]:
        """A translation's own title and main message for ``document`` (its documents.yaml), noting the read —
        or that the file is not there, so adding it rebuilds what looked."""
        if self.documents_source is None:
            note_absent(self.folder / "documents.yaml")
            return None, None
        note(self.documents_source.path, self.documents_source.digest())
        return self.documents.get(document), self.documents_source


@dataclass
class Project:
    """Everything a build needs, loaded and checked once."""

    root: Path
    fonts: dict[str, m.FontFamily] = field(default_factory=dict)
    fonts_source: Located | None = None
    layouts: Catalog[Loaded[m.Layout]] = field(default_factory=lambda: Catalog("layout"))
    topics: Catalog[TopicSet] = field(default_factory=lambda: Catalog("topic"))
    clinics: Catalog[Loaded[m.Clinic]] = field(default_factory=lambda: Catalog("clinic"))
    documents: Catalog[Loaded[m.Document]] = field(default_factory=lambda: Catalog("document"))
    printers: Catalog[Loaded[m.PrinterProfile]] = field(default_factory=lambda: Catalog("printer profile"))
    kinds: dict[str, m.DocumentKind] = field(default_factory=dict)
    kinds_source: Located | None = None
    # Fixed strings by language ("en") and by locale ("en-GB": the language's strings with the country's own
    # words over them, merged when loaded).
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    strings_sources: dict[str, Located] = field(default_factory=dict)
    # Logo files that cannot be used, with why (decoded when the project loads): they fail only their PDFs.
    logo_problems: dict[Path, str] = field(default_factory=dict)
    # id → index of each clinic's locations, so finding one costs the same in a chain of 10 or 10,000.
    _location_index: dict[str, dict[str, int]] = field(default_factory=dict, repr=False)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def layout(self, name: str) -> Loaded[m.Layout]:
        return self.layouts.pick(name)

    def document(self, name: str) -> Loaded[m.Document]:
        return self.documents.pick(name)

    def clinic(self, name: str) -> Loaded[m.Clinic]:
        return self.clinics.pick(name)

    def location_ids(self, clinic: str) -> dict[str, int]:
        """A clinic's location ids, each with where it sits in the clinic's list."""
        index = self._location_index.get(clinic)
        if index is None:
            index = {loc.id: i for i, loc in enumerate(self.clinic(clinic).value.locations)}
            self._location_index[clinic] = index
        return index

    def location_index(self, clinic: str, location_id: str) -> int:
        """Where a location sits in its clinic's list (for messages that point at its lines)."""
        index = self.location_ids(clinic)
        if location_id not in index:
            raise UnknownName(f"location of clinic '{clinic}'", location_id, index)
        return index[location_id]

    def location(self, clinic: str, location_id: str) -> m.Location:
        """One location of a clinic; notes the read of that location's part of the clinic file only."""
        loaded = self.clinic(clinic)
        loc = loaded.value.locations[self.location_index(clinic, location_id)]
        note(loaded.source.path, loaded.source.digest(f"locations/{loc.id}"), f"locations/{loc.id}")
        return loc

    def printer(self, name: str) -> Loaded[m.PrinterProfile]:
        return self.printers.pick(name)

    def font_family(self, name: str) -> m.FontFamily:
        """A font family from fonts/fonts.yaml, noting the read."""
        if self.fonts_source is not None:
            note(self.fonts_source.path, self.fonts_source.digest())
        return self.fonts[name]

    def layout_strings(self, lang: str, locale: str | None = None) -> dict[str, str]:
        """The fixed strings layouts print, which content templates also read as ``words``, in one language
        (layouts/strings/<lang>.yaml); with ``locale`` (``en-GB``), the words that differ in its country over
        them (layouts/strings/en-GB.yaml: "physiotherapist" for "physical therapist"). Notes each read, and
        that a country's file is not there, so adding one rebuilds what looked for it."""
        source = self.strings_sources.get(lang)
        if source is None:
            note_absent(self.root / "layouts" / "strings" / f"{lang}.yaml")
            return {}
        note(source.path, source.digest())
        if not locale or locale == lang or locale.split("-")[0] != lang:
            return self.strings[lang]
        country = self.strings_sources.get(locale)
        if country is None:
            note_absent(self.root / "layouts" / "strings" / f"{locale}.yaml")
            return self.strings[lang]
        note(country.path, country.digest())
        return self.strings[locale]

    def icc_path(self, printer: Loaded[m.PrinterProfile], icc: str) -> Path:
        """An ICC profile a printer profile names: relative to the printer file, or absolute."""
        return printer.path.parent / icc

    def font_path(self, relative: str) -> Path:
        return self.root / "fonts" / relative

    def asset_path(self, clinic: Loaded[m.Clinic], relative: str) -> Path:
        return clinic.path.parent / relative


def location_languages(clinic: m.Clinic, loc: m.Location) -> list[str]:
    """The languages a location serves: its own list, its clinic's, or its locale's language."""
    languages = loc.languages or clinic.languages
    if languages:
        return list(languages)
    return [(loc.locale or clinic.locale or "en-US").split("-")[0]]
