"""Turn the structure elements collected while a tagged document was drawn into its structure tree: the tree
in reading order, marked-content references per page, link objects, the parent tree and MarkInfo."""

from __future__ import annotations

import pikepdf

from handouts.layout.tagging import Elem


def write_structure(pdf: pikepdf.Pdf, root: Elem, lang: str) -> None:
    """Add the structure tree for ``root`` to a PDF drawn with Tagged flowables, with the parent tree, MarkInfo
    and the document language."""
    pages = list(pdf.pages)
    tree_root = pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.StructTreeRoot))
    parent_arrays: dict[int, dict[int, pikepdf.Object]] = {}
    annot_parents: list[pikepdf.Object] = []

    def build(elem: Elem, parent: pikepdf.Object) -> pikepdf.Object:
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


def _uri(annot: pikepdf.Object) -> str:
    action = annot.get("/A")
    uri = action.get("/URI") if action is not None else None
    return f"Link: {uri}" if uri is not None else "Link"
