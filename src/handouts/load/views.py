"""Turn a loaded project into the smaller projects that parts of a build work on: a worker's, which holds every
file but the clinics' locations (each job brings its own), and the part of a project a set of documents in a set
of languages is made from, which is what a build of them checks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

from handouts.load import models as m
from handouts.load.project import Catalog, Loaded, Project, TopicSet
from handouts.load.reads import digest, note
from handouts.load.yamlio import Loc, Located, piece_marks, without_items

LOCATIONS = "locations"  # the list of a clinic file whose items a job reads one by one


@dataclass(frozen=True)
class LocationPart:
    """One location of a clinic as the main process loaded and validated it, with its own text in the clinic
    file: a worker records what a job read of it (the digest of that text) and points a message at its lines."""

    clinic: str
    index: int  # where it sits in the clinic's list
    model: m.Location
    text: str
    line: int  # 0-based line and column of the file where its text starts
    column: int

    @property
    def part(self) -> str:
        return f"{LOCATIONS}/{self.model.id}"

    def marks(self, path: Path) -> dict[Loc, tuple[int, int]]:
        marks = piece_marks(self.text, self.line, self.column, (LOCATIONS, self.index), path)
        return marks or {(LOCATIONS, self.index): (self.line + 1, self.column + 1)}


def location_part(project: Project, clinic: str, location_id: str) -> LocationPart:
    """One location of a loaded project, for a worker."""
    loaded = project.clinic(clinic)
    index = project.location_index(clinic, location_id)
    source = loaded.source
    begin, end = source.spans[(LOCATIONS, index)]
    line, column = source.position(begin)
    return LocationPart(clinic, index, loaded.value.locations[index], source.text[begin:end], line, column)


class NotHeld:
    """Stands for a clinic's list of locations in a worker, which holds only the locations of the jobs it was
    given (``project.location``): reading the list there is a mistake in the code, and says so."""

    def __init__(self, clinic: str):
        self.clinic = clinic

    def _refuse(self, *_: Any) -> NoReturn:
        raise LookupError(f"a worker holds only the locations of its jobs, not clinic '{self.clinic}'s list: read "
                          f"a job's location with project.location(clinic, id)")

    __iter__ = __len__ = __getitem__ = __contains__ = __bool__ = _refuse

    def __repr__(self) -> str:
        return f"<the locations of clinic '{self.clinic}', not held by this worker>"

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return NotHeld, (self.clinic,)


@dataclass
class Outline(Located):
    """A clinic file as a worker holds it: the text around its locations, each location's lines left empty so
    that every other line keeps its number, and the locations given for the jobs at hand. The digests of the
    whole file and of the file outside its locations come from the main process, which read it all."""

    given: dict[str, LocationPart] = field(default_factory=dict)  # by location id

    def give(self, parts: Iterable[LocationPart]) -> None:
        self.given = {part.model.id: part for part in parts}
        self.__dict__.pop("_given_marks", None)

    def part_text(self, part: str = "") -> str | None:
        key, _, item_id = part.partition("/")
        if key == LOCATIONS and item_id in self.given:
            return self.given[item_id].text
        raise LookupError(f"{self.path.name}: a worker holds only the locations of its jobs; '{part}' is not one")

    def digest(self, part: str = "") -> str:
        known = self.__dict__.get("_digests", {}).get(part)
        if known is not None:
            return known
        text = self.part_text(part)
        return digest(text or "")

    def where(self, loc: Loc) -> tuple[int | None, int | None]:
        loc = tuple(loc)
        by_index = {part.index: part for part in self.given.values()}
        if len(loc) >= 2 and loc[0] == LOCATIONS and loc[1] in by_index:
            marks = by_index[loc[1]].marks(self.path)
            while len(loc) > 2 and loc not in marks:
                loc = loc[:-1]
            if loc in marks:
                return marks[loc]
        return super().where(loc)


def outline(source: Located, clinic: m.Clinic) -> Outline:
    """The worker's copy of a clinic file (see ``Outline``)."""
    spans = [source.spans[(LOCATIONS, i)] for i in range(len(clinic.locations)) if (LOCATIONS, i) in source.spans]
    data = {k: v for k, v in source.data.items() if k != LOCATIONS} if isinstance(source.data, dict) else None
    kept = Outline(source.path, data, {}, without_items(source.text, spans))
    kept.__dict__["_digests"] = {part: source.digest(part) for part in ("", f"~{LOCATIONS}")}
    return kept


@dataclass
class WorkerProject(Project):
    """A project as a worker process holds it: every file loaded and checked by the main process, but of each
    clinic only its brand, contact details and defaults; the locations of the jobs at hand come with them
    (``give``), so a worker's memory does not grow with the chain."""

    def give(self, parts: Iterable[LocationPart]) -> None:
        """Hold these locations, and only these, for the jobs about to be made."""
        parts = list(parts)
        for name, loaded in self.clinics.items():
            assert isinstance(loaded.source, Outline)
            loaded.source.give(p for p in parts if p.clinic == name)

    def location_ids(self, clinic: str) -> dict[str, int]:
        source = self.clinic(clinic).source
        assert isinstance(source, Outline)
        return {loc_id: part.index for loc_id, part in source.given.items()}

    def location_index(self, clinic: str, location_id: str) -> int:
        return self._given(clinic, location_id).index

    def location(self, clinic: str, location_id: str) -> m.Location:
        part = self._given(clinic, location_id)
        note(self.clinic(clinic).source.path, digest(part.text), part.part)
        return part.model

    def _given(self, clinic: str, location_id: str) -> LocationPart:
        source = self.clinic(clinic).source
        assert isinstance(source, Outline)
        if location_id not in source.given:
            raise LookupError(f"location '{location_id}' of clinic '{clinic}' was not given to this worker with "
                              f"its jobs")
        return source.given[location_id]


def worker_view(project: Project) -> WorkerProject:
    """What a worker needs of a loaded project: all of it but the clinics' locations (see ``WorkerProject``)."""
    clinics: Catalog[Loaded[m.Clinic]] = Catalog(project.clinics.what)
    for name, loaded in project.clinics.items():
        value = loaded.value.model_copy(update={LOCATIONS: NotHeld(name)})
        clinics[name] = Loaded(loaded.name, value, outline(loaded.source, loaded.value), loaded.part)
    fields = {f.name: getattr(project, f.name) for f in dataclasses.fields(Project)}
    return WorkerProject(**{**fields, "clinics": clinics, "_location_index": {}})


def for_documents(project: Project, documents: Iterable[str], languages: Iterable[str]) -> Project:
    """The part of a project that these documents, in these languages, are made from: the documents, their
    topics in those languages (with the original each translation is checked against) holding only the blocks
    the documents place, and every layout, printer profile, font, document kind, strings file and clinic with
    all its locations. The project itself when that is all of it."""
    names = sorted(set(documents))
    wanted = set(languages)
    placed: dict[str, set[str]] = {}
    for name in names:
        doc = project.documents[name].value
        placed.setdefault(doc.topic, set()).update(b for blocks in doc.slots.values() for b in blocks)
    topics = {t: project.topics[t] for t in sorted(placed) if t in project.topics}
    if set(names) == set(project.documents) and set(topics) == set(project.topics) and all(
            wanted >= set(ts.languages()) and all(placed[t] >= set(x.blocks) for x in (ts, *ts.translations.values()))
            for t, ts in topics.items()):
        return project
    part = dataclasses.replace(project)
    part.documents = Catalog(project.documents.what, {name: project.documents[name] for name in names})
    part.topics = Catalog(project.topics.what, {t: _placed(ts, placed[t], wanted) for t, ts in topics.items()})
    return part


def _placed(topic_set: TopicSet, blocks: set[str], languages: set[str] | None = None) -> TopicSet:
    """A topic in the languages given (all of its own when None) with only the blocks named."""
    kept = Catalog(topic_set.blocks.what, {n: b for n, b in topic_set.blocks.items() if n in blocks})
    translations = {lang: _placed(ts, blocks) for lang, ts in topic_set.translations.items()
                    if languages is None or lang in languages}
    return dataclasses.replace(topic_set, blocks=kept, translations=translations)
