"""Turn every document, laid out for every location, language and paper its layout offers (and in its digital
edition), into copyfitting findings: how full each panel is (percent, and lines of slack under its text), a
warning for a panel over 95 % full, an error for text that does not fit or breaks a composition rule (the
post-layout audit), and the share of line ends each document hyphenates. In a large chain, locations that share
everything but their contact details are laid out through the ones with the longest of each detail."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from handouts.checks.report import CheckOptions, Collector
from handouts.editions import Options, edition_for
from handouts.errors import HandoutsError, InputError
from handouts.layout import Rendered, Renderer, RenderSettings
from handouts.load import models as m
from handouts.load.project import Project
from handouts.load.yamlio import Located
from handouts.resolve import Job, Resolved, plan, resolve

ALL_LAID_OUT = 12  # a group of up to this many locations is laid out whole; a larger one through representatives
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
            for job in _laid_out(project, plan(project, [name], paper=paper), options, out, doc.source):
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
        for job in _laid_out(project, plan(project, [name]), options, out, doc.source):
            edition = edition_for(project, "digital", Options(), job.paper)
            _render(project, renderer, job, edition.settings, out, doc.source, edition.adapt)
    for name, counts in sorted(hyphenation.items()):
        out.add("info", "hyphenation", f"{name}: hyphenated line ends: {counts.describe()}",
                "nothing to do: names, terms, links and numbers are never hyphenated, and never more than two "
                "lines in a row", project.documents[name].source, ("kind",))
    if tightest is not None:
        out.add("info", "copyfit-slack", f"least slack: {tightest[0]} line(s), {tightest[1]}", SLACK_ADVICE)


# What a location prints in its own words (its contact details), each measured by the room it takes: the
# locations with the largest of each stand for a large group of locations that share everything else.
CONTACT_MEASURES: tuple[Callable[[m.Location], int], ...] = (
    lambda loc: len(loc.name),
    lambda loc: len(loc.address),
    lambda loc: max(len(line) for line in loc.address),
    lambda loc: len(loc.phone or ""),
    lambda loc: len(loc.email or ""),
    lambda loc: len(str(loc.hours or "")),
    lambda loc: len(loc.hours or ()),
    lambda loc: len(str(loc.booking_url or "")),
    lambda loc: len(str(loc.tagline or "")),
    lambda loc: len(str(loc.disclaimer or "")),
)


def _laid_out(project: Project, jobs: Iterable[Job], options: CheckOptions, out: Collector,
              source: Located) -> list[Job]:
    """The jobs to lay out: all of them with ``every_location``, or in a group of more than ALL_LAID_OUT jobs
    that differ only in the location's contact details (same document, language, paper, clinic, brand, locale
    and emergency number), the ones with the longest of each detail, in plan order."""
    jobs = list(jobs)
    if options.every_location:
        return jobs
    groups: dict[tuple[object, ...], list[tuple[int, Job, m.Location]]] = {}
    for index, job in enumerate(jobs):
        loc = project.clinic(job.clinic).value.locations[project.location_index(job.clinic, job.location)]
        shared = loc.model_dump_json(include={"brand", "locale", "emergency_number", "paper", "languages"})
        groups.setdefault((job.document, job.lang, job.paper, job.clinic, shared), []).append((index, job, loc))
    chosen: list[tuple[int, Job]] = []
    for (document, lang, paper, clinic, _), members in groups.items():
        if len(members) <= ALL_LAID_OUT:
            chosen += [(index, job) for index, job, _ in members]
            continue
        picked = {max(members, key=lambda member: (measure(member[2]), -member[0]))[0]
                  for measure in CONTACT_MEASURES}
        chosen += [(index, job) for index, job, _ in members if index in picked]
        out.add("info", "copyfit-sample", f"{document}.{lang} ({clinic}, {paper}): laid out for {len(picked)} of "
                                          f"{len(members)} locations alike but for their contact details, those "
                                          f"with the longest of each", "handouts check --every-location lays out "
                                          "each one (a build lays out every PDF it makes)", source, ("slots",))
    return [job for _, job in sorted(chosen, key=lambda pair: pair[0])]


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
