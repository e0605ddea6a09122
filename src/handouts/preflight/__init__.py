"""Turn finished PDFs into prepress findings: images, fonts, colour, ink, safe zone, text size, annotations."""

# Text is measured by PDFium (pypdfium2), which lays out every kind of font a PDF can hold, forms included.
# Colours, images, boxes, annotations and document info are read with qpdf (pikepdf), whose content-stream
# parser gives the colour operators and colour spaces exactly as written.

from __future__ import annotations

from pathlib import Path

from handouts.findings import Finding
from handouts.preflight.options import PreflightOptions

__all__ = ["CODES", "PreflightOptions", "preflight"]

# Codes a finding can carry, for callers that filter or count them.
CODES = (
    "image-resolution",
    "font-not-embedded",
    "rgb-colour",
    "safe-zone",
    "text-size",
    "ink-coverage",
    "annotation",
    "no-trimbox",
    "unreadable",
)


def preflight(path: Path, options: PreflightOptions | None = None) -> list[Finding]:
    """Check one finished PDF and return its findings, sorted by page, severity and code.

    Never raises for a bad file: a PDF that cannot be read gives a single "unreadable" finding. ``options``
    defaults to ``PreflightOptions()``, a commercial print shop's limits. The readers
    (qpdf, PDFium) and the checks load with the first preflight: most commands never run one.
    """
    from handouts.preflight.check import check

    return check(path, options or PreflightOptions())
