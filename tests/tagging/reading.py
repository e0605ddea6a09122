"""The text of a PDF's pages in the order a reader reads them, as poppler's ``pdftotext`` extracts it: panel by
panel (each column of a panel on its own) in the intended reading order of the demo's layouts — a brochure's
cover, flap, inside spread and back; a sheet's header, body, call bar, appointment box and footer; a one-column
edition's text panel page after page (its band and folio are page furniture). Panel boxes come from the layout
file, placed on the page's trim."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf

from handouts.layout.geometry import place_panels
from handouts.load import load_project

INTENDED = {"trifold": ["cover", "flap", "inside-1", "inside-2", "inside-3", "back"],
            "aftercare": ["header", "body", "call", "appointment", "footer"]}
ROWS = {"appointment"}  # a form read row by row: date, time and with whom side by side, then the areas, notes


def layout_of(root: Path, pdf: Path, edition: str) -> str:
    """The layout a demo PDF is set in."""
    document = load_project(root).documents[pdf.name.split(".")[0]].value
    return {"digital": document.digital_layout, "large-print": document.large_print_layout}.get(edition,
                                                                                               document.layout)


def reading_text(pdf: Path, edition: str, root: Path) -> str:
    name = layout_of(root, pdf, edition)
    layout = load_project(root).layout(name).model
    with pikepdf.open(pdf) as opened:
        trim = [float(v) for v in opened.pages[0].TrimBox]
        heights = [float(p.MediaBox[3]) for p in opened.pages]
    paper = min(layout.papers, key=lambda n: abs(layout.papers[n].width - (trim[2] - trim[0])))
    placed = place_panels(layout, paper, origin=(trim[0], trim[1]))
    if layout.continuous:  # the text panel of every page
        flows = [p.panel.name for p in placed[0] if p.panel.role == "flow"]
        spots = [(page, p) for page in range(len(heights)) for p in placed[0] if p.panel.name in flows]
    else:
        spots = [(page, p) for name in INTENDED[name] for page, panels in enumerate(placed) for p in panels
                 if p.panel.name == name]
    out = []
    for page, p in spots:
        n = p.panel.columns
        width = (p.box.w - p.panel.gutter * (n - 1)) / n
        for column in range(n):
            x = p.box.x + column * (width + p.panel.gutter)
            args = ["pdftotext", "-q", "-f", str(page + 1), "-l", str(page + 1), "-x", str(int(x)),
                    "-y", str(int(heights[page] - p.box.top)), "-W", str(round(width)), "-H", str(round(p.box.h))]
            args += ["-layout"] if p.panel.name in ROWS else []
            out.append(subprocess.run([*args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout)
    return "\n".join(out)
