"""Turn a printer's characterization (its ICC profile, the registered condition it stands for) into the output
intent a PDF/X-4 print file carries (written by handouts.pdf.native)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutputIntent:
    profile: bytes  # the ICC profile's bytes (CMYK)
    identifier: str  # a registered characterization, e.g. "FOGRA39" or "CGATS21_CRPC6"
    condition: str  # in words, e.g. "Offset printing, coated paper (ISO 12647-2:2004)"
    registry: str = "http://www.color.org"
