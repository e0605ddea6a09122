"""Turn a layout and a paper size into boxes: the trim, each panel, its content area, the folds, and the safe
zone that text must keep inside."""

from __future__ import annotations

from dataclasses import dataclass

from handouts.load import models as m
from handouts.load.models import per_paper


@dataclass(frozen=True)
class Box:
    x: float
    y: float
    w: float
    h: float

    @property
    def top(self) -> float:
        return self.y + self.h

    @property
    def right(self) -> float:
        return self.x + self.w

    def inset(self, d: float) -> Box:
        return Box(self.x + d, self.y + d, self.w - 2 * d, self.h - 2 * d)

    def outset(self, d: float) -> Box:
        return self.inset(-d)

    def shifted(self, dx: float, dy: float) -> Box:
        return Box(self.x + dx, self.y + dy, self.w, self.h)


@dataclass(frozen=True)
class PlacedPanel:
    panel: m.Panel
    page: int
    box: Box  # the panel's full area
    content: Box  # inside the layout's padding: where text and logos go


def _size(panel: m.Panel, paper: str) -> float | None:
    return per_paper(panel.size, paper)


def place_panels(layout: m.Layout, paper_name: m.PaperName, origin: tuple[float, float] = (0.0, 0.0)
                 ) -> list[list[PlacedPanel]]:
    """Each page's panels with their boxes, in points, origin at the trim's bottom-left (+ ``origin``)."""
    paper = layout.papers[paper_name]
    mg = layout.margins
    area = Box(mg.left + origin[0], mg.bottom + origin[1], paper.width - mg.left - mg.right,
               paper.height - mg.top - mg.bottom)
    pages = []
    for index, page in enumerate(layout.pages):
        fixed = sum(_size(p, paper_name) or 0 for p in page.panels)
        flexible = [p for p in page.panels if _size(p, paper_name) is None]
        total = area.w if page.split == "columns" else area.h
        share = (total - fixed) / len(flexible) if flexible else 0
        placed, cursor = [], 0.0
        for p in page.panels:
            extent = _size(p, paper_name)
            extent = share if extent is None else extent
            if page.split == "columns":
                box = Box(area.x + cursor, area.y, extent, area.h)
            else:
                box = Box(area.x, area.top - cursor - extent, area.w, extent)
            cursor += extent
            placed.append(PlacedPanel(p, index, box, box.inset(layout.padding)))
        pages.append(placed)
    return pages


def fold_positions(layout: m.Layout, paper_name: m.PaperName) -> list[list[float]]:
    """x of every fold on each page of a folded layout (the boundaries between its columns), from the trim's
    left edge."""
    if not layout.folded:
        return [[] for _ in layout.pages]
    return [[p.box.x for p in page[1:]] for page in place_panels(layout, paper_name)]


def safe_zone_problems(layout: m.Layout) -> list[tuple[int, int, str]]:
    """(page index, panel index, message) for every panel whose content area comes closer to the trim or a
    fold than the layout's safe margins allow."""
    problems = []
    for paper_name, paper in layout.papers.items():
        safe = per_paper(layout.safe_margin, paper_name)
        folds = fold_positions(layout, paper_name)
        for pi, page in enumerate(place_panels(layout, paper_name)):
            for ni, placed in enumerate(page):
                c = placed.content
                gaps = {"left trim": c.x, "bottom trim": c.y, "right trim": paper.width - c.right,
                        "top trim": paper.height - c.top}
                for edge, gap in gaps.items():
                    if gap < safe - 0.01:
                        problems.append((pi, ni, f"{paper_name}: panel '{placed.panel.name}' puts text "
                                                 f"{gap:.1f} pt from the {edge}; the safe zone is {safe:.1f} pt"))
                for x in folds[pi]:
                    gap = min(abs(c.x - x), abs(c.right - x)) if not c.x < x < c.right else -1
                    if gap < layout.fold_safe - 0.01:
                        where = "across" if gap < 0 else f"{gap:.1f} pt from"
                        problems.append((pi, ni, f"{paper_name}: panel '{placed.panel.name}' puts text {where} "
                                                 f"the fold at {x:.1f} pt; keep {layout.fold_safe:.1f} pt clear"))
    return problems
