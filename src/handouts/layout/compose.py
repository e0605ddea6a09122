"""Turn a resolved job into PDF bytes: panels from the layout, each reading sequence's text composed into its
panels by the keep rules, fixed panels drawn by their registered role, marks and overlays as the edition asks;
then the post-layout audit reads what the frames actually drew and fails the document on any broken rule. A
tagged edition files what it draws under structure elements kept in the layout's reading order (panel by panel,
whatever order they are drawn in) and marks the rest as artifacts."""

from __future__ import annotations

import gc
import io
import json
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager, nullcontext
from dataclasses import dataclass, field
from functools import partial
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate, Spacer

from handouts import __version__
from handouts.errors import HandoutsError, InputError
from handouts.layout import deflate
from handouts.layout.audit import AuditFrame, PanelFill, Record, audit, panel_fills, recording
from handouts.layout.composer import Column, compose_sequence
from handouts.layout.docinfo import install_info_extras
from handouts.layout.figures import FigureSource
from handouts.layout.flowables import BlockMarker, BreakUntil, callout_box
from handouts.layout.fonts import BrandFonts, brand_fonts
from handouts.layout.geometry import Box, PlacedPanel, fold_positions, place_panels
from handouts.layout.glyphs import describe, fallback_font, missing, without_links
from handouts.layout.kit import PanelKit
from handouts.layout.largeprint import continuous_story
from handouts.layout.marks import crop_and_fold_marks, frames_overlay
from handouts.layout.panels import ROLES, PanelContext, check_roles, reading_order
from handouts.layout.replay import Each, Replays, column_drawn, drawer_for, each_drawn, sequence_key
from handouts.layout.replay import enabled as replay_enabled
from handouts.layout.settings import RenderSettings
from handouts.layout.styles import Palette, Styles
from handouts.layout.tagging import Elem, Marker, Tagger, TaggingCanvas, artifact, tagger_of
from handouts.layout.typeset import TypesetRules, current_rules, typesetting
from handouts.load.models import per_paper
from handouts.load.project import Project
from handouts.resolve import Resolved
from handouts.resolve.markup import plain


@dataclass(frozen=True)
class Rendered:
    """A document as ReportLab wrote it, the structure elements drawn in it (a tagged edition), what its frames
    drew (for the audit and copyfitting) and how full each panel is."""

    data: bytes
    structure: Elem | None = None
    record: Record | None = None
    fills: tuple[PanelFill, ...] = field(default=())


class LayoutAudit(HandoutsError):
    """What was drawn breaks a composition rule: a heading ending a panel, a short list split, …"""

    def __init__(self, document: str, problems: list[str]):
        self.document, self.problems = document, problems
        super().__init__(f"{document}: the layout breaks the composition rules: " + "; ".join(problems))


class _Failed(Exception):
    pass


class _Doc(BaseDocTemplate):
    """A doc template that keeps the error a page callback raised (ReportLab re-creates those exceptions)."""

    failure: HandoutsError | None = None

    def _setPageTemplate(self) -> None:
        # Page n+1 uses the layout's template n+1 and a continuous layout repeats its last. (ReportLab's
        # autoNextPageTemplate keeps a stale index and repeats the second template.)
        self.pageTemplate = self.pageTemplates[min(self.page, len(self.pageTemplates) - 1)]


def _columns(placed: PlacedPanel) -> list[Box]:
    n, gutter = placed.panel.columns, placed.panel.gutter
    width = (placed.content.w - gutter * (n - 1)) / n
    return [Box(placed.content.x + i * (width + gutter), placed.content.y, width, placed.content.h) for i in range(n)]


def rules_for(r: Resolved, settings: RenderSettings) -> TypesetRules:
    """The names and terms of one document that are never hyphenated."""
    names = [r.clinic.name, r.contact.name, *r.contact.address, *(value for _, value in settings.fill)]
    return TypesetRules.of(names + [entry.term for entry in r.topic.glossary])


class Renderer:
    """Renders jobs of one project; fonts are registered once per process."""

    def __init__(self, project: Project):
        self.project = project
        self.replays = Replays()  # sequences drawn for earlier documents, drawn again where nothing differs

    def render(self, r: Resolved, settings: RenderSettings = RenderSettings(),
               finish: Callable[[Canvas, Tagger | None], None] | None = None) -> Rendered:
        """``finish`` (the pdf stage's) is given the canvas and tagger before anything is drawn, to have the
        canvas's save write what finishing adds."""
        check_roles(self.project.layout(r.layout_name))
        fonts = brand_fonts(self.project, r.brand, r.job.lang)
        with ExitStack() as stack:
            stack.enter_context(collected_after())
            if settings.fill:  # one patient's sheet: its pages are not kept for later documents
                stack.enter_context(deflate.unkept())
            stack.enter_context(fallback_font(fonts))
            if not settings.links:
                stack.enter_context(without_links())
            stack.enter_context(typesetting(rules_for(r, settings)))
            record = stack.enter_context(recording())
            return self._render(r, settings, fonts, record, finish)

    def _render(self, r: Resolved, settings: RenderSettings, fonts: BrandFonts, record: Record,
                finish: Callable[[Canvas, Tagger | None], None] | None = None) -> Rendered:
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
        figures = FigureSource(self.project, r, settings, palette)
        buf = io.BytesIO()
        if settings.tagged:
            self._alt_text(r)
        if r.layout.continuous:
            story, root = continuous_story(self.project, r, styles, page, Marker(), figures.make)
        else:
            root = Elem("Document")
        holders = {name: root.add("") for name in reading_order(r.layout)}  # each panel's place in the tree
        tagger = Tagger(root, r.t("call")) if settings.tagged else None
        doc = self._doc(buf, r, settings, fonts, trim, tagger, finish)
        if r.layout.continuous:
            composed = self._continuous(r, styles, pages, label, story)
        else:
            composed = self._compose(r, styles, pages, label, figures, holders, _document_key(r, settings, fonts))
        pages_made = max([len(pages), *(n + 1 for n in composed)])
        folds = fold_positions(r.layout, r.job.paper)
        doc.addPageTemplates([self._template(r, settings, page, index, placed, folds[index], composed, holders)
                              for index, placed in enumerate(pages)])
        pagination: list[Flowable] = [Spacer(0, 0)]  # the doc makes the pages; their callbacks draw them
        for n in range(2, pages_made + 1):
            pagination += [BreakUntil(n), Spacer(0, 0)]
        try:
            doc.build(pagination, canvasmaker=TaggingCanvas)
        except _Failed:
            raise doc.failure from None  # type: ignore[misc]
        panels = {p.panel.name for placed in pages for p in placed}
        pins = {block: panel for block, panel in r.document.pin.items() if panel in panels}
        found = audit(record, r.layout.sequences, pins)
        if found:
            raise LayoutAudit(label, found)
        fills: tuple[PanelFill, ...] = ()
        if not r.layout.continuous:
            flow_columns = {p.panel.name: [(p.page + 1, i) for i in range(p.panel.columns)]
                            for placed in pages for p in placed if ROLES[p.panel.role].flows}
            fills = tuple(panel_fills(record, flow_columns, r.layout.sequences, pins, styles["body"].leading))
        rendered = Rendered(buf.getvalue(), tagger.finish() if tagger is not None else None, record, fills)
        _release(doc)
        return rendered

    def _alt_text(self, r: Resolved) -> None:
        """A tagged edition describes every picture: a logo without alt text is an error at its clinic file's
        line (a figure's alt text is required where it is written)."""
        if r.brand.logo.alt:
            return
        clinic = self.project.clinic(r.job.clinic)
        where: tuple[str | int, ...] = ("brand", "logo")
        location = self.project.location(r.job.clinic, r.job.location)
        if location.brand is not None and location.brand.logo is not None:  # the location's own logo
            where = ("locations", self.project.location_index(r.job.clinic, r.job.location), "brand", "logo")
        raise InputError(clinic.source.issue(
            where, f"{r.job.label}: the logo has no alt text, which a tagged PDF reads out in its place",
            code="alt-text", fix=f"add alt: to the logo, e.g. alt: {r.clinic.name} logo"))

    def _doc(self, buf: io.BytesIO, r: Resolved, settings: RenderSettings, fonts: BrandFonts, trim: Box,
             tagger: Tagger | None = None, finish: Callable[[Canvas, Tagger | None], None] | None = None) -> _Doc:
        offset = settings.bleed + settings.slug
        bleed = trim.outset(settings.bleed)
        doc = _Doc(
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
        folds = fold_positions(r.layout, r.job.paper)
        extra = {"HandoutsFolds": json.dumps([[round(x, 3) for x in page_folds] for page_folds in folds]),
                 "HandoutsSafe": f"{per_paper(r.layout.safe_margin, r.job.paper):.3f}"}

        def before() -> None:
            install_info_extras(doc.canv, extra)
            doc.canv.tagger = tagger
            if finish is not None:
                finish(doc.canv, tagger)

        doc.beforeDocument = before
        return doc

    def _compose(self, r: Resolved, styles: Styles, pages: list[list[PlacedPanel]], label: str,
                 figures: FigureSource, holders: dict[str, Elem], document: tuple[Any, ...] | None
                 ) -> dict[int, list[tuple[Column, list[Any], Any]]]:
        """Each reading sequence's blocks, composed into the columns of its panels (or drawn as an earlier
        document drew them, see ``replay``); by page index. What a sequence holds goes into the structure tree
        where its first panel is read."""
        by_name = {p.panel.name: p for placed in pages for p in placed}
        kind = self.project.kinds.get(r.document.kind)
        required = set(kind.requires) if kind else set()
        leading = styles["body"].leading
        out: dict[int, list[tuple[Column, list[Any], Any]]] = {}
        rules = current_rules()
        for index, (sequence, panels) in enumerate(r.layout.sequences.items()):
            columns = [Column(name, by_name[name].page, i, box) for name in panels
                       for i, box in enumerate(_columns(by_name[name]))]
            blocks = [b for b in r.slots.get(sequence, []) if b.id not in r.document.digital_only]
            group = holders[panels[0]].add("")
            opening = r.main_message if index == 0 and not r.layout.folded else ""  # a sheet opens with it

            def compose(sequence: str = sequence, columns: list[Column] = columns, blocks: list[Any] = blocks,
                        group: Elem = group, opening: str = opening) -> list[tuple[Column, list[Any]]]:
                kit = PanelKit(styles, figures.make, group)
                story: list[Flowable] = []
                if opening:
                    story += [BlockMarker("main_message"), callout_box("info", "", opening, (), styles, group)]
                for block in blocks:
                    story += kit.block(block, pin=r.document.pin.get(block.id))
                optional = [b.id for b in blocks if b.kind not in required]
                return compose_sequence(label, sequence, columns, story, [b.id for b in blocks], optional,
                                        leading)

            def make(block: int, item: int, blocks: list[Any] = blocks) -> list[Flowable]:
                return PanelKit(styles, figures.make, Elem("")).item(blocks[block], item)

            key = None if document is None else sequence_key(document, index, sequence, columns, blocks, opening,
                                                              rules)
            for column, items, drawer in drawer_for(self.replays, key, group, columns, compose, make):
                out.setdefault(column.page, []).append((column, items, drawer))
        return out

    def _continuous(self, r: Resolved, styles: Styles, pages: list[list[PlacedPanel]], label: str,
                    story: list[Flowable]) -> dict[int, list[tuple[Column, list[Any], Any]]]:
        """A continuous layout's one sequence, composed into its flow panel page after page."""
        flow = [p for p in pages[0] if ROLES[p.panel.role].flows]
        boxes = [(p.panel.name, i, box) for p in flow for i, box in enumerate(_columns(p))]

        def more(n: int) -> Column:
            name, index, box = boxes[n % len(boxes)]
            return Column(name, n // len(boxes), index, box)

        sequence = next(iter(r.layout.sequences), "flow")
        out: dict[int, list[tuple[Column, list[Any], Any]]] = {}
        for column, items in compose_sequence(label, sequence, [more(0)], story, [], [],
                                              styles["body"].leading, more):
            out.setdefault(column.page, []).append((column, items, None))
        return out

    def _template(self, r: Resolved, settings: RenderSettings, page: PanelContext, index: int,
                  placed: list[PlacedPanel], page_folds: list[float],
                  composed: dict[int, list[tuple[Column, list[Any], Any]]], holders: dict[str, Elem]
                  ) -> PageTemplate:
        def on_page(canv: Canvas, doc: _Doc) -> None:
            try:
                # Page furniture is an artifact; what a role or a column draws for a reader is filed under its
                # panel's place in the reading order.
                # Panels are drawn in reading order (they do not overlap), so the page's content stream reads as
                # its structure tree does.
                columns = composed.get(canv.getPageNumber() - 1, [])
                with artifact(canv):
                    for p in placed:
                        if p.panel.background:
                            page.fill(canv, p.box, p.panel.background)
                    for p in sorted(placed, key=lambda p: order.index(p.panel.name)):
                        with _panel(canv, holders[p.panel.name]):
                            ROLES[p.panel.role].paint(page, canv, p)
                            for column, items, drawer in columns:
                                if column.panel == p.panel.name:
                                    column_drawn(canv, column, drawer,
                                                 _drawing(canv, column, items, page.label))
                with artifact(canv, "Page"):  # production aids
                    if settings.marks:
                        crop_and_fold_marks(page, canv, page_folds)
                    if settings.frames:
                        frames_overlay(page, canv, placed, page_folds)
            except HandoutsError as exc:  # ReportLab re-creates exceptions raised in page callbacks
                doc.failure = exc
                raise _Failed() from None

        order = list(holders)
        # The composed text is drawn by the page callback; the doc only makes the pages.
        frame = Frame(0, 0, 1, 1, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                      id=f"{r.layout.pages[index].name}-pages")
        return PageTemplate(id=r.layout.pages[index].name, frames=[frame], onPage=on_page)


def _document_key(r: Resolved, settings: RenderSettings, fonts: BrandFonts) -> tuple[Any, ...] | None:
    """What every sequence of a document depends on (see ``replay``): its layout, paper and language, the brand's
    colours and fonts and the edition's settings; None when the document is not drawn again (values typed into
    a form are never kept)."""
    if settings.fill or not replay_enabled():
        return None
    colors = tuple(sorted((token, c.hex, c.cmyk) for token, c in r.brand.colors.items()))
    edition = (settings.name, settings.bleed, settings.marks, settings.cmyk, settings.tagged, settings.frames,
               settings.fillable, settings.flatten, settings.links, settings.image_ppi,
               settings.separation.key if settings.separation is not None else None)
    return (r.layout_name, r.job.document, r.job.paper, r.job.lang, r.contact.locale, colors, repr(fonts), edition)


_PAUSING = threading.Lock()


@contextmanager
def collected_after() -> Iterator[None]:
    """Draw a document without the cycle collector running in the middle: what a document allocates lives until
    it is written, and a collection then walks (and promotes to older generations) all of it for nothing. The
    document that turned the collector off turns it on again when it is written, and the collection that is due
    runs then (documents drawn at the same time by other threads do not keep it off; one the caller turned off
    stays off)."""
    with _PAUSING:
        owner = gc.isenabled()
        if owner:
            gc.disable()
    try:
        yield
    finally:
        if owner:
            gc.enable()


def _release(doc: _Doc) -> None:
    """Let go of a written document's objects: ReportLab's document, canvas and objects refer to each other, so
    they would wait for the cycle collector; emptied, they are freed as soon as the document is."""
    canv = getattr(doc, "canv", None)
    pdf = getattr(canv, "_doc", None)
    if pdf is not None:
        pdf.__dict__.clear()
    if canv is not None:
        canv.__dict__.clear()
    doc.__dict__.clear()


def _panel(canv: Canvas, holder: Elem) -> Any:
    """Draw a panel: what it files goes under its place in the reading order."""
    tagger = tagger_of(canv)
    return tagger.mode(canv, holder) if tagger is not None else nullcontext()


def _drawing(canv: Canvas, column: Column, items: list[Any], label: str) -> Callable[..., None]:
    """What draws a column: what was composed for it (or ``other`` items), each flowable drawn by ``each``."""
    def draw(other: list[Any] | None = None, each: Each = each_drawn) -> None:
        _draw_column(canv, column, items if other is None else other, label, each)
    return draw


def _draw_column(canv: Canvas, column: Column, items: list[Any], label: str, each: Each = each_drawn) -> None:
    """Draw what the composer placed in one column, through a frame that records what it drew; each flowable is
    drawn by ``each`` (in a marked-content mode of its own)."""
    box = column.box
    frame = AuditFrame(box.x, box.y, box.w, box.h, leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0,
                       id=column.panel, column=column.index)
    frame.open(canv)
    for f in items:
        if not each(canv, f, partial(frame.add, f, canv)):
            raise HandoutsError(f"{label}: panel '{column.panel}' could not take what was composed for it; "
                                f"please report this")
