"""Turn the lines of a paragraph, as ReportLab draws them, into marked content: each run of text is a
marked-content sequence of its structure element (the paragraph, or a Strong, Em, Link or language Span inside
it), a word hyphenated at a line end is a Span whose actual text is the whole word, and a line that ends where
the text had a space keeps that space, so the tagged text reads as the words were written.

ReportLab draws a paragraph's lines through its text object's ``_textOut``, one call per line (a paragraph in one
style) or per fragment (bold, italic, links, language spans): the plan below lists the calls the paragraph's lines
will make, and the text object opens and closes marked content as each arrives. Nothing here is stored on the
paragraph: the plan is made when it is drawn, from the lines it was broken into, and kept per worker with those
lines (a chain's documents draw the same broken lines, shared through ``layout.reuse``), never any document's
elements or ids."""

from __future__ import annotations

import weakref
from dataclasses import dataclass
from typing import Any

from reportlab.lib.fonts import ps2tt
from reportlab.pdfgen.textobject import PDFTextObject
from reportlab.platypus.paragraph import _SplitWord, _SplitWordHY

from handouts.layout import reuse
from handouts.layout.tagtree import MC, Elem, ObjRef

LANG_CB = "lang"  # the paragraph callback a language span's markup names (<onDraw name="lang" label="es"/>)
HYPHENS = ("-", "\u00ad")

Level = tuple[str, Any]  # one level of structure inside a paragraph: ("Link", link), ("Strong", None), …


@dataclass
class Piece:
    """One ``_textOut`` call ReportLab will make: its text and whether it ends the line, the structure around
    it, and what it does at a line end (a space kept, the head or the tail of a hyphenated word)."""

    text: str
    newline: bool
    levels: tuple[Level, ...] | None  # None: a piece with no text of its own (keeps what is open)
    space: bool = False
    head: bool = False  # its last word is the head of a word hyphenated at the line end
    tail: bool = False  # its first word is the tail of the hyphenated word before it
    link: Any = None  # the link it is part of

    def done(self) -> Piece:
        """The piece as planned: its link found once (a plan is read by every document that draws it)."""
        if self.levels:
            self.link = next((value for kind, value in self.levels if kind == "Link"), None)
        return self


def _face(font: str) -> tuple[bool, bool]:
    try:
        _, bold, italic = ps2tt(font)
    except (KeyError, ValueError):
        return False, False
    return bool(bold), bool(italic)


def _first_word(text: str) -> str:
    return text.lstrip(" ").split(" ", 1)[0]


def _hyphenated(head: str, tail: str) -> bool:
    """A line that ends in a hyphen after a letter, the next starting with a small letter: a word hyphenated by
    the typesetter (the project's hyphenator never breaks a word that has a hyphen of its own)."""
    head = head.rstrip(" ")
    return len(head) >= 2 and head.endswith(HYPHENS) and head[-2].isalpha() and tail[:1].islower()


# The plans of broken lines this worker drew: per ParaLines object (the same one for every document that sets the
# same markup in the same style and width), the plan for each way of drawing it, with the lines it was made from.
_PLANS: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], tuple[Any, tuple[Piece, ...]]]] = \
    weakref.WeakKeyDictionary()


def planned(para: Any, lang: str | None = None) -> tuple[Piece, ...]:
    """``plan`` for the paragraph's lines, made once per lines object and way of drawing it (everything the plan
    reads besides the lines is in the key); made afresh when reuse is off."""
    bl = para.blPara
    if not reuse.ENABLED:
        return tuple(plan(para, lang))
    key = (getattr(para, "continues", False), getattr(para, "joined", False), para.style.fontName, lang)
    try:
        known = _PLANS.get(bl)
    except TypeError:  # lines that cannot be referred to weakly: planned every time
        return tuple(plan(para, lang))
    if known is None:
        known = _PLANS[bl] = {}
    found = known.get(key)
    if found is not None and found[0] is bl.lines:
        return found[1]
    pieces = tuple(plan(para, lang))
    known[key] = (bl.lines, pieces)
    return pieces


def plan(para: Any, lang: str | None = None) -> list[Piece]:
    """The ``_textOut`` calls the paragraph's lines make, in order, with the structure of each."""
    pieces = _plan(para, lang)
    for piece in pieces:
        piece.done()
    return pieces


def _plan(para: Any, lang: str | None) -> list[Piece]:
    bl = para.blPara
    continues = bool(getattr(para, "continues", False))
    joined = bool(getattr(para, "joined", False))
    base_bold, base_italic = _face(para.style.fontName)
    pieces: list[Piece] = []
    last = len(bl.lines) - 1
    if bl.kind == 0:
        link = bl.link[0] if getattr(bl, "link", None) else None
        levels = _levels(link, None, bool(getattr(bl, "bold", 0)) and not base_bold,
                         bool(getattr(bl, "italic", 0)) and not base_italic)
        for i, (_, words) in enumerate(bl.lines):
            piece = Piece(" ".join(words), True, levels)
            end = words[-1] if words else ""
            if joined:
                pass
            elif isinstance(end, _SplitWordHY) and i < last or (i == last and continues and end.endswith(HYPHENS)):
                piece.head = True
            elif i < last or continues:
                piece.space = not isinstance(end, _SplitWord) and not piece.text.endswith(" ")
            if pieces and pieces[-1].head:
                piece.tail = True
            pieces.append(piece)
        return pieces
    current = lang
    broken: list[bool] = []  # each line: ended by a line break of the text (<br/>), not by wrapping
    for line in bl.lines:
        broken.append(bool(getattr(line, "lineBreak", False)))
        words = line.words
        for f in words:
            cb = getattr(f, "cbDefn", None)
            if cb is not None:
                if getattr(cb, "kind", "") == "onDraw" and getattr(cb, "name", "") == LANG_CB:
                    current = getattr(cb, "label", "") or lang
                if f is words[-1]:
                    pieces.append(Piece("", True, None))
                continue
            link = f.link[0] if getattr(f, "link", None) else None
            levels = _levels(link, current, bool(f.bold) and not base_bold, bool(f.italic) and not base_italic)
            pieces.append(Piece(f.text, f is words[-1], levels if f.text else None))
    _line_ends(pieces, continues, broken, joined)
    return pieces


def _levels(link: Any, lang: str | None, strong: bool, em: bool) -> tuple[Level, ...]:
    out: list[Level] = []
    if link is not None:
        out.append(("Link", link))
    if lang:
        out.append(("Span", lang))
    if strong:
        out.append(("Strong", None))
    if em:
        out.append(("Em", None))
    return tuple(out)


def _line_ends(pieces: list[Piece], continues: bool, broken: list[bool], joined: bool) -> None:
    """Mark, on the last piece with text of each line, the space kept or the hyphenated word (fragments): a
    line the text breaks (<br/>) is never a hyphenated one; the lines of a ``joined`` paragraph (a web address
    set on lines of its own) are one word."""
    lines: list[list[Piece]] = [[]]
    for piece in pieces:
        lines[-1].append(piece)
        if piece.newline:
            lines.append([])
    lines = [line for line in lines if line]
    for i, line in enumerate(lines):
        texts = [p for p in line if p.text]
        if not texts:
            continue
        end = texts[-1]
        following = [p for p in lines[i + 1] if p.text] if i + 1 < len(lines) else []
        if joined:
            continue
        if following and not (i < len(broken) and broken[i]) and _hyphenated(end.text, following[0].text):
            if end.levels == following[0].levels:  # else: no space, and the word stays in two pieces
                end.head = following[0].tail = True
        elif not following and continues and end.text.rstrip(" ").endswith(HYPHENS):
            end.head = True
        elif following or continues:
            end.space = not end.text.endswith(" ")


_NONE: list[Any] = []  # no links waiting for their annotations (never added to)


class MarkedText(PDFTextObject):
    """A text object whose text is marked content of ``elem`` (and of the elements inside it a paragraph's
    fragments call for). ``host`` is the document's tagger: it numbers marked content and keeps a hyphenated
    word's Span when a paragraph is split between columns or pages with the word across the split."""

    def __init__(self, canv: Any, x: float, y: float, direction: Any, host: Any, elem: Elem,
                 para: Any = None):
        super().__init__(canv, x, y, direction=direction)
        self.host, self.base, self.page = host, elem, canv._pageNumber - 1
        self.open: Elem | None = None
        self.chain: list[tuple[Level, Elem]] = []
        self.keys: tuple[Any, ...] = ()  # the levels of the chain
        self.leaf: Elem = elem  # the innermost element of the chain
        self.heading = elem.is_heading
        self.sinks: list[Elem] = [elem] if self.heading else []  # what keeps the words drawn: a heading, links
        self.links: dict[Any, Elem] = {}
        self.line_links: list[Any] = []
        self.pending: list[Any] = _NONE  # links of the line just drawn, whose annotations come next
        self.span: tuple[Elem, str] | None = None  # a hyphenated word begun: its Span and its head
        self.carried = host.hyphen_after(elem) if para is not None else None  # begun in the previous part
        self.pieces = planned(para, elem.lang) if para is not None else None
        self.at = 0
        if self.heading and elem.anchor is None:
            size = para.style.fontSize if para is not None else (self._fontsize or 0)
            elem.anchor = (self.page, round(canv.absolutePosition(x, y)[1] + size, 2))
        if self.pieces is None:
            self._mark(elem)

    # ---------------------------------------------------------------------------------- marked content

    def _mark(self, elem: Elem) -> None:
        if self.open is elem:
            return
        code = self._code
        if self.open is not None:
            code.append("EMC")
        mcid = self.host.mcid(self.page)
        code.append(f"/{elem.tag} <</MCID {mcid}>> BDC")
        elem.children.append(MC(self.page, mcid))
        self.open = elem

    def finish(self) -> None:
        """Close what is open (before the text object is drawn); a word whose tail is in the paragraph's next
        part waits for it there."""
        if self.open is not None:
            self._code.append("EMC")
            self.open = None
        self.host.hyphen_before(self.base, self.span)
        self.span = self.carried = None

    def _into(self, levels: tuple[Level, ...], span: Elem | None) -> Elem:
        """The element for text with ``levels`` (inside a hyphenated word's ``span``)."""
        if span is None and levels == self.keys:
            return self.leaf
        keys = levels + (("ActualText", span),) if span is not None else levels
        chain = self.chain
        keep = 0
        while keep < min(len(keys), len(chain)) and chain[keep][0] == keys[keep]:
            keep += 1
        del chain[keep:]
        parent = chain[-1][1] if chain else self.base
        for key in keys[keep:]:
            elem = self._make(parent, key)
            chain.append((key, elem))
            parent = elem
        self.keys, self.leaf = keys, parent
        self.sinks = [self.base] if self.heading else []
        self.sinks += [elem for _, elem in chain if elem.tag == "Link"]
        return parent

    def _make(self, parent: Elem, key: Level) -> Elem:
        kind, value = key
        if kind == "ActualText":
            if not any(kid is value for kid in parent.children):
                parent.children.append(value)
            return value
        elem = parent.add(kind)
        if kind == "Link":
            elem.href = value[1]
            elem.link_alt = self.base.link_alt
            self.links[value] = elem
        elif kind == "Span":
            elem.lang = value
        return elem

    # --------------------------------------------------------------------------------------- text out

    def _textOut(self, text: str, TStar: int = 0) -> None:  # noqa: N803 (ReportLab's name)
        piece = None
        pieces = self.pieces
        if pieces is not None:
            at = self.at
            if at < len(pieces) and pieces[at].text == text and pieces[at].newline == bool(TStar):
                piece = pieces[at]
                self.at = at + 1
            else:
                self.pieces = None  # drawn otherwise than planned: the rest is plain text of the open element
        if piece is None or piece.levels is None:
            if self.open is None:
                self._mark(self.base)
            self._emit(text, TStar)
        else:
            if piece.head or piece.tail or self.carried is not None:
                self._piece(piece, TStar)
            else:  # the common piece: its text (and the space kept at a line end) in its element
                if piece.space:
                    text += " "
                if text:
                    elem = self._into(piece.levels, None)
                    if self.open is not elem:
                        self._mark(elem)
                self._emit(text, TStar)
            link = piece.link
            if link is not None and link not in self.line_links:
                self.line_links.append(link)
        if TStar:
            if self.line_links:
                self.pending, self.line_links = sorted(self.line_links), []
            elif self.pending:
                self.pending = _NONE

    def _piece(self, piece: Piece, newline: int) -> None:
        levels = piece.levels or ()
        parts: list[tuple[str, Elem | None]] = []  # (text, the hyphenated word's Span it is in)
        rest = piece.text
        tail = self.span if piece.tail else self.carried
        self.carried = None
        if tail is not None:
            span, head = tail
            word = _first_word(rest)
            cut = rest.index(word) + len(word) if word else 0
            parts.append((rest[:cut], span))
            span.actual = head + word
            rest = rest[cut:]
            self.span = None
        if piece.head:
            cut = rest.rstrip(" ").rfind(" ") + 1
            span = Elem("Span")
            self.span = (span, rest[cut:].rstrip(" ")[:-1])
            parts += [(rest[:cut], None), (rest[cut:], span)]
        else:
            parts.append((rest + (" " if piece.space else ""), None))
        parts = [(text, span) for text, span in parts if text]
        for n, (text, span) in enumerate(parts):
            self._mark(self._into(levels, span))
            self._emit(text, newline if n == len(parts) - 1 else 0)
        if not parts:
            self._emit("", newline)

    def _emit(self, text: str, newline: int) -> None:
        if text:
            for elem in self.sinks:
                elem.text += text
        PDFTextObject._textOut(self, text, newline)

    # ------------------------------------------------------------------------------------ annotations

    def take_annotation(self, page: int, index: int) -> bool:
        """File a link annotation the paragraph just made under its Link element (ReportLab makes one per line
        and link, after the line, in the order the links began)."""
        if not self.pending:
            return False
        elem = self.links.get(self.pending.pop(0))
        if elem is None:
            return False
        elem.children.append(ObjRef(page, index))
        return True
