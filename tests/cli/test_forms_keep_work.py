"""Forms that cannot lose work: --fill never overwrites the blank form (a separately named file, or standard
output with -o -); unknown field names and areas are errors listing the valid ones in the sheet's language
(English names accepted too); --fillable on a document without fields is an error."""

from __future__ import annotations

import io

from pypdf import PdfReader

from conftest import CLINIC, assert_clean_exit, pdfs_under, run_build, run_cli

SHEET = "dry-needling-aftercare"


def test_fill_never_overwrites_the_blank_form(demo_root, tmp_path):
    folder = tmp_path / CLINIC / "portland-pearl"
    assert_clean_exit(run_build(demo_root, tmp_path, SHEET, "--location", "portland-pearl", "--lang", "en",
                                "--fillable"), 0)
    blank = (folder / f"{SHEET}.en.form.pdf").read_bytes()
    result = run_build(demo_root, tmp_path, SHEET, "--location", "portland-pearl", "--lang", "en",
                       "--fill", "therapist=Zoë Hart")
    assert_clean_exit(result, 0)
    assert (folder / f"{SHEET}.en.form.pdf").read_bytes() == blank
    assert PdfReader(folder / f"{SHEET}.en.form.pdf").get_fields()["therapist"].get("/V", "") == ""
    assert PdfReader(folder / f"{SHEET}.en.form-filled.pdf").get_fields()["therapist"]["/V"] == "Zoë Hart"


def test_fill_to_standard_output_writes_nothing_to_disk(demo_root, tmp_path):
    result = run_cli("build", SHEET, "--location", "austin-zilker", "--lang", "es", "--fill", "con=Ana Ruiz",
                     "--fill", "areas=Piriforme,Hamstrings", "-o", "-", "--project", demo_root, "--out", tmp_path)
    assert_clean_exit(result, 0)
    reader = PdfReader(io.BytesIO(result.stdout_bytes))
    fields = reader.get_fields()
    assert fields["therapist"]["/V"] == "Ana Ruiz"
    assert [str(fields[f"area_{i}"]["/V"]) for i in range(1, 6)] == ["/Off", "/Yes", "/Off", "/Yes", "/Off"]
    assert fields["area_2"]["/TU"] == "Zonas tratadas: Piriforme"
    assert pdfs_under(tmp_path) == [] and list(tmp_path.iterdir()) == []


def test_fill_to_a_named_file(demo_root, tmp_path):
    target = tmp_path / "for-the-patient.pdf"
    result = run_cli("build", SHEET, "--location", "leeds-headingley", "--fill", "date=2 Dec", "--flatten",
                     "-o", target, "--project", demo_root, "--out", tmp_path / "out")
    assert_clean_exit(result, 0)
    assert "2 Dec" in PdfReader(target).pages[0].extract_text()
    assert not (tmp_path / "out").exists()


def test_unknown_area_lists_the_areas_in_the_sheets_language(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, SHEET, "--location", "portland-pearl", "--lang", "es",
                       "--fill", "areas=Glutes")
    assert_clean_exit(result, 1)
    assert result.output == (
        "Error: --fill areas=Glutes: 'Glutes' is not one of the zonas tratadas on dry-needling-aftercare.es (did you "
        "mean 'Glúteos'?); choose from: Glúteos, Piriforme, Zona lumbar, Isquiotibiales, Flexores de cadera (or in "
        "English: Buttock, Piriformis, Lower back, Hamstrings, Hip flexors)\n")
    assert pdfs_under(tmp_path) == []


def test_an_english_area_on_a_spanish_sheet_is_accepted(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, SHEET, "--location", "portland-pearl", "--lang", "es",
                       "--fill", "areas=Lower back", "--flatten")
    assert_clean_exit(result, 0)
    assert pdfs_under(tmp_path) == [f"{CLINIC}/portland-pearl/{SHEET}.es.filled.pdf"]


def test_unknown_field_lists_the_fields_with_their_labels(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, SHEET, "--location", "portland-pearl", "--lang", "es",
                       "--fill", "terapeuta=Ana")
    assert_clean_exit(result, 1)
    assert result.output == (
        "Error: --fill terapeuta=…: no field 'terapeuta' on dry-needling-aftercare.es (did you mean 'therapist'?); "
        "its fields are: next_appointment_date (Fecha), next_appointment_time (Hora), therapist (Con), notes "
        "(Notas), areas (Zonas tratadas)\n")


def test_fillable_on_a_document_without_fields(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "dry-needling-brochure", "--fillable")
    assert_clean_exit(result, 1)
    assert result.output == ("Error: --fillable/--fill: dry-needling-brochure has no form fields (its layout has no "
                             "appointment box); documents with fields: dry-needling-aftercare\n")
    assert pdfs_under(tmp_path) == []


def test_fillable_without_a_document_makes_only_the_sheets_with_fields(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, "--fillable", "--location", "leeds-headingley")
    assert_clean_exit(result, 0)
    assert pdfs_under(tmp_path) == [f"{CLINIC}/leeds-headingley/{SHEET}.en.form.pdf"]
