"""Turn an edition's name and the options a user gave into what making one PDF of it takes: render settings,
the layout it is set in, the finishing steps (structure tree, output intent, metadata) and its preflight."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from handouts import __version__
from handouts.layout import Rendered, RenderSettings
from handouts.load.project import Project
from handouts.load.reads import Dep, note_dep
from handouts.pdf import Finishing, Metadata, OutputIntent
from handouts.preflight import PreflightOptions
from handouts.resolve import Resolved


@dataclass(frozen=True)
class Options:
    """What a user asked for, whatever the edition (command-line flags, API keywords)."""

    printer: str | None = None  # printer profile (print edition)
    marks: bool | None = None  # crop and fold marks; None: as the printer profile says
    cmyk: bool | None = None  # colour model; None: the edition's own
    frames: bool = False  # debug overlay (…frames.pdf); never preflighted
    fill: tuple[tuple[str, str], ...] = ()  # values for the aftercare sheet's fields
    flatten: bool = False  # print the values instead of making fields

    def key(self) -> str:
        """A stable text of every option, for the build manifest."""
        return repr(self)


@dataclass(frozen=True)
class Edition:
    """One edition resolved for one paper size."""

    name: str
    settings: RenderSettings
    suffix: str
    digital_layout: bool = False  # set in the document's single-column digital layout
    intent: OutputIntent | None = None
    preflight: PreflightOptions | None = None
    printer: str | None = None
    marks: bool = False
    reads: tuple[tuple[Dep, str], ...] = ()  # what making the edition read (printer profile, ICC profile)

    def note_reads(self) -> None:
        """Record the edition's own reads for the job being made with it."""
        for dep, value in self.reads:
            note_dep(dep, value)

    def adapt(self, project: Project, r: Resolved) -> Resolved:
        """The resolved job set in this edition's layout."""
        if not self.digital_layout:
            return r
        name = r.document.digital_layout
        layout = project.layout(name).model
        return replace(r, layout=layout, layout_name=name, paper=layout.papers[r.job.paper])

    def finishing(self, r: Resolved, rendered: Rendered) -> Finishing:
        title = f"{r.title} – {r.clinic.name}"
        meta = Metadata(title, r.clinic.name, r.contact.locale, f"handouts {__version__}",
                        pdfua=rendered.structure is not None)
        return Finishing(meta, rendered.structure, self.intent)


class EditionSpec:
    """One kind of edition: its name, what it is for, and how it turns options into an Edition."""

    name: ClassVar[str]
    description: ClassVar[str]

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        raise NotImplementedError


def suffix(name: str, options: Options, form: str = "") -> str:
    """``<document>.<lang><suffix>.pdf``: the edition's name (none for office), then form and overlay marks."""
    return ("" if name == "office" else f".{name}") + form + (".frames" if options.frames else "")
