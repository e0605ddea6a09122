"""Turn what an edition asks of the page (bleed, marks, colour model, tags, form fields) into one value the
layout stage reads; editions (a later stage) make these."""

from __future__ import annotations

from dataclasses import dataclass

from handouts.layout.color import Separation


@dataclass(frozen=True)
class RenderSettings:
    name: str = "office"  # the edition's name, for messages
    suffix: str = ""  # the edition's file-name suffix, for messages (".print")
    bleed: float = 0.0
    marks: bool = False
    cmyk: bool = False
    tagged: bool = False  # structure tree in reading order, artifacts, PDF/UA metadata (every edition by default)
    frames: bool = False  # debug overlay: panels, text areas, safe zone, trim, bleed, folds
    fillable: bool = False  # form fields on the aftercare sheet's blanks
    fill: tuple[tuple[str, str], ...] = ()  # values to put in them
    flatten: bool = False  # print the values as text instead of fields
    links: bool = True  # link annotations (a print-shop file carries none)
    separation: Separation | None = None  # how RGB becomes CMYK on the press (print editions)
    image_ppi: float = 300.0  # raster images carry at most this many pixels per inch at their placed size

    @property
    def slug(self) -> float:
        """Room outside the bleed for crop and fold marks."""
        return 24.0 if self.marks else 0.0
