"""Turn a document's title, author, language and conformance claims into the values its XMP metadata packet
states (the packet itself is written by handouts.pdf.native)."""

from __future__ import annotations

from dataclasses import dataclass

# ReportLab writes this date into the info dictionary of every deterministic file (invariant=1): the XMP says
# the same, so viewers and checkers that compare the two find them equal.
INVARIANT_DATE = "2000-01-01T00:00:00Z"


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    lang: str
    producer: str
    pdfua: bool = False  # declares PDF/UA-1 (pdfuaid:part)
    pdfx: str | None = None  # e.g. "PDF/X-4" (pdfxid:GTS_PDFXVersion)
    document_id: str | None = None  # a UUID, stable for the same inputs
