"""Turn content strings into ReportLab paragraph markup: Jinja2 variables filled in, inline markup
(``**bold**``, ``*italic*``, ``[text](url)``) converted, everything else escaped so it prints as written."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from jinja2 import StrictUndefined, TemplateSyntaxError, UndefinedError
from jinja2.sandbox import SandboxedEnvironment, SecurityError

from handouts.errors import InputError, Issue, suggest
from handouts.yamlio import Loc, Located, format_loc

# Values inserted by a template are wrapped in these private-use characters, so that a '*' or '[' in a
# clinic's name is never read as markup.
_OPEN, _CLOSE = "\ue000", "\ue001"
_SLOT = re.compile("\ue002(\\d+)\ue003")
_LITERAL = re.compile(f"{_OPEN}(.*?){_CLOSE}", re.S)
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|tel:|\ue002)[^)\s]*)\)")
_BOLD_ITALIC = re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*", re.S)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)


def _protect(value: Any) -> str:
    return f"{_OPEN}{'' if value is None else value}{_CLOSE}"


def _environment() -> SandboxedEnvironment:
    """The one Jinja environment: sandboxed, strict about unknown variables, no HTML autoescape (the
    output is escaped for ReportLab's markup instead)."""
    return SandboxedEnvironment(undefined=StrictUndefined, finalize=_protect, autoescape=False,
                                keep_trailing_newline=False)


_ENV = _environment()


@lru_cache(maxsize=4096)
def _compile(source: str):
    return _ENV.from_string(source)


def has_template(source: str) -> bool:
    return "{{" in source or "{%" in source or "{#" in source


def fill(source: str, context: dict[str, Any], origin: Located | None = None, loc: Loc = ()) -> str:
    """Fill in Jinja2 variables; a mistake names the file and line of the string it is in."""
    if not has_template(source):
        return source
    try:
        return _compile(source).render(context)
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
        return InputError(Issue(message))
    line, column = origin.where(loc)
    return InputError(Issue(f"{format_loc(loc)}: {message}", origin.path, line, column))


def _stash_literals(text: str, convert) -> tuple[str, list[str]]:
    """Replace template-inserted values by numbered slots, so markup rules cannot touch them."""
    literals: list[str] = []

    def stash(match: re.Match) -> str:
        literals.append(convert(match.group(1)))
        return f"\ue002{len(literals) - 1}\ue003"

    return _LITERAL.sub(stash, text), literals


def _restore(text: str, literals: list[str]) -> str:
    return _SLOT.sub(lambda s: literals[int(s.group(1))], text)


def to_markup(text: str, link_color: str | None = None) -> str:
    """Inline markup → ReportLab paragraph markup; every other character is escaped.

    Text inserted by a template (between the protect marks) is escaped but never read as markup."""
    text, literals = _stash_literals(text, escape)
    text = escape(" ".join(text.split()))
    color = f" color={quoteattr(link_color)}" if link_color else ""

    def link(match: re.Match) -> str:
        # The address goes into a slot too, so emphasis rules cannot reach inside it.
        literals.append(_restore(match.group(2), literals).replace('"', "&quot;"))
        return f'<a href="\ue002{len(literals) - 1}\ue003"{color}><u>{match.group(1)}</u></a>'

    text = _LINK.sub(link, text)
    text = _BOLD_ITALIC.sub(r"<b><i>\1</i></b>", text)
    text = _BOLD.sub(r"<b>\1</b>", text)
    text = _ITALIC.sub(r"<i>\1</i>", text)
    _check_nesting(text)
    return _restore(text, literals)


_TAG = re.compile(r"<(/?)(b|i|u|a)\b[^>]*>")


def _check_nesting(markup: str) -> None:
    """Emphasis that crosses (``**a *b** c*``) would make ReportLab's parser fail: say so instead."""
    stack: list[str] = []
    for match in _TAG.finditer(markup):
        closing, tag = match.groups()
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            raise ValueError("bold (**…**) and italic (*…*) markup overlap; close the inner one first")


def plain(text: str) -> str:
    """Filled-in text without markup or protect marks: for metadata and measuring."""
    text, literals = _stash_literals(text, str)
    text = _BOLD.sub(r"\1", _BOLD_ITALIC.sub(r"\1", _LINK.sub(r"\1", text)))
    return " ".join(_restore(_ITALIC.sub(r"\1", text), literals).split())
