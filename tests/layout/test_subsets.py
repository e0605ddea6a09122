"""Font subsets named for their content: different subsets, different tags; the same subset, the same tag in
every file and every run."""

from __future__ import annotations

import re

import pikepdf

from handouts.layout.subsets import subset_tag


def _subset_names(path) -> list[str]:
    with pikepdf.open(path) as pdf:
        return sorted({str(font.BaseFont) for page in pdf.pages for font in page.Resources.Font.values()})


def test_subset_tags_come_from_the_content(demo_out):
    pdfs = sorted(demo_out.rglob("*.pdf"))
    names = {path: _subset_names(path) for path in pdfs}
    tags = {name.split("+")[0] for found in names.values() for name in found}
    assert "/AAAAAA" not in tags and len(tags) > 2
    assert all(re.fullmatch(r"/[A-Z]{6}", tag) for tag in tags)
    assert subset_tag(b"Font", [65, 66]) == subset_tag(b"Font", [65, 66]) != subset_tag(b"Font", [65, 67])
