"""Turn PDF pages into PNG images with PDFium (no system tools): whole pages, or a region of one (a panel, the
trim), at a chosen resolution, written so the same pixels give the same bytes."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from handouts.batch.output import write_atomic
from handouts.errors import HandoutsError, display_path


def open_pdf(pdf: Path) -> pdfium.PdfDocument:
    if not Path(pdf).is_file():
        raise HandoutsError(f"{display_path(pdf)}: no such PDF")
    try:
        return pdfium.PdfDocument(str(pdf))
    except pdfium.PdfiumError as exc:
        raise HandoutsError(f"{display_path(pdf)}: cannot read the PDF for a preview ({exc})") from None


def check_dpi(dpi: float) -> None:
    if not 1 <= dpi <= 1200:
        raise HandoutsError(f"preview resolution {dpi:g} dpi is out of range: use 1 to 1200")


def rasterise(page, dpi: float, region: tuple[float, float, float, float] | None = None):
    """A PIL RGB image of ``page`` at ``dpi``: the whole visible page, or only ``region`` (left, bottom, right,
    top in page coordinates). Sizes are the region's size in points × dpi/72, rounded."""
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


def save_png(image, path: Path) -> Path:
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
    check_dpi(dpi)
    pdf, out_dir = Path(pdf), Path(out_dir)
    stem = stem or pdf.stem
    doc = open_pdf(pdf)
    try:
        written = [save_png(rasterise(page, dpi), out_dir / f"{stem}-{number}.png")
                   for number, page in enumerate(doc, start=1)]
    finally:
        doc.close()
    _remove_stale_pages(out_dir, stem, len(written))
    return written
