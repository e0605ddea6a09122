"""The figure: an SVG of the topic drawn in the brand's colours with its caption in the brochure (read back
from the pixels PDFium renders and from MuPDF's text), and tagged as a Figure with its alt text, followed by
its caption, in the digital edition (read with pikepdf); a missing SVG is an input error at its line."""

from __future__ import annotations

import pikepdf
import pypdfium2 as pdfium
import yaml
from placed import flow_panels, needs_mutool, panel_lines

from conftest import CLINIC, REPO_ROOT, TOPIC_DIR, assert_clean_exit, run_build

FIGURE = yaml.safe_load((REPO_ROOT / TOPIC_DIR / "figure-nerve.yaml").read_text(encoding="utf-8"))["body"][0]["figure"]
ACCENT = (0xD9, 0x69, 0x2B)


def _accent_pixels(pdf, page: int, x0: float, x1: float) -> int:
    doc = pdfium.PdfDocument(str(pdf))
    try:
        image = doc[page - 1].render(scale=1).to_pil().convert("RGB")
    finally:
        doc.close()
    count = 0
    for x in range(int(x0), int(x1)):
        for y in range(image.height):
            if all(abs(a - b) <= 12 for a, b in zip(image.getpixel((x, y)), ACCENT, strict=True)):
                count += 1
    return count


@needs_mutool
def test_the_brochure_shows_the_figure_with_its_caption_on_the_flap(demo_out):
    pdf = demo_out / CLINIC / "portland-pearl" / "dry-needling-brochure.en.pdf"
    flap = flow_panels(REPO_ROOT, "trifold", "letter")[0]["flap"]
    assert _accent_pixels(pdf, 1, *flap) > 150  # the nerve, in the accent colour, on the flap
    text = " ".join(line.text for line in panel_lines(pdf, 1, {"flap": flap})["flap"])
    assert " ".join(FIGURE["caption"].split()[:6]) in " ".join(text.split())


def test_the_digital_edition_tags_the_figure_with_its_alt_text(demo_root, tmp_path):
    out = tmp_path / "out"
    assert_clean_exit(run_build(demo_root, out, "dry-needling-brochure", "--location", "portland-pearl",
                                "--lang", "en", "--digital"), 0)
    with pikepdf.open(out / CLINIC / "portland-pearl" / "dry-needling-brochure.en.digital.pdf") as pdf:
        tags = []

        def walk(node):
            if isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/StructElem":
                tags.append((str(node.S), str(node.get("/Alt", ""))))
                kids = node.get("/K")
                for kid in kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []:
                    walk(kid)

        walk(pdf.Root.StructTreeRoot.K[0])
    alts = [alt for tag, alt in tags if tag == "/Figure"]
    assert " ".join(FIGURE["alt"].split()) in alts
    index = next(i for i, (tag, alt) in enumerate(tags) if alt == " ".join(FIGURE["alt"].split()))
    assert tags[index + 1][0] == "/P"  # the caption follows as a paragraph


def test_a_missing_svg_is_an_input_error_at_its_line(project_copy, edit):
    edit(f"{TOPIC_DIR}/figure-nerve.yaml", "svg: figure-sciatic-nerve.svg", "svg: no-such-figure.svg")
    result = run_build(project_copy, project_copy / "out", "dry-needling-brochure", "--location", "portland-pearl",
                       "--lang", "en")
    assert_clean_exit(result, 1)
    assert f"{TOPIC_DIR}/figure-nerve.yaml:" in result.output
    assert "figure file not found: no-such-figure.svg" in result.output
