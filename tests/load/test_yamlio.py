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


# ------------------------------------------------------------------------------------- the same data as PyYAML

def _pyyaml(text: str):
    import yaml

    from handouts.load.yamlio import _Loader

    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a safe loader


SAME_AS_PYYAML = [
    "a: 1\nb: 2.5\nc: true\nd: ~\ne: 2024-05-01\nf: 2024-05-01 10:00:00\ng: 0x1f\nh: .inf\ni: yes\nj: ''\n",
    "- a\n- 'quoted'\n- \"dq\"\n- [1, [2, {x: y}]]\n- {}\n- []\n- !!str 12\n- !!int '7'\n",
    "base: &b {x: 1, y: [1, 2]}\nother:\n  <<: *b\n  y: 2\nthird: *b\n",
    "list: &l [a, b]\nagain: *l\nnested: {k: *l}\n",
    "? [a, b]\n: c\n",
    "=: the value key\nx: =\n",
    "1: one\n2.5: two\ntrue: three\n~: four\n",
    "a: !!binary aGVsbG8=\nb: !!set {x, y}\nc: !!omap [{a: 1}, {b: 2}]\n",
    "s: !!python/object:os.system ls\n",
    "t: !custom value\n",
    "u: {<<: [{a: 1}, {b: 2}], c: 3}\n",
]


@pytest.mark.parametrize("text", SAME_AS_PYYAML)
def test_documents_are_made_as_pyyaml_makes_them(tmp_path, text):
    import yaml

    try:
        expected = _pyyaml(text)
    except yaml.YAMLError as exc:
        with pytest.raises(InputError) as caught:
            parse_yaml(text, tmp_path / "t.yaml")
        assert "YAML" in str(caught.value) or exc
        return
    data = parse_yaml(text, tmp_path / "t.yaml").data
    assert repr(data) == repr(expected)  # repr: also a recursive list compares
    assert type(data) is type(expected)


def test_every_file_of_the_project_is_made_as_pyyaml_makes_it(demo_root):
    files = sorted(demo_root.glob("content/**/*.yaml")) + sorted(demo_root.glob("layouts/**/*.yaml"))
    assert len(files) > 20
    for path in files:
        text = path.read_text(encoding="utf-8")
        assert parse_yaml(text, path).data == _pyyaml(text), path


def test_an_anchor_used_twice_gives_the_same_object(tmp_path):
    data = parse_yaml("a: &x {k: [1]}\nb: *x\n", tmp_path / "t.yaml").data
    assert data["a"] is data["b"]


def test_an_alias_inside_the_value_it_names_is_an_error_not_a_traceback(tmp_path):
    path = tmp_path / "t.yaml"
    for text in ("r: &r [1, *r]\n", "m: &m {a: 1, b: *m}\n", "- &x\n  - y\n  - [*x]\n"):
        (issue,) = issues_of(text, path)
        assert "alias" in issue[2] and issue[0] is not None, text


def test_a_file_of_aliases_of_aliases_is_read_in_one_walk(tmp_path):
    """Nine levels of ten aliases each: a billion strings if each use were walked again."""
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 10)}]" for n in range(1, 9)]
    doc = parse_yaml("\n".join(lines) + "\n", tmp_path / "t.yaml")
    assert doc.data["a8"][0][0][0][0][0][0][0][0] == ["x"] * 10


def test_a_merged_key_given_again_is_not_a_duplicate(tmp_path):
    doc = parse_yaml("base: &b {x: 1, y: 1}\nother:\n  <<: *b\n  y: 2\n", tmp_path / "m.yaml")
    assert doc.data["other"] == {"x": 1, "y": 2}
