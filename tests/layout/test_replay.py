"""A reading sequence drawn for one document and drawn again for later ones gives the bytes of drawing it afresh,
in every edition and in any order; a changed figure file, typed form values and a location's own words are never
taken from an earlier document; and a document drawn again records the files it depends on."""

from __future__ import annotations

import sys
from dataclasses import replace
from pathlib import Path

import pypdfium2 as pdfium
import pytest

import handouts
from handouts.batch.make import make_pdf
from handouts.editions import EDITIONS, Options, edition_for
from handouts.layout import Renderer, pieces, replay
from handouts.layout.panels import ROLES
from handouts.load import reads
from handouts.resolve import plan

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from synth import make_chain  # noqa: E402


@pytest.fixture(scope="module")
def chain(tmp_path_factory) -> handouts.Project:
    """Twelve varied locations (US and UK, long names, accents, extensions) on both papers."""
    return handouts.load_project(make_chain(tmp_path_factory.mktemp("chain") / "chain", locations=12, seed=5))


def _make_all(project, jobs, editions, renderer=None) -> tuple[dict[tuple[str, str], bytes], Renderer]:
    renderer = renderer or Renderer(project)
    made = {}
    for name in editions:
        by_paper = {p: edition_for(project, name, Options(), p) for p in {j.paper for j in jobs}}
        for job in jobs:
            made[(name, job.label)] = make_pdf(project, renderer, job, by_paper[job.paper])
    return made, renderer


@pytest.mark.parametrize("source", ["demo", "chain"])
def test_sequences_drawn_again_give_the_bytes_of_fresh_ones(source, demo_root, chain, monkeypatch):
    project = handouts.load_project(demo_root) if source == "demo" else chain
    jobs = plan(project, (), None, None, None, None)
    editions = sorted(EDITIONS) if source == "demo" else ["office", "print", "form"]
    monkeypatch.setattr(replay, "ENABLED", False)
    fresh, renderer = _make_all(project, jobs, editions)
    assert renderer.replays.used == renderer.replays.recorded == 0
    monkeypatch.setattr(replay, "ENABLED", True)
    forward, renderer = _make_all(project, jobs, editions)
    used, recorded = renderer.replays.used, renderer.replays.recorded
    # The demo's three locations share little (two papers, two languages); a chain's documents their insides.
    assert used > 0 if source == "demo" else used > recorded
    backward, _ = _make_all(project, list(reversed(jobs)), editions)
    differ = sorted(key for key in fresh if fresh[key] != forward[key] or fresh[key] != backward[key])
    assert not differ, differ[:5]


def _brochures(project, n=3):
    return [j for j in plan(project, ("dry-needling-brochure",), None, None, None, "en") if j.paper == "letter"][:n]


def test_a_figure_changed_between_documents_is_drawn_from_the_new_file(project_copy):
    project = handouts.load_project(project_copy)
    first, second, *_ = _brochures(project)
    office = edition_for(project, "office", Options(), first.paper)
    renderer = Renderer(project)
    make_pdf(project, renderer, first, office)
    figure = next((project_copy / "content" / "topics").rglob("*.svg"))
    figure.write_text(figure.read_text(encoding="utf-8").replace("</svg>", '<rect x="0" y="0" width="5" height="5" '
                                                                 'fill="#d62728"/></svg>'), encoding="utf-8")
    again = make_pdf(project, renderer, second, office)
    fresh = make_pdf(project, Renderer(project), second, office)
    assert again == fresh


def test_a_document_drawn_again_records_what_it_read(demo_root):
    project = handouts.load_project(demo_root)
    first, second, *_ = _brochures(project)
    office = edition_for(project, "office", Options(), first.paper)

    def reads_of(renderer, job) -> dict:
        with reads.recording(demo_root) as record:
            make_pdf(project, renderer, job, office)
        return dict(record.reads)

    renderer = Renderer(project)
    reads_of(renderer, first)
    used = renderer.replays.used
    again = reads_of(renderer, second)
    assert renderer.replays.used > used
    assert again == reads_of(Renderer(project), second)
    assert any(dep.path.endswith(".svg") for dep in again), "the figure drawn again is still a dependency"


def test_typed_form_values_are_never_kept(demo_root):
    project = handouts.load_project(demo_root)
    job = next(j for j in plan(project, ("dry-needling-aftercare",), None, None, None, "en"))
    form = edition_for(project, "form", Options(fill=(("therapist", "Zoë Hart"),), flatten=True),
                       job.paper)
    renderer = Renderer(project)
    make_pdf(project, renderer, job, form)
    assert not renderer.replays.table.entries


def test_a_location_s_own_words_are_drawn_afresh_in_their_place(chain, monkeypatch):
    """The aftercare sheet's text names the location's phone number: that sub-heading is drawn for each location
    where the recorded one was, the rest is drawn again; the bytes are those of composing every sheet afresh."""
    jobs = [j for j in plan(chain, ("dry-needling-aftercare",), None, None, None, "en") if j.paper == "letter"][:4]
    made, renderer = _make_all(chain, jobs, ["office"])
    assert renderer.replays.used >= len(jobs) - 1
    monkeypatch.setattr(replay, "ENABLED", False)
    fresh, _ = _make_all(chain, jobs, ["office"])
    assert made == fresh
    phones = {job.label: chain.location(job.clinic, job.location).phone for job in jobs}
    for job in jobs:
        text = "".join(page.get_textpage().get_text_range() for page in pdfium.PdfDocument(made[("office",
                                                                                                  job.label)]))
        assert all((phone in text) == (label == job.label) for label, phone in phones.items() if phone)


def test_a_page_left_in_another_state_has_its_sequence_composed_afresh(chain, monkeypatch):
    """A panel drawn before a sequence that leaves the canvas otherwise for some locations (here the header, a
    line width not restored): those locations' sequences are composed and drawn afresh, the rest drawn again,
    and every sheet has the bytes of composing it afresh."""
    jobs = [j for j in plan(chain, ("dry-needling-aftercare",), None, None, None, "en") if j.paper == "letter"][:4]
    role = ROLES["header"]

    def header(page, canv, placed):
        role.paint(page, canv, placed)
        if page.r.job.location in (jobs[1].location, jobs[3].location):
            canv.setLineWidth(2)

    monkeypatch.setitem(ROLES, "header", replace(role, paint=header))
    made, renderer = _make_all(chain, jobs, ["office"])
    assert renderer.replays.used >= 1
    monkeypatch.setattr(replay, "ENABLED", False)
    fresh, _ = _make_all(chain, jobs, ["office"])
    assert made == fresh


def test_a_recording_is_dropped_when_its_column_cannot_be_accounted_for():
    """Content that selects a font outside a text run, or an id the column did not make, is not recorded."""
    runs = [pieces.Run(1, "Body", 10, 12, False, "Hi", "/F1+0 10 Tf 12 TL (Hi) Tj")]
    assert pieces.as_pieces(["BT (x) Tj ET"], [], 0, 0) == [["BT (x) Tj ET"]]
    assert pieces.as_pieces(["BT /F1+0 10 Tf 12 TL (x) Tj ET"], [], 0, 0) is None
    assert pieces.as_pieces(["/P <</MCID 7>> BDC BT " + runs[0].out + " ET EMC"], runs, 7, 1) == [
        ["/P <</MCID ", pieces.Mcid(0), ">> BDC BT ", 0, " ET EMC"]]
    assert pieces.as_pieces(["/P <</MCID 3>> BDC"], [], 7, 1) is None
    assert pieces.as_pieces(["BT ET"], runs, 0, 0) is None  # a run that is not in the content
