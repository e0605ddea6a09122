"""Turn a spreadsheet's columns into a location's fields and back: which columns there are, what each cell
holds (address and hours lines in one cell, separated by line breaks or ';'; per-language columns such as
``hours.es``), and what an empty cell means (the location inherits the clinic's value)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from handouts.errors import suggest

# Every column a sheet may have, in the order export writes them. ``lines``: several lines in one cell;
# ``codes``: language codes separated by commas or spaces; ``localized``: may also be given per language
# (``hours.es``).
COLUMNS: dict[str, tuple[str, bool]] = {
    "id": ("text", False),
    "name": ("text", False),
    "address": ("lines", False),
    "phone": ("text", False),
    "email": ("text", False),
    "hours": ("lines", True),
    "booking_url": ("text", True),
    "emergency_number": ("text", False),
    "paper": ("text", False),
    "locale": ("text", False),
    "languages": ("codes", False),
    "tagline": ("text", True),
    "disclaimer": ("text", True),
}
FIELD_ORDER = (*COLUMNS, "brand")  # where a field goes in a location written to YAML
_LANG = re.compile(r"^[a-z]{2}$")


@dataclass(frozen=True)
class Column:
    header: str  # as written in the sheet
    index: int  # 0-based
    field: str
    lang: str | None = None  # per-language column: hours.es → ("hours", "es")

    @property
    def letter(self) -> str:
        """The spreadsheet's name for the column: A, B, …, Z, AA, …"""
        n, out = self.index + 1, ""
        while n:
            n, rem = divmod(n - 1, 26)
            out = chr(65 + rem) + out
        return out

    def where(self, row: int) -> str:
        return f"row {row}, column {self.letter} ({self.header})"


def normalise(header: str) -> str:
    """``Booking URL`` → ``booking_url``; ``Hours (es)``/``hours.ES`` → ``hours.es``."""
    text = header.strip().lower().replace("-", "_")
    text = re.sub(r"\s*\(\s*([a-z]{2})\s*\)$", r".\1", text)
    return re.sub(r"\s+", "_", text)


def parse_header(headers: list[str]) -> tuple[list[Column], list[str]]:
    """The sheet's columns, or the problems with its header row (unknown or repeated names)."""
    columns: list[Column] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for index, raw in enumerate(headers):
        if not raw.strip():
            continue
        name = normalise(raw)
        field, _, lang = name.partition(".")
        col = Column(raw.strip(), index, field, lang or None)
        if field not in COLUMNS or (lang and (not COLUMNS[field][1] or not _LANG.match(lang))):
            known = [*COLUMNS, *(f"{f}.es" for f, (_, loc) in COLUMNS.items() if loc)]
            hint = suggest(name, known)
            why = f"'{field}' cannot be given per language" if field in COLUMNS and lang else "unknown column"
            problems.append(f"column {col.letter} ({raw.strip()!r}): {why}{hint}; columns are: "
                            f"{', '.join(COLUMNS)} (and hours, tagline or disclaimer per language: hours.es)")
            continue
        if name in seen:
            problems.append(f"column {col.letter} ({raw.strip()!r}): the same column as {seen[name]}")
            continue
        seen[name] = f"column {col.letter}"
        columns.append(col)
    if "id" not in seen:
        problems.append("no 'id' column: every row needs the location's id (lower-case letters, digits, - and _)")
    return columns, problems


def cell_text(value: Any) -> str:
    """A cell as text: numbers as a person typed them (a phone typed as 5035550142 stays 5035550142)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def split_lines(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"[;\n\r]+", text) if part.strip()]


def parse_cell(column: Column, text: str) -> Any:
    """What a non-empty cell stands for in YAML."""
    kind = COLUMNS[column.field][0]
    if kind == "lines":
        return split_lines(text)
    if kind == "codes":
        return [code for code in re.split(r"[,;\s]+", text) if code]
    return text


def row_fields(columns: list[Column], cells: list[str]) -> tuple[dict[str, Any], list[tuple[Column, str]]]:
    """A row's fields (None: the cell is empty, so the field is removed and inherited) and its problems."""
    fields: dict[str, Any] = {}
    per_lang: dict[str, dict[str, Any]] = {}
    problems: list[tuple[Column, str]] = []
    plain: dict[str, Column] = {}
    for col in columns:
        text = cells[col.index] if col.index < len(cells) else ""
        if col.lang is None:
            plain[col.field] = col
            fields[col.field] = parse_cell(col, text) if text else None
        else:
            per_lang.setdefault(col.field, {})
            if text:
                per_lang[col.field][col.lang] = parse_cell(col, text)
    for field, values in per_lang.items():
        if values and fields.get(field) is not None:
            problems.append((plain[field], f"'{field}' is given both once and per language: fill in either the "
                                           f"'{field}' column or the '{field}.<lang>' columns"))
        elif values:
            fields[field] = values
        elif field not in fields:
            fields[field] = None
    return fields, problems


def export_header(locations: list[dict[str, Any]]) -> list[str]:
    """Every column, with a per-language column for each language any location writes per language."""
    header: list[str] = []
    for field, (_, localized) in COLUMNS.items():
        header.append(field)
        if localized:
            langs = sorted({lang for loc in locations if isinstance(loc.get(field), dict) for lang in loc[field]})
            header += [f"{field}.{lang}" for lang in langs]
    return header


def export_row(header: list[str], loc: dict[str, Any]) -> list[str]:
    row = []
    for name in header:
        field, _, lang = name.partition(".")
        value = loc.get(field)
        if lang:
            value = value.get(lang) if isinstance(value, dict) else None
        elif isinstance(value, dict):
            value = None
        row.append(_cell(field, value))
    return row


def _cell(field: str, value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return (", " if COLUMNS[field][0] == "codes" else "\n").join(str(v) for v in value)
    return str(value)
