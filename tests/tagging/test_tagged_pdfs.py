"""Every edition of every demo document is a tagged PDF, read back by tools we did not write and by a walker of our
own: ``outloud`` and ``pdfua`` (PyPI) find no error; the walker (pikepdf) finds every marked-content sequence in
the structure tree or an artifact, the parent tree leading back to each element, heading levels that never skip,
every font embedded with a ToUnicode map; the tree's text in tree order is the page's text in reading order as
poppler's ``pdftotext`` reads it panel by panel; ``pdfinfo -struct-text`` reads cover, flap, inside and back (or
title, main message, sections, call bar, appointment, small print) in that order."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
import walker
import yaml
from reading import reading_text

from conftest import TOPIC_DIR, assert_clean_exit, run_build
from handouts.editions import EDITIONS

REPO = Path(__file__).resolve().parents[2]
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None,
                                   reason="poppler-utils (pdftotext, pdfinfo)")


@pytest.fixture(scope="module")
def built(tmp_path_factory, demo_root) -> dict[str, list[Path]]:
    """Every edition of the demo, built once: edition → its PDFs."""
    out: dict[str, list[Path]] = {}
    for name in EDITIONS:
        folder = tmp_path_factory.mktemp(f"tagged-{name}")
        assert_clean_exit(run_build(demo_root, folder, "--edition", name), 0)
        out[name] = sorted(folder.rglob("*.pdf"))
        assert out[name], f"the {name} edition made no PDF"
    return out


def _docs(built: dict[str, list[Path]], edition: str) -> list[Path]:
    return built[edition]


# ------------------------------------------------------------------------------------ independent checkers


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_outloud_finds_no_error(built, edition, tmp_path):
    pytest.importorskip("outloud")
    report = tmp_path / "outloud.json"
    subprocess.run(["outloud", "--json", str(report), "--quiet", *map(str, _docs(built, edition))],
                   capture_output=True, text=True)
    results = json.loads(report.read_text())["results"]
    assert len(results) == len(_docs(built, edition))
    errors = {Path(r["path"]).name: [(f["rule"], f["message"]) for f in r["findings"] if f["severity"] == "error"]
              for r in results}
    assert all(r["error"] is None for r in results), [r["error"] for r in results]
    assert not any(errors.values()), {k: v for k, v in errors.items() if v}


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_pdfua_finds_nothing_and_skips_no_rule(built, edition):
    pytest.importorskip("pdfua")
    for pdf in _docs(built, edition):
        run = subprocess.run(["pdfua", "check", "--format", "json", str(pdf)], capture_output=True, text=True)
        report = json.loads(run.stdout)
        assert report["summary"]["findings"] == 0, (pdf.name, report["findings"])
        assert report["summary"]["rules_skipped"] == 0, (pdf.name, report["skipped"])
        assert run.returncode == 0


# ---------------------------------------------------------------------------------------------- the walker


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_all_content_is_in_the_tree_or_an_artifact(built, edition):
    for pdf in _docs(built, edition):
        doc = walker.read(pdf)
        assert doc.problems == [], (pdf.name, doc.problems[:10])
        assert doc.nodes and doc.nodes[0].tag == "Document"
        assert sum(len(page.texts) for page in doc.pages) > 20


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_heading_levels_never_skip(built, edition):
    for pdf in _docs(built, edition):
        assert walker.heading_problems(walker.read(pdf)) == [], pdf.name


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_every_font_is_embedded_with_a_unicode_map(built, edition):
    """Every font a page's content uses (list labels included). A form's fields are drawn by the viewer in one of
    PDF's standard fonts, the only ones AcroForm fields may name: the README says so."""
    for pdf in _docs(built, edition):
        with pikepdf.open(pdf) as opened:
            for index, page in enumerate(opened.pages):
                used = walker.read_fonts(page)
                assert used, f"{pdf.name} page {index + 1}: no font read"
                problems = [p for name, font in used.items() for p in walker.font_problems(font, name)]
                assert problems == [], (pdf.name, index + 1, problems)


@needs_poppler
@pytest.mark.parametrize("edition", list(EDITIONS))
def test_the_tree_reads_as_the_pages_do(built, edition, demo_root):
    """What a screen reader reads (the tree's text in tree order) is what a sighted reader reads (the page's
    text, panel by panel in the layout's reading order, as pdftotext extracts it): every word, in order,
    hyphenated words whole, no words run together at line ends."""
    for pdf in _docs(built, edition):
        doc = walker.read(pdf)
        tree = walker.comparable(walker.words(walker.tree_text(doc)))
        page = walker.comparable(walker.words(reading_text(pdf, edition, demo_root)))
        assert tree == page, (pdf.name, walker.first_difference(tree, page))


# ---------------------------------------------------------------------------------------- intended order


def _yaml(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def _intended(pdf: Path, edition: str) -> list[str]:
    """Strings in the order a reader meets them, from the content files: title, main message, block headings
    slot by slot (the cover, the flap, the inside, the back), the call bar and appointment box, small print."""
    document, lang = pdf.name.split(".")[:2]
    spec = _yaml(REPO / "content/documents" / f"{document}.yaml")
    folder = REPO / TOPIC_DIR / ("" if lang == "en" else lang)
    topic = _yaml(folder / "topic.yaml")
    own = _yaml(folder / "documents.yaml").get(document, {}) if lang != "en" else spec
    title = own.get("title") or topic["title"]
    message = " ".join((own.get("main_message") or topic["main_message"]).split()[:4])
    strings = _yaml(REPO / "layouts/strings" / f"{lang}.yaml")
    one_column = edition in ("digital", "large-print")
    heads = [_yaml(folder / f"{name}.yaml")["heading"] for slot, names in spec["slots"].items()
             if slot != "smallprint" for name in names if one_column or name not in spec.get("digital_only", [])]
    out = [title, message, *heads]
    if spec["layout"] == "aftercare" and not one_column:
        out += [strings["questions"], strings["next_appointment"]]
    small = _yaml(folder / "disclaimer.yaml")["body"][0]["p"].split()[:4]
    return [*out, " ".join(small)]


@needs_poppler
@pytest.mark.parametrize("edition", list(EDITIONS))
def test_struct_text_reads_in_the_intended_order(built, edition):
    for pdf in _docs(built, edition):
        text = " ".join(subprocess.run(["pdfinfo", "-struct-text", str(pdf)], capture_output=True, text=True,
                                       check=True).stdout.replace("\u00a0", " ").split())
        at = 0
        for wanted in _intended(pdf, edition):  # each after the one before
            found = text.find(" ".join(wanted.split()), at)
            assert found >= 0, f"{pdf.name}: {wanted!r} is not read after {text[max(0, at - 60):at]!r}"
            at = found + 1


# --------------------------------------------------------------------------------------- what it holds


def _urgent_title(pdf: Path) -> str:
    """The urgent box's title as written, up to its first template value."""
    lang = pdf.name.split(".")[1]
    block = _yaml(REPO / TOPIC_DIR / ("" if lang == "en" else lang) / "warning_signs.yaml")
    return block["body"][0]["callout"]["title"].split("{{")[0].strip()


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_lists_links_and_call_out_titles(built, edition):
    for pdf in _docs(built, edition):
        doc = walker.read(pdf)
        nodes = doc.nodes
        items = [n for n in nodes if n.tag == "LI"]
        labelled = 0
        for item in items:
            kinds = [k.tag for k in item.kids if isinstance(k, walker.Node)]
            assert kinds in (["Lbl", "LBody"], ["LBody"]), (pdf.name, kinds)  # a tick box is no label
            if kinds[0] == "Lbl":
                labelled += 1
                assert re.fullmatch(r"•|\d+\.", walker.text_of(doc, item.kids[0]).strip()), pdf.name
        assert labelled >= 10, f"{pdf.name}: {labelled} list items with a label"
        urgent = _urgent_title(pdf)
        titles = [walker.text_of(doc, n) for n in nodes if n.tag == "H3"]
        assert any(t.startswith(urgent) for t in titles), (pdf.name, urgent, titles)
        for link in (n for n in nodes if n.tag == "Link"):
            annots = [k for k in link.kids if isinstance(k, str)]
            assert annots and walker.text_of(doc, link).strip(), (pdf.name, "a link without its text or annotation")
            assert link.alt and all(a.split(":", 1)[1] == link.alt for a in annots), (pdf.name, link.alt, annots)
        if edition == "print":  # a print-shop file carries no annotations
            assert not any(n.tag == "Link" for n in nodes)
        elif "brochure" in pdf.name:
            alts = [n.alt for n in nodes if n.tag == "Link"]
            assert any("@" in a for a in alts) and any("/book/" in a for a in alts), (pdf.name, alts)


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_bold_text_is_strong_and_strong_reads_as_a_span(built, edition):
    for pdf in _docs(built, edition):
        doc = walker.read(pdf)
        assert doc.role_map.get("Strong") == "Span"
        strong = [walker.text_of(doc, n) for n in doc.nodes if n.tag == "Strong"]
        assert strong, pdf.name
        assert all(s.strip() for s in strong)


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_hyphenated_words_read_whole(built, edition):
    found = 0
    for pdf in _docs(built, edition):
        doc = walker.read(pdf)
        for span in (n for n in doc.nodes if n.actual is not None):
            drawn = "".join(doc.pages[p].texts[m] for p, m in span.content)
            assert drawn.rstrip().endswith(span.actual.rstrip()[-1]), (pdf.name, drawn, span.actual)
            assert re.sub(r"[-\u00ad](?=\S)", "", drawn, count=1).strip() == span.actual, (pdf.name, drawn)
            found += 1
    if edition in ("office", "print"):
        assert found >= 10, f"only {found} hyphenated words in the {edition} edition"


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_bookmarks_for_every_heading_of_a_multi_page_document(built, edition):
    for pdf in _docs(built, edition):
        doc = walker.read(pdf)
        headings = [" ".join(walker.text_of(doc, n).split()) for n in doc.nodes if re.fullmatch(r"H\d", n.tag)]
        with pikepdf.open(pdf) as opened, opened.open_outline() as outline:
            titles = walker.outline_titles(outline.root)
            pages = len(opened.pages)
        assert titles == (headings if pages > 1 else []), pdf.name


@pytest.mark.parametrize("edition", list(EDITIONS))
def test_page_furniture_is_an_artifact(built, edition):
    for pdf in _docs(built, edition):
        doc = walker.read(pdf)
        kinds = {kind for page in doc.pages for kind, _ in page.artifacts}
        assert "Layout" in kinds, pdf.name  # bands, boxes, rules
        if edition == "print":
            assert "Page" in kinds, pdf.name  # crop and fold marks
        texts = [text for page in doc.pages for kind, text in page.artifacts if kind == "Pagination"]
        if edition in ("digital", "large-print"):
            assert any(t.strip().endswith(str(n)) for n, t in enumerate(texts, 1)) or texts, pdf.name
            assert all("DN-SCI-01" in " ".join(texts[i:i + 2]) for i in range(0, len(texts), 2)), texts[:4]
        tree = walker.tree_text(doc)
        assert "DN-SCI-01 ·" not in tree or edition not in ("digital", "large-print") or \
            tree.count("DN-SCI-01") == 1, pdf.name  # the folio is not read out on every page
