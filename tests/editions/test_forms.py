"""The fillable aftercare sheet: form fields with names, types, tooltips and tab order in reading order;
--fill values read back; --flatten prints them; the blank sheet keeps lines and tick boxes to write on."""

from __future__ import annotations

from pypdf import PdfReader

from conftest import CLINIC, assert_clean_exit, pdfs_under, run_build

SHEET = "dry-needling-aftercare"
ORDER = ["next_appointment_date", "next_appointment_time", "therapist", "area_1", "area_2", "area_3", "area_4",
         "area_5", "notes"]


def _build(root, out, *args):
    result = run_build(root, out, SHEET, "--location", "portland-pearl", "--lang", "en", *args)
    assert_clean_exit(result, 0)
    return out / CLINIC / "portland-pearl"


def test_fillable_sheet_has_named_fields_in_reading_order(demo_root, tmp_path):
    folder = _build(demo_root, tmp_path, "--fillable")
    reader = PdfReader(folder / f"{SHEET}.en.form.pdf")
    fields = reader.get_fields()
    assert list(fields) == ORDER
    assert [str(fields[k]["/FT"]) for k in ORDER] == ["/Tx"] * 3 + ["/Btn"] * 5 + ["/Tx"]
    assert fields["next_appointment_date"]["/TU"] == "Your next appointment: Date"
    assert fields["area_2"]["/TU"] == "Areas treated: Piriformis"
    annots = [a.get_object()["/T"] for a in reader.pages[0]["/Annots"]]
    assert annots == ORDER  # tab order follows the annotations' order: reading order
    assert pdfs_under(tmp_path) == [f"{CLINIC}/portland-pearl/{SHEET}.en.form.pdf"]


def test_fill_values_read_back(demo_root, tmp_path):
    folder = _build(demo_root, tmp_path, "--fill", "next_appointment_date=2026-12-02", "--fill", "therapist=Zoë Hart",
                    "--fill", "areas=Piriformis,Hamstrings")
    fields = PdfReader(folder / f"{SHEET}.en.form-filled.pdf").get_fields()  # never over the blank .form.pdf
    assert fields["next_appointment_date"]["/V"] == "2026-12-02"
    assert fields["therapist"]["/V"] == "Zoë Hart"
    assert [str(fields[f"area_{i}"]["/V"]) for i in range(1, 6)] == ["/Off", "/Yes", "/Off", "/Yes", "/Off"]


def test_flatten_prints_the_values(demo_root, tmp_path):
    folder = _build(demo_root, tmp_path, "--fill", "next_appointment_date=Dec 2, 2026", "--flatten")
    reader = PdfReader(folder / f"{SHEET}.en.filled.pdf")
    assert not reader.get_fields()
    assert "Dec 2, 2026" in reader.pages[0].extract_text()


def test_blank_sheet_has_lines_and_tick_boxes_to_write_on(demo_root, tmp_path):
    folder = _build(demo_root, tmp_path)
    reader = PdfReader(folder / f"{SHEET}.en.pdf")
    assert not reader.get_fields()
    text = " ".join(reader.pages[0].extract_text().split())
    assert "Areas treated Buttock Piriformis Lower back Hamstrings Hip flexors" in text


def test_bad_fill_values(demo_root, tmp_path):
    result = run_build(demo_root, tmp_path, SHEET, "--fill", "phone")
    assert_clean_exit(result, 2)
    assert "use KEY=VALUE with KEY one of next_appointment_date" in result.output
    result = run_build(demo_root, tmp_path, SHEET, "--fill", "phone=1")
    assert_clean_exit(result, 1)
    assert "no field 'phone' on dry-needling-aftercare.en; its fields are: " \
           "next_appointment_date (Date)" in result.output
    result = run_build(demo_root, tmp_path, SHEET, "--fill", "therapist=Nguyễn")
    assert_clean_exit(result, 2)
    assert "form fields can only show Latin-1 text; add --flatten" in result.output
    result = run_build(demo_root, tmp_path, SHEET, "--flatten")
    assert_clean_exit(result, 2)
