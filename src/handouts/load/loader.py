"""Turn a project folder (content/, layouts/, fonts/) into a checked Project: every file parsed and validated,
references between files resolved, every problem found reported at once with its file and line."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel

from handouts.errors import InputError, input_finding, suggest
from handouts.findings import Finding
from handouts.load import models as m
from handouts.load.assets import logo_problems
from handouts.load.crossref import cross_check
from handouts.load.project import Catalog, Loaded, Project, TopicSet
from handouts.load.validate import validate
from handouts.load.yamlio import Located, load_yaml

T = TypeVar("T", bound=BaseModel)


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def _load_file(path: Path, model: type[T], issues: list[Finding], part: str = "") -> Loaded[T] | None:
    try:
        doc = load_yaml(path)
    except InputError as exc:
        issues.extend(exc.findings)
        return None
    value, found = validate(model, doc)
    issues.extend(found)
    return Loaded(path.stem, value, doc, part) if value is not None else None


def _load_each(folder: Path, model: type[T], what: str, issues: list[Finding], part: str = "",
               skip: tuple[str, ...] = ()) -> Catalog[Loaded[T]]:
    out: Catalog[Loaded[T]] = Catalog(what)
    for path in _yaml_files(folder):
        if path.name not in skip and (loaded := _load_file(path, model, issues, part)) is not None:
            out[path.stem] = loaded
    return out


def load_project(root: Path | str = ".") -> Project:
    """Load and cross-check every file; raise one InputError listing every problem found."""
    root = Path(root)
    if not (root / "content").is_dir():
        raise InputError(input_finding("no content/ folder here: run handouts in a project folder or pass --project",
                                       root))
    project = Project(root=root)
    issues: list[Finding] = []

    project.fonts, project.fonts_source = _load_catalog(root / "fonts" / "fonts.yaml", m.FontFamily,
                                                        "font family", issues)
    for family, value in project.fonts.items():
        for face in ("regular", "bold", "italic", "bold_italic", "licence"):
            if not project.font_path(getattr(value, face)).is_file() and project.fonts_source is not None:
                issues.append(project.fonts_source.issue(
                    (family, face), f"{family}.{face}: font file not found: fonts/{getattr(value, face)}"))
    kinds_file = root / "content" / "document-kinds.yaml"
    if kinds_file.is_file():
        project.kinds, project.kinds_source = _load_catalog(kinds_file, m.DocumentKind, "document kind", issues)
    project.layouts = _load_each(root / "layouts", m.Layout, "layout", issues)
    project.printers = _load_each(root / "layouts" / "printers", m.PrinterProfile, "printer profile", issues)
    project.clinics = _load_each(root / "content" / "clinics", m.Clinic, "clinic", issues, part="~locations")
    project.documents = _load_each(root / "content" / "documents", m.Document, "document", issues)
    topics_dir = root / "content" / "topics"
    for folder in sorted(p for p in topics_dir.iterdir() if p.is_dir()) if topics_dir.is_dir() else []:
        topic_set = _load_topic_folder(folder, folder.name, issues)
        if topic_set is None:
            continue
        for sub in sorted(p for p in folder.iterdir() if p.is_dir()):
            translated = _load_topic_folder(sub, folder.name, issues)
            if translated is not None:
                if sub.name != translated.language:
                    issues.append(translated.topic.source.issue(
                        ("language",), f"language '{translated.topic.value.language}' does not match its folder "
                                       f"'{sub.name}/'"))
                topic_set.translations[sub.name] = translated
        project.topics[folder.name] = topic_set

    for path in _yaml_files(root / "layouts" / "strings"):
        try:
            doc = load_yaml(path)
        except InputError as exc:
            issues.extend(exc.findings)
            continue
        if not isinstance(doc.data, dict) or not all(isinstance(v, str) for v in doc.data.values()):
            issues.append(doc.issue((), "expected a mapping of string names to text"))
            continue
        project.strings[path.stem] = {str(k): v for k, v in doc.data.items()}
        project.strings_sources[path.stem] = doc
    issues.extend(_merge_country_words(project))

    if not issues:
        issues.extend(cross_check(project))
    if issues:
        raise InputError(issues)
    project.logo_problems = logo_problems(project)
    return project


def _merge_country_words(project: Project) -> list[Finding]:
    """Strings files named for a locale (en-GB.yaml) hold only the words that differ in that country: each is
    merged over its language's file (en.yaml); a key the language does not have is a mistake."""
    issues: list[Finding] = []
    for name in sorted(n for n in project.strings if "-" in n):
        source, lang = project.strings_sources[name], name.split("-")[0]
        base = project.strings.get(lang)
        if base is None:
            issues.append(source.issue((), f"the words of locale '{name}' override layouts/strings/{lang}.yaml, "
                                           f"which is not there", fix=f"add layouts/strings/{lang}.yaml"))
            continue
        for key in project.strings[name]:
            if key not in base:
                issues.append(source.issue((key,), f"'{key}' is not a string of {lang}.yaml{suggest(key, base)}; a "
                                                   f"locale's file only changes the words of its language",
                                           fix=f"add '{key}' to every language's file, or correct its name"))
        project.strings[name] = {**base, **project.strings[name]}
    return issues


def _load_catalog(path: Path, model: type[T], what: str, issues: list[Finding]) -> tuple[dict[str, T],
                                                                                           Located | None]:
    """A YAML file mapping names to entries of one model (fonts/fonts.yaml, content/document-kinds.yaml)."""
    try:
        source = load_yaml(path)
    except InputError as exc:
        issues.extend(exc.findings)
        return {}, None
    data = source.data or {}
    if not isinstance(data, dict):
        issues.append(source.issue((), f"expected a mapping of {what} names"))
        return {}, source
    entries: dict[str, T] = {}
    for name, spec in data.items():
        value, found = validate(model, source, spec, (name,))
        issues.extend(found)
        if value is not None:
            entries[str(name)] = value
    return entries, source


def _load_topic_folder(folder: Path, name: str, issues: list[Finding]) -> TopicSet | None:
    """topic.yaml, the blocks beside it, and (in a translation) documents.yaml."""
    topic_file = folder / "topic.yaml"
    if not topic_file.is_file():
        issues.append(input_finding("a topic folder needs a topic.yaml", folder))
        return None
    topic = _load_file(topic_file, m.Topic, issues)
    blocks = _load_each(folder, m.Block, f"block of topic '{name}'", issues, skip=("topic.yaml", "documents.yaml"))
    if topic is None:
        return None
    topic_set = TopicSet(Loaded(name, topic.value, topic.source), blocks, folder)
    documents_file = folder / "documents.yaml"
    if documents_file.is_file():
        try:
            source = load_yaml(documents_file)
        except InputError as exc:
            issues.extend(exc.findings)
            return topic_set
        topic_set.documents_source = source
        for doc_name, spec in (source.data or {}).items():
            text, found = validate(m.DocumentText, source, spec, (doc_name,))
            issues.extend(found)
            if text is not None:
                topic_set.documents[str(doc_name)] = text
    return topic_set
