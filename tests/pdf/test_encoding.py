"""ReportLab's document writer encodes its strings with our ASCII-first function: the same bytes as its
PDFDocEncoding codec for every string, and the same error where the codec has none."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.pdfbase import pdfdoc

from handouts.pdf import native


def _codec(text):
    try:
        return native._CODEC(text)
    except UnicodeEncodeError as exc:
        return ("error", exc.start)


def _ours(text):
    try:
        return native._ascii_first(text)
    except UnicodeEncodeError as exc:
        return ("error", exc.start)


def test_every_single_character_encodes_as_the_codec_does():
    for code in range(0x3000):
        assert _ours(chr(code)) == _codec(chr(code)), hex(code)


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=0x2200), max_size=30) | st.text(st.sampled_from("/ab 01\x18\x1f\x7f"),
                                                                               max_size=10))
def test_any_text_encodes_as_the_codec_does(text):
    assert _ours(text) == _codec(text)


def test_bytes_pass_through_and_the_writer_uses_it_once_installed():
    assert native._ascii_first(b"\x00\xff") == b"\x00\xff"
    original = pdfdoc.pdfdocEnc = native._CODEC
    try:
        native.fast_formatting()
        assert pdfdoc.pdfdocEnc is native._ascii_first
        assert pdfdoc.format("/Name (x) 1 0 R", None) == b"/Name (x) 1 0 R"
        native.fast_formatting()
        assert pdfdoc.pdfdocEnc is native._ascii_first
    finally:
        pdfdoc.pdfdocEnc = original
        native.fast_formatting()


def _as_reportlab(value, document, **options):
    try:
        return native._STRING(pdfdoc.PDFString(value, **options), document)
    except Exception as exc:  # noqa: BLE001 - the same error is expected of ours
        return ("error", type(exc))


def _as_ours(value, document, **options):
    try:
        return native._string(pdfdoc.PDFString(value, **options), document)
    except Exception as exc:  # noqa: BLE001
        return ("error", type(exc))


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=0x2200), max_size=30)
       | st.text(st.sampled_from("()\\\n\r\t ab\x00\x18\x1f\x7f"), max_size=12)
       | st.binary(max_size=12), st.sampled_from([{}, {"escape": 0}, {"escape": 2}, {"escape": 7}, {"enc": "raw"}]))
def test_string_objects_are_written_as_reportlab_writes_them(value, options):
    document = pdfdoc.DummyDoc()
    assert _as_ours(value, document, **options) == _as_reportlab(value, document, **options)


def test_every_ascii_character_in_a_string_object_is_written_as_reportlab_writes_it():
    document = pdfdoc.DummyDoc()
    for code in range(128):
        text = f"a{chr(code)}(b)\\"
        assert _as_ours(text, document) == _as_reportlab(text, document), code
