"""Content strings → ReportLab paragraph markup: escaping, inline markup, template values kept literal."""

from __future__ import annotations

import pytest
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from handouts.errors import InputError
from handouts.load.yamlio import parse_yaml
from handouts.resolve.markup import plain, to_markup
from handouts.resolve.templates import fill

CONTEXT = {
    "clinic": {"name": "Smith & Jones Physio"},
    "location": {
        "name": "*Star* [x](https://evil.example) & <b>Co</b>",
        "phone": "(503) 555-0142",
        "booking_url": 'https://e.example/book?a=1&b="2"',
    },
}


def markup(source: str, **kwargs) -> str:
    return to_markup(fill(source, CONTEXT), **kwargs)


def parses(text: str) -> bool:
    """ReportLab's paragraph parser accepts the markup (it raises ValueError on bad nesting)."""
    Paragraph(text, ParagraphStyle("t"))
    return True


# --------------------------------------------------------------------------------------------------- escaping


def test_escapes_markup_characters():
    assert to_markup("A & B <c> d > e") == "A &amp; B &lt;c&gt; d &gt; e"


def test_entity_text_prints_as_written():
    # '&amp;' typed by an author is text, not an entity: it must come out as '&amp;amp;'.
    assert to_markup("AT&amp;T") == "AT&amp;amp;T"


def test_whitespace_collapses_to_single_spaces():
    assert to_markup("  one\n  two\tthree  ") == "one two three"


# ---------------------------------------------------------------------------------------------- inline markup


@pytest.mark.parametrize(
    "source, expected",
    [
        ("**bold** text", "<b>bold</b> text"),
        ("an *italic* word", "an <i>italic</i> word"),
        ("*a **b** c*", "<i>a <b>b</b> c</i>"),
        ("**Call & ask**", "<b>Call &amp; ask</b>"),
        ("[book online](https://e.example/book)", '<a href="https://e.example/book"><u>book online</u></a>'),
        ("[write](mailto:a@e.example)", '<a href="mailto:a@e.example"><u>write</u></a>'),
        ("[call](tel:+15035550142)", '<a href="tel:+15035550142"><u>call</u></a>'),
        ("[q](https://e.example/?a=1&b=2)", '<a href="https://e.example/?a=1&amp;b=2"><u>q</u></a>'),
        ("[**bold link**](https://e.example)", '<a href="https://e.example"><u><b>bold link</b></u></a>'),
    ],
)
def test_inline_markup(source, expected):
    assert to_markup(source) == expected
    assert parses(expected)


@pytest.mark.parametrize(
    "source",
    ["2 * 3 * 4", "5*3*2", "snake_case_name", "a ** b", "**not closed", "*", "x*y*",
     "[not a link](ftp://e.example)"],
)
def test_text_that_is_not_markup_stays_text(source):
    assert to_markup(source) == source


def test_javascript_links_are_not_made():
    assert to_markup("[x](javascript:alert(1))") == "[x](javascript:alert(1))"


def test_link_colour():
    assert to_markup("[a](https://e.example)", link_color="#0B5563") == \
        '<a href="https://e.example" color="#0B5563"><u>a</u></a>'


def test_bold_italic_is_well_nested():
    assert to_markup("***x***") in ("<b><i>x</i></b>", "<i><b>x</b></i>")


def test_markup_characters_inside_a_link_url_stay_in_the_url():
    assert to_markup("[a](https://e.example/**b**)") == '<a href="https://e.example/**b**"><u>a</u></a>'


# -------------------------------------------------------------------------------------------- template values


def test_filled_values_are_escaped_but_never_markup():
    assert markup("At {{ location.name }}.") == \
        "At *Star* [x](https://evil.example) &amp; &lt;b&gt;Co&lt;/b&gt;."


def test_filled_value_inside_author_markup():
    assert markup("Call **{{ location.phone }}**") == "Call <b>(503) 555-0142</b>"
    assert markup("**{{ location.name }}**") == \
        "<b>*Star* [x](https://evil.example) &amp; &lt;b&gt;Co&lt;/b&gt;</b>"


def test_filled_url_as_link_target_is_escaped_once():
    assert markup("[book]({{ location.booking_url }})") == \
        '<a href="https://e.example/book?a=1&amp;b=&quot;2&quot;"><u>book</u></a>'


def test_clinic_name_with_ampersand():
    assert markup("{{ clinic.name }}") == "Smith &amp; Jones Physio"
    assert plain(fill("{{ clinic.name }}", CONTEXT)) == "Smith & Jones Physio"


def test_plain_drops_markup_but_keeps_filled_values_whole():
    filled = fill("**Call** [us](tel:1) at *{{ location.name }}*", CONTEXT)
    assert plain(filled) == "Call us at *Star* [x](https://evil.example) & <b>Co</b>"


def test_fill_without_template_returns_source():
    assert fill("No {braces} here", {}) == "No {braces} here"


def test_none_value_fills_as_empty():
    assert plain(fill("[{{ clinic.tagline }}]", {"clinic": {"tagline": None}})) == "[]"


# ------------------------------------------------------------------------------------------ template mistakes


def test_unknown_variable_raises_input_error_with_suggestion():
    with pytest.raises(InputError) as caught:
        fill("Call {{ location.phne }}", CONTEXT)
    message = caught.value.format_message()
    assert "unknown template variable 'phne' (did you mean 'phone'?); available: clinic.name, location.name" \
        in message


def test_unknown_top_level_variable():
    with pytest.raises(InputError) as caught:
        fill("{{ nope }}", CONTEXT)
    assert "unknown template variable 'nope'; available: " in caught.value.format_message()


def test_template_mistake_points_at_its_file_and_line(tmp_path):
    path = tmp_path / "block.yaml"
    doc = parse_yaml("kind: general\nheading: Hi\nbody:\n  - p: x\n  - p: 'Call {{ location.phne }}'\n", path)
    with pytest.raises(InputError) as caught:
        fill(doc.data["body"][1]["p"], CONTEXT, doc, ("body", 1, "p"))
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.column) == (path, 5, 5)
    assert issue.message.startswith("body[1].p: unknown template variable 'phne' (did you mean 'phone'?)")


def test_template_syntax_error():
    with pytest.raises(InputError) as caught:
        fill("{{ location.phone }", CONTEXT)
    assert "template syntax: " in caught.value.format_message()


@pytest.mark.parametrize("source", ["{{ location.__class__ }}", "{{ ''.__class__.__mro__ }}"])
def test_sandbox_refuses_python_internals(source):
    with pytest.raises(InputError) as caught:
        fill(source, CONTEXT)
    assert "not allowed in a template: " in caught.value.format_message()


def test_overlapping_emphasis_is_reported_not_passed_to_reportlab():
    with pytest.raises(ValueError, match="markup overlap"):
        to_markup("**a *b** c*")
