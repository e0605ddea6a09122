"""Turn the reads a job recorded into one hash, and the project as it is now into the digest each recorded read
would see today: equal hashes mean the PDF would come out byte-identical."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path

from handouts import __version__
from handouts.load.project import Project
from handouts.load.reads import ABSENT, Dep, digest
from handouts.load.yamlio import Located

PACKAGE = Path(__file__).resolve().parents[1]


def package_digest(root: Path = PACKAGE) -> str:
    """The installed package's version and every file of its source, recursively (templates and static files of
    the web pages included): a changed module anywhere rebuilds everything."""
    files = sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                   and p.suffix not in (".pyc", ".pyo"))
    return digest(__version__, *(f"{p.relative_to(root).as_posix()}\0".encode() + p.read_bytes() for p in files))


def inputs_hash(code: str, options: str, reads: dict[str, str]) -> str:
    """One hash over the code, the options and every read (sorted, so the order of reading does not matter)."""
    return digest(code, options, *(f"{dep}={value}" for dep, value in sorted(reads.items())))


class Current:
    """What each recorded read would see in the project now; every file is read at most once per build."""

    def __init__(self, project: Project, code_root: Path | None = None):
        self.project = project
        self.root = project.root.resolve()
        self.code_root = code_root or PACKAGE
        self._digests: dict[Dep, str] = {}

    @cached_property
    def code(self) -> str:
        return package_digest(self.code_root)

    @cached_property
    def _sources(self) -> dict[str, Located]:
        """Every YAML file the project loaded, by its path relative to the project folder."""
        p = self.project
        found: list[Located | None] = [p.fonts_source, p.kinds_source, *p.strings_sources.values()]
        found += [x.source for catalog in (p.layouts, p.printers, p.clinics, p.documents) for x in catalog.values()]
        for topic_set in p.topics.values():
            for ts in (topic_set, *topic_set.translations.values()):
                found += [ts.topic.source, ts.documents_source, *(b.source for b in ts.blocks.values())]
        out = {}
        for source in found:
            if source is not None:
                resolved = source.path.resolve()
                key = resolved.relative_to(self.root).as_posix() if resolved.is_relative_to(self.root) \
                    else resolved.as_posix()
                out[key] = source
        return out

    def digest(self, dep: Dep) -> str:
        """The digest a read of ``dep`` would record now."""
        value = self._digests.get(dep)
        if value is None:
            source = self._sources.get(dep.path)
            if source is not None:
                value = source.digest(dep.part)
            else:
                path = Path(dep.path) if Path(dep.path).is_absolute() else self.root / dep.path
                try:
                    value = digest(path.read_bytes()) if not dep.part else ABSENT
                except OSError:
                    value = ABSENT
            self._digests[dep] = value
        return value

    def reads(self, deps: list[Dep]) -> dict[str, str]:
        return {str(dep): self.digest(dep) for dep in deps}
