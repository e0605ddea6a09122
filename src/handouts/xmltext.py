"""Turn text into XML character data and attribute values and back, as ``xml.sax.saxutils`` does, without the
URL and HTTP libraries that module imports (a twentieth of a second of every start)."""

from __future__ import annotations

import html


def escape(data: str) -> str:
    """``&``, ``<`` and ``>`` as entities."""
    return html.escape(data, quote=False)


def unescape(data: str) -> str:
    """``&lt;``, ``&gt;`` and ``&amp;`` back to characters (``&amp;`` last, so ``&amp;lt;`` stays ``&lt;``)."""
    return data.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def quoteattr(data: str) -> str:
    """An attribute value with its quotes: escaped, line breaks and tabs as character references, in double
    quotes unless it holds double quotes and no single ones."""
    data = escape(data).replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;")
    if '"' not in data:
        return f'"{data}"'
    if "'" not in data:
        return f"'{data}'"
    return '"{}"'.format(data.replace('"', "&quot;"))
