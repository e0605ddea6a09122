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


def _logo(project_copy):
    logo = project_copy / "northside.svg"
    logo.write_text('<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">'
                    '<rect width="120" height="40" fill="#7A1F5C"/></svg>', encoding="utf-8")
    return logo


def test_new_clinic_by_prompts_checks_each_answer_as_typed(project_copy):
    logo = _logo(project_copy)
    answers = "\n".join(["Northside Physio & Rehab", "(206) 555-0100", "not-an-email", "hi@northside.example",
                         "https://northside.example/book", "Mon–Fri 8am–6pm; Sat 9am–1pm", "en, fr", "en",
                         str(project_copy / "missing.svg"), str(logo), "teal", "#7a1f5c", "Ballard Street", "ballard",
                         "Ballard, Seattle", "5300 Ballard Ave NW; Seattle, WA 98107"]) + "\n"
    from click.testing import CliRunner

    from handouts.cli import main

    result = CliRunner().invoke(main, ["new", "clinic", "northside", "--project", str(project_copy)], input=answers)
    assert_clean_exit(result, 0)
    # Each wrong answer is said where it is typed, and asked again.
    assert "Error: e-mail 'not-an-email': type an address such as hello@clinic.example" in result.output
    assert "Error: language 'fr': this project has layout strings for en, es only" in result.output
    assert "Error: logo " in result.output and "missing.svg': no such file" in result.output
    assert "Error: colour 'teal': type it as #RRGGBB (six hex digits, e.g. #0B5563); names are not accepted" \
        in result.output
    assert "Error: location id 'Ballard Street': use lower-case letters, digits, - and _" in result.output
    text = (project_copy / "content/clinics/northside.yaml").read_text()
    assert 'name: "Northside Physio & Rehab"' in text and "# quoted: a phone number is text" in text
    assert 'hours: ["Mon–Fri 8am–6pm", "Sat 9am–1pm"]' in text and 'languages: ["en"]' in text
    assert 'primary: "#7A1F5C"' in text and 'svg: "assets/northside-logo.svg"' in text
    # Nothing from the demo clinic: not its colours, its logo, its tagline or its hours.
    demo = (project_copy / CLINIC_FILE).read_text()
    for borrowed in ("#0B5563", "#D9692B", "smith-jones-mark", "tagline", "7am–7pm", "Mon–Fri 8am–6pm\"]"):
        assert borrowed not in text or borrowed in ("Mon–Fri 8am–6pm\"]",), borrowed
    assert "#0B5563" in demo
    assert (project_copy / "content/clinics/assets/northside-logo.svg").read_bytes() == logo.read_bytes()
    _clean(project_copy)
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out, "--clinic", "northside"), 0)
    assert "northside/ballard/dry-needling-aftercare.en.pdf" in pdfs_under(out)
    again = run_cli("new", "clinic", "northside", "--name", "N", "--project", project_copy)
    assert_clean_exit(again, 1)
    assert "already exists; handouts new never overwrites a file" in again.output


def test_new_clinic_refuses_a_bad_id_before_asking_anything(project_copy):
    from click.testing import CliRunner

    from handouts.cli import main

    result = CliRunner().invoke(main, ["new", "clinic", "North Side", "--project", str(project_copy)], input="")
    assert_clean_exit(result, 2)
    assert "clinic id 'North Side': use lower-case letters, digits, - and _" in result.output
    assert "Clinic name" not in result.output


def test_scaffolded_clinic_validates_against_the_schema(project_copy):
    import json

    import yaml
    from jsonschema import Draft202012Validator

    from handouts.schema import schema_text

    result = run_cli("new", "clinic", "northside", "--name", "Northside", "--phone", "(206) 555-0100", "--email",
                     "hi@northside.example", "--booking-url", "https://northside.example/book", "--hours",
                     "Mon–Fri 8am–6pm", "--languages", "en", "--logo", _logo(project_copy), "--primary", "#7A1F5C",
                     "--location-id", "ballard", "--location-name", "Ballard", "--address", "1 Main St",
                     "--project", project_copy)
    assert_clean_exit(result, 0)
    data = yaml.safe_load((project_copy / "content/clinics/northside.yaml").read_text())
    assert data["brand"]["colors"]["on_primary"] == "#FFFFFF"  # white reads best on this dark primary
    validator = Draft202012Validator(json.loads(schema_text("clinic")))
    assert [e.message for e in validator.iter_errors(data)] == []


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
