"""The print-shop edition read as a prepress tool would: page boxes, colour operators, marks, output intent,
fonts, preflight findings; and the office edition left as it was."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from conftest import CLINIC, assert_clean_exit, edit_text, pdfs_under, run_build
from handouts.layout.color import Separation, brand_cmyk, rgb_to_cmyk
from handouts.load.models import BrandColor

LETTER_TRIM = (792.0, 612.0)
A4_TRIM = (841.89, 595.28)
ICC = Path(__file__).resolve().parents[2] / "layouts/printers/icc"


@pytest.fixture(scope="module")
def print_out(tmp_path_factory, demo_root) -> Path:
    out = tmp_path_factory.mktemp("print")
    result = run_build(demo_root, out, "--print")
    assert_clean_exit(result, 0)
    return out


def _pdf(out: Path, location: str, document: str = "dry-needling-brochure", suffix: str = ".print") -> Path:
    return out / CLINIC / location / f"{document}.en{suffix}.pdf"


def _box(page, name: str) -> tuple[float, ...]:
    return tuple(round(float(v), 2) for v in page[name])


def _streams(pdf: pikepdf.Pdf):
    """Every decompressed content stream: pages and the form XObjects they use, recursively."""
    seen = set()

    def walk(resources):
        for xobj in (resources.get("/XObject") or {}).values():
            if xobj.objgen in seen:
                continue
            seen.add(xobj.objgen)
            if xobj.get("/Subtype") == "/Form":
                yield xobj.read_bytes()
                yield from walk(xobj.get("/Resources") or {})

    for page in pdf.pages:
        yield b"\n".join(c.read_bytes() for c in ([page.Contents] if isinstance(page.Contents, pikepdf.Stream)
                                                  else page.Contents))
        yield from walk(page.Resources)


@pytest.mark.parametrize(("location", "trim", "bleed"), [
    ("portland-pearl", LETTER_TRIM, 9.0),
    ("leeds-headingley", A4_TRIM, 72 / 25.4 * 3),
])
def test_print_boxes_are_trim_inside_bleed_inside_marks(print_out, location, trim, bleed):
    for page in PdfReader(_pdf(print_out, location)).pages:
        x0, y0, x1, y1 = _box(page, "/TrimBox")
        assert (round(x1 - x0, 2), round(y1 - y0, 2)) == trim
        bx0, by0, bx1, by1 = _box(page, "/BleedBox")
        # ReportLab writes box values to two decimals: 0.02 pt (0.007 mm) of rounding.
        for margin in (x0 - bx0, bx1 - x1, y0 - by0, by1 - y1):
            assert margin == pytest.approx(bleed, abs=0.02)
        mx0, my0, mx1, my1 = _box(page, "/MediaBox")
        assert mx0 < bx0 and my0 < by0 and mx1 > bx1 and my1 > by1  # room for the marks


def test_digital_printer_has_bleed_but_no_marks(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "dry-needling-brochure", "--location", "portland-pearl", "--print",
                       "--printer", "digital")
    assert_clean_exit(result, 0)
    digital = _pdf(tmp_path, "portland-pearl", suffix=".print-digital")  # named for its printer profile
    page = PdfReader(digital).pages[0]
    assert _box(page, "/MediaBox") == _box(page, "/BleedBox") == (0.0, 0.0, 810.0, 630.0)
    assert _box(page, "/TrimBox") == (9.0, 9.0, 801.0, 621.0)
    data = b"".join(_streams(pikepdf.open(digital)))
    assert b"[3 2] 0 d" not in data  # no dashed fold marks
    assert "/OutputIntents" not in pikepdf.open(digital).Root


def test_print_edition_has_no_rgb_colour_anywhere(print_out):
    for path in print_out.rglob("*.print.pdf"):
        with pikepdf.open(path) as pdf:
            for data in _streams(pdf):
                ops = set(re.findall(rb"(?<![A-Za-z])(rg|RG|sc|scn|SC|SCN|cs|CS)(?![A-Za-z])", data))
                assert not ops, f"{path.name}: colour operators {ops}"
                assert re.search(rb"(?<![A-Za-z])k(?![A-Za-z])", data) or not data.strip()
            for page in pdf.pages:
                for name, xobj in (page.Resources.get("/XObject") or {}).items():
                    if xobj.get("/Subtype") == "/Image":
                        assert xobj.ColorSpace == "/DeviceCMYK", f"{path.name} {name}"


def test_body_text_is_black_ink_only_and_marks_in_registration(print_out):
    with pikepdf.open(_pdf(print_out, "portland-pearl")) as pdf:
        data = b"".join(_streams(pdf))
    assert b"0 0 0 1 k" in data  # body text: 100 % K
    assert b"1 1 1 1 K" in data  # marks: registration colour
    assert b"[3 2] 0 d" in data  # dashed fold marks


def test_background_runs_into_the_bleed(print_out):
    """The cover band touches the trim on the right: it must reach the bleed edge there."""
    with pikepdf.open(_pdf(print_out, "portland-pearl")) as pdf:
        bleed_right = float(pdf.pages[0].BleedBox[2])
        trim_right = float(pdf.pages[0].TrimBox[2])
        rects = [[float(v) for v in op.operands] for op in pikepdf.parse_content_stream(pdf.pages[0])
                 if str(op.operator) == "re"]
    assert any(abs(x + w - bleed_right) < 0.01 for x, _, w, _ in rects)
    assert not any(trim_right + 0.01 < x + w < bleed_right - 0.01 for x, _, w, _ in rects)


@pytest.mark.parametrize(("location", "profile", "identifier"), [
    ("leeds-headingley", "FOGRA39-coated-280.icc", "FOGRA39"),
    ("portland-pearl", "GRACoL2006-coated-280.icc", "CGATS TR 006"),
])
def test_output_intent_and_pdfx_metadata(print_out, location, profile, identifier):
    with pikepdf.open(_pdf(print_out, location)) as pdf:
        intent = pdf.Root.OutputIntents[0]
        assert intent.S == "/GTS_PDFX"
        assert intent.DestOutputProfile.N == 4
        assert intent.DestOutputProfile.read_bytes() == (ICC / profile).read_bytes()
        assert str(intent.OutputConditionIdentifier) == identifier  # a registered characterization
        assert str(intent.RegistryName) == "http://www.color.org"
        xmp = pdf.open_metadata()
        assert xmp["pdfxid:GTS_PDFXVersion"] == "PDF/X-4"
        assert "Dry needling for sciatica" in xmp["dc:title"]
        assert str(pdf.docinfo["/GTS_PDFXVersion"]) == "PDF/X-4"
        for page in pdf.pages:
            assert "/TrimBox" in page
        for page in pdf.pages:
            for font in page.Resources.Font.values():
                assert "/FontFile2" in font.FontDescriptor


def test_print_build_is_deterministic(demo_root, tmp_path, print_out):
    run = run_build(demo_root, tmp_path, "dry-needling-brochure", "--location", "leeds-headingley", "--print")
    assert_clean_exit(run, 0)
    assert _pdf(tmp_path, "leeds-headingley").read_bytes() == _pdf(print_out, "leeds-headingley").read_bytes()


def test_office_edition_is_unchanged_beside_the_print_edition(print_out, demo_root, tmp_path):
    assert_clean_exit(run_build(demo_root, print_out, "dry-needling-brochure", "--location", "portland-pearl"), 0)
    office = _pdf(print_out, "portland-pearl", suffix="")
    assert office.is_file() and _pdf(print_out, "portland-pearl").is_file()
    page = PdfReader(office).pages[0]
    assert _box(page, "/MediaBox") == (0.0, 0.0, 792.0, 612.0)
    assert _box(page, "/TrimBox") == _box(page, "/MediaBox")
    with pikepdf.open(office) as pdf:
        assert "/OutputIntents" not in pdf.Root
        assert re.search(rb"(?<![A-Za-z])rg(?![A-Za-z])", b"".join(_streams(pdf)))


def test_low_resolution_logo_fails_preflight_for_print_only(project_copy, tmp_path):
    edit_text(project_copy / "content/clinics/smith-jones.yaml",
              "    email: pearl@smithjonesphysio.example\n",
              "    email: pearl@smithjonesphysio.example\n"
              "    brand:\n      logo: {png: assets/smith-jones-mark-lowres.png, alt: Smith & Jones Physio logo}\n")
    out = tmp_path / "out"
    office = run_build(project_copy, out, "--location", "portland-pearl")
    assert_clean_exit(office, 0)
    printed = run_build(project_copy, out, "dry-needling-brochure", "--location", "portland-pearl", "--print",
                        "--printer", "digital")
    assert_clean_exit(printed, 1)
    assert "preflight failed" in printed.output
    assert "image-resolution" in printed.output
    assert "page 1" in printed.output
    assert not _pdf(out, "portland-pearl").exists()
    assert [p for p in pdfs_under(out) if p.endswith(".print.pdf")] == []


def test_text_in_the_safe_zone_is_a_layout_error(project_copy, tmp_path):
    edit_text(project_copy / "layouts/trifold.yaml", "padding: 0.25in ", "padding: 2pt ")
    result = run_build(project_copy, tmp_path / "out")
    assert_clean_exit(result, 1)
    assert "layouts/trifold.yaml:" in result.output
    assert "panel 'flap' puts text 2.0 pt from the left trim; the safe zone is 9.0 pt" in result.output
    assert "from the fold at" in result.output
    assert pdfs_under(tmp_path / "out") == []


def test_marks_can_be_turned_off(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "dry-needling-brochure", "--location", "portland-pearl", "--print",
                       "--no-marks")
    assert_clean_exit(result, 0)
    page = PdfReader(_pdf(tmp_path, "portland-pearl", suffix=".print-nomarks")).pages[0]
    assert _box(page, "/MediaBox") == _box(page, "/BleedBox")


def test_marks_without_print_is_a_usage_error(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "--marks")
    assert_clean_exit(result, 2)
    assert "--printer and --marks apply to the print edition: add --print" in result.output


def test_cmyk_conversion_rules():
    assert rgb_to_cmyk(0.5, 0.5, 0.5) == (0.0, 0.0, 0.0, 0.5)  # neutral grey: black ink only
    c, m, y, k = rgb_to_cmyk(0.0, 0.0, 0.1, max_ink=2.0)
    assert round(c + m + y + k, 4) <= 2.0
    assert brand_cmyk(BrandColor(hex="#0B5563", cmyk=(91, 31, 25, 49))) == (0.91, 0.31, 0.25, 0.49)
    assert Separation().black_plate(BrandColor(hex="#1B1F24")) == (0.0, 0.0, 0.0, 1.0)  # small dark text: K only
    assert sum(brand_cmyk(BrandColor(hex="#102030"))) <= 3.0


def test_show_frames_overlay_is_a_separate_file(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "dry-needling-brochure", "--location", "portland-pearl", "--lang", "en",
                       "--show-frames")
    assert_clean_exit(result, 0)
    framed = tmp_path / CLINIC / "portland-pearl" / "dry-needling-brochure.en.frames.pdf"
    assert pdfs_under(tmp_path) == [framed.relative_to(tmp_path).as_posix()]
    text = " ".join(PdfReader(framed).pages[0].extract_text().split())
    assert "flap (flow)" in text and "back (back)" in text and "cover (cover)" in text
    result = run_build(demo_root, tmp_path, "dry-needling-brochure", "--location", "portland-pearl", "--lang", "en")
    plain = tmp_path / CLINIC / "portland-pearl" / "dry-needling-brochure.en.pdf"
    assert "flap (flow)" not in PdfReader(plain).pages[0].extract_text()
