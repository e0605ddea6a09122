"""Preflight checks against small PDFs drawn with ReportLab's canvas, one problem at a time, and against a PDF
written by Ghostscript."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from PIL import Image
from reportlab.lib.pagesizes import A4, landscape, letter
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas

from handouts.findings import Finding
from handouts.preflight import CODES, PreflightOptions, preflight

FONT_FILE = Path(__file__).parents[2] / "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Regular.ttf"
FONT = "PreflightAtkinson"
PAGE = landscape(letter)  # 792 × 612, the tri-fold brochure sheet

Draw = Callable[[Canvas], None]


@pytest.fixture(scope="module", autouse=True)
def _embedded_font() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_FILE)))


def make_pdf(path: Path, *pages: Draw, pagesize: tuple[float, float] = PAGE, **canvas_args: object) -> Path:
    canv = Canvas(str(path), pagesize=pagesize, invariant=1, **canvas_args)
    for draw in pages:
        draw(canv)
        canv.showPage()
    canv.save()
    return path


def add_info(path: Path, info: dict[str, str]) -> Path:
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for key, value in info.items():
            pdf.docinfo[key] = value
        pdf.save(path)
    return path


def text_at(x: float, y: float, text: str = "Call us today", size: float = 12, font: str = FONT) -> Draw:
    def draw(canv: Canvas) -> None:
        canv.setFont(font, size)
        canv.drawString(x, y, text)

    return draw


def codes(findings: list[Finding], code: str) -> list[Finding]:
    return [f for f in findings if f.code == code]


def image_file(tmp_path: Path, pixels: int) -> Path:
    path = tmp_path / f"img{pixels}.png"
    Image.new("RGB", (pixels, pixels), (200, 60, 40)).save(path)
    return path


# --- image resolution --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("pixels", "severity", "text"),
    [
        (48, "error", "placed at 48 ppi; needs at least 150 ppi"),
        (200, "warning", "placed at 200 ppi; 300 ppi recommended"),
        (600, None, ""),
    ],
)
def test_image_resolution(tmp_path: Path, pixels: int, severity: str | None, text: str) -> None:
    image = image_file(tmp_path, pixels)
    pdf = make_pdf(tmp_path / "img.pdf", lambda c: c.drawImage(str(image), 200, 200, width=72, height=72))
    found = codes(preflight(pdf), "image-resolution")
    if severity is None:
        assert found == []
    else:
        assert [(f.severity, f.page) for f in found] == [(severity, 1)]
        assert text in found[0].message
        assert f"({pixels}×{pixels} px)" in found[0].element


def test_image_resolution_uses_the_smaller_axis(tmp_path: Path) -> None:
    image = image_file(tmp_path, 600)
    # 600 px over 1 in across but 4 in down: 150 ppi vertically is what prints.
    pdf = make_pdf(tmp_path / "img.pdf", lambda c: c.drawImage(str(image), 100, 100, width=72, height=288))
    (finding,) = codes(preflight(pdf), "image-resolution")
    assert finding.severity == "warning"
    assert "placed at 150 ppi" in finding.message


# --- fonts -------------------------------------------------------------------------------------------------


def test_standard_font_is_not_embedded(tmp_path: Path) -> None:
    helvetica = text_at(100, 300, font="Helvetica")
    pdf = make_pdf(tmp_path / "helv.pdf", helvetica, helvetica)
    (finding,) = codes(preflight(pdf), "font-not-embedded")  # reported once, not once per page
    assert (finding.severity, finding.page, finding.element) == ("error", 1, "font Helvetica")
    assert "not embedded" in finding.message


def test_embedded_truetype_font_passes(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "ttf.pdf", text_at(100, 300))
    assert codes(preflight(pdf), "font-not-embedded") == []


def test_font_inside_a_form_xobject_is_checked(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        canv.beginForm("badge")
        canv.setFont("Courier", 10)
        canv.drawString(0, 0, "badge")
        canv.endForm()
        canv.doForm("badge")

    pdf = make_pdf(tmp_path / "form.pdf", draw)
    (finding,) = codes(preflight(pdf), "font-not-embedded")
    assert finding.element == "font Courier"


# --- colour ------------------------------------------------------------------------------------------------


def fill_rect(setter: str, *values: float) -> Draw:
    def draw(canv: Canvas) -> None:
        getattr(canv, setter)(*values)
        canv.rect(100, 100, 50, 50, stroke=0, fill=1)

    return draw


def test_rgb_colour_is_an_error_in_a_cmyk_edition(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "rgb.pdf", fill_rect("setFillColorRGB", 0.9, 0.3, 0.2))
    (finding,) = codes(preflight(pdf, PreflightOptions(require_cmyk=True)), "rgb-colour")
    assert (finding.severity, finding.page) == ("error", 1)
    assert finding.element == "fill colour RGB 0.90 0.30 0.20"
    assert "RGB in a CMYK print file" in finding.message
    assert codes(preflight(pdf), "rgb-colour") == []  # only the print edition cares


def test_cmyk_colour_passes_in_a_cmyk_edition(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "cmyk.pdf", fill_rect("setFillColorCMYK", 0.1, 0.6, 0.7, 0.1))
    assert codes(preflight(pdf, PreflightOptions(require_cmyk=True)), "rgb-colour") == []


def test_rgb_image_is_an_error_in_a_cmyk_edition(tmp_path: Path) -> None:
    image = image_file(tmp_path, 600)
    pdf = make_pdf(tmp_path / "img.pdf", lambda c: c.drawImage(str(image), 200, 200, width=72, height=72))
    (finding,) = codes(preflight(pdf, PreflightOptions(require_cmyk=True)), "rgb-colour")
    assert finding.element.startswith("image ") and "(600×600 px)" in finding.element


def test_rgb_findings_are_capped_per_page(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        for i in range(8):
            canv.setFillColorRGB(i / 10, 0.5, 0.5)
            canv.rect(20 + 30 * i, 100, 20, 20, stroke=0, fill=1)

    pdf = make_pdf(tmp_path / "many.pdf", draw)
    found = codes(preflight(pdf, PreflightOptions(require_cmyk=True)), "rgb-colour")
    assert len(found) == 6
    assert found[-1].message == "and 3 more RGB colours on this page"


@pytest.mark.parametrize(
    ("cmyk", "expected"),
    [((1, 1, 1, 1), "total ink 400%"), ((0.6, 0.4, 0.4, 1), None)],
)
def test_ink_coverage(tmp_path: Path, cmyk: tuple[float, ...], expected: str | None) -> None:
    pdf = make_pdf(tmp_path / "ink.pdf", fill_rect("setFillColorCMYK", *cmyk))
    found = codes(preflight(pdf), "ink-coverage")
    if expected is None:
        assert found == []
    else:
        (finding,) = found
        assert (finding.severity, finding.page) == ("error", 1)
        assert finding.element == "fill colour 1.00 1.00 1.00 1.00"
        assert expected in finding.message and "limit 300%" in finding.message


def test_registration_marks_outside_the_trim_are_not_ink(tmp_path: Path) -> None:
    w, h = PAGE

    def marks(canv: Canvas) -> None:
        canv.setStrokeColorCMYK(1, 1, 1, 1)  # registration colour, as crop marks are drawn
        canv.line(0, 36, 30, 36)
        canv.line(36, 0, 36, 30)
        canv.setFillColorCMYK(1, 1, 1, 1)  # set but never painted inside the trim

    def heavy_text(canv: Canvas) -> None:
        marks(canv)
        text_at(100, 300)(canv)
        text_at(100, 10, "Job 1234 slug line", size=6)(canv)  # below the trim: cut away, not checked

    pdf = make_pdf(tmp_path / "marks.pdf", marks, heavy_text, trimBox=(36, 36, w - 36, h - 36))
    findings = preflight(pdf, PreflightOptions(min_text_size=8))
    (finding,) = codes(findings, "ink-coverage")
    assert (finding.page, finding.element) == (2, "fill colour 1.00 1.00 1.00 1.00")
    assert "(used" not in finding.message  # the slug line in the same colour is not counted
    assert codes(findings, "safe-zone") == codes(findings, "text-size") == []


# --- safe zone and folds ------------------------------------------------------------------------------------


def test_text_near_the_trim_edge(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "edge.pdf", text_at(3, 300), text_at(30, 300))
    findings = preflight(pdf)
    (finding,) = codes(findings, "safe-zone")
    assert (finding.severity, finding.page) == ("error", 1)
    assert finding.element == "text 'Call us today' at 3.0, 300.0 pt"
    assert "3.0 pt from the left trim edge" in finding.message
    assert "at least 9.0 pt" in finding.message  # Letter trim: 0.125 in


def test_text_running_off_the_right_edge(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        canv.setFont(FONT, 12)
        canv.drawRightString(PAGE[0] - 4, 300, "Call us today")

    (finding,) = codes(preflight(make_pdf(tmp_path / "right.pdf", draw)), "safe-zone")
    assert "4.0 pt from the right trim edge" in finding.message


def test_text_near_the_top_counts_its_cap_height(tmp_path: Path) -> None:
    # Baseline 14 pt below the trim, but 12 pt capitals reach to about 5 pt from it.
    pdf = make_pdf(tmp_path / "top.pdf", text_at(100, PAGE[1] - 14))
    (finding,) = codes(preflight(pdf), "safe-zone")
    assert "from the top trim edge" in finding.message


def test_iso_trim_uses_3_mm(tmp_path: Path) -> None:
    a4 = make_pdf(tmp_path / "a4.pdf", text_at(8.7, 400), pagesize=A4)
    us = make_pdf(tmp_path / "us.pdf", text_at(8.7, 400), pagesize=letter)
    assert codes(preflight(a4), "safe-zone") == []
    assert len(codes(preflight(us), "safe-zone")) == 1


def test_positions_are_relative_to_the_trim_box(tmp_path: Path) -> None:
    w, h = PAGE
    trim = (9, 9, w - 9, h - 9)
    pdf = make_pdf(tmp_path / "trim.pdf", text_at(15, 300), text_at(40, 300), trimBox=trim)
    findings = preflight(pdf)
    assert codes(findings, "no-trimbox") == []
    (edge,) = codes(findings, "safe-zone")
    assert edge.page == 1
    assert edge.element == "text 'Call us today' at 6.0, 291.0 pt"
    assert "6.0 pt from the left trim edge" in edge.message

    # The fold at 300 pt from the trim's left edge sits at 309 pt on the page: text at 314 is 5 pt from it.
    near_fold = make_pdf(tmp_path / "trim2.pdf", text_at(314, 300, "Hi"), trimBox=trim)
    add_info(near_fold, {"/HandoutsFolds": "[[300.0]]"})
    (fold,) = codes(preflight(near_fold), "safe-zone")
    assert fold.element == "text 'Hi' at 305.0, 291.0 pt"
    assert "5.0 pt from the fold at 300.0 pt" in fold.message


def test_missing_trim_box_is_a_warning_per_page(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "notrim.pdf", text_at(100, 300), text_at(100, 300))
    found = codes(preflight(pdf), "no-trimbox")
    assert [(f.severity, f.page) for f in found] == [("warning", 1), ("warning", 2)]
    assert "MediaBox (792.0×612.0 pt)" in found[0].message


@pytest.mark.parametrize(
    ("x", "text", "expected"),
    [
        (295, "Hi", "crosses the fold at 300.0 pt"),
        (None, "Hi", "4.0 pt from the fold at 300.0 pt"),  # ends 4 pt before the fold
        (304, "Hi", "4.0 pt from the fold at 300.0 pt"),
        (250, "Call us at (503) 555-0142", "crosses the fold at 300.0 pt"),
        (330, "Call us today", None),
        (150, "Call us today", None),
    ],
)
def test_text_near_a_fold(tmp_path: Path, x: float | None, text: str, expected: str | None) -> None:
    if x is None:
        x = 300 - 4 - pdfmetrics.stringWidth(text, FONT, 12)
    pdf = add_info(make_pdf(tmp_path / "fold.pdf", text_at(x, 300, text)), {"/HandoutsFolds": "[[300.0]]"})
    found = codes(preflight(pdf), "safe-zone")
    if expected is None:
        assert found == []
    else:
        (finding,) = found
        assert (finding.severity, finding.page) == ("error", 1)
        assert expected in finding.message and "8.5 pt clear of folds" in finding.message


def test_one_flat_fold_list_applies_to_every_page(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "flat.pdf", text_at(295, 300, "Hi"), text_at(295, 300, "Hi"))
    add_info(pdf, {"/HandoutsFolds": "[300]"})
    assert [f.page for f in codes(preflight(pdf), "safe-zone")] == [1, 2]


def test_handouts_safe_overrides_the_default_margin(tmp_path: Path) -> None:
    pdf = add_info(make_pdf(tmp_path / "safe.pdf", text_at(30, 300)), {"/HandoutsSafe": "36"})
    (finding,) = codes(preflight(pdf), "safe-zone")
    assert "at least 36.0 pt" in finding.message
    assert codes(preflight(pdf, PreflightOptions(safe_margin=9)), "safe-zone") == []


def test_malformed_folds_are_reported_not_raised(tmp_path: Path) -> None:
    pdf = add_info(make_pdf(tmp_path / "bad.pdf", text_at(100, 300)), {"/HandoutsFolds": "[[300"})
    (finding,) = codes(preflight(pdf), "unreadable")
    assert (finding.severity, finding.page, finding.element) == ("warning", None, "info /HandoutsFolds")


def test_text_inside_a_scaled_form_is_placed_through_its_matrix(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        canv.beginForm("tag")
        canv.setFont(FONT, 12)
        canv.drawString(2, 0, "Tag")
        canv.endForm()
        canv.translate(0, 300)
        canv.doForm("tag")

    (finding,) = codes(preflight(make_pdf(tmp_path / "form.pdf", draw)), "safe-zone")
    assert finding.element == "text 'Tag' at 2.0, 300.0 pt"


# --- text size ---------------------------------------------------------------------------------------------


def test_small_text(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        text_at(100, 300, "Fine print", size=6)(canv)
        text_at(100, 280, "Also small", size=8)(canv)
        text_at(100, 260, "Readable", size=12)(canv)
        canv.scale(0.5, 0.5)  # 12 pt set inside a half-size transform prints at 6 pt
        text_at(200, 400, "Shrunk", size=11)(canv)

    pdf = make_pdf(tmp_path / "small.pdf", draw)
    (finding,) = codes(preflight(pdf, PreflightOptions(min_text_size=10)), "text-size")
    assert (finding.severity, finding.page) == ("error", 1)
    assert finding.element.startswith("text 'Shrunk'")
    assert "5.5 pt text; needs at least 10.0 pt (3 text runs under the limit" in finding.message
    assert codes(preflight(pdf), "text-size") == []


# --- whole documents ---------------------------------------------------------------------------------------


def test_unreadable_file_gives_one_finding(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.4\nthis is not really a PDF")
    for path in (bad, tmp_path / "missing.pdf"):
        (finding,) = preflight(path)
        assert (finding.severity, finding.code, finding.page) == ("error", "unreadable", None)
        assert finding.file == path


def test_clean_file_with_trim_box_has_no_findings(tmp_path: Path) -> None:
    w, h = PAGE
    ok_ink = fill_rect("setFillColorCMYK", 0.6, 0.4, 0.4, 1)
    pdf = make_pdf(tmp_path / "clean.pdf", ok_ink, text_at(40, 300), trimBox=(0, 0, w, h))
    assert preflight(pdf, PreflightOptions(require_cmyk=False, min_text_size=9)) == []


def test_findings_are_sorted_and_printable(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "mixed.pdf",
        text_at(100, 300, font="Helvetica"),
        lambda c: (fill_rect("setFillColorCMYK", 1, 1, 1, 1)(c), text_at(3, 300)(c)),
    )
    findings = preflight(pdf)
    keys = [(f.page, f.severity, f.code) for f in findings]
    assert keys == [
        (1, "error", "font-not-embedded"),
        (1, "warning", "no-trimbox"),
        (2, "error", "ink-coverage"),
        (2, "error", "safe-zone"),
        (2, "warning", "no-trimbox"),
    ]
    assert str(findings[0]) == (
        f"{pdf} page 1: error: font Helvetica: not embedded (a standard PDF font); "
        "the printer would substitute its own font [font-not-embedded]\n"
        "    fix: embed the font (register a TTF with ReportLab, or export with all fonts embedded)"
    )


# --- annotations ---------------------------------------------------------------------------------------------


def test_a_link_on_the_page_is_an_error(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        text_at(100, 300)(canv)
        canv.linkURL("https://example.org/book", (100, 295, 180, 312))

    (finding,) = codes(preflight(make_pdf(tmp_path / "link.pdf", draw)), "annotation")
    assert (finding.severity, finding.page) == ("error", 1)
    assert finding.element == "link annotation to https://example.org/book"
    assert "PDF/X" in finding.message and finding.fix


def test_a_form_field_is_an_error(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        canv.acroForm.textfield(name="notes", x=100, y=200, width=200, height=20)

    found = codes(preflight(make_pdf(tmp_path / "form.pdf", draw)), "annotation")
    assert [(f.severity, f.page, f.element) for f in found] == [
        ("error", None, "AcroForm"),
        ("error", 1, "form field 'notes'"),
    ]
    assert "annotation" in CODES


def test_no_annotations_and_allowed_ones_pass(tmp_path: Path) -> None:
    w, h = PAGE

    def slug_link(canv: Canvas) -> None:
        text_at(100, 300)(canv)
        canv.linkURL("https://example.org/job", (2, 2, 20, 20))  # in the slug, outside the bleed

    pdf = make_pdf(tmp_path / "ok.pdf", slug_link, trimBox=(36, 36, w - 36, h - 36), bleedBox=(27, 27, w - 27, h - 27))
    assert codes(preflight(pdf), "annotation") == []
    with pikepdf.open(pdf, allow_overwriting_input=True) as doc:
        mark = doc.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.PrinterMark,
                                                    Rect=[100, 100, 200, 200]))
        doc.pages[0].Annots.append(mark)
        doc.save(pdf)
    assert codes(preflight(pdf), "annotation") == []


# --- CMYK images ---------------------------------------------------------------------------------------------


def cmyk_image(*pixels: tuple[int, int, int, int]) -> Draw:
    """A CMYK image, one 8-px-wide stripe per pixel value, placed inside the page."""
    image = Image.new("CMYK", (8 * len(pixels), 8))
    for i, pixel in enumerate(pixels):
        image.paste(pixel, (8 * i, 0, 8 * i + 8, 8))

    def draw(canv: Canvas) -> None:
        canv.drawImage(ImageReader(image), 200, 200, width=72, height=72)

    return draw


@pytest.mark.parametrize(
    ("pixels", "expected"),
    [
        (((0, 0, 0, 0), (255, 255, 255, 255)), "total ink 400% in its heaviest pixels; limit 300%"),
        (((40, 30, 30, 200), (20, 10, 10, 60)), None),
        # Each plate reaches 100 % somewhere, but never more than two plates in one pixel: 200 %.
        (((255, 255, 0, 0), (0, 0, 255, 255)), None),
    ],
)
def test_cmyk_image_ink(tmp_path: Path, pixels: tuple[tuple[int, int, int, int], ...], expected: str | None) -> None:
    found = codes(preflight(make_pdf(tmp_path / "cmyk.pdf", cmyk_image(*pixels))), "ink-coverage")
    if expected is None:
        assert found == []
    else:
        (finding,) = found
        assert (finding.severity, finding.page) == ("error", 1)
        assert finding.element.startswith("image ") and finding.element.endswith(f"({8 * len(pixels)}×8 px)")
        assert finding.message == expected


def test_ink_findings_name_the_page_maximum(tmp_path: Path) -> None:
    def draw(canv: Canvas) -> None:
        fill_rect("setFillColorCMYK", 0.8, 0.8, 0.8, 0.9)(canv)
        cmyk_image((255, 255, 255, 255))(canv)

    found = codes(preflight(make_pdf(tmp_path / "both.pdf", draw)), "ink-coverage")
    assert [f.message.split(";")[0] for f in found] == [
        "total ink 400% in its heaviest pixels",
        "total ink 330% (C 80 M 80 Y 80 K 90)",
    ]
    assert found[1].message.endswith("; the page reaches 400%")


# --- colour spaces as other tools write them -----------------------------------------------------------------


def raw_pdf(path: Path, content: bytes, resources: Callable[[pikepdf.Pdf], dict[str, object]]) -> Path:
    """A one-page PDF with a TrimBox 36 pt inside the page, the given content stream and the resources made by
    ``resources`` in the new document, written with pikepdf."""
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=PAGE)
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(content)
    page.obj.Resources = pikepdf.Dictionary(resources(pdf))
    page.obj.TrimBox = [36, 36, PAGE[0] - 36, PAGE[1] - 36]
    pdf.save(path)
    return path


# Tint transform for the spot spaces below: t → 0 0 0 t (the checks never evaluate it).
TINT = pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[0, 0, 0, 0], C1=[0, 0, 0, 1], N=1)


def separation(name: str) -> Callable[[pikepdf.Pdf], object]:
    return lambda pdf: [pikepdf.Name.Separation, pikepdf.Name("/" + name), pikepdf.Name.DeviceCMYK, TINT]


def icc(n: int) -> Callable[[pikepdf.Pdf], object]:
    return lambda pdf: [pikepdf.Name.ICCBased, pdf.make_stream(b"profile", N=n)]


def fixed(space: object) -> Callable[[pikepdf.Pdf], object]:
    return lambda pdf: space


@pytest.mark.parametrize(
    ("space", "operands", "rgb", "ink"),
    [
        (icc(3), "0.9 0.3 0.2", "fill colour ICC RGB 0.90 0.30 0.20", None),
        (icc(4), "1 1 1 0.5", None, "fill colour 1.00 1.00 1.00 0.50"),
        (fixed([pikepdf.Name.CalRGB, pikepdf.Dictionary(WhitePoint=[0.95, 1, 1.09])]), "0.1 0.2 0.3",
         "fill colour CalRGB 0.10 0.20 0.30", None),
        (separation("PANTONE 185 C"), "1", None, None),  # a spot colour prints on its own plate: not RGB, 100 %
        (separation("All"), "1", None, "fill colour Separation All 1.00"),  # registration: every plate
        (fixed([pikepdf.Name.DeviceN, [pikepdf.Name.Cyan, pikepdf.Name.Magenta, pikepdf.Name.Black],
                pikepdf.Name.DeviceCMYK, TINT]), "1 1 0.8", None, None),  # 280 %
        (fixed([pikepdf.Name.DeviceN, [pikepdf.Name(f"/{n}") for n in ("Cyan", "Magenta", "Yellow", "Black")],
                pikepdf.Name.DeviceCMYK, TINT]), "1 1 0.5 0.6", None,
         "fill colour DeviceN Cyan Magenta Yellow Black 1.00 1.00 0.50 0.60"),
        (fixed([pikepdf.Name.Indexed, pikepdf.Name.DeviceRGB, 1, b"\xff\x00\x00\x00\xff\x00"]), "1",
         "fill colour indexed RGB 1.00", None),
    ],
)
def test_colour_spaces(
    tmp_path: Path, space: Callable[[pikepdf.Pdf], object], operands: str, rgb: str | None, ink: str | None
) -> None:
    content = f"/CS0 cs {operands} scn 100 100 50 50 re f".encode()
    pdf = raw_pdf(tmp_path / "cs.pdf", content, lambda doc: {"/ColorSpace": pikepdf.Dictionary(CS0=space(doc))})
    findings = preflight(pdf, PreflightOptions(require_cmyk=True))
    assert [f.element for f in codes(findings, "rgb-colour")] == ([rgb] if rgb else [])
    assert [f.element for f in codes(findings, "ink-coverage")] == ([ink] if ink else [])


def test_registration_in_the_slug_is_not_ink(tmp_path: Path) -> None:
    content = b"/CS0 CS 1 SCN 0.25 w 0 30 m 30 30 l S"  # a crop mark, outside the trim at 36 pt
    space = separation("All")
    pdf = raw_pdf(tmp_path / "reg.pdf", content, lambda doc: {"/ColorSpace": pikepdf.Dictionary(CS0=space(doc))})
    assert preflight(pdf) == []


def test_invisible_text_is_not_checked(tmp_path: Path) -> None:
    helvetica = pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica)
    content = b"BT 3 Tr /F1 12 Tf 37 300 Td (an OCR layer, not printed) Tj ET"
    pdf = raw_pdf(tmp_path / "ocr.pdf", content, lambda doc: {"/Font": pikepdf.Dictionary(F1=helvetica)})
    assert preflight(pdf, PreflightOptions(min_text_size=20)) == []


def test_a_coloured_tiling_pattern_is_looked_into(tmp_path: Path) -> None:
    def resources(doc: pikepdf.Pdf) -> dict[str, object]:
        cell = doc.make_stream(b"1 0 0 rg 0 0 5 5 re f", PatternType=1, PaintType=1, TilingType=1,
                               BBox=[0, 0, 10, 10], XStep=10, YStep=10, Resources=pikepdf.Dictionary())
        return {"/Pattern": pikepdf.Dictionary(P1=cell)}

    pdf = raw_pdf(tmp_path / "tile.pdf", b"/Pattern cs /P1 scn 100 100 200 200 re f", resources)
    (finding,) = codes(preflight(pdf, PreflightOptions(require_cmyk=True)), "rgb-colour")
    assert finding.element == "fill colour RGB 1.00 0.00 0.00 in pattern P1"


def test_shadings_patterns_and_inline_images(tmp_path: Path) -> None:
    shading = pikepdf.Dictionary(ShadingType=2, ColorSpace=pikepdf.Name.DeviceRGB, Coords=[0, 0, 100, 0],
                                 Function=pikepdf.Dictionary(FunctionType=2, Domain=[0, 1], C0=[1, 0, 0],
                                                             C1=[0, 0, 1], N=1))
    pattern = pikepdf.Dictionary(PatternType=2, Shading=shading)
    red = b"\xff\x00\x00" * 4
    content = (b"q 100 0 0 100 100 100 cm /Sh0 sh Q "
               b"/Pattern cs /P0 scn 300 100 50 50 re f "
               b"q 72 0 0 72 400 100 cm BI /W 2 /H 2 /CS /RGB /BPC 8 ID " + red + b" EI Q")
    pdf = raw_pdf(tmp_path / "sh.pdf", content, lambda doc: {"/Shading": pikepdf.Dictionary(Sh0=shading),
                                                             "/Pattern": pikepdf.Dictionary(P0=pattern)})
    found = codes(preflight(pdf, PreflightOptions(require_cmyk=True)), "rgb-colour")
    assert sorted(f.element for f in found) == ["inline image (2×2 px)", "shading Sh0", "shading pattern P0"]
    (image,) = codes(preflight(pdf), "image-resolution")
    assert (image.severity, image.element) == ("error", "inline image (2×2 px)")


# --- a PDF written by Ghostscript ----------------------------------------------------------------------------


GHOSTSCRIPT_PAGE = """%!PS
<< /PageSize [612 792] >> setpagedevice
[ /TrimBox [9 9 603 783] /PAGE pdfmark
/AtkinsonCID-Identity-H /Identity-H [/AtkinsonCID /CIDFont findresource] composefont pop
/AtkinsonCID-Identity-H findfont 12 scalefont setfont
0.9 0.3 0.2 setrgbcolor
13 400 moveto <{glyphs}> show
100 500 moveto <{glyphs}> show
[/Separation /Spot /DeviceCMYK {{dup 0.2 mul exch dup 0.9 mul exch 0 exch 0}}] setcolorspace 1 setcolor
100 100 200 200 rectfill
/Helvetica findfont 10 scalefont setfont 100 300 moveto (Hello) show
8 dict begin
  /FontType 3 def /FontMatrix [0.001 0 0 0.001 0 0] def /FontBBox [0 0 700 700] def
  /Encoding 256 array def 0 1 255 {{Encoding exch /.notdef put}} for Encoding 66 /box put
  /BuildChar {{1000 0 0 0 700 700 setcachedevice pop 0 0 700 700 rectfill}} def
  currentdict
end /BoxFont exch definefont pop
/BoxFont findfont 20 scalefont setfont
300 12 moveto (BB) show
showpage
"""


@pytest.mark.skipif(shutil.which("gs") is None, reason="needs Ghostscript (gs) to write the foreign PDF")
def test_a_pdf_written_by_ghostscript(tmp_path: Path) -> None:
    """Ghostscript's pdfwrite makes what ReportLab never does: a Type0 font over a CIDFontType2 (Identity-H,
    no ToUnicode), a Type3 font, ICCBased RGB colour, and a Separation kept as a spot colour."""
    from reportlab.pdfbase.ttfonts import TTFontFile

    (tmp_path / "lib").mkdir()
    (tmp_path / "lib/cidfmap").write_text(
        f"/AtkinsonCID << /FileType /TrueType /Path ({FONT_FILE}) /SubfontID 0 /CSI [(Identity) 0] >> ;\n")
    gids = TTFontFile(str(FONT_FILE)).charToGlyph
    (tmp_path / "page.ps").write_text(GHOSTSCRIPT_PAGE.format(glyphs="".join(f"{gids[ord(c)]:04X}" for c in "Call us")))
    pdf = tmp_path / "gs.pdf"
    subprocess.run(
        ["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=pdfwrite", "-dEmbedAllFonts=true", f"-I{tmp_path / 'lib'}",
         "-sColorConversionStrategy=UseDeviceIndependentColor", f"-sOutputFile={pdf}", str(tmp_path / "page.ps")],
        check=True, capture_output=True,
    )
    with pikepdf.open(pdf) as doc:  # the constructs this test is about are really in the file
        resources = doc.pages[0].Resources
        fonts = {str(f.Subtype): f for f in resources.Font.values()}
        assert str(fonts["/Type0"].DescendantFonts[0].Subtype) == "/CIDFontType2"
        assert sorted(fonts) == ["/Type0", "/Type1", "/Type3"]
        spaces = sorted(str(cs[0]) for cs in resources.ColorSpace.values())
        assert spaces == ["/ICCBased", "/Separation"]

    findings = preflight(pdf)
    assert codes(findings, "no-trimbox") == []
    # The CID text at 13 pt and the Type3 boxes 3 pt above the trim; the same CID text at 100 pt is fine.
    cid, boxes = codes(findings, "safe-zone")
    assert cid.element.endswith("at 4.0, 391.0 pt")
    assert "4.0 pt from the left trim edge" in cid.message
    assert boxes.element.endswith("at 291.0, 3.0 pt")
    assert "3.0 pt from the bottom trim edge" in boxes.message
    (font,) = codes(findings, "font-not-embedded")  # gs leaves the base-14 fonts out; CID and Type3 are in
    assert font.element == "font Helvetica"

    cmyk = preflight(pdf, PreflightOptions(require_cmyk=True))
    assert [f.element for f in codes(cmyk, "rgb-colour")] == ["fill colour ICC RGB 0.90 0.30 0.20"]
    assert codes(cmyk, "ink-coverage") == []
