"""YAML reading: safe tags only, duplicate keys, syntax errors and positions of every key (1-based)."""

from __future__ import annotations

import pytest

from handouts.errors import InputError
from handouts.load.yamlio import format_loc, load_yaml, parse_yaml


def issues_of(text: str, path) -> list[tuple[int | None, int | None, str]]:
    with pytest.raises(InputError) as caught:
        parse_yaml(text, path)
    for issue in caught.value.issues:
        assert issue.file == path
    return [(i.line, i.column, i.message) for i in caught.value.issues]


# ------------------------------------------------------------------------------------------------- duplicates


def test_duplicate_key_names_both_lines(tmp_path):
    path = tmp_path / "c.yaml"
    assert issues_of("name: A\nphone: '1'\nname: B\n", path) == [
        (3, 1, "'name' is given twice (first on line 1)"),
    ]


def test_every_duplicate_is_reported_including_nested_ones(tmp_path):
    path = tmp_path / "c.yaml"
    text = "a: 1\nitems:\n  - id: x\n    id: y\na: 2\n"
    assert issues_of(text, path) == [
        (4, 5, "'id' is given twice (first on line 3)"),
        (5, 1, "'a' is given twice (first on line 1)"),
    ]


def test_merge_keys_are_not_duplicates(tmp_path):
    doc = parse_yaml("base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n", tmp_path / "m.yaml")
    assert doc.data["other"] == {"x": 1, "y": 2}


# ------------------------------------------------------------------------------------------------------- tags


@pytest.mark.parametrize(
    "tag, shown",
    [
        ("!!python/object/apply:os.system", "'tag:yaml.org,2002:python/object/apply:os.system'"),
        ("!!python/object/apply:builtins.exec", "'tag:yaml.org,2002:python/object/apply:builtins.exec'"),
        ("!!python/object/new:builtins.exec", "'tag:yaml.org,2002:python/object/new:builtins.exec'"),
    ],
)
def test_python_tags_are_refused_and_never_run(tmp_path, tag, shown):
    marker = tmp_path / "ran"
    code = f"import pathlib; pathlib.Path({str(marker)!r}).write_text('x')"
    payload = f'["touch {marker}"]' if "os.system" in tag else f"[{code!r}]"
    path = tmp_path / "evil.yaml"
    assert issues_of(f"name: ok\nx: {tag} {payload}\n", path) == [
        (2, 4, f"YAML syntax: unsupported YAML tag {shown}: only plain YAML is accepted"),
    ]
    assert not marker.exists()


def test_python_name_tag_is_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    assert issues_of("x: !!python/name:os.system\n", path) == [
        (1, 4, "YAML syntax: unsupported YAML tag 'tag:yaml.org,2002:python/name:os.system': "
               "only plain YAML is accepted"),
    ]


def test_unknown_local_tag_is_refused(tmp_path):
    path = tmp_path / "inc.yaml"
    assert issues_of("x: !include other.yaml\n", path) == [
        (1, 4, "YAML syntax: unsupported YAML tag '!include': only plain YAML is accepted"),
    ]


# ----------------------------------------------------------------------------------------------------- syntax


@pytest.mark.parametrize(
    "text, line, column, message",
    [
        ("a: [1, 2\nb: 3\n", 1, 4,
         "YAML syntax: the '[' opened on line 1 is not closed (YAML reached line 2 without finding ']')"),
        ("a: 1\n b: 2\n", 2, 2, "YAML syntax: line 2 is indented 1 space, out of step with line 1 at column 1"),
        ("a: 1\n\tb: 2\n", 2, 1, "YAML syntax: line 2 is indented with a tab; YAML indents with spaces only"),
    ],
)
def test_syntax_errors_have_line_and_column(tmp_path, text, line, column, message):
    path = tmp_path / "bad.yaml"
    assert issues_of(text, path) == [(line, column, message)]


def test_missing_file(tmp_path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    (issue,) = caught.value.issues
    assert (issue.file, issue.line, issue.message) == (path, None, "file not found")


def test_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "latin1.yaml"
    path.write_bytes("heading: caf\xe9\n".encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    (issue,) = caught.value.issues
    assert issue.file == path
    assert issue.message == "not UTF-8 text (invalid continuation byte at byte 12)"


# -------------------------------------------------------------------------------------------------- positions

LOCATED = """\
name: A
locations:
  - id: x
    phone: '1'
  - id: y
    hours:
      - Mon
      - Tue
"""


@pytest.mark.parametrize(
    "loc, expected",
    [
        ((), (1, 1)),
        (("name",), (1, 1)),
        (("locations",), (2, 1)),
        (("locations", 0), (3, 5)),
        (("locations", 0, "id"), (3, 5)),
        (("locations", 0, "phone"), (4, 5)),
        (("locations", 1, "hours"), (6, 5)),
        (("locations", 1, "hours", 1), (8, 9)),
        # A path the file does not have: the deepest part of it that exists.
        (("locations", 0, "email"), (3, 5)),
        (("locations", 7, "id"), (2, 1)),
        (("nothing", "here"), (1, 1)),
    ],
)
def test_where_is_one_based(tmp_path, loc, expected):
    doc = parse_yaml(LOCATED, tmp_path / "l.yaml")
    assert doc.where(loc) == expected


def test_issue_carries_file_line_and_column(tmp_path):
    path = tmp_path / "l.yaml"
    issue = parse_yaml(LOCATED, path).issue(("locations", 1, "hours", 0), "bad hours")
    assert (issue.file, issue.line, issue.column, issue.message) == (path, 7, 9, "bad hours")
    assert issue.headline().endswith("l.yaml:7:9: bad hours")
    assert str(issue).endswith("l.yaml:7:9: error: bad hours [invalid-input]")


def test_empty_file_has_no_position(tmp_path):
    doc = parse_yaml("# only a comment\n", tmp_path / "e.yaml")
    assert doc.data is None
    assert doc.where(("anything",)) == (None, None)


def test_format_loc():
    assert format_loc(("locations", 2, "phone")) == "locations[2].phone"
    assert format_loc(("body", 0, "callout", "bullets", 3)) == "body[0].callout.bullets[3]"
    assert format_loc(()) == ""
