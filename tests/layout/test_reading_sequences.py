"""The demo read as a reader opens it, from what was placed in the PDFs (MuPDF's text extraction): every
brochure and aftercare sheet, for every location, language and paper. The flap starts and ends its own text,
inside-1 opens on a heading (no stray bullet), no panel or column ends in a heading, and every heading has at
least two lines under it; the planted case (Portland on A4, in Spanish) among them."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml
from placed import Line, flow_panels, needs_mutool, panel_lines
from pypdf import PdfReader

from conftest import CLINIC, LANGUAGES, LOCATIONS, REPO_ROOT, TOPIC_DIR, assert_clean_exit, run_build

BROCHURE, AFTERCARE = "dry-needling-brochure", "dry-needling-aftercare"
# Heading and sub-heading sizes of each layout (layouts/*.yaml): a line this big is a heading.
HEADING_SIZES = {BROCHURE: (15.0, 12.0), AFTERCARE: (18.0, 15.0)}
LAYOUTS = {BROCHURE: "trifold", AFTERCARE: "aftercare"}
CASES = [(loc, lang, paper) for loc in LOCATIONS for lang in LANGUAGES[loc] for paper in ("letter", "a4")]

pytestmark = needs_mutool


@pytest.fixture(scope="module")
def both_papers(tmp_path_factory) -> dict[str, Path]:
    """The demo built on each paper for every location (``--paper``), once for this module."""
    outs = {}
    for paper in ("letter", "a4"):
        out = tmp_path_factory.mktemp(f"paper-{paper}") / "out"
        assert_clean_exit(run_build(REPO_ROOT, out, "--paper", paper), 0)
        outs[paper] = out
    return outs


def _pdf(outs: dict[str, Path], loc: str, doc: str, lang: str, paper: str) -> Path:
    return outs[paper] / CLINIC / loc / f"{doc}.{lang}.pdf"


def _is_heading(line: Line, doc: str) -> bool:
    return any(abs(line.size - size) < 0.01 for size in HEADING_SIZES[doc])


def _headings(doc: str, slot: str, lang: str) -> list[str]:
    spec = yaml.safe_load((REPO_ROOT / "content/documents" / f"{doc}.yaml").read_text(encoding="utf-8"))
    folder = REPO_ROOT / TOPIC_DIR / ("" if lang == "en" else lang)
    out = []
    for name in spec["slots"].get(slot, []):
        if name in spec.get("digital_only", []):
            continue
        out.append(" ".join(yaml.safe_load((folder / f"{name}.yaml").read_text(encoding="utf-8"))["heading"]
                            .split()))
    return out


def _panels(outs, loc, doc, lang, paper) -> dict[str, list[Line]]:
    pdf = _pdf(outs, loc, doc, lang, paper)
    found: dict[str, list[Line]] = {}
    for page, ranges in enumerate(flow_panels(REPO_ROOT, LAYOUTS[doc], paper), 1):
        flows = {name: span for name, span in ranges.items() if name != "back"}
        if flows:
            found.update(panel_lines(pdf, page, flows))
    return found


@pytest.mark.parametrize(("loc", "lang", "paper"), CASES)
@pytest.mark.parametrize("doc", [BROCHURE, AFTERCARE])
def test_no_panel_or_column_ends_in_a_heading(both_papers, doc, loc, lang, paper):
    for panel, lines in _panels(both_papers, loc, doc, lang, paper).items():
        assert lines, f"{panel} is empty"
        assert not _is_heading(lines[-1], doc), f"{panel} ends with the heading {lines[-1].text!r}"
        for i, line in enumerate(lines):
            if _is_heading(line, doc) and (i == 0 or not _is_heading(lines[i - 1], doc)):
                rest = lines[i + 1:]
                while rest and _is_heading(rest[0], doc):  # a heading's second line, a sub-heading under it
                    rest = rest[1:]
                under = next((n for n, x in enumerate(rest) if _is_heading(x, doc)), None)
                if under is None:  # the panel ends under this heading: at least two lines of what follows
                    assert len(rest) >= 2, f"{panel}: heading {line.text!r} keeps {len(rest)} line(s) under it"


def test_planted_case_portland_a4_spanish(both_papers):
    """The issue's case: with Portland on A4, the Spanish H2 "Después de su sesión" ended inside-2. It is the
    aftercare sheet's first H2 (the brochure leaves that block to its digital edition): wherever it is set, at
    least two lines follow it in the same panel."""
    seen = 0
    for doc in (BROCHURE, AFTERCARE):
        for panel, lines in _panels(both_papers, "portland-pearl", doc, "es", "a4").items():
            for i, line in enumerate(lines):
                if line.text == "Después de su sesión":
                    seen += 1
                    following = [x for x in lines[i + 1:] if not _is_heading(x, doc)]
                    assert len(following) >= 2, f"{doc} {panel}: the heading ends the panel"
    assert seen >= 1


@pytest.mark.parametrize(("loc", "lang", "paper"), CASES)
def test_brochure_panels_make_sense_when_seen(both_papers, loc, lang, paper):
    """Cover lifted: the flap holds its own blocks, whole, starting with a heading; opened: inside-1 starts
    with a heading, and every block of the inside spread is on the inside page."""
    panels = _panels(both_papers, loc, BROCHURE, lang, paper)
    flap = panels["flap"]
    assert _is_heading(flap[0], BROCHURE), f"the flap starts mid-text: {flap[0].text!r}"
    assert _is_heading(panels["inside-1"][0], BROCHURE), f"inside-1 starts mid-text: {panels['inside-1'][0].text!r}"
    flap_text = " ".join(line.text for line in flap)
    inside_text = " ".join(line.text for p in ("inside-1", "inside-2", "inside-3") for line in panels[p])
    for heading in _headings(BROCHURE, "flap", lang):
        assert heading in flap_text and heading not in inside_text
    for heading in _headings(BROCHURE, "flow", lang):
        assert heading in inside_text and heading not in flap_text


@pytest.fixture(scope="module")
def digital(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("digital") / "out"
    assert_clean_exit(run_build(REPO_ROOT, out, "--digital"), 0)
    return out


@pytest.mark.parametrize(("loc", "lang"), [(loc, lang) for loc in LOCATIONS for lang in LANGUAGES[loc]])
@pytest.mark.parametrize("doc", [BROCHURE, AFTERCARE])
def test_the_urgent_box_stays_on_one_page_of_the_digital_edition(digital, doc, loc, lang):
    """The issue's case: the "Get urgent help" call-out split across pages in every digital aftercare sheet.
    Its title and its last entry are on the same page, whichever page that is."""
    box = yaml.safe_load((REPO_ROOT / TOPIC_DIR / ("" if lang == "en" else lang) / "warning_signs.yaml")
                         .read_text(encoding="utf-8"))["body"][0]["callout"]
    title = box["title"].split(":")[0]
    last = " ".join(box["bullets"][-1].split())
    pdf = digital / CLINIC / loc / f"{doc}.{lang}.digital.pdf"
    pages = PdfReader(pdf).pages
    texts = [" ".join(" ".join(line.text for line in panel_lines(pdf, n, {"page": (0, 1000)})["page"]).split())
             for n in range(1, len(pages) + 1)]
    holding = [n for n, text in enumerate(texts) if title in text]
    assert holding, f"{title!r} not found"
    assert last in texts[holding[0]], f"the box's last entry is not on page {holding[0] + 1}"
