"""Turn the PDF ReportLab wrote into the finished file in one pass: the structure tree of a tagged edition, the
output intent of a print edition, and XMP metadata that says what the file claims to be."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

import pikepdf

from handouts.layout.tagging import Elem
from handouts.pdf.intent import OutputIntent, add_output_intent
from handouts.pdf.structure import write_structure
from handouts.pdf.xmp import Metadata, write_xmp


@dataclass(frozen=True)
class Finishing:
    """What to add to a rendered PDF; nothing to add leaves its bytes as ReportLab wrote them."""

    metadata: Metadata
    structure: Elem | None = None
    intent: OutputIntent | None = None

    @property
    def needed(self) -> bool:
        return self.structure is not None or self.intent is not None


def finish(data: bytes, how: Finishing) -> bytes:
    """Apply ``how`` to ``data``; deterministic: the same bytes in give the same bytes out."""
    if not how.needed:
        return data
    meta = how.metadata
    if how.intent is not None:
        digest = hashlib.sha256(data + how.intent.profile).hexdigest()
        document_id = f"{digest[:8]}-{digest[8:12]}-{digest[12:16]}-{digest[16:20]}-{digest[20:32]}"
        meta = Metadata(meta.title, meta.author, meta.lang, meta.producer, meta.pdfua, "PDF/X-4", document_id)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        if how.structure is not None:
            write_structure(pdf, how.structure, meta.lang)
        if how.intent is not None:
            add_output_intent(pdf, how.intent)
        write_xmp(pdf, meta)
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True,
                 min_version="1.6" if how.intent is not None else "")
    return out.getvalue()
