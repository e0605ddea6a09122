"""Turn a document into its large-print edition: the document's large-print layout (one column, body text 18 pt
on 1.5× leading, nothing under 16 pt), everything the office edition prints (the appointment box and the call
bar's words included), tagged like the digital edition, and every character measured before the file takes its
name: text under 16 pt, or within a quarter inch of the page edge, refuses the file."""

from __future__ import annotations

from handouts.editions.base import Edition, EditionSpec, Options, suffix
from handouts.layout import RenderSettings
from handouts.load.project import Project
from handouts.preflight import PreflightOptions

# The large-print standard (literacy.md; the RNIB and APH guidance it follows): running text at least 18 pt,
# nothing on the page under 16 pt, running text on at least 1.5 times its size, contrast WCAG 2.1 AAA.
BODY = 18.0
SMALLEST = 16.0
LEADING = 1.5
CONTRAST = 7.0  # WCAG 2.1 AAA (SC 1.4.6); 4.5:1 for large text (18 pt, or 14 pt bold)
CONTRAST_LARGE = 4.5

INSIDE = 18.0  # points: every character stays a quarter inch inside the page, clear of what a printer cannot reach

# What the finished file is measured against: every character 16 pt or more and a quarter inch inside the page,
# every font embedded. Links stay live (it is no print-shop file); a raster logo at office-printer resolution
# is enough.
LIMITS = PreflightOptions(min_ppi_warn=150.0, min_ppi_error=96.0, safe_margin=INSIDE, min_text_size=SMALLEST,
                          print_file=False)


class LargePrint(EditionSpec):
    name = "large-print"
    description = "one column for readers with low vision: 18 pt body text, nothing under 16 pt, tagged PDF"

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        end = suffix(self.name, options)
        settings = RenderSettings(name=self.name, suffix=end, tagged=True, frames=options.frames)
        return Edition(self.name, settings, end, large_print=True, preflight=None if options.frames else LIMITS,
                       preflight_name=f"the large-print measurement (every character {SMALLEST:g} pt or more, a "
                                      f"quarter inch inside the page, fonts embedded)")
