"""The large-print edition, read back by tools we did not write: MuPDF (``mutool draw -F stext``: every character
with its font size, position and colour) and poppler (``pdftotext``, ``pdfinfo -struct-text``). Every character of
every demo document, in every language and on both papers, is 16 pt or more and inside the page; running text is
18 pt; nothing the office edition prints is missing; its colours meet WCAG AAA. Then what ``check`` says of a
broken large-print layout (file and line), and builds refusing when the check or the measurement fails."""

from __future__ import annotations

import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pytest
import yaml

import handouts
from conftest import (
    CLINIC,
    CLINIC_FILE,
    DOCUMENTS,
    LANGUAGES,
    LOCATIONS,
    TOPIC_DIR,
    assert_clean_exit,
    pdfs_under,
    run_build,
    run_cli,
)
from handouts.batch.manifest import Manifest

REPO = Path(__file__).resolve().parents[2]
PAPERS = ("letter", "a4")
JOBS = [(loc, doc, lang) for loc in LOCATIONS for doc in DOCUMENTS for lang in LANGUAGES[loc]]
BODY, SMALLEST, INSIDE = 18.0, 16.0, 18.0  # points: running text, anything, margin from every page edge
FOLIO = 0.9 * 72  # the foot of each page: the clinic, the document code and the page number

needs_mutool = pytest.mark.skipif(shutil.which("mutool") is None, reason="mutool (Debian: mupdf-tools)")
needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (Debian: poppler-utils)")


@dataclass(frozen=True)
class Line:
    page: int
    text: str
    size: float  # the smallest character's
    box: tuple[float, float, float, float]  # x0, top, x1, bottom, from the page's top left
    colors: frozenset[str]
    page_size: tuple[float, float]


def lines(pdf: Path) -> list[Line]:
    """Every line of text MuPDF finds, page by page, top to bottom (spaces left out of sizes and boxes)."""
    xml = subprocess.run(["mutool", "draw", "-F", "stext", "-o", "-", str(pdf)], check=True,
                         capture_output=True).stdout
    out = []
    for number, page in enumerate(ET.fromstring(xml).iter("page"), 1):
        size = (float(page.get("width", "0")), float(page.get("height", "0")))
        for line in page.iter("line"):
            text, sizes, xs, ys, colors = "", [], [], [], set()
            for font in line.iter("font"):
                for ch in font.iter("char"):
                    c = ch.get("c", "")
                    text += c
                    if not c.strip():
                        continue
                    quad = [float(v) for v in ch.get("quad", "").split()]
                    xs += quad[0::2]
                    ys += quad[1::2]
                    sizes.append(float(font.get("size", "0")))
                    colors.add(ch.get("color", ""))
            if sizes:
                out.append(Line(number, " ".join(text.split()), min(sizes), (min(xs), min(ys), max(xs), max(ys)),
                                frozenset(colors), size))
    return out


@pytest.fixture(scope="module")
def large_print(tmp_path_factory, demo_root) -> dict[str, Path]:
    """The large-print edition of the whole demo, once on Letter and once on A4: {paper: output folder}."""
    out = {}
    for paper in PAPERS:
        folder = tmp_path_factory.mktemp(f"large-print-{paper}")
        assert_clean_exit(run_build(demo_root, folder, "--edition", "large-print", "--paper", paper), 0)
        out[paper] = folder
    return out


def _path(out: Path, loc: str, doc: str, lang: str, edition: str = ".large-print") -> Path:
    return out / CLINIC / loc / f"{doc}.{lang}{edition}.pdf"


# ----------------------------------------------------------------------------------- what the PDFs hold


@needs_mutool
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize(("loc", "doc", "lang"), JOBS)
def test_every_character_is_16_pt_or_more_and_inside_the_page(large_print, paper, loc, doc, lang):
    found = lines(_path(large_print[paper], loc, doc, lang))
    assert found
    width, height = {"letter": (612.0, 792.0), "a4": (595.28, 841.89)}[paper]
    for line in found:
        assert line.size >= SMALLEST - 0.01, f"page {line.page}: {line.size} pt: {line.text!r}"
        assert line.page_size == pytest.approx((width, height), abs=0.01)
        x0, top, x1, bottom = line.box
        assert x0 >= INSIDE and top >= INSIDE and x1 <= width - INSIDE and bottom <= height - INSIDE, \
            f"page {line.page}: {line.text!r} at {line.box} is not a quarter inch inside the page"


def _running_text(doc: str, lang: str) -> list[str]:
    """The first words of every paragraph, list item and call-out line of the document's teaching blocks, from
    the YAML (those without template variables or links, whose printed form is their written one)."""
    spec = yaml.safe_load((REPO / "content/documents" / f"{doc}.yaml").read_text())
    folder = REPO / TOPIC_DIR / ("" if lang == "en" else lang)
    out = []
    for slot, names in spec["slots"].items():
        if slot == "smallprint":
            continue
        for name in names:
            for item in yaml.safe_load((folder / f"{name}.yaml").read_text())["body"]:
                key, value = next(iter(item.items()))
                if key == "p":
                    texts = [value]
                elif key in ("bullets", "steps"):
                    texts = value
                elif key == "callout":
                    texts = [value.get("text", ""), *value.get("bullets", [])]
                else:
                    continue
                out += [" ".join(text.replace("*", "").split()[:3]) for text in texts
                        if text and "{{" not in text and "[" not in text]
    return out


@needs_mutool
@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize(("loc", "doc", "lang"), JOBS)
def test_running_text_is_18_pt_and_only_the_small_print_is_smaller(large_print, paper, loc, doc, lang):
    found = lines(_path(large_print[paper], loc, doc, lang))
    height = found[0].page_size[1]
    body = [line for line in found if line.box[3] < height - FOLIO]  # the page numbers' foot left out
    expected = _running_text(doc, lang)
    assert len(expected) > 8
    for words in expected:
        matches = [line for line in body if line.text.lstrip("•0123456789. ").startswith(words)]
        assert matches, f"{words!r} is not at the start of any line"
        assert all(line.size >= BODY - 0.01 for line in matches), f"{words!r}: {[m.size for m in matches]} pt"
    # Text under 18 pt is the small print at the end of the document (and the page foot): once it starts,
    # nothing of the running text follows.
    small = [i for i, line in enumerate(body) if line.size < BODY - 0.01]
    assert small and small == list(range(small[0], len(body))), [body[i].text for i in small]
    folder = REPO / TOPIC_DIR / ("" if lang == "en" else lang)
    disclaimer = yaml.safe_load((folder / "disclaimer.yaml").read_text())["body"][0]["p"]
    assert body[small[0]].text.startswith(" ".join(disclaimer.split()[:3]))  # the small print, from its start
    feet = [line for line in found if line.box[3] >= height - FOLIO]
    assert {line.page for line in feet} == {line.page for line in found}  # a foot on every page
    assert all(line.size >= SMALLEST - 0.01 for line in feet)


def _words(text: str) -> set[str]:
    return set(re.findall(r"[^\W_]+", text.lower()))


def _pdftotext(path: Path) -> str:
    return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True,
                          text=True).stdout


def _mutool_text(path: Path) -> str:
    """The text MuPDF reads, lines as they are set (a hyphen at a line end kept)."""
    return subprocess.run(["mutool", "draw", "-F", "txt", "-o", "-", str(path)], check=True,
                          capture_output=True).stdout.decode()


@needs_mutool
@pytest.mark.parametrize(("loc", "doc", "lang"), JOBS)
def test_nothing_the_office_edition_prints_is_dropped(large_print, demo_out, loc, doc, lang):
    office = _mutool_text(_path(demo_out, loc, doc, lang, ""))
    paper = "a4" if loc == "leeds-headingley" else "letter"
    large = _words(_mutool_text(_path(large_print[paper], loc, doc, lang)))
    # A word broken at its own hyphen at a line end (portland-\npearl) counts as found when both parts are.
    broken = {(a + b).lower(): (a.lower(), b.lower()) for a, b in re.findall(r"(\w+)-\n(\w+)", office)}
    whole = _words(re.sub(r"(\w)-\n(\w)", r"\1\2", office))  # a word hyphenated at a line end, whole again
    missing = {word for word in whole - large if not (word in broken and set(broken[word]) <= large)}
    assert not missing, f"words of the office edition missing from large print: {sorted(missing)}"


def _luminance(hex_color: str) -> float:
    """WCAG 2.1 relative luminance of #rrggbb."""
    channels = [int(hex_color[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    r, g, b = (c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


@needs_mutool
@pytest.mark.parametrize(("loc", "doc", "lang"), [j for j in JOBS if j[2] == "en"])
def test_every_colour_of_text_meets_wcag_aaa_on_the_page_and_the_tint(large_print, loc, doc, lang):
    brand = yaml.safe_load((REPO / CLINIC_FILE).read_text())["brand"]["colors"]
    grounds = [brand["background"], brand["tint"]]  # the page, and the boxes running text sits in
    for line in lines(_path(large_print["letter"], loc, doc, lang)):
        needed = 4.5 if line.size >= BODY - 0.01 else 7.0
        for color in line.colors:
            for ground in grounds:
                assert _contrast(color, ground) >= needed, f"{line.text!r}: {color} on {ground}"


@needs_poppler
def test_tagged_in_reading_order_with_the_appointment_box_and_the_call_bar(large_print):
    path = _path(large_print["letter"], "portland-pearl", "dry-needling-aftercare", "en")
    with pikepdf.open(path) as pdf:
        assert pdf.Root.MarkInfo.Marked is True and "/StructTreeRoot" in pdf.Root
        assert str(pdf.Root.Lang) == "en-US"
    text = subprocess.run(["pdfinfo", "-struct-text", str(path)], capture_output=True, text=True,
                          check=True).stdout
    order = ["Physical therapy that helps you move again", "After your dry needling session",
             "Questions or worried after your session?", "Call us. Open Mon–Fri 7am–7pm; Sat 8am–1pm",
             "Warning signs", "The areas treated", "Your next appointment", '"Date', '"Time', '"With',
             "Areas treated", "Piriformis", "Hamstrings", '"Notes', "Contact us", "This gives general advice"]
    positions = [text.find(words) for words in order]
    assert -1 not in positions, [w for w, p in zip(order, positions, strict=True) if p < 0]
    assert positions == sorted(positions)


def test_a_brochure_has_no_appointment_box_and_the_urgent_box_stays_on_one_page(large_print):
    text = _pdftotext(_path(large_print["a4"], "leeds-headingley", "dry-needling-brochure", "en"))
    assert "Your next appointment" not in text and "Questions or worried" not in text
    pages = text.split("\f")
    urgent = [n for n, page in enumerate(pages) if "Get urgent help" in page]
    assert len(urgent) == 1 and "Less feeling during sex" in pages[urgent[0]]


# -------------------------------------------------------------------- the API, the manifest, the listing


def test_render_outputs_manifest_and_list(demo_root, large_print):
    project = handouts.load_project(demo_root)
    pdf = handouts.render(project, "dry-needling-aftercare", location="leeds-headingley", lang="en",
                          edition="large-print")
    assert pdf.startswith(b"%PDF-")
    built = _path(large_print["a4"], "leeds-headingley", "dry-needling-aftercare", "en").read_bytes()
    assert pdf == built  # the same bytes as the build made
    names = [p.as_posix() for p in handouts.outputs(project, edition="large-print")]
    assert names == [p.removesuffix(".pdf") + ".large-print.pdf" for p in
                     (q.as_posix() for q in handouts.outputs(project))]
    assert sorted(names) == pdfs_under(large_print["letter"])
    entries = Manifest(large_print["letter"]).entries
    assert {entry.edition for entry in entries.values()} == {"large-print"} and len(entries) == len(names)
    listing = run_cli("list", "--project", demo_root)
    assert "  large-print: one column for readers with low vision" in listing.output
    outputs = run_cli("list", "--outputs", "--edition", "large-print", "--project", demo_root)
    assert outputs.output.split() == names


# ---------------------------------------------------------------------------------- check and refusal


def _line_of(path: Path, start: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if line.startswith(start))


def test_check_names_the_file_line_and_style_of_a_broken_large_print_layout(project_copy, edit):
    layout = edit("layouts/large-print.yaml", "small: {size: 16pt, leading: 24pt", "small: {size: 12pt, leading: 24pt")
    edit("layouts/large-print.yaml", "body: {size: 18pt, leading: 27pt", "body: {size: 18pt, leading: 22pt")
    result = run_cli("check", "--project", project_copy)
    assert_clean_exit(result, 1)
    small, body = _line_of(layout, "  small:"), _line_of(layout, "  body:")
    assert (f"layouts/large-print.yaml:{small}: error: layout 'large-print': style 'small' is 12 pt; large print "
            f"sets nothing under 16 pt (small print, labels and page numbers included) [type-size]") in result.output
    assert (f"layouts/large-print.yaml:{body}: error: layout 'large-print': style 'body' has 22 pt leading on 18 pt "
            f"text (1.22×); large print spaces lines at least 1.5× their size [leading]") in result.output
    assert "fix: set styles.small.size to 16pt or more" in result.output


def test_check_holds_each_edition_layout_to_its_own_minimum(project_copy, edit):
    # The digital layout's body under its own 14 pt; a Spanish override of the large-print list under 18 pt.
    edit("layouts/digital.yaml", "body: {size: 14pt, leading: 19pt", "body: {size: 13pt, leading: 19pt")
    layout = project_copy / "layouts/large-print.yaml"
    layout.write_text(layout.read_text() + "language_styles:\n  es:\n    list: {size: 17pt}\n")
    report = handouts.check(project_copy)
    found = {(Path(f.file).relative_to(project_copy).as_posix(), f.line, f.message) for f in report.findings
             if f.code == "type-size"}
    assert found == {
        ("layouts/digital.yaml", _line_of(project_copy / "layouts/digital.yaml", "  body:"),
         "layout 'digital': style 'body' is 13 pt; the minimum is 14 pt"),
        ("layouts/large-print.yaml", _line_of(layout, "    list:"),
         "layout 'large-print': style 'list' in 'es' is 17 pt; the minimum is 18 pt (large print)"),
    }


def test_check_large_print_passes_on_the_demo_and_leaves_the_print_layouts_alone(demo_root):
    result = run_cli("check", "--large-print", "--project", demo_root)
    assert_clean_exit(result, 0)
    assert "trifold" not in " ".join(line for line in result.output.splitlines() if "type-size" in line)
    assert re.search(r"dry-needling-brochure in large print: 10 file\(s\), \d+–?\d* pages each; smallest type "
                     r"16 pt; most text 18 pt", result.output)


def test_a_build_refuses_when_its_check_fails(project_copy, edit, tmp_path):
    layout = edit("layouts/large-print.yaml", "list: {size: 18pt", "list: {size: 15pt")
    out = tmp_path / "out"
    result = run_build(project_copy, out, "--edition", "large-print")
    assert_clean_exit(result, 1)
    assert "the checks found errors, so nothing was built" in result.output
    assert f"layouts/large-print.yaml:{_line_of(layout, '  list:')}: error: layout 'large-print': style 'list' is " \
           f"15 pt; the minimum is 18 pt (large print)" in result.output
    assert pdfs_under(out) == []
    with pytest.raises(handouts.HandoutsError, match="style 'list' is 15 pt"):
        handouts.render(handouts.load_project(project_copy), "dry-needling-aftercare", location="portland-pearl",
                        lang="en", edition="large-print")


def test_a_build_refuses_a_file_with_text_it_cannot_set_at_16_pt(project_copy, edit, tmp_path):
    # A label drawn inside a figure is scaled with it: 6.5 pt in large print, so that file is refused.
    edit(f"{TOPIC_DIR}/figure-sciatic-nerve.svg", "</svg>",
         '<text x="70" y="200" font-size="9" font-family="Atkinson Hyperlegible Next">Sciatic nerve</text></svg>')
    out = tmp_path / "out"
    result = run_build(project_copy, out, "--edition", "large-print", "--location", "portland-pearl")
    assert_clean_exit(result, 1)
    assert "the large-print measurement (every character 16 pt or more" in result.output
    assert "text 'Sciatic nerve'" in result.output and "6.5 pt text; needs at least 16.0 pt" in result.output
    assert pdfs_under(out) == ["smith-jones/portland-pearl/dry-needling-aftercare.en.large-print.pdf",
                               "smith-jones/portland-pearl/dry-needling-aftercare.es.large-print.pdf"]
    report = handouts.check(project_copy, large_print=True)
    assert any(f.code == "text-size" and "Sciatic nerve" in str(f) for f in report.findings)


def test_a_document_set_in_a_layout_that_is_not_large_print(project_copy, edit, tmp_path):
    document = edit("content/documents/dry-needling-brochure.yaml", "digital_only: [aftercare]",
                    "digital_only: [aftercare]\nlarge_print_layout: digital")
    report = handouts.check(project_copy)
    finding = next(f for f in report.findings if f.code == "large-print")
    assert finding.severity == "error" and finding.line == _line_of(document, "large_print_layout:")
    assert "its large-print edition is set in layout 'digital', which is not a large-print layout" in finding.message
    assert_clean_exit(run_build(project_copy, tmp_path / "out", "--edition", "large-print"), 1)
