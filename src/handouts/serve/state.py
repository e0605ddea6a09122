"""Turn the project folder, as it changes, into what the web app shows: the last good project for the front
desk, and the chain's snapshot (cards, findings, a YAML mistake with file, line and fix) for the chain view,
rebuilt in a child process whenever a file is saved."""

from __future__ import annotations

import json
import logging
import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.api import load_project, render
from handouts.batch.watch import WATCHED
from handouts.errors import HandoutsError
from handouts.load.project import Project
from handouts.serve.desk import places, sheets

log = logging.getLogger("handouts.serve")
REBUILD_TIMEOUT_S = 600
# ReportLab keeps module-level state (fonts, caches) and is not thread-safe: prints and the checks of a reloaded
# project take turns. Under the GIL a render is CPU-bound anyway, so the lock costs no throughput.
RENDER_LOCK = threading.Lock()


@dataclass
class Snapshot:
    """One rebuild's result (see handouts.serve.rebuild), with when it was made."""

    data: dict[str, Any] = field(default_factory=dict)
    made: float = 0.0

    @property
    def jobs(self) -> list[dict[str, Any]]:
        return list(self.data.get("jobs", []))


class ChainState:
    """The project and the chain as last seen. ``version`` grows with every change a page should show; the
    chain view polls it and redraws its cards only when it moved."""

    def __init__(self, root: Path, cache: Path):
        self.root = Path(root).resolve()
        self.cache = Path(cache).resolve()
        self.project: Project = load_project(self.root)  # the server does not start on a broken project
        self.snapshot = Snapshot()
        self.input_errors: list[dict[str, Any]] = []  # the current YAML mistakes (the last good chain stays)
        self.rebuild_error = ""  # the rebuild itself failed (not the content): shown on the chain view
        self.busy = False
        self.version = 0
        self.rebuilds = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------------------------------------ reading

    def job(self, clinic: str, location: str, document: str, lang: str) -> dict[str, Any] | None:
        """The snapshot's entry for exactly these ids, or None: ids in URLs are only ever looked up here."""
        for entry in self.snapshot.jobs:
            if (entry["clinic"], entry["location"], entry["document"], entry["lang"]) == \
                    (clinic, location, document, lang):
                return entry
        return None

    def location_jobs(self, clinic: str, location: str) -> list[dict[str, Any]]:
        return [e for e in self.snapshot.jobs if (e["clinic"], e["location"]) == (clinic, location)]

    # ---------------------------------------------------------------------------------------------- changing

    def _changed(self) -> None:
        with self._lock:
            self.version += 1

    def reload(self) -> None:
        """Read the project again and rebuild the chain. A YAML mistake keeps the last good project and PDFs
        and is shown with its file, line and fix until it is corrected."""
        self.busy = True
        self._changed()
        try:
            if self._rebuild():
                self._adopt()
        finally:
            self.busy = False
            self._changed()

    def _adopt(self) -> None:
        """The front desk prints from the new project once the rebuild found it loads and passes its checks;
        until then it keeps printing from the last good one (the chain view shows what is wrong). The new
        project's first sheet is made here, so no therapist's print pays for its checks and fonts."""
        try:
            project = load_project(self.root)
            sheet = next((s for s in sheets(project) if s.appointment), None)
            place = next(iter(places(project)), None)
            if sheet is not None and place is not None:
                with RENDER_LOCK:
                    render(project, sheet.name, clinic=place.clinic, location=place.location,
                           lang=place.languages[0], edition="form", flatten=True)
        except HandoutsError as exc:  # changed again since the rebuild: the next reload decides
            log.info("the project changed during the rebuild (%s); keeping the last good one", type(exc).__name__)
            return
        self.project = project

    def _rebuild(self) -> bool:
        """Run the chain's rebuild; True when the project loaded and passed its checks."""
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        command = [sys.executable, "-m", "handouts.serve.rebuild", str(self.root), str(self.cache)]
        try:
            done = subprocess.run(command, cwd=self.root, env=env, capture_output=True, text=True,
                                  timeout=REBUILD_TIMEOUT_S, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            self.rebuild_error = f"the rebuild took longer than {REBUILD_TIMEOUT_S} s and was stopped"
            return False
        self.rebuilds += 1
        try:
            data = json.loads(done.stdout.strip().splitlines()[-1]) if done.stdout.strip() else None
        except ValueError:
            data = None
        if done.returncode != 0 or not isinstance(data, dict):
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            self.rebuild_error = f"the rebuild stopped (exit code {done.returncode}): {last}"
            log.warning("chain rebuild failed: exit code %s", done.returncode)
            return False
        self.rebuild_error = ""
        self.input_errors = list(data.get("input_errors", []))
        if self.input_errors:  # a broken project keeps the last good snapshot's cards
            return False
        self.snapshot = Snapshot(data, time.time())
        return not data.get("refused")

    # ------------------------------------------------------------------------------------------------ watching

    def start(self) -> None:
        """Build the chain now, then again after every saved change, in a background thread."""
        self._thread = threading.Thread(target=self._watch, name="handouts-chain", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def _watch(self) -> None:
        import watchfiles  # the file-system watcher is only needed once the server runs

        folders = [self.root / name for name in WATCHED if (self.root / name).is_dir()]
        self.reload()
        for _ in watchfiles.watch(*folders, stop_event=self._stop, debounce=300, raise_interrupt=False,
                                  watch_filter=_project_files):
            self.reload()


def _project_files(change: object, path: str) -> bool:
    name = Path(path).name
    return not name.startswith(".") and not name.endswith(("~", ".swp", ".tmp"))
