"""Turn a spreadsheet of locations (CSV or .xlsx) into a clinic file's locations — added or updated, its comments
and order kept, shown as a diff before anything is written — and a clinic's locations back into the sheet that
import reads, so a round trip changes nothing."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from handouts.batch.output import write_atomic
from handouts.errors import HandoutsError, InputError, UnknownName, input_finding
from handouts.findings import Finding, display_path
from handouts.load import models as m
from handouts.load.validate import describe, validate
from handouts.load.yamlio import load_yaml, parse_yaml
from handouts.sheets.clinicfile import ClinicFile
from handouts.sheets.columns import Column, export_header, export_row, parse_header, row_fields
from handouts.sheets.tables import SHEET_SUFFIXES, read_rows, write_rows

__all__ = ["SHEET_SUFFIXES", "ImportResult", "export_locations", "import_locations"]


@dataclass
class ImportResult:
    clinic_file: Path
    diff: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    not_in_sheet: list[str] = field(default_factory=list)  # kept as they are
    written: bool = False

    def summary(self) -> str:
        line = (f"{len(self.added)} added, {len(self.updated)} updated, {len(self.unchanged)} unchanged")
        if self.not_in_sheet:
            line += f"; not in the sheet (kept as they are): {', '.join(self.not_in_sheet)}"
        return line


def clinic_path(root: Path, clinic: str | None) -> Path:
    folder = Path(root) / "content" / "clinics"
    names = sorted(p.stem for p in folder.glob("*.yaml")) if folder.is_dir() else []
    if clinic is None:
        if len(names) == 1:
            return folder / f"{names[0]}.yaml"
        raise HandoutsError(f"which clinic? pass --clinic with one of: {', '.join(names) or '(none)'}")
    if clinic not in names:
        raise UnknownName("clinic", clinic, names)
    return folder / f"{clinic}.yaml"


def import_locations(root: Path | str, clinic: str | None, sheet: Path, write: bool = False) -> ImportResult:
    """Add or update the clinic's locations from ``sheet``; write the file only with ``write``. Every problem in
    the sheet is reported at once, each with its row and column; nothing is written unless all rows are good."""
    path = clinic_path(Path(root), clinic)
    load_yaml(path)  # the clinic file itself must read (a syntax error is reported in its own terms)
    text = path.read_text(encoding="utf-8")
    rows = read_rows(sheet)
    columns, header_problems = parse_header(rows[0])
    if header_problems:
        raise InputError([_finding(sheet, p, "fix the header row (row 1)") for p in header_problems])
    editable = ClinicFile(text)
    result = ImportResult(path, "")
    problems: list[Finding] = []
    first_row: dict[str, int] = {}
    id_col = next(c for c in columns if c.field == "id")
    for number, cells in enumerate(rows[1:], start=2):
        fields, found = row_fields(columns, cells)
        problems += [_finding(sheet, f"{col.where(number)}: {message}", "fill in one of them and empty the other")
                     for col, message in found]
        loc_id = fields.get("id")
        if not loc_id:
            problems.append(_finding(sheet, f"{id_col.where(number)}: no id", "give every row the location's id "
                                                                              "(lower-case, e.g. portland-pearl)"))
            continue
        if loc_id in first_row:
            problems.append(_finding(sheet, f"{id_col.where(number)}: id '{loc_id}' is also on row "
                                            f"{first_row[loc_id]}", "give each location one row"))
            continue
        first_row[loc_id] = number
        existing = editable.location(loc_id)
        merged = {k: v for k, v in {**(existing or {}), **fields}.items() if v is not None}
        problems += _check_row(sheet, number, columns, merged, existing is None)
        if found or any(p.data.get("row") == number for p in problems):
            continue
        if existing is None:
            editable.add(fields)
            result.added.append(loc_id)
        elif editable.update(loc_id, fields):
            result.updated.append(loc_id)
        else:
            result.unchanged.append(loc_id)
    if problems:
        raise InputError(problems)
    result.not_in_sheet = [i for i in editable.ids() if i not in first_row]
    new_text = editable.dump()
    _check_clinic(path, new_text)
    result.diff = "".join(difflib.unified_diff(
        text.splitlines(keepends=True), new_text.splitlines(keepends=True), fromfile=display_path(path),
        tofile=f"{display_path(path)} (after import)"))
    if write and new_text != text:
        write_atomic(path, new_text.encode("utf-8"))
        result.written = True
    return result


def _finding(sheet: Path, message: str, fix: str, row: int | None = None) -> Finding:
    finding = input_finding(message, sheet, code="invalid-sheet", fix=fix)
    if row is not None:
        finding.data["row"] = row
    return finding


def _check_row(sheet: Path, number: int, columns: list[Column], location: dict[str, Any], new: bool
               ) -> list[Finding]:
    """The row's location as the loader would validate it, each problem named by row and column."""
    try:
        m.Location.model_validate(location)
        return []
    except ValidationError as exc:
        out = []
        for err in exc.errors():
            loc, message, fix = describe(m.Location, location, err)
            name = str(loc[0]) if loc else "id"
            lang = str(loc[1]) if len(loc) > 1 and isinstance(loc[1], str) else None
            col = next((c for c in columns if c.field == name and c.lang == lang), None) or \
                next((c for c in columns if c.field == name), None)
            if err["type"] == "missing":
                name = str(err["loc"][-1])
                col = next((c for c in columns if c.field == name), None)
                message = f"a new location needs a {name}" if new else f"missing {name}"
                fix = f"fill in the '{name}' column" if col else f"add a '{name}' column"
            where = col.where(number) if col else f"row {number}"
            out.append(_finding(sheet, f"{where}: {message}", fix, number))
        return out


def _check_clinic(path: Path, text: str) -> None:
    """The clinic file as it would be written must load (it always should: every row was checked)."""
    value, found = validate(m.Clinic, parse_yaml(text, path))
    if found:
        raise InputError(found)


def export_locations(root: Path | str, clinic: str | None, out: Path | None) -> bytes:
    """The clinic's locations as the sheet import reads (CSV, or .xlsx by ``out``'s suffix); written to ``out``
    unless it is None (the caller prints the CSV)."""
    path = clinic_path(Path(root), clinic)
    data = load_yaml(path).data
    locations = [loc for loc in (data or {}).get("locations") or [] if isinstance(loc, dict)]
    header = export_header(locations)
    rows = [header] + [export_row(header, loc) for loc in locations]
    payload = write_rows(rows, out)
    if out is not None:
        write_atomic(out, payload)
    return payload
