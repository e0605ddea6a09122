"""Turn a TrueType font registered with ReportLab into one whose subsets are named for their content and made
once per process: ``ABCDEF+Font`` where the tag is derived from the font and the characters in the subset
(ReportLab names every subset ``AAAAAA+`` in every file, so tools that merge or impose PDFs can mix different
subsets of one name), and a subset already made for an earlier PDF of the batch is not made, formatted or
compressed again."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from functools import lru_cache
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import FF_NONSYMBOLIC, FF_SYMBOLIC, TTFont, makeToUnicodeCMap

from handouts.layout import reuse

# Subsets kept per font: those of the same documents repeat across a chain; location-specific ones do not, so
# the cache stays small whatever the chain's size.
KEEP = 32


def subset_tag(font_name: bytes, subset: list[int] | tuple[int, ...]) -> bytes:
    """Six capital letters from the font's name and the subset's characters: equal subsets, equal tags."""
    return _tag(font_name, tuple(subset))


@lru_cache(maxsize=256)  # a chain's documents share most of their subsets
def _tag(font_name: bytes, subset: tuple[int, ...]) -> bytes:
    digest = hashlib.sha256(font_name + b"\0" + ",".join(map(str, subset)).encode()).digest()
    return bytes(65 + value % 26 for value in digest[:6])


class Formatted(pdfdoc.PDFObject):
    """A PDF object whose bytes were formatted once (a subset's widths, its ToUnicode map, its font program):
    formatting and compressing them again for every PDF of a batch would give the same bytes."""

    def __init__(self, data: bytes, top_level: bool):
        self.data = data
        if top_level:  # a stream must be an indirect object (ReportLab asks whether the attribute exists)
            self.__RefOnly__ = 1

    def format(self, document: Any) -> bytes:
        return self.data


class SubsetFont(TTFont):
    """A TrueType font whose subsets carry content-derived tags and are made once per process, and whose PDF
    objects for a subset are formatted once per process too."""

    def __init__(self, name: str, filename: str):
        super().__init__(name, filename)
        made: OrderedDict[tuple[int, ...], bytes] = OrderedDict()
        make = self.face.makeSubset

        def make_subset(subset: list[int]) -> bytes:
            key = tuple(subset)
            if key in made:
                made.move_to_end(key)
            else:
                made[key] = make(subset)
                if len(made) > KEEP:
                    made.popitem(last=False)
            return made[key]

        self.face.makeSubset = make_subset
        self.formatted: OrderedDict[tuple[str, bool, tuple[int, ...]], tuple[bytes, bytes, bytes]] = OrderedDict()
        # Every printable ASCII character has a glyph: a document's state gives each its own code in subset 0.
        glyphs = self.face.charToGlyph
        self._ascii_as_is = bool(self._asciiReadable) and not getattr(self.face, "_full_font", None) and \
            all(code in glyphs for code in range(32, 127))

    def splitString(self, text: Any, doc: Any, encoding: str = "utf-8") -> list[tuple[int, bytes]]:
        """ReportLab's ``TTFont.splitString``, at once for printable ASCII text: with ASCII kept readable, a
        document's state numbers each such character as itself in subset 0 from the start (ReportLab's loop
        looks each character up in turn)."""
        if self._ascii_as_is and type(text) is str and text.isascii() and text.isprintable():
            if doc not in self.state:
                self.state[doc] = TTFont.State(self._asciiReadable, self)
            return [(0, text.encode("ascii"))] if text else []
        result: list[tuple[int, bytes]] = TTFont.splitString(self, text, doc, encoding)
        return result

    def _objects(self, doc: Any, base_name: str, subset: list[int]) -> tuple[Formatted, Formatted, Formatted]:
        """The subset's widths, ToUnicode map and font program, formatted as ``doc`` would format them (new
        objects for each document, which ReportLab names as it registers them)."""
        key = (base_name, bool(doc.compression), tuple(subset))
        found = self.formatted.get(key)
        if found is not None:
            self.formatted.move_to_end(key)
        else:
            found = self.formatted[key] = self._format(doc, base_name, subset)
            if len(self.formatted) > KEEP:
                self.formatted.popitem(last=False)
        widths, cmap, program = found
        return Formatted(widths, False), Formatted(cmap, True), Formatted(program, True)

    def _format(self, doc: Any, base_name: str, subset: list[int]) -> tuple[bytes, bytes, bytes]:
        widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
        cmap = pdfdoc.PDFStream(content=makeToUnicodeCMap(base_name, subset))
        program = pdfdoc.PDFStream(content=self.face.makeSubset(subset))
        program.dictionary["Length1"] = len(program.content)
        if doc.compression:
            cmap.filters = program.filters = [pdfdoc.PDFZCompress]
        return widths.format(doc), cmap.format(doc), program.format(doc)

    def addObjects(self, doc: Any) -> None:
        """ReportLab's own ``TTFont.addObjects``, with the subset's tag derived from its content."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
        # Formatted once, unless reuse is off or the file is encrypted (its streams differ from file to file).
        formatted = reuse.ENABLED and isinstance(doc.encrypt, pdfdoc.NoEncryption)
        for n, subset in enumerate(state.subsets):
            internal_name = self.getSubsetInternalName(n, doc)[1:]
            tag = subset_tag(self.face.name + self.face.subfontNameX, subset)
            base_name = b"".join((tag, b"+", self.face.name, self.face.subfontNameX)).decode("pdfdoc")
            font = pdfdoc.PDFTrueTypeFont()
            font.__Comment__ = f"Font {self.fontName} subset {n}"
            font.Name = internal_name
            font.BaseFont = base_name
            font.FirstChar = 0
            font.LastChar = len(subset) - 1
            if formatted:
                widths, cmap, program = self._objects(doc, base_name, subset)
                font.Widths = widths
                font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
                font.FontDescriptor = self._descriptor(doc, base_name, program)
            else:
                font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
                stream = pdfdoc.PDFStream(content=makeToUnicodeCMap(base_name, subset))
                if doc.compression:
                    stream.filters = [pdfdoc.PDFZCompress]
                font.ToUnicode = doc.Reference(stream, "toUnicodeCMap:" + base_name)
                font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]

    def _descriptor(self, doc: Any, base_name: str, program: Formatted) -> Any:
        """ReportLab's ``TTFontFace.addSubsetObjects`` with the font program already formatted."""
        face = self.face
        program_ref = doc.Reference(program, f"fontFile:{face.filename}({base_name})")
        descriptor = pdfdoc.PDFDictionary({
            "Type": "/FontDescriptor",
            "Ascent": face.ascent,
            "CapHeight": face.capHeight,
            "Descent": face.descent,
            "Flags": (face.flags & ~FF_NONSYMBOLIC) | FF_SYMBOLIC,
            "FontBBox": pdfdoc.PDFArray(face.bbox),
            "FontName": pdfdoc.PDFName(base_name),
            "ItalicAngle": face.italicAngle,
            "StemV": face.stemV,
            "FontFile2": program_ref,
            "MissingWidth": face.defaultWidth,
        })
        return doc.Reference(descriptor, "fontDescriptor:" + base_name)
