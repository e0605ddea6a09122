"""Turn content strings with Jinja2 variables (``{{ location.phone }}``) into filled-in text: one sandboxed,
strict environment; an unknown variable is an error naming its file and line; filled values are marked so the
inline-markup parser never reads them as markup."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from jinja2 import StrictUndefined, Template, TemplateSyntaxError, UndefinedError
from jinja2.exceptions import SecurityError
from jinja2.sandbox import SandboxedEnvironment

from handouts.errors import InputError, input_finding, suggest
from handouts.load.yamlio import Loc, Located, format_loc
from handouts.resolve.markup import LITERAL_CLOSE, LITERAL_OPEN


def _protect(value: Any) -> str:
    return f"{LITERAL_OPEN}{'' if value is None else value}{LITERAL_CLOSE}"


def _environment() -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict about unknown variables, no HTML autoescape (the
    output is escaped for ReportLab's markup instead)."""
    return SandboxedEnvironment(undefined=StrictUndefined, finalize=_protect, autoescape=False,
                                keep_trailing_newline=False)


_ENV = _environment()


@lru_cache(maxsize=4096)
def _compile(source: str) -> Template:
    return _ENV.from_string(source)


def has_template(source: str) -> bool:
    return "{{" in source or "{%" in source or "{#" in source


def fill(source: str, context: dict[str, Any], origin: Located | None = None, loc: Loc = ()) -> str:
    """Fill in Jinja2 variables; a mistake names the file and line of the string it is in."""
    if not has_template(source):
        return source
    try:
        return str(_compile(source).render(context))
    except UndefinedError as exc:
        raise _template_issue(origin, loc, _undefined_message(exc, context)) from None
    except TemplateSyntaxError as exc:
        raise _template_issue(origin, loc, f"template syntax: {exc.message}") from None
    except SecurityError as exc:
        raise _template_issue(origin, loc, f"not allowed in a template: {exc}") from None


def _undefined_message(exc: UndefinedError, context: dict[str, Any]) -> str:
    available = [f"{top}.{key}" for top, value in context.items() if isinstance(value, dict) for key in value]
    available += [top for top, value in context.items() if not isinstance(value, dict)]
    m = re.search(r"has no attribute '([^']+)'|'([^']+)' is undefined", exc.message or "")
    name = next((g for g in (m.groups() if m else ()) if g), str(exc.message))
    hint = suggest(name, [a.split(".")[-1] for a in available])
    if hint:
        hint = suggest(name, available) or hint
    return f"unknown template variable '{name}'{hint}; available: {', '.join(available)}"


def _template_issue(origin: Located | None, loc: Loc, message: str) -> InputError:
    if origin is None:
        return InputError(input_finding(message))
    line, column = origin.where(loc)
    return InputError(input_finding(f"{format_loc(loc)}: {message}", origin.path, line, column))


