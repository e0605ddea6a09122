"""Turn a CSV or Excel (.xlsx) file into rows of text cells, and rows back into either: CSV as Excel and
LibreOffice write it (a byte-order mark, commas or semicolons, quoted cells holding line breaks)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from handouts.errors import InputError, input_finding
from handouts.sheets.columns import cell_text

SHEET_SUFFIXES = (".csv", ".xlsx")


def _refuse(path: Path, message: str, fix: str) -> InputError:
    return InputError(input_finding(message, path, code="invalid-sheet", fix=fix))


def read_rows(path: Path) -> list[list[str]]:
    """The sheet's rows (the first is the header), every cell as text."""
    suffix = path.suffix.lower()
    if suffix not in SHEET_SUFFIXES:
        raise _refuse(path, f"cannot read a '{path.suffix or 'suffix-less'}' file as a sheet",
                      "save the sheet as CSV (.csv) or Excel workbook (.xlsx)")
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise _refuse(path, "file not found", "check the file name and folder") from None
    except OSError as exc:
        raise _refuse(path, f"cannot read: {exc.strerror}", "check the file's permissions") from None
    rows = _read_xlsx(path, data) if suffix == ".xlsx" else _read_csv(path, data)
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if not rows:
        raise _refuse(path, "the sheet is empty", "put a header row (id, name, address, …) and one row per location")
    return rows


def _read_csv(path: Path, data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp1252")  # Excel's "CSV" on Windows, when UTF-8 was not chosen
        except UnicodeDecodeError as exc:
            raise _refuse(path, f"not UTF-8 text ({exc.reason} at byte {exc.start})",
                          "save it as 'CSV UTF-8 (comma delimited)'") from None
    if "\x00" in text:
        raise _refuse(path, "this is not a CSV text file (it holds NUL bytes)",
                      "save the sheet as CSV UTF-8, or give the .xlsx workbook itself")
    first = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first.count) if any(d in first for d in ",;\t") else ","
    try:
        return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text, newline=""),
                                                                     delimiter=delimiter)]
    except csv.Error as exc:
        raise _refuse(path, f"cannot read the CSV: {exc}", "save the sheet again as CSV UTF-8") from None


def _read_xlsx(path: Path, data: bytes) -> list[list[str]]:
    import zipfile

    from openpyxl import load_workbook  # imported when a workbook is read: it is large

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise _refuse(path, f"not an Excel workbook ({type(exc).__name__})",
                      "save it from Excel or LibreOffice as .xlsx, or export it as CSV") from None
    sheet = book["locations"] if "locations" in book.sheetnames else book.worksheets[0]
    rows = [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    book.close()
    return rows


def write_rows(rows: list[list[str]], path: Path | None) -> bytes:
    """The sheet as bytes: CSV (UTF-8 with a byte-order mark, so Excel reads accents) or .xlsx by ``path``'s
    suffix; CSV when ``path`` is None (standard output)."""
    if path is not None and path.suffix.lower() == ".xlsx":
        from openpyxl import Workbook  # imported when a workbook is written: it is large
        from openpyxl.styles import Alignment, Font

        book = Workbook()
        sheet = book.active
        sheet.title = "locations"
        for row in rows:
            sheet.append(row)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
                cell.number_format = "@"  # text: a phone number stays as written
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()
    if path is not None and path.suffix.lower() != ".csv":
        raise _refuse(path, f"cannot write a '{path.suffix or 'suffix-less'}' file as a sheet",
                      "name the output .csv or .xlsx (or - for CSV on standard output)")
    text = io.StringIO(newline="")
    csv.writer(text, lineterminator="\r\n").writerows(rows)
    return ("\ufeff" if path is not None else "").encode() + text.getvalue().encode("utf-8")
