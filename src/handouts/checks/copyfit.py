"""Turn every document, laid out for every location, language and paper its layout offers (and in its digital
edition), into copyfitting findings: how full each panel is (percent, and lines of slack under its text), a
warning for a panel over 95 % full, an error for text that does not fit or breaks a composition rule (the
post-layout audit), and the share of line ends each document hyphenates."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from handouts.checks.report import CheckOptions, Collector
from handouts.editions import Options, edition_for
from handouts.errors import HandoutsError, InputError
from handouts.layout import Rendered, Renderer, RenderSettings
from handouts.load.project import Project
from handouts.load.yamlio import Located
from handouts.resolve import Job, Resolved, plan, resolve

FULL = 95.0  # percent: a panel fuller than this leaves no room for a correction or a longer translation
SLACK_ADVICE = ("keep a line of slack in every panel, so a correction or a longer translation still fits; slack is "
                "the room a panel's text can still grow (to the end of its run of panels)")


@dataclass
class Hyphenation:
    """Line ends of one document, across everything it was laid out as."""

    ends: int = 0
    hyphenated: int = 0
    longest_run: int = 0
    by_language: dict[str, tuple[int, int]] = field(default_factory=dict)

    def add(self, lang: str, rendered: Rendered) -> None:
        if rendered.record is None:
            return
        ends, hyphenated = self.by_language.get(lang, (0, 0))
        for drawn in rendered.record.drawn:
            ends += len(drawn.hyphen_ends)
            hyphenated += sum(drawn.hyphen_ends)
            run = 0
            for end in drawn.hyphen_ends:
                run = run + 1 if end else 0
                self.longest_run = max(self.longest_run, run)
        self.by_language[lang] = (ends, hyphenated)

    def describe(self) -> str:
        parts = [f"{lang} {100 * h / e:.1f} % ({h} of {e})" for lang, (e, h) in sorted(self.by_language.items())
                 if e]
        return "; ".join(parts) + f"; at most {self.longest_run} in a row"


def _label(job: Job) -> str:
    return f"{job.document}.{job.lang} ({job.location}, {job.paper})"


def check_copyfit(project: Project, options: CheckOptions, out: Collector) -> None:
    """Lay out every document everywhere it is made. Builds lay out each PDF as they make it, so a check run
    before a build (``glyphs=False``: the per-PDF checks are left to the build) skips this."""
    if not options.glyphs:
        return
    renderer = Renderer(project)
    hyphenation: dict[str, Hyphenation] = {}
    tightest: tuple[float, str] | None = None
    for name in sorted(project.documents):
        doc = project.documents[name]
        layout = project.layouts[doc.value.layout].value
        for paper in layout.papers:
            for job in plan(project, [name], paper=paper):
                rendered = _render(project, renderer, job, RenderSettings(), out, doc.source)
                if rendered is None:
                    continue
                hyphenation.setdefault(name, Hyphenation()).add(job.lang, rendered)
                for fill in rendered.fills:
                    where = f"{_label(job)}: panel '{fill.panel}'"
                    if tightest is None or fill.lines < tightest[0]:
                        tightest = (fill.lines, where)
                    if fill.effective > FULL:
                        out.add("warning", "copyfit-full",
                                f"{where} is {fill.percent:.0f} % full"
                                + (f" and its text runs on into {fill.runs_on}" if fill.runs_on else "")
                                + f": {fill.lines} line(s) of slack",
                                "shorten a block in it, or move an optional block to the digital edition "
                                "(digital_only:)", doc.source, ("slots",))
                if rendered.fills:
                    out.add("info", "copyfit", f"{_label(job)}: " + ", ".join(f.describe() for f in rendered.fills),
                            SLACK_ADVICE, doc.source, ("slots",))
        for job in plan(project, [name]):
            edition = edition_for(project, "digital", Options(), job.paper)
            _render(project, renderer, job, edition.settings, out, doc.source, edition.adapt)
    for name, counts in sorted(hyphenation.items()):
        out.add("info", "hyphenation", f"{name}: hyphenated line ends: {counts.describe()}",
                "nothing to do: names, terms, links and numbers are never hyphenated, and never more than two "
                "lines in a row", project.documents[name].source, ("kind",))
    if tightest is not None:
        out.add("info", "copyfit-slack", f"least slack: {tightest[0]} line(s), {tightest[1]}", SLACK_ADVICE)


def _render(project: Project, renderer: Renderer, job: Job, settings: RenderSettings, out: Collector,
            source: Located, adapt: Callable[[Project, Resolved], Resolved] | None = None) -> Rendered | None:
    """One layout of one document; a layout that fails is an error finding against the document."""
    try:
        r = resolve(project, job)
        if adapt is not None:
            r = adapt(project, r)
        return renderer.render(r, settings)
    except InputError as exc:
        for finding in exc.findings:
            out.finding(finding)
    except HandoutsError as exc:
        out.add("error", "layout", exc.format_message(),
                "shorten the blocks it names, move an optional block to the digital edition (digital_only:), "
                "or choose a layout with more room", source, ("slots",))
    return None
