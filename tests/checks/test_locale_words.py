"""Words that differ by country within one language: layouts/strings/en-GB.yaml changes some words of en.yaml
for UK locations (physiotherapist, lymphoedema, the regulatory line), content and the clinic's small print read
them as {{ words.… }}, every read is recorded, and a mistake in a country's file names its file and line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from conftest import CLINIC, CLINIC_FILE, TOPIC_DIR, assert_clean_exit, run_build, run_cli
from handouts.checks.material import material
from handouts.errors import InputError
from handouts.load import load_project
from handouts.load.reads import ABSENT, recording


def _text(path: Path) -> str:
    """The PDF's text on one line, words hyphenated at a line end joined again."""
    text = " ".join(" ".join(page.extract_text() or "" for page in PdfReader(path).pages).split())
    return text.replace("- ", "")


@pytest.mark.parametrize(("location", "lang", "present", "absent"), [
    ("leeds-headingley", "en", ["physiotherapist at Headingley", "lymphoedema",
                                "registered with the Health and Care Professions Council"],
     ["physical therapist", "lymphedema", "differs by state"]),
    ("portland-pearl", "en", ["physical therapist at Pearl District", "lymphedema", "licensed physical therapists",
                              "who may give it differs by state"],
     ["physiotherapist", "lymphoedema", "Health and Care Professions Council"]),
    ("austin-zilker", "es", ["fisioterapeuta capacitado en Zoë Hart Clinic", "linfedema",
                             "quién puede aplicarla depende de cada estado"], ["{{", "words."]),
])  # fmt: skip
def test_each_location_prints_its_countrys_words(demo_out, location, lang, present, absent):
    text = _text(demo_out / CLINIC / location / f"dry-needling-brochure.{lang}.pdf")
    sheet = _text(demo_out / CLINIC / location / f"dry-needling-aftercare.{lang}.pdf")
    for words in present:
        assert words in text, words
    for words in absent:
        assert words not in text and words not in sheet, words
    assert "© 2026 Smith & Jones Physio." in sheet  # the clinic's small print, its template filled in


def test_a_locale_takes_its_languages_strings_with_its_own_words_over_them(demo_root):
    project = load_project(demo_root)
    english, british = project.layout_strings("en"), project.layout_strings("en", "en-GB")
    assert (english["therapist"], british["therapist"]) == ("physical therapist", "physiotherapist")
    assert british["scan_to_book"] == english["scan_to_book"]  # every other string is the language's
    assert set(british) == set(english)
    assert project.layout_strings("en", "en-AU") == english  # no en-AU.yaml: the language's words
    assert project.layout_strings("es", "es-US")["therapist"] == "fisioterapeuta"
    assert "estado" in project.layout_strings("es", "es-US")["regulation"]
    assert project.layout_strings("es", "en-GB") == project.layout_strings("es")  # another language's country


def test_reads_of_a_countrys_words_are_recorded(demo_root):
    project = load_project(demo_root)
    with recording(demo_root) as record:
        project.layout_strings("en", "en-GB")
    assert {str(dep) for dep in record.reads} == {"layouts/strings/en.yaml", "layouts/strings/en-GB.yaml"}
    with recording(demo_root) as record:
        project.layout_strings("en", "en-AU")
    reads = {str(dep): value for dep, value in record.reads.items()}
    assert reads["layouts/strings/en-AU.yaml"] == ABSENT  # adding it later rebuilds what looked for it


def test_editing_a_countrys_words_rebuilds_only_its_locations(project_copy, edit):
    out = project_copy / "out"
    assert_clean_exit(run_build(project_copy, out), 0)
    before = {p: p.stat().st_mtime_ns for p in out.rglob("*.pdf")}
    edit("layouts/strings/en-GB.yaml", "therapist: physiotherapist", "therapist: physio")
    assert_clean_exit(run_build(project_copy, out), 0)
    changed = sorted(p.relative_to(out).as_posix() for p, t in before.items() if p.stat().st_mtime_ns != t)
    assert changed == [f"{CLINIC}/leeds-headingley/dry-needling-aftercare.en.pdf",
                       f"{CLINIC}/leeds-headingley/dry-needling-brochure.en.pdf"]
    assert "trained physio at Headingley" in _text(out / CLINIC / "leeds-headingley/dry-needling-brochure.en.pdf")


def test_a_word_the_language_does_not_have_is_an_error_with_its_line(project_copy, edit):
    edit("layouts/strings/en-GB.yaml", "lymphedema: lymphoedema", "lymphedma: lymphoedema")
    with pytest.raises(InputError) as caught:
        load_project(project_copy)
    (finding,) = caught.value.findings
    assert finding.location() == f"{project_copy / 'layouts/strings/en-GB.yaml'}:3:1"
    assert finding.message == ("'lymphedma' is not a string of en.yaml (did you mean 'lymphedema'?); a locale's "
                               "file only changes the words of its language")


def test_a_countrys_file_needs_its_language(project_copy):
    (project_copy / "layouts/strings/fr-CA.yaml").write_text("therapist: physiothérapeute\n", encoding="utf-8")
    result = run_cli("check", "--project", project_copy)
    assert_clean_exit(result, 1)
    assert ("layouts/strings/fr-CA.yaml:1:1: error: the words of locale 'fr-CA' override layouts/strings/fr.yaml, "
            "which is not there") in result.output


def test_an_unknown_word_in_content_names_its_file_and_line(project_copy, edit):
    edit(f"{TOPIC_DIR}/call_to_action.yaml", "{{ words.therapist }}", "{{ words.therapsit }}")
    result = run_build(project_copy, project_copy / "out", "dry-needling-brochure", "--location", "portland-pearl")
    assert_clean_exit(result, 1)
    assert f"{TOPIC_DIR}/call_to_action.yaml:4:5: body[0].p: unknown template variable 'therapsit' (did you mean " \
           "'words.therapist'?)" in result.output


def test_the_clinics_small_print_fills_in_its_countrys_regulatory_line(project_copy, edit):
    edit(CLINIC_FILE, "    © 2026 Smith & Jones Physio.\n    {{ words.regulation }}\n  es:",
         "    © 2026 Smith & Jones Physio. {{ words.nope }}\n  es:")
    result = run_build(project_copy, project_copy / "out", "dry-needling-aftercare", "--location", "portland-pearl",
                       "--lang", "en")
    assert_clean_exit(result, 1)
    assert f"{CLINIC_FILE}:17:3: disclaimer.en: unknown template variable 'nope'" in result.output


def test_the_checks_read_the_languages_words(demo_root):
    project = load_project(demo_root)
    english, spanish = (material(project, "dry-needling-brochure", lang) for lang in ("en", "es"))
    assert any("trained physical therapist at it" in t for t in english.texts)
    assert any("fisioterapeuta capacitado en it" in t for t in spanish.texts)
    assert not any("words." in t for t in english.texts + spanish.texts)
