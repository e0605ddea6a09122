"""Brand colours that always work: a light-yellow brand fills its bands in yellow while headings take a dark
shade of it, a near-black brand builds too, and both pass ``handouts check``; the colours are read back from
the PDFs (MuPDF's text colours, PDFium's pixels)."""

from __future__ import annotations

import json
import re

import pypdfium2 as pdfium
import pytest
from placed import flow_panels, needs_mutool, panel_lines

from conftest import CLINIC, CLINIC_FILE, assert_clean_exit, run_build, run_cli
from handouts.load.models.brand import contrast, text_shade

DEMO_PRIMARY = '    primary: {hex: "#0B5563", cmyk: [91, 31, 25, 49]}\n'
ON_PRIMARY = '    on_primary: "#FFFFFF"\n'


def _rebrand(edit, primary: str, drop_on_primary: bool) -> None:
    edit(CLINIC_FILE, DEMO_PRIMARY, f'    primary: "{primary}"\n')
    edit(CLINIC_FILE, '        primary: {hex: "#23395B", cmyk: [62, 38, 0, 64]}\n', f'        primary: "{primary}"\n')
    if drop_on_primary:
        edit(CLINIC_FILE, ON_PRIMARY, "")


def _near(a: str, b: str) -> bool:
    """The same colour, give or take the rounding of a renderer (2 in 255 per channel)."""
    return max(abs(int(a[i:i + 2], 16) - int(b[i:i + 2], 16)) for i in (1, 3, 5)) <= 2


def _pixel(pdf, page: int, x_pt: float, y_pt_from_top: float) -> str:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page - 1].render(scale=1).to_pil().convert("RGB")
        return "#{:02X}{:02X}{:02X}".format(*image.getpixel((int(x_pt), int(y_pt_from_top))))
    finally:
        doc.close()


@needs_mutool
@pytest.mark.parametrize(("primary", "drop_on_primary"), [("#F4D03F", True), ("#111418", False)])
def test_light_and_near_black_brands_build_and_pass_check(project_copy, edit, primary, drop_on_primary):
    _rebrand(edit, primary, drop_on_primary)
    check = run_cli("check", "--format", "json", "--project", project_copy)
    assert_clean_exit(check, 0)
    report = json.loads(check.output)
    assert [f for f in report["findings"] if f["severity"] == "error"] == []
    assert not [f for f in report["findings"] if f["code"] == "contrast"]
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "--location", "portland-pearl", "--lang", "en"), 0)
    brochure = out / CLINIC / "portland-pearl" / "dry-needling-brochure.en.pdf"
    # Headings: a colour with 4.5:1 on white; for the yellow brand a dark shade of it, not the yellow.
    panels = flow_panels(project_copy, "trifold", "letter")[1]
    inside = [line for lines in panel_lines(brochure, 2, panels).values() for line in lines]
    heading_colors = {c.upper() for line in inside if abs(line.size - 15) < 0.01 for c in line.colors}
    assert heading_colors, "no headings found"
    for color in heading_colors:
        assert contrast(color.upper(), "#FFFFFF") >= 4.5, color
    expected = text_shade(primary, ["#FFFFFF", "#E6F1F3"])
    assert all(_near(color, expected) for color in heading_colors), (heading_colors, expected)
    if primary == "#F4D03F":
        assert expected != primary
    # The cover band is filled with the brand's own primary, with a title that reads on it.
    band = _pixel(brochure, 1, 792 - 3.6875 * 72 / 2, 612 * 0.62)
    assert _near(band, primary), band
    cover = panel_lines(brochure, 1, {"cover": (792 - 3.6875 * 72, 792)})["cover"]
    title = [line for line in cover if abs(line.size - 30) < 0.01]
    assert title and all(contrast(c.upper(), primary) >= 4.5 for line in title for c in line.colors)


def test_text_shades():
    assert text_shade("#0B5563", ["#FFFFFF", "#E6F1F3"]) == "#0B5563"  # dark enough already
    shade = text_shade("#F4D03F", ["#FFFFFF", "#E6F1F3"])
    assert contrast(shade, "#FFFFFF") >= 4.5 and contrast(shade, "#E6F1F3") >= 4.5
    assert re.fullmatch(r"#[0-9A-F]{6}", shade)
    light = text_shade("#23395B", ["#101010"])  # on a dark surface: a lighter shade
    assert contrast(light, "#101010") >= 4.5
