"""The digital edition: one column, tagged PDF. The structure tree (tags, order, alt text, links) is checked
for every demo document and language, and the PDF/UA checker finds nothing."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
import yaml

from conftest import CLINIC, DOCUMENTS, LANGUAGES, LOCATIONS, TOPIC_DIR, assert_clean_exit, run_build

REPO = Path(__file__).resolve().parents[2]
EDITIONS = [(loc, doc, lang) for loc in LOCATIONS for doc in DOCUMENTS for lang in LANGUAGES[loc]]


@pytest.fixture(scope="module")
def digital(tmp_path_factory, demo_root) -> Path:
    out = tmp_path_factory.mktemp("digital")
    assert_clean_exit(run_build(demo_root, out, "--digital"), 0)
    return out


def _path(out: Path, loc: str, doc: str, lang: str) -> Path:
    return out / CLINIC / loc / f"{doc}.{lang}.digital.pdf"


def _tree(elem) -> list[tuple[int, str, object]]:
    """(depth, tag, element) in reading order."""
    out = []

    def walk(node, depth):
        if not isinstance(node, pikepdf.Dictionary) or node.get("/Type") != "/StructElem":
            return
        out.append((depth, str(node.S)[1:], node))
        kids = node.get("/K")
        for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
            walk(kid, depth + 1)

    walk(elem, 0)
    return out


def _expected_headings(doc: str, lang: str) -> list[str]:
    spec = yaml.safe_load((REPO / "content/documents" / f"{doc}.yaml").read_text())
    folder = REPO / TOPIC_DIR / ("" if lang == "en" else lang)
    names = [name for slot, names in spec["slots"].items() if slot != "smallprint" for name in names]
    return [yaml.safe_load((folder / f"{name}.yaml").read_text())["heading"] for name in names]


@pytest.mark.parametrize(("loc", "doc", "lang"), EDITIONS)
def test_structure_tree_follows_the_document(digital, loc, doc, lang):
    with pikepdf.open(_path(digital, loc, doc, lang)) as pdf:
        root = pdf.Root
        assert root.MarkInfo.Marked is True
        assert str(root.Lang) == {"en": "en-US" if loc != "leeds-headingley" else "en-GB", "es": "es-US"}[lang]
        assert root.ViewerPreferences.DisplayDocTitle is True
        xmp = pdf.open_metadata()
        assert xmp["pdfuaid:part"] == "1"
        assert xmp["dc:title"] == str(pdf.docinfo["/Title"]) and xmp["dc:title"]
        document = root.StructTreeRoot.K[0]
        nodes = _tree(document)
        tags = [tag for _, tag, _ in nodes]
        assert tags[0] == "Document"
        assert tags[1] == "Figure" and str(nodes[1][2].Alt).endswith("logo")
        assert tags.index("H1") < tags.index("H2")
        assert tags.count("H1") == 1
        # Headings never skip a level: an H3 always comes after an H2.
        levels = [int(t[1]) for t in tags if t in ("H1", "H2", "H3")]
        assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False))
        assert {"L", "LI", "LBody", "P", "Sect", "Link"} <= set(tags)
        figures = [n for _, t, n in nodes if t == "Figure"]
        qr_alt = str(figures[-1].Alt)
        assert qr_alt.startswith("QR code: ") and "https://smithjonesphysio.example/" in qr_alt
        for _, tag, node in nodes:
            if tag == "Link":  # its text, then the annotation it holds
                kids = node.K if isinstance(node.K, pikepdf.Array) else [node.K]
                annots = [k.Obj for k in kids if isinstance(k, pikepdf.Dictionary) and k.get("/Type") == "/OBJR"]
                assert annots and not isinstance(kids[0], pikepdf.Dictionary)
                for annot in annots:
                    assert str(annot.Contents) and str(node.Alt) == str(annot.Contents)
                    assert annot.StructParent >= 0
        for page in pdf.pages:
            assert page.Tabs == "/S" and "/StructParents" in page
        assert len(_headings(pdf, document)) == len(_expected_headings(doc, lang)) + 1  # + "Contact us"


def _headings(pdf, document) -> list:
    return [node for _, tag, node in _tree(document) if tag == "H2"]


@pytest.mark.skipif(not shutil.which("pdfinfo"), reason="poppler's pdfinfo (Debian poppler-utils)")
@pytest.mark.parametrize(("loc", "doc", "lang"), [e for e in EDITIONS if e[0] == "austin-zilker"])
def test_struct_text_reads_in_order_with_spaces(digital, loc, doc, lang):
    text = subprocess.run(["pdfinfo", "-struct-text", str(_path(digital, loc, doc, lang))], capture_output=True,
                          text=True, check=True).stdout
    headings = _expected_headings(doc, lang)
    positions = [text.index(f'"{heading}"') for heading in headings]
    assert positions == sorted(positions)
    assert "Zoë Hart Clinic, Zilker" in text
    # Words that wrap at a line end keep their space.
    assert "yourlower" not in text and "sulower" not in text


@pytest.mark.parametrize(("loc", "doc", "lang"), EDITIONS)
def test_pdfua_checker_finds_nothing(digital, loc, doc, lang):
    pdfua = pytest.importorskip("pdfua")
    result = subprocess.run(["pdfua", "check", str(_path(digital, loc, doc, lang))], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert "result: PASS" in result.stdout, f"pdfua {pdfua.__name__}: {result.stdout}"


def test_page_furniture_is_an_artifact(digital):
    with pikepdf.open(_path(digital, "portland-pearl", "dry-needling-brochure", "en")) as pdf:
        stream = pdf.pages[0].Contents.read_bytes()
    band = stream.index(b"/Artifact <</Type /Layout>> BDC")  # the colour band
    assert b" re f" in stream[band:stream.index(b"EMC", band)]
    folio = stream.index(b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC")  # the page number
    assert b"Tj" in stream[folio:stream.index(b"EMC", folio)]


def test_digital_is_one_column_portrait_with_live_links(digital):
    path = _path(digital, "leeds-headingley", "dry-needling-brochure", "en")
    with pikepdf.open(path) as pdf:
        assert [round(float(v), 2) for v in pdf.pages[0].MediaBox] == [0, 0, 595.28, 841.89]
        uris = {str(a.A.URI) for page in pdf.pages for a in page.get("/Annots", []) if "/A" in a}
    assert "https://smithjonesphysio.example/uk/book/leeds" in uris
    assert "mailto:leeds@smithjonesphysio.example" in uris


def test_digital_cannot_be_combined_with_print(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "--digital", "--print")
    assert_clean_exit(result, 2)
    assert "--digital is for screens" in result.output
