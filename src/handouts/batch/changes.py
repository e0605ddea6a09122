"""Turn an overflow and the manifest's record of what a PDF read at its last good build into the blocks whose
text has changed since: the ones that most likely made the text too long."""

from __future__ import annotations

from pathlib import Path

from handouts.batch.fingerprint import Current
from handouts.batch.manifest import DIGEST_KEPT, Entry
from handouts.layout.composer import SequenceOverflow
from handouts.load.project import Project
from handouts.load.reads import Dep
from handouts.resolve import Job


def changed_blocks(project: Project, entry: Entry | None, job: Job, blocks: list[str]) -> list[str] | None:
    """Which of ``blocks`` read differently at the last good build (``entry``); None when there was none, or it
    kept no digests."""
    if entry is None or not entry.digests:
        return None
    topic = project.topics[project.documents[job.document].value.topic].for_language(job.lang)
    root = project.root.resolve()
    current = Current(project)
    changed = []
    for name in blocks:
        loaded = topic.blocks.get(name)
        if loaded is None:
            continue
        path = Path(loaded.source.path).resolve()
        dep = Dep(path.relative_to(root).as_posix() if path.is_relative_to(root) else path.as_posix())
        if entry.read_digest(str(dep)) != current.digest(dep)[:DIGEST_KEPT]:
            changed.append(name)
    return changed


def explain(exc: SequenceOverflow, project: Project, entry: Entry | None, job: Job) -> SequenceOverflow:
    """The overflow, naming the blocks that changed since the last good build when the manifest knows."""
    changed = changed_blocks(project, entry, job, exc.blocks)
    return exc if changed is None else exc.with_changes(changed)
