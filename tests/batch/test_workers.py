"""Worker processes: each holds the project without its clinics' locations (each chunk of jobs brings the ones it
is for), records the reads one process records, points a location's mistakes at the lines one process names,
and makes the bytes one process makes; a build checks what the documents it makes are made from."""

from __future__ import annotations

import pickle
import shutil
from pathlib import Path

import pytest

from conftest import CLINIC, CLINIC_FILE, assert_clean_exit, edit_text, pdfs_under, run_build
from handouts.api import load_project, render
from handouts.batch.runner import CheckFailed, worker_context, worker_count
from handouts.load.reads import recording
from handouts.load.views import location_part, worker_view
from handouts.load.yamlio import parse_yaml, piece_marks, without_items

BROCHURE, AFTERCARE = "dry-needling-brochure", "dry-needling-aftercare"


def _add_locations(project: Path, count: int) -> list[str]:
    """Append ``count`` US locations to the demo clinic, each with its own phone (and every third with its own
    colours and small print); return their ids."""
    text = ""
    for i in range(count):
        text += (f"\n  - id: extra-{i:04d}\n    name: Extra Clinic Number {i}\n"
                 f"    address: [{100 + i} Main Street, Salem, OR 97301]\n    phone: (503) 555-{1000 + i}\n")
        if i % 3 == 0:
            text += (f"    disclaimer: Extra clinic {i} small print.\n"
                     f"    brand: {{colors: {{primary: \"#1F4E79\"}}}}  # a shade of its own\n")
    path = project / CLINIC_FILE
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")
    return [f"extra-{i:04d}" for i in range(count)]


def test_a_worker_holds_only_the_locations_it_was_given(project_copy):
    ids = _add_locations(project_copy, 30)
    project = load_project(project_copy)
    view = pickle.loads(pickle.dumps(worker_view(project)))  # what a worker receives
    held = pickle.dumps(view)
    assert not [i for i in (*ids, "portland-pearl", "leeds-headingley") if i.encode() in held]
    assert b"Extra Clinic Number" not in held and b"555-1017" not in held
    with pytest.raises(LookupError, match="holds only the locations of its jobs"):
        list(view.clinic(CLINIC).value.locations)
    with pytest.raises(LookupError, match="not given to this worker"):
        view.location(CLINIC, "extra-0003")

    view.give([location_part(project, CLINIC, "extra-0003"), location_part(project, CLINIC, "leeds-headingley")])
    for loc_id in ("extra-0003", "leeds-headingley"):
        with recording(project_copy) as in_worker:
            seen = view.location(CLINIC, loc_id)
            view.clinic(CLINIC).model  # noqa: B018 - the clinic file outside its locations, read as a job reads it
        with recording(project_copy) as in_main:
            expected = project.location(CLINIC, loc_id)
            project.clinic(CLINIC).model  # noqa: B018
        assert seen == expected
        assert in_worker.reads == in_main.reads and len(in_worker.reads) == 2
        assert view.location_index(CLINIC, loc_id) == project.location_index(CLINIC, loc_id)
    with pytest.raises(LookupError):
        view.location(CLINIC, "portland-pearl")
    view.give([])
    with pytest.raises(LookupError):
        view.location(CLINIC, "extra-0003")


def test_what_a_worker_holds_does_not_grow_with_the_chain(demo_root, tmp_path):
    held, in_file = {}, {}
    for count in (10, 210):
        copy = tmp_path / f"chain-{count}"
        for name in ("content", "layouts", "fonts"):
            shutil.copytree(demo_root / name, copy / name)
        _add_locations(copy, count)
        held[count] = len(pickle.dumps(worker_view(load_project(copy))))
        in_file[count] = (copy / CLINIC_FILE).stat().st_size
    assert (in_file[210] - in_file[10]) / 200 > 120  # bytes a location takes in the clinic file
    assert (held[210] - held[10]) / 200 < 12  # in a worker: a line break for each of its lines, to keep line numbers


def test_a_message_about_a_location_names_the_lines_one_process_names(project_copy):
    ids = _add_locations(project_copy, 12)
    project = load_project(project_copy)
    view = worker_view(project)
    main = project.clinic(CLINIC).source
    outline = view.clinic(CLINIC).source
    view.give(location_part(project, CLINIC, i) for i in (ids[3], ids[10], "austin-zilker"))
    given = {project.location_index(CLINIC, i) for i in (ids[3], ids[10], "austin-zilker")}
    checked = 0
    for loc in main.marks:
        if loc[:1] != ("locations",) or len(loc) == 1 or loc[1] in given:
            assert outline.where(loc) == main.where(loc), loc
            checked += 1
    assert checked > 40


def test_the_outline_of_a_file_keeps_every_line_and_column_where_it_was():
    text = ("name: X\nlocations:\n  - id: a   # the first\n    name: A\n    address: [1 Main St]\n\n"
            "  # a comment between two locations\n  - {id: b, name: B, address: [2 Main St]}\n"
            "  - id: c\n    name: |\n      C\n      D\n    address:\n      - 3 Main St\n"
            "brand: {logo: {svg: x.svg}}\nlanguages:\n  - en\n")
    located = parse_yaml(text, Path("clinic.yaml"))
    spans = [located.spans[("locations", i)] for i in range(3)]
    outlined = parse_yaml(without_items(text, spans), Path("clinic.yaml"))
    assert outlined.data["locations"] == [None, None, None] and outlined.data["languages"] == ["en"]
    for loc, mark in located.marks.items():
        if len(loc) <= 2 or loc[0] != "locations":
            assert outlined.marks[loc] == mark, loc
    for i, (begin, end) in enumerate(spans):
        line, column = located.position(begin)
        own = {loc: mark for loc, mark in located.marks.items() if loc[:2] == ("locations", i)}
        assert piece_marks(text[begin:end], line, column, ("locations", i), Path("clinic.yaml")) == own


def test_workers_start_from_a_process_that_loaded_no_project():
    assert worker_context().get_start_method() == "forkserver"


def test_a_handful_of_pdfs_is_made_in_the_build_process_unless_jobs_says_otherwise():
    assert worker_count(None, 3) == 1
    assert worker_count(2, 3) == 2
    assert worker_count(4, 3) == 3
    assert worker_count(None, 200) >= 1
    assert worker_count(1, 200) == 1


def test_a_location_failing_in_a_worker_is_reported_as_in_one_process(project_copy):
    ids = _add_locations(project_copy, 10)
    edit_text(project_copy / CLINIC_FILE, f"Extra clinic {6} small print.", "Extra clinic {{ location.fax }} print.")
    reports = {}
    for jobs in ("1", "2"):
        out = project_copy / f"out-{jobs}"
        result = run_build(project_copy, out, AFTERCARE, "--lang", "en", "--jobs", jobs)
        assert_clean_exit(result, 1)
        reports[jobs] = sorted(line for line in result.output.splitlines() if "smith-jones.yaml:" in line)
        assert pdfs_under(out) == sorted(f"{CLINIC}/{loc}/{AFTERCARE}.en.pdf" for loc in
                                         ("portland-pearl", "austin-zilker", "leeds-headingley", *ids)
                                         if loc != ids[6])
        one = {p: (project_copy / "out-1" / p).read_bytes() for p in pdfs_under(project_copy / "out-1")}
        assert all((out / p).read_bytes() == data for p, data in one.items())
    assert reports["1"] == reports["2"] and reports["1"], reports
    line = (project_copy / CLINIC_FILE).read_text(encoding="utf-8").splitlines().index(
        "    disclaimer: Extra clinic {{ location.fax }} print.") + 1
    assert f"smith-jones.yaml:{line}:" in reports["2"][0]


def test_a_build_checks_what_its_documents_are_made_from(project_copy):
    edit_text(project_copy / "content/documents/dry-needling-brochure.yaml", "side_effects, contraindications, ",
              "side_effects, ")
    out = project_copy / "out"
    result = run_build(project_copy, out, BROCHURE)
    assert_clean_exit(result, 1)
    assert "no 'contraindications' block" in result.output and pdfs_under(out) == []
    result = run_build(project_copy, out)
    assert_clean_exit(result, 1)
    assert "no 'contraindications' block" in result.output and pdfs_under(out) == []
    # The aftercare sheet is not made from the brochure's document file: it builds, and renders.
    result = run_build(project_copy, out, AFTERCARE)
    assert_clean_exit(result, 0)
    assert pdfs_under(out) == sorted(p for p in pdfs_under(out) if AFTERCARE in p) and len(pdfs_under(out)) == 5
    project = load_project(project_copy)
    assert render(project, AFTERCARE, location="leeds-headingley").startswith(b"%PDF")
    with pytest.raises(CheckFailed, match="contraindications"):
        render(project, BROCHURE, location="leeds-headingley")
