"""Turn one finished PDF into the findings ``handouts.preflight.preflight`` reports, page by page."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pypdfium2 as pdfium

from handouts.findings import Finding
from handouts.preflight.annotations import form_fields, page_annotations
from handouts.preflight.document import (
    Box,
    Folds,
    default_margin,
    info_value,
    page_boxes,
    parse_folds,
    parse_margin,
)
from handouts.preflight.options import PreflightOptions
from handouts.preflight.paint import DocumentCache, PagePaint, page_paint
from handouts.preflight.report import Limits, PageReport
from handouts.preflight.text import PageText, cap_heights, page_text, standard_14

_SEVERITY_RANK = {"error": 0, "warning": 1, "info": 2}


def check(path: Path, options: PreflightOptions) -> list[Finding]:
    """``handouts.preflight.preflight``: one finished PDF's findings, sorted by page, severity and code."""
    try:
        with pikepdf.open(path) as pdf:
            document = pdfium.PdfDocument(str(path))
            try:
                findings = _Check(path, pdf, document, options).run()
            finally:
                document.close()
    except pikepdf.PasswordError:
        return [_unreadable(path, "the PDF is encrypted with a password", "save the PDF without a password")]
    except Exception as exc:  # a damaged file can fail anywhere inside either parser
        return [_unreadable(path, f"cannot read the PDF ({_one_line(exc)})", "export the PDF again")]
    return sorted(findings, key=lambda f: (f.page or 0, _SEVERITY_RANK.get(f.severity, 9), f.code))


def _unreadable(path: Path, message: str, fix: str, page: int | None = None) -> Finding:
    return Finding("error", "unreadable", message, file=path, page=page, fix=fix)


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 160 else text[:159] + "…"


class _Check:
    """One document: its settings, the caches its pages share, and the fonts already reported."""

    def __init__(self, path: Path, pdf: pikepdf.Pdf, document: pdfium.PdfDocument, options: PreflightOptions):
        self.path = path
        self.pdf = pdf
        self.document = document
        self.options = options
        self.findings: list[Finding] = []
        self.cache = DocumentCache()
        self.reported_fonts: set[str] = set()

    def run(self) -> list[Finding]:
        folds, margin = self._settings()
        fields = form_fields(self.pdf) if self.options.print_file else 0
        if fields:
            message = f"an interactive form with {fields} field(s) in a print file; PDF/X allows none"
            self.findings.append(Finding("error", "annotation", message, file=self.path, element="AcroForm",
                                         fix="flatten the form into page content before it goes to print"))
        for index, page in enumerate(self.pdf.pages):
            try:
                self._page(page, index, folds, margin)
            except Exception as exc:  # keep going: the other pages can still be checked
                message = f"cannot read this page ({_one_line(exc)})"
                self.findings.append(_unreadable(self.path, message, "export the PDF again", index + 1))
        return self.findings

    def _settings(self) -> tuple[Folds, float | None]:
        """Fold positions and the safe margin the renderer recorded in the document info, if any."""
        folds: Folds = {}
        margin: float | None = None
        for key, fix in (
            ("/HandoutsFolds", "write fold positions as a JSON list of numbers, or one such list per page"),
            ("/HandoutsSafe", "write the safe margin as a number of points"),
        ):
            raw = info_value(self.pdf, key)
            if raw is None or (key == "/HandoutsSafe" and self.options.safe_margin is not None):
                continue
            try:
                if key == "/HandoutsFolds":
                    folds = parse_folds(raw)
                else:
                    margin = parse_margin(raw)
            except (ValueError, TypeError) as exc:
                what = "fold positions" if key == "/HandoutsFolds" else "safe margin"
                self.findings.append(Finding("warning", "unreadable", f"{what} ignored: {_one_line(exc)}",
                                             file=self.path, element=f"info {key}", fix=fix))
        return folds, margin

    def _page(self, page: pikepdf.Page, index: int, folds: Folds, margin: float | None) -> None:
        number, options = index + 1, self.options
        boxes = page_boxes(page)
        trim = boxes.trim
        if options.safe_margin is not None:
            margin = options.safe_margin
        elif margin is None:
            margin = default_margin(trim)
        limits = Limits(options.min_ppi_warn, options.min_ppi_error, margin, options.fold_safe,
                        tuple(folds.get(index, folds.get(None, []))), options.max_ink, options.min_text_size)
        report = PageReport(self.path, number, trim, limits)
        if not boxes.has_trim:
            report.one("no-trimbox", "page", f"no /TrimBox; checked against the MediaBox ({boxes.media.size()})",
                       "export with a TrimBox (the finished size) on every page", "warning")

        paint = page_paint(page, trim, options.require_cmyk, options.max_ink, self.cache)
        text = page_text(self.document[index], cap_heights(page.obj.get("/Resources"), {}))
        self._text_ink(paint, text, trim)
        self._fonts(text, number)
        report.text(text.runs)
        report.paint(paint)
        if options.print_file:
            report.annotations(page_annotations(page, boxes.bleed))
        self.findings += report.findings()

    @staticmethod
    def _text_ink(paint: PagePaint, text: PageText, trim: Box) -> None:
        """Heavy colours text is painted in count where PDFium places that text inside the trim.

        Both parsers make one text object per showing operator, in content order; should their counts differ,
        every heavy text colour counts."""
        aligned = len(paint.text) == text.objects
        boxes = {run.index: run.box for run in text.runs}
        for index, entries in enumerate(paint.text):
            if not entries:
                continue
            box = boxes.get(index) if aligned else None
            if aligned and (box is None or not trim.meets(*box)):
                continue
            for element, total, parts in entries:
                paint.add_ink(element, total, parts)

    def _fonts(self, text: PageText, number: int) -> None:
        """A font that shows text without being embedded, reported once, on the first page it shows on.

        Fonts that sit in a resource dictionary without showing a glyph are left alone: ReportLab's canvas
        selects Helvetica at the top of every page whether or not anything is set in it."""
        for run in text.runs:
            font = run.font
            if font.embedded or font.name in self.reported_fonts:
                continue
            self.reported_fonts.add(font.name)
            why = "a standard PDF font" if font.name in standard_14() else "no font program in the PDF"
            self.findings.append(Finding(
                "error", "font-not-embedded", f"not embedded ({why}); the printer would substitute its own font",
                file=self.path, page=number, element=f"font {font.name}",
                fix="embed the font (register a TTF with ReportLab, or export with all fonts embedded)"))
