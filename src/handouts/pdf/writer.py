"""Turn a ReportLab document whose pages are all added into the bytes of its file, exactly as ReportLab's own
``PDFDocument.format`` writes them (header, numbered objects, cross-reference table, trailer), in less time.

ReportLab wraps every object in an indirect-object object, formats its number through its PDFDocEncoding codec,
joins the pieces of each object twice and encodes each again as it collects it; a tagged brochure has some 240
objects, most of them formatted already (structure elements, font subsets). Here each object is formatted as
ReportLab formats it and framed in one step. Documents that ReportLab would write otherwise (encrypted, signed,
or with comments between objects) are left to ReportLab."""

from __future__ import annotations

from typing import Any

from reportlab import rl_config
from reportlab.pdfbase import pdfdoc


def writable(doc: Any) -> bool:
    """Whether ``write`` gives the bytes ReportLab would: an unencrypted, unsigned document without comments."""
    return (isinstance(doc.encrypt, pdfdoc.NoEncryption) and not getattr(doc, "_digiSigs", None)
            and (rl_config.invariant or not rl_config.pdfComments))


def write(doc: Any) -> bytes:
    """The file of ``doc`` (see ``writable``): ReportLab's ``PDFDocument.format``, object for object."""
    doc.encrypt.prepare(doc)
    catalog, info = doc.Catalog, doc.info
    doc.Reference(catalog)
    doc.Reference(info)
    numbers, objects, offsets = doc.numberToId, doc.idToObject, doc.idToOffset
    versions = doc.idToObjectNumberAndVersion
    head = pdfdoc.PDFFile(doc._pdfVersion)  # the header line, as ReportLab writes it
    doc.__accum__ = head  # what objects that ask where they stand in the file look at
    parts: list[bytes] = [*head.strings]
    offset = head.offset
    ids: list[str] = []
    counter = 0
    fmt = pdfdoc.format
    while True:
        counter += 1
        oid = numbers.get(counter)
        if oid is None:
            break
        obj = objects[oid]
        number, version = versions[oid]
        body = pdfdoc.pdfdocEnc(fmt(obj, doc, toplevel=1))
        piece = b"%d %d obj\n%s%sendobj\n" % (number, version, body, b"" if body.endswith(b"\n") else b"\n")
        offsets[oid] = offset
        offset += len(piece)
        parts.append(piece)
        head.offset = offset
        ids.append(oid)
    del doc.__accum__
    if counter - 1 != len(numbers):
        raise ValueError(f"counter {counter} doesn't match number to id dictionary {len(numbers)}")
    entries = [b"xref\n0 %d" % (len(ids) + 1), b"0000000000 65535 f "]
    entries += [b"%010d %05d n " % (offsets[oid], versions[oid][1]) for oid in ids]
    xref_at = offset
    parts.append(b"\n".join(entries) + b"\n")
    trailer = pdfdoc.PDFTrailer(startxref=xref_at, Size=len(numbers) + 1, Root=doc.Reference(catalog),
                                Info=doc.Reference(info), ID=doc.ID())
    parts.append(trailer.format(doc))
    return b"".join(parts)
