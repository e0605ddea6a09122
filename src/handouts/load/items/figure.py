"""Turn ``- figure: {svg, alt, caption, width, colors}`` into a picture drawn from an SVG file of the topic, with a
caption printed beside or under it and alt text for readers who cannot see it; colours of the drawing that
stand for brand colours are named, so every clinic's figure is drawn in its own brand."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from pydantic import Field, field_validator

from handouts.load.items.base import Item, ItemKind, Kit, Text
from handouts.load.models.common import Model, NonEmpty

BRAND_ROLES = ("primary", "primary_text", "accent", "accent_text", "text", "muted", "background", "tint",
               "on_primary")


class FigureBody(Model):
    svg: NonEmpty = Field(pattern=r"^[^/\\][^\\]*\.svg$")  # a file in the topic's folder
    alt: NonEmpty  # what it shows, in words, for screen readers (the digital edition's /Alt)
    caption: NonEmpty  # printed with it
    width: float = Field(default=0.4, gt=0.1, le=1.0)  # share of the column the drawing takes
    # Colours of the drawing that stand for brand colours: "#RRGGBB" → a brand colour role.
    colors: dict[str, str] = {}

    @field_validator("colors")
    @classmethod
    def _roles(cls, value: dict[str, str]) -> dict[str, str]:
        for hex_value, role in value.items():
            if not re.fullmatch(r"#[0-9a-fA-F]{6}", hex_value):
                raise ValueError(f"colors: expected '#RRGGBB' keys, got {hex_value!r}")
            if role not in BRAND_ROLES:
                raise ValueError(f"colors: {hex_value}: unknown brand colour '{role}'; choose from: "
                                 f"{', '.join(BRAND_ROLES)}")
        return {k.upper(): v for k, v in value.items()}


class Figure(Model):
    figure: FigureBody


class FigureKind(ItemKind):
    key = "figure"
    model = Figure
    features = frozenset({"figure"})

    def texts(self, item: Figure) -> list[Text]:
        return [Text(("figure", "caption"), item.figure.caption), Text(("figure", "alt"), item.figure.alt,
                                                                        running=False)]

    def resolve(self, item: Figure, fill: Callable[[Text], str]) -> Item:
        caption, alt = (fill(t) for t in self.texts(item))
        f = item.figure
        options = (("width", f"{f.width:g}"), *sorted(f.colors.items()))
        return Item(self.key, text=caption, alt=alt, src=f.svg, options=options)

    def compose(self, item: Item, kit: Kit) -> list[Any]:
        return kit.figure(item)
