"""The command line: help, version, list, what build writes, and one clear message for each mistake."""

from __future__ import annotations

import re

import pytest
from pypdf import PdfReader

from conftest import (
    ALL_PDFS,
    CLINIC,
    CLINIC_FILE,
    DOCUMENTS,
    TOPIC_DIR,
    assert_clean_exit,
    files_under,
    pdfs_under,
    run_build,
    run_cli,
)
from handouts import __version__

LOCATION_CHOICES = "choose from: austin-zilker, leeds-headingley, portland-pearl"


def pdf_text(path) -> str:
    return " ".join(" ".join(page.extract_text() for page in PdfReader(path).pages).split())


# ---------------------------------------------------------------------------------------- help, version, list


@pytest.mark.parametrize("command", [[], ["build"], ["list"]])
def test_help(command):
    result = run_cli(*command, "--help")
    assert_clean_exit(result, 0)
    assert result.output.startswith(" ".join(["Usage: handouts", *command, "[OPTIONS]"]))


def test_help_lists_commands():
    result = run_cli("--help")
    assert_clean_exit(result, 0)
    assert re.search(r"^\s+build\s+Build DOCUMENTS", result.output, re.M)
    assert re.search(r"^\s+list\s+Show clinics", result.output, re.M)


def test_version():
    result = run_cli("--version")
    assert_clean_exit(result, 0)
    assert result.output == f"handouts, version {__version__}\n"


def test_list(demo_root):
    result = run_cli("list", "--project", demo_root)
    assert_clean_exit(result, 0)
    assert "Clinics and locations:\n  smith-jones: Smith & Jones Physio\n" in result.output
    assert "    portland-pearl: Pearl District, Portland (letter; en, es)\n" in result.output
    assert "    austin-zilker: Zoë Hart Clinic, Zilker (letter; en, es)\n" in result.output
    assert "    leeds-headingley: Headingley, Leeds (a4; en)\n" in result.output
    assert (
        "Documents:\n"
        "  dry-needling-aftercare: After your dry needling session "
        "(topic dry-needling-sciatica, layout aftercare)\n"
        "  dry-needling-brochure: Dry needling for sciatica (topic dry-needling-sciatica, layout trifold)\n"
    ) in result.output


def test_list_outside_a_project(tmp_path):
    result = run_cli("list", "--project", tmp_path)
    assert_clean_exit(result, 1)
    assert f"Error: {tmp_path}: no content/ folder here: run handouts in a project folder or pass --project" \
        in result.output


# ------------------------------------------------------------------------------------------ what build writes


def test_build_all_writes_every_location_and_document(demo_build):
    result, out = demo_build
    assert files_under(out) == ALL_PDFS  # and nothing else: no temporary files left behind
    for relative in ALL_PDFS:
        assert f"wrote {out / relative}\n" in result.output
    assert re.search(r"^10 built, 0 up to date, 0 failed in \d+\.\d\d s$", result.output, re.M)


def test_build_one_document_for_one_location(demo_root, tmp_path):
    out = tmp_path / "out"
    result = run_build(demo_root, out, "dry-needling-brochure", "--location", "leeds-headingley")
    assert_clean_exit(result, 0)
    assert files_under(out) == [f"{CLINIC}/leeds-headingley/dry-needling-brochure.en.pdf"]
    assert "1 built, 0 up to date, 0 failed" in result.output


def test_paper_option_overrides_location(demo_root, tmp_path):
    out = tmp_path / "out"
    result = run_build(demo_root, out, "dry-needling-aftercare", "--location", "portland-pearl",
                       "--paper", "a4")
    assert_clean_exit(result, 0)
    page = PdfReader(out / CLINIC / "portland-pearl" / "dry-needling-aftercare.en.pdf").pages[0]
    size = (float(page.mediabox.width), float(page.mediabox.height))
    assert size == pytest.approx((595.28, 841.89), abs=0.05)


def test_markup_characters_in_names_print_as_written(project_copy, edit):
    edit(CLINIC_FILE, "name: Pearl District, Portland", "name: R&D <East> Clinic")
    out = project_copy / "out"
    result = run_build(project_copy, out, "--location", "portland-pearl")
    assert_clean_exit(result, 0)
    brochure = pdf_text(out / CLINIC / "portland-pearl" / "dry-needling-brochure.en.pdf")
    aftercare = pdf_text(out / CLINIC / "portland-pearl" / "dry-needling-aftercare.en.pdf")
    # Cover, back panel, and the call to action's '{{ location.name }}'.
    assert brochure.count("R&D <East> Clinic") == 3
    assert "trained physical therapist at R&D <East> Clinic." in brochure
    assert "Smith & Jones Physio · R&D <East> Clinic" in aftercare
    for text in (brochure, aftercare):
        assert "&amp;" not in text and "&lt;" not in text and "&gt;" not in text


# -------------------------------------------------------------------------------------- usage errors (exit 2)


def test_bad_paper_choice_is_a_usage_error(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path / "out", "--paper", "a5")
    assert_clean_exit(result, 2)
    assert "Error: Invalid value for '--paper': 'a5' is not one of 'letter', 'a4'." in result.output
    assert pdfs_under(tmp_path / "out") == []


def test_unknown_option_is_a_usage_error(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path / "out", "--colour", "red")
    assert_clean_exit(result, 2)
    # click's wording varies between versions ("No such option: --x" / "No such option '--x'.").
    assert re.search(r"^Error: No such option:? '?--colour", result.output, re.M), result.output
    assert pdfs_under(tmp_path / "out") == []


# -------------------------------------------------------------------------------------- input errors (exit 1)


def assert_input_error(result, out, *expected: str) -> None:
    """Exit 1 via click, no traceback, every expected piece in the message, and no PDF written."""
    assert_clean_exit(result, 1)
    assert result.output.startswith("Error: "), result.output
    for piece in expected:
        assert piece in result.output, f"{piece!r} not in:\n{result.output}"
    assert pdfs_under(out) == []


def test_yaml_syntax_error(project_copy, edit):
    edit(f"{TOPIC_DIR}/symptoms.yaml", "  - subheading: How it can feel", "  - subheading: [How it can feel")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        f"{TOPIC_DIR}/symptoms.yaml:15:17: YAML syntax: the '[' opened on line 15 is not closed (YAML reached "
        "line 16 without finding ']')\n"
        "    15 |   - subheading: [How it can feel\n"
        "       |                 ^\n"
        "    fix: close it with ']' on line 15, and put any item that contains ':', '#' or ',' in quotes\n",
    )


def test_python_tag_is_refused_and_not_run(project_copy, edit):
    marker = project_copy / "ran"
    edit(CLINIC_FILE, "tagline:\n",
         f'evil: !!python/object/apply:os.system ["touch {marker}"]\ntagline:\n')
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        f"{CLINIC_FILE}:4:7: YAML syntax: unsupported YAML tag "
        "'tag:yaml.org,2002:python/object/apply:os.system': only plain YAML is accepted",
    )
    assert not marker.exists()


def test_number_where_text_is_expected(project_copy, edit):
    edit(CLINIC_FILE, "phone: (503) 555-0142", "phone: 5035550142")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        f"{CLINIC_FILE}:49:5: locations[0].phone: expected a phone number in quotes, "
        'such as "(503) 555-0142", got 5035550142',
    )


def test_missing_required_field(project_copy, edit):
    edit(f"{TOPIC_DIR}/mechanism.yaml", "heading: How dry needling works\n", "")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out, f"{TOPIC_DIR}/mechanism.yaml:1:1: (top level): missing required field 'heading'"
    )


def test_unknown_field_suggests_the_right_one(project_copy, edit):
    edit(CLINIC_FILE, "    phone: (503) 555-0142", "    phnoe: (503) 555-0142")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        f"{CLINIC_FILE}:49:5: locations[0]: unknown field 'phnoe' (did you mean 'phone'?); expected one of: ",
    )


def test_wrong_choice_in_a_callout(project_copy, edit):
    edit(f"{TOPIC_DIR}/side_effects.yaml", "      tone: warning", "      tone: warnnig")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        f"{TOPIC_DIR}/side_effects.yaml:11:7: body[2].callout.tone: "
        "expected one of 'info', 'warning' or 'urgent', got 'warnnig' (did you mean 'warning'?)",
    )


def test_every_problem_is_reported_at_once(project_copy, edit):
    edit(CLINIC_FILE, "    phone: (503) 555-0142", "    phnoe: (503) 555-0142")
    edit(f"{TOPIC_DIR}/mechanism.yaml", "heading: How dry needling works\n", "")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        "Error: 2 problems in the input:\n",
        f"{CLINIC_FILE}:49:5: locations[0]: unknown field 'phnoe'",
        f"{TOPIC_DIR}/mechanism.yaml:1:1: (top level): missing required field 'heading'",
    )


def test_duplicate_key(project_copy, edit):
    edit(CLINIC_FILE, "    phone: (512) 555-0187", "    phone: (512) 555-0187\n    phone: (512) 555-0188")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out, f"{CLINIC_FILE}:59:5: 'phone' is given twice (first on line 58)\n"
                     "    fix: keep one 'phone': delete this line or the one on line 58\n"
    )


def test_missing_logo_file_fails_only_the_locations_that_use_it(project_copy):
    (project_copy / "content/clinics/assets/smith-jones-mark.svg").unlink()
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_clean_exit(result, 1)
    assert f"{CLINIC_FILE}:25:5: svg logo file not found: assets/smith-jones-mark.svg " \
        "(paths are relative to clinics/)" in result.output
    # Leeds has a logo of its own: its PDFs are still made.
    assert pdfs_under(out) == [f"{CLINIC}/leeds-headingley/{doc}.en.pdf" for doc in DOCUMENTS]
    assert "2 built, 0 up to date, 8 failed" in result.output


def test_missing_font_file(project_copy):
    (project_copy / "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Italic.ttf").unlink()
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        "fonts/fonts.yaml:6:3: Atkinson Hyperlegible Next.italic: font file not found: "
        "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Italic.ttf",
    )


def test_unreadable_font_file(project_copy):
    font = project_copy / "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Italic.ttf"
    font.write_bytes(b"not a font")
    out = project_copy / "out"
    result = run_build(project_copy, out, "--location", "portland-pearl")
    assert_input_error(
        result, out,
        "fonts/fonts.yaml:6:3: Atkinson Hyperlegible Next.italic: cannot use font file "
        "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Italic.ttf: Not a recognized TrueType font",
    )


def test_unknown_template_variable(project_copy, edit):
    edit(f"{TOPIC_DIR}/aftercare.yaml",
         "'Call us at {{ location.phone }} if'", "'Call us at {{ location.phne }} if'")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        f"{TOPIC_DIR}/aftercare.yaml:12:5: body[3].subheading: unknown template variable 'phne' "
        "(did you mean 'phone'?); available: clinic.name, ",
    )


def test_unknown_block_in_document_slots(project_copy, edit):
    edit("content/documents/dry-needling-brochure.yaml", "back: [call_to_action]", "back: [call_to_actoin]")
    out = project_copy / "out"
    result = run_build(project_copy, out)
    assert_input_error(
        result, out,
        "content/documents/dry-needling-brochure.yaml:8:10: unknown block of topic 'dry-needling-sciatica' "
        "'call_to_actoin' (did you mean 'call_to_action'?); choose from: aftercare, call_to_action, "
        "contraindications, disclaimer, figure-nerve, key_points, mechanism, session, side_effects, symptoms, "
        "treated_areas, warning_signs",
    )


# ---------------------------------------------------------------------------------------------- unknown names


def test_unknown_document(demo_root, tmp_path):
    out = tmp_path / "out"
    result = run_build(demo_root, out, "no-such-doc")
    assert_input_error(
        result, out,
        "Error: unknown document 'no-such-doc'; choose from: dry-needling-aftercare, dry-needling-brochure\n",
    )


def test_unknown_clinic(demo_root, tmp_path):
    out = tmp_path / "out"
    result = run_build(demo_root, out, "--clinic", "nope")
    assert_input_error(result, out, "Error: unknown clinic 'nope'; choose from: smith-jones\n")


def test_unknown_location(demo_root, tmp_path):
    out = tmp_path / "out"
    result = run_build(demo_root, out, "--location", "nope")
    assert_input_error(result, out, f"Error: unknown location 'nope'; {LOCATION_CHOICES}\n")


def test_misspelt_location_of_a_clinic(demo_root, tmp_path):
    out = tmp_path / "out"
    result = run_build(demo_root, out, "--clinic", "smith-jones", "--location", "portland-perl")
    assert_input_error(result, out, "'portland-perl' (did you mean 'portland-pearl'?)", LOCATION_CHOICES)


# ---------------------------------------------------------------------------------- content that does not fit


def test_overflowing_block_fails_only_its_documents(project_copy, edit):
    warning_signs = project_copy / TOPIC_DIR / "warning_signs.yaml"  # on the brochure's flap and on the sheet
    warning_signs.write_text(warning_signs.read_text(encoding="utf-8") + "".join(
        f"  - p: Extra paragraph {i} with enough words in it to take up two lines of the panel or more.\n"
        for i in range(40)
    ), encoding="utf-8")
    # A third document that does not use the aftercare block, to show the others are still written.
    (project_copy / "content/documents/sciatica-card.yaml").write_text(
        "kind: handout\ntitle: Sciatica in brief\ntopic: dry-needling-sciatica\nlayout: aftercare\n"
        "slots:\n  flow: [symptoms]\n  smallprint: [disclaimer]\n", encoding="utf-8")
    out = project_copy / "out"
    result = run_build(project_copy, out, "--location", "portland-pearl")
    assert_clean_exit(result, 1)
    assert "Traceback" not in result.output
    for document, sequence, panel in (("dry-needling-aftercare", "flow", "body"),
                                      ("dry-needling-brochure", "flap", "flap")):
        assert re.search(
            rf"^Error: {document}\.en \(smith-jones/portland-pearl, letter\): the text of sequence '{sequence}' "
            rf"runs \d+ lines \(\d+ pt, \d+\.\d mm\) past the end of panel '{panel}'.*; choices: shorten ",
            result.output, re.M,
        ), result.output
    # The Spanish editions use the Spanish block, which was not changed.
    assert pdfs_under(out) == [f"{CLINIC}/portland-pearl/{doc}.es.pdf" for doc in DOCUMENTS] + \
        [f"{CLINIC}/portland-pearl/sciatica-card.{lang}.pdf" for lang in ("en", "es")]
    assert "4 built, 0 up to date, 2 failed" in result.output


# ------------------------------------------------------------------------------------------ markup in content


def test_bold_italic_markup_builds(project_copy, edit):
    edit(f"{TOPIC_DIR}/symptoms.yaml",
         "  - subheading: How it can feel", "  - subheading: '***How*** it can feel'")
    out = project_copy / "out"
    result = run_build(project_copy, out, "dry-needling-brochure", "--location", "portland-pearl")
    assert_clean_exit(result, 0)
    assert "How it can feel" in pdf_text(out / CLINIC / "portland-pearl" / "dry-needling-brochure.en.pdf")
