"""Turn the structure elements collected while a tagged document was drawn into its structure tree, written by
ReportLab with the rest of the file: elements in reading order with their marked content and annotations (links,
form fields), the parent tree that leads from each back to its element, a link's description in words, the
document's language and MarkInfo, and a bookmark for every heading of a document of more than one page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFName, PDFObject, PDFObjectReference, PDFString

from handouts.errors import HandoutsError
from handouts.layout.tagging import MC, Elem, ObjRef
from handouts.layout.tagtree import HEADINGS
from handouts.pdf.native import allow, dictionary

_STRUCTURE_ORDER = PDFName("S")  # a page's /Tabs: annotations in the order of the structure tree
_TAGS: dict[str, bytes] = {}  # a tag → its PDF name


class _Written(PDFObject):
    """An object whose text is made when the tree is written (the numbers of the objects it names are known
    then): no dictionaries for ReportLab to format one key at a time."""

    __RefOnly__ = 1
    data = b""

    def format(self, document: Any) -> bytes:
        return self.data


def write_structure(doc: Any, root: Elem, lang: str) -> None:
    """Add the structure tree for ``root`` to a document drawn on a tagging canvas (every page added, nothing
    formatted yet), with the parent tree, MarkInfo, the document language and (more than one page) bookmarks."""
    pages = doc.Pages.pages
    numbers = doc.idToObjectNumberAndVersion
    objects, ids = doc.idToObject, doc.numberToId

    def new() -> tuple[_Written, PDFObjectReference, bytes]:
        """A new object, registered as ``doc.Reference`` registers one (next number, named R<number>)."""
        obj = _Written()
        number = doc.objectcounter + 1
        name = f"R{number}"
        if name in objects:  # a name given by hand: let ReportLab sort it out (or refuse)
            ref = doc.Reference(obj)
            return obj, ref, b"%d 0 R" % numbers[ref.name][0]
        doc.objectcounter = number
        obj.__InternalName__ = name
        numbers[name] = (number, 0)
        ids[number] = name
        objects[name] = obj
        return obj, PDFObjectReference(name), b"%d 0 R" % number

    page_refs = [PDFObjectReference(page.__InternalName__) for page in pages]
    page_nums = [b"%d 0 R" % numbers[ref.name][0] for ref in page_refs]
    by_mcid: dict[int, dict[int, bytes]] = {}
    annot_parents: list[bytes] = []

    def text(value: str) -> bytes:
        data: bytes = PDFString(value).format(doc)
        return data

    headings: list[tuple[Elem, tuple[int, float]]] = []  # drawn, in reading order, with their anchors: bookmarks

    def build(elem: Elem, parent: bytes, again: Callable[[Elem, bytes, Any], bytes]) -> bytes:
        obj, _, number = new()
        if elem.tag in HEADINGS and elem.anchor is not None and elem.text.strip():
            headings.append((elem, elem.anchor))
        first = None  # the page of its first marked content: its /Pg
        alt = elem.alt
        kids: list[bytes] = []
        for kid in elem.children:
            kind = type(kid)
            if kind is MC:
                if first is None:
                    first = kid.page
                marks = by_mcid.setdefault(kid.page, {})
                if kid.mcid in marks:
                    raise HandoutsError(f"tagging: marked content {kid} belongs to two elements; please report this")
                marks[kid.mcid] = number
                kids.append(b"%d" % kid.mcid if kid.page == first else
                            b"<< /Type /MCR /Pg %s /MCID %d >>" % (page_nums[kid.page], kid.mcid))
            elif kind is ObjRef:
                annot_ref = pages[kid.page].Annots[kid.slot]
                fields: dict[str, Any] = {"StructParent": len(pages) + len(annot_parents)}
                if elem.tag == "Link":
                    alt = elem.alt or _uri(doc.idToObject[annot_ref.name])
                    fields["Contents"] = PDFString(alt)
                    fields["F"] = 4  # printed with the page (a link draws nothing, so paper and screen agree)
                _annotate(doc, annot_ref.name, fields)
                annot_parents.append(number)
                kids.append(b"<< /Type /OBJR /Obj %d 0 R /Pg %s >>"
                            % (numbers[annot_ref.name][0], page_nums[kid.page]))
            else:
                kids.append(again(kid, number, again))
        tag = _TAGS.get(elem.tag)
        if tag is None:
            tag = _TAGS[elem.tag] = PDFName(elem.tag).encode("latin-1")
        parts = [b"<< /Type /StructElem /S ", tag, b" /P ", parent]
        if first is not None:
            parts += [b" /Pg ", page_nums[first]]
        if alt:
            parts += [b"\n /Alt ", text(alt)]
        if elem.actual:
            parts += [b"\n /ActualText ", text(elem.actual)]
        if elem.lang:
            parts += [b" /Lang ", text(elem.lang)]
        if elem.attrs:
            parts.append(b" /A << /O /List" + b"".join(
                b" " + PDFName(k).encode("latin-1") + b" " + PDFName(v).encode("latin-1")
                for k, v in elem.attrs.items()) + b" >>")
        parts += [b"\n /K ", kids[0] if len(kids) == 1 else b"[ " + b" ".join(kids) + b" ]", b" >>"]
        obj.data = b"".join(parts)
        return number

    tree, tree_ref, tree_number = new()
    # build is handed itself rather than naming itself: a nested function that names itself holds itself (and
    # through it the document's pages) until the cycle collector comes by.
    document = build(_pruned(root) or Elem(root.tag), tree_number, build)
    nums: list[bytes] = []
    for index, page in enumerate(pages):
        allow(page, "StructParents", "Tabs")
        page.Tabs = _STRUCTURE_ORDER
        marks = by_mcid.get(index)
        if not marks:
            continue
        if len(marks) != max(marks) + 1 or min(marks) != 0:
            raise HandoutsError(f"tagging: page {index + 1} has marked content outside the structure tree; please "
                                f"report this")
        page.StructParents = index
        array, _, array_number = new()
        array.data = b"[ " + b" ".join(marks[i] for i in range(len(marks))) + b" ]"
        nums.append(b"%d %s" % (index, array_number))
    for offset, node_number in enumerate(annot_parents):
        nums.append(b"%d %s" % (len(pages) + offset, node_number))
    parent_tree, _, parent_tree_number = new()
    parent_tree.data = b"<< /Nums [ " + b"\n ".join(nums) + b" ] >>"
    # Strong and Em are PDF 2.0's; PDF/UA-1 (PDF 1.7) readers know them as spans.
    tree.data = (b"<< /Type /StructTreeRoot /K [ %s ] /ParentTree %s /ParentTreeNextKey %d\n"
                 b" /RoleMap << /Strong /Span /Em /Span >> >>"
                 % (document, parent_tree_number, len(pages) + len(annot_parents)))
    catalog = doc.Catalog
    catalog.StructTreeRoot = tree_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Lang = PDFString(lang)
    if len(pages) > 1:
        _bookmarks(doc, headings, page_nums, new)


def _annotate(doc: Any, name: str, fields: dict[str, Any]) -> None:
    """Add ``fields`` to an annotation (a flag it already has stays as it is)."""
    annot = doc.idToObject[name]
    if isinstance(annot, PDFDictionary):
        for key, value in fields.items():
            if key != "F" or key not in annot.dict:
                annot.dict[key] = value
        return
    doc.idToObject[name] = _Extended(annot, fields)  # an Annotation object, whose Dict() is built as it is written


class _Extended(PDFObject):
    """An annotation object of ReportLab's with more fields than its class permits."""

    __RefOnly__ = 1

    def __init__(self, annot: Any, fields: dict[str, Any]):
        self.annot, self.fields = annot, fields

    def format(self, document: Any) -> bytes:
        entries = self.annot.Dict()
        for key, value in self.fields.items():
            if key != "F" or key not in entries.dict:
                entries.dict[key] = value
        result: bytes = entries.format(document)
        return result


def _uri(annot: Any) -> str:
    action = annot.dict.get("A") if isinstance(annot, PDFDictionary) else None
    uri = action.dict.get("URI") if isinstance(action, PDFDictionary) else None
    return str(uri.s) if isinstance(uri, PDFString) else "Link"


def _pruned(elem: Elem) -> Elem | None:
    """The element without the elements nothing was drawn for, and with transparent groups (tag "") replaced
    by what they hold; None when nothing of it was drawn."""
    kids: list[Elem | MC | ObjRef] = []
    changed = False
    for kid in elem.children:
        if type(kid) is not Elem:
            kids.append(kid)
            continue
        kept = _pruned(kid)
        if kept is kid and kid.tag:
            kids.append(kid)
            continue
        changed = True
        if kept is None:
            continue
        if kept.tag:
            kids.append(kept)
        else:
            kids += kept.children
    if not kids:
        return None
    if not changed:
        return elem  # nothing left out below it
    return Elem(elem.tag, elem.alt, kids, elem.link_alt, elem.lang, elem.actual, elem.href, elem.attrs, elem.text,
                elem.anchor)


def _bookmarks(doc: Any, headings: list[tuple[Elem, tuple[int, float]]], page_nums: list[bytes], new: Any) -> None:
    """A bookmark for every heading drawn, nested by level, in reading order, all open; each written as ReportLab
    writes a dictionary (keys in order, a line break after every sixth), without making one."""
    if not headings:
        return
    outline, outline_ref, outline_number = new()
    top: dict[str, bytes] = {"Type": b"/Outlines"}
    written: list[tuple[_Written, dict[str, bytes]]] = [(outline, top)]
    # Each open item: its level, its entries, its number and its children's (entries, number).
    stack: list[tuple[int, dict[str, bytes], bytes, list[tuple[dict[str, bytes], bytes]]]] = \
        [(0, top, outline_number, [])]

    def close(level: int) -> None:
        while stack[-1][0] >= level:
            _, entries, _, kids = stack.pop()
            _link(entries, kids)

    for heading, (page, y) in headings:
        level = int(heading.tag[1])
        close(level)
        item, _, number = new()
        entries = {"Title": PDFString(" ".join(heading.text.split())).format(doc), "Parent": stack[-1][2],
                   "Dest": b"[ %s /XYZ 0 %s 0 ]" % (page_nums[page], fp_str(y).encode("ascii"))}
        written.append((item, entries))
        stack[-1][3].append((entries, number))
        stack.append((level, entries, number, []))
    close(1)
    _link(top, stack[0][3])
    for obj, entries in written:
        obj.data = dictionary(entries)
    allow(doc.Catalog, "Outlines")
    doc.Catalog.Outlines = outline_ref


def _link(entries: dict[str, bytes], kids: list[tuple[dict[str, bytes], bytes]]) -> None:
    """Chain an item's children (First, Last, Prev, Next) and count the open items below it."""
    if not kids:
        return
    entries["First"], entries["Last"] = kids[0][1], kids[-1][1]
    for (before, before_number), (after, after_number) in zip(kids, kids[1:], strict=False):
        before["Next"], after["Prev"] = after_number, before_number
    entries["Count"] = b"%d" % (len(kids) + sum(int(kid.get("Count", b"0")) for kid, _ in kids))
