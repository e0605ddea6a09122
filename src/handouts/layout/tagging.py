"""Turn what a document draws into tagged PDF content: every text object becomes marked content of the structure
element it belongs to (a heading, a paragraph, a list's label or body …), a figure's drawing is marked content of
its Figure, annotations (links, form fields) are filed under their Link or Form element, and everything else a
page carries (bands, boxes, rules, folios, marks) is an artifact. The pdf stage writes the elements as the
document's structure tree.

The document's canvas (``TaggingCanvas``) holds the tagger while a tagged edition is drawn. Code that draws says
what it draws with ``tagger.mode(…)`` (or the ``Tagged`` flowable, or ``TaggedPara``): the tagger marks the
graphics of a mode as an artifact or as its element's content, and gives each text object its element. Marked
content never nests: a mode's graphics mark is closed around each text object and around any inner mode."""

from __future__ import annotations

from contextlib import nullcontext
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus import Flowable

from handouts.layout.paragraphs import Para
from handouts.layout.tagmodes import LITERALS, Mode, Within, painted
from handouts.layout.tagtext import LANG_CB, MarkedText
from handouts.layout.tagtree import MC, Elem, ObjRef, describe_link

__all__ = ["LANG_CB", "MC", "Artifact", "Elem", "Marker", "ObjRef", "SpacedParagraph", "Tagged", "TaggedPara",
           "Tagger", "TaggingCanvas", "describe_link", "tagger_of"]

class Tagger:
    """The marked content of one document being drawn: ids per page, the modes open, and the structure elements
    that receive content (the tree itself is built by whoever draws, in reading order)."""

    def __init__(self, root: Elem | None = None, call: str = "Call"):
        self.root = root or Elem("Document")
        self.call = call  # the document's word for a phone link's description ("Call")
        self._next: dict[int, int] = {}
        self.modes: list[Mode] = []
        self.active: MarkedText | None = None
        self.orphans: list[ObjRef] = []  # annotations drawn outside any element (the tests look for none)
        self._hyphens: dict[int, tuple[Elem, str]] = {}
        self._finished = False

    def finish(self) -> Elem:
        """The tree drawn, each link described in words from what it says and where it goes (once: the document
        is written, and the tree is handed on, after everything is drawn)."""
        if not self._finished:
            self._finished = True
            for elem in self.root.walk():
                if elem.tag == "Link" and elem.href:
                    elem.alt = describe_link(elem.href, elem.text, elem.link_alt, self.call)
        return self.root

    # ------------------------------------------------------------------------------------------ ids

    def mcid(self, page: int) -> int:
        value = self._next.get(page, 0)
        self._next[page] = value + 1
        return value

    def _release(self, mc: MC) -> None:
        if self._next.get(mc.page) == mc.mcid + 1:
            self._next[mc.page] = mc.mcid

    def hyphen_before(self, elem: Elem, span: tuple[Elem, str] | None) -> None:
        if span is not None:
            self._hyphens[id(elem)] = span
        elif self._hyphens:
            self._hyphens.pop(id(elem), None)

    def hyphen_after(self, elem: Elem) -> tuple[Elem, str] | None:
        return self._hyphens.pop(id(elem), None) if self._hyphens else None

    # ---------------------------------------------------------------------------------------- modes

    def current(self) -> Elem:
        """The element new elements go under: the innermost mode's, else the document's."""
        for mode in reversed(self.modes):
            if mode.elem is not None:
                return mode.elem
        return self.root

    def mode(self, canv: Canvas, elem: Elem | None = None, graphics: Elem | str = "Layout",
             text: Elem | None = None, para: Any = None, label: Elem | None = None,
             annots: Elem | None = None) -> Within:
        """Draw inside a mode (``with tagger.mode(…)``): ``graphics`` is an element (a Figure: its drawing is its
        content) or an artifact kind; text objects belong to ``text`` (None: to the graphics mark)."""
        return Within(self, canv, Mode(elem, graphics, text, para, label, annots))

    def enter(self, canv: Canvas, mode: Mode) -> None:
        """Begin drawing in ``mode`` (``leave`` ends it): the mode drawn in until now is suspended."""
        if self.modes:
            self._close(canv, self.modes[-1])
        self.modes.append(mode)
        self._open(canv, mode)

    def leave(self, canv: Canvas, mode: Mode) -> None:
        self._close(canv, mode)
        self.modes.pop()
        if self.modes:
            self._open(canv, self.modes[-1])

    def _open(self, canv: Canvas, mode: Mode) -> None:
        """Begin the mode's graphics mark. An artifact's mark is written only once something paints in it (most
        marks opened round a paragraph's text object hold nothing but its placement): it goes where it was
        opened, as if written then."""
        code = canv._code
        mode.at = len(code)
        if isinstance(mode.graphics, Elem):
            mc = MC(canv.getPageNumber() - 1, self.mcid(canv.getPageNumber() - 1))
            mode.graphics.children.append(mc)
            mode.literal, mode.mc = f"/{mode.graphics.tag} <</MCID {mc.mcid}>> BDC", mc
            code.append(mode.literal)
        else:
            mode.literal, mode.mc, mode.pending = LITERALS[mode.graphics], None, code

    def _close(self, canv: Canvas, mode: Mode) -> None:
        """End the mode's graphics mark; one that painted nothing (at most a change of graphics state) is taken
        back."""
        if mode.literal is None:
            return
        code = canv._code
        at = mode.at
        if mode.pending is not None:  # an artifact's mark not written yet
            if mode.pending is not code:  # written when its page ended (page_ends): closed here
                code.append("EMC")
            elif painted(code, at):
                code.insert(at, mode.literal)
                code.append("EMC")
            mode.literal = mode.pending = None
            return
        if len(code) > at and code[at] is mode.literal and not painted(code, at + 1):
            del code[at]
            if mode.mc is not None and isinstance(mode.graphics, Elem):
                kids = mode.graphics.children
                del kids[len(kids) - 1 - kids[::-1].index(mode.mc)]
                self._release(mode.mc)
        else:
            code.append("EMC")
        mode.literal = mode.mc = None

    def page_ends(self, canv: Canvas) -> None:
        """The page's content is complete: an artifact's mark still waiting is written where it was opened (and
        closed on the page where its mode ends, as a mark written when opened would be)."""
        for mode in self.modes:
            if mode.pending is not None and mode.literal is not None and mode.pending is canv._code:
                mode.pending.insert(mode.at, mode.literal)

    # ----------------------------------------------------------------------------------- text objects

    def begin_text(self, canv: Canvas, x: float, y: float, direction: Any) -> PDFTextObject:
        mode = self.modes[-1] if self.modes else None
        if mode is None or mode.text is None:
            return PDFTextObject(canv, x, y, direction=direction)
        elem, para = mode.text, None
        if mode.para is not None:
            mode.texts += 1
            bullet = bool(getattr(mode.para, "bulletText", None))
            if bullet and mode.texts == 1:
                if mode.label is None:
                    return PDFTextObject(canv, x, y, direction=direction)  # a bullet is decoration here
                elem = mode.label
            elif mode.texts == 1 + bullet:
                para = mode.para
        tx = MarkedText(canv, x, y, direction, self, elem, para)
        self.active = tx
        return tx

    def draw_text(self, canv: Canvas, tx: MarkedText) -> None:
        mode = self.modes[-1]
        self._close(canv, mode)
        tx.finish()
        Canvas.drawText(canv, tx)
        self._open(canv, mode)
        if self.active is tx:
            self.active = None

    def annotation(self, canv: Canvas, index: int) -> None:
        """File an annotation just added to the page: a paragraph's link under its Link, anything else under
        the mode's element for annotations (a form field's Form)."""
        ref = ObjRef(canv.getPageNumber() - 1, index)
        if self.active is not None and self.active.take_annotation(ref.page, ref.slot):
            return
        for mode in reversed(self.modes):
            if mode.annots is not None:
                mode.annots.children.append(ref)
                return
        self.orphans.append(ref)


class TaggingCanvas(Canvas):
    """The canvas a document is drawn on: with a tagger (a tagged edition) its text objects and annotations are
    filed under structure elements; without one it draws exactly as ReportLab's canvas does. It knows the
    paragraph callback that language spans name."""

    tagger: Tagger | None = None

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.setNamedCB(LANG_CB, _nothing)

    def beginText(self, x: float = 0, y: float = 0, direction: Any = None) -> PDFTextObject:  # noqa: N802
        if self.tagger is None:
            return super().beginText(x, y, direction)
        return self.tagger.begin_text(self, x, y, direction)

    def drawText(self, aTextObject: PDFTextObject) -> None:  # noqa: N802, N803
        if self.tagger is None or not isinstance(aTextObject, MarkedText):
            super().drawText(aTextObject)
        else:
            self.tagger.draw_text(self, aTextObject)
        # A paragraph's text object holds a method bound to itself (ReportLab's underline and strike drawing):
        # drawn, it lets go of it, so the object (and the canvas it holds) is freed at once, not by the cycle
        # collector.
        aTextObject.__dict__.pop("_do_line", None)

    def showPage(self) -> None:  # noqa: N802
        if self.tagger is not None:
            self.tagger.page_ends(self)
        super().showPage()

    def _addAnnotation(self, annotation: Any, name: Any = None, addtopage: int = 1) -> None:  # noqa: N802
        super()._addAnnotation(annotation, name, addtopage)
        if addtopage and self.tagger is not None:
            self.tagger.annotation(self, len(self._annotationrefs) - 1)


def _nothing(canv: Any, kind: str, label: str) -> None:
    """A language span needs no drawing: its marked content is made from the paragraph's lines."""


def tagger_of(canv: Any) -> Tagger | None:
    return getattr(canv, "tagger", None)


def _maybe(canv: Any, **mode: Any) -> Any:
    tagger = tagger_of(canv)
    return nullcontext() if tagger is None else tagger.mode(canv, **mode)


def artifact(canv: Any, kind: str = "Layout") -> Any:
    """Draw page furniture: an artifact of ``kind`` (Layout, Page, Footer, Header)."""
    return _maybe(canv, graphics=kind)


def figure(canv: Any, elem: Elem | None) -> Any:
    """Draw a picture as the content of its Figure element (None: as part of what is being drawn)."""
    return _maybe(canv, graphics=elem) if elem is not None else nullcontext()


def text(canv: Any, elem: Elem | None, annots: Elem | None = None) -> Any:
    """Draw text (a label drawn with ``drawString``) as content of ``elem``; lines and boxes around it are
    artifacts, and a form field made in it goes under ``annots``."""
    return _maybe(canv, elem=elem, text=elem, annots=annots)


class Artifact:
    """Marks page furniture drawn inside a ``with`` block as an artifact (nothing, on an untagged canvas)."""

    def __init__(self, canv: Any, kind: str = "Layout"):
        self.canv, self.kind = canv, kind
        self._inner: Any = None

    def __enter__(self) -> None:
        self._inner = artifact(self.canv, self.kind)
        self._inner.__enter__()

    def __exit__(self, *exc: Any) -> None:
        self._inner.__exit__(*exc)


class Marker:
    """The marked-content ids of a tagged document are numbered by its canvas's tagger as it is drawn; a story
    made before that carries this token in place of the tagger it does not have yet."""


def draw_tagged(canv: Any, inner: Any, elem: Elem | None, draw: Any, label: Elem | None = None) -> None:
    """Draw ``inner`` (by calling ``draw``) as the content of ``elem``: a Figure's drawing is its content (a
    caption beside it is the paragraph ``inner.caption_elem``); a paragraph's text is the element's, with its
    fragments' elements inside it, and its bullet the ``label``'s; a flowable made of parts that tag themselves
    (a stack, a box) draws them inside the element. Whatever else it draws is an artifact."""
    tagger = tagger_of(canv)
    if tagger is None or elem is None:
        draw()
        return
    if elem.tag == "Figure":
        caption = getattr(inner, "caption", None)
        cap = getattr(inner, "caption_elem", None)
        mode = Mode(elem, elem, cap if caption is not None else None, caption)
    elif hasattr(inner, "blPara"):  # a paragraph
        mode = Mode(elem, "Layout", elem, inner, label)
    else:
        mode = Mode(elem, "Layout")
    tagger.enter(canv, mode)
    try:
        draw()
    finally:
        tagger.leave(canv, mode)


class Tagged(Flowable):
    """Draws ``inner`` as the content of structure element ``elem`` (see ``draw_tagged``); the parts of a split
    stay with it."""

    origin: Any = None  # what it is part of, for the post-layout audit

    def __init__(self, inner: Flowable, elem: Elem | None, marker: Marker | None = None, label: Elem | None = None):
        super().__init__()
        self.inner, self.elem, self.marker, self.label = inner, elem, marker, label

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    def split(self, aw: float, ah: float) -> list[Flowable]:
        parts = self.inner.split(aw, ah)
        out: list[Flowable] = []
        for n, part in enumerate(parts):
            tagged = Tagged(part, self.elem, self.marker, self.label if n == 0 else None)
            tagged.origin = self.origin
            out.append(tagged)
        return out

    @property
    def style(self) -> Any:  # fixed panels measure their text by its leading
        return self.inner.style

    @property
    def text(self) -> Any:  # and name it in overflow messages
        return self.inner.text

    def getSpaceBefore(self) -> float:  # noqa: N802
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self) -> float:  # noqa: N802
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self) -> Any:  # noqa: N802
        return self.inner.getKeepWithNext()

    @property
    def keepWithNext(self) -> Any:  # noqa: N802
        return getattr(self.inner, "keepWithNext", 0)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        draw_tagged(canvas, self.inner, self.elem, lambda: self.inner.drawOn(canvas, x, y, _sW), self.label)


class TaggedPara(Para):
    """A paragraph that is the content of a structure element: ``elem`` (a heading, a paragraph, a list's
    body); the parts of a split keep it."""

    elem: Elem | None = None
    label: Elem | None = None

    def split(self, availWidth: float, availHeight: float) -> list[Any]:  # noqa: N803
        parts = super().split(availWidth, availHeight)
        for n, part in enumerate(parts):
            part.elem, part.label = self.elem, self.label if n == 0 else None
        return parts

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        draw_tagged(canvas, self, self.elem, lambda: Para.drawOn(self, canvas, x, y, _sW), self.label)


def tagged_para(markup: str, style: Any, elem: Elem | None, **kwargs: Any) -> TaggedPara:
    para = TaggedPara(markup, style, **kwargs)
    para.elem = elem
    return para


# The digital kits' paragraph: every paragraph keeps the space at its line ends in the tagged text now.
SpacedParagraph = Para

