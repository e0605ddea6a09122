"""Turn a document's title, author, language and conformance claims into its XMP metadata packet, written
through pikepdf's metadata editor (the one XMP writer: tagged PDF/UA files and PDF/X print files alike)."""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

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


def write_xmp(pdf: pikepdf.Pdf, meta: Metadata) -> None:
    """Replace the document's XMP with one that says what ``meta`` says (and nothing that changes run to run)."""
    with pdf.open_metadata(set_pikepdf_as_editor=False, update_docinfo=False) as xmp:
        xmp["dc:format"] = "application/pdf"
        xmp["dc:title"] = meta.title
        xmp["dc:creator"] = [meta.author]
        xmp["dc:language"] = [meta.lang]
        xmp["pdf:Producer"] = meta.producer
        xmp["xmp:CreatorTool"] = meta.producer
        xmp["xmp:CreateDate"] = INVARIANT_DATE
        xmp["xmp:ModifyDate"] = INVARIANT_DATE
        if meta.pdfua:
            xmp["pdfuaid:part"] = "1"
        if meta.pdfx:
            xmp["pdf:Trapped"] = "False"
            xmp["pdfxid:GTS_PDFXVersion"] = meta.pdfx
        if meta.document_id:
            xmp["xmpMM:DocumentID"] = f"uuid:{meta.document_id}"
            xmp["xmpMM:InstanceID"] = f"uuid:{meta.document_id}"
            xmp["xmpMM:VersionID"] = "1"
            xmp["xmpMM:RenditionClass"] = "default"
