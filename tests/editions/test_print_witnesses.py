"""Print files checked by tools we did not write: Ghostscript's PDF/X mode, qpdf, Ghostscript's own CMYK
rendering for ink and for the colour of a logo beside a brand band (ΔE through the press profile), and what
happens to a huge or a truncated logo."""

from __future__ import annotations

import io
import math
import os
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from PIL import Image, ImageCms

from conftest import CLINIC, CLINIC_FILE, assert_clean_exit, edit_text, run_build

GS = shutil.which("gs")
QPDF = shutil.which("qpdf")
needs_gs = pytest.mark.skipif(GS is None, reason="Ghostscript (Debian ghostscript) is not installed")
PDFX_DEF = """%!
[ /GTS_PDFXVersion (PDF/X-4) /Title (witness) /Trapped /False /DOCINFO pdfmark
[/_objdef {icc_PDFX} /type /stream /OBJ pdfmark
[{icc_PDFX} << /N 4 >> /PUT pdfmark
[{icc_PDFX} (ICC) (r) file /PUT pdfmark
[/_objdef {OutputIntent_PDFX} /type /dict /OBJ pdfmark
[{OutputIntent_PDFX} << /Type /OutputIntent /S /GTS_PDFX /OutputCondition (COND) /Info (COND)
  /OutputConditionIdentifier (IDENT) /RegistryName (http://www.color.org) /DestOutputProfile {icc_PDFX} >> /PUT pdfmark
[{Catalog} <</OutputIntents [ {OutputIntent_PDFX} ]>> /PUT pdfmark
"""
REFUSALS = ("not permitted in PDF/X", "reverting to normal PDF", "Error", "error:")


@pytest.fixture(scope="module")
def print_out(tmp_path_factory, demo_root) -> Path:
    out = tmp_path_factory.mktemp("print-witness")
    assert_clean_exit(run_build(demo_root, out, "--print"), 0)
    return out


def _print_pdfs(out: Path) -> list[Path]:
    found = sorted(out.rglob("*.print.pdf"))
    assert len(found) == 10
    return found


def _pdfx_conversion(pdf: Path, tmp: Path) -> str:
    """Ghostscript's PDF/X conversion of ``pdf`` with the file's own output intent; what it printed."""
    with pikepdf.open(pdf) as doc:
        intent = doc.Root.OutputIntents[0]
        icc = tmp / "intent.icc"
        icc.write_bytes(intent.DestOutputProfile.read_bytes())
        ident, cond = str(intent.OutputConditionIdentifier), str(intent.OutputCondition)
    definition = tmp / "pdfx.ps"
    definition.write_text(PDFX_DEF.replace("(ICC)", f"({icc})").replace("IDENT", ident).replace("COND", cond))
    done = subprocess.run([GS, "-dPDFX=true", "-dBATCH", "-dNOPAUSE", "-dNOSAFER", "-sDEVICE=pdfwrite",
                           "-sColorConversionStrategy=CMYK", f"-sOutputFile={tmp / 'x.pdf'}", str(definition),
                           str(pdf)], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout + done.stderr


@needs_gs
def test_ghostscript_pdfx_mode_accepts_every_print_file(print_out, tmp_path):
    for pdf in _print_pdfs(print_out):
        said = _pdfx_conversion(pdf, tmp_path)
        assert not any(refusal in said for refusal in REFUSALS), f"{pdf.name}: {said}"


@needs_gs
def test_ghostscript_pdfx_mode_refuses_an_office_file_with_links(demo_root, tmp_path, print_out):
    """The witness can fail: the office edition keeps its links, which PDF/X forbids."""
    out = tmp_path / "office"
    assert_clean_exit(run_build(demo_root, out, "dry-needling-brochure", "--location", "leeds-headingley"), 0)
    office = out / CLINIC / "leeds-headingley/dry-needling-brochure.en.pdf"
    with pikepdf.open(office, allow_overwriting_input=True) as pdf:  # give it the print file's output intent
        with pikepdf.open(print_out / CLINIC / "leeds-headingley/dry-needling-brochure.en.print.pdf") as printed:
            intent = printed.Root.OutputIntents[0]
            profile = pikepdf.Stream(pdf, intent.DestOutputProfile.read_bytes(), N=4)
            pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
                Type=pikepdf.Name.OutputIntent, S=pikepdf.Name.GTS_PDFX,
                OutputConditionIdentifier=intent.OutputConditionIdentifier, RegistryName=intent.RegistryName,
                OutputCondition=intent.OutputCondition, DestOutputProfile=pdf.make_indirect(profile))])
        pdf.save(office)
    assert "not permitted in PDF/X" in _pdfx_conversion(office, tmp_path)


@pytest.mark.skipif(QPDF is None, reason="qpdf (Debian qpdf) is not installed")
def test_qpdf_check_passes_every_print_file(print_out):
    for pdf in _print_pdfs(print_out):
        done = subprocess.run([QPDF, "--check", str(pdf)], capture_output=True, text=True)
        assert done.returncode == 0 and "No syntax or stream encoding errors" in done.stdout, done.stdout


def _separations(pdf: Path, page: int, dpi: int, tmp: Path) -> tuple[Image.Image, tuple[float, ...], float]:
    """Ghostscript's CMYK rendering of one page, cropped to the trim; and the trim in points, and the scale."""
    tif = tmp / f"{pdf.stem}-{page}.tif"
    subprocess.run([GS, "-q", "-dBATCH", "-dNOPAUSE", "-sDEVICE=tiff32nc", f"-r{dpi}", f"-dFirstPage={page}",
                    f"-dLastPage={page}", f"-sOutputFile={tif}", str(pdf)], check=True, timeout=120)
    with pikepdf.open(pdf) as doc:
        media = [float(v) for v in doc.pages[page - 1].MediaBox]
        trim = [float(v) for v in doc.pages[page - 1].TrimBox]
    scale = dpi / 72
    image = Image.open(tif)
    box = (round((trim[0] - media[0]) * scale), round((media[3] - trim[3]) * scale),
           round((trim[2] - media[0]) * scale), round((media[3] - trim[1]) * scale))
    return image.crop(box), tuple(trim), scale


@needs_gs
def test_ink_on_every_page_stays_under_the_printer_limit(print_out, tmp_path):
    maxima = {}
    for pdf in _print_pdfs(print_out):
        with pikepdf.open(pdf) as doc:
            pages = len(doc.pages)
        for page in range(1, pages + 1):
            image, _, _ = _separations(pdf, page, 72, tmp_path)
            data = image.tobytes()
            heaviest = max(sum(data[i:i + 4]) for i in range(0, len(data), 4)) / 2.55
            maxima[f"{pdf.parent.name}/{pdf.name} p{page}"] = round(heaviest)
            assert heaviest <= 280 + 0.5, f"{pdf.name} page {page}: {heaviest:.0f} % ink"
    assert max(maxima.values()) > 150  # the brand bands are there: the renders are not blank


def _delta_e(a: tuple[float, float, float], b: tuple[float, float, float]) -> float:
    return math.dist(a, b)  # CIE76


def _lab(cmyk: tuple[int, ...], profile: bytes) -> tuple[float, float, float]:
    transform = ImageCms.buildTransform(ImageCms.ImageCmsProfile(io.BytesIO(profile)), ImageCms.createProfile("LAB"),
                                        "CMYK", "LAB", renderingIntent=ImageCms.Intent.ABSOLUTE_COLORIMETRIC)
    lab = transform.apply(Image.new("CMYK", (1, 1), cmyk)).getpixel((0, 0))
    return lab[0] * 100 / 255, lab[1] - 128, lab[2] - 128


def _band_and_logo(pdf: Path, tmp: Path) -> tuple[float, tuple[int, ...], tuple[int, ...]]:
    """The cover's brand band and the logo's dominant colour, as Ghostscript printed them; ΔE between them."""
    image, trim, scale = _separations(pdf, 1, 100, tmp)
    width, height = image.size
    cover = image.crop((round(width * 0.70), 0, width, height))  # the cover: the outside page's right third
    band = cover.getpixel((cover.width // 2, round(cover.height * 0.62)))  # inside the brand band
    top = cover.crop((0, round(cover.height * 0.04), cover.width, round(cover.height * 0.2)))
    counts: dict[tuple[int, ...], int] = {}
    data = top.tobytes()
    for pixel in (tuple(data[i:i + 4]) for i in range(0, len(data), 4)):
        if sum(pixel) > 60:  # not paper
            counts[pixel] = counts.get(pixel, 0) + 1
    logo = max(counts, key=counts.__getitem__)
    with pikepdf.open(pdf) as doc:
        profile = doc.Root.OutputIntents[0].DestOutputProfile.read_bytes()
    return _delta_e(_lab(band, profile), _lab(logo, profile)), band, logo


@needs_gs
@pytest.mark.parametrize("logo", ["svg", "png"])
def test_the_logo_and_the_band_print_the_same_brand_colour(project_copy, tmp_path, logo):
    if logo == "png":  # the raster logo only: its pixels are separated through the press profile
        edit_text(project_copy / CLINIC_FILE, "    svg: assets/smith-jones-mark.svg\n", "")
    out = tmp_path / "out"
    assert_clean_exit(run_build(project_copy, out, "dry-needling-brochure", "--location", "portland-pearl",
                                "--print"), 0)
    delta, band, logo_ink = _band_and_logo(out / CLINIC / "portland-pearl/dry-needling-brochure.en.print.pdf",
                                           tmp_path)
    assert [round(v / 2.55) for v in band] == [91, 31, 25, 49]  # the brand's own CMYK
    assert delta < 1, f"band {band} and logo {logo_ink}: ΔE {delta:.2f}"


def _planted_logo(project_copy: Path, image: Image.Image | bytes) -> Path:
    """Austin gets its own PNG logo (no SVG), the planted one."""
    path = project_copy / "content/clinics/assets/planted.png"
    if isinstance(image, bytes):
        path.write_bytes(image)
    else:
        image.save(path)
    edit_text(project_copy / CLINIC_FILE, '    booking_url: {en: "https://smithjonesphysio.example/book/austin-zilker',
              "    brand: {logo: {png: assets/planted.png, alt: Planted logo}}\n"
              '    booking_url: {en: "https://smithjonesphysio.example/book/austin-zilker')
    return path


def test_a_huge_logo_is_downsampled_for_print(project_copy, tmp_path):
    big = Image.new("RGB", (6000, 6000), (11, 85, 99))
    _planted_logo(project_copy, big)
    out = tmp_path / "out"
    assert_clean_exit(run_build(project_copy, out, "dry-needling-brochure", "--location", "austin-zilker",
                                "--print"), 0)
    pdf = out / CLINIC / "austin-zilker/dry-needling-brochure.en.print.pdf"
    assert pdf.stat().st_size < 2_000_000
    with pikepdf.open(pdf) as doc:
        images = [obj for obj in doc.objects if isinstance(obj, pikepdf.Stream) and obj.get("/Subtype") == "/Image"]
        assert images and max(int(i.Width) for i in images) <= 1.15 * 72 / 72 * 450 + 1  # 450 ppi at 1.15 in


def test_a_truncated_logo_fails_only_its_location(project_copy, tmp_path):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 800), (11, 85, 99)).save(buffer, "PNG")
    _planted_logo(project_copy, buffer.getvalue()[: len(buffer.getvalue()) // 2])
    out = tmp_path / "out"
    result = run_build(project_copy, out)
    assert_clean_exit(result, 1)
    assert f"{CLINIC_FILE}:" in result.output and "png logo assets/planted.png: the image cannot be decoded" \
        in result.output
    built = sorted(p.relative_to(out).as_posix() for p in out.rglob("*.pdf"))
    assert len(built) == 6 and not [p for p in built if "austin-zilker" in p]


def test_print_variants_do_not_replace_each_other(demo_root, tmp_path):
    for flags in ([], ["--printer", "digital"], ["--no-marks"]):
        assert_clean_exit(run_build(demo_root, tmp_path, "dry-needling-brochure", "--location", "leeds-headingley",
                                    "--print", *flags), 0)
    names = sorted(p.name for p in (tmp_path / CLINIC / "leeds-headingley").glob("*.pdf"))
    assert names == ["dry-needling-brochure.en.print-digital.pdf", "dry-needling-brochure.en.print-nomarks.pdf",
                     "dry-needling-brochure.en.print.pdf"]


def test_outputs_are_readable_by_others_as_the_umask_allows(demo_root, tmp_path):
    old = os.umask(0o022)
    try:
        assert_clean_exit(run_build(demo_root, tmp_path, "dry-needling-aftercare", "--location", "leeds-headingley"), 0)
    finally:
        os.umask(old)
    pdf = tmp_path / CLINIC / "leeds-headingley/dry-needling-aftercare.en.pdf"
    assert pdf.stat().st_mode & 0o777 == 0o644


def test_text_under_14_pt_prints_on_the_black_plate_only(print_out):
    """Every glyph set smaller than 14 pt has no cyan, magenta or yellow in its fill colour."""
    checked = 0
    for pdf in _print_pdfs(print_out):
        with pikepdf.open(pdf) as doc:
            for page in doc.pages:
                fill, size = (0.0, 0.0, 0.0, 1.0), 0.0
                stack = []
                for operands, operator in pikepdf.parse_content_stream(page):
                    op = str(operator)
                    if op == "q":
                        stack.append((fill, size))
                    elif op == "Q" and stack:
                        fill, size = stack.pop()
                    elif op == "k":
                        fill = tuple(float(v) for v in operands)
                    elif op == "Tf":
                        size = float(operands[1])
                    elif op in ("Tj", "TJ", "'", '"') and 0 < size < 14:
                        checked += 1
                        assert fill[:3] == (0.0, 0.0, 0.0), f"{pdf.name}: {size} pt text in CMYK {fill}"
    assert checked > 100
