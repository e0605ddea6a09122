"""Turn a document into its print-shop edition with a printer profile: trim + bleed pages with TrimBox and
BleedBox, crop and fold marks, DeviceCMYK separated through the press's ICC profile, that profile as the PDF/X
output intent, logos sized for print, no annotations, and preflight against the profile's limits."""

from __future__ import annotations

from handouts.editions.base import Edition, EditionSpec, Options, suffix
from handouts.errors import InputError, input_finding
from handouts.layout import RenderSettings
from handouts.layout.color import Separation
from handouts.load.models import PrinterProfile, per_paper
from handouts.load.project import Loaded, Project
from handouts.load.reads import read_bytes
from handouts.pdf import OutputIntent
from handouts.preflight import PreflightOptions

DEFAULT_PRINTER = "offset"
# Prepress software downsamples to about 1.5× the target resolution at the placed size (print-spec.md).
DOWNSAMPLE_ABOVE = 1.5


class PrintShop(EditionSpec):
    name = "print"
    description = "for a print shop: bleed, crop and fold marks, CMYK, output intent, preflight"

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        name = printer_name(project, options.printer)
        printer = project.printer(name)
        profile = printer.model
        cmyk = profile.color == "cmyk" if options.cmyk is None else options.cmyk
        intent = _output_intent(project, printer, paper) if cmyk else None
        marks = profile.marks if options.marks is None else options.marks
        end = suffix(self.name + variant(project, name, marks), options)
        separation = Separation(intent.profile if intent else None, profile.max_ink) if cmyk else None
        settings = RenderSettings(name=self.name, suffix=end, bleed=per_paper(profile.bleed, paper), marks=marks,
                                  cmyk=cmyk, frames=options.frames, links=False, separation=separation,
                                  image_ppi=profile.min_image_ppi * DOWNSAMPLE_ABOVE, tagged=options.tags)
        preflight = None if options.frames else printer_limits(profile, cmyk)
        return Edition(self.name, settings, end, intent=intent, preflight=preflight, printer=name, marks=marks)


def printer_name(project: Project, asked: str | None) -> str:
    """The printer profile asked for, else ``offset``, else the first there is."""
    if asked:
        project.printer(asked)
        return asked
    if DEFAULT_PRINTER in project.printers:
        return DEFAULT_PRINTER
    if not project.printers:
        raise InputError(input_finding("no printer profiles: add one to layouts/printers/ (see README, Print shops)",
                                       project.root / "layouts" / "printers"))
    return sorted(project.printers)[0]


def variant(project: Project, printer: str, marks: bool) -> str:
    """What tells one print file from another of the same document: the printer profile unless it is the
    default one, and the marks unless they are the profile's own choice (``-digital``, ``-nomarks``)."""
    out = "" if printer == printer_name(project, None) else f"-{printer}"
    if marks != project.printer(printer).value.marks:
        out += "-marks" if marks else "-nomarks"
    return out


def _output_intent(project: Project, printer: Loaded[PrinterProfile], paper: str) -> OutputIntent | None:
    spec = printer.model.intent_for(paper)
    if spec is None:
        return None
    path = project.icc_path(printer, spec.icc)
    try:
        data = read_bytes(path)
    except OSError:
        where = ("output_intent", paper, "icc") if isinstance(printer.value.output_intent, dict) else \
            ("output_intent", "icc")
        raise InputError(printer.source.issue(where, f"ICC output profile not found: {path}",
                                              fix="point icc at the profile your printer sent (a path relative "
                                                  "to layouts/printers/, or absolute)")) from None
    return OutputIntent(data, spec.identifier, spec.condition, spec.registry)


def printer_limits(profile: PrinterProfile, cmyk: bool, min_text_size: float | None = None) -> PreflightOptions:
    """Preflight limits from a printer profile: its image resolution and ink limit."""
    return PreflightOptions.limits(profile.min_image_ppi, cmyk, profile.max_ink, min_text_size)
