"""Turn a selection (documents, clinic, location, paper, language) into the jobs of the build matrix: one per
clinic × location × document × language, in a stable order."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.errors import HandoutsError, UnknownName
from handouts.load import models as m
from handouts.load.models import PaperName
from handouts.load.project import Loaded, Project, location_languages


@dataclass(frozen=True)
class Job:
    """One PDF to make."""

    document: str
    clinic: str
    location: str
    paper: PaperName
    lang: str = "en"

    @property
    def label(self) -> str:
        return f"{self.clinic}/{self.location}/{self.document}.{self.lang}"

    def output_path(self, out: Path, suffix: str = "") -> Path:
        """``out/<clinic>/<location>/<document>.<lang><suffix>.pdf``; editions differ by suffix (``.print``)."""
        return out / self.clinic / self.location / f"{self.document}.{self.lang}{suffix}.pdf"


def plan(project: Project, documents: tuple[str, ...] | list[str] = (), clinic: str | None = None,
         location: str | None = None, paper: str | None = None, lang: str | None = None) -> list[Job]:
    """Every (clinic × location × document × language) the selection names, in a stable order."""
    for name in documents:
        project.document(name)
    clinics = [project.clinic(clinic)] if clinic else list(project.clinics.values())
    chosen: list[tuple[Loaded[m.Clinic], list[m.Location]]]
    if location:
        owners = [c for c in clinics if location in project.location_ids(c.name)]
        if not owners:
            if clinic is not None:
                project.location_index(clinic, location)  # unknown: the error lists the clinic's locations
            all_ids = {loc_id for c in clinics for loc_id in project.location_ids(c.name)}
            raise UnknownName("location", location, all_ids)
        chosen = [(c, [c.value.locations[project.location_index(c.name, location)]]) for c in owners]
    else:
        chosen = [(c, list(c.value.locations)) for c in clinics]
    names = list(documents) or sorted(project.documents)
    if lang is not None:
        served = {x for c, locs in chosen for loc in locs for x in location_languages(c.value, loc)}
        if lang not in served:
            raise UnknownName("language", lang, served)
    jobs = []
    for c, locs in chosen:
        for loc in locs:
            for language in location_languages(c.value, loc):
                if lang and language != lang:
                    continue
                jobs += _jobs_for(project, c, loc, names, language, paper)
    return jobs


def _jobs_for(project: Project, c: Loaded[m.Clinic], loc: m.Location, names: list[str], language: str,
              paper: str | None) -> list[Job]:
    jobs = []
    for name in names:
        doc = project.documents[name].value
        layout = project.layouts[doc.layout].value
        chosen = paper or doc.paper or loc.paper or c.value.paper or "letter"
        if chosen not in layout.papers:
            raise HandoutsError(f"layout '{doc.layout}' has no paper '{chosen}'; it has: {', '.join(layout.papers)}")
        jobs.append(Job(name, c.name, loc.id, chosen, language))
    return jobs


