"""Logo files are checked as they are drawn: the SVG of a logo that has one (its PNG is not read), else its PNG,
decoded in full."""

from __future__ import annotations

from conftest import CLINIC_FILE, edit_text
from handouts.api import load_project

ASSETS = "content/clinics/assets"


def test_a_logo_with_an_svg_is_checked_by_its_svg_and_its_png_is_not_read(project_copy):
    png = project_copy / ASSETS / "smith-jones-mark.png"
    png.write_bytes(png.read_bytes()[:200])  # truncated: Pillow cannot decode it
    project = load_project(project_copy)
    assert project.logo_problems == {}

    svg = project_copy / ASSETS / "smith-jones-mark.svg"
    svg.write_text("<svg><g></svg>", encoding="utf-8")
    problems = load_project(project_copy).logo_problems
    assert list(problems) == [svg] and "cannot be read" in problems[svg]


def test_a_logo_given_only_as_a_png_is_decoded_in_full(project_copy):
    png = project_copy / ASSETS / "smith-jones-mark.png"
    png.write_bytes(png.read_bytes()[:200])
    edit_text(project_copy / CLINIC_FILE, "    svg: assets/smith-jones-mark.svg\n", "")
    problems = load_project(project_copy).logo_problems
    assert list(problems) == [png] and "cannot be decoded" in problems[png]
