"""Turn every layout into findings on its geometry: panels whose text would come closer to the trim or a fold
than the safe zone allows, and panels whose role no module draws."""

from __future__ import annotations

from handouts.checks.report import CheckOptions, Collector
from handouts.layout.geometry import safe_zone_problems
from handouts.layout.panels import role_problems
from handouts.load.project import Project


def check_layouts(project: Project, options: CheckOptions, out: Collector) -> None:
    for layout in project.layouts.values():
        for finding in role_problems(layout):
            out.finding(finding)
        for page, panel, message in safe_zone_problems(layout.value):
            out.add("error", "safe-zone", message, "give the panel more padding, or move it away from the trim "
                                                   "and folds (layouts: padding, margins, panel sizes)",
                    layout.source, ("pages", page, "panels", panel))
