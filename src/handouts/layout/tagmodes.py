"""Turn what is being drawn into the marked-content operators of its graphics: a mode (an element's content, or
an artifact of a kind), the operator that opens its mark, and whether what was drawn in it painted anything (a
mark round nothing is left out). ``layout.tagging`` enters and leaves the modes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from handouts.layout.tagtree import MC, Elem

__all__ = ["ARTIFACTS", "LITERALS", "Mode", "Within", "painted"]

# Operators that put marks on the page (paint a path, show text, draw an image or form): a graphics mark with
# none of them drew nothing.
_PAINTS = re.compile(r"(?<![\w/.])(?:f\*?|F|S|s|B\*?|b\*?|sh|Do|BI|Tj|TJ|'|\")(?![\w*])")

ARTIFACTS = {  # kind → the artifact's property list
    "Layout": "<</Type /Layout>>",  # bands, boxes, rules, backgrounds
    "Page": "<</Type /Page>>",  # production aids: crop and fold marks, the debug overlay
    "Footer": "<</Type /Pagination /Subtype /Footer>>",  # a folio: the page number and running foot
    "Header": "<</Type /Pagination /Subtype /Header>>",
}


LITERALS = {kind: f"/Artifact {properties} BDC" for kind, properties in ARTIFACTS.items()}


@dataclass(eq=False, slots=True)
class Mode:
    """What is being drawn: its element (the parent of what it makes), what its graphics are (an element's
    content, or an artifact kind), the element its text objects belong to (None: the graphics mark holds them),
    and for a paragraph the paragraph itself and the element of its bullet."""

    elem: Elem | None
    graphics: Elem | str
    text: Elem | None = None
    para: Any = None
    label: Elem | None = None
    annots: Elem | None = None  # where annotations made in it go (a form field's Form element)
    texts: int = 0
    literal: str | None = None  # the graphics mark now open
    pending: list[str] | None = None  # the content an artifact's mark, not written yet, goes into
    at: int = 0  # where it is in the page's content
    mc: MC | None = None


# Content-stream pieces seen to paint nothing (graphics state, transformations): a chain's documents draw the
# same ones again and again. Bounded: the oldest are forgotten first.
_QUIET: dict[str, None] = {}
_QUIET_KEEP = 4096


def painted(code: list[str], start: int) -> bool:
    """Whether the content from ``start`` on puts marks on the page (no operator spans two pieces: each is
    looked at alone, up to the first that paints)."""
    quiet = _QUIET
    for index in range(start, len(code)):
        piece = code[index]
        if piece in quiet:
            continue
        if _PAINTS.search(piece):
            return True
        quiet[piece] = None
        if len(quiet) > _QUIET_KEEP:
            del quiet[next(iter(quiet))]
    return False


class Within:
    """``with tagger.mode(…)``: the mode is entered and left around the block."""

    __slots__ = ("canv", "mode", "tagger")

    def __init__(self, tagger: Any, canv: Canvas, mode: Mode):
        self.tagger, self.canv, self.mode = tagger, canv, mode

    def __enter__(self) -> Mode:
        self.tagger.enter(self.canv, self.mode)
        return self.mode

    def __exit__(self, *exc: Any) -> None:
        self.tagger.leave(self.canv, self.mode)
