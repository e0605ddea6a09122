"""Turn pydantic validation errors into messages that name the file, the line and the field path."""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from handouts.errors import suggest
from handouts.findings import Finding
from handouts.load.items import ITEM_KINDS
from handouts.load.yamlio import Loc, Located, format_loc

M = TypeVar("M", bound=BaseModel)


def validate(model: type[M], doc: Located, data: Any = None, base: Loc = ()) -> tuple[M | None, list[Finding]]:
    """Validate ``data`` (default: the whole file) as ``model``; return the model or the issues found."""
    data = doc.data if data is None else data
    if not isinstance(data, dict):
        return None, [doc.issue(base, f"expected a mapping of fields for {model.__name__.lower()}, got "
                                      f"{type(data).__name__ if data is not None else 'an empty file'}")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        issues = [_issue(model, doc, data, err, base) for err in exc.errors()]
        return None, sorted(issues, key=lambda i: (i.line or 0, i.column or 0))


def _strip_tags(loc: Loc, data: Any) -> Loc:
    """Drop the union tags pydantic puts in a path (``body[1].callout.callout``), and a ``.hex`` that the
    file never wrote (a colour given as a plain string)."""
    out: list = []
    node = data
    for i, part in enumerate(loc):
        if i >= 2 and loc[i - 2] == "body" and isinstance(loc[i - 1], int) and part in ITEM_KINDS:
            continue  # the discriminator's tag, always inserted after a body item's index
        if part == "hex" and not isinstance(node, dict):
            continue
        out.append(part)
        node = _child(node, part)
    return tuple(out)


def _issue(model: type[BaseModel], doc: Located, data: Any, err: Any, base: Loc) -> Finding:
    loc = _strip_tags(tuple(err["loc"]), data)
    kind = err["type"]
    field_path = format_loc((*base, *loc)) or "(top level)"
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1], data)
        key = loc[-1]
        msg = f"unknown field '{key}'{suggest(str(key), allowed)}"
        if allowed:
            msg += f"; expected one of: {', '.join(allowed)}"
        return doc.issue((*base, *loc), f"{format_loc((*base, *loc[:-1])) or '(top level)'}: {msg}")
    if kind == "missing":
        parent = format_loc((*base, *loc[:-1])) or "(top level)"
        return doc.issue((*base, *loc[:-1]), f"{parent}: missing required field '{loc[-1]}'")
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        message = f"expected one of {expected}, got {err['input']!r}{suggest(err['input'], options)}"
    elif kind == "string_pattern_mismatch":
        message = f"{_pattern_hint(loc)}, got {err['input']!r}"
    elif "input" in err and kind not in ("value_error", "body_item", "assertion_error") and not isinstance(
        err["input"], dict | list
    ):
        message = f"{message[0].lower()}{message[1:]}, got {err['input']!r}"
    return doc.issue((*base, *loc), f"{field_path}: {message}")


def _pattern_hint(loc: Loc) -> str:
    last = loc[-1] if loc else ""
    return {
        "hex": "expected a colour as #RRGGBB",
        "booking_url": "expected a web address starting with https://",
        "locale": "expected a locale such as en-US or en-GB",
        "id": "expected an id of lower-case letters, digits, - and _",
    }.get(str(last), "expected lower-case letters, digits, - and _")


def _fields_at(model: type[BaseModel], loc: Loc, data: Any) -> list[str]:
    """Field names of the model found at ``loc`` inside ``model``, choosing union members by the data."""
    current: Any = model
    node = data
    for part in loc:
        node = _child(node, part)
        current = _step(current, part, node)
        if current is None:
            return []
    models = _models_in(current)
    if not models:
        return []
    keys = set(node) if isinstance(node, dict) else set()
    best = max(models, key=lambda m: len(keys & set(m.model_fields)))
    return list(best.model_fields)


def _child(node: Any, part: Any) -> Any:
    """``node[part]`` where the data has it, else None."""
    return node[part] if isinstance(node, dict | list) and _has(node, part) else None


def _has(node: Any, part: Any) -> bool:
    if isinstance(node, dict):
        return part in node
    return isinstance(part, int) and 0 <= part < len(node)


def _step(tp: Any, part: Any, node: Any) -> Any:
    """The type found one step (field name or index) below ``tp``."""
    for candidate in _flatten(tp):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel) and isinstance(part, str) \
                and part in candidate.model_fields:
            return candidate.model_fields[part].annotation
        origin = typing.get_origin(candidate)
        if origin in (list, tuple) and isinstance(part, int):
            return typing.get_args(candidate)[0]
        if origin is dict and isinstance(part, str):
            return typing.get_args(candidate)[1]
    return None


def _flatten(tp: Any) -> list[Any]:
    origin = typing.get_origin(tp)
    if origin is typing.Annotated:
        return _flatten(typing.get_args(tp)[0])
    if origin in (typing.Union, types.UnionType):
        out = []
        for arg in typing.get_args(tp):
            out += _flatten(arg)
        return out
    return [tp]


def _models_in(tp: Any) -> list[type[BaseModel]]:
    return [t for t in _flatten(tp) if isinstance(t, type) and issubclass(t, BaseModel)]
