"""Turn a CMYK print file into a PDF/X-4 one: the printer's ICC profile embedded as the GTS_PDFX output intent,
with the registered characterization it stands for, and the version keys prepress software reads."""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf


@dataclass(frozen=True)
class OutputIntent:
    profile: bytes  # the ICC profile's bytes (CMYK)
    identifier: str  # a registered characterization, e.g. "FOGRA39" or "CGATS21_CRPC6"
    condition: str  # in words, e.g. "Offset printing, coated paper (ISO 12647-2:2004)"
    registry: str = "http://www.color.org"


def add_output_intent(pdf: pikepdf.Pdf, intent: OutputIntent) -> None:
    """Embed the output intent and mark the file PDF/X-4 in its info dictionary (the XMP is written apart)."""
    stream = pikepdf.Stream(pdf, intent.profile)
    stream["/N"] = 4
    pdf.Root.OutputIntents = pikepdf.Array([pikepdf.Dictionary(
        Type=pikepdf.Name.OutputIntent,
        S=pikepdf.Name.GTS_PDFX,
        OutputConditionIdentifier=pikepdf.String(intent.identifier),
        OutputCondition=pikepdf.String(intent.condition),
        Info=pikepdf.String(intent.condition),
        RegistryName=pikepdf.String(intent.registry),
        DestOutputProfile=pdf.make_indirect(stream),
    )])
    pdf.docinfo["/GTS_PDFXVersion"] = "PDF/X-4"
    pdf.docinfo["/Trapped"] = pikepdf.Name("/False")
