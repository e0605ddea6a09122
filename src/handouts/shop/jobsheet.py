"""Turn one location's print files into its job sheet: a landscape page for the print shop with, for every
file, its trim size, fold type and order, paper and finish, bleed, marks, colour profile, page count, document
code and version, and a proof thumbnail of each page."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from handouts import __version__
from handouts.layout.fonts import register_file
from handouts.shop.facts import PrintFacts

PAGE = (792.0, 612.0)  # landscape Letter: the sheet travels with the files, not to the press
MARGIN = 36.0
ROW = 104.0
THUMB_PX = 240  # proof thumbnails on the sheet: enough to recognise a page, light enough to e-mail
INK = (0.106, 0.122, 0.141)
MUTED = (0.29, 0.333, 0.376)
RULE = (0.78, 0.8, 0.82)


@dataclass(frozen=True)
class SheetEntry:
    facts: PrintFacts
    fold: str
    stock: str
    finish: str
    proofs: tuple[Image.Image, ...]  # each page cropped to the trim


def job_sheet(title: str, printer: str, entries: list[SheetEntry], font: Path, bold: Path) -> bytes:
    """The job sheet as PDF bytes (deterministic): a header, then one row per file; more rows than fit on a
    page continue on the next."""
    regular_name, bold_name = register_file(font, "JobSheet-Regular"), register_file(bold, "JobSheet-Bold")
    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=PAGE, invariant=1, initialFontName=regular_name, initialFontSize=9,
                  pageCompression=1)
    canv.setTitle(title)
    canv.setAuthor("handouts")
    canv.setSubject("Job sheet for the print shop")
    per_page = int((PAGE[1] - 2 * MARGIN - 70) // ROW)
    chunks = [entries[i:i + per_page] for i in range(0, len(entries), per_page)] or [[]]
    for number, chunk in enumerate(chunks, start=1):
        _header(canv, title, printer, bold_name, regular_name, number, len(chunks))
        y = PAGE[1] - MARGIN - 70
        for entry in chunk:
            _row(canv, entry, y, regular_name, bold_name)
            y -= ROW
        canv.showPage()
    canv.save()
    return buffer.getvalue()


def _text(canv: Canvas, x: float, y: float, text: str, font: str, size: float, colour=INK) -> None:  # noqa: ANN001
    canv.setFont(font, size)
    canv.setFillColorRGB(*colour)
    canv.drawString(x, y, text)


def _header(canv: Canvas, title: str, printer: str, bold: str, regular: str, page: int, pages: int) -> None:
    top = PAGE[1] - MARGIN
    _text(canv, MARGIN, top - 16, title, bold, 16)
    _text(canv, MARGIN, top - 34, f"Printer profile: {printer}. Print each file at 100 % from its TrimBox; marks "
                                  f"and bleed are outside it.", regular, 9, MUTED)
    _text(canv, PAGE[0] - MARGIN - 120, top - 16, f"handouts {__version__} · page {page} of {pages}", regular, 8,
          MUTED)
    canv.setStrokeColorRGB(*RULE)
    canv.setLineWidth(0.75)
    canv.line(MARGIN, top - 44, PAGE[0] - MARGIN, top - 44)


def _row(canv: Canvas, entry: SheetEntry, top: float, regular: str, bold: str) -> None:
    facts = entry.facts
    _text(canv, MARGIN, top - 12, facts.file, bold, 10)
    sides = "double-sided" if facts.pages == 2 else "single-sided"
    lines = [
        ("Job", f"{facts.code} · {facts.pages} page(s), {sides} · trim {facts.size_text()} · bleed "
                f"{facts.bleed_text()}"),
        ("Fold", entry.fold),
        ("Paper", f"{entry.stock} · finish: {entry.finish}"),
        ("Marks", "crop and fold marks outside the bleed" if facts.marks else "none"),
        ("Colour", f"CMYK, output intent {facts.intent}" + (f" ({facts.profile})" if facts.profile else "")),
    ]
    y = top - 25
    text_width = 430.0
    for label, value in lines:
        _text(canv, MARGIN, y, f"{label}:", bold, 7.5, MUTED)
        for line in simpleSplit(value, regular, 7.5, text_width - 44)[:2]:
            _text(canv, MARGIN + 44, y, line, regular, 7.5)
            y -= 9.0
    x = MARGIN + text_width + 12
    height = ROW - 24
    for proof in entry.proofs:
        thumb = proof.copy()
        thumb.thumbnail((THUMB_PX, THUMB_PX))
        width = height * proof.width / proof.height
        canv.drawImage(ImageReader(thumb), x, top - 14 - height, width, height)
        canv.setStrokeColorRGB(*RULE)
        canv.setLineWidth(0.5)
        canv.rect(x, top - 14 - height, width, height, stroke=1, fill=0)
        x += width + 8
    canv.setStrokeColorRGB(*RULE)
    canv.line(MARGIN, top - ROW + 6, PAGE[0] - MARGIN, top - ROW + 6)
