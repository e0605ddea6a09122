"""Turn every selected PDF into a labelled thumbnail on a contact sheet (a PDF and a PNG per page): grouped by
clinic, one row per document so a design lines up across locations, problems marked in red or amber."""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import TTFError
from reportlab.pdfgen.canvas import Canvas

from handouts.batch.output import write_atomic
from handouts.errors import HandoutsError, display_path
from handouts.layout.fonts import register_file
from handouts.preview.pages import check_dpi, open_pdf, rasterise, render_pages

# Contact sheet: landscape Letter, a grid of columns; an entry takes one column per page (up to all of them).
SHEET_SIZE = (792.0, 612.0)
SHEET_MARGIN = 36.0
SHEET_COLUMNS = 4
GUTTER = 12.0
THUMB_H = 112.0  # the box every entry's page thumbnails fit in
LABEL_SIZE, LABEL_LEADING, LABEL_LINES = 7.0, 8.5, 2
NOTE_SIZE, NOTE_LEADING, NOTE_LINES = 6.5, 7.8, 2
HEADING_SIZE, HEADING_H = 12.0, 22.0
TITLE_SIZE, TITLE_H = 14.0, 26.0
CELL_H = THUMB_H + 5 + LABEL_LINES * LABEL_LEADING + NOTE_LINES * NOTE_LEADING + 8

INK = (0.106, 0.122, 0.141)
MUTED = (0.29, 0.333, 0.376)
RULE = (0.78, 0.8, 0.82)
SEVERITY_COLOURS = {"error": (0.75, 0.1, 0.12), "warning": (0.93, 0.6, 0.05)}
# Small text in the marker's hue, dark enough to read on white.
SEVERITY_TEXT = {"error": (0.66, 0.05, 0.08), "warning": (0.55, 0.33, 0.0)}
FAILED_FILL = (0.99, 0.91, 0.91)


@dataclass(frozen=True)
class ContactEntry:
    clinic: str
    location: str
    lang: str
    edition: str  # office | print | digital
    document: str
    pdf: Path
    findings: tuple[str, ...] = ()  # one line each, e.g. "warning: image-resolution: placed at 180 ppi"
    severity: str = ""  # "", "warning" or "error"
    failed: str = ""  # why the PDF could not be built; the sheet shows this instead of a thumbnail

    @property
    def label(self) -> str:
        return f"{self.location} · {self.lang} · {self.edition} · {self.document}"


@dataclass
class _Placed:
    entry: ContactEntry
    x: float
    span: int


def _register_font(font: Path) -> tuple[str, str]:
    """Register ``font`` (and its bold face beside it, when there is one) with ReportLab: (regular, bold)."""
    font = Path(font)
    if not font.is_file():
        raise HandoutsError(f"contact sheet font not found: {display_path(font)}")
    names = []
    bold = font.with_name(font.name.replace("-Regular", "-Bold"))
    for path in (font, bold if bold != font and bold.is_file() else font):
        try:
            names.append(register_file(path, f"HandoutsPreview-{path.stem}"))
        except (TTFError, OSError) as exc:
            raise HandoutsError(f"{display_path(path)}: cannot use this font for the contact sheet ({exc})") \
                from None
    return names[0], names[1]


class _Writer:
    """Text in the sheet's font: characters the font lacks print as '?', never as an unembedded fallback."""

    def __init__(self, canv, regular: str, bold: str):
        self.canv, self.regular, self.bold = canv, regular, bold
        self.glyphs = {name: pdfmetrics.getFont(name).face.charToGlyph for name in {regular, bold}}

    def clean(self, text: str, font: str) -> str:
        known = self.glyphs[font]
        return "".join(ch if ord(ch) in known or ch == " " else "?" for ch in " ".join(text.split()))

    def lines(self, text: str, font: str, size: float, width: float, most: int) -> list[str]:
        """``text`` wrapped to ``width``, at most ``most`` lines; a cut ends in '…'."""
        text = self.clean(text, font)
        lines: list[str] = []
        for line in simpleSplit(text, font, size, width):
            while stringWidth(line, font, size) > width and len(line) > 1:  # one word wider than the box
                cut = len(line) - 1
                while cut > 1 and stringWidth(line[:cut], font, size) > width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
        if len(lines) > most:
            last = lines[most - 1]
            while last and stringWidth(last + "…", font, size) > width:
                last = last[:-1]
            lines = lines[: most - 1] + [last.rstrip() + "…"]
        return lines

    def text(self, x: float, y: float, text: str, font: str, size: float, colour=INK, right: bool = False) -> None:
        self.canv.setFont(font, size)
        self.canv.setFillColorRGB(*colour)
        text = self.clean(text, font)
        (self.canv.drawRightString if right else self.canv.drawString)(x, y, text)

    def block(self, x: float, top: float, lines: list[str], font: str, size: float, leading: float,
              colour=INK) -> None:
        for i, line in enumerate(lines):
            self.text(x, top - size - i * leading, line, font, size, colour)


def _thumbnails(entry: ContactEntry, dpi: float) -> list:
    """Each page of the entry's PDF cropped to its trim (what the reader holds), at ``dpi``."""
    doc = open_pdf(entry.pdf)
    try:
        return [rasterise(page, dpi, tuple(page.get_trimbox())) for page in doc]
    finally:
        doc.close()


def _layout(groups: dict[str, list[tuple[ContactEntry, list]]]) -> list[list[tuple]]:
    """Pages of drawing instructions: ("heading", text, y), ("cell", _Placed, images, y). An entry takes one
    column per page; each document starts a new row, so the same design lines up across locations."""
    column_w = (SHEET_SIZE[0] - 2 * SHEET_MARGIN - (SHEET_COLUMNS - 1) * GUTTER) / SHEET_COLUMNS
    top = SHEET_SIZE[1] - SHEET_MARGIN - TITLE_H
    bottom = SHEET_MARGIN + 14  # the legend and page number sit below
    pages: list[list[tuple]] = [[]]
    y = top

    for clinic, items in groups.items():
        rows: list[list[tuple[_Placed, list]]] = [[]]
        used = 0
        pages_of: dict[str, int] = {}
        for entry, images in items:
            pages_of[entry.document] = max(pages_of.get(entry.document, 1), len(images))
        previous = None
        for entry, images in items:
            # A PDF that failed takes the room its document's other PDFs take.
            span = max(1, min(SHEET_COLUMNS, len(images) or pages_of[entry.document]))
            if used + span > SHEET_COLUMNS or (used and entry.document != previous):
                rows.append([])
                used = 0
            x = SHEET_MARGIN + used * (column_w + GUTTER)
            rows[-1].append((_Placed(entry, x, span), images))
            used += span
            previous = entry.document
        heading = clinic
        for index, row in enumerate(rows):
            need = CELL_H + (HEADING_H if index == 0 or y == top else 0)
            if y - need < bottom and y != top:
                pages.append([])
                y = top
                heading = f"{clinic} (continued)" if index else clinic
            if index == 0 or y == top:
                pages[-1].append(("heading", heading, y))
                y -= HEADING_H
            for placed, images in row:
                pages[-1].append(("cell", placed, images, y))
            y -= CELL_H
    return pages


def _draw_cell(w: _Writer, placed: _Placed, images: list, y: float) -> None:
    canv = w.canv
    entry = placed.entry
    column_w = (SHEET_SIZE[0] - 2 * SHEET_MARGIN - (SHEET_COLUMNS - 1) * GUTTER) / SHEET_COLUMNS
    box_w = placed.span * column_w + (placed.span - 1) * GUTTER
    box_bottom = y - THUMB_H
    marker = SEVERITY_COLOURS.get(entry.severity)

    if entry.failed or not images:
        canv.setFillColorRGB(*FAILED_FILL)
        canv.setStrokeColorRGB(*SEVERITY_COLOURS["error"])
        canv.setLineWidth(1.5)
        canv.rect(placed.x, box_bottom, box_w, THUMB_H, stroke=1, fill=1)
        w.text(placed.x + 6, y - 14, "Not built", w.bold, 9, SEVERITY_TEXT["error"])
        message = entry.failed or "no PDF to preview"
        lines = w.lines(message, w.regular, NOTE_SIZE, box_w - 12, int((THUMB_H - 24) // NOTE_LEADING))
        w.block(placed.x + 6, y - 20, lines, w.regular, NOTE_SIZE, NOTE_LEADING, SEVERITY_TEXT["error"])
    else:
        slot_w = (box_w - (len(images) - 1) * 4) / len(images)
        for i, image in enumerate(images):
            scale = min(slot_w / image.width, THUMB_H / image.height)
            tw, th = image.width * scale, image.height * scale
            tx = placed.x + i * (slot_w + 4)  # left-aligned, like the label under it
            ty = y - th
            canv.drawImage(ImageReader(image), tx, ty, tw, th)
            if marker:
                canv.setStrokeColorRGB(*marker)
                canv.setLineWidth(2)
            else:
                canv.setStrokeColorRGB(*RULE)
                canv.setLineWidth(0.5)
            canv.rect(tx, ty, tw, th, stroke=1, fill=0)

    label_top = box_bottom - 5
    label_x = placed.x
    if marker:
        canv.setFillColorRGB(*marker)
        canv.circle(placed.x + 3.5, label_top - LABEL_SIZE / 2 - 0.8, 3.2, stroke=0, fill=1)
        label_x += 10
    label = w.lines(entry.label, w.regular, LABEL_SIZE, placed.x + box_w - label_x, LABEL_LINES)
    w.block(label_x, label_top, label, w.regular, LABEL_SIZE, LABEL_LEADING)
    if entry.findings and not entry.failed:
        more = len(entry.findings) - 1
        note = entry.findings[0] + (f" (+{more} more)" if more else "")
        lines = w.lines(note, w.regular, NOTE_SIZE, box_w, NOTE_LINES)
        w.block(placed.x, label_top - len(label) * LABEL_LEADING - 1, lines, w.regular, NOTE_SIZE, NOTE_LEADING,
                SEVERITY_TEXT.get(entry.severity, MUTED))


def _draw_legend(w: _Writer, number: int, total: int) -> None:
    canv = w.canv
    y = SHEET_MARGIN - 2
    x = SHEET_MARGIN
    for severity, text in (("error", "error: not built, or would not print"), ("warning", "warning")):
        canv.setFillColorRGB(*SEVERITY_COLOURS[severity])
        canv.circle(x + 3.5, y + 2.5, 3.2, stroke=0, fill=1)
        w.text(x + 10, y, text, w.regular, 7.5, MUTED)
        x += 18 + canv.stringWidth(w.clean(text, w.regular), w.regular, 7.5) + 12
    w.text(SHEET_SIZE[0] - SHEET_MARGIN, y, f"page {number} of {total}", w.regular, 7.5, MUTED, right=True)


def contact_sheet(entries: list[ContactEntry], out_pdf: Path, title: str, font: Path, dpi: float = 40,
                  png_dpi: float = 100) -> tuple[Path, list[Path]]:
    """One PDF (and one PNG per page of it beside it) with every entry's pages as labelled thumbnails cropped to
    the trim, grouped by clinic, on landscape Letter. An entry with findings gets a red or amber marker and its
    first finding under the thumbnail; one that failed to build shows a red box with the reason instead."""
    check_dpi(dpi)
    check_dpi(png_dpi)
    out_pdf = Path(out_pdf)
    regular, bold = _register_font(font)
    groups: dict[str, list[tuple[ContactEntry, list]]] = {}
    for entry in entries:
        images = [] if entry.failed else _thumbnails(entry, dpi)
        groups.setdefault(entry.clinic, []).append((entry, images))
    pages = _layout(groups)

    buffer = io.BytesIO()
    canv = Canvas(buffer, pagesize=SHEET_SIZE, invariant=1, initialFontName=regular, initialFontSize=LABEL_SIZE,
                  pageCompression=1)
    canv.setTitle(title)
    canv.setAuthor("handouts")
    canv.setSubject("Contact sheet of previews for sign-off")
    writer = _Writer(canv, regular, bold)
    for number, items in enumerate(pages, start=1):
        canv.setFont(regular, LABEL_SIZE)
        writer.text(SHEET_MARGIN, SHEET_SIZE[1] - SHEET_MARGIN - TITLE_SIZE, title, bold, TITLE_SIZE)
        flagged = sum(1 for e in entries if e.severity)
        count = f"{len(entries)} PDF{'s' if len(entries) != 1 else ''}, {flagged} flagged"
        writer.text(SHEET_SIZE[0] - SHEET_MARGIN, SHEET_SIZE[1] - SHEET_MARGIN - TITLE_SIZE, count, regular, 9,
                    MUTED, right=True)
        for item in items:
            if item[0] == "heading":
                _, text, y = item
                writer.text(SHEET_MARGIN, y - HEADING_SIZE - 2, text, bold, HEADING_SIZE)
                canv.setStrokeColorRGB(*RULE)
                canv.setLineWidth(0.75)
                canv.line(SHEET_MARGIN, y - HEADING_SIZE - 6, SHEET_SIZE[0] - SHEET_MARGIN, y - HEADING_SIZE - 6)
            else:
                _, placed, images, y = item
                _draw_cell(writer, placed, images, y)
        _draw_legend(writer, number, len(pages))
        canv.showPage()
    canv.save()
    write_atomic(out_pdf, buffer.getvalue())
    pngs = render_pages(out_pdf, out_pdf.parent, png_dpi, out_pdf.stem)
    return out_pdf, pngs
