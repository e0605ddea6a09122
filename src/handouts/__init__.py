"""Turn plain-text YAML content and a clinic's branding into print-ready patient-education PDFs.

The pipeline is one package per stage, each importing only the stages before it: ``load`` (YAML → validated
models) → ``resolve`` (jobs, templates, markup) → ``layout`` (ReportLab pages) → ``pdf`` (structure tree,
output intent, metadata) → ``preflight`` → ``editions`` → ``checks`` → ``batch`` → ``api`` → ``preview``,
``scaffold`` → ``cli``. The public API is ``load_project``, ``check``, ``render`` and ``build``."""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = ["CheckOptions", "Finding", "HandoutsError", "Project", "__version__", "build", "check", "jobs",
           "load_project", "outputs", "render"]


def __getattr__(name: str) -> Any:
    # The API is imported on first use, not with the package: `handouts --help` must not pay for pydantic and
    # ReportLab (PEP 562).
    if name in __all__:
        from handouts import api

        return getattr(api, name)
    raise AttributeError(f"module 'handouts' has no attribute {name!r}")
