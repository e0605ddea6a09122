"""build --watch: a saved change is rebuilt (bounded wait), a mistake is reported with its file and line while
the last good PDF stays, and the fix is picked up."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from conftest import CLINIC, CLINIC_FILE, edit_text
from handouts.batch import run
from handouts.batch.watch import watch


def _wait_for(condition, seconds: float = 30.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


def test_watch_rebuilds_on_save_and_reports_mistakes(project_copy: Path):
    out = project_copy / "out"
    lines: list[str] = []
    stop = threading.Event()
    builds = []

    def build():
        builds.append(run(project_copy, out, ["dry-needling-aftercare"], location="austin-zilker", lang="en",
                          jobs=1))

    thread = threading.Thread(target=watch, args=(project_copy, build, lines.append, stop, 50), daemon=True)
    thread.start()
    try:
        pdf = out / CLINIC / "austin-zilker" / "dry-needling-aftercare.en.pdf"
        assert _wait_for(lambda: pdf.exists() and any(line.startswith("watching") for line in lines))
        first = pdf.stat().st_mtime_ns

        edit_text(project_copy / CLINIC_FILE, "phone: (512) 555-0187", "phone: (512) 555-0111")
        assert _wait_for(lambda: pdf.stat().st_mtime_ns != first), lines
        assert builds[-1].built == [f"{CLINIC}/austin-zilker/dry-needling-aftercare.en.pdf"]

        good = pdf.read_bytes()
        edit_text(project_copy / CLINIC_FILE, "phone: (512) 555-0111", "phone: [(512) 555-0111")
        assert _wait_for(lambda: any(line.startswith("Error:") for line in lines)), lines
        error = next(line for line in lines if line.startswith("Error:"))
        assert "smith-jones.yaml:" in error and "YAML syntax" in error
        assert pdf.read_bytes() == good  # the last good PDF stays

        edit_text(project_copy / CLINIC_FILE, "phone: [(512) 555-0111", "phone: (512) 555-0122")
        assert _wait_for(lambda: pdf.read_bytes() != good), lines
    finally:
        stop.set()
        thread.join(timeout=10)
    assert not thread.is_alive()
