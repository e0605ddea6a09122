"""Turn prepress facts (fold positions, the safe margin) into extra keys of a PDF's info dictionary, written by
ReportLab with the rest of the file; preflight reads them back. Finishing adds its own keys the same way."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString


class InfoWithExtras(PDFInfo):
    """ReportLab's info dictionary with the text entries in ``extra`` among its own, and the entries in ``more``
    (PDF values that finishing adds: PDF/X's version) after them."""

    extra: dict[str, str] = {}  # noqa: RUF012 (set per document, on the instance)
    more: dict[str, Any] = {}  # noqa: RUF012 (set per document, on the instance)

    def format(self, document: Any) -> bytes:
        d = {"Title": PDFString(self.title), "Author": PDFString(self.author),
             "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
             "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
             "Trapped": PDFName(self.trapped)}
        d["ModDate"] = d["CreationDate"] = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        d.update({k: PDFString(v) for k, v in self.extra.items()})
        text: bytes = PDFDictionary(d).format(document)
        if not self.more:
            return text
        more = b"".join(b"\n " + PDFName(k).encode("latin-1") + b" " + pdfdoc.format(v, document)
                        for k, v in self.more.items())
        return text[:text.rindex(b"\n>>")] + more + b"\n>>"


def info_with_extras(info: PDFInfo) -> InfoWithExtras:
    """``info`` (a document's info dictionary) as one that writes extra entries, keeping those it has."""
    if not isinstance(info, InfoWithExtras):
        info.__class__ = InfoWithExtras
        info.extra, info.more = {}, {}
    return info


def install_info_extras(canv: Any, extra: dict[str, str]) -> None:
    """Make the canvas write ``extra`` into the info dictionary beside title, author and the dates."""
    info_with_extras(canv._doc.info).extra.update(extra)
