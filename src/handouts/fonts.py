"""Turn a brand's font family names into registered ReportLab font families (once per process)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from handouts.errors import InputError, Issue
from handouts.project import Project

FACES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class Faces:
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def pick(self, bold: bool, italic: bool) -> str:
        return (self.bold_italic if italic else self.bold) if bold else (self.italic if italic else self.regular)


_registered: dict[tuple, Faces] = {}


def register_family(project: Project, family: str) -> Faces:
    """Register the four faces of ``family`` as one family, so ``<b>`` and ``<i>`` use the right files."""
    spec = project.fonts[family]
    key = (family, *(str(project.font_path(getattr(spec, f)).resolve()) for f in FACES))
    if key in _registered:
        return _registered[key]
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFError, TTFont

    stem = re.sub(r"[^A-Za-z0-9]", "", family) + f"-{len(_registered)}"
    names = {}
    for face in FACES:
        path = project.font_path(getattr(spec, face))
        name = f"{stem}-{face}"
        try:
            pdfmetrics.registerFont(TTFont(name, str(path)))
        except (TTFError, OSError) as exc:
            line, column = project.fonts_source.where((family, face)) if project.fonts_source else (None, None)
            raise InputError(Issue(f"{family}.{face}: cannot use font file fonts/{getattr(spec, face)}: {exc}",
                                   project.fonts_source.path if project.fonts_source else path, line, column)) from None
        names[face] = name
    pdfmetrics.registerFontFamily(stem, normal=names["regular"], bold=names["bold"], italic=names["italic"],
                                  boldItalic=names["bold_italic"])
    faces = Faces(**names)
    _registered[key] = faces
    return faces
