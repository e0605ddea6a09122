"""Turn a clinic file into an editable round-trip document and back into text that keeps its comments, key order,
quoting and blank lines (ruamel.yaml), changing only the locations fields a sheet gives."""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import CommentMark
from ruamel.yaml.tokens import CommentToken

from handouts.sheets.columns import FIELD_ORDER


def _yaml(text: str) -> YAML:
    """A round-trip YAML that indents the way the file already does (``locations:`` items at 0 or 2)."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096  # never re-wrap a long line
    found = re.search(r"^locations:\s*\n(?:\s*#.*\n|\s*\n)*( *)- ", text, re.M)
    offset = len(found.group(1)) if found else 2
    y.indent(mapping=2, sequence=offset + 2, offset=offset)
    return y


class ClinicFile:
    """One clinic file, parsed for editing."""

    def __init__(self, text: str):
        self.text = text
        self.yaml = _yaml(text)
        self.doc = self.yaml.load(text)
        locations = self.doc.get("locations") if isinstance(self.doc, dict) else None
        self.locations: CommentedSeq = locations if isinstance(locations, CommentedSeq) else CommentedSeq()

    def ids(self) -> dict[str, int]:
        return {str(loc.get("id")): i for i, loc in enumerate(self.locations) if isinstance(loc, dict)}

    def location(self, loc_id: str) -> dict[str, Any] | None:
        index = self.ids().get(loc_id)
        return plain(self.locations[index]) if index is not None else None

    def update(self, loc_id: str, fields: dict[str, Any]) -> bool:
        """Set (or, for None, remove) each field of an existing location; True when anything changed."""
        entry = self.locations[self.ids()[loc_id]]
        changed = False
        for field, value in fields.items():
            if value is None:
                if field in entry:
                    _keep_trailing_blank(entry, field)
                    del entry[field]
                    changed = True
                continue
            if field in entry and plain(entry[field]) == value:
                continue
            node = _node(field, value, entry.get(field))
            if field in entry:
                entry[field] = node
            else:
                entry.insert(_position(entry, field), field, node)
                _move_trailing_blank(entry, field)
            changed = True
        return changed

    def add(self, fields: dict[str, Any]) -> None:
        """A new location at the end of the list, its fields in the usual order, after a blank line."""
        entry = CommentedMap()
        for field in FIELD_ORDER:
            if fields.get(field) is not None:
                entry[field] = _node(field, fields[field], None)
        if len(self.locations):
            _blank_line_after(self.locations[-1])
        self.locations.append(entry)

    def dump(self) -> str:
        buffer = io.StringIO()
        self.yaml.dump(self.doc, buffer)
        return buffer.getvalue()


def plain(node: Any) -> Any:
    """Round-trip nodes as plain Python (dicts, lists, str), for comparison."""
    if isinstance(node, dict):
        return {str(k): plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _node(field: str, value: Any, old: Any) -> Any:
    """A value as YAML: lists of lines in block style (``languages`` and per-language lists in flow style, as
    written in the demo), keeping a list's old style when it had one."""
    if isinstance(value, dict):
        out = CommentedMap()
        for lang, inner in value.items():
            out[lang] = _node(field, inner, old.get(lang) if isinstance(old, dict) else None)
            if isinstance(out[lang], CommentedSeq) and not isinstance(old, dict):
                out[lang].fa.set_flow_style()
        return out
    if isinstance(value, list):
        seq = CommentedSeq(value)
        flow = old.fa.flow_style() if isinstance(old, CommentedSeq) else field == "languages"
        if flow:
            seq.fa.set_flow_style()
        else:
            seq.fa.set_block_style()
        return seq
    return value


def _position(entry: CommentedMap, field: str) -> int:
    """Where ``field`` goes: after the last present field that comes before it in the usual order."""
    rank = FIELD_ORDER.index(field) if field in FIELD_ORDER else len(FIELD_ORDER)
    keys = list(entry)
    position = 0
    for i, key in enumerate(keys):
        if key in FIELD_ORDER and FIELD_ORDER.index(key) < rank:
            position = i + 1
    return position


def _blank_line_after(node: Any) -> None:
    """A blank line after a location: the comment hangs on the deepest last key written in block style."""
    while isinstance(node, CommentedMap) and len(node):
        last = list(node)[-1]
        if _trailing(node, last) is not None:
            return
        value = node[last]
        if isinstance(value, CommentedMap) and len(value) and not value.fa.flow_style():
            node = value
            continue
        if isinstance(value, CommentedSeq) and len(value) and not value.fa.flow_style():
            if not isinstance(value[-1], CommentedMap):
                value.ca.items[len(value) - 1] = [CommentToken("\n\n", CommentMark(0), None), None]
                return
            node = value[-1]
            continue
        node.ca.items[last] = [None, None, CommentToken("\n\n", CommentMark(0), None), None]
        return


def _trailing(entry: CommentedMap, key: str) -> Any:
    item = entry.ca.items.get(key)
    return item[2] if item and len(item) > 2 else None


def _keep_trailing_blank(entry: CommentedMap, key: str) -> None:
    """The blank line after a location hangs on its last key: give it to the key before, when removing it."""
    keys = list(entry)
    token = _trailing(entry, key)
    if token is not None and keys[-1] == key and len(keys) > 1:
        entry.ca.items[keys[-2]] = [None, None, token, None]


def _move_trailing_blank(entry: CommentedMap, field: str) -> None:
    """A field added last takes over the blank line that followed the location's previous last key."""
    keys = list(entry)
    if keys[-1] == field and len(keys) > 1:
        token = _trailing(entry, keys[-2])
        if token is not None:
            entry.ca.items[field] = [None, None, token, None]
            del entry.ca.items[keys[-2]]
