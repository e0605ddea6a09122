"""Turn inline markup (``**bold**``, ``*italic*``, ``[text](url)``, ``[texto]{lang=es}`` for words in another
language) into ReportLab paragraph markup or plain text; everything else is escaped so it prints as written.
This is the one parser of inline markup: the checks read text through ``plain``."""

from __future__ import annotations

import re
from collections.abc import Callable

from handouts.xmltext import escape, quoteattr

# Values inserted by a template are wrapped in these private-use characters, so that a '*' or '[' in a
# clinic's name is never read as markup.
LITERAL_OPEN, LITERAL_CLOSE = "\ue000", "\ue001"
_SLOT = re.compile("\ue002(\\d+)\ue003")
_LITERAL = re.compile(f"{LITERAL_OPEN}(.*?){LITERAL_CLOSE}", re.S)
_LINK = re.compile(r"\[([^\]\n]+)\]\(((?:https?://|mailto:|tel:|\ue002)[^)\s]*)\)")
# Words in another language than the document's: a BCP 47 tag (es, es-MX, zh-Hant). In paragraph markup the
# span is a pair of zero-width callbacks that a tagged edition turns into a Span with /Lang (layout.tagtext).
_LANG = re.compile(r"\[([^\]\n]+)\]\{lang=([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*)\}")
LANG_OPEN, LANG_CLOSE = '<onDraw name="lang" label="{}"/>', '<onDraw name="lang" label=""/>'
_BOLD_ITALIC = re.compile(r"\*\*\*(?=\S)(.+?)(?<=\S)\*\*\*", re.S)
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*", re.S)
_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![*\w])", re.S)


def _stash_literals(text: str, convert: Callable[[str], str]) -> tuple[str, list[str]]:
    """Replace template-inserted values by numbered slots, so markup rules cannot touch them."""
    literals: list[str] = []

    def stash(match: re.Match[str]) -> str:
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

    def link(match: re.Match[str]) -> str:
        # The address goes into a slot too, so emphasis rules cannot reach inside it.
        literals.append(_restore(match.group(2), literals).replace('"', "&quot;"))
        return f'<a href="\ue002{len(literals) - 1}\ue003"{color}><u>{match.group(1)}</u></a>'

    text = _LINK.sub(link, text)
    text = _LANG.sub(lambda m: LANG_OPEN.format(m.group(2)) + m.group(1) + LANG_CLOSE, text)
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
    text = _BOLD.sub(r"\1", _BOLD_ITALIC.sub(r"\1", _LANG.sub(r"\1", _LINK.sub(r"\1", text))))
    return " ".join(_restore(_ITALIC.sub(r"\1", text), literals).split())


_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)


def plain_source(text: str) -> str:
    """Text as written in a content file, before templates are filled in, without markup: each template
    expression reads as the short word "it" ('Call {{ location.phone }}' scores like 'Call it')."""
    return plain(_TEMPLATE.sub(f"{LITERAL_OPEN}it{LITERAL_CLOSE}", text))
