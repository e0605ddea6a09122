"""Previews: page PNGs at the right size and colour, folded mock-ups, and a contact sheet that lists every
location, embeds its font and shows prepress findings and failed builds."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader

from conftest import CLINIC, CLINIC_FILE, LANGUAGES, LOCATIONS, edit_text
from handouts.errors import HandoutsError
from handouts.layout.geometry import place_panels
from handouts.load import load_project
from handouts.preview import ContactEntry, contact_sheet, folded_mockup, make_previews, render_pages

DPI = 60
BROCHURE, AFTERCARE = "dry-needling-brochure", "dry-needling-aftercare"
PORTLAND_PRIMARY = (0x0B, 0x55, 0x63)
LEEDS_NAVY = (0x23, 0x39, 0x5B)


def px(points: float, dpi: float = DPI) -> int:
    return round(points * dpi / 72)


def close_to(rgb, expected, tolerance: int = 6) -> bool:
    return all(abs(a - b) <= tolerance for a, b in zip(rgb, expected, strict=True))


def sheet_text(pdf: Path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(pdf).pages).split())


@pytest.fixture(scope="module")
def office(tmp_path_factory, demo_root):
    """The whole demo's office edition built and previewed once for this module."""
    out = tmp_path_factory.mktemp("preview") / "out"
    return make_previews(demo_root, out), out


@pytest.fixture(scope="module")
def trifold(demo_root):
    return load_project(demo_root).layouts["trifold"].model


def test_page_pngs_are_page_size_times_dpi(office):
    report, out = office
    folder = out / CLINIC
    assert Image.open(folder / "portland-pearl" / f"{BROCHURE}.en-1.png").size == (660, 510)  # Letter landscape
    assert Image.open(folder / "portland-pearl" / f"{AFTERCARE}.es-1.png").size == (510, 660)  # Letter portrait
    a4 = (px(210 / 25.4 * 72), px(297 / 25.4 * 72))
    assert Image.open(folder / "leeds-headingley" / f"{AFTERCARE}.en-1.png").size == a4 == (496, 702)
    # Every PDF's every page, against the page size pypdf reads.
    for location in LOCATIONS:
        for lang in LANGUAGES[location]:
            for document in (BROCHURE, AFTERCARE):
                pdf = out / CLINIC / location / f"{document}.{lang}.pdf"
                for number, page in enumerate(PdfReader(pdf).pages, start=1):
                    png = pdf.parent / f"{pdf.stem}-{number}.png"
                    assert png in report.pngs
                    assert Image.open(png).size == (px(float(page.mediabox.width)), px(float(page.mediabox.height)))


@pytest.mark.parametrize(("location", "paper", "colour"), [("portland-pearl", "letter", PORTLAND_PRIMARY),
                                                           ("leeds-headingley", "a4", LEEDS_NAVY)])
def test_cover_band_has_the_brand_colour(office, trifold, location, paper, colour):
    _, out = office
    image = Image.open(out / CLINIC / location / f"{BROCHURE}.en-1.png").convert("RGB")
    cover = place_panels(trifold, paper)[0][-1].box
    height = trifold.papers[paper].height
    y = cover.y + cover.h * (0.16 + 0.60) / 2  # the middle of the band (16 %–60 % of the panel's height)
    x = cover.x + trifold.padding / 2  # in the band, left of the text
    rgb = image.getpixel((px(x), px(height - y)))
    assert close_to(rgb, colour), f"{rgb} at the cover band, expected {colour}"
    # Above the band the cover is paper white.
    assert close_to(image.getpixel((px(x), px(height - (cover.y + cover.h * 0.7)))), (255, 255, 255))


def test_folded_mockups(office, trifold):
    report, out = office
    for location in LOCATIONS:
        paper = "a4" if location == "leeds-headingley" else "letter"
        outside = place_panels(trifold, paper)[0]
        size = trifold.papers[paper]
        for lang in LANGUAGES[location]:
            stem = out / CLINIC / location / f"{BROCHURE}.{lang}"
            cover, first, spread = (Path(f"{stem}-{name}.png") for name in ("folded-cover", "open-first",
                                                                              "open-inside"))
            assert {cover, first, spread} <= set(report.mockups)
            assert abs(Image.open(cover).width - outside[-1].box.w * DPI / 72) <= 1
            assert Image.open(cover).height == px(size.height)
            assert Image.open(first).width == px(outside[-1].box.w) + px(outside[0].box.w)
            assert Image.open(spread).size == (px(size.width), px(size.height))
    # The folded cover is the brochure's cover: the band in the brand colour, halfway up the band.
    image = Image.open(out / CLINIC / "portland-pearl" / f"{BROCHURE}.en-folded-cover.png").convert("RGB")
    assert close_to(image.getpixel((8, round(image.height * (1 - 0.38)))), PORTLAND_PRIMARY)
    # Aftercare sheets are not folded.
    assert not any(AFTERCARE in p.name for p in report.mockups)


def test_contact_sheet_lists_every_location_and_embeds_its_font(office):
    report, out = office
    assert report.contact_sheet_pdf == out / "contact-sheet.pdf"
    text = sheet_text(report.contact_sheet_pdf)
    for location in LOCATIONS:
        for lang in LANGUAGES[location]:
            for document in (BROCHURE, AFTERCARE):
                assert f"{location} · {lang} · office · {document}" in text
    assert "portland-pearl · es" in text and "austin-zilker · es" in text
    assert "Smith & Jones Physio" in text
    reader = PdfReader(report.contact_sheet_pdf)
    fonts = 0
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            described = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            assert "/FontFile2" in described["/FontDescriptor"], f"{font['/BaseFont']} is not embedded"
            fonts += 1
    assert fonts
    assert report.contact_sheet_pngs and all(p.is_file() for p in report.contact_sheet_pngs)
    assert Image.open(report.contact_sheet_pngs[0]).size == (1100, 850)
    assert all(not entry.severity for entry in report.entries)  # the demo is clean


def test_findings_and_failed_builds_on_the_sheet(project_copy):
    """Portland's logo at 48 px fails preflight (an error: a red box with the reason); Austin's at 200 px is
    only under the digital press's 200 ppi on the brochure (a warning under its thumbnail)."""
    clinic_file = project_copy / CLINIC_FILE
    assets = clinic_file.parent / "assets"
    Image.open(assets / "smith-jones-mark.png").convert("RGB").resize((200, 200)).save(assets / "mark-200.png")
    for location, logo in (("portland-pearl", "smith-jones-mark-lowres.png"), ("austin-zilker", "mark-200.png")):
        text = clinic_file.read_text(encoding="utf-8")
        line = next(x for x in text.splitlines() if x.startswith("    booking_url:") and f"/book/{location}" in x)
        edit_text(clinic_file, line + "\n", f"{line}\n    brand:\n      logo: {{png: assets/{logo}, alt: Logo}}\n")

    out = project_copy / "out"
    report = make_previews(project_copy, out, edition="print", printer="digital")
    text = sheet_text(report.contact_sheet_pdf)
    entries = {(e.location, e.lang, e.document): e for e in report.entries}

    portland = entries[("portland-pearl", "en", BROCHURE)]
    assert portland.severity == "error" and portland.failed
    assert "placed at 42 ppi" in portland.failed and "[image-resolution]" in portland.failed
    assert "Not built" in text and "placed at 42 ppi" in text and str(out) not in text

    austin = entries[("austin-zilker", "en", BROCHURE)]
    assert austin.severity == "warning" and not austin.failed
    assert austin.findings[0].startswith("warning: image-resolution: page 1:")
    placed = re.search(r"placed at (\d+) ppi", austin.findings[0])
    assert placed and 150 <= int(placed.group(1)) < 200  # between the press's error and warning limits
    assert "warning: image-resolution" in text and placed.group(0) in text
    assert not entries[("leeds-headingley", "en", BROCHURE)].severity

    # Print PDFs have bleed: the mock-up is cropped to the trim, the page PNG is the whole sheet. (The files are
    # named for their printer profile, which is not the default one.)
    stem = out / CLINIC / "austin-zilker" / f"{BROCHURE}.en.print-digital"
    assert Image.open(f"{stem}-folded-cover.png").size == (px(3.6875 * 72), 510)
    assert Image.open(f"{stem}-open-inside.png").size == (660, 510)
    assert Image.open(f"{stem}-1.png").size == (px(11.25 * 72), px(8.75 * 72))
    assert not (out / CLINIC / "portland-pearl" / f"{BROCHURE}.en.print-digital-1.png").exists()


def test_review_date_warning_and_preview_folder(office, demo_root, tmp_path):
    """Reuses the module's build (nothing to rebuild); previews go to their own folder, by clinic and location."""
    _, out = office
    next_review = load_project(demo_root).topics["dry-needling-sciatica"].topic.model.governance.next_review
    previews = tmp_path / "previews"
    report = make_previews(demo_root, out, location="leeds-headingley", preview_out=previews,
                           today=next_review - timedelta(days=30))
    assert report.batch.built == [] and len(report.batch.up_to_date) == 2
    assert (previews / CLINIC / "leeds-headingley" / f"{BROCHURE}.en-folded-cover.png").is_file()
    assert report.contact_sheet_pdf == previews / "contact-sheet.pdf"
    assert all(e.severity == "warning" and "review-soon" in e.findings[0] for e in report.entries)
    text = sheet_text(report.contact_sheet_pdf)
    assert f"is due for review on {next_review.isoformat()}, in 30 days" in text
    assert "portland-pearl" not in text

    overdue = make_previews(demo_root, out, location="leeds-headingley", preview_out=previews, contact=False,
                            today=next_review + timedelta(days=1))
    assert overdue.contact_sheet_pdf is None
    assert all("review-overdue" in e.findings[0] for e in overdue.entries)


def test_same_pdf_gives_the_same_bytes(office, demo_root, tmp_path):
    _, out = office
    pdf = out / CLINIC / "portland-pearl" / f"{BROCHURE}.en.pdf"
    first = render_pages(pdf, tmp_path / "a")
    second = render_pages(pdf, tmp_path / "b")
    assert [p.name for p in first] == [f"{BROCHURE}.en-1.png", f"{BROCHURE}.en-2.png"]
    assert [p.read_bytes() for p in first] == [p.read_bytes() for p in second]
    assert Image.open(first[0]).info.keys() <= {"dpi"}  # no text chunks, no dates

    panels = [(p.box.x, p.box.w) for p in place_panels(load_project(demo_root).layouts["trifold"].model,
                                                         "letter")[0]]
    one = folded_mockup(pdf, panels, tmp_path / "a")
    two = folded_mockup(pdf, panels, tmp_path / "b")
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]

    font = demo_root / "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Regular.ttf"
    entries = [ContactEntry("Demo", "portland-pearl", "en", "office", BROCHURE, pdf),
               ContactEntry("Demo", "nowhere", "en", "office", AFTERCARE, tmp_path / "missing.pdf",
                            ("error: the PDF was not built",), "error", "the PDF was not built")]
    sheets = [contact_sheet(entries, tmp_path / name / "sheet.pdf", "Sign-off", font) for name in ("a", "b")]
    assert sheets[0][0].read_bytes() == sheets[1][0].read_bytes()
    assert [p.read_bytes() for p in sheets[0][1]] == [p.read_bytes() for p in sheets[1][1]]


def test_user_mistakes_are_errors_not_tracebacks(office, demo_root, tmp_path):
    _, out = office
    with pytest.raises(HandoutsError, match="unknown edition 'poster'"):
        make_previews(demo_root, out, edition="poster")
    with pytest.raises(HandoutsError, match="print edition only"):
        make_previews(demo_root, out, printer="digital")
    with pytest.raises(HandoutsError, match="unknown location 'nowhere'"):
        make_previews(demo_root, out, location="nowhere")
    with pytest.raises(HandoutsError, match="font not found"):
        make_previews(demo_root, out, font=tmp_path / "none.ttf")
    with pytest.raises(HandoutsError, match="no such PDF"):
        render_pages(tmp_path / "missing.pdf", tmp_path)
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(HandoutsError, match="cannot read the PDF"):
        render_pages(tmp_path / "broken.pdf", tmp_path)
    sheet = out / CLINIC / "portland-pearl" / f"{AFTERCARE}.en.pdf"
    with pytest.raises(HandoutsError, match="needs the outside and the inside page"):
        folded_mockup(sheet, [(0.0, 100.0)], tmp_path)
    with pytest.raises(HandoutsError, match="dpi is out of range"):
        render_pages(sheet, tmp_path, dpi=0)
