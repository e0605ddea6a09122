"""A paragraph's marked content is planned once per broken lines and worker: lines shared by several paragraphs
(the same markup, style and width) but drawn in different ways — as running text, as an address whose lines are
one word, as the first part of a split paragraph — each get the marked content and structure of their own way,
in any order, and exactly what drawing every paragraph afresh gives."""

from __future__ import annotations

import io
from typing import Any

import pytest
from reportlab.lib.styles import ParagraphStyle

from handouts.layout import reuse
from handouts.layout.tagging import Elem, Tagger, TaggingCanvas, artifact, tagged_para
from handouts.layout.tagtree import MC, ObjRef
from handouts.layout.typeset import hyphenator

MARKUP = ('Gentle <b>stretching</b> and walking help the muscles recover; see '
          '<a href="https://example.org/aftercare">our aftercare notes</a> for anticoagulants and '
          'other considerations before your next appointment.')
WIDTH = 95

WAYS = {  # how a paragraph with the shared lines is drawn
    "running": {},
    "address": {"joined": True},  # lines that are pieces of one word: no space kept between them
    "first part": {"continues": True},  # its last line's end is not the paragraph's end
}


def _style() -> ParagraphStyle:
    return ParagraphStyle("body", fontName="Helvetica", fontSize=9, leading=11,
                          hyphenationLang=hyphenator("en"), embeddedHyphenation=1, uriWasteReduce=0.3)


def _tree(elem: Elem) -> list[Any]:
    kids = [_tree(kid) if isinstance(kid, Elem) else (type(kid).__name__, *kid) for kid in elem.children
            if isinstance(kid, Elem | MC | ObjRef)]
    return [elem.tag, elem.text, elem.actual, elem.lang, elem.href, kids]


def _draw(ways: list[str]) -> dict[str, tuple[str, list[Any]]]:
    """Each way's paragraph drawn on a page of its own: its content and its element's tree."""
    out = {}
    style = _style()
    for way in ways:
        canv = TaggingCanvas(io.BytesIO())
        canv.tagger = Tagger()
        elem = canv.tagger.root.add("P")
        para = tagged_para(MARKUP, style, elem)
        para.wrap(WIDTH, 1000)
        for name, value in WAYS[way].items():
            setattr(para, name, value)
        with artifact(canv):
            para.drawOn(canv, 20, 200)
        out[way] = ("\n".join(canv._code), _tree(elem))
    return out


@pytest.mark.parametrize("order", ["forward", "backward"])
def test_lines_drawn_in_different_ways_are_planned_for_each(order, monkeypatch):
    ways = list(WAYS) if order == "forward" else list(reversed(WAYS))
    monkeypatch.setattr(reuse, "ENABLED", False)
    reuse.clear()
    fresh = _draw(ways)
    monkeypatch.setattr(reuse, "ENABLED", True)
    reuse.clear()
    reused = _draw(ways)
    again = _draw(ways)  # every paragraph now from the worker's parse, lines and plan
    assert reuse.BROKEN.hits >= len(ways) + len(ways) - 1, "the paragraphs share one set of broken lines"
    for way in ways:
        assert reused[way] == fresh[way], way
        assert again[way] == fresh[way], way
    # The ways really differ: a plan made for one and used for another would show.
    assert len({str(fresh[way]) for way in ways}) == len(ways)


def test_a_hyphenated_word_and_a_link_keep_their_structure_when_reused(monkeypatch):
    monkeypatch.setattr(reuse, "ENABLED", True)
    reuse.clear()
    first, second = _draw(["running"])["running"], _draw(["running"])["running"]
    assert first == second
    content, tree = second
    assert "/Link <</MCID" in content and "/Span <</MCID" in content, "a link and a hyphenated word's Span"
    spans = []

    def walk(node: list[Any]) -> None:
        if node[0] == "Span" and node[2]:
            spans.append(node[2])
        for kid in node[5]:
            if isinstance(kid, list):
                walk(kid)

    walk(tree)
    assert spans and all("-" not in word and word.isalpha() for word in spans), spans
