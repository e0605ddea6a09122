"""Turn a document into its digital edition: the document's single-column layout, read top to bottom, large
type, live links, tagged the PDF/UA way, as many pages as it needs."""

from __future__ import annotations

from handouts.editions.base import Edition, EditionSpec, Options, suffix
from handouts.layout import RenderSettings
from handouts.load.project import Project


class Digital(EditionSpec):
    name = "digital"
    description = "one column for screens and websites, tagged PDF"

    def make(self, project: Project, options: Options, paper: str) -> Edition:
        end = suffix(self.name, options)
        return Edition(self.name, RenderSettings(name=self.name, suffix=end, tagged=options.tags,
                                                 frames=options.frames), end, digital_layout=True)
