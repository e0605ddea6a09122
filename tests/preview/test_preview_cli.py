"""handouts preview on the command line: PNGs sized to the page, mock-ups for tri-folds, the contact sheet."""

from __future__ import annotations

from PIL import Image

from conftest import CLINIC, assert_clean_exit, run_cli


def test_preview_command(demo_root, tmp_path):
    out, shots = tmp_path / "out", tmp_path / "shots"
    result = run_cli("preview", "--location", "leeds-headingley", "--out", out, "--preview-out", shots,
                     "--project", demo_root)
    assert_clean_exit(result, 0)
    assert "contact sheet: " in result.output and "(2 PDFs, 0 flagged)" in result.output
    folder = shots / CLINIC / "leeds-headingley"
    assert Image.open(folder / "dry-needling-aftercare.en-1.png").size == (496, 702)  # A4 portrait at 60 dpi
    assert (folder / "dry-needling-brochure.en-folded-cover.png").is_file()
    assert (shots / "contact-sheet.pdf").is_file()


def test_preview_with_frames_and_print(demo_root, tmp_path):
    result = run_cli("preview", "dry-needling-brochure", "--location", "portland-pearl", "--lang", "en", "--print",
                     "--printer", "digital", "--show-frames", "--no-contact", "--dpi", "30", "--out", tmp_path,
                     "--project", demo_root)
    assert_clean_exit(result, 0)
    page = tmp_path / CLINIC / "portland-pearl" / "dry-needling-brochure.en.print-digital.frames-1.png"
    assert Image.open(page).size == (round(810 * 30 / 72), round(630 * 30 / 72))  # trim + bleed, no marks
