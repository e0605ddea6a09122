"""Operating-system errors are input errors: a read-only or missing output folder, a full disk, a file that
vanishes mid-build give one line naming the path and what to do, exit 1, no traceback; the PDFs already written
stay whole and recorded."""

from __future__ import annotations

import errno
import json
import os
import shutil
import subprocess

import pytest
from pypdf import PdfReader

from conftest import CLINIC, assert_clean_exit, pdfs_under, run_cli
from handouts.batch import workers

MANIFEST = ".handouts-manifest.json"


def _recorded(out) -> list[str]:
    return sorted(json.loads((out / MANIFEST).read_text())["outputs"])


def _whole(out) -> None:
    for relative in pdfs_under(out):
        assert len(PdfReader(out / relative).pages) >= 1


def test_output_under_a_file(demo_root, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("build", "--project", demo_root, "--out", blocker / "out")
    assert_clean_exit(result, 1)
    assert result.output == f"Error: cannot write {blocker / 'out'}: a file stands where a folder is needed: move " \
                            f"it away, or choose another --out\n"


def test_full_disk_stops_the_batch_keeping_what_was_written(demo_root, tmp_path, monkeypatch):
    real = workers.write_atomic
    written = []

    def fills_up(path, data, check=None):
        if len(written) == 3:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real(path, data, check)
        written.append(path)

    monkeypatch.setattr(workers, "write_atomic", fills_up)
    out = tmp_path / "out"
    result = run_cli("build", "--jobs", "1", "--project", demo_root, "--out", out)
    assert_clean_exit(result, 1)
    lines = result.output.splitlines()
    assert lines[0].startswith(f"Error: cannot write {out / CLINIC}/")
    assert lines[0].endswith(".pdf: the disk is full: free some space (or choose another --out), then build again")
    assert lines[1:] == ["3 built, 0 up to date, 1 failed in " + lines[1].split(" in ")[1]]
    assert "stopped: 6 not started (the 3 built are complete and recorded)" in lines[1]
    assert pdfs_under(out) == _recorded(out) and len(_recorded(out)) == 3
    _whole(out)
    assert [p.name for p in out.rglob("*.tmp")] == []


def test_a_file_vanishing_mid_build_fails_only_that_pdf(demo_root, tmp_path, monkeypatch):
    real = workers.make_pdf
    logo = demo_root / "content/clinics/assets/smith-jones-mark.svg"

    def vanishes(project, renderer, job, edition):
        if job.location == "austin-zilker" and job.document == "dry-needling-brochure" and job.lang == "en":
            raise FileNotFoundError(errno.ENOENT, os.strerror(errno.ENOENT), str(logo))
        return real(project, renderer, job, edition)

    monkeypatch.setattr(workers, "make_pdf", vanishes)
    out = tmp_path / "out"
    result = run_cli("build", "--jobs", "1", "--project", demo_root, "--out", out)
    assert_clean_exit(result, 1)
    assert "Error: content/clinics/assets/smith-jones-mark.svg vanished while the build was reading it: put it " \
           "back (or correct the name that points to it) and build again\n" in result.output
    assert len(pdfs_under(out)) == 9 and _recorded(out) == pdfs_under(out)


def _tmpfs(path, options: str) -> bool:
    if os.geteuid() != 0 or not shutil.which("mount"):
        return False
    path.mkdir()
    return subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
                          capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    """A real 150 KB file system (tmpfs; needs root), unmounted afterwards."""
    disk = tmp_path / "disk"
    if not _tmpfs(disk, "size=150k"):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield disk
    subprocess.run(["umount", str(disk)], check=False)


def test_a_real_full_disk(demo_root, small_disk):
    result = run_cli("build", "--jobs", "1", "--project", demo_root, "--out", small_disk)
    assert_clean_exit(result, 1)
    assert "the disk is full: free some space (or choose another --out), then build again\n" in result.output
    assert result.output.count("Error:") == 1
    built = pdfs_under(small_disk)
    assert built and _recorded(small_disk) == built
    _whole(small_disk)


def test_a_real_read_only_folder(demo_root, small_disk):
    subprocess.run(["mount", "-o", "remount,ro", str(small_disk)], check=True)
    result = run_cli("build", "--project", demo_root, "--out", small_disk)
    assert_clean_exit(result, 1)
    assert result.output.startswith(f"Error: cannot write {small_disk / CLINIC}")
    assert ": the folder is on a read-only file system: choose another --out\n" in result.output
    assert result.output.count("Error:") == 1
