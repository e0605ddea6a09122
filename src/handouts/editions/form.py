"""Turn the aftercare sheet into its form edition: the blanks of the next appointment as form fields to type
into (``.form.pdf``), or, with values and ``--flatten``, those values printed in the sheet's own fonts
(``.filled.pdf``)."""

from __future__ import annotations

from handouts.editions.base import Edition, EditionSpec, Options, suffix
from handouts.layout import RenderSettings
from handouts.load.project import Project


class Form(EditionSpec):
    name = "form"
    description = "the aftercare sheet with form fields (or their values printed, with --flatten)"

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        fields = not options.flatten
        end = suffix("office", options, ".form" if fields else ".filled")
        settings = RenderSettings(name="form", suffix=end, cmyk=bool(options.cmyk), frames=options.frames,
                                  fillable=fields, fill=options.fill, flatten=options.flatten)
        return Edition("form", settings, end)
