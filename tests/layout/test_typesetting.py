"""Typesetting rules, read back from the demo PDFs with MuPDF (every brochure and aftercare sheet, every
location and language): hyphenation leaves at least three letters on each side, never more than two hyphenated
lines in a row, never in a name, glossary term, URL, e-mail address or phone number; "a. m.", "p. m.", a number
and its unit and a phone number are never split across lines; URLs break only after / . ? & = -. Plus the
rules' own units: the hyphenator, non-breaking spaces, URL breaking and widows."""

from __future__ import annotations

import re

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from placed import Line, flow_panels, needs_mutool, panel_lines
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from conftest import CLINIC, CLINIC_FILE, DOCUMENTS, LANGUAGES, LOCATIONS, REPO_ROOT, TOPIC_DIR
from handouts.layout.paragraphs import Para, line_texts
from handouts.layout.typeset import (
    NBSP,
    URL_BREAK_AFTER,
    TypesetRules,
    address_lines,
    hyphenator,
    spaces,
    typeset,
    typesetting,
)

LAYOUTS = {"dry-needling-brochure": "trifold", "dry-needling-aftercare": "aftercare"}
PAPERS = {"portland-pearl": "letter", "austin-zilker": "letter", "leeds-headingley": "a4"}
PDFS = [(loc, doc, lang) for loc in LOCATIONS for doc in DOCUMENTS for lang in LANGUAGES[loc]]
UNITS = ("h", "horas", "hours", "days", "días", "semana", "semanas", "week", "weeks", "minutes", "minutos", "%")


def _lines(out, loc, doc, lang) -> list[list[Line]]:
    """Each panel's (or column's) lines, flow panels and the back panel, in reading order."""
    pdf = out / CLINIC / loc / f"{doc}.{lang}.pdf"
    panels = []
    for page, ranges in enumerate(flow_panels(REPO_ROOT, LAYOUTS[doc], PAPERS[loc]), 1):
        panels += list(panel_lines(pdf, page, ranges).values())
    return panels


def _protected(lang: str) -> set[str]:
    """Words never hyphenated: names in the clinic file, glossary terms."""
    clinic = yaml.safe_load((REPO_ROOT / CLINIC_FILE).read_text(encoding="utf-8"))
    words = set(clinic["name"].split())
    for loc in clinic["locations"]:
        words.update(re.findall(r"\w+", loc["name"]))
        for line in loc["address"]:
            words.update(re.findall(r"\w+", line))
    topic = yaml.safe_load((REPO_ROOT / TOPIC_DIR / ("" if lang == "en" else lang) / "topic.yaml")
                           .read_text(encoding="utf-8"))
    for entry in topic.get("glossary", []):
        words.update(re.findall(r"\w+", entry["term"]))
    return {w.lower() for w in words if len(w) > 3}


@needs_mutool
@pytest.mark.parametrize(("loc", "doc", "lang"), PDFS)
def test_hyphenation_in_the_pdfs(demo_out, loc, doc, lang):
    protected = _protected(lang)
    hyphenated = 0
    for lines in _lines(demo_out, loc, doc, lang):
        run = 0
        for line, following in zip(lines, lines[1:], strict=False):
            words = line.words
            broken = bool(words) and words[-1].endswith("-") and re.search(r"[a-záéíóúñü]-$", words[-1], re.I)
            if not broken:
                run = 0
                continue
            head = re.sub(r"^\W+", "", words[-1][:-1]).split("-")[-1]
            tail = re.sub(r"\W+$", "", following.words[0]) if following.words else ""
            if not tail[:1].islower():  # a hyphen of the text itself ("follow-\nup" would continue in lower case)
                run = 0
                continue
            hyphenated += 1
            run += 1
            assert run <= 2, f"more than two hyphenated lines in a row: {line.text!r}"
            assert len(head) >= 3 and len(tail) >= 3, f"fragment under 3 letters: {head}-/{tail}"
            assert (head + tail).lower() not in protected, f"protected word hyphenated: {head}-{tail}"
            assert not head[:1].isupper(), f"a name hyphenated: {head}-{tail}"
    if doc == "dry-needling-brochure" and lang == "es":
        assert hyphenated > 0  # narrow Spanish panels do hyphenate: the rules above were exercised


@needs_mutool
@pytest.mark.parametrize(("loc", "doc", "lang"), PDFS)
def test_nothing_that_belongs_together_is_split(demo_out, loc, doc, lang):
    clinic = yaml.safe_load((REPO_ROOT / CLINIC_FILE).read_text(encoding="utf-8"))
    loc_spec = next(x for x in clinic["locations"] if x["id"] == loc)
    phone = loc_spec.get("phone", clinic["phone"])
    for lines in _lines(demo_out, loc, doc, lang):
        text = "\n".join(line.text for line in lines)
        assert not re.search(r"\b[ap]\.\n\s*m\.", text), "a. m. / p. m. split across lines"
        for unit in UNITS:
            assert not re.search(rf"\d\n{re.escape(unit)}\b", text), f"a number split from its unit ({unit})"
        digits = re.sub(r"\D", "", phone)
        for line in lines:  # a line with part of the phone number holds all of it
            line_digits = re.sub(r"\D", "", line.text)
            if digits[:6] in line_digits or digits[-6:] in line_digits:
                assert digits in line_digits, f"phone number split: {line.text!r}"


@needs_mutool
@pytest.mark.parametrize("loc", LOCATIONS)
def test_booking_url_breaks_only_after_separators(demo_out, loc):
    clinic = yaml.safe_load((REPO_ROOT / CLINIC_FILE).read_text(encoding="utf-8"))
    for lang in LANGUAGES[loc]:
        pdf = demo_out / CLINIC / loc / f"dry-needling-brochure.{lang}.pdf"
        back = panel_lines(pdf, 1, {"back": flow_panels(REPO_ROOT, "trifold", PAPERS[loc])[0]["back"]})["back"]
        loc_spec = next(x for x in clinic["locations"] if x["id"] == loc)
        url = loc_spec["booking_url"]
        url = url[lang] if isinstance(url, dict) else url
        shown = url.split("://", 1)[1]
        pieces = [line.text for line in back if line.text.replace(" ", "") and line.text in shown]
        joined = "".join(pieces)
        assert joined == shown, (pieces, shown)
        for piece in pieces[:-1]:
            assert piece[-1] in URL_BREAK_AFTER, f"URL broken after {piece[-1]!r}: {pieces}"


# ------------------------------------------------------------------------------------------------ the rules


def test_hyphenator_keeps_three_letters_and_never_touches_names():
    hy = hyphenator("es")
    assert hy is not None
    for head, tail in hy("fisioterapeuta"):
        assert len(head) >= 3 and len(tail) >= 3
    assert ("fi", "sioterapeuta") not in list(hy("fisioterapeuta"))
    assert list(hy("Zilker")) == [] and list(hy("Portland")) == []


def test_non_breaking_spaces():
    assert spaces("lun.–vie. 7 a. m.–7 p. m.") == f"lun.–vie. 7{NBSP}a.{NBSP}m.–7{NBSP}p.{NBSP}m."
    assert spaces("in 24 h or 48 hours, 2 días") == f"in 24{NBSP}h or 48{NBSP}hours, 2{NBSP}días"
    assert spaces("1 in 13 treatments") == "1 in 13 treatments"
    with typesetting(TypesetRules.of(["Zoë Hart Clinic", "sciatic nerve"])):
        marked = typeset("Call +44 113 496 0321 ext. 2140 at Zoë Hart Clinic about your sciatic nerves.")
        assert f"<nobr>+44{NBSP}113{NBSP}496{NBSP}0321</nobr> <nobr>ext.{NBSP}2140</nobr>" in marked
        assert "<nobr>Zoë Hart Clinic</nobr>" in marked and "<nobr>sciatic nerves</nobr>" in marked
        link = typeset('<a href="https://x.example/a-b"><u>book online</u></a>')
        assert link == '<a href="https://x.example/a-b"><nobr><u>book online</u></nobr></a>'
    assert typeset("7 p. m.") == "7 p. m."  # outside a document: unchanged


def test_urls_break_only_after_separators():
    url = "smithjonesphysio.example/book/austin-zilker?src=leaflet&lang=es"
    lines = address_lines(url, 90, "Helvetica", 7.5)
    assert lines is not None and "".join(lines) == url and len(lines) > 1
    assert all(line[-1] in URL_BREAK_AFTER for line in lines[:-1])
    assert address_lines("averyveryverylongpiecewithoutanyseparator.example", 40, "Helvetica", 7.5) is None


def test_no_single_word_last_line_where_a_rebreak_avoids_it():
    style = ParagraphStyle("t", fontName="Helvetica", fontSize=11, leading=13)
    text = ("Keep moving gently after your session, and take a short walk each day so that your muscles stay loose "
            "and the soreness fades sooner than otherwise ok")
    width = next(w for w in range(150, 260) if len(line_texts(_broken(Paragraph, text, style, w))[-1].split()) == 1
                 and len(_broken(Paragraph, text, style, w).lines) > 3)
    ours = _broken(Para, text, style, width)
    plain = _broken(Paragraph, text, style, width)
    assert len(ours.lines) == len(plain.lines)
    assert len(line_texts(ours)[-1].split()) >= 2


def _broken(cls, text, style, width):
    p = cls(text, style)
    p.wrap(width, 1000)
    return p.blPara


# ------------------------------------------------------------------ protected phrases found without a pattern

PHRASES = ("Zoë Hart Clinic", "ZOË", "Straße", "Kelvin", "Hart", "trigger point", "dry needling", "A&B Physio",
           "Smith & Jones", "ease",
           "Leeds", "St. Mary's", "x")
PIECES = ["trigger point", "trigger points", "Trigger Pointes", "dry needling", "DRY NEEDLINGS", "Hart", "harts",
          "Hartes", "hartx", "A&B Physio", "A&amp;B Physio", "Smith &amp; Jones", "ease", "eased", "please",
          "_ease", "&ease", "Leeds", "St. Mary's", "St. Mary&#x27;s", "x", "xs", "xes", "xess", " ", " ", ".", ",",
          "-", "(", ")", "'", "1", "é", "Zoë Hart Clinic", "ZOË HART CLINICS", "zoe hart clinic", "–", "’", "ß",
          "µ", "\u017f", "\u212a", "\u0130", "\u00ff", "\u0178", "É", "ǅ"]


def _by_pattern(text, phrases):
    from handouts.layout.typeset import _pattern_of

    pattern = _pattern_of(phrases)
    return [m.span() for m in pattern.finditer(text)] if pattern is not None else []


@settings(max_examples=600, deadline=None)
@given(pieces=st.lists(st.sampled_from(PIECES), max_size=14),
       chosen=st.lists(st.sampled_from(PHRASES), min_size=1, max_size=5, unique=True))
def test_phrases_are_found_where_their_pattern_finds_them(pieces, chosen):
    from handouts.layout.typeset import TypesetRules, _phrase_spans

    text = "".join(pieces)
    phrases = TypesetRules.of(chosen).phrases
    found = _phrase_spans(text, phrases)
    if found is None:  # a character beyond Latin-1 and punctuation: the pattern is used
        assert any(ord(ch) > 0xFF and not 0x2000 <= ord(ch) <= 0x206F for ch in text + "".join(phrases))
        return
    assert found == _by_pattern(text, phrases)


def test_a_location_name_is_protected_without_compiling_a_pattern(monkeypatch):
    from handouts.layout import typeset as t

    compiled = []
    monkeypatch.setattr(t, "_pattern_of", lambda phrases: compiled.append(phrases))
    rules = t.TypesetRules.of(["Zoë Hart Clinic – Bramblewood", "trigger point"])
    out = t._typeset("Visit Zoë Hart Clinic – Bramblewood about trigger points’ care.", rules)
    assert out == "Visit <nobr>Zoë Hart Clinic – Bramblewood</nobr> about <nobr>trigger points</nobr>’ care."
    assert compiled == []
