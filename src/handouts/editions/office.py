"""Turn a document into its office edition: trim-size pages in RGB for an office printer or a screen (or in
DeviceCMYK with ``--cmyk``), links live, no marks."""

from __future__ import annotations

from handouts.editions.base import Edition, EditionSpec, Options, suffix
from handouts.layout import RenderSettings
from handouts.load.project import Project


class Office(EditionSpec):
    name = "office"
    description = "trim-size pages for an office printer or a screen (RGB)"

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        name = "cmyk" if options.cmyk else "office"
        end = suffix(name, options)
        return Edition(name, RenderSettings(name=name, suffix=end, cmyk=bool(options.cmyk), frames=options.frames,
                                            tagged=options.tags), end)
