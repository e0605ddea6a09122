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


# The characters ReportLab's and pikepdf's "pdfdoc" codecs disagree on: which one answers to the name depends on
# which library a process loaded first (compared below, each way round).
_DISPUTED = "\x7f\x9f\xad"


@settings(max_examples=500, deadline=None)
@given(st.text(st.characters(max_codepoint=0x2200, blacklist_characters=_DISPUTED), max_size=30)
       | st.text(st.sampled_from("()\\\n\r\t ab\x00\x18\x1f\u00e9\u2013"), max_size=12)
       | st.binary(max_size=12), st.sampled_from([{}, {"escape": 0}, {"escape": 2}, {"escape": 7}, {"enc": "raw"}]))
def test_string_objects_are_written_as_reportlab_writes_them(value, options):
    document = pdfdoc.DummyDoc()
    assert _as_ours(value, document, **options) == _as_reportlab(value, document, **options)


def test_every_ascii_character_in_a_string_object_is_written_as_reportlab_writes_it():
    document = pdfdoc.DummyDoc()
    for code in range(128):
        if chr(code) in _DISPUTED:
            continue
        text = f"a{chr(code)}(b)\\"
        assert _as_ours(text, document) == _as_reportlab(text, document), code


_WRITE = """
import sys
first = sys.argv[1]
__import__(first)
from reportlab.pdfbase import pdfdoc
from handouts.pdf import native
texts = ["a\\x7fb", "soft\\xadhyphen", "x\\x9f", "Caf\\u00e9 \\u2013 (1)", "plain", "\\u4e00"]
ours = [native._string(pdfdoc.PDFString(t), pdfdoc.DummyDoc()) for t in texts]
theirs = [native._STRING(pdfdoc.PDFString(t), pdfdoc.DummyDoc()) for t in texts]
print(repr((ours, theirs)))
"""


def test_string_objects_do_not_depend_on_which_library_named_its_codec_first():
    """ReportLab asks for its codec by name; pikepdf registers another under that name. A process that loaded
    pikepdf first still writes ReportLab's bytes (its own writer would not: UTF-16 for DEL, U+009F and the soft
    hyphen)."""
    import ast
    import subprocess
    import sys

    def written(first: str) -> tuple[list[bytes], list[bytes]]:
        done = subprocess.run([sys.executable, "-c", _WRITE, first], capture_output=True, text=True, check=True)
        return ast.literal_eval(done.stdout.strip())

    ours_rl, reportlab_rl = written("reportlab.pdfbase.pdfmetrics")
    ours_pikepdf, reportlab_pikepdf = written("pikepdf")
    assert ours_rl == reportlab_rl  # ReportLab's own codec answering: its bytes
    assert ours_pikepdf == ours_rl  # pikepdf's answering: still ReportLab's bytes
    assert reportlab_pikepdf != reportlab_rl  # what ReportLab's writer alone would have done
