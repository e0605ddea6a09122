"""Turn prepress facts (fold positions, the safe margin) into extra keys of a PDF's info dictionary, written by
ReportLab with the rest of the file; preflight reads them back."""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDate, PDFDictionary, PDFInfo, PDFName, PDFString


class InfoWithExtras(PDFInfo):
    """ReportLab's info dictionary with the entries in ``extra`` besides its own."""

    extra: dict[str, str] = {}  # noqa: RUF012 (set per document, on the instance)

    def format(self, document: Any) -> bytes:
        d = {"Title": PDFString(self.title), "Author": PDFString(self.author),
             "Producer": PDFString(self.producer), "Creator": PDFString(self.creator),
             "Subject": PDFString(self.subject), "Keywords": PDFString(self.keywords),
             "Trapped": PDFName(self.trapped)}
        d["ModDate"] = d["CreationDate"] = PDFDate(ts=document._timeStamp, dateFormatter=self._dateFormatter)
        d.update({k: PDFString(v) for k, v in self.extra.items()})
        result: bytes = PDFDictionary(d).format(document)
        return result


def install_info_extras(canv: Any, extra: dict[str, str]) -> None:
    """Make the canvas write ``extra`` into the info dictionary beside title, author and the dates."""
    info = canv._doc.info
    info.__class__ = InfoWithExtras
    info.extra = dict(extra)
