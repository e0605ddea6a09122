"""Turn a project into findings before anything is printed: valid input, reading level, structure (PEMAT-style),
safety and completeness, type size and contrast, glyph coverage, and review dates."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from handouts import models as m
from handouts.color import hex_to_rgb, luminance
from handouts.errors import HandoutsError, InputError, display_path
from handouts.project import Loaded, Project, TopicSet, load_project
from handouts.yamlio import Loc, Located

GENERIC_HEADINGS = {"introduction", "overview", "general information", "information", "other", "more information",
                    "details", "miscellaneous", "notes", "background", "summary", "misc"}
MAX_PARAGRAPH_WORDS = 60
MAX_BLOCK_WORDS = 250
PHONE_ROLES = {"back", "callbar"}  # panel roles that print the location's phone


@dataclass(frozen=True)
class Finding:
    severity: str  # error | warning | info
    code: str
    message: str
    fix: str = ""
    file: Path | None = None
    line: int | None = None

    def location(self) -> str:
        if self.file is None:
            return "project"
        return display_path(self.file) + (f":{self.line}" if self.line else "")

    def __str__(self) -> str:
        text = f"{self.location()}: {self.severity}: {self.message} [{self.code}]"
        return text + (f"\n    fix: {self.fix}" if self.fix else "")

    def to_json(self) -> dict:
        data = asdict(self)
        data["file"] = display_path(self.file) if self.file else None
        return data


@dataclass
class DocumentSummary:
    name: str
    fk_grade: float = 0.0
    smog: float = 0.0
    avg_sentence_words: float = 0.0
    you_ratio: float = 0.0
    words: int = 0
    pemat_passed: list[str] = field(default_factory=list)
    pemat_failed: list[str] = field(default_factory=list)

    @property
    def pemat_score(self) -> int:
        total = len(self.pemat_passed) + len(self.pemat_failed)
        return round(100 * len(self.pemat_passed) / total) if total else 0

    def to_json(self) -> dict:
        data = asdict(self)
        data["pemat_score"] = self.pemat_score
        return data


@dataclass(frozen=True)
class CheckOptions:
    max_grade: float = 8.0
    large_print: bool = False  # body text at least LARGE_PRINT points
    max_age_years: float = 3.0
    review_soon_days: int = 90
    today: date = field(default_factory=date.today)
    glyphs: bool = True  # every location's text against its fonts (builds check this per PDF instead)


LARGE_PRINT = 18.0
SHEET_MINIMUM = 12.0
RUNNING_TEXT_STYLES = ("body", "list", "callout", "contact")


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    documents: list[DocumentSummary] = field(default_factory=list)

    def count(self, severity: str) -> int:
        return sum(f.severity == severity for f in self.findings)

    def failed(self, strict: bool) -> bool:
        return bool(self.count("error") or (strict and self.count("warning")))


class _Collector:
    def __init__(self):
        self.findings: list[Finding] = []
        self._seen: set[str] = set()

    def add(self, severity: str, code: str, message: str, fix: str, source: Located | None = None,
            loc: Loc = (), line: int | None = None) -> None:
        file = source.path if source else None
        if source is not None and line is None:
            line = source.where(loc)[0]
        finding = Finding(severity, code, message, fix, file, line)
        if str(finding) not in self._seen:
            self._seen.add(str(finding))
            self.findings.append(finding)


def check(root: Path, options: CheckOptions = CheckOptions()) -> CheckReport:
    """Every check, on every file. Input errors end the check early (nothing else can be trusted)."""
    try:
        project = load_project(root)
    except InputError as exc:
        return CheckReport([Finding("error", "invalid-input", issue.message, "correct the file as the message says",
                                    issue.file, issue.line) for issue in exc.issues])
    return check_project(project, options)


def check_project(project: Project, options: CheckOptions = CheckOptions()) -> CheckReport:
    out = _Collector()
    report = CheckReport()
    for _, topic_set in sorted(project.topics.items()):
        _readability_blocks(topic_set, options, out)
        _governance(topic_set.topic, options, out)
    for name, doc in sorted(project.documents.items()):
        report.documents.append(_document(project, name, doc, options, out))
    _type_and_contrast(project, options, out)
    if options.glyphs:
        _glyphs(project, out)
    order = {"error": 0, "warning": 1, "info": 2}
    report.findings = sorted(out.findings, key=lambda f: (order[f.severity], str(f.file), f.line or 0, f.code))
    return report


# ---------------------------------------------------------------------------------------------- text


def running_text(block: m.Block) -> list[str]:
    """Paragraphs, list items and call-out text: what a reader reads as sentences (no headings)."""
    out: list[str] = []
    for item in block.body:
        if isinstance(item, m.Paragraph):
            out.append(item.p)
        elif isinstance(item, m.Bullets):
            out += item.bullets
        elif isinstance(item, m.Steps):
            out += item.steps
        elif isinstance(item, m.Callout):
            out += ([item.callout.text] if item.callout.text else []) + list(item.callout.bullets or ())
    return [_untemplated(t) for t in out]


def _untemplated(text: str) -> str:
    """A template expression reads as one short word ('Call 555-0142' scores like 'Call it')."""
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "it", text)


def _glossary(topic: m.Topic) -> list[str]:
    return [g.term for g in topic.glossary]


def _readability_blocks(topic_set: TopicSet, options: CheckOptions, out: _Collector) -> None:
    from handouts.readability import score

    glossary = _glossary(topic_set.topic.model)
    for name, loaded in sorted(topic_set.blocks.items()):
        block = loaded.model
        if block.kind == "disclaimer":
            continue  # small print, not teaching text
        figures = score(running_text(block), glossary)
        if figures.fk_grade > options.max_grade:
            out.add("warning", "reading-grade",
                    f"block '{name}' reads at grade {figures.fk_grade:.1f} (Flesch-Kincaid; SMOG {figures.smog:.1f}); "
                    f"the target is {options.max_grade:g} or below",
                    "use shorter sentences and everyday words; explain or add medical terms to the glossary",
                    loaded.source, ("body",))
        for i, item in enumerate(block.body):
            if isinstance(item, m.Paragraph) and len(item.p.split()) > MAX_PARAGRAPH_WORDS:
                out.add("warning", "long-paragraph",
                        f"block '{name}': a paragraph of {len(item.p.split())} words; keep chunks to "
                        f"{MAX_PARAGRAPH_WORDS} or fewer", "split it, or turn it into a list", loaded.source,
                        ("body", i))
        words = sum(len(t.split()) for t in running_text(block))
        if words > MAX_BLOCK_WORDS:
            out.add("warning", "long-block", f"block '{name}' has {words} words; keep a section to "
                                             f"{MAX_BLOCK_WORDS} or fewer", "split it into two blocks",
                    loaded.source, ("body",))
        heading = block.heading.strip().rstrip("?:.").lower()
        if heading in GENERIC_HEADINGS or len(heading.split()) < 2:
            out.add("warning", "vague-heading", f"block '{name}': heading '{block.heading}' does not say what the "
                                                f"section is about", "write a heading that tells the reader the "
                                                "point, e.g. 'Who should not have dry needling'",
                    loaded.source, ("heading",))


def _governance(topic: Loaded[m.Topic], options: CheckOptions, out: _Collector) -> None:
    gov = topic.model.governance
    src = topic.source
    if gov.next_review < options.today:
        out.add("warning", "review-overdue", f"topic '{topic.name}' ({gov.code} v{gov.version}) was due for review "
                                             f"on {gov.next_review.isoformat()}",
                "have the reviewer re-check the content, then update version, published and next_review",
                src, ("governance", "next_review"))
    elif (gov.next_review - options.today).days <= options.review_soon_days:
        out.add("info", "review-soon", f"topic '{topic.name}' is due for review on {gov.next_review.isoformat()}",
                "plan the review", src, ("governance", "next_review"))
    age = (options.today - gov.published).days / 365.25
    if age > options.max_age_years:
        out.add("warning", "too-old", f"topic '{topic.name}' was published {age:.1f} years ago; the limit is "
                                      f"{options.max_age_years:g}", "review and republish it, or withdraw it",
                src, ("governance", "published"))
    if topic.model.status == "draft":
        out.add("info", "draft", f"topic '{topic.name}' is a draft: {topic.model.review_note or 'not yet reviewed'}",
                f"have the {gov.reviewer_role} review it, then set status: reviewed", src, ("status",))


# ---------------------------------------------------------------------------------------------- documents


def _document(project: Project, name: str, doc: Loaded[m.Document], options: CheckOptions,
              out: _Collector) -> DocumentSummary:
    from handouts.readability import is_explained, score

    d, src = doc.model, doc.source
    topic_set = project.topics[d.topic]
    topic = topic_set.topic.model
    layout = project.layouts[d.layout].model
    kind = project.kinds[d.kind]
    names = [b for names in d.slots.values() for b in names]
    blocks = [topic_set.blocks[b].model for b in names]
    teaching = [b for b in blocks if b.kind != "disclaimer"]
    texts = [t for b in teaching for t in running_text(b)]
    main_message = d.main_message or topic.main_message
    figures = score([_untemplated(main_message), *texts], _glossary(topic))
    summary = DocumentSummary(name, figures.fk_grade, figures.smog, figures.avg_sentence_words, figures.you_ratio,
                              figures.words)
    if figures.fk_grade > options.max_grade:
        out.add("warning", "reading-grade", f"document '{name}' reads at grade {figures.fk_grade:.1f}; the target "
                                            f"is {options.max_grade:g} or below",
                "simplify the blocks with the highest grades", src, ())

    # Safety and completeness: what this kind of document must contain.
    kinds_present = {b.kind for b in blocks}
    for required in kind.requires:
        if required not in kinds_present:
            out.add("error", "missing-block", f"document '{name}' is a {d.kind} but has no '{required}' block",
                    f"add a block of kind {required} to its slots (see content/document-kinds.yaml)", src, ("slots",))
    if kind.warning_signs and not any(isinstance(i, m.Callout) and i.callout.tone == "urgent"
                                      for b in blocks for i in b.body):
        out.add("error", "missing-warning-signs", f"document '{name}' ({d.kind}) does not say when to get urgent "
                                                  f"help", "add a call-out with tone: urgent listing the warning "
                                                           "signs", src, ("slots",))
    prints_phone = any(p.role in PHONE_ROLES for page in layout.pages for p in page.panels)
    mentions_phone = any("location.phone" in t for b in blocks for t in _all_strings(b))
    if kind.phone and not (prints_phone or mentions_phone):
        out.add("error", "missing-phone", f"document '{name}' ({d.kind}) does not print a phone number to call",
                "use {{ location.phone }} in a block, or a layout with a call bar or back panel", src, ("slots",))

    # Glossary terms used must be explained in the document.
    all_text = [_untemplated(main_message), *texts]
    lowered = " ".join(all_text).lower()
    unexplained = [(i, entry) for i, entry in enumerate(topic.glossary)
                   if entry.term.lower() in lowered and not is_explained(entry.term, all_text)]
    for i, entry in unexplained:
        out.add("warning", "term-unexplained", f"document '{name}' uses '{entry.term}' without explaining it",
                f"explain it where it first appears, e.g. '{entry.term} ({_first_sentence(entry.means)})'",
                topic_set.topic.source, ("glossary", i))

    # PEMAT-P items that software can decide.
    logos_have_alt = _logos_have_alt(project)
    items = {
        "purpose: title and main message first": bool((d.title or topic.title) and main_message),
        "informative headings": all(b.heading.strip().rstrip("?:.").lower() not in GENERIC_HEADINGS
                                    for b in blocks),
        "short chunks": all(len(t.split()) <= MAX_PARAGRAPH_WORDS for b in blocks for t in _paragraphs(b)),
        "lists used": any(isinstance(i, m.Bullets | m.Steps) for b in blocks for i in b.body),
        "visual cues (call-outs, bold)": any(isinstance(i, m.Callout) for b in blocks for i in b.body)
        or "**" in lowered,
        "summary of key points": bool(main_message) and any(b.kind in ("call_to_action", "aftercare")
                                                            for b in blocks),
        "at least one action for the reader": _has_action(texts),
        "actions as numbered steps": any(isinstance(i, m.Steps) for b in blocks for i in b.body),
        "reader addressed as 'you'": figures.you_ratio >= 0.5,
        "medical terms explained": not unexplained,
        "images have alt text": logos_have_alt,
    }
    for item, passed in items.items():
        (summary.pemat_passed if passed else summary.pemat_failed).append(item)
    if summary.pemat_score < 70:
        out.add("warning", "pemat", f"document '{name}' passes {summary.pemat_score} % of the checkable PEMAT items "
                                    f"(failed: {', '.join(summary.pemat_failed)})",
                "fix the failed items; 70 % or more counts as understandable", src, ())
    elif summary.pemat_failed:
        out.add("info", "pemat", f"document '{name}': PEMAT items not met: {', '.join(summary.pemat_failed)}",
                "see the PEMAT-P guide for each item", src, ())
    if not logos_have_alt:
        for clinic in project.clinics.values():
            if not clinic.model.brand.logo.alt:
                out.add("warning", "alt-text", f"clinic '{clinic.name}': the logo has no alt text",
                        "add brand.logo.alt, e.g. 'Smith & Jones Physio logo'", clinic.source, ("brand", "logo"))
    return summary


def _first_sentence(text: str) -> str:
    first = re.split(r"(?<=\.)\s", text.strip())[0].rstrip(".")
    return first[:1].lower() + first[1:]


def _all_strings(block: m.Block) -> list[str]:
    out = [block.heading]
    for item in block.body:
        for value in item.model_dump().values():
            if isinstance(value, str):
                out.append(value)
            elif isinstance(value, list):
                out += [v for v in value if isinstance(v, str)]
            elif isinstance(value, dict):
                out += [v for v in value.values() if isinstance(v, str)]
                out += [x for v in value.values() if isinstance(v, list) for x in v]
    return out


def _paragraphs(block: m.Block) -> list[str]:
    return [i.p for i in block.body if isinstance(i, m.Paragraph)]


def _has_action(texts: list[str]) -> bool:
    from handouts.readability import is_instruction, sentences

    return any(is_instruction(sentence) for sentence in sentences(texts))


def _logos_have_alt(project: Project) -> bool:
    for clinic in project.clinics.values():
        if not clinic.model.brand.logo.alt:
            return False
        for loc in clinic.model.locations:
            if loc.brand and loc.brand.logo and not loc.brand.logo.alt:
                return False
    return True


# ---------------------------------------------------------------------------------------------- type, colour


def contrast(foreground: str, background: str) -> float:
    """WCAG 2.1 contrast ratio of two #RRGGBB colours."""
    a, b = luminance(hex_to_rgb(foreground)), luminance(hex_to_rgb(background))
    hi, lo = max(a, b), min(a, b)
    return (hi + 0.05) / (lo + 0.05)


def _type_and_contrast(project: Project, options: CheckOptions, out: _Collector) -> None:
    used = {d.model.layout for d in project.documents.values()}
    for name in sorted(used):
        layout = project.layouts[name]
        lay, src = layout.model, layout.source
        minimum = lay.min_font_size if lay.folded else max(lay.min_font_size, SHEET_MINIMUM)
        if not lay.folded and lay.min_font_size < SHEET_MINIMUM:
            out.add("error", "type-size", f"layout '{name}' allows {lay.min_font_size:g} pt body text; sheets and "
                                          f"handouts need at least {SHEET_MINIMUM:g} pt",
                    f"set min_font_size: {SHEET_MINIMUM:g}pt or more", src, ("min_font_size",))
        if options.large_print:
            minimum = LARGE_PRINT
        for style_name in RUNNING_TEXT_STYLES:
            style = lay.styles[style_name]
            if style.size < minimum - 0.01:
                out.add("error", "type-size", f"layout '{name}': style '{style_name}' is {style.size:g} pt; the "
                                              f"minimum is {minimum:g} pt"
                                              + (" (large print)" if options.large_print else ""),
                        f"set styles.{style_name}.size to {minimum:g}pt or more", src, ("styles", style_name))
        checked: set[tuple] = set()
        for clinic in project.clinics.values():
            for loc in clinic.model.locations:
                own = set(loc.brand.colors) if loc.brand else set()
                colors = {**clinic.model.brand.colors, **(loc.brand.colors if loc.brand else {})}
                # Most locations share their clinic's colours: check each distinct palette once.
                key = (clinic.name, tuple(sorted((k, v.hex) for k, v in colors.items())))
                if key in checked:
                    continue
                checked.add(key)
                for style_name, style in sorted(lay.styles.items()):
                    fg, bg = style.color, style.surface
                    if fg not in colors or bg not in colors:
                        continue
                    ratio = contrast(colors[fg].hex, colors[bg].hex)
                    large = style.size >= 18 or (style.bold and style.size >= 14)
                    needed = 3.0 if large else 4.5
                    if ratio + 1e-9 < needed:
                        who = f"location '{loc.id}'" if own & {fg, bg} else f"clinic '{clinic.name}'"
                        loc_path = (("locations", clinic.model.locations.index(loc), "brand", "colors", fg)
                                    if fg in own else ("brand", "colors", fg))
                        out.add("error", "contrast",
                                f"style '{style_name}' of layout '{name}': brand colour '{fg}' {colors[fg].hex} on "
                                f"'{bg}' {colors[bg].hex} has contrast {ratio:.2f}:1; {style.size:g} pt "
                                f"{'bold ' if style.bold else ''}text needs {needed:g}:1 ({who})",
                                f"darken '{fg}' or lighten '{bg}' (WCAG 2.1 AA), or give the style other "
                                f"colours in layouts/{name}.yaml", clinic.source, loc_path)


# ---------------------------------------------------------------------------------------------- glyphs


def _glyphs(project: Project, out: _Collector) -> None:
    from handouts.fonts import register_family
    from handouts.glyphs import describe, missing
    from handouts.resolve import plan, resolve

    for job in plan(project):
        try:
            r = resolve(project, job)
        except HandoutsError as exc:
            out.add("error", "invalid-input", exc.format_message(), "correct the file as the message says")
            continue
        faces = {role: register_family(project, family) for role, family in r.brand.fonts.items()}
        fallback_family = r.brand.fallback_for(job.lang)
        fallback = register_family(project, fallback_family) if fallback_family else None
        for problem in missing(r, faces, dict(r.brand.fonts), fallback):
            source, line = _source_of(project, job, problem)
            out.add("error", "glyph", f"{describe(problem)} ({job.clinic}/{job.location})",
                    "use another character, or a font family (fonts/fonts.yaml) that has it", source, line=line)


def _source_of(project: Project, job, problem) -> tuple[Located | None, int | None]:
    """The file, and the first line in it, that holds the character."""
    if problem.where.startswith("block '"):
        block = problem.where.split("'")[1]
        source = project.topics[project.documents[job.document].model.topic].blocks[block].source
    elif problem.where in ("main message", "document title"):
        source = project.documents[job.document].source
    else:
        source = project.clinics[job.clinic].source
    for number, text in enumerate(source.lines, 1):
        if problem.char in text:
            return source, number
    return source, None
