"""Turn what one page measured (text runs, colours, inks, images, annotations) into findings with fixes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path

from handouts.findings import Finding
from handouts.preflight.annotations import Annotation
from handouts.preflight.document import Box
from handouts.preflight.paint import PagePaint
from handouts.preflight.text import TextRun

# Findings of one code on one page beyond this many are folded into a single "and N more" finding.
MAX_PER_PAGE = 5

_ANNOTATION_FIX = {
    "link": "leave links out of the print edition (keep them in the office and digital PDFs)",
    "field": "flatten the form into page content, or leave the field out of the print edition",
    "other": "delete the annotation, or flatten it into the page content",
}


@dataclass(frozen=True)
class Limits:
    """The options one page is checked against, with the margin and folds that apply to it."""

    min_ppi_warn: float
    min_ppi_error: float
    margin: float
    fold_safe: float
    folds: tuple[float, ...]  # x positions from the trim's left edge
    max_ink: float
    min_text_size: float | None


class PageReport:
    """Collects the findings of one page; ``findings()`` caps them per code."""

    def __init__(self, file: Path | str, page: int, trim: Box, limits: Limits) -> None:
        self.file = file
        self.page = page
        self.trim = trim
        self.limits = limits
        self.groups: dict[str, tuple[str, list[Finding]]] = {}
        self.extra: list[Finding] = []

    def add(self, code: str, what: str, element: str, message: str, fix: str, severity: str = "error") -> None:
        """A finding in a group that is capped per page; ``what`` names the group in "and N more …"."""
        finding = Finding(severity, code, message, file=self.file, page=self.page, element=element, fix=fix)
        self.groups.setdefault(code, (what, []))[1].append(finding)

    def one(self, code: str, element: str, message: str, fix: str, severity: str = "error") -> None:
        self.extra.append(Finding(severity, code, message, file=self.file, page=self.page, element=element, fix=fix))

    def findings(self) -> list[Finding]:
        out = list(self.extra)
        for what, group in self.groups.values():
            out += group[:MAX_PER_PAGE]
            rest = group[MAX_PER_PAGE:]
            if rest:
                severity = "error" if any(f.severity == "error" for f in rest) else "warning"
                fixes = {f.fix for f in rest}
                fix = fixes.pop() if len(fixes) == 1 else ""
                message = f"and {len(rest)} more {what} on this page"
                out.append(Finding(severity, rest[0].code, message, file=self.file, page=self.page, fix=fix))
        return out

    # checks

    def label(self, run: TextRun) -> str:
        text = run.text.replace("\ufffe", "-")  # PDFium's mark for a hyphen that ends a line
        text = " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())
        text = text if len(text) <= 30 else text[:30].rstrip() + "…"
        return f"text '{text}' at {run.x - self.trim.x0:.1f}, {run.y - self.trim.y0:.1f} pt"

    def text(self, runs: list[TextRun]) -> None:
        """Safe zone against the trim edges and folds, and the smallest text, for runs that reach the trim."""
        limits, trim = self.limits, self.trim
        smallest: TextRun | None = None
        small = 0
        near_folds: list[tuple[TextRun, str, str]] = []  # reported after the trim edges, as the page is read
        for run in runs:
            x0, y0, x1, y1 = run.box
            if not trim.meets(x0, y0, x1, y1):
                continue  # wholly outside the trim: slug text that is cut away
            if limits.min_text_size is not None and run.size < limits.min_text_size - 1e-6:
                small += 1
                if smallest is None or run.size < smallest.size:
                    smallest = run
            gaps = [("left", x0 - trim.x0), ("bottom", y0 - trim.y0), ("top", trim.y1 - y1), ("right", trim.x1 - x1)]
            short = [(edge, gap) for edge, gap in gaps if gap < limits.margin - 1e-6]
            if short:
                parts = " and ".join(_edge_gap(edge, gap) for edge, gap in short)
                message = f"{parts}; keep text at least {limits.margin:.1f} pt inside the trim"
                edge, gap = min(short, key=lambda item: item[1])
                fix = f"move the text {limits.margin - gap:.1f} pt further in from the {edge} edge"
                self.add("safe-zone", "text runs too close to the trim or a fold", self.label(run), message, fix)
            for fold in limits.folds:
                fx = trim.x0 + fold
                distance = 0.0 if x0 <= fx <= x1 else min(abs(x0 - fx), abs(x1 - fx))
                if distance >= limits.fold_safe - 1e-6:
                    continue
                where = f"{distance:.1f} pt from the fold at {fold:.1f} pt"
                fix = f"move the text {limits.fold_safe - distance:.1f} pt away from the fold"
                if distance == 0:
                    where = f"crosses the fold at {fold:.1f} pt"
                    fix = "keep the text within one panel (a shorter line, or a break before the fold)"
                near_folds.append((run, f"{where}; keep text at least {limits.fold_safe:.1f} pt clear of folds", fix))
        for run, message, fix in near_folds:
            self.add("safe-zone", "text runs too close to the trim or a fold", self.label(run), message, fix)
        if smallest is not None and limits.min_text_size is not None:
            count = f" ({small} text runs under the limit on this page)" if small > 1 else ""
            message = f"{smallest.size:.1f} pt text; needs at least {limits.min_text_size:.1f} pt{count}"
            fix = f"set this text at {limits.min_text_size:.1f} pt or larger"
            self.one("text-size", self.label(smallest), message, fix)

    def paint(self, paint: PagePaint) -> None:
        limits = self.limits
        images = []
        for image in paint.images:
            if image.placed_width <= 1e-9 or image.placed_height <= 1e-9 or image.width <= 0 or image.height <= 0:
                continue
            ppi = min(image.width / image.placed_width, image.height / image.placed_height)
            if ppi < limits.min_ppi_warn:
                images.append((ppi >= limits.min_ppi_error, ppi, image))
        for warning, ppi, image in sorted(images, key=lambda item: (item[0], item[1])):
            if warning:
                limits_text = f"{limits.min_ppi_warn:.0f} ppi recommended (at least {limits.min_ppi_error:.0f})"
            else:
                limits_text = f"needs at least {limits.min_ppi_error:.0f} ppi ({limits.min_ppi_warn:.0f} recommended)"
            need_w = math.ceil(image.placed_width * limits.min_ppi_warn)
            need_h = math.ceil(image.placed_height * limits.min_ppi_warn)
            fix = f"use an image of at least {need_w}×{need_h} px for this placement, or place it smaller"
            self.add("image-resolution", "images", image.label, f"placed at {ppi:.0f} ppi; {limits_text}", fix,
                     "warning" if warning else "error")

        for element, uses in paint.rgb.items():
            self.add("rgb-colour", "RGB colours", element, f"RGB in a CMYK print file; convert to CMYK{_used(uses)}",
                     "convert it to CMYK with the printer's output profile before placing it")

        heaviest = max((found.total for found in paint.ink.values()), default=0.0)
        for element, found in sorted(paint.ink.items(), key=lambda item: -item[1].total):
            if found.parts:
                message = f"total ink {found.total:.0f}% ({found.parts}); limit {limits.max_ink:.0f}%"
                fix = f"use a colour of at most {limits.max_ink:.0f}% in total (rich black: C 60 M 40 Y 40 K 100)"
            else:
                message = f"total ink {found.total:.0f}% in its heaviest pixels; limit {limits.max_ink:.0f}%"
                fix = "convert the image with the printer's output profile, which keeps ink under its limit"
            if heaviest > found.total + 0.5:
                message += f"; the page reaches {heaviest:.0f}%"
            self.add("ink-coverage", "ink-heavy colours", element, message + _used(found.uses), fix)

    def annotations(self, found: list[Annotation]) -> None:
        for annotation in found:
            message = "inside the bleed of a print page; PDF/X allows only trap networks and printer's marks there"
            self.add("annotation", "annotations", annotation.element, message, _ANNOTATION_FIX[annotation.kind])


def _edge_gap(edge: str, gap: float) -> str:
    if gap >= 0:
        return f"{gap:.1f} pt from the {edge} trim edge"
    return f"{-gap:.1f} pt beyond the {edge} trim edge"


def _used(uses: int) -> str:
    return f" (used {uses} times)" if uses > 1 else ""
