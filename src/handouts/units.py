"""Turn lengths written with units (``3.6875in``, ``100mm``, ``12pt``) into PDF points."""

from __future__ import annotations

import re

POINTS_PER = {"pt": 1.0, "in": 72.0, "mm": 72.0 / 25.4, "cm": 72.0 / 2.54, "pc": 12.0}
LENGTH_PATTERN = r"^\s*-?\d+(\.\d+)?\s*(pt|in|mm|cm|pc)\s*$"
_LENGTH = re.compile(LENGTH_PATTERN)


def to_points(value: object) -> float:
    """``'3.6875in'`` → 265.5; a bare number is taken as points. Raises ValueError with what was expected."""
    if isinstance(value, bool):
        raise ValueError(f"expected a length such as 12pt, 0.25in or 3mm, got {value!r}")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        m = _LENGTH.match(value)
        if m:
            number = float(value.strip()[: -len(m.group(2))])
            return number * POINTS_PER[m.group(2)]
    raise ValueError(f"expected a length such as 12pt, 0.25in or 3mm, got {value!r}")


def format_length(points: float) -> str:
    """A length for people: inches and millimetres."""
    return f"{points / 72:.2f} in / {points / 72 * 25.4:.1f} mm"
