"""Turn a page's annotations and the document's interactive form into what PDF/X forbids on a printed page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from handouts.preflight.document import Box
from handouts.preflight.libraries import lazy

if TYPE_CHECKING:
    import pikepdf
else:  # loaded on first use: most commands never preflight (preflight/libraries.py)
    pikepdf = lazy("pikepdf")

# The only annotations PDF/X allows inside the bleed: trap networks and printer's marks.
ALLOWED = frozenset({"/TrapNet", "/PrinterMark"})


@dataclass(frozen=True)
class Annotation:
    element: str  # "link annotation to https://…", "form field 'notes'", "text annotation"
    kind: str  # link, field or other


def field_name(widget: pikepdf.Dictionary) -> str:
    """A form field's full name: its /T and its parents', joined with dots."""
    parts: list[str] = []
    node: pikepdf.Object | None = widget
    for _ in range(32):
        if not isinstance(node, pikepdf.Dictionary):
            break
        if "/T" in node:
            parts.append(str(node.T))
        node = node.get("/Parent")
    return ".".join(reversed(parts))


def _describe(annot: pikepdf.Dictionary, subtype: str) -> Annotation:
    if subtype == "/Link":
        action = annot.get("/A")
        uri = action.get("/URI") if isinstance(action, pikepdf.Dictionary) else None
        return Annotation(f"link annotation to {uri}" if uri is not None else "link annotation", "link")
    if subtype == "/Widget":
        name = field_name(annot)
        return Annotation(f"form field '{name}'" if name else "form field", "field")
    return Annotation(f"{subtype.lstrip('/').lower() or 'unnamed'} annotation", "other")


def page_annotations(page: pikepdf.Page, area: Box) -> list[Annotation]:
    """Annotations whose rectangle reaches into ``area`` (the bleed), apart from trap networks and marks."""
    found = []
    annots = page.obj.get("/Annots")
    for annot in annots if isinstance(annots, pikepdf.Array) else ():
        if not isinstance(annot, pikepdf.Dictionary):
            continue
        subtype = str(annot.get("/Subtype", ""))
        if subtype in ALLOWED:
            continue
        try:
            rect = Box.of(annot.Rect)
        except (AttributeError, ValueError, TypeError):
            rect = area  # no usable /Rect: assume it is on the page
        if area.meets(rect.x0, rect.y0, rect.x1, rect.y1):
            found.append(_describe(annot, subtype))
    return found


def form_fields(pdf: pikepdf.Pdf) -> int:
    """How many top-level fields the document's AcroForm holds (0 without one)."""
    form = pdf.Root.get("/AcroForm")
    fields = form.get("/Fields") if isinstance(form, pikepdf.Dictionary) else None
    return len(fields) if isinstance(fields, pikepdf.Array) else 0
