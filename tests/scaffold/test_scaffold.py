"""handouts new: scaffolded clinics, locations and documents build at once and pass check; nothing is
overwritten; missing values are asked for."""

from __future__ import annotations

from conftest import CLINIC, CLINIC_FILE, assert_clean_exit, pdfs_under, run_build, run_cli
from handouts.checks import check


def _clean(project) -> None:
    report = check(project)
    assert [f for f in report.findings if f.severity != "info"] == [], [str(f) for f in report.findings]


def test_new_location_appends_and_builds(project_copy):
    before = (project_copy / CLINIC_FILE).read_text()
    result = run_cli("new", "location", CLINIC, "beaverton", "--name", "Beaverton & Hillsboro", "--address",
                     "4800 SW Griffith Dr; Beaverton, OR 97005", "--phone", "(503) 555-0199", "--project", project_copy)
    assert_clean_exit(result, 0)
    after = (project_copy / CLINIC_FILE).read_text()
    assert after.startswith(before.rstrip("\n"))  # everything the file had is kept
    assert "# used in file names" in after  # commented
    _clean(project_copy)
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "--location", "beaverton"), 0)
    assert f"{CLINIC}/beaverton/dry-needling-brochure.en.pdf" in pdfs_under(out)


def test_new_location_never_overwrites(project_copy):
    before = (project_copy / CLINIC_FILE).read_bytes()
    result = run_cli("new", "location", CLINIC, "portland-pearl", "--name", "X", "--address", "1 Main St",
                     "--project", project_copy)
    assert_clean_exit(result, 1)
    assert "already has a location 'portland-pearl'; handouts new never overwrites one" in result.output
    assert (project_copy / CLINIC_FILE).read_bytes() == before


def test_new_location_with_a_bad_value_is_rolled_back(project_copy):
    before = (project_copy / CLINIC_FILE).read_bytes()
    result = run_cli("new", "location", CLINIC, "salem", "--name", "Salem", "--address", "1 Main St",
                     "--locale", "english", "--project", project_copy)
    assert_clean_exit(result, 1)
    assert "locale: expected a locale such as en-US or en-GB" in result.output
    assert (project_copy / CLINIC_FILE).read_bytes() == before


def test_new_clinic_by_prompts(project_copy):
    answers = "\n".join(["Northside Physio & Rehab", "(206) 555-0100", "hi@northside.example",
                         "https://northside.example/book", "ballard", "Ballard, Seattle",
                         "5300 Ballard Ave NW; Seattle, WA 98107"]) + "\n"
    from click.testing import CliRunner

    from handouts.cli import main

    result = CliRunner().invoke(main, ["new", "clinic", "northside", "--project", str(project_copy)], input=answers)
    assert_clean_exit(result, 0)
    text = (project_copy / "content/clinics/northside.yaml").read_text()
    assert 'name: "Northside Physio & Rehab"' in text and "# quoted: a phone number is text" in text
    _clean(project_copy)
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "--clinic", "northside"), 0)
    assert "northside/ballard/dry-needling-aftercare.en.pdf" in pdfs_under(out)
    again = run_cli("new", "clinic", "northside", "--name", "N", "--phone", "1", "--email", "e@x.example",
                    "--booking-url", "https://x.example", "--location-id", "a", "--location-name", "A",
                    "--address", "1 St", "--project", project_copy)
    assert_clean_exit(again, 1)
    assert "already exists; handouts new never overwrites a file" in again.output


def test_new_document_fits_its_layout(project_copy):
    result = run_cli("new", "document", "dn-handout", "--topic", "dry-needling-sciatica", "--layout", "aftercare",
                     "--kind", "handout", "--title", "Dry needling in brief", "--project", project_copy)
    assert_clean_exit(result, 0)
    text = (project_copy / "content/documents/dn-handout.yaml").read_text()
    assert "# Left out because they did not fit this layout:" in text
    assert_clean_exit(run_cli("check", "--project", project_copy), 0)  # passes (a one-block sheet scores low)
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "dn-handout"), 0)
    assert len(pdfs_under(out)) == 5  # every location and language


def test_new_brochure_document_keeps_everything(project_copy):
    result = run_cli("new", "document", "dn-trifold", "--topic", "dry-needling-sciatica", "--layout", "trifold",
                     "--kind", "brochure", "--project", project_copy)
    assert_clean_exit(result, 0)
    text = (project_copy / "content/documents/dn-trifold.yaml").read_text()
    assert "back: [call_to_action]" in text and "smallprint: [disclaimer]" in text
    _clean(project_copy)
