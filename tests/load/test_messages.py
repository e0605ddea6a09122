"""Every message a mistake in a clinic file gets: a table of planted mistakes → the exact message, line, column and
fix. Each says what is wrong, where (file:line:column, the line itself with a caret for syntax) and how to fix it."""

from __future__ import annotations

import pytest

from conftest import CLINIC_FILE, REPO_ROOT
from handouts.errors import InputError
from handouts.load import models as m
from handouts.load.validate import validate
from handouts.load.yamlio import parse_yaml

DEMO = (REPO_ROOT / CLINIC_FILE).read_text(encoding="utf-8")
PRIMARY = 'primary: {hex: "#0B5563", cmyk: [91, 31, 25, 49]}'


def findings(old: str, new: str, path):
    assert DEMO.count(old) >= 1, old
    text = DEMO.replace(old, new, 1)
    try:
        _, found = validate(m.Clinic, parse_yaml(text, path))
    except InputError as exc:
        found = exc.findings
    return [(f.line, f.column, f.message, f.fix, f.excerpt) for f in found]


CASES = [
    # --- YAML syntax: tabs, an unquoted # in a flow, a missing space after ':', indentation, quotes, brackets
    ("    phone: (503) 555-0142", "\tphone: (503) 555-0142",
     (49, 1, "YAML syntax: line 49 is indented with a tab; YAML indents with spaces only",
      "replace the tab at the start of line 49 with spaces (two for each level, lined up with the lines around it)",
      "49 | →phone: (503) 555-0142\n   | ^")),
    ("    phone: (503) 555-0142", "    phone:(503) 555-0142",
     (49, 11, "YAML syntax: no space after the ':' of 'phone' on line 49, so YAML cannot tell the key from its "
              "value", "put a space after the colon: 'phone: (503) 555-0142'",
      "49 |     phone:(503) 555-0142\n   |           ^")),
    (PRIMARY, "primary: {hex: #0B5563, cmyk: [91, 31, 25, 49]}",
     (29, 20, "YAML syntax: an unquoted # on line 29 starts a comment, so YAML ignores the rest of the line (and the "
              "closing bracket on it)",
      "put the value in quotes, e.g. \"#0B5563\" (a colour) — in YAML a # after a space or bracket starts a comment",
      None)),
    ("    phone: (503) 555-0142", "     phone: (503) 555-0142",
     (49, 6, "YAML syntax: line 49 is indented 5 spaces, out of step with line 48 at column 7", None, None)),
    ("name: Smith & Jones Physio", "name: 'Smith & Jones Physio",
     (3, 7, "YAML syntax: the quote opened on line 3 is never closed",
      "end the text with the same quote mark it starts with, on the same line (or remove the quote)", None)),
    ("    languages: [en]", "    languages: [en",
     (77, 16, "YAML syntax: the '[' opened on line 77 is not closed (YAML reached line 78 without finding ']')",
      None, None)),
    ("    name: Pearl District, Portland", "    name: Pearl District: Portland",
     (45, 25, "YAML syntax: the value of 'name' on line 45 contains ': ', which YAML reads as the start of another "
              "key", 'put the value in quotes: name: "Pearl District: Portland"', None)),
    ("    phone: (512) 555-0187", "    phone: (512) 555-0187\n    phone: (512) 555-0188",
     (59, 5, "'phone' is given twice (first on line 58)", "keep one 'phone': delete this line or the one on line 58",
      None)),
    ("name: Smith & Jones Physio", "name: !include x.yaml",
     (3, 7, "YAML syntax: unsupported YAML tag '!include': only plain YAML is accepted",
      "remove the tag (the word starting with !); write the value as plain text, a list or a mapping", None)),
    ("name: Smith & Jones Physio", "name: Smith \x07 Jones",
     (3, 13, "YAML syntax: line 3 holds the control character U+0007, which YAML does not allow",
      "delete the invisible character at the caret (it often comes from copying out of a PDF or a word processor)",
      None)),
    # --- colours get colour messages
    (PRIMARY, "primary: teal",
     (29, 5, "brand.colors.primary: 'teal' is not a colour in the form #RRGGBB (colour names are not accepted)",
      'write the colour as "#RRGGBB" in quotes (six hex digits, e.g. "#0B5563"), or as {hex: "#0B5563", cmyk: '
      "[91, 31, 25, 49]}", None)),
    (PRIMARY, "primary: #2E408F",
     (29, 5, "brand.colors.primary: no value, because an unquoted # starts a comment in YAML (line 29 reads as "
             "'primary:')", 'put the value in quotes: primary: "#2E408F"', None)),
    ('text: "#1B1F24"', 'text: "#1B1"',
     (31, 5, "brand.colors.text: '#1B1' is a 3-digit colour; write all six digits", None, None)),
    ('text: "#1B1F24"', 'text: "1B1F24"',
     (31, 5, "brand.colors.text: '1B1F24' needs a # in front", None, None)),
    ("cmyk: [91, 31, 25, 49]", "cmyk: [91, 31, 25, 149]",
     (29, 31, "brand.colors.primary.cmyk: CMYK values are percentages from 0 to 100",
      "give four percentages from 0 to 100: cmyk: [c, m, y, k]", None)),
    # --- fields: unknown, missing, empty, wrong kind, wrong choice, wrong pattern
    ("    phone: (503) 555-0142", "    phnoe: (503) 555-0142",
     (49, 5, "locations[0]: unknown field 'phnoe' (did you mean 'phone'?); expected one of: phone, email, hours, "
             "booking_url, emergency_number, paper, locale, tagline, disclaimer, languages, id, name, address, brand",
      "rename 'phnoe' to 'phone'", None)),
    ("    name: Pearl District, Portland\n", "",
     (44, 5, "locations[0]: missing required field 'name'", "add a line 'name: …' to locations[0]", None)),
    ("name: Smith & Jones Physio", "name: ''",
     (3, 1, "name: is empty", "write a value, or delete the line to leave the field out (where it is optional)",
      None)),
    ("    phone: (503) 555-0142", "    phone: 5035550142",
     (49, 5, 'locations[0].phone: expected a phone number in quotes, such as "(503) 555-0142", got 5035550142',
      "put the phone number in quotes", None)),
    ("paper: letter", "paper: A4",
     (13, 1, "paper: expected one of 'letter' or 'a4', got 'A4' (did you mean 'a4'?)", "use 'a4'", None)),
    ("locale: en-US", "locale: english",
     (14, 1, "locale: expected a locale such as en-US or en-GB, got 'english'",
      "write the language in lower case, a hyphen and the country in capitals: en-US, en-GB, es-US", None)),
    ("languages: [en, es]", "languages: [en, spanish]",
     (15, 17, "languages[1]: expected a two-letter language code such as en or es, got 'spanish'", None, None)),
    ("  - id: portland-pearl", "  - id: Portland Pearl",
     (44, 5, "locations[0].id: expected an id of lower-case letters, digits, - and _, got 'Portland Pearl'",
      "use lower-case letters, digits, - and _ only, starting with a letter or digit (e.g. 'portland-pearl')",
      None)),
    ("booking_url: https://smithjonesphysio.example/book\n", "booking_url: smithjones.example\n",
     (12, 1, "booking_url: expected a web address starting with https://, got 'smithjones.example'",
      "write the full address, e.g. https://example.org/book", None)),
    ("  en: [Mon–Fri 7am–7pm, Sat 8am–1pm]", "  english: [Mon–Fri 7am–7pm, Sat 8am–1pm]",
     (10, 3, "hours.english: 'english' is not a two-letter language code such as en or es",
      "key each language's value by its code: {en: …, es: …}", None)),
    ("  fonts:\n    body:", "  fonts: [a]\n  x:\n    body:",
     (36, 3, "brand.fonts: expected a mapping ('key: value' lines), got a list",
      "write a mapping: 'key: value' lines indented under this one", None)),
    ("  - id: leeds-headingley", "  - id: austin-zilker",
     (3, 1, "(top level): location id 'austin-zilker' is used twice", "give each location its own id", None)),
]


@pytest.mark.parametrize("old, new, expected", CASES, ids=[c[2][2][:40] for c in CASES])
def test_each_mistake_has_its_message_and_fix(tmp_path, old, new, expected):
    found = findings(old, new, tmp_path / "smith-jones.yaml")
    line, column, message, fix, excerpt = expected
    match = [f for f in found if f[2] == message]
    assert match, f"{message!r} not in {[f[2] for f in found]}"
    got_line, got_column, _, got_fix, got_excerpt = match[0]
    assert (got_line, got_column) == (line, column)
    assert got_fix, "every message says how to fix it"
    assert "correct the file as the message says" not in got_fix
    if fix is not None:
        assert got_fix == fix
    if excerpt is not None:
        assert got_excerpt == excerpt
