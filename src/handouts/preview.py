"""Turn finished PDFs into pictures for sign-off: page PNGs, folded brochure mock-ups and a contact sheet."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from handouts.errors import HandoutsError, display_path

# A folded brochure's fold shows as a crease: the pixel column on it is darkened by this factor.
CREASE = 0.82
# The thin frame round every mock-up, so a white page stands out on a white screen.
FRAME_RGB = (154, 163, 171)
# A topic whose next review is this close (or past) gets a warning on the contact sheet.
REVIEW_SOON_DAYS = 90
EDITIONS = ("office", "print", "digital")
PROJECT_FONT = Path("fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Regular.ttf")

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


@dataclass
class PreviewReport:
    pngs: list[Path] = field(default_factory=list)  # every PNG written
    mockups: list[Path] = field(default_factory=list)  # folded mock-up PNGs
    contact_sheet_pdf: Path | None = None
    contact_sheet_pngs: list[Path] = field(default_factory=list)
    entries: list[ContactEntry] = field(default_factory=list)  # every selected PDF with its findings
    batch: object | None = None  # the build's BatchReport


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


# ---------------------------------------------------------------------------------------------- rasterising


def _pdfium():
    try:
        import pypdfium2
    except ImportError:
        raise HandoutsError("previews need pypdfium2: pip install pypdfium2") from None
    return pypdfium2


def _open(pdf: Path):
    pdfium = _pdfium()
    if not Path(pdf).is_file():
        raise HandoutsError(f"{display_path(pdf)}: no such PDF")
    try:
        return pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as exc:
        raise HandoutsError(f"{display_path(pdf)}: cannot read the PDF for a preview ({exc})") from None


def _check_dpi(dpi: float) -> None:
    if not 1 <= dpi <= 1200:
        raise HandoutsError(f"preview resolution {dpi:g} dpi is out of range: use 1 to 1200")


def _rasterise(page, dpi: float, region: tuple[float, float, float, float] | None = None):
    """A PIL RGB image of ``page`` at ``dpi``: the whole visible page, or only ``region`` (left, bottom, right,
    top in page coordinates). Sizes are the region's size in points × dpi/72, rounded."""
    import pypdfium2.raw as raw

    pdfium = _pdfium()
    scale = dpi / 72
    left, bottom, right, top = page.get_cropbox()
    if region is None:
        page_w, page_h = page.get_size()  # as displayed, after any /Rotate
        width, height = max(1, round(page_w * scale)), max(1, round(page_h * scale))
        start_x = start_y = 0
        full_w, full_h = width, height
    else:
        x0, y0, x1, y1 = region
        width, height = max(1, round((x1 - x0) * scale)), max(1, round((y1 - y0) * scale))
        full_w, full_h = round((right - left) * scale), round((top - bottom) * scale)
        start_x, start_y = -round((x0 - left) * scale), -round((top - y1) * scale)
    bitmap = pdfium.PdfBitmap.new_native(width, height, raw.FPDFBitmap_BGR, rev_byteorder=True)
    bitmap.fill_rect((255, 255, 255, 255), 0, 0, width, height)
    raw.FPDF_RenderPageBitmap(bitmap, page, start_x, start_y, full_w, full_h, 0,
                              raw.FPDF_ANNOT | raw.FPDF_REVERSE_BYTE_ORDER)
    return bitmap.to_pil().convert("RGB")


def _png_bytes(image) -> bytes:
    """PNG with no metadata and fixed settings: the same pixels give the same bytes."""
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=False, compress_level=6)
    return buffer.getvalue()


def _save_png(image, path: Path) -> Path:
    from handouts.output import write_atomic

    write_atomic(path, _png_bytes(image))
    return path


def _remove_stale_pages(out_dir: Path, stem: str, keep: int) -> None:
    """Page PNGs of an earlier, longer version of the same PDF (``<stem>-<n>.png`` past the last page)."""
    pattern = re.compile(re.escape(stem) + r"-(\d+)\.png")
    for old in out_dir.glob(f"{stem}-*.png"):
        match = pattern.fullmatch(old.name)
        if match and int(match.group(1)) > keep:
            old.unlink(missing_ok=True)


def render_pages(pdf: Path, out_dir: Path, dpi: float = 60, stem: str | None = None) -> list[Path]:
    """Each page of ``pdf`` as <stem>-<n>.png (1-based) in out_dir; size = page size in points × dpi/72, rounded."""
    _check_dpi(dpi)
    pdf, out_dir = Path(pdf), Path(out_dir)
    stem = stem or pdf.stem
    doc = _open(pdf)
    try:
        written = [_save_png(_rasterise(page, dpi), out_dir / f"{stem}-{number}.png")
                   for number, page in enumerate(doc, start=1)]
    finally:
        doc.close()
    _remove_stale_pages(out_dir, stem, len(written))
    return written


# ---------------------------------------------------------------------------------------------- mock-ups


def _framed(image):
    """A one-pixel grey frame on the image's outer edge."""
    from PIL import ImageDraw

    framed = image.copy()
    ImageDraw.Draw(framed).rectangle((0, 0, framed.width - 1, framed.height - 1), outline=FRAME_RGB)
    return framed


def _crease(image, x: int) -> None:
    """Darken the pixel column at ``x``, in place: a fold seen on the paper."""
    if not 0 < x < image.width - 1:
        return
    column = image.crop((x, 0, x + 1, image.height)).point(lambda v: int(v * CREASE))
    image.paste(column, (x, 0))


def _side_by_side(left, right):
    from PIL import Image

    height = max(left.height, right.height)
    joined = Image.new("RGB", (left.width + right.width, height), (255, 255, 255))
    joined.paste(left, (0, 0))
    joined.paste(right, (left.width, 0))
    return joined


def folded_mockup(pdf: Path, panels: list[tuple[float, float]], out_dir: Path, dpi: float = 60,
                  stem: str | None = None) -> list[Path]:
    """A tri-fold's folded views, cropped to the trim: <stem>-folded-cover.png (the outside page's rightmost
    panel, as the folded brochure lies on a desk), <stem>-open-first.png (the cover opened: inside-1, the back
    of the cover, beside the folded-in flap) and <stem>-open-inside.png (page 2 whole, opened flat).

    ``panels`` are the outside page's panels, left to right, as (x, width) in points from the trim's left edge;
    the inside page is its mirror image (it is printed on the back of the sheet)."""
    _check_dpi(dpi)
    pdf, out_dir = Path(pdf), Path(out_dir)
    stem = stem or pdf.stem
    if not panels:
        raise HandoutsError(f"{display_path(pdf)}: no panels given for the folded mock-up")
    doc = _open(pdf)
    try:
        if len(doc) < 2:
            raise HandoutsError(f"{display_path(pdf)}: a folded mock-up needs the outside and the inside page; "
                                f"the PDF has {len(doc)} page")
        outside, inside = doc[0], doc[1]
        o_left, o_bottom, o_right, o_top = outside.get_trimbox()
        i_left, i_bottom, i_right, i_top = inside.get_trimbox()
        width = i_right - i_left
        for x, w in panels:
            if w <= 0 or x < -0.5 or x + w > o_right - o_left + 0.5:
                raise HandoutsError(f"{display_path(pdf)}: panel at x={x:.1f} pt, {w:.1f} pt wide, lies outside "
                                    f"the {o_right - o_left:.1f} pt trim")
        flap_x, flap_w = panels[0]
        cover_x, cover_w = panels[-1]
        scale = dpi / 72

        cover = _rasterise(outside, dpi, (o_left + cover_x, o_bottom, o_left + cover_x + cover_w, o_top))
        flap = _rasterise(outside, dpi, (o_left + flap_x, o_bottom, o_left + flap_x + flap_w, o_top))
        # The back of the cover panel: the same strip of the sheet, seen from the inside (mirrored).
        first_x = width - (cover_x + cover_w)
        inside_1 = _rasterise(inside, dpi, (i_left + first_x, i_bottom, i_left + first_x + cover_w, i_top))
        spread = _rasterise(inside, dpi, (i_left, i_bottom, i_right, i_top))
    finally:
        doc.close()

    first_view = _side_by_side(inside_1, flap)
    _crease(first_view, inside_1.width)
    for x, _ in panels[1:]:  # every fold of the outside page, mirrored onto the inside
        _crease(spread, round((width - x) * scale))
    named = (("folded-cover", cover), ("open-first", first_view), ("open-inside", spread))
    return [_save_png(_framed(image), out_dir / f"{stem}-{name}.png") for name, image in named]


# ---------------------------------------------------------------------------------------------- contact sheet


@dataclass
class _Placed:
    entry: ContactEntry
    x: float
    span: int


def _register_font(font: Path) -> tuple[str, str]:
    """Register ``font`` (and its bold face beside it, when there is one) with ReportLab: (regular, bold)."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    font = Path(font)
    if not font.is_file():
        raise HandoutsError(f"contact sheet font not found: {display_path(font)}")
    names = []
    bold = font.with_name(font.name.replace("-Regular", "-Bold"))
    for path in (font, bold if bold != font and bold.is_file() else font):
        name = f"HandoutsPreview-{path.stem}"
        if name not in pdfmetrics.getRegisteredFontNames():
            try:
                pdfmetrics.registerFont(TTFont(name, str(path)))
            except (TTFError, OSError) as exc:
                raise HandoutsError(f"{display_path(path)}: cannot use this font for the contact sheet ({exc})") \
                    from None
        names.append(name)
    return names[0], names[1]


class _Writer:
    """Text in the sheet's font: characters the font lacks print as '?', never as an unembedded fallback."""

    def __init__(self, canv, regular: str, bold: str):
        from reportlab.pdfbase import pdfmetrics

        self.canv, self.regular, self.bold = canv, regular, bold
        self.glyphs = {name: pdfmetrics.getFont(name).face.charToGlyph for name in {regular, bold}}

    def clean(self, text: str, font: str) -> str:
        known = self.glyphs[font]
        return "".join(ch if ord(ch) in known or ch == " " else "?" for ch in " ".join(text.split()))

    def lines(self, text: str, font: str, size: float, width: float, most: int) -> list[str]:
        """``text`` wrapped to ``width``, at most ``most`` lines; a cut ends in '…'."""
        from reportlab.lib.utils import simpleSplit
        from reportlab.pdfbase.pdfmetrics import stringWidth

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
    doc = _open(entry.pdf)
    try:
        return [_rasterise(page, dpi, tuple(page.get_trimbox())) for page in doc]
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
        from reportlab.lib.utils import ImageReader

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
    from reportlab.pdfgen.canvas import Canvas

    from handouts.output import write_atomic

    _check_dpi(dpi)
    _check_dpi(png_dpi)
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


# ---------------------------------------------------------------------------------------------- the whole chain


def _preflight_lines(project, request, job, pdf: Path) -> list[tuple[str, str]]:
    """(severity, line) for every prepress finding on a print PDF, with the limits of its printer profile."""
    from handouts.edition import edition_for, preflight_options
    from handouts.preflight import preflight

    options = preflight_options(project, edition_for(project, request, job.paper))
    lines = []
    for f in preflight(pdf, options):
        where = f"page {f.page}: " if f.page is not None else ""
        what = f"{f.element}: " if f.element else ""
        lines.append((f.severity, f"{f.severity}: {f.code}: {where}{what}{f.message}"))
    return lines


def _review_line(project, job, today: date) -> tuple[str, str] | None:
    topic_set = project.topics[project.documents[job.document].model.topic].for_language(job.lang)
    topic = topic_set.topic
    gov = topic.model.governance
    days = (gov.next_review - today).days
    if days < 0:
        return "warning", (f"warning: review-overdue: topic '{topic.name}' ({gov.code} v{gov.version}) was due for "
                           f"review on {gov.next_review.isoformat()}")
    if days <= REVIEW_SOON_DAYS:
        return "warning", (f"warning: review-soon: topic '{topic.name}' ({gov.code} v{gov.version}) is due for review "
                           f"on {gov.next_review.isoformat()}, in {days} day{'s' if days != 1 else ''}")
    return None


def _failure_text(message: str, pdf: Path) -> str:
    """A build failure in one line, without the long output path (the label already says which PDF)."""
    return " ".join(message.replace(str(pdf), pdf.name).split())


def make_previews(root: Path, out: Path, documents=(), clinic: str | None = None, location: str | None = None,
                  lang: str | None = None, edition: str = "office", dpi: float = 60, preview_out: Path | None = None,
                  contact: bool = True, font: Path | None = None, printer: str | None = None,
                  today: date | None = None, frames: bool = False) -> PreviewReport:
    """Build the selection (incrementally: up-to-date PDFs are reused), then write each PDF's pages as PNGs,
    folded mock-ups of folded layouts and, with ``contact``, ``contact-sheet.pdf`` (+ a PNG per page) of them
    all, in ``preview_out`` (default: beside the PDFs, and the sheet in ``out``). Print PDFs are preflighted
    with their printer profile; a topic due for review within 90 days and a PDF that failed to build are
    flagged on the sheet."""
    from handouts.batch import run
    from handouts.edition import EditionRequest, edition_for
    from handouts.geometry import place_panels
    from handouts.project import load_project
    from handouts.resolve import plan

    if edition not in EDITIONS:
        raise HandoutsError(f"unknown edition '{edition}'; choose from: {', '.join(EDITIONS)}")
    if printer is not None and edition != "print":
        raise HandoutsError(f"a printer profile ('{printer}') applies to the print edition only")
    _check_dpi(dpi)
    _pdfium()  # before the build, not after it
    root, out = Path(root), Path(out)
    today = today or date.today()
    font = Path(font) if font is not None else root / PROJECT_FONT
    if contact and not font.is_file():
        raise HandoutsError(f"contact sheet font not found: {display_path(font)} (pass another TTF font)")

    request = EditionRequest(print=edition == "print", digital=edition == "digital", printer=printer,
                             frames=frames)
    batch = run(root, out, documents, clinic, location, lang=lang, edition=request, jobs=None)
    if batch.interrupted:
        raise HandoutsError("the build was interrupted, so no previews were made")
    project = load_project(root)
    jobs = plan(project, documents, clinic, location, None, lang)
    failures = {outcome.key: outcome.message for outcome in batch.failed}
    suffixes = {paper: edition_for(project, request, paper).suffix for paper in sorted({j.paper for j in jobs})}

    # On the sheet, each document's PDFs sit together (clinic by clinic), so one design is compared across
    # locations and languages.
    clinic_order = {name: i for i, name in enumerate(dict.fromkeys(j.clinic for j in jobs))}
    document_order = {name: i for i, name in enumerate(dict.fromkeys(j.document for j in jobs))}
    jobs = sorted(jobs, key=lambda j: (clinic_order[j.clinic], document_order[j.document]))

    report = PreviewReport(batch=batch)
    for job in jobs:
        pdf = job.output_path(out, suffixes[job.paper])
        key = job.output_path(Path(), suffixes[job.paper]).as_posix()
        clinic_model = project.clinic(job.clinic).model
        entry = dict(clinic=f"{clinic_model.name} ({job.clinic})", location=job.location, lang=job.lang,
                     edition=edition, document=job.document, pdf=pdf)
        if key in failures or not pdf.is_file():
            reason = _failure_text(failures.get(key, "the PDF was not built"), pdf)
            report.entries.append(ContactEntry(**entry, findings=(f"error: {reason}",), severity="error",
                                               failed=reason))
            continue

        target = pdf.parent if preview_out is None else Path(preview_out) / job.clinic / job.location
        report.pngs += render_pages(pdf, target, dpi)
        document = project.documents[job.document].model
        layout = project.layouts[document.layout].model
        if layout.folded and edition != "digital":
            outside = place_panels(layout, job.paper)[0]
            mockups = folded_mockup(pdf, [(p.box.x, p.box.w) for p in outside], target, dpi)
            report.mockups += mockups
            report.pngs += mockups

        found = _preflight_lines(project, request, job, pdf) if edition == "print" else []
        review = _review_line(project, job, today)
        if review:
            found.append(review)
        found.sort(key=lambda item: item[0] != "error")  # errors first, otherwise in the order found
        severity = "error" if any(s == "error" for s, _ in found) else "warning" if found else ""
        report.entries.append(ContactEntry(**entry, findings=tuple(line for _, line in found), severity=severity))

    if contact and report.entries:
        sheet = (Path(preview_out) if preview_out is not None else out) / "contact-sheet.pdf"
        title = f"Previews for sign-off: {edition} edition"
        report.contact_sheet_pdf, report.contact_sheet_pngs = contact_sheet(report.entries, sheet, title, font)
        report.pngs += report.contact_sheet_pngs
    return report
