"""Turn what an edition adds to a rendered document (the structure tree of a tagged edition, the output intent of
a print edition, XMP metadata that says what the file claims to be, a file identifier from its content) into
objects ReportLab writes in the document's one save: no second parse or save of the file."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from handouts.layout.tagging import Tagger
from handouts.pdf.intent import OutputIntent
from handouts.pdf.native import (
    add_metadata,
    add_output_intent,
    as_uuid,
    document_digest,
    fast_formatting,
    flate_pages,
    set_file_id,
)
from handouts.pdf.structure import write_structure
from handouts.pdf.writer import writable
from handouts.pdf.writer import write as write_file
from handouts.pdf.xmp import Metadata


@dataclass(frozen=True)
class Finishing:
    """What to add to a document as it is saved; nothing to add leaves it as ReportLab writes it."""

    metadata: Metadata
    intent: OutputIntent | None = None

    @property
    def needed(self) -> bool:
        return self.metadata.pdfua or self.intent is not None


Finisher = Callable[[Any, "Tagger | None"], None]


def finisher(how: Finishing) -> Finisher | None:
    """What the renderer calls with a document's canvas (and tagger, a tagged edition) before drawing: it makes
    the canvas's save write what ``how`` asks. None when nothing is to be added."""
    fast_formatting()
    if not how.needed:
        return None

    def install(canv: Any, tagger: Tagger | None) -> None:
        doc = canv._doc
        write = doc.format

        def format_finished() -> bytes:
            # Every page is added and the outline prepared: the objects added here are written with the rest.
            finish(doc, how, tagger)
            data: bytes = write_file(doc) if writable(doc) else write()
            return data

        doc.format = format_finished

    return install


def finish(doc: Any, how: Finishing, tagger: Tagger | None) -> None:
    """Add the structure tree, output intent, metadata and file identifier to a ReportLab document whose pages
    are all added; deterministic: the same document gives the same objects."""
    meta = how.metadata
    seed = repr((meta, how.intent.identifier if how.intent else None)).encode("utf-8")
    if how.intent is not None:
        seed += how.intent.profile
    digest = document_digest(doc, seed)
    flate_pages(doc)
    if tagger is not None:
        write_structure(doc, tagger.finish(), meta.lang)
    if how.intent is not None:
        meta = replace(meta, pdfx="PDF/X-4", document_id=as_uuid(digest))
        add_output_intent(doc, how.intent)
    add_metadata(doc, meta)
    set_file_id(doc, digest)
