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
