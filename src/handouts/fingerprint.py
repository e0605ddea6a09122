"""Turn everything a PDF is made from into one hash: its content blocks, document, topic, layout, the clinic's
brand and this location's details (not the other locations'), fonts, logo, printer profile, options and the
code itself. Equal hashes mean the PDF would come out byte-identical."""

from __future__ import annotations

import hashlib
import json
from functools import cached_property
from pathlib import Path

from handouts import __version__
from handouts.project import Project
from handouts.resolve import Job


def _digest(*parts: bytes | str) -> str:
    h = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def _model(model) -> str:
    return json.dumps(model.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)


class Fingerprints:
    """Computes per-job input hashes; every shared part is hashed once per build."""

    def __init__(self, project: Project, options: str):
        self.project, self.options = project, options
        self._cache: dict[tuple, str] = {}

    def _memo(self, key: tuple, make) -> str:
        if key not in self._cache:
            self._cache[key] = make()
        return self._cache[key]

    @cached_property
    def code(self) -> str:
        """The package version and its source, so a changed renderer rebuilds everything."""
        package = Path(__file__).parent
        return _digest(__version__, *(p.read_bytes() for p in sorted(package.glob("*.py"))))

    def _file(self, path: Path) -> str:
        return self._memo(("file", str(path)), lambda: _digest(path.read_bytes()) if path.is_file() else "missing")

    def _document(self, name: str, lang: str) -> str:
        def make() -> str:
            doc = self.project.documents[name].model
            topic = self.project.topics[doc.topic].for_language(lang)
            layout = self.project.layouts[doc.layout].model
            blocks = [_model(topic.blocks[b].model) for names in doc.slots.values() for b in names]
            words = topic.documents.get(name)
            strings = json.dumps(self.project.strings.get(lang, {}), sort_keys=True, ensure_ascii=False)
            return _digest(_model(doc), _model(topic.topic.model), _model(layout), strings,
                           _model(words) if words else "", *blocks)

        return self._memo(("document", name, lang), make)

    def _clinic(self, name: str) -> str:
        def make() -> str:
            loaded = self.project.clinics[name]
            clinic = loaded.model.model_dump(mode="json", exclude={"locations"})
            logo = loaded.model.brand.logo
            files = [self._file(self.project.asset_path(loaded, f)) for f in (logo.svg, logo.png) if f]
            fonts = [self._family(f) for f in loaded.model.brand.fonts.values()]
            return _digest(json.dumps(clinic, sort_keys=True, ensure_ascii=False), *files, *fonts)

        return self._memo(("clinic", name), make)

    def _family(self, family: str) -> str:
        spec = self.project.fonts[family]
        return self._memo(("font", family), lambda: _digest(*(
            self._file(self.project.font_path(getattr(spec, face)))
            for face in ("regular", "bold", "italic", "bold_italic"))))

    def _location(self, clinic: str, location: str) -> str:
        loaded = self.project.clinics[clinic]
        loc = next(item for item in loaded.model.locations if item.id == location)
        files = []
        if loc.brand and loc.brand.logo:
            logo = loc.brand.logo
            files = [self._file(self.project.asset_path(loaded, f)) for f in (logo.svg, logo.png) if f]
        return _digest(_model(loc), *files)

    def job(self, job: Job, extra: str = "") -> str:
        return _digest(self.code, self.options, extra, job.paper, job.lang, self._document(job.document, job.lang),
                       self._clinic(job.clinic), self._location(job.clinic, job.location))
