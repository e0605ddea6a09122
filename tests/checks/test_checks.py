"""handouts check: every check with a case that passes and one that fails, asserting the exact finding
(severity, code, file and line)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from conftest import CLINIC_FILE, TOPIC_DIR, assert_clean_exit, pdfs_under, run_build, run_cli
from handouts.checks import CheckOptions, check
from handouts.checks.typography import contrast

TODAY = date(2026, 11, 23)


def _check(project: Path, **options):
    return check(project, CheckOptions(today=options.pop("today", TODAY), **options))


def _codes(report) -> set[str]:
    return {f.code for f in report.findings}


def _find(report, code: str):
    found = [f for f in report.findings if f.code == code]
    assert found, f"no {code} finding in {[str(f) for f in report.findings]}"
    return found


def _where(finding) -> str:
    return f"{finding.file.as_posix().split('/', 99)[-1] if finding.file else None}:{finding.line}"


def _rel(finding, project: Path) -> str:
    return f"{finding.file.relative_to(project).as_posix()}:{finding.line}"


def test_demo_passes_with_a_short_report(demo_root):
    result = run_cli("check", "--project", demo_root)
    assert_clean_exit(result, 0)
    for doc in ("dry-needling-brochure", "dry-needling-aftercare"):
        assert f"{doc} (en): Flesch-Kincaid grade " in result.output
        assert f"{doc} (es): Fernández-Huerta " in result.output  # the Spanish edition has its own scores
    assert "Szigriszt-Pazos (INFLESZ) " in result.output and "(without glossary terms " in result.output
    assert "0 error(s), 0 warning(s)" in result.output
    report = check(demo_root)
    assert [f for f in report.findings if f.severity != "info"] == []
    assert {(d.name, d.lang) for d in report.documents} == {(doc, lang) for doc in ("dry-needling-brochure",
                                                                                  "dry-needling-aftercare")
                                                           for lang in ("en", "es")}
    for doc in report.documents:
        standard = doc.reading.standard.scores
        if doc.lang == "en":
            assert standard["fk_grade"] <= 8.0 and standard["smog"] <= 9.0
        else:
            assert standard["fernandez_huerta"] >= 70 and standard["szigriszt_pazos"] >= 65


def test_json_format(demo_root):
    result = run_cli("check", "--format", "json", "--project", demo_root)
    assert_clean_exit(result, 0)
    data = json.loads(result.output)
    assert data["summary"]["error"] == 0
    assert {(d["name"], d["lang"]) for d in data["documents"]} == {
        (doc, lang) for doc in ("dry-needling-brochure", "dry-needling-aftercare") for lang in ("en", "es")}
    english = next(d for d in data["documents"] if d["name"] == "dry-needling-brochure" and d["lang"] == "en")
    spanish = next(d for d in data["documents"] if d["name"] == "dry-needling-brochure" and d["lang"] == "es")
    assert set(english["readability"]["standard"]) >= {"fk_grade", "smog", "flesch_ease", "words", "sentences"}
    assert set(english["readability"]["glossary_excluded"]) >= {"fk_grade", "smog", "flesch_ease"}
    assert english["fk_grade"] == english["readability"]["standard"]["fk_grade"]
    assert set(spanish["readability"]["standard"]) >= {"fernandez_huerta", "szigriszt_pazos"}
    assert spanish["fk_grade"] is None and "fk_grade" not in spanish["readability"]["standard"]


def test_invalid_input_is_an_error_finding(project_copy, edit):
    edit(CLINIC_FILE, "    phone: (503) 555-0142", "    phone: 5035550142")
    report = _check(project_copy)
    finding = _find(report, "invalid-input")[0]
    assert finding.severity == "error"
    assert _rel(finding, project_copy) == f"{CLINIC_FILE}:49"
    result = run_cli("check", "--project", project_copy)
    assert_clean_exit(result, 1)


HARD = ("Intramuscular stimulation necessitates comprehensive neuromusculoskeletal evaluation, individualised "
        "therapeutic prioritisation, and multidisciplinary interprofessional collaboration throughout rehabilitation.")


def test_reading_grade_warns_on_hard_text(project_copy, edit):
    edit(f"{TOPIC_DIR}/session.yaml", "      - Lie down in a way that feels comfortable.", f"      - {HARD}")
    report = _check(project_copy)
    finding = next(f for f in _find(report, "reading-grade") if "block 'session' (en)" in f.message)
    assert finding.severity == "warning"
    assert _rel(finding, project_copy) == f"{TOPIC_DIR}/session.yaml:3"
    assert "Flesch-Kincaid grade " in finding.message and "; target 8 or below)" in finding.message
    assert "SMOG grade " in finding.message and "; target 9 or below)" in finding.message
    assert "an estimate on 11 sentences" in finding.message  # SMOG is calibrated on 30
    assert "without glossary terms " in finding.message
    assert "reading-grade" not in _codes(_check(project_copy, max_grade=30, max_smog=30))
    smog_only = next(f for f in _find(_check(project_copy, max_grade=30), "reading-grade")
                     if "block 'session' (en)" in f.message)
    assert "SMOG grade " in smog_only.message and "Flesch-Kincaid" not in smog_only.message


def test_spanish_reading_ease_warns_on_hard_text(project_copy, edit):
    edit(f"{TOPIC_DIR}/es/session.yaml", "      - Acuéstese en una posición cómoda.",
         "      - La estimulación intramuscular necesita una evaluación neuromusculoesquelética "
         "multidisciplinaria e interprofesional durante toda la rehabilitación.")
    report = _check(project_copy)
    finding = next(f for f in _find(report, "reading-grade") if "block 'session' (es)" in f.message)
    assert _rel(finding, project_copy) == f"{TOPIC_DIR}/es/session.yaml:3"
    assert "Fernández-Huerta " in finding.message and "; target 70 or above)" in finding.message
    assert "reading-grade" not in _codes(_check(project_copy, min_fernandez_huerta=0, min_inflesz=0))
    result = run_cli("check", "--min-fernandez-huerta", "0", "--min-inflesz", "0", "--project", project_copy)
    assert "block 'session' (es) reads too hard" not in result.output


def test_long_paragraph_and_vague_heading(project_copy, edit):
    edit(f"{TOPIC_DIR}/session.yaml", "heading: What happens in a session", "heading: Overview")
    edit(f"{TOPIC_DIR}/session.yaml", "brief twitch in the muscle. This is normal and passes quickly.",
         "brief twitch. " + " ".join(["You can ask to stop."] * 14))
    report = _check(project_copy)
    vague = _find(report, "vague-heading")[0]
    assert _rel(vague, project_copy) == f"{TOPIC_DIR}/session.yaml:2"
    long = _find(report, "long-paragraph")[0]
    assert _rel(long, project_copy) == f"{TOPIC_DIR}/session.yaml:9"
    assert "a paragraph of 89 words" in long.message


def test_brochure_without_side_effects_is_an_error(project_copy, edit):
    edit("content/documents/dry-needling-brochure.yaml", "session, side_effects, contraindications",
         "session, contraindications")
    report = _check(project_copy)
    finding = _find(report, "missing-block")[0]
    assert finding.severity == "error"
    assert finding.message == "document 'dry-needling-brochure' is a brochure but has no 'side_effects' block"
    assert _rel(finding, project_copy) == "content/documents/dry-needling-brochure.yaml:5"
    result = run_build(project_copy, project_copy / "out")
    assert_clean_exit(result, 1)
    assert "the checks found errors, so nothing was built" in result.output
    assert pdfs_under(project_copy / "out") == []


def test_aftercare_without_warning_signs_or_phone(project_copy, edit):
    edit(f"{TOPIC_DIR}/warning_signs.yaml", "      tone: urgent", "      tone: info")
    report = _check(project_copy)
    found = {_rel(f, project_copy): f for f in _find(report, "missing-warning-signs")}
    assert set(found) == {"content/documents/dry-needling-aftercare.yaml:9",
                          "content/documents/dry-needling-brochure.yaml:5"}  # both kinds ask for them
    assert all(f.severity == "error" for f in found.values())
    assert "missing-phone" not in _codes(report)  # the sheet's call bar prints it


def test_brochure_without_warning_signs_block_is_an_error(project_copy, edit):
    edit("content/documents/dry-needling-brochure.yaml", ", figure-nerve, warning_signs]", ", figure-nerve]")
    finding = _find(_check(project_copy), "missing-block")[0]
    assert finding.message == "document 'dry-needling-brochure' is a brochure but has no 'warning_signs' block"


def test_aftercare_on_a_layout_without_a_phone(project_copy, edit):
    edit("content/documents/dry-needling-aftercare.yaml", "layout: aftercare", "layout: trifold")
    edit(f"{TOPIC_DIR}/aftercare.yaml", "  - subheading: 'Call us at {{ location.phone }} if'",
         "  - subheading: 'Call us if'")
    edit("layouts/trifold.yaml", "role: back,", "role: cover,")
    edit("layouts/trifold.yaml", "{name: cover, role: cover,", "{name: cover, role: cover, slots: [back],")
    report = _check(project_copy)
    finding = _find(report, "missing-phone")[0]
    assert finding.message == "document 'dry-needling-aftercare' (aftercare) does not print a phone number to call"


def test_unexplained_glossary_term(project_copy, edit):
    edit(f"{TOPIC_DIR}/mechanism.yaml", "trigger points (tight, tender knots in a muscle)", "trigger points")
    edit(f"{TOPIC_DIR}/topic.yaml", "    means: A tight, tender knot in a muscle.", "    means: A tight, tender knot.")
    report = _check(project_copy)
    finding = next(f for f in _find(report, "term-unexplained") if "'trigger point'" in f.message)
    assert finding.severity == "warning"
    assert finding.message.startswith("document 'dry-needling-brochure' (en) uses 'trigger point'")
    assert _rel(finding, project_copy) == f"{TOPIC_DIR}/topic.yaml:63"


def test_unexplained_glossary_term_in_spanish(project_copy, edit):
    edit(f"{TOPIC_DIR}/es/mechanism.yaml", "puntos gatillo (nudos tensos y sensibles en un\n      músculo)",
         "puntos gatillo")
    report = _check(project_copy)
    finding = next(f for f in _find(report, "term-unexplained") if "'punto gatillo'" in f.message)
    assert finding.message.startswith("document 'dry-needling-brochure' (es) uses 'punto gatillo'")
    assert finding.file.as_posix().endswith(f"{TOPIC_DIR}/es/topic.yaml")


def test_body_text_below_the_sheet_minimum(project_copy, edit):
    edit("layouts/aftercare.yaml", "  body: {size: 13pt, leading: 16pt", "  body: {size: 11pt, leading: 14pt")
    report = _check(project_copy)
    finding = _find(report, "type-size")[0]
    assert finding.message == "layout 'aftercare': style 'body' is 11 pt; the minimum is 12 pt"
    assert _rel(finding, project_copy) == "layouts/aftercare.yaml:21"


def test_large_print_measures_the_large_print_edition_and_leaves_the_print_layouts_alone(demo_root):
    # The brochure and the sheet are not large print (their large-print edition is): with --large-print they
    # keep their own minimum, and every document is set in large print and measured.
    report = check(demo_root, CheckOptions(large_print=True))
    assert not [f for f in report.findings if f.code == "type-size"]
    notes = [f.message for f in _find(report, "large-print")]
    assert any(m.startswith("dry-needling-aftercare in large print: 10 file(s)") for m in notes)


def test_contrast_of_a_location_colour(project_copy, edit):
    edit(CLINIC_FILE, 'primary: {hex: "#23395B", cmyk: [62, 38, 0, 64]}', 'primary: "#8FA9C9"')
    report = _check(project_copy)
    findings = _find(report, "contrast")
    # Headings take a dark shade of the light primary (primary_text): only the declared white on it fails.
    assert not any("style 'heading'" in f.message for f in findings)
    title = next(f for f in findings if "style 'cover_title' of layout 'trifold'" in f.message)
    assert title.message == ("style 'cover_title' of layout 'trifold': brand colour 'on_primary' #FFFFFF on "
                             "'primary' #8FA9C9 has contrast 2.42:1; 30 pt bold text needs 3:1 "
                             "(location 'leeds-headingley')")
    assert all("leeds-headingley" in f.message for f in findings)


def test_contrast_formula():
    assert contrast("#000000", "#FFFFFF") == pytest.approx(21.0)
    assert contrast("#767676", "#FFFFFF") == pytest.approx(4.54, abs=0.01)
    assert contrast("#FFFFFF", "#FFFFFF") == pytest.approx(1.0)


def test_missing_glyph_names_character_block_and_font(project_copy, edit):
    edit(f"{TOPIC_DIR}/session.yaml", "      - Lie down in a way that feels comfortable.",
         "      - Lie down in a way that feels comfortable ✋.")
    report = _check(project_copy)
    finding = _find(report, "glyph")[0]
    assert finding.message.startswith(
        "character '✋' (U+270B) in block 'session' is not in font 'Atkinson Hyperlegible Next'")
    assert _rel(finding, project_copy) == f"{TOPIC_DIR}/session.yaml:8"
    result = run_build(project_copy, project_copy / "out", "dry-needling-brochure")
    assert_clean_exit(result, 1)
    assert "U+270B" in result.output


def test_missing_glyph_in_a_location_name(project_copy, edit):
    edit(CLINIC_FILE, "name: Headingley, Leeds", "name: Headingley, Leeds ★")
    finding = _find(_check(project_copy), "glyph")[0]
    assert "in location name" in finding.message and "(smith-jones/leeds-headingley)" in finding.message
    assert _rel(finding, project_copy) == f"{CLINIC_FILE}:65"


def test_review_overdue_is_a_warning_and_strict_fails(project_copy):
    report = _check(project_copy, today=date(2029, 1, 1))
    finding = _find(report, "review-overdue")[0]
    assert finding.severity == "warning"
    assert _rel(finding, project_copy) == f"{TOPIC_DIR}/topic.yaml:13"
    assert not report.failed(strict=False) and report.failed(strict=True)
    assert "review-overdue" not in _codes(_check(project_copy))


def test_publication_age_limit_is_configurable(project_copy):
    report = _check(project_copy, today=date(2027, 11, 30), max_age_years=1)
    finding = _find(report, "too-old")[0]
    assert _rel(finding, project_copy) == f"{TOPIC_DIR}/topic.yaml:12"
    assert "too-old" not in _codes(_check(project_copy, today=date(2027, 11, 30)))


def test_missing_alt_text_is_its_own_finding_not_a_pemat_item(project_copy, edit):
    before = {(d.name, d.lang): [(i.number, i.status) for i in d.pemat] for d in _check(project_copy).documents}
    edit(CLINIC_FILE, "    alt: Smith & Jones Physio logo\n", "")
    report = _check(project_copy)
    finding = _find(report, "alt-text")[0]
    assert finding.severity == "error"  # every edition is tagged: a build refuses
    assert finding.message == "clinic 'smith-jones': the logo has no alt text"
    assert _rel(finding, project_copy) == f"{CLINIC_FILE}:24"
    after = {(d.name, d.lang): [(i.number, i.status) for i in d.pemat] for d in report.documents}
    assert after == before  # PEMAT-P has no item about a logo


def test_a_location_logo_without_alt_text(project_copy, edit):
    edit(CLINIC_FILE, "        alt: Smith & Jones Physio UK logo\n", "")
    finding = _find(_check(project_copy), "alt-text")[0]
    assert finding.message == "location 'leeds-headingley' of clinic 'smith-jones': its logo has no alt text"


def test_schema_files_are_current(demo_root, tmp_path):
    result = run_cli("schema", "--out", tmp_path)
    assert_clean_exit(result, 0)
    for path in sorted(tmp_path.glob("*.schema.json")):
        assert (demo_root / "schema" / path.name).read_text() == path.read_text(), f"run handouts schema: {path.name}"
    block = json.loads((tmp_path / "block.schema.json").read_text())
    assert block["additionalProperties"] is False
    assert set(block["required"]) == {"kind", "heading", "body"}
