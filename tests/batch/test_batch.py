"""Batch builds: the manifest (no-op, targeted rebuilds, force, prune), fault isolation, fail-fast,
sharding, parallel workers, and interruption."""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import (
    ALL_PDFS,
    CLINIC,
    CLINIC_FILE,
    DOCUMENTS,
    LOCATIONS,
    TOPIC_DIR,
    assert_clean_exit,
    edit_text,
    pdfs_under,
    run_build,
    run_cli,
)
from handouts.batch.manifest import Manifest

ALL = ALL_PDFS


def _mtimes(out: Path) -> dict[str, int]:
    return {p: (out / p).stat().st_mtime_ns for p in pdfs_under(out)}


def _extra_locations(project: Path, count: int) -> None:
    """Append ``count`` more US locations to the demo clinic."""
    text = "".join(
        f"\n  - id: extra-{i:03d}\n    name: Extra Clinic {i}\n    address: [{100 + i} Main Street, Salem, OR 97301]\n"
        f"    phone: (503) 555-{1000 + i}\n"
        for i in range(count))
    path = project / CLINIC_FILE
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


@pytest.fixture
def built(project_copy: Path) -> tuple[Path, Path]:
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out), 0)
    return project_copy, out


def test_second_build_with_nothing_changed_writes_nothing(built):
    project, out = built
    before = _mtimes(out)
    manifest = (out / ".handouts-manifest.json").read_bytes()
    result = run_build(project, out)
    assert_clean_exit(result, 0)
    assert "nothing to do: 10 up to date" in result.output
    assert _mtimes(out) == before
    assert (out / ".handouts-manifest.json").read_bytes() == manifest


def test_manifest_records_every_pdf_with_its_inputs(built):
    _, out = built
    data = json.loads((out / ".handouts-manifest.json").read_text())
    assert data["version"] == 4
    assert sorted(data["outputs"]) == ALL
    entry = data["outputs"][f"{CLINIC}/leeds-headingley/dry-needling-brochure.en.pdf"]
    assert (entry["clinic"], entry["location"], entry["document"], entry["lang"], entry["paper"]) == \
        (CLINIC, "leeds-headingley", "dry-needling-brochure", "en", "a4")
    assert len(entry["inputs"]) == 64
    read = {data["deps"][i] for i in entry["deps"]}  # what the PDF read, recorded as it was made
    assert f"{CLINIC_FILE}#locations/leeds-headingley" in read and f"{CLINIC_FILE}#~locations" in read
    assert not any("#locations/portland-pearl" in dep for dep in read)
    assert {"content/topics/dry-needling-sciatica/symptoms.yaml", "layouts/trifold.yaml", "layouts/strings/en.yaml",
            "fonts/fonts.yaml", "content/clinics/assets/smith-jones-mark-uk.svg"} <= read
    assert not any("/es/" in dep or dep.endswith("es.yaml") for dep in read)  # Leeds is in English only
    assert entry["size"] == (out / CLINIC / "leeds-headingley/dry-needling-brochure.en.pdf").stat().st_size


def test_editing_one_location_rebuilds_only_its_pdfs(built):
    project, out = built
    before = _mtimes(out)
    edit_text(project / CLINIC_FILE, "phone: (512) 555-0187", "phone: (512) 555-0199")
    result = run_build(project, out)
    assert_clean_exit(result, 0)
    assert "4 built, 6 up to date, 0 failed" in result.output  # Austin: two documents in English and Spanish
    changed = {p for p, t in _mtimes(out).items() if before[p] != t}
    assert changed == {f"{CLINIC}/austin-zilker/{doc}.{lang}.pdf" for doc in DOCUMENTS for lang in ("en", "es")}
    sheet = out / CLINIC / "austin-zilker/dry-needling-aftercare.en.pdf"
    assert "(512) 555-0199" in PdfReader(sheet).pages[0].extract_text()


def test_editing_a_block_rebuilds_every_pdf_that_uses_it(built):
    project, out = built
    before = _mtimes(out)
    edit_text(project / TOPIC_DIR / "symptoms.yaml", "Tingling in your leg or foot", "Pins and needles in your leg")
    result = run_build(project, out)
    assert_clean_exit(result, 0)
    changed = {p for p, t in _mtimes(out).items() if before[p] != t}
    assert changed == {f"{CLINIC}/{loc}/dry-needling-brochure.en.pdf" for loc in LOCATIONS}  # the sheet does not use it


def test_editing_the_brand_rebuilds_the_locations_that_inherit_it(built):
    project, out = built
    before = _mtimes(out)
    edit_text(project / CLINIC_FILE, 'tint: "#E6F1F3"', 'tint: "#E8F2F4"')
    assert_clean_exit(run_build(project, out), 0)
    assert {p for p, t in _mtimes(out).items() if before[p] != t} == set(ALL)


def test_a_deleted_or_edited_pdf_is_rebuilt(built):
    project, out = built
    (out / CLINIC / "portland-pearl/dry-needling-brochure.en.pdf").unlink()
    (out / CLINIC / "leeds-headingley/dry-needling-aftercare.en.pdf").write_bytes(b"%PDF-1.4 damaged")
    result = run_build(project, out)
    assert_clean_exit(result, 0)
    assert "2 built, 8 up to date, 0 failed" in result.output


def test_force_rebuilds_everything(built):
    project, out = built
    result = run_build(project, out, "--force")
    assert_clean_exit(result, 0)
    assert "10 built, 0 up to date, 0 failed" in result.output


def test_removed_location_is_reported_and_pruned(built):
    project, out = built
    edit_text(project / CLINIC_FILE, "  - id: portland-pearl\n", "  - id: portland-nob-hill\n")
    result = run_build(project, out)
    assert_clean_exit(result, 0)
    assert "4 output(s) whose source was removed (delete them with --prune):" in result.output
    assert (out / CLINIC / "portland-pearl/dry-needling-brochure.en.pdf").is_file()
    result = run_build(project, out, "--prune")
    assert_clean_exit(result, 0)
    assert f"removed {out / CLINIC / 'portland-pearl/dry-needling-brochure.en.pdf'}" in result.output
    assert [p for p in pdfs_under(out) if "/portland-pearl/" in p] == []
    data = json.loads((out / ".handouts-manifest.json").read_text())
    assert not [k for k in data["outputs"] if "/portland-pearl/" in k]


def test_one_broken_location_fails_only_its_own_pdfs(project_copy):
    edit_text(project_copy / CLINIC_FILE, "svg: assets/smith-jones-mark-uk.svg", "svg: assets/missing-uk.svg")
    out = project_copy / "out"
    result = run_build(project_copy, out, "--jobs", "2")
    assert_clean_exit(result, 1)
    assert pdfs_under(out) == [p for p in ALL if "leeds" not in p]
    assert "8 built, 0 up to date, 2 failed" in result.output
    assert "2 failed:\n" in result.output
    for doc in DOCUMENTS:
        assert f"  {CLINIC}/leeds-headingley/{doc}.en.pdf: " in result.output
    assert "svg logo file not found: assets/missing-uk.svg" in result.output
    # Once fixed, the next build makes just the missing ones.
    edit_text(project_copy / CLINIC_FILE, "svg: assets/missing-uk.svg", "svg: assets/smith-jones-mark-uk.svg")
    result = run_build(project_copy, out)
    assert_clean_exit(result, 0)
    assert "2 built, 8 up to date, 0 failed" in result.output


def test_fail_fast_stops_at_the_first_failure(project_copy):
    _extra_locations(project_copy, 6)
    edit_text(project_copy / CLINIC_FILE, "svg: assets/smith-jones-mark.svg", "svg: assets/missing.svg")
    out = project_copy / "out"
    result = run_build(project_copy, out, "--jobs", "1", "--fail-fast")
    assert_clean_exit(result, 1)
    assert "1 failed:" in result.output
    assert len(pdfs_under(out)) == 0  # portland, the first location, fails first
    result = run_build(project_copy, out, "--jobs", "1")
    assert "32 failed:" in result.output  # every location on the clinic's own logo: 8 × 2 documents × 2 languages


def test_shards_are_disjoint_and_cover_the_matrix(project_copy):
    _extra_locations(project_copy, 9)
    shards = []
    for i in (1, 2, 3):
        out = project_copy / f"out{i}"
        assert_clean_exit(run_build(project_copy, out, f"--shard={i}/3"), 0)
        shards.append(set(pdfs_under(out)))
    full = project_copy / "full"
    assert_clean_exit(run_build(project_copy, full), 0)
    assert shards[0] | shards[1] | shards[2] == set(pdfs_under(full))
    assert not (shards[0] & shards[1] or shards[0] & shards[2] or shards[1] & shards[2])
    assert all(shards)  # 24 documents over 3 shards: none is empty
    again = project_copy / "again"
    assert_clean_exit(run_build(project_copy, again, "--shard", "2/3"), 0)
    assert set(pdfs_under(again)) == shards[1]


@pytest.mark.parametrize("bad", ["0/3", "4/3", "two/3", "1"])
def test_bad_shard_is_a_usage_error(demo_root, tmp_path, bad):
    result = run_build(demo_root, tmp_path, "--shard", bad)
    assert_clean_exit(result, 2)
    assert "--shard" in result.output


def test_two_workers_make_the_same_bytes_as_one(project_copy):
    one, two = project_copy / "one", project_copy / "two"
    assert_clean_exit(run_build(project_copy, one, "--jobs", "1"), 0)
    assert_clean_exit(run_build(project_copy, two, "--jobs", "2"), 0)
    for rel in ALL:
        assert (one / rel).read_bytes() == (two / rel).read_bytes(), rel


def test_quiet_and_non_terminal_output(project_copy):
    out = project_copy / "out"
    result = run_cli("build", "--project", project_copy, "--out", out)
    assert_clean_exit(result, 0)
    # Not a terminal, not --verbose: no paths, but the one-line summary (on stderr), so a CI log says what was built.
    assert re.fullmatch(r"10 built, 0 up to date, 0 failed in \d+\.\d\d s\n", result.output), result.output
    result = run_cli("build", "--quiet", "--force", "--project", project_copy, "--out", out)
    assert result.output == ""


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT])
def test_interrupted_build_leaves_only_complete_pdfs_and_the_next_build_finishes(project_copy, sig):
    _extra_locations(project_copy, 40)
    out = project_copy / "out"
    cmd = [sys.executable, "-m", "handouts", "build", "--jobs", "1", "--quiet", "--project", str(project_copy),
           "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    while len(list(out.rglob("*.pdf"))) < 8 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.02)
    assert proc.poll() is None, "the build finished before it could be interrupted"
    proc.send_signal(sig)
    proc.communicate(timeout=60)
    if sig == signal.SIGINT:
        assert proc.returncode == 130
    done = pdfs_under(out)
    assert 8 <= len(done) < 170
    for rel in done:
        assert len(PdfReader(out / rel).pages) in (1, 2), rel  # every PDF on disk is complete
    for key, entry in Manifest(out).entries.items():  # the manifest and its journal, as the next build reads them
        assert (out / key).stat().st_size == entry.size  # the manifest claims nothing that is not on disk
    result = run_build(project_copy, out)
    assert_clean_exit(result, 0)
    assert len(pdfs_under(out)) == 170  # 42 US locations × 2 documents × 2 languages, and Leeds
    assert not [p for p in out.rglob("*.tmp")]
    assert "nothing to do" in run_build(project_copy, out).output
