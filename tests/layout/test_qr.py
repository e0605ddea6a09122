"""QR codes: the faster mask choice gives exactly segno's codes, and a code in a PDF scans (zbarimg)."""

from __future__ import annotations

import random
import shutil
import string
import subprocess

import pytest
import segno
import segno.encoder as encoder

from handouts.layout import qrmask


@pytest.fixture
def original_segno(monkeypatch):
    monkeypatch.setattr(encoder, "find_and_apply_best_mask", qrmask._SEGNO)


def _payloads(count: int) -> list[str]:
    rng = random.Random(20261129)
    alphabet = string.ascii_letters + string.digits + "/?&=-_.:%"
    out = ["https://smithjonesphysio.example/book/austin-zilker?src=leaflet&lang=en"]
    for _ in range(count):
        out.append("https://" + "".join(rng.choice(alphabet) for _ in range(rng.randint(5, 300))))
    return out


def test_the_fast_mask_choice_makes_segnos_codes(original_segno):
    for data in _payloads(300):
        expected = segno.make(data, error="m", micro=False)
        encoder.find_and_apply_best_mask = qrmask.find_and_apply_best_mask
        try:
            fast = segno.make(data, error="m", micro=False)
        finally:
            encoder.find_and_apply_best_mask = qrmask._SEGNO
        assert (fast.mask, fast.version, fast.matrix) == (expected.mask, expected.version, expected.matrix), data


def test_penalty_matches_segnos_score_for_every_mask(monkeypatch):
    rng = random.Random(5)
    exact_scans = []  # lines scanned one by one: only where segno's N3 scan skips an overlapping pattern
    scan = qrmask._n3
    monkeypatch.setattr(qrmask, "_n3", lambda line, size: exact_scans.append(line) or scan(line, size))
    widths = set()
    for _ in range(60):
        data = "".join(rng.choice(string.ascii_letters + string.digits + "/:.") for _ in range(rng.randint(1, 700)))
        error = rng.choice("lmqh")
        for mask in range(8):
            code = segno.make(data, error=error, micro=False, mask=mask)
            width = len(code.matrix)
            widths.add(width)
            rows = [bytes(row) for row in code.matrix]
            expected = encoder.evaluate_mask(tuple(bytearray(r) for r in rows), width, width)
            assert qrmask.penalty(rows, width) == expected, (data, error, mask)
    assert len(widths) > 15 and max(widths) > 45  # versions with and without version information
    assert exact_scans  # both ways of scoring N3 were compared


@pytest.mark.skipif(shutil.which("zbarimg") is None, reason="zbarimg (Debian zbar-tools) is not installed")
def test_codes_drawn_in_the_demo_scan(demo_out, tmp_path):
    pdf = demo_out / "smith-jones/austin-zilker/dry-needling-brochure.en.pdf"
    subprocess.run(["pdftoppm", "-r", "200", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / "p")],
                   check=True)
    (png,) = tmp_path.glob("p*.png")
    done = subprocess.run(["zbarimg", "--quiet", "--raw", str(png)], capture_output=True, text=True)
    assert done.stdout.strip() == "https://smithjonesphysio.example/book/austin-zilker?src=leaflet&lang=en"


def test_the_dark_runs_drawn_are_the_codes_dark_modules():
    from handouts.layout.graphics import qr_path, qr_runs

    for data in _payloads(60):
        qrmask.install()
        matrix = segno.make(data, error="m", micro=False).matrix
        modules, runs = qr_runs(data)
        assert modules == len(matrix) + 8
        painted = {(row - 4, col - 4 + k) for row, col, length in runs for k in range(length)}
        assert painted == {(r, c) for r, line in enumerate(matrix) for c, value in enumerate(line) if value}
        assert all(matrix[row - 4][col - 5] == 0 or col == 4 for row, col, _ in runs)  # each run starts a run
        path = qr_path.__wrapped__(data)[1]
        assert path.count(" re") == len(runs) and path.endswith("\nf")
