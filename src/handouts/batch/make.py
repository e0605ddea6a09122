"""Turn one job into the bytes of one finished PDF, the way every build makes it: filled in, set in the
edition's layout, rendered, finished, and (for a print edition) preflighted before anyone sees it."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

from handouts.editions import Edition
from handouts.errors import HandoutsError
from handouts.findings import Finding
from handouts.layout import Renderer
from handouts.layout.compose import collected_after
from handouts.load.project import Project
from handouts.pdf import finisher
from handouts.preflight import preflight
from handouts.resolve import Job, resolve


def make_pdf(project: Project, renderer: Renderer, job: Job, edition: Edition) -> bytes:
    """Resolve, render and finish one job (no preflight: see ``preflight_check``). The cycle collector waits
    until the job's objects are gone (the resolved content, the drawn structure), rather than walking them while
    they are still held."""
    with collected_after():
        return _made(project, renderer, job, edition)


def _made(project: Project, renderer: Renderer, job: Job, edition: Edition) -> bytes:
    edition.note_reads()
    r = edition.adapt(project, resolve(project, job))
    return renderer.render(r, edition.settings, finisher(edition.finishing(r))).data


def preflight_check(edition: Edition, strict: bool, warnings: list[Finding], target: Path | str
                    ) -> Callable[[Path], None] | None:
    """A check for ``write_atomic``: preflight the finished PDF before it takes its name; errors (and with
    ``strict`` warnings) keep it from being published. None when the edition has no preflight."""
    options = edition.preflight
    if options is None:
        return None

    def check(path: Path) -> None:
        findings = [f.at(target) for f in preflight(path, options)]
        errors = [f for f in findings if f.severity == "error" or (strict and f.severity == "warning")]
        warnings.extend(f for f in findings if f.severity == "warning" and not strict)
        if errors:
            raise HandoutsError(f"{edition.preflight_name} failed:\n" + "\n".join(f"  {f}" for f in errors))

    return check


def preflight_bytes(edition: Edition, data: bytes, strict: bool, name: str) -> list[Finding]:
    """Preflight a PDF held in memory, as a build would before writing it; raises on errors."""
    warnings: list[Finding] = []
    check = preflight_check(edition, strict, warnings, name)
    if check is not None:
        with tempfile.TemporaryDirectory(prefix="handouts-preflight-") as folder:
            path = Path(folder) / "document.pdf"
            path.write_bytes(data)
            check(path)
    return warnings
