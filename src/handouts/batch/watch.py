"""Turn saved edits into rebuilds: watch the project's content, layouts and fonts, and rebuild what a change
affects, showing mistakes with file and line as they happen while the last good PDFs stay in place."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from handouts.errors import HandoutsError

WATCHED = ("content", "layouts", "fonts")


def watch(root: Path, build: Callable[[], object], report: Callable[[str], None],
          stop: threading.Event | None = None, debounce_ms: int = 300) -> None:
    """Run ``build`` now and after every change below the watched folders, until ``stop`` is set (or Ctrl-C).

    A build that fails leaves the PDFs of the last good build where they are (every PDF is replaced only by
    a complete new one), so the preview an author is looking at never disappears."""
    import watchfiles

    folders = [root / name for name in WATCHED if (root / name).is_dir()]
    _run(build, report)
    report(f"watching {', '.join(str(f) for f in folders)} (Ctrl-C to stop)")
    for changes in watchfiles.watch(*folders, stop_event=stop, debounce=debounce_ms, raise_interrupt=False,
                                    watch_filter=_project_files):
        names = sorted({Path(path).name for _, path in changes})
        report(f"changed: {', '.join(names)}")
        _run(build, report)


def _project_files(change: object, path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and not name.endswith(("~", ".swp", ".tmp"))


def _run(build: Callable[[], object], report: Callable[[str], None]) -> None:
    try:
        build()
    except HandoutsError as exc:
        report(f"Error: {exc.format_message()}")
