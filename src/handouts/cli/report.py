"""Turn what a command did into the documented JSON of ``--format json`` (one document on stdout, findings in the
shape of ``Finding.to_json``), and a failed command into the same shape with its error.

build   {"command": "build", "out": DIR, "summary": {selected, built, up_to_date, failed, not_started,
         seconds}, "stopped": TEXT|null, "pdfs": [{"path", "status": built|up-to-date|failed, "seconds",
         "findings": [FINDING]}], "orphans": [PATH], "pruned": [PATH]}
check   {"command": "check", "summary": {error, warning, info}, "findings": [FINDING], "documents": [SUMMARY]}
list    {"command": "list", "clinics": [{"id", "name", "locations": [{"id", "name", "paper", "languages"}]}],
         "documents": [{"id", "title", "topic", "layout", "digital_layout", "large_print_layout"}],
         "layouts": [{"id", "description", "papers"}], "editions": [{"id", "description"}]}
preview {"command": "preview", "pngs": [PATH], "mockups": [PATH], "contact_sheet": PATH|null,
         "pdfs": [{"path", "clinic", "location", "lang", "edition", "document", "severity", "failed",
         "findings": [TEXT]}], "build": BUILD-SUMMARY|null}
error   {"command": NAME, "error": TEXT, "findings": [FINDING]} (exit code 1)
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click


def emit(data: dict[str, Any]) -> None:
    click.echo(json.dumps(data, indent=2, ensure_ascii=False))


def build_json(report, out: Path) -> dict[str, Any]:
    pdfs: list[dict[str, Any]] = []
    for outcome in report.outcomes:
        pdfs.append({"path": str(out / outcome.key), "status": outcome.status, "seconds": round(outcome.seconds, 3),
                     "findings": [f.to_json() for f in outcome.problems()]})
    pdfs += [{"path": str(out / key), "status": "up-to-date", "seconds": 0.0, "findings": []}
             for key in report.up_to_date]
    pdfs.sort(key=lambda p: p["path"])
    return {
        "command": "build",
        "out": str(out),
        "summary": batch_summary(report),
        "stopped": report.stopped or None,
        "pdfs": pdfs,
        "orphans": [str(out / key) for key in report.orphans],
        "pruned": [str(out / key) for key in report.pruned],
    }


def batch_summary(report) -> dict[str, Any]:
    return {"selected": report.total, "built": len(report.built), "up_to_date": len(report.up_to_date),
            "failed": len(report.failed), "not_started": report.not_started, "seconds": round(report.seconds, 3)}


def error_json(command: str, exc: Exception) -> dict[str, Any]:
    findings = getattr(exc, "findings", None) or []
    message = exc.format_message() if isinstance(exc, click.ClickException) else str(exc)
    return {"command": command, "error": message, "findings": [f.to_json() for f in findings]}


class JsonFailure(click.ClickException):
    """A command that failed after printing its JSON: exit 1, with the message on stderr."""

    exit_code = 1


def fail_as_json(command: str, exc: click.ClickException) -> None:
    """Print the error as JSON on stdout, then end with exit code 1 (the message also goes to stderr)."""
    emit(error_json(command, exc))
    raise JsonFailure(exc.format_message())
