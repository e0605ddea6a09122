"""Turn flowables into tagged PDF content: each is drawn inside a marked-content sequence (BDC … EMC) that
belongs to a structure element, page furniture is marked as an artifact, and after the build the structure
tree (Document, H1/H2/H3, P, L/LI/LBody, Figure, Link) is written into the PDF in reading order, with the
parent tree, MarkInfo and PDF/UA metadata that assistive technology and checkers read."""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.platypus import Flowable

from handouts.glyphs import Para


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

    def split(self, aw, ah):
        return [Tagged(part, self.elem, self.marker) for part in self.inner.split(aw, ah)]

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


UA_XMP = """<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"
    xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/"
    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
   <dc:format>application/pdf</dc:format>
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{title}</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>{author}</rdf:li></rdf:Seq></dc:creator>
   <dc:language><rdf:Bag><rdf:li>{lang}</rdf:li></rdf:Bag></dc:language>
   <pdf:Producer>{producer}</pdf:Producer>
   <xmp:CreateDate>2000-01-01T00:00:00Z</xmp:CreateDate>
   <pdfuaid:part>1</pdfuaid:part>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def write_structure(data: bytes, root: Elem, lang: str, title: str, author: str) -> bytes:
    """Add the structure tree for ``root`` to a PDF drawn with Tagged flowables; deterministic output."""
    import pikepdf

    from handouts import __version__

    with pikepdf.open(io.BytesIO(data)) as pdf:
        pages = list(pdf.pages)
        tree_root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
        parent_arrays: dict[int, dict[int, pikepdf.Object]] = {}
        annot_parents: list[pikepdf.Object] = []

        def build(elem: Elem, parent) -> pikepdf.Object:
            node = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                        S=pikepdf.Name("/" + elem.tag), P=parent))
            if elem.alt:
                node.Alt = pikepdf.String(elem.alt)
            kids = pikepdf.Array()
            for page, mcid in elem.content:
                kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[page].obj, MCID=mcid))
                parent_arrays.setdefault(page, {})[mcid] = node
            for child in elem.children:
                kids.append(build(child, node))
            for page, index in elem.annotations:
                annot = pages[page].obj.Annots[index]
                link = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem, S=pikepdf.Name.Link,
                                                            P=node))
                link.K = pikepdf.Array([pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot,
                                                           Pg=pages[page].obj)])
                description = elem.link_alt or _uri(annot)
                link.Alt = pikepdf.String(description)
                annot.Contents = pikepdf.String(description)
                annot.StructParent = len(pages) + len(annot_parents)
                annot_parents.append(link)
                kids.append(link)
            node.K = kids
            return node

        document = build(root, tree_root)
        tree_root.K = pikepdf.Array([document])
        nums = pikepdf.Array()
        for index, page in enumerate(pages):
            page.obj.StructParents = index
            page.obj.Tabs = pikepdf.Name.S
            by_mcid = parent_arrays.get(index, {})
            nums.append(index)
            nums.append(pikepdf.Array([by_mcid[i] for i in range(len(by_mcid))]))
        for offset, link in enumerate(annot_parents):
            nums.append(len(pages) + offset)
            nums.append(link)
        tree_root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
        tree_root.ParentTreeNextKey = len(pages) + len(annot_parents)
        pdf.Root.StructTreeRoot = tree_root
        pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
        pdf.Root.Lang = pikepdf.String(lang)
        xmp = UA_XMP.format(title=escape(title), author=escape(author), lang=escape(lang),
                            producer=f"handouts {__version__}")
        pdf.Root.Metadata = pdf.make_indirect(pikepdf.Stream(pdf, xmp.encode("utf-8"), Type=pikepdf.Name.Metadata,
                                                             Subtype=pikepdf.Name.XML))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, compress_streams=True)
    return out.getvalue()


def _uri(annot) -> str:
    action = annot.get("/A")
    uri = action.get("/URI") if action is not None else None
    return f"Link: {uri}" if uri is not None else "Link"
