"""Turn the structure elements collected while a tagged document was drawn into its structure tree: elements in
reading order with their marked content and annotations (links, form fields), the parent tree that leads from
each back to its element, a link's description in words, the document's language and MarkInfo, and a bookmark
for every heading of a document of more than one page."""

from __future__ import annotations

import pikepdf

from handouts.errors import HandoutsError
from handouts.layout.tagging import MC, Elem, ObjRef


def write_structure(pdf: pikepdf.Pdf, root: Elem, lang: str) -> None:
    """Add the structure tree for ``root`` to a PDF drawn on a tagging canvas, with the parent tree, MarkInfo,
    the document language and (more than one page) bookmarks."""
    pages = list(pdf.pages)
    tree_root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    by_mcid: dict[int, dict[int, pikepdf.Object]] = {}
    annot_parents: list[pikepdf.Object] = []

    def build(elem: Elem, parent: pikepdf.Object) -> pikepdf.Object:
        node = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructElem,
                                                    S=pikepdf.Name("/" + elem.tag), P=parent))
        first = next((kid.page for kid in elem.children if isinstance(kid, MC)), None)
        if first is not None:
            node.Pg = pages[first].obj
        for key, value in (("/Alt", elem.alt), ("/ActualText", elem.actual), ("/Lang", elem.lang)):
            if value:
                node[key] = pikepdf.String(value)
        if elem.attrs:
            node.A = pikepdf.Dictionary({"/O": pikepdf.Name.List,
                                         **{f"/{k}": pikepdf.Name("/" + v) for k, v in elem.attrs.items()}})
        kids: list[pikepdf.Object | int] = []
        for kid in elem.children:
            if isinstance(kid, Elem):
                kids.append(build(kid, node))
            elif isinstance(kid, MC):
                if kid.mcid in by_mcid.setdefault(kid.page, {}):
                    raise HandoutsError(f"tagging: marked content {kid} belongs to two elements; please report this")
                by_mcid[kid.page][kid.mcid] = node
                kids.append(kid.mcid if kid.page == first else
                            pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=pages[kid.page].obj, MCID=kid.mcid))
            else:
                kids.append(_objr(pdf, pages, kid, elem, node, len(pages) + len(annot_parents)))
                annot_parents.append(node)
        node.K = kids[0] if len(kids) == 1 else pikepdf.Array(kids)
        return node

    document = build(_pruned(root) or Elem(root.tag), tree_root)
    tree_root.K = pikepdf.Array([document])
    nums = pikepdf.Array()
    for index, page in enumerate(pages):
        page.obj.Tabs = pikepdf.Name.S
        marks = by_mcid.get(index, {})
        if not marks:
            continue
        if sorted(marks) != list(range(len(marks))):
            raise HandoutsError(f"tagging: page {index + 1} has marked content outside the structure tree; please "
                                f"report this")
        page.obj.StructParents = index
        nums.append(index)
        nums.append(pdf.make_indirect(pikepdf.Array([marks[i] for i in range(len(marks))])))
    for offset, node in enumerate(annot_parents):
        nums.append(len(pages) + offset)
        nums.append(node)
    tree_root.ParentTree = pdf.make_indirect(pikepdf.Dictionary(Nums=nums))
    tree_root.ParentTreeNextKey = len(pages) + len(annot_parents)
    # Strong and Em are PDF 2.0's; PDF/UA-1 (PDF 1.7) readers know them as spans.
    tree_root.RoleMap = pikepdf.Dictionary(Strong=pikepdf.Name.Span, Em=pikepdf.Name.Span)
    pdf.Root.StructTreeRoot = tree_root
    pdf.Root.MarkInfo = pikepdf.Dictionary(Marked=True)
    pdf.Root.Lang = pikepdf.String(lang)
    if len(pages) > 1:
        _bookmarks(pdf, root)


def _objr(pdf: pikepdf.Pdf, pages: list[pikepdf.Page], ref: ObjRef, elem: Elem, node: pikepdf.Object,
          key: int) -> pikepdf.Object:
    """The reference to an annotation from its element; the annotation points back (StructParent) and a link
    says where it goes (/Contents, the same words as its element's /Alt)."""
    annot = pages[ref.page].obj.Annots[ref.slot]
    annot.StructParent = key
    if elem.tag == "Link":
        if "/F" not in annot:
            annot.F = 4  # printed with the page (a link draws nothing, so paper and screen agree)
        description = elem.alt or _uri(annot)
        node.Alt = pikepdf.String(description)
        annot.Contents = pikepdf.String(description)
    return pikepdf.Dictionary(Type=pikepdf.Name.OBJR, Obj=annot, Pg=pages[ref.page].obj)


def _uri(annot: pikepdf.Object) -> str:
    action = annot.get("/A")
    uri = action.get("/URI") if action is not None else None
    return str(uri) if uri is not None else "Link"


def _pruned(elem: Elem) -> Elem | None:
    """The element without the elements nothing was drawn for, and with transparent groups (tag "") replaced
    by what they hold; None when nothing of it was drawn."""
    kids: list[Elem | MC | ObjRef] = []
    for kid in elem.children:
        if not isinstance(kid, Elem):
            kids.append(kid)
            continue
        kept = _pruned(kid)
        if kept is None:
            continue
        if kept.tag:
            kids.append(kept)
        else:
            kids += kept.children
    if not kids:
        return None
    out = Elem(elem.tag, elem.alt, kids, elem.link_alt, elem.lang, elem.actual, elem.href, elem.attrs, elem.text,
               elem.anchor)
    return out


def _bookmarks(pdf: pikepdf.Pdf, root: Elem) -> None:
    """A bookmark for every heading drawn, nested by level, in reading order."""
    headings = [(e, e.anchor) for e in root.walk() if e.is_heading and e.anchor is not None and e.text.strip()]
    if not headings:
        return
    with pdf.open_outline() as outline:
        stack: list[tuple[int, list[pikepdf.OutlineItem]]] = [(0, outline.root)]
        for heading, (page, top) in headings:
            level = int(heading.tag[1])
            item = pikepdf.OutlineItem(" ".join(heading.text.split()), page, "XYZ", left=0, top=top)
            while stack[-1][0] >= level:
                stack.pop()
            stack[-1][1].append(item)
            stack.append((level, item.children))
