"""Turn a layout's styles and a brand's colours and fonts into ReportLab paragraph styles: colour tokens in RGB
or DeviceCMYK, hyphenation in the document's language."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from handouts.layout.color import REGISTRATION, SINGLE_PLATE_BELOW, Separation
from handouts.layout.fonts import Faces
from handouts.layout.typeset import hyphenation_language, hyphenator
from handouts.load import models as m

ALIGN = {"left": TA_LEFT, "center": TA_CENTER, "right": TA_RIGHT}


class Palette:
    """Brand colour tokens as ReportLab colours: RGB, or DeviceCMYK separated for one press."""

    def __init__(self, brand: m.Brand, cmyk: bool = False, separation: Separation | None = None):
        self.brand, self.cmyk = brand, cmyk
        self.separation = separation or Separation()
        self._cache: dict[str, Color] = {}

    def __call__(self, token: str) -> Color:
        if token not in self._cache:
            color = self.brand.colors[token]
            if self.cmyk:
                self._cache[token] = CMYKColor(*self.separation.brand_cmyk(color))
            else:
                self._cache[token] = Color(*color.rgb)
        return self._cache[token]

    def text(self, token: str, size: float) -> Color:
        """The colour of text ``size`` points tall: in print, under 14 pt on the black plate alone."""
        if self.cmyk and size < SINGLE_PLATE_BELOW:
            return CMYKColor(*self.separation.black_plate(self.brand.colors[token]))
        return self(token)

    def registration(self) -> Color:
        """The colour of crop and fold marks: every plate (CMYK), or black."""
        return CMYKColor(*REGISTRATION) if self.cmyk else Color(0, 0, 0)


HYPHENATED_STYLES = ("body", "list", "callout")

# Paragraph styles made, by name and attributes: a chain's documents ask for the same styles again and again, and
# a style already made (and already known to the paragraph tables of ``layout.reuse``) is given again. Styles are
# not changed once made (a variant is made with the style as its parent). The oldest are forgotten first.
_MADE: dict[tuple[Any, ...], ParagraphStyle] = {}
_MADE_KEEP = 512


def _style(name: str, faces: Faces, **attributes: Any) -> ParagraphStyle:
    """``ParagraphStyle(name, **attributes)``, or the one made before with the same name and attributes in the
    same registered family (what ``<b>`` and ``<i>`` turn its font into)."""
    key = (name, faces, *((key, _comparable(value)) for key, value in attributes.items()))
    made = _MADE.get(key)
    if made is None:
        made = _MADE[key] = ParagraphStyle(name, **attributes)
        if len(_MADE) > _MADE_KEEP:
            _MADE.pop(next(iter(_MADE)), None)
    return made


def _comparable(value: Any) -> Any:
    """A style attribute as a key: a colour by its class and values, numbers and text as they are, any other
    object (a language's hyphenator, one per process) by its identity: the style made with it keeps it alive."""
    if isinstance(value, Color):
        return type(value), tuple(sorted(vars(value).items()))
    if value is None or isinstance(value, str | int | float):
        return value
    return type(value), id(value)


class Styles:
    """The layout's styles, bound to one brand's fonts and colours, hyphenating in the document's language."""

    def __init__(self, layout: m.Layout, palette: Palette, fonts: dict[str, Faces], lang: str = "en"):
        self.layout, self.palette, self.fonts = layout, palette, fonts
        self.specs = layout.styles_for(lang)
        self.hyphenation = hyphenation_language(lang) if layout.hyphenate else None  # pyphen's dictionary
        self.hyphenator = hyphenator(lang) if self.hyphenation else None
        self._cache: dict[str, ParagraphStyle] = {}

    def spec(self, name: str) -> m.Style:
        return self.specs[name]

    def __getitem__(self, name: str) -> ParagraphStyle:
        if name not in self._cache:
            s = self.specs[name]
            faces = self.fonts[s.font]
            font = faces.pick(s.bold, s.italic)
            self._cache[name] = _style(
                name,
                faces,  # a face registered again (saved during build --watch) makes the family's styles anew
                fontName=font,
                fontSize=s.size,
                # A bullet given as text (bulletText) is set in the style's own embedded face and size, not in
                # ReportLab's default 10 pt Helvetica.
                bulletFontName=font,
                bulletFontSize=s.size,
                leading=s.leading or s.size * 1.25,
                textColor=self.palette.text(s.color, s.size),
                spaceBefore=s.space_before,
                spaceAfter=s.space_after,
                alignment=ALIGN[s.align],
                allowWidows=0,
                allowOrphans=0,
                splitLongWords=1,  # a word longer than the line wraps instead of crossing a fold
                hyphenationLang=self.hyphenator if name in HYPHENATED_STYLES else None,
                embeddedHyphenation=1,
                uriWasteReduce=0.3,
            )
        return self._cache[name]

    def font(self, name: str) -> str:
        return self[name].fontName
