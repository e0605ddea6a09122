"""Paragraphs parsed and broken once per process and reused by later documents give the same bytes as every
paragraph set afresh, whatever order the documents come in and whichever edition they are."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

import handouts
from handouts.batch.make import make_pdf
from handouts.editions import EDITIONS, Options, edition_for
from handouts.layout import Renderer, replay, reuse
from handouts.resolve import plan

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synth import make_chain  # noqa: E402


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> handouts.Project:
    """Sixteen varied locations (US and UK, long names, accents, extensions) on both papers."""
    return handouts.load_project(make_chain(tmp_path_factory.mktemp("chain") / "chain", locations=16, seed=3))


def _make_all(project, jobs, editions) -> dict[tuple[str, str], bytes]:
    renderer = Renderer(project)
    made = {}
    for name in editions:
        by_paper = {p: edition_for(project, name, Options(), p) for p in {j.paper for j in jobs}}
        for job in jobs:
            made[(name, job.label)] = make_pdf(project, renderer, job, by_paper[job.paper])
    return made


@pytest.mark.parametrize("source", ["demo", "chain"])
def test_reused_paragraphs_give_the_bytes_of_fresh_ones(source, demo_root, chain, monkeypatch):
    project = handouts.load_project(demo_root) if source == "demo" else chain
    jobs = plan(project, (), None, None, None, None)
    editions = sorted(EDITIONS) if source == "demo" else ["office", "digital"]
    monkeypatch.setattr(replay, "ENABLED", False)  # every paragraph set, none drawn again (test_replay.py)
    monkeypatch.setattr(reuse, "ENABLED", False)
    reuse.clear()
    fresh = _make_all(project, jobs, editions)
    assert reuse.PARSED.hits == reuse.BROKEN.hits == 0
    monkeypatch.setattr(reuse, "ENABLED", True)
    forward = _make_all(project, jobs, editions)
    if source == "chain":
        assert reuse.BROKEN.hits > reuse.BROKEN.misses, "a chain's documents share most of their paragraphs"
    else:  # five locations in every edition (each its own widths): a paragraph is met a few times at most
        assert reuse.BROKEN.hits > 10 * len(jobs) * len(editions)
    backward = _make_all(project, list(reversed(jobs)), editions)
    differ = sorted(key for key in fresh if fresh[key] != forward[key] or fresh[key] != backward[key])
    assert not differ, differ[:5]


def _lines(para) -> list[str]:
    from handouts.layout.paragraphs import line_texts

    return line_texts(para.blPara)


TEXT = ("After <b>dry needling</b> the muscle may feel sore for a day or two, like after a workout. "
        "Keep moving gently, drink water and use <i>heat</i> if it helps; call us if the soreness lasts.")


@pytest.mark.parametrize("change", [{"fontSize": 14}, {"leading": 20}, {"fontName": "Helvetica-Bold"},
                                    {"leftIndent": 30}, {"firstLineIndent": 25}, {"alignment": 4},
                                    {"rightIndent": 40}, {"bulletIndent": 5}])
def test_a_style_that_differs_in_one_attribute_is_not_taken_for_another(change, monkeypatch):
    from reportlab.lib.styles import ParagraphStyle

    from handouts.layout.paragraphs import Para

    monkeypatch.setattr(reuse, "ENABLED", True)
    base = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=13)
    Para(TEXT, base).wrap(200, 1000)  # remembered
    other = ParagraphStyle("other", parent=base, **change)
    reused = Para(TEXT, other)
    reused_size = reused.wrap(200, 1000)
    monkeypatch.setattr(reuse, "ENABLED", False)
    fresh = Para(TEXT, ParagraphStyle("fresh", parent=base, **change))
    assert (reused_size, _lines(reused)) == (fresh.wrap(200, 1000), _lines(fresh))


def test_splitting_a_reused_paragraph_leaves_the_shared_words_as_they_were(monkeypatch):
    from reportlab.lib.styles import ParagraphStyle

    from handouts.layout.paragraphs import Para, hyphen_ends
    from handouts.layout.typeset import hyphenator

    monkeypatch.setattr(reuse, "ENABLED", True)
    style = ParagraphStyle("body", fontName="Helvetica", fontSize=11, leading=13, hyphenationLang=hyphenator("en"))
    text = TEXT.replace("soreness", "uncomfortableness") + " Anticoagulants, physiotherapists, acupuncturists."
    first = Para(text, style)
    first.wrap(80, 1000)
    ends = hyphen_ends(first.blPara)
    assert any(ends)  # lines end in hyphens: ReportLab retypes the word it splits at
    shared = first.frags
    kinds = [type(word) for word in shared]
    splits = 0
    for lines in range(2, len(ends) - 1):
        again = Para(text, style)
        again.wrap(80, 1000)
        assert again.blPara is first.blPara  # the same lines, shared
        parts = again.split(80, 13 * lines)
        if len(parts) == 2:
            splits += 1
            parts[1].wrap(80, 1000)
        assert [type(word) for word in shared] == kinds
    assert splits >= len(ends) - 4


def _parsed(text, style):
    """ReportLab's own parse of ``text``: the text it keeps, its style and each fragment's attributes."""
    from reportlab.platypus import Paragraph

    p = Paragraph(text, style)
    return p.text, p.style, [frag.__dict__ for frag in p.frags], p.bulletText


def _shaped(text, style):
    made = reuse.by_shape(text, style, reuse.style_key(style))
    return made and (made[0], made[1], [frag.__dict__ for frag in made[2]], made[3])


def test_markup_of_a_known_shape_is_parsed_as_reportlab_parses_it(demo_root, monkeypatch):
    """Every paragraph of the demo in every edition, and markup with entities, line breaks, nested and empty
    tags, given to a shape met before with other texts: the parser's text, style, fragments and bullet."""
    from reportlab.lib.styles import ParagraphStyle

    from handouts.layout import paragraphs

    seen: list[tuple[str, object]] = []
    init = paragraphs.Para.__init__

    def record(self, text, style=None, *args, **kwargs):
        init(self, text, style, *args, **kwargs)
        if isinstance(text, str) and style is not None and not args and not kwargs:
            seen.append((self.text, style))

    monkeypatch.setattr(paragraphs.Para, "__init__", record)
    project = handouts.load_project(demo_root)
    _make_all(project, plan(project, (), None, None, None, None)[:6], sorted(EDITIONS))
    style = ParagraphStyle("x", fontName="Helvetica", fontSize=11, leading=13)
    made = [(f"{a} &amp; {b}<br/><b>{b}</b> &#169; <nobr><i>{a}</i></nobr>", style)
            for a, b in (("Leeds", "0113 496 0000"), ("Zürich  Nord", "x\u00a0y"), (" a ", "\tb\n c"))]
    made += [(f"<b></b>{a}<u>{a}</u>&lt;{a}&gt;", style) for a in ("one", "two words", "\u00e9t\u00e9")]
    made += [(f'Call <b>{a}</b> or <a href="{b}"><nobr><u>book</u> {a}</nobr></a>, <a href="{b}/x">{a}</a>.', style)
             for a, b in (("0113", "https://a.example/leeds"), ("\u00e9", " mailto:x@y.example "), ("a b", ""))]
    monkeypatch.setattr(reuse, "ENABLED", True)
    compared = 0
    for text, st in seen + made:
        reuse.SHAPES.clear()
        primer = reuse._PIECES.sub(lambda m: m.group() if m.group()[0] in "<&" else "Q", text)
        assert reuse.by_shape(primer, st, reuse.style_key(st)) is None  # a shape met first: parsed as it is
        shaped = _shaped(text, st)
        if shaped is None:
            continue
        compared += 1
        expected = _parsed(text, st)
        assert shaped[0] == expected[0] and shaped[2] == expected[2] and shaped[3] == expected[3], text
        assert reuse.style_key(shaped[1]) == reuse.style_key(expected[1]), text
    assert compared > len(made) and compared > 40


@pytest.mark.parametrize("text", ['<a href="https://example.org" color="red">book</a>', "<a>x</a>",
                                  '<a href="https://example.org/?a=1&amp;b=2">book</a>',
                                  '<font face="Courier">x</font>', "<greek>a</greek>", "a < b", "fish & chips",
                                  "</b>x", "<b>x", "\ue005 marked", '<span lang="es">hola</span>'])
def test_markup_the_shapes_do_not_cover_is_left_to_the_parser(text):
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("x", fontName="Helvetica", fontSize=11, leading=13)
    reuse.SHAPES.clear()
    for _ in range(2):
        assert _shaped(text, style) is None


def test_a_paragraph_made_from_a_known_shape_is_kept_once_met_again(monkeypatch):
    """A location's own lines are used once: made from their shape, they are set like any paragraph but neither
    their parse nor their lines go into the tables, until the same markup is met again (shared text)."""
    from reportlab.lib.styles import ParagraphStyle

    from handouts.layout.paragraphs import Para

    monkeypatch.setattr(reuse, "ENABLED", True)
    reuse.clear()
    style = ParagraphStyle("contact", fontName="Helvetica", fontSize=11, leading=13)
    first = Para("<nobr>2880 SE Prospect Place, Suite 110</nobr>", style)
    first.wrap(150, 100)
    kept = (len(reuse.PARSED.entries), len(reuse.BROKEN.entries))
    second = Para("<nobr>73 Chapel Crescent</nobr>", style)
    size = second.wrap(150, 100)
    assert (len(reuse.PARSED.entries), len(reuse.BROKEN.entries)) == kept
    again = Para("<nobr>73 Chapel Crescent</nobr>", style)
    assert again.wrap(150, 100) == size
    assert (len(reuse.PARSED.entries), len(reuse.BROKEN.entries)) == (kept[0] + 1, kept[1] + 1)
    assert Para("<nobr>73 Chapel Crescent</nobr>", style).wrap(150, 100) == size and reuse.BROKEN.hits
    monkeypatch.setattr(reuse, "ENABLED", False)
    fresh = Para("<nobr>73 Chapel Crescent</nobr>", style)
    assert (size, _lines(second)) == (fresh.wrap(150, 100), _lines(fresh))


def test_a_style_is_made_once_for_its_attributes_and_registered_family(demo_root):
    """Documents asking for the same style get the same object (its paragraphs' parses are found again); a face
    registered again under a new name (a font file saved during build --watch) gets a new one, so ``<b>`` in a
    kept paragraph never names the face it replaced."""
    from dataclasses import replace

    from handouts.layout.fonts import brand_fonts
    from handouts.layout.styles import Palette, Styles

    project = handouts.load_project(demo_root)
    clinic = next(iter(project.clinics.values())).model
    layout = project.layout("trifold").model
    fonts = brand_fonts(project, clinic.brand, "en").roles

    def style(roles, cmyk=False):
        return Styles(layout, Palette(clinic.brand, cmyk=cmyk), roles, "en")["body"]

    assert style(fonts) is style(dict(fonts))
    assert style(fonts, cmyk=True) is not style(fonts)
    refaced = {role: replace(faces, bold=faces.bold + "-again") for role, faces in fonts.items()}
    assert style(refaced) is not style(fonts)
    assert style(refaced).fontName == style(fonts).fontName
