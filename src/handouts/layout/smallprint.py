"""Turn a document's small print into flowables: its disclaimer blocks, the clinic's own disclaimer, and the
governance line (document code, version, publication and next review dates, review status)."""

from __future__ import annotations

from reportlab.platypus import Flowable

from handouts.layout.flowables import BlockMarker
from handouts.layout.paragraphs import Para
from handouts.layout.styles import Styles
from handouts.resolve import Resolved
from handouts.xmltext import escape


def smallprint_flowables(r: Resolved, styles: Styles) -> list[Flowable]:
    """Disclaimer blocks, the clinic's disclaimer, and the governance line (code, version, review date)."""
    out: list[Flowable] = []
    for block in r.slots.get("smallprint", []):
        out.append(BlockMarker(block.id))
        for item in block.items:
            texts = [item.text] if item.text else []
            texts += list(item.entries)
            out += [Para(t, styles["small"]) for t in texts]
    if r.contact.disclaimer:
        out.append(Para(escape(r.contact.disclaimer), styles["small"]))
    out.append(Para(escape(r.governance_line()), styles["small"]))
    return out
