"""Turn a resolved job into PDF bytes: panels from the layout, content flowing through the flow panels in
reading order, fixed panels drawn by their registered role, marks and overlays as the edition asks."""

from __future__ import annotations

import io
import json
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import ActionFlowable, BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from handouts import __version__
from handouts.errors import HandoutsError, LayoutOverflow
from handouts.layout.digital import digital_story
from handouts.layout.docinfo import install_info_extras
from handouts.layout.fitting import measure
from handouts.layout.flowables import BlockMarker, BreakUntil, callout_box
from handouts.layout.fonts import BrandFonts, brand_fonts
from handouts.layout.geometry import Box, PlacedPanel, fold_positions, place_panels
from handouts.layout.glyphs import describe, fallback_font, missing, without_links
from handouts.layout.kit import PanelKit
from handouts.layout.marks import crop_and_fold_marks, frames_overlay
from handouts.layout.panels import ROLES, PanelContext, check_roles
from handouts.layout.settings import RenderSettings
from handouts.layout.styles import Palette, Styles
from handouts.layout.tagging import Elem, Marker
from handouts.load.models import per_paper
from handouts.load.project import Project
from handouts.resolve import Resolved
from handouts.resolve.markup import plain

OVERFLOW_TEMPLATE = "__overflow__"


@dataclass(frozen=True)
class Rendered:
    """A document as ReportLab wrote it, and (for a tagged edition) the structure elements drawn in it."""

    data: bytes
    structure: Elem | None = None


class _Overflowed(Exception):
    def __init__(self, remaining: list[Flowable], block: str | None):
        self.remaining, self.block = remaining, block


class _PanelFailed(Exception):
    pass


class _FlowDoc(BaseDocTemplate):
    """A doc template that stops at the layout's last flow panel instead of adding pages."""

    current_block: str | None = None
    failure: HandoutsError | None = None

    def _setPageTemplate(self) -> None:
        # Page n+1 uses the layout's template n+1; past the last page comes the overflow sentinel. (ReportLab's
        # autoNextPageTemplate keeps a stale index and repeats the second template.)
        self.pageTemplate = self.pageTemplates[min(self.page, len(self.pageTemplates) - 1)]

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        head = flowables[0]
        if isinstance(head, BlockMarker):
            self.current_block = head.block_id
        if self.pageTemplate.id == OVERFLOW_TEMPLATE and not isinstance(head, ActionFlowable):
            raise _Overflowed(list(flowables), self.current_block)
        super().handle_flowable(flowables)


def _frames(r: Resolved, placed: list[PlacedPanel], index: int) -> list[Frame]:
    """One frame per column of each flow panel on a page, in the layout's reading order."""
    flow_order = {name: i for i, name in enumerate(r.layout.flow)}
    frames = []
    for p in sorted((p for p in placed if ROLES[p.panel.role].flows), key=lambda p: flow_order[p.panel.name]):
        n, gutter = p.panel.columns, p.panel.gutter
        col_w = (p.content.w - gutter * (n - 1)) / n
        for col in range(n):
            frames.append(Frame(p.content.x + col * (col_w + gutter), p.content.y, col_w, p.content.h,
                                leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=p.panel.name))
    return frames or [Frame(0, 0, 0, 0, id=f"{r.layout.pages[index].name}-no-flow")]


class Renderer:
    """Renders jobs of one project; fonts are registered once per process."""

    def __init__(self, project: Project):
        self.project = project

    def render(self, r: Resolved, settings: RenderSettings = RenderSettings()) -> Rendered:
        check_roles(self.project.layout(r.layout_name))
        fonts = brand_fonts(self.project, r.brand, r.job.lang)
        with fallback_font(fonts), nullcontext() if settings.links else without_links():
            return self._render(r, settings, fonts)

    def _render(self, r: Resolved, settings: RenderSettings, fonts: BrandFonts) -> Rendered:
        problems = missing(r, fonts)
        if problems:
            raise HandoutsError(f"{r.job.label}: " + "; ".join(describe(p) for p in problems[:5])
                                + (f"; and {len(problems) - 5} more" if len(problems) > 5 else ""))
        palette = Palette(r.brand, cmyk=settings.cmyk, separation=settings.separation)
        styles = Styles(r.layout, palette, fonts.roles, r.job.lang)
        label = f"{r.job.document}.{r.job.lang}{settings.suffix} ({r.job.clinic}/{r.job.location}, {r.job.paper})"
        offset = settings.bleed + settings.slug
        trim = Box(offset, offset, r.paper.width, r.paper.height)
        page = PanelContext(r, styles, palette, label, trim, settings)
        pages = place_panels(r.layout, r.job.paper, origin=(offset, offset))
        folds = fold_positions(r.layout, r.job.paper)
        bleed = trim.outset(settings.bleed)
        buf = io.BytesIO()
        doc = _FlowDoc(
            buf,
            pagesize=(r.paper.width + 2 * offset, r.paper.height + 2 * offset),
            leftMargin=0, rightMargin=0, topMargin=0, bottomMargin=0,
            title=f"{r.title} – {r.clinic.name}",
            author=r.clinic.name,
            subject=plain(r.topic.main_message),
            keywords=[r.document.topic, r.topic.governance.code, r.job.document],
            creator=f"handouts {__version__}",
            producer=f"handouts {__version__}",
            lang=r.contact.locale,
            displayDocTitle=1,
            invariant=1,
            initialFontName=fonts.roles["body"].regular,
            initialFontSize=10,
            initialLeading=12,
            allowSplitting=1,
            enforceColorSpace="cmyk" if settings.cmyk else None,
            trimBox=(trim.x, trim.y, trim.right, trim.top),
            bleedBox=(bleed.x, bleed.y, bleed.right, bleed.top),
        )
        extra = {"HandoutsFolds": json.dumps([[round(x, 3) for x in page_folds] for page_folds in folds]),
                 "HandoutsSafe": f"{per_paper(r.layout.safe_margin, r.job.paper):.3f}"}
        doc.beforeDocument = lambda: install_info_extras(doc.canv, extra)
        templates = []
        for index, placed in enumerate(pages):
            def on_page(canv: Canvas, doc: _FlowDoc, placed: list[PlacedPanel] = placed,
                        page_folds: list[float] = folds[index]) -> None:
                try:
                    if settings.tagged:
                        canv.addLiteral("/Artifact <</Type /Layout>> BDC")  # page furniture, not content
                    for p in placed:
                        if p.panel.background:
                            page.fill(canv, p.box, p.panel.background)
                        ROLES[p.panel.role].paint(page, canv, p)
                    if settings.marks:
                        crop_and_fold_marks(page, canv, page_folds)
                    if settings.frames:
                        frames_overlay(page, canv, placed, page_folds)
                    if settings.tagged:
                        canv.addLiteral("EMC")
                except HandoutsError as exc:  # ReportLab re-creates exceptions raised in page callbacks
                    doc.failure = exc
                    raise _PanelFailed() from None

            templates.append(PageTemplate(id=r.layout.pages[index].name, frames=_frames(r, placed, index),
                                          onPage=on_page))
        if not r.layout.continuous:  # a continuous layout repeats its last page; others stop at their last
            templates.append(PageTemplate(id=OVERFLOW_TEMPLATE, frames=[Frame(0, 0, r.paper.width, r.paper.height)]))
        doc.addPageTemplates(templates)

        structure = None
        story: list[Any]
        if r.layout.continuous:
            story, structure = digital_story(r, styles, page, Marker())
        else:
            kit = PanelKit(styles)
            story = []
            if not r.layout.folded:  # a sheet opens with its main message; a brochure has it on the cover
                story += [BlockMarker("main_message"), callout_box("info", "", r.main_message, (), styles)]
            for block in r.slots.get("flow", []):
                story += kit.block(block)
            story += [BreakUntil(n) for n in range(2, len(pages) + 1)]
        last_flow = next((p for placed in pages for p in placed if p.panel.name == r.layout.flow[-1]), None)
        try:
            doc.build(story)
        except _PanelFailed:
            raise doc.failure from None  # type: ignore[misc]
        except _Overflowed as exc:
            width = last_flow.content.w if last_flow else r.paper.width
            remaining = [f for f in exc.remaining if not isinstance(f, ActionFlowable)]
            name = next((f.block_id for f in remaining[:1] if isinstance(f, BlockMarker)), exc.block)
            over = measure(remaining, width)
            raise LayoutOverflow(label, r.layout.flow[-1], name or "?", over) from None
        except LayoutError as exc:
            name = getattr(doc, "current_block", None) or "?"
            frame = getattr(doc, "frame", None)
            raise LayoutOverflow(label, getattr(frame, "id", "?"), name, 0,
                                 detail=f" (one piece is taller than the whole panel: {exc})") from None
        return Rendered(buf.getvalue(), structure if settings.tagged else None)
