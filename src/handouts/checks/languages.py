"""Turn the languages each location serves into errors for the ones its documents lack (a missing translation,
strings or translated block): reported against that location only, so the rest of the chain still builds."""

from __future__ import annotations

from handouts.checks.report import CheckOptions, Collector
from handouts.load.crossref import language_gaps
from handouts.load.project import Project


def check_languages(project: Project, options: CheckOptions, out: Collector) -> None:
    for gap in language_gaps(project):
        out.finding(gap)
