"""Room for real-world data, measured in the PDFs (MuPDF's character boxes, zbar's reading of the QR code): an
international phone number with an extension in the aftercare call bar and on the brochure's back panel, a
street line of 70+ characters, a clinic name of 45 characters in the aftercare header clear of the band's edge,
a booking page per language (the Spanish QR code does not carry lang=en), and an error that says what, where
and by how much when something still cannot fit."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from placed import chars, flow_panels, needs_mutool, panel_lines

from conftest import CLINIC, CLINIC_FILE, REPO_ROOT, assert_clean_exit, run_build
from handouts.layout.geometry import place_panels
from handouts.layout.panels.header import EDGE_CLEAR
from handouts.load import load_project

STREET = "1220 NW Lovejoy Street, Suite 200, Pearl District Medical Arts Building, East Entrance"
CLINIC_NAME = "Smith & Jones Physiotherapy and Sports Clinic"
PAGE_HEIGHT = {"letter": 792.0, "a4": 841.89}


def _panel_box(layout: str, paper: str, name: str):
    lay = load_project(REPO_ROOT).layouts[layout].value
    return next(p for page in place_panels(lay, paper) for p in page if p.panel.name == name)


def _squash(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split())


def _call_bar(sheet, paper: str) -> list:
    """The lines inside the call bar's tinted box; every character of them within its sides."""
    bar = _panel_box("aftercare", paper, "call")
    height = PAGE_HEIGHT[paper]
    top, bottom = height - bar.content.top + 4, height - bar.content.y - 6
    lines = panel_lines(sheet, 1, {"call": (bar.box.x, bar.box.right)})["call"]
    inside = [line for line in lines if top <= line.top and line.bottom <= bottom]
    for line in inside:
        assert bar.content.x - 0.5 <= line.x0 and line.x1 <= bar.content.right + 0.5, line
    return inside


def _back(pdf, root, paper: str) -> str:
    back = panel_lines(pdf, 1, {"back": flow_panels(root, "trifold", paper)[0]["back"]})["back"]
    return _squash(" ".join(line.text for line in back))


@needs_mutool
@pytest.mark.parametrize(("location", "paper", "phone", "number"), [
    ("leeds-headingley", "a4", "0113 496 0321", "+44 113 496 0321"),
    ("portland-pearl", "letter", "(503) 555-0142", "+1 (503) 555-0142"),
])
def test_international_phone_with_extension_and_a_long_street_line(project_copy, edit, location, paper, phone,
                                                                   number):
    assert len(STREET) >= 70
    edit(CLINIC_FILE, f"    phone: {phone}\n", f'    phone: "{number} ext. 2140"\n')
    first_line = {"leeds-headingley": "14 Otley Road", "portland-pearl": "1220 NW Lovejoy Street, Suite 200"}
    edit(CLINIC_FILE, f"      - {first_line[location]}\n", f"      - {STREET}\n")
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "--location", location), 0)
    for pdf in sorted((out / CLINIC / location).glob("*.pdf")):
        if pdf.name.startswith("dry-needling-aftercare"):
            # The call bar: the number whole on one line (its extension may take the next), inside the box.
            inside = _call_bar(pdf, paper)
            assert any(number in line.text for line in inside), [line.text for line in inside]
            assert "ext. 2140" in _squash(" ".join(line.text for line in inside))
        else:
            # The back panel: the same number, whole, and the long street line in full.
            text = _back(pdf, project_copy, paper)
            assert f"{number} ext. 2140" in text and STREET in text


@needs_mutool
def test_clinic_name_of_45_characters_stays_clear_of_the_band_edge(project_copy, edit):
    assert len(CLINIC_NAME) == 45
    edit(CLINIC_FILE, "name: Smith & Jones Physio\n", f"name: {CLINIC_NAME}\n")
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "dry-needling-aftercare", "--location", "portland-pearl"), 0)
    for lang in ("en", "es"):
        sheet = out / CLINIC / "portland-pearl" / f"dry-needling-aftercare.{lang}.pdf"
        header = _panel_box("aftercare", "letter", "header")
        band_bottom = PAGE_HEIGHT["letter"] - header.box.y  # from the top of the page
        header_chars = [ch for ch in chars(sheet, 1) if ch.bottom <= band_bottom + 1 and ch.c.strip()]
        assert CLINIC_NAME.replace(" ", "") in "".join(ch.c for ch in header_chars).replace(" ", "")
        lowest = max(ch.bottom for ch in header_chars)
        assert band_bottom - lowest >= EDGE_CLEAR - 1, f"text {band_bottom - lowest:.1f} pt from the band edge"
        assert max(ch.x1 for ch in header_chars) <= header.content.right + 0.5


def test_what_cannot_fit_says_what_where_and_by_how_much(project_copy, edit):
    edit(CLINIC_FILE, "name: Smith & Jones Physio\n", "name: " + "Smith & Jones Physiotherapy " * 10 + "\n")
    out = project_copy / "out"
    result = run_build(project_copy, out, "dry-needling-aftercare", "--location", "portland-pearl", "--lang", "en")
    assert_clean_exit(result, 1)
    found = re.search(r"overflows panel 'header' by (\d+) pt \((\d+\.\d) mm\)", result.output)
    assert found, result.output
    assert int(found.group(1)) > 0 and "by 0 pt" not in result.output


@pytest.mark.skipif(shutil.which("zbarimg") is None or shutil.which("pdftoppm") is None,
                    reason="zbarimg (zbar-tools) and pdftoppm (poppler-utils) read the QR code")
def test_each_language_has_its_own_booking_page(demo_out, tmp_path):
    for lang, other in (("en", "lang=es"), ("es", "lang=en")):
        pdf = demo_out / CLINIC / "austin-zilker" / f"dry-needling-brochure.{lang}.pdf"
        subprocess.run(["pdftoppm", "-r", "300", "-f", "1", "-l", "1", "-png", str(pdf), str(tmp_path / lang)],
                       check=True)
        png = next(tmp_path.glob(f"{lang}-*.png"))
        decoded = subprocess.run(["zbarimg", "-q", "--raw", str(png)], capture_output=True, text=True).stdout.strip()
        assert decoded == f"https://smithjonesphysio.example/book/austin-zilker?src=leaflet&lang={lang}"
        assert other not in decoded
