"""Our file writer, with our string encoding and dictionary and array formatting, gives the bytes ReportLab's
own ``PDFDocument.format`` gives with its own, for every edition."""

from __future__ import annotations

from collections import OrderedDict

import pytest
from reportlab.pdfbase import pdfdoc, pdfmetrics
from reportlab.pdfgen.canvas import Canvas

from conftest import LOCATIONS
from handouts.api import load_project, render
from handouts.layout.subsets import SubsetFont
from handouts.pdf import finish, native, writer

EDITIONS = ["office", "print", "digital", "large-print", "form"]
CASES = [(document, edition) for document in ("dry-needling-brochure", "dry-needling-aftercare") for edition in EDITIONS
         if edition != "form" or document == "dry-needling-aftercare"]  # only the sheet has a form


@pytest.mark.parametrize(("document", "edition"), CASES)
def test_the_same_bytes_as_reportlabs_writer(demo_root, monkeypatch, edition, document):
    project = load_project(demo_root)
    for location in LOCATIONS[:2]:
        ours = render(project, document, location=location, lang="en", edition=edition)
        with monkeypatch.context() as patch:
            patch.setattr(finish, "writable", lambda doc: False)
            patch.setattr(finish, "fast_formatting", lambda: None)
            patch.setattr(pdfdoc, "pdfdocEnc", native._CODEC)
            patch.setattr(pdfdoc.PDFDictionary, "format", native._DICTIONARY)
            patch.setattr(pdfdoc.PDFArray, "format", native._ARRAY)
            for font in list(pdfmetrics._fonts.values()):  # font subsets formatted afresh, as ReportLab does
                if isinstance(font, SubsetFont):
                    patch.setattr(font, "formatted", OrderedDict())
            theirs = render(project, document, location=location, lang="en", edition=edition)
        assert ours == theirs, (document, edition, location)


def test_a_document_reportlab_would_write_otherwise_is_left_to_it(tmp_path):
    canv = Canvas(str(tmp_path / "e.pdf"), encrypt="secret")
    assert not writer.writable(canv._doc)
    assert writer.writable(Canvas(str(tmp_path / "p.pdf"), invariant=1)._doc)
