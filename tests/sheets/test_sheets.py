"""Locations from a spreadsheet: a 12-location chain imports from CSV and builds; the clinic file keeps its
comments and order; nothing is written without --write; export writes the sheet import reads (a round trip
changes nothing, CSV or .xlsx); every mistake names its row and column."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import Workbook, load_workbook
from pypdf import PdfReader

from conftest import CLINIC, CLINIC_FILE, assert_clean_exit, pdfs_under, run_build, run_cli

CITIES = ["Beaverton", "Salem", "Eugene", "Bend", "Medford", "Tigard", "Gresham", "Hillsboro", "Corvallis"]
HEADER = ["ID", "Name", "Address", "Phone", "Hours.en", "Hours.es", "Booking URL", "Languages", "Paper"]


def chain_rows() -> list[list[str]]:
    """Nine new locations (addresses split by ';', hours by line breaks, per-language hours) and an update of one
    that exists (its phone): with the two the sheet leaves alone, a chain of 12."""
    rows = [HEADER]
    for i, city in enumerate(CITIES):
        rows.append([city.lower(), f"{city} Clinic", f"{100 + i} Main St; {city}, OR 97{100 + i}",
                     f"(503) 555-01{10 + i}", "Mon–Fri 8am–6pm\nSat 9am–1pm", "lun.–vie. 8 a. m.–6 p. m.",
                     f"https://example.org/book/{city.lower()}", "en, es" if i % 2 else "en", "a4" if i == 3 else ""])
    rows.append(["portland-pearl", "Pearl District, Portland", "1220 NW Lovejoy Street, Suite 200\nPortland, OR 97209",
                 "(503) 555-0199", "", "", "https://smithjonesphysio.example/book/portland-pearl", "", ""])
    return rows


def write_csv(path, rows, delimiter=",", bom=False) -> None:
    text = io.StringIO(newline="")
    csv.writer(text, delimiter=delimiter).writerows(rows)
    path.write_bytes(("\ufeff" if bom else "").encode() + text.getvalue().encode("utf-8"))


def locations_import(project, sheet, *extra):
    return run_cli("locations", "import", sheet, "--clinic", CLINIC, *extra, "--project", project)


def test_a_twelve_location_chain_imports_from_csv_and_builds(project_copy):
    sheet = project_copy / "chain.csv"
    write_csv(sheet, chain_rows())
    clinic_file = project_copy / CLINIC_FILE
    before = clinic_file.read_text()

    shown = locations_import(project_copy, sheet)
    assert_clean_exit(shown, 0)
    assert clinic_file.read_text() == before  # a diff only, until --write
    assert "+  - id: beaverton\n+    name: Beaverton Clinic\n+    address:\n+      - 100 Main St\n" in shown.output
    assert "-    phone: (503) 555-0142\n+    phone: (503) 555-0199\n" in shown.output
    assert "9 added, 1 updated, 0 unchanged; not in the sheet (kept as they are): austin-zilker, leeds-headingley" \
        in shown.output
    assert "nothing written: add --write to save these changes" in shown.output

    written = locations_import(project_copy, sheet, "--write")
    assert_clean_exit(written, 0)
    after = clinic_file.read_text()
    # Comments, order and everything the sheet does not name are kept as they were.
    assert after.startswith(before.split("locations:\n")[0])
    assert "  # Characters the brand font lacks (e.g. Vietnamese) are set in this family, per language.\n" in after
    assert "      colors:\n        primary: {hex: \"#23395B\", cmyk: [62, 38, 0, 64]}\n\n  - id: beaverton\n" in after
    assert "    hours:\n      en: [Mon–Fri 8am–6pm, Sat 9am–1pm]\n      es: [lun.–vie. 8 a. m.–6 p. m.]\n" in after

    listed = run_cli("list", "--project", project_copy)
    assert listed.output.count("\n    ") == 12
    out = project_copy / "out"
    result = run_build(project_copy, out, "dry-needling-aftercare", "--lang", "en", "--jobs", "2")
    assert_clean_exit(result, 0)
    assert len(pdfs_under(out)) == 12
    sheet_pdf = out / CLINIC / "bend" / "dry-needling-aftercare.en.pdf"
    text = " ".join(PdfReader(sheet_pdf).pages[0].extract_text().split())
    assert "(503) 555-0113" in text and "Open Mon–Fri 8am–6pm; Sat 9am–1pm" in text
    assert PdfReader(sheet_pdf).pages[0].mediabox.width == pytest.approx(595.28, abs=0.05)  # paper a4


def test_export_then_import_changes_nothing(project_copy):
    clinic_file = project_copy / CLINIC_FILE
    before = clinic_file.read_bytes()
    for name in ("sheet.csv", "sheet.xlsx"):
        sheet = project_copy / name
        assert_clean_exit(run_cli("locations", "export", "-o", sheet, "--project", project_copy), 0)
        result = locations_import(project_copy, sheet, "--write")
        assert_clean_exit(result, 0)
        assert "0 added, 0 updated, 3 unchanged" in result.output
        assert "already matches the sheet" in result.output
        assert clinic_file.read_bytes() == before


def test_export_to_stdout_is_the_sheet(demo_root):
    result = run_cli("locations", "export", "--project", demo_root)
    assert_clean_exit(result, 0)
    rows = list(csv.reader(io.StringIO(result.stdout)))
    assert rows[0] == ["id", "name", "address", "phone", "email", "hours", "hours.en", "hours.es", "booking_url",
                       "booking_url.en", "booking_url.es", "emergency_number", "paper", "locale", "languages",
                       "tagline", "disclaimer"]
    leeds = dict(zip(rows[0], rows[3], strict=True))
    assert leeds["address"] == "14 Otley Road\nLeeds LS6 2AA\nUnited Kingdom"
    assert leeds["hours"] == "Mon–Fri 8am–6pm" and leeds["hours.en"] == "" and leeds["languages"] == "en"
    austin = dict(zip(rows[0], rows[2], strict=True))
    assert austin["hours.es"] == "lun.–jue. 8 a. m.–8 p. m.\nvie. 8 a. m.–5 p. m." and austin["email"] == ""


def test_excel_semicolons_and_a_byte_order_mark(project_copy):
    rows = chain_rows()[:3]
    sheet = project_copy / "eu.csv"
    write_csv(sheet, rows, delimiter=";", bom=True)
    result = locations_import(project_copy, sheet, "--write")
    assert_clean_exit(result, 0)
    assert "2 added" in result.output


def test_xlsx_numbers_become_text(project_copy):
    book = Workbook()
    sheet = book.active
    sheet.append(["id", "name", "address", "phone"])
    sheet.append(["salem", "Salem", "1 Main St;Salem, OR 97301", 5035550142])
    path = project_copy / "chain.xlsx"
    book.save(path)
    result = locations_import(project_copy, path, "--write")
    assert_clean_exit(result, 0)
    assert "    phone: '5035550142'\n" in (project_copy / CLINIC_FILE).read_text()
    check = run_cli("check", "--project", project_copy)
    assert "error(s)" in check.output and "0 error(s)" in check.output


def test_an_empty_cell_means_inherit(project_copy):
    sheet = project_copy / "s.csv"
    write_csv(sheet, [["id", "email"], ["portland-pearl", ""]])
    assert_clean_exit(locations_import(project_copy, sheet, "--write"), 0)
    text = (project_copy / CLINIC_FILE).read_text()
    assert "pearl@smithjonesphysio.example" not in text
    assert "    phone: (503) 555-0142\n    booking_url:" in text


@pytest.mark.parametrize("rows, expected", [
    ([["id", "name", "phnoe"], ["x", "X", "1"]],
     ["s.csv: column C ('phnoe'): unknown column (did you mean 'phone'?); columns are: id, name, address, phone, "
      "email, hours, booking_url, emergency_number, paper, locale, languages, tagline, disclaimer (and hours, "
      "tagline or disclaimer per language: hours.es)",
      "    fix: fix the header row (row 1)"]),
    ([["name", "address"], ["X", "1 St"]],
     ["s.csv: no 'id' column: every row needs the location's id (lower-case letters, digits, - and _)"]),
    ([["id", "name", "address", "locale"], ["salem", "Salem", "1 St", "english"]],
     ["s.csv: row 2, column D (locale): locale: expected a locale such as en-US or en-GB, got 'english'",
      "    fix: write the language in lower case, a hyphen and the country in capitals: en-US, en-GB, es-US"]),
    ([["id", "name"], ["salem", "Salem"]],
     ["s.csv: row 2: a new location needs a address", "    fix: add a 'address' column"]),
    ([["id", "name", "address"], ["Salem Main", "Salem", "1 St"]],
     ["s.csv: row 2, column A (id): id: expected an id of lower-case letters, digits, - and _, got 'Salem Main'"]),
    ([["id", "name", "address"], ["salem", "Salem", "1 St"], ["salem", "Salem 2", "2 St"]],
     ["s.csv: row 3, column A (id): id 'salem' is also on row 2", "    fix: give each location one row"]),
    ([["id", "hours", "hours.es"], ["portland-pearl", "Mon", "lun."]],
     ["s.csv: row 2, column B (hours): 'hours' is given both once and per language: fill in either the 'hours' "
      "column or the 'hours.<lang>' columns"]),
    ([["id", "paper", "booking_url"], ["portland-pearl", "A4", "example.org"]],
     ["s.csv: row 2, column B (paper): paper: expected one of 'letter' or 'a4', got 'A4' (did you mean 'a4'?)",
      "s.csv: row 2, column C (booking_url): booking_url: expected a web address starting with https://, got "
      "'example.org'"]),
    ([["id", "languages"], ["portland-pearl", "en, spanish"]],
     ["s.csv: row 2, column B (languages): languages[1]: expected a two-letter language code such as en or es, "
      "got 'spanish'"]),
])
def test_mistakes_name_the_row_and_column(project_copy, rows, expected):
    sheet = project_copy / "s.csv"
    write_csv(sheet, rows)
    before = (project_copy / CLINIC_FILE).read_bytes()
    result = locations_import(project_copy, sheet, "--write")
    assert_clean_exit(result, 1)
    for line in expected:
        assert line in result.output, result.output
    assert (project_copy / CLINIC_FILE).read_bytes() == before


@pytest.mark.parametrize("name, content, message", [
    ("s.txt", b"id\nx\n", "s.txt: cannot read a '.txt' file as a sheet\n    fix: save the sheet as CSV (.csv) or Excel "
                          "workbook (.xlsx)"),
    ("s.csv", b"", "s.csv: the sheet is empty"),
    ("s.xlsx", b"not a zip", "s.xlsx: not an Excel workbook (BadZipFile)"),
    ("s.csv", b"id\x00\n", "s.csv: this is not a CSV text file (it holds NUL bytes)"),
])
def test_files_that_are_not_sheets(project_copy, name, content, message):
    (project_copy / name).write_bytes(content)
    result = locations_import(project_copy, project_copy / name)
    assert_clean_exit(result, 1)
    assert message in result.output


def test_xlsx_export_has_text_cells(project_copy):
    path = project_copy / "out.xlsx"
    assert_clean_exit(run_cli("locations", "export", "-o", path, "--project", project_copy), 0)
    sheet = load_workbook(path).active
    assert sheet.title == "locations"
    assert sheet["D4"].value == "0113 496 0321" and sheet["A2"].value == "portland-pearl"
