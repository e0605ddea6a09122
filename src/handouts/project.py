"""Turn a project folder (content/, layouts/, fonts/) into validated, cross-checked models."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from handouts import models as m
from handouts.errors import InputError, Issue, UnknownName, suggest
from handouts.geometry import safe_zone_problems
from handouts.validate import validate
from handouts.yamlio import Located, load_yaml

T = TypeVar("T")


@dataclass(frozen=True)
class Loaded(Generic[T]):
    """A model with the parsed file it came from, so later stages can point at its lines."""

    name: str
    model: T
    source: Located

    @property
    def path(self) -> Path:
        return self.source.path


@dataclass
class TopicSet:
    """A topic in one language: its topic.yaml and blocks; translations sit in a sub-folder per language
    (``es/``) with the same file names, plus ``documents.yaml`` for the documents' own words."""

    topic: Loaded[m.Topic]
    blocks: dict[str, Loaded[m.Block]]
    translations: dict[str, TopicSet] = field(default_factory=dict)
    documents: dict[str, m.DocumentText] = field(default_factory=dict)
    documents_source: Located | None = None

    @property
    def language(self) -> str:
        return self.topic.model.language.split("-")[0]

    def languages(self) -> list[str]:
        return [self.language, *sorted(self.translations)]

    def for_language(self, lang: str) -> TopicSet:
        if lang == self.language:
            return self
        return _pick(self.translations, f"language of topic '{self.topic.name}'", lang)


@dataclass
class Project:
    """Everything a build needs, loaded and checked once."""

    root: Path
    fonts: dict[str, m.FontFamily] = field(default_factory=dict)
    fonts_source: Located | None = None
    layouts: dict[str, Loaded[m.Layout]] = field(default_factory=dict)
    topics: dict[str, TopicSet] = field(default_factory=dict)
    clinics: dict[str, Loaded[m.Clinic]] = field(default_factory=dict)
    documents: dict[str, Loaded[m.Document]] = field(default_factory=dict)
    printers: dict[str, Loaded[m.PrinterProfile]] = field(default_factory=dict)
    kinds: dict[str, m.DocumentKind] = field(default_factory=dict)
    kinds_source: Located | None = None
    strings: dict[str, dict[str, str]] = field(default_factory=dict)
    strings_sources: dict[str, Located] = field(default_factory=dict)

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    def layout(self, name: str) -> Loaded[m.Layout]:
        return _pick(self.layouts, "layout", name)

    def document(self, name: str) -> Loaded[m.Document]:
        return _pick(self.documents, "document", name)

    def clinic(self, name: str) -> Loaded[m.Clinic]:
        return _pick(self.clinics, "clinic", name)

    def location(self, clinic: str, name: str) -> m.Location:
        locations = {loc.id: loc for loc in self.clinic(clinic).model.locations}
        return _pick(locations, f"location of clinic '{clinic}'", name)

    def printer(self, name: str) -> Loaded[m.PrinterProfile]:
        return _pick(self.printers, "printer profile", name)

    def icc_path(self, printer: Loaded[m.PrinterProfile]) -> Path | None:
        icc = printer.model.icc
        return None if icc is None else printer.path.parent / icc

    def font_path(self, relative: str) -> Path:
        return self.root / "fonts" / relative

    def asset_path(self, clinic: Loaded[m.Clinic], relative: str) -> Path:
        return clinic.path.parent / relative


def _pick(table: dict, what: str, name: str):
    if name not in table:
        raise UnknownName(what, name, table)
    return table[name]


def _yaml_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.glob("*.yaml") if p.is_file()) if folder.is_dir() else []


def _load_each(folder: Path, model: type[T], issues: list[Issue]) -> dict[str, Loaded[T]]:
    out: dict[str, Loaded[T]] = {}
    for path in _yaml_files(folder):
        try:
            doc = load_yaml(path)
        except InputError as exc:
            issues.extend(exc.issues)
            continue
        value, found = validate(model, doc)
        issues.extend(found)
        if value is not None:
            out[path.stem] = Loaded(path.stem, value, doc)
    return out


def load_project(root: Path | str = ".") -> Project:
    """Load and cross-check every file; raise one InputError listing every problem found."""
    root = Path(root)
    if not (root / "content").is_dir():
        raise InputError(Issue("no content/ folder here: run handouts in a project folder or pass --project", root))
    project = Project(root=root)
    issues: list[Issue] = []

    project.fonts, project.fonts_source = _load_catalog(root / "fonts" / "fonts.yaml", m.FontFamily,
                                                        "font family", issues)
    for family, value in project.fonts.items():
        for face in ("regular", "bold", "italic", "bold_italic", "licence"):
            if not project.font_path(getattr(value, face)).is_file():
                issues.append(project.fonts_source.issue(
                    (family, face), f"{family}.{face}: font file not found: fonts/{getattr(value, face)}"))
    kinds_file = root / "content" / "document-kinds.yaml"
    if kinds_file.is_file():
        project.kinds, project.kinds_source = _load_catalog(kinds_file, m.DocumentKind, "document kind", issues)
    project.layouts = _load_each(root / "layouts", m.Layout, issues)
    project.printers = _load_each(root / "layouts" / "printers", m.PrinterProfile, issues)
    project.clinics = _load_each(root / "content" / "clinics", m.Clinic, issues)
    project.documents = _load_each(root / "content" / "documents", m.Document, issues)
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
                        ("language",), f"language '{translated.topic.model.language}' does not match its folder "
                                       f"'{sub.name}/'"))
                topic_set.translations[sub.name] = translated
        project.topics[folder.name] = topic_set

    for path in _yaml_files(root / "layouts" / "strings"):
        try:
            doc = load_yaml(path)
        except InputError as exc:
            issues.extend(exc.issues)
            continue
        if not isinstance(doc.data, dict) or not all(isinstance(v, str) for v in doc.data.values()):
            issues.append(doc.issue((), "expected a mapping of string names to text"))
            continue
        project.strings[path.stem] = {str(k): v for k, v in doc.data.items()}
        project.strings_sources[path.stem] = doc

    if not issues:
        issues.extend(_cross_check(project))
    if issues:
        raise InputError(issues)
    return project


def _load_catalog(path: Path, model: type[T], what: str, issues: list[Issue]) -> tuple[dict[str, T], Located | None]:
    """A YAML file mapping names to entries of one model (fonts/fonts.yaml, content/document-kinds.yaml)."""
    try:
        source = load_yaml(path)
    except InputError as exc:
        issues.extend(exc.issues)
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


def _load_topic_folder(folder: Path, name: str, issues: list[Issue]) -> TopicSet | None:
    """topic.yaml, the blocks beside it, and (in a translation) documents.yaml."""
    topic_file = folder / "topic.yaml"
    if not topic_file.is_file():
        issues.append(Issue("a topic folder needs a topic.yaml", folder))
        return None
    try:
        doc = load_yaml(topic_file)
    except InputError as exc:
        issues.extend(exc.issues)
        return None
    value, found = validate(m.Topic, doc)
    issues.extend(found)
    blocks = _load_each_block(folder, issues)
    if value is None:
        return None
    topic_set = TopicSet(Loaded(name, value, doc), blocks)
    documents_file = folder / "documents.yaml"
    if documents_file.is_file():
        try:
            source = load_yaml(documents_file)
            topic_set.documents_source = source
            for doc_name, spec in (source.data or {}).items():
                text, found = validate(m.DocumentText, source, spec, (doc_name,))
                issues.extend(found)
                if text is not None:
                    topic_set.documents[str(doc_name)] = text
        except InputError as exc:
            issues.extend(exc.issues)
    return topic_set


def _load_each_block(folder: Path, issues: list[Issue]) -> dict[str, Loaded[m.Block]]:
    blocks: dict[str, Loaded[m.Block]] = {}
    for path in _yaml_files(folder):
        if path.name in ("topic.yaml", "documents.yaml"):
            continue
        try:
            doc = load_yaml(path)
        except InputError as exc:
            issues.extend(exc.issues)
            continue
        value, found = validate(m.Block, doc)
        issues.extend(found)
        if value is not None:
            blocks[path.stem] = Loaded(path.stem, value, doc)
    return blocks


def _cross_check(project: Project) -> list[Issue]:
    """References between files: documents → topics, layouts, slots, blocks; brands → fonts, logos, colours."""
    issues: list[Issue] = []
    for layout in project.layouts.values():
        for page, panel, message in safe_zone_problems(layout.model):
            issues.append(layout.source.issue(("pages", page, "panels", panel), message))
    for doc in project.documents.values():
        d, src = doc.model, doc.source
        if d.kind not in project.kinds:
            issues.append(src.issue(("kind",), _unknown("document kind (see content/document-kinds.yaml)", d.kind,
                                                         project.kinds)))
        if d.topic not in project.topics:
            issues.append(src.issue(("topic",), _unknown("topic", d.topic, project.topics)))
        if d.layout not in project.layouts:
            issues.append(src.issue(("layout",), _unknown("layout", d.layout, project.layouts)))
            continue
        layout = project.layouts[d.layout].model
        if d.paper and d.paper not in layout.papers:
            issues.append(src.issue(("paper",), f"layout '{d.layout}' has no paper '{d.paper}'; it has: "
                                                f"{', '.join(layout.papers)}"))
        slots = layout.slots()
        for slot, names in d.slots.items():
            if slot not in slots:
                issues.append(src.issue(("slots", slot), _unknown(f"slot of layout '{d.layout}'", slot, slots)))
            if d.topic in project.topics:
                blocks = project.topics[d.topic].blocks
                for i, name in enumerate(names):
                    if name not in blocks:
                        issues.append(src.issue(("slots", slot, i),
                                                _unknown(f"block of topic '{d.topic}'", name, blocks)))
    issues += _language_checks(project)
    for clinic in project.clinics.values():
        c, src = clinic.model, clinic.source
        for role, family in c.brand.fonts.items():
            if family not in project.fonts:
                issues.append(src.issue(("brand", "fonts", role), _unknown("font family (see fonts/fonts.yaml)",
                                                                           family, project.fonts)))
        for lang, family in c.brand.fallback_fonts.items():
            if family not in project.fonts:
                issues.append(src.issue(("brand", "fallback_fonts", lang),
                                        _unknown("font family (see fonts/fonts.yaml)", family, project.fonts)))
        for layout in project.layouts.values():
            for style_name, style in layout.model.styles.items():
                for token in (style.color, style.background, style.surface):
                    if token and token not in c.brand.colors:
                        issues.append(layout.source.issue(
                            ("styles", style_name),
                            f"styles.{style_name}: brand colour '{token}' is not defined by clinic "
                            f"'{clinic.name}'{_choices(token, c.brand.colors)}"))
    return _dedupe(issues)


def location_languages(clinic: m.Clinic, loc: m.Location) -> list[str]:
    """The languages a location serves: its own list, its clinic's, or its locale's language."""
    languages = loc.languages or clinic.languages
    if languages:
        return list(languages)
    return [(loc.locale or clinic.locale or "en-US").split("-")[0]]


def _language_checks(project: Project) -> list[Issue]:
    """Every language a location serves must exist for every document's topic, block and fixed string."""
    issues: list[Issue] = []
    base_strings = project.strings.get("en", {})
    for lang, table in project.strings.items():
        missing = [k for k in base_strings if k not in table]
        if missing:
            issues.append(project.strings_sources[lang].issue((), f"missing strings: {', '.join(missing)}"))
    for topic_set in project.topics.values():
        for lang, translated in topic_set.translations.items():
            for name in topic_set.blocks:
                if name not in translated.blocks:
                    issues.append(translated.topic.source.issue((), f"the '{lang}' translation has no {name}.yaml"))
            for name, block in translated.blocks.items():
                if name in topic_set.blocks and block.model.kind != topic_set.blocks[name].model.kind:
                    issues.append(block.source.issue(("kind",), f"kind '{block.model.kind}' differs from the "
                                                               f"original's '{topic_set.blocks[name].model.kind}'"))
    for clinic in project.clinics.values():
        for index, loc in enumerate(clinic.model.locations):
            for lang in location_languages(clinic.model, loc):
                if project.strings and lang not in project.strings:
                    issues.append(clinic.source.issue(("locations", index), f"locations[{index}] ({loc.id}): no "
                                                      f"layout strings for language '{lang}' (layouts/strings/"
                                                      f"{lang}.yaml)"))
                for doc in project.documents.values():
                    topic_set = project.topics.get(doc.model.topic)
                    if topic_set is not None and lang not in topic_set.languages():
                        issues.append(clinic.source.issue(
                            ("locations", index), f"locations[{index}] ({loc.id}) serves '{lang}', but topic "
                                                  f"'{doc.model.topic}' has no '{lang}' translation (content/topics/"
                                                  f"{doc.model.topic}/{lang}/)"))
    return issues


def _unknown(what: str, name: str, choices) -> str:
    return f"unknown {what} '{name}'{_choices(name, choices)}"


def _choices(name: str, choices) -> str:
    return f"{suggest(name, choices)}; choose from: {', '.join(sorted(choices))}"


def _dedupe(issues: list[Issue]) -> list[Issue]:
    seen, out = set(), []
    for issue in issues:
        if str(issue) not in seen:
            seen.add(str(issue))
            out.append(issue)
    return out
