"""Turn a TrueType font registered with ReportLab into one whose subsets are named for their content and made
once per process: ``ABCDEF+Font`` where the tag is derived from the font and the characters in the subset
(ReportLab names every subset ``AAAAAA+`` in every file, so tools that merge or impose PDFs can mix different
subsets of one name), and a subset already made for an earlier PDF of the batch is not made again."""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from typing import Any

from reportlab.pdfbase import pdfdoc
from reportlab.pdfbase.ttfonts import TTFont, makeToUnicodeCMap

# Subsets kept per font: those of the same documents repeat across a chain; location-specific ones do not, so
# the cache stays small whatever the chain's size.
KEEP = 32


def subset_tag(font_name: bytes, subset: list[int]) -> bytes:
    """Six capital letters from the font's name and the subset's characters: equal subsets, equal tags."""
    digest = hashlib.sha256(font_name + b"\0" + ",".join(map(str, subset)).encode()).digest()
    return bytes(65 + value % 26 for value in digest[:6])


class SubsetFont(TTFont):
    """A TrueType font whose subsets carry content-derived tags and are made once per process."""

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

    def addObjects(self, doc: Any) -> None:
        """ReportLab's own ``TTFont.addObjects``, with the subset's tag derived from its content."""
        try:
            state = self.state[doc]
        except KeyError:
            state = self.state[doc] = TTFont.State(self._asciiReadable)
        state.frozen = 1
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
            font.Widths = pdfdoc.PDFArray(list(map(self.face.getCharWidth, subset)))
            cmap = pdfdoc.PDFStream()
            cmap.content = makeToUnicodeCMap(base_name, subset)
            if doc.compression:
                cmap.filters = [pdfdoc.PDFZCompress]
            font.ToUnicode = doc.Reference(cmap, "toUnicodeCMap:" + base_name)
            font.FontDescriptor = self.face.addSubsetObjects(doc, base_name, subset)
            doc.Reference(font, internal_name)
            doc.idToObject["BasicFonts"].dict[internal_name] = font
        del self.state[doc]
