"""A document is drawn with the cycle collector off and the collector is as the caller left it afterwards, also
when the drawing fails and when the caller had turned it off."""

from __future__ import annotations

import gc
from dataclasses import replace

import pytest

import handouts
from handouts.layout import compose
from handouts.layout.panels import ROLES


def _render(project) -> bytes:
    return handouts.render(project, "dry-needling-aftercare", location="portland-pearl", lang="en")


def test_the_collector_is_off_while_a_document_is_drawn_and_on_after(demo_root, monkeypatch):
    project = handouts.load_project(demo_root)
    seen: list[bool] = []
    role = ROLES["header"]
    paint = role.paint

    def watched(*args):
        seen.append(gc.isenabled())
        return paint(*args)

    monkeypatch.setitem(ROLES, "header", replace(role, paint=watched))
    assert gc.isenabled()
    _render(project)
    assert seen == [False] and gc.isenabled()


def test_the_collector_stays_as_the_caller_left_it(demo_root):
    project = handouts.load_project(demo_root)
    gc.disable()
    try:
        _render(project)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_a_failing_document_turns_the_collector_back_on(demo_root, monkeypatch):
    project = handouts.load_project(demo_root)

    def broken(*args):
        raise RuntimeError("drawing failed")

    monkeypatch.setitem(ROLES, "header", replace(ROLES["header"], paint=broken))
    with pytest.raises(RuntimeError):
        _render(project)
    assert gc.isenabled()
    with compose.collected_after():
        assert not gc.isenabled()
        with compose.collected_after():  # a second document drawn meanwhile leaves it to the first
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()


@pytest.mark.parametrize("edition", ["office", "print", "digital", "form"])
def test_a_written_document_leaves_nothing_for_the_collector(demo_root, edition):
    """Its document, canvas, text objects, tagger and structure are freed as soon as it is written: none of
    them waits in a reference cycle (which the collector would walk, and which kept whole documents alive)."""
    project = handouts.load_project(demo_root)
    documents = ["dry-needling-aftercare"] if edition == "form" else ["dry-needling-brochure", "dry-needling-aftercare"]
    locations = ("austin-zilker", "leeds-headingley")

    def render_all() -> None:
        for document in documents:
            for location in locations:
                handouts.render(project, document, location=location, lang="en", edition=edition)

    render_all()  # what is kept per process (fonts, logos, paragraphs, recordings) is made the first time
    gc.collect()
    was = gc.get_debug()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        render_all()
        gc.collect()
        kinds = {type(o).__name__ for o in gc.garbage}
        left = len(gc.garbage)
    finally:
        gc.set_debug(was)
        gc.garbage.clear()
    assert not kinds & {"PDFDocument", "TaggingCanvas", "MarkedText", "PDFTextObject", "Tagger", "Elem", "PDFPage",
                        "function", "cell"}, kinds
    if edition != "print":  # a print file is preflighted: PDFium's ctypes objects are its own
        assert left < 10 * len(documents) * len(locations), kinds
