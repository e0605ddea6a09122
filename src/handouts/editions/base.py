"""Turn an edition's name and the options a user gave into what making one PDF of it takes: render settings,
the layout it is set in, the finishing steps (structure tree, output intent, metadata) and its preflight."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import ClassVar

from handouts import __version__
from handouts.errors import InputError, suggest
from handouts.layout import RenderSettings
from handouts.load.models import Layout
from handouts.load.project import Loaded, Project
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
    tags: bool = True  # a tagged PDF (structure tree in reading order, PDF/UA metadata); False: untagged

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
    large_print: bool = False  # set in the document's large-print layout (which must be one)
    intent: OutputIntent | None = None
    preflight: PreflightOptions | None = None
    preflight_name: str = "preflight"  # what the finished file is checked by, for messages
    printer: str | None = None
    marks: bool = False
    reads: tuple[tuple[Dep, str], ...] = ()  # what making the edition read (printer profile, ICC profile)

    def note_reads(self) -> None:
        """Record the edition's own reads for the job being made with it."""
        for dep, value in self.reads:
            note_dep(dep, value)

    def adapt(self, project: Project, r: Resolved) -> Resolved:
        """The resolved job set in this edition's layout."""
        if self.large_print:
            name = r.document.large_print_layout
            layout = large_print_layout(project, r.job.document).model
        elif self.digital_layout:
            name = r.document.digital_layout
            layout = project.layout(name).model
        else:
            return r
        return replace(r, layout=layout, layout_name=name, paper=layout.papers[r.job.paper])

    def finishing(self, r: Resolved) -> Finishing:
        """What the file's save adds: metadata (PDF/UA when tagged) and a print edition's output intent."""
        title = f"{r.title} – {r.clinic.name}"
        meta = Metadata(title, r.clinic.name, r.contact.locale, f"handouts {__version__}",
                        pdfua=self.settings.tagged)
        return Finishing(meta, self.intent)


def large_print_layout(project: Project, document: str) -> Loaded[Layout]:
    """The layout a document's large-print edition is set in: one the project has, that declares itself large
    print (``large_print: true``, so ``handouts check`` holds it to the standard) and is one column."""
    doc = project.document(document)
    name = doc.value.large_print_layout
    where = ("large_print_layout",) if "large_print_layout" in doc.value.model_fields_set else ("layout",)
    if name not in project.layouts:
        explicit = where[0] == "large_print_layout"
        raise InputError(doc.source.issue(
            where, f"{'large_print_layout names' if explicit else 'the large-print edition needs'} layout "
                   f"'{name}', which the project lacks{suggest(name, project.layouts)}",
            code="large-print", fix=f"add layouts/{name}.yaml (one column, continuous: true, large_print: true; "
                                    f"see the demo's layouts/large-print.yaml), or name another with "
                                    f"large_print_layout:"))
    layout = project.layout(name)
    if not (layout.value.large_print and layout.value.continuous):
        lacking = " and ".join(f"'{key}: true'" for key, on in (("continuous", layout.value.continuous),
                                                                ("large_print", layout.value.large_print)) if not on)
        raise InputError(doc.source.issue(
            where, f"layout '{name}' is not a large-print layout: it lacks {lacking}", code="large-print",
            fix=f"name a large-print layout in large_print_layout:, or make layouts/{name}.yaml one column "
                f"(continuous: true) and declare it large print (large_print: true)"))
    return layout


class EditionSpec:
    """One kind of edition: its name, what it is for, and how it turns options into an Edition."""

    name: ClassVar[str]
    description: ClassVar[str]

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        raise NotImplementedError


def suffix(name: str, options: Options, form: str = "") -> str:
    """``<document>.<lang><suffix>.pdf``: the edition's name (none for office), then form and overlay marks."""
    return ("" if name == "office" else f".{name}") + form + (".frames" if options.frames else "")
