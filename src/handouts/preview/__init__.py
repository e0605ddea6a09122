"""Turn finished PDFs into pictures for sign-off: page PNGs, folded mock-ups and a contact sheet."""

from handouts.preview.chain import PreviewReport, make_previews
from handouts.preview.mockups import folded_mockup
from handouts.preview.pages import render_pages
from handouts.preview.sheet import ContactEntry, contact_sheet

__all__ = ["ContactEntry", "PreviewReport", "contact_sheet", "folded_mockup", "make_previews", "render_pages"]
