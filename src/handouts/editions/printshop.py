"""Turn a document into its print-shop edition with a printer profile: trim + bleed pages with TrimBox and
BleedBox, crop and fold marks, DeviceCMYK, the printer's ICC profile as output intent, and preflight."""

from __future__ import annotations

from handouts.editions.base import Edition, EditionSpec, Options, suffix
from handouts.errors import HandoutsError
from handouts.layout import RenderSettings
from handouts.load.models import PrinterProfile, per_paper
from handouts.load.project import Project
from handouts.load.reads import read_bytes
from handouts.pdf import OutputIntent
from handouts.preflight import PreflightOptions

DEFAULT_PRINTER = "offset"


class PrintShop(EditionSpec):
    name = "print"
    description = "for a print shop: bleed, crop and fold marks, CMYK, output intent, preflight"

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        printers = sorted(project.printers)
        name = options.printer or (DEFAULT_PRINTER if DEFAULT_PRINTER in project.printers else
                                   next(iter(printers), None))
        if name is None:
            raise HandoutsError("no printer profiles: add one to layouts/printers/ (see README, Print shops)")
        printer = project.printer(name)
        profile = printer.model
        cmyk = profile.color == "cmyk" if options.cmyk is None else options.cmyk
        icc = project.icc_path(printer) if cmyk else None
        intent = None
        if icc is not None:
            try:
                data = read_bytes(icc)
            except OSError:
                line, _ = printer.source.where(("icc",))
                raise HandoutsError(f"{printer.path}:{line}: ICC output profile not found: {icc} (install it, or "
                                    f"point 'icc' at the profile your printer sent)") from None
            condition = profile.output_condition or icc.stem
            intent = OutputIntent(data, condition, condition)
        marks = profile.marks if options.marks is None else options.marks
        end = suffix(self.name, options)
        settings = RenderSettings(name=self.name, suffix=end, bleed=per_paper(profile.bleed, paper), marks=marks,
                                  cmyk=cmyk, frames=options.frames, links=False)
        preflight = None if options.frames else printer_limits(profile, cmyk)
        return Edition(self.name, settings, end, intent=intent, preflight=preflight, printer=name, marks=marks)


def printer_limits(profile: PrinterProfile, cmyk: bool, min_text_size: float | None = None) -> PreflightOptions:
    """Preflight limits from a printer profile: its image resolution and ink limit."""
    return PreflightOptions.limits(profile.min_image_ppi, cmyk, profile.max_ink, min_text_size)
