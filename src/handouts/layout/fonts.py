"""Turn a brand's font family names into registered ReportLab font families (once per process): the four faces
of each family, and the fallback family a language needs for characters the brand fonts lack."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError

from handouts.errors import InputError, input_finding
from handouts.layout.subsets import SubsetFont
from handouts.load import models as m
from handouts.load.project import Project
from handouts.load.reads import digest, note, stamp

FACES = ("regular", "bold", "italic", "bold_italic")


@dataclass(frozen=True)
class Faces:
    regular: str
    bold: str
    italic: str
    bold_italic: str

    def pick(self, bold: bool, italic: bool) -> str:
        return (self.bold_italic if italic else self.bold) if bold else (self.italic if italic else self.regular)


@dataclass(frozen=True)
class BrandFonts:
    """The faces of each font role of a brand ("body", "heading"), and the fallback family for one language."""

    roles: dict[str, Faces]
    families: dict[str, str]
    fallback: Faces | None = None


# (path, mtime, size) → (ReportLab font name, digest of the file's bytes): each file is parsed once per process
# (again if it is saved again), and every later use still records the read with what the file held when parsed.
_files: dict[tuple[str, int, int], tuple[str, str]] = {}
_families: dict[tuple[str, ...], Faces] = {}


def register_file(path: Path, name: str) -> str:
    """Register one TrueType file with ReportLab under ``name`` (once per process: a file registered before
    keeps its first name, which is returned). Raises ReportLab's TTFError or OSError for a file it cannot use."""
    key = stamp(path)  # one stat: a file saved again (build --watch) is registered again
    if key not in _files:
        data = Path(path).read_bytes()
        if any(registered == name for registered, _ in _files.values()):
            name = f"{name}-{len(_files)}"  # the same face, saved again since it was first registered
        font = SubsetFont(name, str(path))
        pdfmetrics.registerFont(font)
        if pdfmetrics.getFont(name) is not font:
            # ReportLab gives a name the font object first registered for the same face (a program that registered
            # this file itself, under another name): ours names its subsets by content, as every build's do.
            pdfmetrics._fonts[name] = font
        _files[key] = (name, digest(data))
    name, file_digest = _files[key]
    note(path, file_digest)
    return name


def register_family(project: Project, family: str) -> Faces:
    """Register the four faces of ``family`` as one family, so ``<b>`` and ``<i>`` use the right files."""
    spec = project.font_family(family)
    paths = [project.font_path(getattr(spec, face)) for face in FACES]
    names = {}
    stem = re.sub(r"[^A-Za-z0-9]", "", family) + f"-{len(_families)}"
    for face, path in zip(FACES, paths, strict=True):
        try:
            names[face] = register_file(path, f"{stem}-{face}")
        except (TTFError, OSError) as exc:
            source = project.fonts_source
            line, column = source.where((family, face)) if source else (None, None)
            raise InputError(input_finding(f"{family}.{face}: cannot use font file fonts/{getattr(spec, face)}: "
                                           f"{exc}", source.path if source else path, line, column)) from None
    key = tuple(names[face] for face in FACES)
    if key not in _families:
        pdfmetrics.registerFontFamily(key[0], normal=names["regular"], bold=names["bold"], italic=names["italic"],
                                      boldItalic=names["bold_italic"])
        _families[key] = Faces(**names)
    return _families[key]


def brand_fonts(project: Project, brand: m.Brand, lang: str) -> BrandFonts:
    """Every font a document in ``lang`` uses: the brand's roles, and the language's fallback family if any."""
    roles = {str(role): register_family(project, family) for role, family in brand.fonts.items()}
    fallback_family = brand.fallback_for(lang)
    fallback = register_family(project, fallback_family) if fallback_family else None
    return BrandFonts(roles, {str(role): family for role, family in brand.fonts.items()}, fallback)
