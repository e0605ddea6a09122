"""Turn pydantic validation errors into messages that name the file, the line and the field path."""

from __future__ import annotations

import re
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
                                      f"{_kind_of(data) if data is not None else 'an empty file'}",
                                fix=f"write the {model.__name__.lower()}'s fields as 'key: value' lines (see "
                                    f"schema/ or an existing file for the fields)")]
    try:
        return model.model_validate(data), []
    except ValidationError as exc:
        errors = _one_per_union(exc.errors(), data)
        issues = [_issue(model, doc, data, err, base) for err in errors]
        return None, sorted(issues, key=lambda i: (i.line or 0, i.column or 0))


_TAG = re.compile(r"^(str|int|float|bool|none|list|dict|tuple|[\w-]+\[.*\])$")


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
        if isinstance(part, str) and not (isinstance(node, dict) and part in node) and _TAG.match(part):
            continue  # a union member's tag (``list[constrained-str]``, ``str``), not a key of the file
        out.append(part)
        node = _child(node, part)
    return tuple(out)


def _one_per_union(errors: list[Any], data: Any) -> list[Any]:
    """A value that matches no member of a union gets one error per member; keep the one that got furthest into
    the value (a mapping of languages with a bad key, not "expected a list")."""
    paths = [_strip_tags(tuple(err["loc"]), data) for err in errors]
    tagged = [any(isinstance(p, str) and _TAG.match(p) for p in err["loc"]) for err in errors]
    keep = []
    for i, err in enumerate(errors):
        deeper = any(j != i and tagged[j] and len(paths[j]) > len(paths[i]) and paths[j][:len(paths[i])] == paths[i]
                     for j in range(len(errors)))
        same = any(j < i and tagged[j] and paths[j] == paths[i] for j in range(len(errors)))
        if not (tagged[i] and (deeper or same)):
            keep.append(err)
    return keep


def _issue(model: type[BaseModel], doc: Located, data: Any, err: Any, base: Loc) -> Finding:
    loc, message, fix = describe(model, data, err, base)
    line, _ = doc.where(loc)
    if err.get("input", "") is None and line is not None and _COMMENT.search(doc.lines[line - 1]
                                                                             if line <= len(doc.lines) else ""):
        key = str(loc[-1]) if loc else "value"
        message = (f"{format_loc(loc)}: no value, because an unquoted # starts a comment in YAML (line {line} "
                   f"reads as '{doc.lines[line - 1].split('#')[0].strip()}')")
        fix = f"put the value in quotes: {key}: \"#{doc.lines[line - 1].split('#', 1)[1].strip()}\""
    finding = doc.issue(loc, message, code="invalid-input", fix=fix)
    return finding


_COMMENT = re.compile(r":\s+#")


def describe(model: type[BaseModel], data: Any, err: Any, base: Loc = ()) -> tuple[Loc, str, str]:
    """Where (the path into the data), what (the message, starting with the field path) and how to fix one
    pydantic error, in the words of the file's author."""
    loc = _strip_tags(tuple(err["loc"]), data)
    kind = err["type"]
    if loc and loc[-1] == "[key]":  # a mapping's key is wrong: per-language values are keyed by language code
        loc = loc[:-1]
        return (*base, *loc), f"{format_loc((*base, *loc))}: {err.get('input')!r} is not a two-letter language " \
                              f"code such as en or es", "key each language's value by its code: {en: …, es: …}"
    field_path = format_loc((*base, *loc)) or "(top level)"
    got = err.get("input")
    if kind == "extra_forbidden":
        allowed = _fields_at(model, loc[:-1], data)
        key = loc[-1]
        hint = suggest(str(key), allowed)
        msg = f"unknown field '{key}'{hint}"
        if allowed:
            msg += f"; expected one of: {', '.join(allowed)}"
        close = hint.split("'")[1] if hint else ""
        fix = f"rename '{key}' to '{close}'" if close else f"delete '{key}', or move it where it belongs"
        return (*base, *loc), f"{format_loc((*base, *loc[:-1])) or '(top level)'}: {msg}", fix
    if kind == "missing":
        parent = format_loc((*base, *loc[:-1])) or "(top level)"
        return (*base, *loc[:-1]), f"{parent}: missing required field '{loc[-1]}'", \
            f"add a line '{loc[-1]}: …' to {'the top of the file' if parent == '(top level)' else parent}"
    if _is_colour(loc):
        return (*base, *loc), f"{field_path}: {_colour_message(got)}", \
            'write the colour as "#RRGGBB" in quotes (six hex digits, e.g. "#0B5563"), or as {hex: "#0B5563", ' \
            "cmyk: [91, 31, 25, 49]}"
    message = err["msg"]
    for prefix in ("Value error, ", "Assertion failed, "):
        message = message.removeprefix(prefix)
    fix = ""
    if kind == "literal_error":
        expected = err.get("ctx", {}).get("expected", "")
        options = [o.strip(" '") for o in expected.replace(" or ", ", ").split(",")]
        close = suggest(got, options)
        if isinstance(got, str) and got.strip().lower() in options:
            close = f" (did you mean '{got.strip().lower()}'?)"
        message = f"expected one of {expected}, got {got!r}{close}"
        fix = f"use {close.split(chr(39))[1]!r}" if close else f"use one of {expected}"
    elif kind == "string_pattern_mismatch":
        hint, fix = _pattern_hint(loc)
        message = f"{hint}, got {got!r}"
    elif kind == "string_too_short" or kind == "too_short":
        message = "is empty" if kind == "string_too_short" else f"needs at least one entry, got {got!r}"
        fix = "write a value, or delete the line to leave the field out (where it is optional)"
    elif kind in _PLAIN:
        message = f"expected {_PLAIN[kind]}, got {_kind_of(got)}"
    elif "input" in err and kind not in ("value_error", "body_item", "assertion_error") and \
            not isinstance(got, dict | list):
        message = f"{message[0].lower()}{message[1:]}, got {got!r}"
    if not fix:
        fix = _fix_for(kind, message, got)
    return (*base, *loc), f"{field_path}: {message}", fix


_PLAIN = {"dict_type": "a mapping ('key: value' lines)", "model_type": "a mapping ('key: value' lines)",
          "model_attributes_type": "a mapping ('key: value' lines)", "list_type": "a list", "tuple_type": "a list",
          "string_type": "text", "int_type": "a whole number", "int_parsing": "a whole number",
          "float_type": "a number", "float_parsing": "a number", "bool_type": "true or false",
          "bool_parsing": "true or false", "date_type": "a date (YYYY-MM-DD)", "date_parsing": "a date (YYYY-MM-DD)",
          "date_from_datetime_parsing": "a date (YYYY-MM-DD)"}


def _kind_of(got: Any) -> str:
    if got is None:
        return "nothing (an empty value)"
    if isinstance(got, dict):
        return "a mapping"
    if isinstance(got, list):
        return "a list"
    return repr(got)


def _is_colour(loc: Loc) -> bool:
    return "colors" in loc[:-1] and (loc[-1] == "hex" or loc[-2:-1] == ("colors",)) or (
        len(loc) >= 2 and loc[-2] == "colors")


def _colour_message(got: Any) -> str:
    if got is None:
        return "no colour given"
    if isinstance(got, str) and re.fullmatch(r"#?[0-9a-fA-F]{3}", got.strip()):
        return f"{got!r} is a 3-digit colour; write all six digits"
    if isinstance(got, str) and re.fullmatch(r"[0-9a-fA-F]{6}", got.strip()):
        return f"{got!r} needs a # in front"
    if isinstance(got, str):
        return f"{got!r} is not a colour in the form #RRGGBB (colour names are not accepted)"
    return f"expected a colour as \"#RRGGBB\", got {got!r}"


def _fix_for(kind: str, message: str, got: Any) -> str:
    if kind in ("string_type", "str_type"):
        return "write text here (put it in quotes if YAML reads it as a number, a date or true/false)"
    if kind in ("list_type", "tuple_type"):
        return "write a list: one '- item' a line, or [a, b] on one line (or one list per language: {en: [...]})"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "write a mapping: 'key: value' lines indented under this one"
    if kind in ("int_parsing", "float_parsing", "int_type", "float_type", "int_from_float"):
        return "write a number"
    if kind in ("bool_type", "bool_parsing"):
        return "write true or false"
    if kind.startswith("date"):
        return "write a date as YYYY-MM-DD, e.g. 2026-11-01"
    if kind in ("too_long",):
        return "remove the extra entries"
    if "phone" in message:
        return "put the phone number in quotes"
    if "CMYK" in message:
        return "give four percentages from 0 to 100: cmyk: [c, m, y, k]"
    if "next_review" in message:
        return "set next_review to a date after published"
    if "used twice" in message:
        return "give each location its own id"
    if "brand colours" in message:
        return "add the missing colour tokens under brand.colors"
    if "logo" in message:
        return "give the logo an svg: or png: file (paths relative to the clinic file)"
    return "change the value to the kind the message names"


def _pattern_hint(loc: Loc) -> tuple[str, str]:
    """What a field's pattern expects, and how to write it."""
    last = str(loc[-1]) if loc else ""
    if (len(loc) >= 2 and loc[-2] in ("hours", "tagline", "disclaimer", "fallback_fonts", "languages")) \
            or last == "languages":
        return ("expected a two-letter language code such as en or es",
                "use the language's two lower-case letters (ISO 639-1): en, es, fr, vi…")
    return {
        "hex": ('expected a colour as "#RRGGBB"', 'write six hex digits after a #, in quotes: "#0B5563"'),
        "booking_url": ("expected a web address starting with https://",
                        "write the full address, e.g. https://example.org/book"),
        "locale": ("expected a locale such as en-US or en-GB",
                   "write the language in lower case, a hyphen and the country in capitals: en-US, en-GB, es-US"),
    }.get(last, ("expected an id of lower-case letters, digits, - and _",
                 "use lower-case letters, digits, - and _ only, starting with a letter or digit "
                 "(e.g. 'portland-pearl')"))


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
