"""Compressed text content kept per process: the bytes zlib gives, once per text while it keeps coming back, and
a chain's shared pages compressed once."""

from __future__ import annotations

import zlib

import pytest

import handouts
from handouts.batch.make import make_pdf
from handouts.editions import Options, edition_for
from handouts.layout import Renderer, deflate


@pytest.fixture
def counted(monkeypatch):
    calls: list[bytes] = []

    class Counting:
        @staticmethod
        def compress(data: bytes) -> bytes:
            calls.append(data)
            return zlib.compress(data)

    monkeypatch.setattr(deflate, "zlib", Counting)
    monkeypatch.setattr(deflate, "_KEPT", type(deflate._KEPT)())
    return calls


def test_text_is_compressed_as_reportlab_compresses_it_and_once(counted):
    text = "BT /F1 11 Tf 72 700 Td (Caf\u00e9 \u2013 dry needling) Tj ET\n" * 40
    first = deflate.FLATE.encode(text)
    assert first == zlib.compress(text.encode("utf8"))
    assert deflate.FLATE.encode(str(text)) is first and len(counted) == 1
    assert deflate.FLATE.encode(text + " ") == zlib.compress((text + " ").encode("utf8")) and len(counted) == 2
    program = bytes(range(256)) * 8
    assert deflate.FLATE.encode(program) == zlib.compress(program)
    deflate.FLATE.encode(program)
    assert len(counted) == 4  # binary content is not kept


def test_only_the_last_few_texts_are_kept(counted):
    for n in range(deflate.KEEP + 5):
        deflate.FLATE.encode(f"page {n}")
    assert len(deflate._KEPT) == deflate.KEEP
    deflate.FLATE.encode("page 0")
    assert len(counted) == deflate.KEEP + 6  # dropped, made again


def test_a_chains_shared_page_is_compressed_once(demo_root, counted, monkeypatch):
    project = handouts.load_project(demo_root)
    jobs = handouts.jobs(project, ["dry-needling-brochure"], lang="en", paper="letter")[:2]
    assert jobs[0].location != jobs[1].location
    renderer = Renderer(project)
    edition = edition_for(project, "office", Options(), "letter")

    def second() -> int:
        """Compressions for the second location's brochure, made after the first's."""
        for job in jobs:
            before = len(counted)
            pdf = make_pdf(project, renderer, job, edition)
        assert pdf.startswith(b"%PDF")
        return len(counted) - before

    second()  # everything else a document can take from the last one is taken from here on
    monkeypatch.setattr(deflate, "KEEP", 0)
    deflate._KEPT.clear()
    none_kept = second()
    monkeypatch.setattr(deflate, "KEEP", 8)
    deflate._KEPT.clear()
    kept = second()
    assert 0 < kept < none_kept  # its inside page (and the fonts' maps) came from the first brochure


def test_a_sheet_filled_in_for_a_patient_leaves_nothing_kept(demo_root, counted, monkeypatch):
    import contextlib

    project = handouts.load_project(demo_root)
    values = {"next_appointment_date": "Tuesday 3 March", "next_appointment_time": "10:40",
              "therapist": "Sam Okafor"}

    def sheet() -> list[str]:
        deflate._KEPT.clear()
        pdf = handouts.render(project, "dry-needling-aftercare", location="portland-pearl", lang="en",
                              edition="form", fill=values, flatten=True)
        assert pdf.startswith(b"%PDF")
        return [text for text in deflate._KEPT if "Okafor" in text or "3 March" in text]

    assert not sheet()  # its pages were compressed, and none was kept
    monkeypatch.setattr(deflate, "unkept", contextlib.nullcontext)
    assert sheet()  # what would have stayed behind


def test_text_compressed_unkept_is_neither_kept_nor_looked_up(counted):
    deflate.FLATE.encode("BT (shared) Tj ET")
    with deflate.unkept():
        assert deflate.FLATE.encode("BT (shared) Tj ET") == zlib.compress(b"BT (shared) Tj ET")
        deflate.FLATE.encode("BT (one patient) Tj ET")
    assert len(counted) == 3 and list(deflate._KEPT) == ["BT (shared) Tj ET"]
