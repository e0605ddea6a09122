"""Turn the logo files a project draws into what is wrong with each, found while the project loads: a PNG is
decoded in full (a truncated or damaged file is caught here, not while a PDF is drawn) and an SVG is parsed, so
a bad logo is a located input error for the PDFs of the locations that use it, and the rest of a chain builds.
A logo given as both SVG and PNG is drawn from the SVG: its PNG is not read."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from handouts.load.project import Project

# Beyond this a logo is a mistake, not a logo (a 6000 × 6000 scan is 36 megapixels): refuse before decoding it.
MAX_PIXELS = 50_000_000


def logo_problem(path: Path) -> str | None:
    """What is wrong with one logo file, in words, or None."""
    if not path.is_file():
        return None  # a missing file is reported where the logo is used, with its field
    if path.suffix.lower() == ".svg":
        try:
            root = ElementTree.parse(path).getroot()
        except (ElementTree.ParseError, OSError) as exc:
            return f"the SVG file cannot be read ({exc}); export it again from the design program"
        if not root.tag.endswith("svg"):
            return f"the file holds <{root.tag}>, not an SVG drawing"
        return None
    # Pillow (0.03 s to import) only for a PNG logo that is drawn: loading a project whose logos are SVG does
    # without it.
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as image:
            if image.width * image.height > MAX_PIXELS:
                return (f"the image is {image.width} × {image.height} pixels; a logo needs about 1,500 pixels "
                        f"across: export a smaller one")
            image.load()  # decode every pixel: a truncated file fails here
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        return f"the image cannot be decoded ({exc}); export it again as PNG"
    return None


def logo_problems(project: Project) -> dict[Path, str]:
    """Every logo file a clinic or location draws (its SVG, else its PNG), decoded once each, with what is wrong
    with it."""
    paths: set[Path] = set()
    for clinic in project.clinics.values():
        logos = [clinic.value.brand.logo] + [loc.brand.logo for loc in clinic.value.locations
                                             if loc.brand is not None and loc.brand.logo is not None]
        for logo in logos:
            drawn = logo.svg or logo.png  # the one ``resolve`` draws, and checks here
            if drawn:
                paths.add(project.asset_path(clinic, drawn))
    problems = {}
    for path in sorted(paths):
        problem = logo_problem(path)
        if problem:
            problems[path] = problem
    return problems
