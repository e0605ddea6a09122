"""Font subsets named for their content: different subsets, different tags; the same subset, the same tag in
every file and every run."""

from __future__ import annotations

import re

import pikepdf
from hypothesis import given, settings
from hypothesis import strategies as st

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


def test_a_face_the_program_registered_itself_still_gets_content_tags(demo_root, tmp_path):
    """ReportLab hands a name the font object first registered for the same face: a program that registered one
    of the brand's files itself, under another name, before building gets the bytes of a build that did not."""
    import subprocess
    import sys
    import textwrap

    script = textwrap.dedent(f"""
        import sys
        from pathlib import Path
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from handouts.api import build
        if sys.argv[1] == "first":
            font = Path({str(demo_root)!r}) / "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Regular.ttf"
            pdfmetrics.registerFont(TTFont("SomeoneElsesName", str(font)))
        build(Path({str(demo_root)!r}), Path(sys.argv[2]), ("dry-needling-aftercare",), location="portland-pearl")
    """)
    for how in ("first", "not"):
        done = subprocess.run([sys.executable, "-c", script, how, str(tmp_path / how)], capture_output=True,
                              text=True, timeout=300)
        assert done.returncode == 0, done.stderr
    made = sorted(p.relative_to(tmp_path / "not") for p in (tmp_path / "not").rglob("*.pdf"))
    assert made
    for path in made:
        assert "/AAAAAA" not in {name.split("+")[0] for name in _subset_names(tmp_path / "first" / path)}
        assert (tmp_path / "first" / path).read_bytes() == (tmp_path / "not" / path).read_bytes(), path


FONT_FILE = "fonts/AtkinsonHyperlegibleNext/AtkinsonHyperlegibleNext-Regular.ttf"


@settings(max_examples=200, deadline=None)
@given(texts=st.lists(st.text(st.sampled_from("ab Z09.,;:!?'\"()-/\u00a0\u00e9\u00eb\u2013\u2019\u00df\x07\x7f\u4e00"),
                              max_size=12) | st.text(max_size=8), max_size=12))
def test_text_is_split_into_subsets_as_reportlab_splits_it(demo_root, texts):
    """The same chunks, and the same state afterwards, call after call in one document, as ReportLab's own."""
    from reportlab.pdfbase.ttfonts import TTFont

    from handouts.layout.subsets import SubsetFont

    ours, theirs = _fonts(demo_root)
    doc_a, doc_b = _Doc(), _Doc()
    for text in texts:
        assert ours.splitString(text, doc_a) == TTFont.splitString(theirs, text, doc_b), text
    if texts:
        a, b = ours.state[doc_a], theirs.state[doc_b]
        assert (a.assignments, a.subsets, a.nextCode) == (b.assignments, b.subsets, b.nextCode)
    assert isinstance(ours, SubsetFont) and ours._ascii_as_is


class _Doc:
    """A stand-in document: fonts keep one state per document object."""


_FONTS: list = []


def _fonts(root):
    from reportlab.pdfbase.ttfonts import TTFont

    from handouts.layout.subsets import SubsetFont

    if not _FONTS:
        _FONTS.extend([SubsetFont("SplitOurs", str(root / FONT_FILE)), TTFont("SplitTheirs", str(root / FONT_FILE))])
    return _FONTS
