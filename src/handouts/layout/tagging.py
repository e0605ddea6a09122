"""Turn flowables into tagged PDF content: each is drawn inside a marked-content sequence (BDC … EMC) that
belongs to a structure element (Document, H1/H2/H3, P, L/LI/LBody, Figure, Link), and page furniture is marked
as an artifact. The pdf stage writes the tree of elements into the file."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.platypus import Flowable

from handouts.layout.paragraphs import Para


@dataclass(eq=False)
class Elem:
    """A structure element: its tag, children in reading order, and the marked content drawn for it."""

    tag: str
    alt: str | None = None
    children: list[Elem] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)  # (page index, MCID)
    annotations: list[tuple[int, int]] = field(default_factory=list)  # (page index, index in /Annots)
    link_alt: str | None = None  # alternate description for the links inside this element

    def add(self, tag: str, alt: str | None = None) -> Elem:
        child = Elem(tag, alt)
        self.children.append(child)
        return child


class Marker:
    """Hands out marked-content ids per page while a document is drawn."""

    def __init__(self):
        self._next: dict[int, int] = {}

    def mcid(self, page: int) -> int:
        value = self._next.get(page, 0)
        self._next[page] = value + 1
        return value


class Tagged(Flowable):
    """Draws ``inner`` as marked content of structure element ``elem``; parts of a split stay with it."""

    def __init__(self, inner: Flowable, elem: Elem, marker: Marker):
        super().__init__()
        self.inner, self.elem, self.marker = inner, elem, marker

    def wrap(self, aw, ah):
        self.width, self.height = self.inner.wrap(aw, ah)
        return self.width, self.height

    origin: Any = None  # what it is part of, for the post-layout audit

    def split(self, aw, ah):
        parts = [Tagged(part, self.elem, self.marker) for part in self.inner.split(aw, ah)]
        for part in parts:
            part.origin = self.origin
        return parts

    def getSpaceBefore(self):
        return self.inner.getSpaceBefore()

    def getSpaceAfter(self):
        return self.inner.getSpaceAfter()

    def getKeepWithNext(self):
        return self.inner.getKeepWithNext()

    @property
    def keepWithNext(self):
        return getattr(self.inner, "keepWithNext", 0)

    def draw(self):
        canv = self.canv
        page = canv.getPageNumber() - 1
        mcid = self.marker.mcid(page)
        before = len(canv._annotationrefs)
        canv.addLiteral(f"/{self.elem.tag if self.elem.tag != 'Link' else 'Span'} <</MCID {mcid}>> BDC")
        self.inner.drawOn(canv, 0, 0)
        canv.addLiteral("EMC")
        self.elem.content.append((page, mcid))
        self.elem.annotations += [(page, i) for i in range(before, len(canv._annotationrefs))]


class SpacedParagraph(Para):
    """A paragraph whose lines keep the space at their end, so words that wrap do not run together in the
    tagged text (ReportLab draws no space at a line break)."""

    def breakLines(self, width):
        bl = super().breakLines(width)
        lines = bl.lines
        for line in lines[:-1]:
            if bl.kind == 0:
                words = line[1]
                if words and not words[-1].endswith(("-", "\xad")):
                    words[-1] = words[-1] + " "
            else:
                frags = getattr(line, "words", None)
                if frags and not frags[-1].text.endswith(("-", "\xad")):
                    frags[-1].text = frags[-1].text + " "
        return bl


class Artifact:
    """Marks page furniture drawn inside a ``with`` block as an artifact."""

    def __init__(self, canv, kind: str = "Layout"):
        self.canv, self.kind = canv, kind

    def __enter__(self):
        self.canv.addLiteral(f"/Artifact <</Type /{self.kind}>> BDC")

    def __exit__(self, *exc):
        self.canv.addLiteral("EMC")
