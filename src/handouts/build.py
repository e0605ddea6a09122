"""Turn a selection (documents, clinic, location, paper) into PDFs in the output folder, and a report."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import HandoutsError
from handouts.output import write_atomic
from handouts.project import load_project
from handouts.resolve import Job, plan, resolve


@dataclass
class BuildReport:
    built: list[Path] = field(default_factory=list)
    failed: list[tuple[Job, HandoutsError]] = field(default_factory=list)
    seconds: float = 0.0


def build(root: Path, out: Path, documents=(), clinic: str | None = None, location: str | None = None,
          paper: str | None = None) -> BuildReport:
    """Load and check every input first; then render each job and write it atomically.

    Input mistakes stop the build before anything is written. A document whose content does not fit fails
    on its own; the others are still written."""
    from handouts.render import Renderer

    started = time.perf_counter()
    project = load_project(root)
    jobs = plan(project, documents, clinic, location, paper)
    resolved = [resolve(project, job) for job in jobs]
    renderer = Renderer(project)
    report = BuildReport()
    for r in resolved:
        try:
            data = renderer.render(r)
        except HandoutsError as exc:
            report.failed.append((r.job, exc))
            continue
        target = r.job.output_path(out)
        write_atomic(target, data)
        report.built.append(target)
    report.seconds = time.perf_counter() - started
    return report
