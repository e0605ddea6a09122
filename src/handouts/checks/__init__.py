"""Turn a project into findings before anything is printed (stage 6): every check registered here runs on
every file; ``handouts check`` reports them and ``handouts build`` refuses on errors.

Adding a check: one module beside these with a ``check_…(project, options, out)`` function, and one entry
below."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from handouts.checks.alt_text import check_alt_text
from handouts.checks.blocks import check_blocks
from handouts.checks.copyfit import check_copyfit
from handouts.checks.documents import check_documents
from handouts.checks.glyphs import check_glyphs
from handouts.checks.governance import check_governance
from handouts.checks.languages import check_languages
from handouts.checks.large_print import check_large_print
from handouts.checks.layouts import check_layouts
from handouts.checks.pemat import check_pemat
from handouts.checks.report import CheckOptions, CheckReport, Collector, DocumentSummary
from handouts.checks.typography import check_type_and_contrast
from handouts.errors import InputError
from handouts.load import load_project
from handouts.load.project import Project

__all__ = ["CHECKS", "CheckOptions", "CheckReport", "DocumentSummary", "check", "check_project"]

Check = Callable[[Project, CheckOptions, Collector], None]

CHECKS: dict[str, Check] = {
    "layouts": check_layouts,
    "languages": check_languages,
    "reading-level": check_blocks,
    "governance": check_governance,
    "documents": check_documents,
    "pemat": check_pemat,
    "alt-text": check_alt_text,
    "type-and-contrast": check_type_and_contrast,
    "glyphs": check_glyphs,
    "copyfit": check_copyfit,
    "large-print": check_large_print,
}


def check_project(project: Project, options: CheckOptions = CheckOptions()) -> CheckReport:
    """Every registered check on a loaded project."""
    report = CheckReport()
    out = Collector(report)
    for run in CHECKS.values():
        run(project, options, out)
    report.sort()
    return report


def check(root: Path | str, options: CheckOptions = CheckOptions()) -> CheckReport:
    """Every check, on every file. Input errors end the check early (nothing else can be trusted)."""
    try:
        project = load_project(root)
    except InputError as exc:
        return CheckReport(list(exc.findings))
    return check_project(project, options)
