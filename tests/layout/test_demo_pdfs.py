"""The demo PDFs, read back with pypdf: pages, sizes, text, fonts, metadata, links, determinism, positions."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import ArrayObject, BooleanObject, DictionaryObject, IndirectObject

from conftest import CLINIC, CLINIC_FILE, LOCATIONS, REPO_ROOT, TOPIC_DIR, assert_clean_exit, run_build

BROCHURE, AFTERCARE = "dry-needling-brochure", "dry-needling-aftercare"
CLINIC_NAME = "Smith & Jones Physio"

# What the demo's clinic file says about each location, written out so a wrong merge cannot go unnoticed.
EXPECTED = {
    "portland-pearl": {
        "name": "Pearl District, Portland",
        "phone": "(503) 555-0142",
        "booking_url": "https://smithjonesphysio.example/book/portland-pearl",
        "paper": "letter",
        "lang": "en-US",
        "next_review": "Next review November 1, 2028",
    },
    "austin-zilker": {
        "name": "Zoë Hart Clinic, Zilker",
        "phone": "(512) 555-0187",
        "booking_url": {lang: f"https://smithjonesphysio.example/book/austin-zilker?src=leaflet&lang={lang}"
                        for lang in ("en", "es")},
        "paper": "letter",
        "lang": "en-US",
        "next_review": "Next review November 1, 2028",
    },
    "leeds-headingley": {
        "name": "Headingley, Leeds",
        "phone": "0113 496 0321",
        "booking_url": "https://smithjonesphysio.example/uk/book/leeds",
        "paper": "a4",
        "lang": "en-GB",
        "next_review": "Next review 1 November 2028",
    },
}

MM = 72 / 25.4
# (width, height) in points of each document on each paper.
SIZES = {
    (BROCHURE, "letter"): (792.0, 612.0),
    (BROCHURE, "a4"): (841.89, 595.28),
    (AFTERCARE, "letter"): (612.0, 792.0),
    (AFTERCARE, "a4"): (595.28, 841.89),
}
# x range of the brochure's back panel (second column of the outside page), from layouts/trifold.yaml.
BACK_PANEL_X = {"letter": (3.625 * 72, (3.625 + 3.6875) * 72), "a4": (97 * MM, 197 * MM)}


@cache
def _reader(path: str) -> PdfReader:
    return PdfReader(path)


def pdf(out: Path, location: str, document: str) -> PdfReader:
    path = out / CLINIC / location / f"{document}.en.pdf"
    assert path.is_file(), f"not built: {path}"
    return _reader(str(path))


def squash(text: str) -> str:
    """Text with every run of whitespace (including line breaks from wrapping) as one space."""
    return " ".join(text.split())


def page_text(reader: PdfReader, index: int | None = None) -> str:
    pages = reader.pages if index is None else [reader.pages[index]]
    return squash(" ".join(p.extract_text() for p in pages))


def text_runs(page) -> list[tuple[str, float, float]]:
    """(text, x, y) of every non-blank text run on the page, in page coordinates."""
    runs = []

    def visit(text, cm, tm, font_dict, font_size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            runs.append((text.strip(), x, y))

    page.extract_text(visitor_text=visit)
    return runs


def demo_pdfs(out: Path) -> list[Path]:
    paths = sorted(out.rglob("*.pdf"))
    assert len(paths) == 10  # 3 locations × 2 documents, and Spanish for the 2 US locations
    return paths


def _yaml(relative: str):
    return yaml.safe_load((REPO_ROOT / relative).read_text(encoding="utf-8"))


# ------------------------------------------------------------------------------------------------------ pages


@pytest.mark.parametrize("location", LOCATIONS)
def test_page_counts(demo_out, location):
    assert len(pdf(demo_out, location, BROCHURE).pages) == 2
    assert len(pdf(demo_out, location, AFTERCARE).pages) == 1


@pytest.mark.parametrize("location", LOCATIONS)
@pytest.mark.parametrize("document", [BROCHURE, AFTERCARE])
def test_page_sizes(demo_out, location, document):
    width, height = SIZES[(document, EXPECTED[location]["paper"])]
    for page in pdf(demo_out, location, document).pages:
        assert float(page.mediabox.width) == pytest.approx(width, abs=0.05)
        assert float(page.mediabox.height) == pytest.approx(height, abs=0.05)


# ------------------------------------------------------------------------------------------------------- text


@pytest.mark.parametrize("location", LOCATIONS)
def test_brochure_outside_names_clinic_location_and_phone(demo_out, location):
    text = page_text(pdf(demo_out, location, BROCHURE), 0)
    assert CLINIC_NAME in text
    assert "&amp;" not in text and "&;" not in text
    assert EXPECTED[location]["name"] in text
    assert EXPECTED[location]["phone"] in text


def test_non_ascii_location_name_prints_as_written(demo_out):
    brochure = page_text(pdf(demo_out, "austin-zilker", BROCHURE), 0)
    aftercare = page_text(pdf(demo_out, "austin-zilker", AFTERCARE))
    assert "Zoë Hart Clinic, Zilker" in brochure
    assert f"{CLINIC_NAME} · Zoë Hart Clinic, Zilker" in aftercare


def _block_headings(*slots: str) -> list[str]:
    """Headings of the blocks the printed brochure sets in ``slots`` (not those left to the digital edition)."""
    spec = _yaml("content/documents/dry-needling-brochure.yaml")
    names = [name for slot in slots for name in spec["slots"][slot] if name not in spec.get("digital_only", [])]
    return [_yaml(f"{TOPIC_DIR}/{name}.yaml")["heading"] for name in names]


def test_brochure_prints_nine_blocks():
    # Guards the next test against silently checking nothing.
    assert len(_block_headings("flap", "flow", "back")) == 9


@pytest.mark.parametrize("location", LOCATIONS)
def test_brochure_shows_every_block_heading(demo_out, location):
    text = page_text(pdf(demo_out, location, BROCHURE))
    missing = [h for h in _block_headings("flap", "flow", "back") if squash(h) not in text]
    assert missing == []


@pytest.mark.parametrize("location", LOCATIONS)
def test_aftercare_shows_phone_and_appointment_box(demo_out, location):
    text = page_text(pdf(demo_out, location, AFTERCARE))
    assert EXPECTED[location]["phone"] in text
    assert "Your next appointment" in text
    # The phone is filled into the content too ('Call us at {{ location.phone }} if').
    assert f"Call us at {EXPECTED[location]['phone']} if" in text


@pytest.mark.parametrize("location", LOCATIONS)
@pytest.mark.parametrize("document", [BROCHURE, AFTERCARE])
def test_small_print_has_governance_line(demo_out, location, document):
    reader = pdf(demo_out, location, document)
    text = page_text(reader, 0)  # brochure: the back panel is on the outside page
    assert "DN-SCI-01 · Version 0.1" in text
    assert EXPECTED[location]["next_review"] in text


def test_emergency_number_follows_locale(demo_out):
    assert "Get urgent help: call 911" in page_text(pdf(demo_out, "portland-pearl", AFTERCARE))
    assert "Get urgent help: call 999" in page_text(pdf(demo_out, "leeds-headingley", AFTERCARE))


# -------------------------------------------------------------------------------------------------- positions


@pytest.mark.parametrize("location", LOCATIONS)
def test_phone_line_sits_on_back_panel(demo_out, location):
    phone, paper = EXPECTED[location]["phone"], EXPECTED[location]["paper"]
    runs = [r for r in text_runs(pdf(demo_out, location, BROCHURE).pages[0]) if r[0] == phone]
    assert runs, f"no text run reading exactly {phone!r} on page 1"
    low, high = BACK_PANEL_X[paper]
    for _, x, _ in runs:
        assert low <= x <= high


# ------------------------------------------------------------------------------------------------------ fonts


def _font_dicts(reader: PdfReader) -> list[DictionaryObject]:
    """Every font dictionary used by a page or by a form XObject drawn on it."""
    fonts, seen = [], set()

    def walk(resources):
        resources = resources.get_object() if resources is not None else None
        if not resources:
            return
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            if id(font) not in seen:
                seen.add(id(font))
                fonts.append(font)
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            key = ("x", ref.idnum) if isinstance(ref, IndirectObject) else id(xobject)
            if key not in seen and "/Resources" in xobject:
                seen.add(key)
                walk(xobject["/Resources"])

    for page in reader.pages:
        walk(page.get("/Resources"))
    return fonts


def _embedded(font: DictionaryObject) -> bool:
    if font.get("/Subtype") == "/Type0":
        return all(_embedded(d.get_object()) for d in font["/DescendantFonts"])
    descriptor = font.get("/FontDescriptor")
    if descriptor is None:
        return False
    return any(key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3"))


def _reachable_font_names(reader: PdfReader) -> set[str]:
    """/BaseFont and /FontName of every object reachable from the trailer."""
    names, seen = set(), set()
    stack = [reader.trailer]
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if obj.idnum in seen:
                continue
            seen.add(obj.idnum)
            stack.append(obj.get_object())
        elif isinstance(obj, DictionaryObject):
            names.update(str(obj[k]) for k in ("/BaseFont", "/FontName") if k in obj)
            stack.extend(v for k, v in obj.items() if k != "/Parent")
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return names


def test_every_font_is_embedded(demo_out):
    for path in demo_pdfs(demo_out):
        fonts = _font_dicts(_reader(str(path)))
        assert fonts, f"{path}: no fonts found"
        not_embedded = [str(f.get("/BaseFont")) for f in fonts if not _embedded(f)]
        assert not_embedded == [], path


def test_no_helvetica_anywhere(demo_out):
    for path in demo_pdfs(demo_out):
        names = _reachable_font_names(_reader(str(path)))
        assert any("AtkinsonHyperlegibleNext" in n for n in names), path
        assert [n for n in names if "helvetica" in n.lower()] == [], path
        assert b"Helvetica" not in path.read_bytes(), path


# --------------------------------------------------------------------------------------------------- metadata


@pytest.mark.parametrize("location", LOCATIONS)
@pytest.mark.parametrize(
    "document, title",
    [
        (BROCHURE, _yaml(f"{TOPIC_DIR}/topic.yaml")["title"]),
        (AFTERCARE, _yaml("content/documents/dry-needling-aftercare.yaml")["title"]),
    ],
)
def test_metadata(demo_out, location, document, title):
    reader = pdf(demo_out, location, document)
    info = reader.metadata
    assert title in info["/Title"]
    assert info["/Author"] == CLINIC_NAME
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == EXPECTED[location]["lang"]
    display_title = catalog["/ViewerPreferences"]["/DisplayDocTitle"]
    assert isinstance(display_title, BooleanObject) and bool(display_title) is True


# ------------------------------------------------------------------------------------------------------ links


def _uri_links(page) -> list[tuple[str, list[float]]]:
    out = []
    for ref in page.get("/Annots") or []:
        annot = ref.get_object()
        action = annot.get("/A")
        if annot.get("/Subtype") == "/Link" and action and action.get("/S") == "/URI":
            out.append((str(action["/URI"]), [float(v) for v in annot["/Rect"]]))
    return out


def test_booking_url_comes_from_the_clinic_file():
    # The expectations above must match the demo data, or the link tests would check the wrong thing.
    clinic = _yaml(CLINIC_FILE)
    urls = {loc["id"]: loc["booking_url"] for loc in clinic["locations"]}
    assert urls == {loc: EXPECTED[loc]["booking_url"] for loc in LOCATIONS}


@pytest.mark.parametrize("location", LOCATIONS)
def test_back_panel_links_to_booking_url(demo_out, location):
    url, paper = EXPECTED[location]["booking_url"], EXPECTED[location]["paper"]
    url = url["en"] if isinstance(url, dict) else url  # the English edition's page
    links = _uri_links(pdf(demo_out, location, BROCHURE).pages[0])
    low, high = BACK_PANEL_X[paper]
    on_back = [rect for uri, rect in links if uri == url and low <= rect[0] and rect[2] <= high]
    assert on_back, links


# ------------------------------------------------------------------------------------------------ determinism


def test_same_location_builds_byte_identical(demo_root, demo_out, project_copy, tmp_path):
    first, second, elsewhere = tmp_path / "one", tmp_path / "two", tmp_path / "copy"
    for project, out in ((demo_root, first), (demo_root, second), (project_copy, elsewhere)):
        assert_clean_exit(run_build(project, out, BROCHURE, "--location", "portland-pearl"), 0)
    relative = Path(CLINIC, "portland-pearl", f"{BROCHURE}.en.pdf")
    data = (first / relative).read_bytes()
    assert data == (second / relative).read_bytes()
    # Nor does the output depend on where the project lives, or on what was built before in the process.
    assert data == (elsewhere / relative).read_bytes()
    assert data == (demo_out / relative).read_bytes()
