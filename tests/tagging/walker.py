"""A structure-tree walker of our own, on pikepdf: it reads a tagged PDF's content streams (marked content,
text with each font's ToUnicode map, paths and images) and its structure tree, and says what is wrong with them:
content that is neither in the tree nor an artifact, marked content nested or unreferenced, a parent tree that
does not lead back to the element, heading levels that skip, fonts not embedded or without a ToUnicode map. It
also gives the tree's text in tree order (what a screen reader reads), for comparing with the page's text in
reading order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

PAINT = {"f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "BI", "INLINE IMAGE"}
SHOW = {"Tj", "TJ", "'", '"'}
INLINE = {"Span", "Strong", "Em", "Link", "Lbl", "Quote", "Code", "Reference"}


@dataclass
class Page:
    index: int
    texts: dict[int, str] = field(default_factory=dict)  # mcid → its text
    order: list[int] = field(default_factory=list)  # mcids in the order they are painted
    problems: list[str] = field(default_factory=list)
    fonts: set[str] = field(default_factory=set)  # font resource names used
    artifacts: list[tuple[str, str]] = field(default_factory=list)  # (type, its text) per artifact sequence


@dataclass
class Node:
    tag: str
    depth: int
    actual: str | None = None
    alt: str | None = None
    lang: str | None = None
    content: list[tuple[int, int]] = field(default_factory=list)  # (page, mcid), in order
    kids: list[Node | tuple[int, int] | str] = field(default_factory=list)  # elements, content, annotations


@dataclass
class Doc:
    path: Path
    pages: list[Page]
    nodes: list[Node]  # every element, in tree order
    problems: list[str]
    role_map: dict[str, str]

    def role(self, node: Node) -> str:
        return self.role_map.get(node.tag, node.tag)


# ------------------------------------------------------------------------------------------- fonts and text


def _cmap(font: pikepdf.Object) -> dict[int, str]:
    """A simple font's ToUnicode map: code → text (bfchar and bfrange)."""
    data = font.ToUnicode.read_bytes().decode("latin-1")
    out: dict[int, str] = {}
    for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
        for src, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            out[int(src, 16)] = bytes.fromhex(dst).decode("utf-16-be")
    for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
        for lo, hi, dst in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>", block):
            start = int(dst, 16)
            for n, code in enumerate(range(int(lo, 16), int(hi, 16) + 1)):
                out[code] = chr(start + n)
    return out


def font_problems(font: pikepdf.Object, name: str) -> list[str]:
    """A font is embedded (a font file in its descriptor, or its descendant's) and has a ToUnicode map."""
    out = []
    described = font.DescendantFonts[0] if "/DescendantFonts" in font else font
    descriptor = described.get("/FontDescriptor")
    if descriptor is None or not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
        out.append(f"font {name} ({font.get('/BaseFont')}) is not embedded")
    if "/ToUnicode" not in font:
        out.append(f"font {name} ({font.get('/BaseFont')}) has no ToUnicode map")
    return out


# ------------------------------------------------------------------------------------------ content streams


def _read_page(pdf: pikepdf.Pdf, index: int, problems: list[str]) -> Page:
    page = Page(index)
    pg = pdf.pages[index]
    resources = pg.Resources
    fonts = resources.get("/Font", {})
    maps: dict[str, dict[int, str]] = {}
    stack: list[tuple[str, int | None]] = []  # ("mc", its id) | ("art", its index) | ("other", None)
    font: str | None = None
    where = f"page {index + 1}"

    def owner() -> tuple[str, int | None] | None:
        for kind, mcid in reversed(stack):
            if kind in ("mc", "art"):
                return kind, mcid
        return None

    for operands, op in pikepdf.parse_content_stream(pg):
        name = str(op)
        if name in ("BDC", "BMC"):
            tag = str(operands[0])
            props = operands[1] if len(operands) > 1 else None
            if isinstance(props, pikepdf.Name):
                props = resources.Properties[props]
            mcid = int(props["/MCID"]) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
            outer = owner()
            if tag == "/Artifact":
                if outer is not None and outer[0] == "mc":
                    page.problems.append(f"{where}: an artifact inside marked content {outer[1]}")
                kind = str(props.get("/Type", "/Layout"))[1:] if isinstance(props, pikepdf.Dictionary) else "Layout"
                page.artifacts.append((kind, ""))
                stack.append(("art", len(page.artifacts) - 1))
            elif mcid is not None:
                if outer is not None:
                    page.problems.append(f"{where}: marked content {mcid} inside "
                                         f"{'an artifact' if outer[0] == 'art' else f'marked content {outer[1]}'}")
                if mcid in page.texts:
                    page.problems.append(f"{where}: marked content {mcid} appears twice")
                page.texts[mcid] = ""
                page.order.append(mcid)
                stack.append(("mc", mcid))
            else:
                stack.append(("other", None))
        elif name == "EMC":
            if not stack:
                page.problems.append(f"{where}: EMC without BDC")
            else:
                stack.pop()
        elif name == "Tf":
            font = str(operands[0])
            page.fonts.add(font)
            if font not in maps and font in fonts and "/ToUnicode" in fonts[font]:
                maps[font] = _cmap(fonts[font])
        elif name in SHOW or name in PAINT:
            text = ""
            if name in SHOW:
                strings = operands[0] if name == "TJ" else [operands[-1]]
                raw = b"".join(bytes(s) for s in strings if isinstance(s, pikepdf.String))
                if not raw:
                    continue
                cmap = maps.get(font or "", {})
                text = "".join(cmap.get(b, "\ufffd") for b in raw)
            elif name == "Do" and "/XObject" in resources:
                xobject = resources.XObject[operands[0]]
                if xobject.get("/Subtype") == "/Form":
                    page.problems.append(f"{where}: a form XObject ({operands[0]}) is not read by this walker")
            mark = owner()
            if mark is None:
                what = f"text {text!r}" if text else f"a {name} operation"
                page.problems.append(f"{where}: {what} is neither tagged nor an artifact")
            elif mark[0] == "mc" and text:
                page.texts[mark[1]] += text  # type: ignore[index]
            elif text:
                kind, before = page.artifacts[mark[1]]  # type: ignore[index]
                page.artifacts[mark[1]] = (kind, before + text)  # type: ignore[index]
    if stack:
        page.problems.append(f"{where}: {len(stack)} marked-content sequence(s) left open")
    problems += page.problems
    return page


# ---------------------------------------------------------------------------------------------- the tree


def read(path: Path) -> Doc:
    """Everything the tests ask of one PDF."""
    with pikepdf.open(path) as pdf:
        problems: list[str] = []
        root = pdf.Root.get("/StructTreeRoot")
        if root is None or not pdf.Root.get("/MarkInfo", {}).get("/Marked", False):
            return Doc(path, [], [], ["not a tagged PDF (no structure tree, or MarkInfo not marked)"], {})
        pages = [_read_page(pdf, i, problems) for i in range(len(pdf.pages))]
        page_of = {pdf.pages[i].obj.objgen: i for i in range(len(pdf.pages))}
        nodes: list[Node] = []
        seen: dict[tuple[int, int], pikepdf.Object] = {}

        def walk(obj: pikepdf.Object, depth: int, inherited: int | None) -> Node:
            node = Node(str(obj.S)[1:], depth, *(str(obj[k]) if k in obj else None
                                                     for k in ("/ActualText", "/Alt", "/Lang")))
            nodes.append(node)
            pg = page_of.get(obj.Pg.objgen) if "/Pg" in obj else inherited
            kids = obj.get("/K")
            for kid in (kids if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []):
                if isinstance(kid, int):
                    ref = (pg, int(kid))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/MCR":
                    ref = (page_of[kid.Pg.objgen] if "/Pg" in kid else pg, int(kid.MCID))
                elif isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") == "/OBJR":
                    annot = kid.Obj
                    if annot.get("/StructParent") is None:
                        problems.append(f"{node.tag}: an annotation without StructParent")
                    node.kids.append(f"{annot.get('/Subtype')}:{annot.get('/Contents', '')}")
                    continue
                else:
                    node.kids.append(walk(kid, depth + 1, pg))
                    continue
                if ref[0] is None:
                    problems.append(f"{node.tag}: marked content {ref[1]} with no page")
                    continue
                if ref in seen:
                    problems.append(f"marked content {ref} belongs to two elements")
                seen[ref] = obj  # type: ignore[index]
                node.content.append(ref)  # type: ignore[arg-type]
                node.kids.append(ref)  # type: ignore[arg-type]
            return node

        top = root.K
        for kid in (top if isinstance(top, pikepdf.Array) else [top]):
            walk(kid, 0, None)
        problems += _parent_tree(pdf, root, pages, seen)
        role_map = {str(k)[1:]: str(v)[1:] for k, v in root.get("/RoleMap", {}).items()}
        return Doc(path, pages, nodes, problems, role_map)


def _parent_tree(pdf: pikepdf.Pdf, root: pikepdf.Object, pages: list[Page],
                 seen: dict[tuple[int, int], pikepdf.Object]) -> list[str]:
    """Every marked-content id on a page is reachable from the tree, and the page's parent-tree entry names the
    element that reaches it; every annotation in the tree points back to its element."""
    out = []
    nums = root.ParentTree.get("/Nums", pikepdf.Array())
    entries = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for page in pages:
        pg = pdf.pages[page.index].obj
        if not page.texts:
            continue
        if "/StructParents" not in pg:
            out.append(f"page {page.index + 1} has marked content but no StructParents")
            continue
        array = entries.get(int(pg.StructParents))
        for mcid in page.texts:
            element = seen.get((page.index, mcid))
            if element is None:
                out.append(f"page {page.index + 1}: marked content {mcid} is not in the structure tree")
            elif array is None or mcid >= len(array) or array[mcid].objgen != element.objgen:
                out.append(f"page {page.index + 1}: the parent tree does not lead marked content {mcid} back to "
                           f"its element")
        for (p, mcid) in seen:
            if p == page.index and mcid not in page.texts:
                out.append(f"page {page.index + 1}: the tree refers to marked content {mcid}, which the page lacks")
        for annot in pg.get("/Annots", []):
            if annot.get("/Subtype") in ("/Link", "/Widget"):
                key = annot.get("/StructParent")
                if key is None or entries.get(int(key)) is None:
                    out.append(f"page {page.index + 1}: a {annot.Subtype} annotation is not in the tree")
    return out


# ------------------------------------------------------------------------------------------ what it says


def heading_problems(doc: Doc) -> list[str]:
    """The first heading is H1, there is one H1, and no heading is more than one level below the one before."""
    levels = [int(doc.role(n)[1]) for n in doc.nodes if re.fullmatch(r"H[1-6]", doc.role(n))]
    out = []
    if not levels:
        return ["no headings"]
    if levels[0] != 1:
        out.append(f"the first heading is H{levels[0]}")
    if levels.count(1) != 1:
        out.append(f"{levels.count(1)} H1 headings")
    out += [f"H{b} after H{a}" for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    return out


def text_of(doc: Doc, node: Node) -> str:
    """What a screen reader reads for an element: its actual text if it has one, else its content and its
    children's, block-level elements on lines of their own."""
    if node.actual is not None:
        return node.actual
    parts = []
    for kid in node.kids:
        if isinstance(kid, Node):
            text = text_of(doc, kid)
            parts.append(text if doc.role(kid) in INLINE else f"\n{text}\n")
        elif isinstance(kid, tuple):
            parts.append(doc.pages[kid[0]].texts.get(kid[1], ""))
    return "".join(parts)


def tree_text(doc: Doc) -> str:
    return text_of(doc, doc.nodes[0]) if doc.nodes else ""


def words(text: str) -> list[str]:
    return text.replace("\u00a0", " ").split()


def comparable(found: list[str]) -> list[str]:
    """Words without hyphens: pdftotext joins a word hyphenated at a line end (and, wrongly, an address broken
    after a hyphen of its own), the tree carries the whole word; an address broken at a line end after
    ``/ ? & =`` (where no word of running text ends) is one word, as the tree has it; a word split in two
    anywhere else still differs."""
    out: list[str] = []
    for word in (w.replace("-", "").replace("\u00ad", "") for w in found):
        if out and out[-1][-1:] in ("/", "?", "&", "="):
            out[-1] += word
        else:
            out.append(word)
    return out


def first_difference(a: list[str], b: list[str]) -> str:
    n = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
    return f"at word {n}: tree {' '.join(a[max(0, n - 5):n + 8])!r} / page {' '.join(b[max(0, n - 5):n + 8])!r}"


def read_fonts(page: pikepdf.Page) -> dict[str, pikepdf.Object]:
    """The fonts the page's content selects (Tf), by resource name."""
    fonts = page.Resources.get("/Font", {})
    used = {str(operands[0]) for operands, op in pikepdf.parse_content_stream(page) if str(op) == "Tf"}
    return {name: fonts[name] for name in sorted(used)}


def outline_titles(items: list) -> list[str]:
    """The bookmarks' titles, depth first (the order a reader meets them)."""
    out = []
    for item in items:
        out.append(" ".join(str(item.title).split()))
        out += outline_titles(item.children)
    return out
