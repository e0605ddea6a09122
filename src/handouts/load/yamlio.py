"""Turn YAML files into plain data that remembers the line and column of every key and value."""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from handouts.errors import InputError, input_finding
from handouts.findings import Finding
from handouts.load.reads import ABSENT, digest
from handouts.load.yamlerrors import excerpt, explain

Loc = tuple[str | int, ...]
_NEWLINE = re.compile("\n")


_FAST: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml where available: ~10× faster


class _Loader(_FAST):
    """Safe YAML only: ``!!python/…`` tags are refused by the safe constructor."""


class _PyLoader(yaml.SafeLoader):
    """The pure-Python parser, whose syntax error messages are the clearer ones."""


@dataclass
class Located:
    """A parsed YAML file: its data, its text and, for each path into it, where that key or item starts.

    Where each key starts is worked out from the text the first time a message needs it (a chain's clinic file
    of 10,000 locations has a million keys, and a clean build asks for none of them)."""

    path: Path
    data: Any
    # Character offsets (start, end) in ``text`` of every item of a top-level list: the parts of a file that
    # a build can depend on one by one (a clinic's locations).
    spans: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    text: str = ""

    @property
    def marks(self) -> dict[Loc, tuple[int, int]]:
        cached = self.__dict__.get("_marks")
        if cached is None:
            cached = {}
            node = None
            for loader in (_Loader, _PyLoader):  # libyaml first; the parser that read the file if it was not
                try:
                    node = loader(self.text).get_single_node() if self.text else None
                    break
                except yaml.YAMLError:
                    continue
            if node is not None:
                _record(node, (), cached, [], self.path, {})
            self.__dict__["_marks"] = cached
        return cached

    @property
    def lines(self) -> list[str]:
        return self.text.splitlines()

    def position(self, offset: int) -> tuple[int, int]:
        """Line and column (0-based) of a character offset in ``text`` (the line starts are found once)."""
        starts = self.__dict__.get("_line_starts")
        if starts is None:
            starts = [0, *(m.end() for m in _NEWLINE.finditer(self.text))]
            self.__dict__["_line_starts"] = starts
        line = bisect.bisect_right(starts, offset) - 1
        return line, offset - starts[line]

    def where(self, loc: Loc) -> tuple[int | None, int | None]:
        """Line and column (1-based) of the deepest known path on ``loc``."""
        loc = tuple(loc)
        while loc:
            if loc in self.marks:
                return self.marks[loc]
            loc = loc[:-1]
        return self.marks.get((), (None, None))

    def part_text(self, part: str = "") -> str | None:
        """The text a read of ``part`` saw: the whole file (``""``), one item of a top-level list picked by its id
        (``locations/<id>``), or the file outside that list's items (``~locations``). None: no such item."""
        if not part:
            return self.text
        if part.startswith("~"):
            key = part[1:]
            cuts = sorted(span for loc, span in self.spans.items() if loc[0] == key)
            pieces, start = [], 0
            for begin, end in cuts:
                pieces.append(self.text[start:begin])
                start = end
            return "".join(pieces) + self.text[start:]
        key, _, item_id = part.partition("/")
        span = self._item_spans(key).get(item_id)
        return None if span is None else self.text[span[0]:span[1]]

    def _item_spans(self, key: str) -> dict[str, tuple[int, int]]:
        """id → text span of every item of the top-level list ``key`` (built once: a chain has thousands)."""
        index = self.__dict__.setdefault("_item_spans_by_key", {})
        if key not in index:
            items = self.data.get(key) if isinstance(self.data, dict) else None
            index[key] = {str(item.get("id")): self.spans[(key, i)] for i, item in enumerate(items or ())
                          if isinstance(item, dict) and (key, i) in self.spans}
        return index[key]

    def digest(self, part: str = "") -> str:
        """A digest of what a read of ``part`` saw (memoised: a file's parts are read by many jobs)."""
        cache = self.__dict__.setdefault("_digests", {})
        if part not in cache:
            text = self.part_text(part)
            cache[part] = ABSENT if text is None else digest(text)
        return cache[part]

    def issue(self, loc: Loc, message: str, code: str = "invalid-input", fix: str = "") -> Finding:
        line, column = self.where(loc)
        return input_finding(message, self.path, line, column, code=code, fix=fix)


def format_loc(loc: Loc) -> str:
    """``('locations', 2, 'phone')`` → ``locations[2].phone``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


def _record(node: yaml.Node, loc: Loc, marks: dict | None, issues: list[Finding], path: Path, spans: dict) -> None:
    """Walk the composed file: duplicate keys become issues, top-level list items get their spans, and (when
    ``marks`` is given) every key and item its line and column. A value an alias repeats is walked where its
    anchor is (so a file of aliases of aliases takes one walk, not one per use); an alias inside the value it
    names is an issue (the value would contain itself)."""
    walked: set[int] = set()
    inside: set[int] = set()

    def walk(node: yaml.Node, loc: Loc, again: Callable[[yaml.Node, Loc, Any], None]) -> None:
        if marks is not None:
            marks.setdefault(loc, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, yaml.ScalarNode):
            return
        if id(node) in inside:
            issues.append(input_finding(f"{format_loc(loc) or 'the file'} repeats, with an alias (*), a value that "
                                        f"contains it", path, node.start_mark.line + 1, node.start_mark.column + 1,
                                        code="yaml-syntax", fix="write the value out instead of the alias"))
            return
        if id(node) in walked:
            return
        walked.add(id(node))
        inside.add(id(node))
        if isinstance(node, yaml.MappingNode):
            seen: dict[Any, int] = {}
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node.value)
                if key == "<<":
                    continue
                if key in seen:
                    issues.append(input_finding(f"'{key}' is given twice (first on line {seen[key]})", path,
                                                key_node.start_mark.line + 1, key_node.start_mark.column + 1,
                                                code="duplicate-key",
                                                fix=f"keep one '{key}': delete this line or the one on line "
                                                    f"{seen[key]}"))
                seen[key] = key_node.start_mark.line + 1
                if marks is not None:
                    marks[(*loc, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
                again(value_node, (*loc, key), again)
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                if len(loc) == 1:
                    spans[(*loc, index)] = (item.start_mark.index, item.end_mark.index)
                again(item, (*loc, index), again)
        inside.discard(id(node))

    walk(node, loc, walk)  # handed itself: a nested function naming itself would be a cycle for the collector


def piece_marks(text: str, line: int, column: int, loc: Loc, path: Path) -> dict[Loc, tuple[int, int]]:
    """Line and column (1-based, in the whole file) of every key in one piece of a file: ``text`` is the value at
    ``loc``, starting at 0-based ``line`` and ``column``. Empty when the piece does not parse on its own (it
    names an anchor defined elsewhere in the file)."""
    node = None
    for loader in (_Loader, _PyLoader):
        try:
            node = loader(" " * column + text).get_single_node()
            break
        except yaml.YAMLError:
            continue
    marks: dict[Loc, tuple[int, int]] = {}
    if node is not None:
        _record(node, loc, marks, [], path, {})
    return {key: (at_line + line, at_column) for key, (at_line, at_column) in marks.items()}


def without_items(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each span (in order, not overlapping) replaced by a YAML null (``~``) followed by as many line
    breaks as the span held, so that every line after it keeps its number and column."""
    pieces, start = [], 0
    for begin, end in spans:
        pieces.append(text[start:begin])
        breaks = text.count("\n", begin, end)
        if breaks:
            pieces.append("~" + "\n" * breaks + " " * (end - text.rfind("\n", begin, end) - 1))
        else:
            pieces.append("~" + " " * (end - begin - 1))
        start = end
    pieces.append(text[start:])
    return "".join(pieces)


_STR, _MAP, _SEQ = "tag:yaml.org,2002:str", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"
_FLATTENED = ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value")  # keys PyYAML rewrites: << and =


class _Unusual(Exception):
    """A node ``construct`` leaves to PyYAML's constructor (a merge key, a tagged collection, an unhashable key)."""


def construct(loader: Any, node: yaml.Node) -> Any:
    """The data of a composed document, as PyYAML's safe constructor makes it: plain strings, mappings and lists
    are made here (a third of the time, for a chain's clinic file), every other scalar (numbers, booleans, null,
    dates, a tag it refuses) by PyYAML; a document with anything else is made by PyYAML whole."""
    try:
        return _made(loader, node, {})
    except (_Unusual, TypeError):
        return loader.construct_document(node)


def _made(loader: Any, node: yaml.Node, made: dict[int, Any]) -> Any:
    tag = node.tag
    kind = type(node)
    if kind is yaml.ScalarNode:
        return node.value if tag == _STR else loader.construct_object(node)
    found = made.get(id(node))  # an alias: the object its anchor made
    if found is not None:
        return found
    if kind is yaml.MappingNode and tag == _MAP:
        mapping: dict[Any, Any] = {}
        made[id(node)] = mapping
        for key_node, value_node in node.value:
            if key_node.tag != _STR or type(key_node) is not yaml.ScalarNode:
                if key_node.tag in _FLATTENED or type(key_node) is not yaml.ScalarNode:
                    raise _Unusual
                key = loader.construct_object(key_node)
            else:
                key = key_node.value
            mapping[key] = _made(loader, value_node, made)
        return mapping
    if kind is yaml.SequenceNode and tag == _SEQ:
        items: list[Any] = []
        made[id(node)] = items
        items.extend(_made(loader, item, made) for item in node.value)
        return items
    raise _Unusual


def parse_yaml(text: str, path: Path, loader_class: type = _Loader) -> Located:
    """Parse one YAML document; syntax errors become an InputError with file:line:column, in plain words."""
    loader = loader_class(text)
    spans: dict[Loc, tuple[int, int]] = {}
    issues: list[Finding] = []
    try:
        node = loader.get_single_node()
        if node is not None:  # before constructing, which rewrites mappings with merge keys (<<) in place
            _record(node, (), None, issues, path, spans)
        data = construct(loader, node) if node is not None and not issues else None
    except yaml.constructor.ConstructorError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        raise InputError(input_finding(
            f"YAML syntax: unsupported YAML tag {_quoted_tag(exc.problem or '')}: only plain YAML is accepted",
            path, line, column, code="yaml-syntax", excerpt=excerpt(text.splitlines(), line, column),
            fix="remove the tag (the word starting with !); write the value as plain text, a list or a mapping"
        )) from None
    except yaml.MarkedYAMLError as exc:
        if loader_class is not _PyLoader:
            loader.dispose()
            return parse_yaml(text, path, _PyLoader)
        said = explain(exc, text.splitlines())
        raise InputError(input_finding(said.message, path, said.line, said.column, code="yaml-syntax",
                                       fix=said.fix, excerpt=said.excerpt)) from None
    except yaml.reader.ReaderError as exc:  # a character YAML does not allow anywhere in the file
        line = text.count("\n", 0, exc.position) + 1
        column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise InputError(input_finding(
            f"YAML syntax: line {line} holds the control character U+{ord(char):04X}, which YAML does not allow",
            path, line, column, code="yaml-syntax", excerpt=excerpt(text.splitlines(), line, column),
            fix="delete the invisible character at the caret (it often comes from copying out of a PDF or a "
                "word processor)")) from None
    except yaml.YAMLError as exc:
        raise InputError(input_finding(f"YAML syntax: {exc}", path, code="yaml-syntax",
                                       fix="save the file as plain UTF-8 YAML text")) from None
    except RecursionError:
        raise InputError(input_finding("YAML syntax: brackets or indentation nested too deeply to read", path,
                                       code="yaml-syntax", fix="flatten the nesting: no handouts file needs more "
                                                               "than a few levels")) from None
    finally:
        loader.dispose()
    if issues:
        raise InputError(issues)
    return Located(path, data, spans, text)


def _quoted_tag(problem: str) -> str:
    start = problem.find("'")
    return problem[start:] if start >= 0 else "(unknown)"


def load_yaml(path: Path) -> Located:
    """Read and parse a YAML file; an unreadable file is an InputError, not a traceback."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(input_finding("file not found", path, code="file-not-found",
                                       fix="create the file, or correct the name that points to it")) from None
    except UnicodeDecodeError as exc:
        raise InputError(input_finding(f"not UTF-8 text ({exc.reason} at byte {exc.start})", path,
                                       code="not-utf8", fix="save the file as UTF-8 (every editor offers it "
                                                            "under Save As or Encoding)")) from None
    except OSError as exc:
        raise InputError(input_finding(f"cannot read: {exc.strerror}", path, code="unreadable",
                                       fix="check the file's permissions, or that it is a file and not a "
                                           "folder")) from None
    return parse_yaml(text, path)
