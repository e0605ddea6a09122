"""What a project controls about tagging, read back from the PDFs: ``--no-tags`` (and ``tags=False``) gives untagged
files that look the same; words in another language carry their /Lang; a logo or a figure without alt text
refuses to build, naming the file and line; a layout's ``reading_order`` decides the order of the structure tree
and is checked; the tagged output is the same, byte for byte, with one worker or two. The walker and the outside
checkers are run on broken files too, so each check shows it can fail."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
import walker
from reading import reading_text
from reportlab.pdfgen.canvas import Canvas

import handouts
from conftest import CLINIC_FILE, TOPIC_DIR, assert_clean_exit, run_build, run_cli

BROCHURE = "dry-needling-brochure"
SHEET = "dry-needling-aftercare"
PEARL = "smith-jones/portland-pearl"
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                                   reason="poppler-utils (pdftotext, pdfinfo)")


def _one(project: Path, out: Path, document: str, *args: str) -> Path:
    result = run_build(project, out, document, "--location", "portland-pearl", "--lang", "en", *args)
    assert_clean_exit(result, 0)
    return next(out.rglob(f"{document}.en*.pdf"))


def _pixels(pdf: Path) -> list[bytes]:
    doc = pdfium.PdfDocument(str(pdf))
    return [doc[i].render(scale=1).to_pil().convert("RGB").tobytes() for i in range(len(doc))]


# --------------------------------------------------------------------------------------------- --no-tags


def test_no_tags_gives_an_untagged_file_that_looks_the_same(demo_root, tmp_path):
    tagged = _one(demo_root, tmp_path / "tagged", BROCHURE)
    plain = _one(demo_root, tmp_path / "plain", BROCHURE, "--no-tags")
    with pikepdf.open(plain) as pdf:
        assert "/StructTreeRoot" not in pdf.Root and "/MarkInfo" not in pdf.Root
        assert all(b"BDC" not in page.Contents.read_bytes() for page in pdf.pages)
    assert walker.read(plain).problems == ["not a tagged PDF (no structure tree, or MarkInfo not marked)"]
    assert walker.read(tagged).problems == []
    assert _pixels(tagged) == _pixels(plain)  # the tags change nothing on the page


def test_outloud_fails_an_untagged_file(demo_root, tmp_path):
    pytest.importorskip("outloud")
    plain = _one(demo_root, tmp_path, SHEET, "--no-tags")
    report = tmp_path / "report.json"
    subprocess.run(["outloud", "--json", str(report), "--quiet", str(plain)], capture_output=True)
    rules = {f["rule"] for f in json.loads(report.read_text())["results"][0]["findings"] if f["severity"] == "error"}
    assert {"DOC-001", "DOC-002"} <= rules


def test_the_api_makes_untagged_files_on_request(demo_root):
    project = handouts.load_project(demo_root)
    plain = handouts.render(project, SHEET, location="portland-pearl", lang="en", tags=False)
    tagged = handouts.render(project, SHEET, location="portland-pearl", lang="en")
    assert b"/StructTreeRoot" not in plain and b"/StructTreeRoot" in tagged
    assert b"pdfuaid" in tagged and b"pdfuaid" not in plain


# ----------------------------------------------------------------------------------------- other languages


def test_words_in_another_language_carry_their_language(project_copy, edit, tmp_path):
    edit(f"{TOPIC_DIR}/aftercare.yaml", "Keep moving gently.", "Keep moving gently ([poco a poco]{lang=es}).")
    for args, name in (((), "office"), (("--digital",), "digital")):
        pdf = _one(project_copy, tmp_path / name, SHEET, *args)
        doc = walker.read(pdf)
        spans = [n for n in doc.nodes if n.lang is not None]
        assert [(n.tag, n.lang, walker.text_of(doc, n)) for n in spans] == [("Span", "es", "poco a poco")], name
        assert doc.problems == []
        assert "Keep moving gently (poco a poco)." in " ".join(walker.tree_text(doc).split())
    result = run_cli("check", "--project", project_copy)
    assert "[poco" not in result.output and "{lang" not in result.output  # the checks read the words only


# ------------------------------------------------------------------------------------------------ alt text


def test_a_logo_without_alt_text_refuses_to_build(project_copy, edit, tmp_path):
    edit(CLINIC_FILE, "    alt: Smith & Jones Physio logo\n", "")
    result = run_build(project_copy, tmp_path, SHEET, "--location", "portland-pearl", "--lang", "en")
    assert_clean_exit(result, 1)
    assert f"{CLINIC_FILE}:24" in result.output and "no alt text" in result.output
    assert "brand.logo.alt" in result.output
    assert not list(tmp_path.rglob("*.pdf"))


def test_a_figure_without_alt_text_refuses_to_build(project_copy, edit, tmp_path):
    path = edit(f"{TOPIC_DIR}/figure-nerve.yaml", "      alt: >-\n", "      also: >-\n")
    result = run_build(project_copy, tmp_path, BROCHURE)
    assert_clean_exit(result, 1)
    assert "figure-nerve.yaml:" in result.output and "alt" in result.output, result.output
    assert not list(tmp_path.rglob("*.pdf"))
    assert path.exists()


# ------------------------------------------------------------------------------------------- reading order


@pytest.mark.parametrize(("order", "message"), [
    ("[cover, flap, inside-1, inside-2, inside-3, bak]", "no panel named bak"),
    ("[cover, flap, inside-1, inside-2, inside-3]", "list every panel once; left out: back"),
    ("[cover, flap, inside-1, inside-2, inside-3, back, cover]", "repeated: cover"),
    ("[cover, inside-1, flap, inside-2, inside-3, back]", "sequence 'flow' (inside-1, inside-2, inside-3)"),
])
def test_a_reading_order_is_checked(project_copy, edit, order, message):
    edit("layouts/trifold.yaml", "reading_order: [cover, flap, inside-1, inside-2, inside-3, back]",
         f"reading_order: {order}")
    result = run_cli("check", "--project", project_copy)
    assert_clean_exit(result, 1)
    assert "layouts/trifold.yaml:34:" in result.output and message in result.output, result.output


def test_the_reading_order_worked_out_from_the_roles_is_the_brochures(project_copy, edit, demo_root, tmp_path):
    given = _one(demo_root, tmp_path / "given", BROCHURE)
    edit("layouts/trifold.yaml", "reading_order: [cover, flap, inside-1, inside-2, inside-3, back]\n", "")
    derived = _one(project_copy, tmp_path / "derived", BROCHURE)
    assert given.read_bytes() == derived.read_bytes()


@needs_poppler
def test_a_reading_order_decides_what_is_read_first(project_copy, edit, tmp_path):
    edit("layouts/aftercare.yaml", "sequences: {flow: [body]}", "sequences: {flow: [body]}\n"
                                                               "reading_order: [header, call, body, appointment, "
                                                               "footer]")
    pdf = _one(project_copy, tmp_path, SHEET)
    text = subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True).stdout
    assert text.index("Questions or worried") < text.index("Warning signs") < text.index("Your next appointment")
    assert walker.read(pdf).problems == []


# -------------------------------------------------------------------------------------------- the same bytes


def test_tagged_output_is_the_same_with_one_worker_or_two(demo_root, tmp_path):
    for jobs in ("1", "2"):
        for edition in ("office", "digital"):
            assert_clean_exit(run_build(demo_root, tmp_path / jobs, "--edition", edition, "--jobs", jobs), 0)
    one = sorted((tmp_path / "1").rglob("*.pdf"))
    assert len(one) >= 20
    for path in one:
        assert path.read_bytes() == (tmp_path / "2" / path.relative_to(tmp_path / "1")).read_bytes(), path.name


# ------------------------------------------------------------------------------------- each check can fail


@pytest.fixture(scope="module")
def sheet(tmp_path_factory, demo_root) -> Path:
    out = tmp_path_factory.mktemp("sheet")
    assert_clean_exit(run_build(demo_root, out, SHEET, "--location", "portland-pearl", "--lang", "en"), 0)
    return out / PEARL / f"{SHEET}.en.pdf"


def _changed(source: Path, target: Path, change) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    with pikepdf.open(source) as pdf:
        change(pdf)
        pdf.save(target)
    return target


def test_the_walker_finds_content_outside_the_tree(sheet, tmp_path):
    def untagged_text(pdf):
        page = pdf.pages[0]
        font = next(iter(page.Resources.Font.keys()))
        page.contents_add(pdf.make_stream(f"BT {font} 12 Tf 72 72 Td (stray) Tj ET".encode()), prepend=False)

    broken = walker.read(_changed(sheet, tmp_path / "stray.pdf", untagged_text))
    assert any("is neither tagged nor an artifact" in p for p in broken.problems), broken.problems


def test_the_walker_finds_a_broken_parent_tree(sheet, tmp_path):
    def drop_entry(pdf):
        nums = pdf.Root.StructTreeRoot.ParentTree.Nums
        array = nums[1]
        array[3] = array[4]  # marked content 3 now leads to another element

    broken = walker.read(_changed(sheet, tmp_path / "parents.pdf", drop_entry))
    assert any("does not lead marked content 3 back" in p for p in broken.problems), broken.problems


def test_the_walker_finds_a_skipped_heading_level(sheet, tmp_path):
    def deeper(pdf):
        for elem in _elements(pdf.Root.StructTreeRoot.K):
            if elem.S == "/H2":
                elem.S = pikepdf.Name.H4
                return

    assert walker.heading_problems(walker.read(sheet)) == []
    assert walker.heading_problems(walker.read(_changed(sheet, tmp_path / "h4.pdf", deeper))) == ["H4 after H1"]


def test_a_font_that_is_not_embedded_is_found(tmp_path):
    path = tmp_path / "helvetica.pdf"
    canv = Canvas(str(path))
    canv.setFont("Helvetica", 12)
    canv.drawString(72, 72, "•")
    canv.save()
    with pikepdf.open(path) as pdf:
        fonts = walker.read_fonts(pdf.pages[0])
        problems = [p for name, font in fonts.items() for p in walker.font_problems(font, name)]
    assert any("is not embedded" in p for p in problems) and any("ToUnicode" in p for p in problems)


@needs_poppler
def test_a_tree_out_of_reading_order_reads_differently_from_the_page(sheet, tmp_path, demo_root):
    def swap(pdf):
        root = pdf.Root.StructTreeRoot.K
        kids = (root[0] if isinstance(root, pikepdf.Array) else root).K
        sections = [i for i, kid in enumerate(kids) if kid.S == "/Sect"]
        a, b = sections[0], sections[1]
        first, second = kids[a], kids[b]
        kids[a], kids[b] = second, first

    swapped = _changed(sheet, tmp_path / "office" / sheet.parent.parent.name / sheet.parent.name / sheet.name, swap)
    page = walker.comparable(walker.words(reading_text(swapped, "office", demo_root)))
    assert walker.comparable(walker.words(walker.tree_text(walker.read(sheet)))) == page
    assert walker.comparable(walker.words(walker.tree_text(walker.read(swapped)))) != page


def _elements(node):
    if isinstance(node, pikepdf.Array):
        for item in node:
            yield from _elements(item)
    elif isinstance(node, pikepdf.Dictionary) and node.get("/Type") == "/StructElem":
        yield node
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids]):
            yield from _elements(kid)
