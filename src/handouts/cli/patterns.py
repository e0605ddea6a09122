"""Turn regular expressions that libraries the command imports compile as they load into ones compiled faster,
or when first used.

ReportLab's paragraph module compiles a pattern that recognises a web address, which its line breaker tries on
every word it would hyphenate; compiled as written (case-insensitive, with four classes of every character from
U+00A1 to U+FFFF) it takes about 20 ms, a twentieth of a one-PDF build. Each such class, case-insensitive, holds
exactly the characters of a class that names what it leaves out instead, which compiles in about 1 ms: the
pattern ReportLab keeps is compiled from that equivalent text (``tests/cli/test_patterns.py`` compares the classes
on every code point and the patterns on web addresses). ReportLab's CJK splitter and PyYAML's pure-Python reader
(the C reader checks characters itself) compile patterns a build never uses: those compile when first used.

Python's ``re.compile`` returns what its cache holds for a pattern and its flags, so what is put there before those
modules load is what they keep. A library whose pattern has changed compiles its own, as before."""

from __future__ import annotations

import re
from typing import Any

# reportlab/platypus/paragraph.py: uri_pat, as ReportLab writes it (compiled with re.I).
URI = ("(^(?:[a-z0-9\\.\\-\\+]*)://)(?:\\S+(?::\\S*)?@)?(?:(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)"
       "(?:\\.(?:25[0-5]|2[0-4]\\d|[0-1]?\\d?\\d)){3}|\\[[0-9a-f:\\.]+\\]|([a-z\xa1-\uffff0-9]"
       "(?:[a-z\xa1-\uffff0-9-]{0,61}[a-z\xa1-\uffff0-9])?(?:\\.(?!-)[a-z\xa1-\uffff0-9-]{1,63}(?<!-))*"
       "\\.(?!-)(?:[a-z\xa1-\uffff-]{2,63}|xn--[a-z0-9]{1,59})(?<!-)\\.?|localhost))(?::\\d{2,5})?"
       "(?:[/?#][^\\s]*)?\\Z")

# Each of its wide classes → the same characters, case-insensitive, named by what the class leaves out (ASCII
# punctuation and controls, U+0080–U+00A0, and everything beyond U+FFFF); case-sensitive inside, since the class
# already holds both cases of every letter it matches.
URI_CLASSES = {
    "[a-z\xa1-\uffff0-9]": "(?-i:[^\\x00-/:-@\\[-`{-\\xa0\\U00010000-\\U0010ffff])",
    "[a-z\xa1-\uffff0-9-]": "(?-i:[^\\x00-,./:-@\\[-`{-\\xa0\\U00010000-\\U0010ffff])",
    "[a-z\xa1-\uffff-]": "(?-i:[^\\x00-,.-@\\[-`{-\\xa0\\U00010000-\\U0010ffff])",
}


def equivalent(pattern: str, classes: dict[str, str]) -> str:
    """``pattern`` with each class replaced by its equivalent."""
    for written, same in classes.items():
        pattern = pattern.replace(written, same)
    return pattern


# (pattern, flags as re.compile is given them) → the text compiled in its place.
FASTER: dict[tuple[str, int], str] = {(URI, re.I): equivalent(URI, URI_CLASSES)}

# (pattern, flags), exactly as each library writes them, compiled when first used.
DEFERRED: tuple[tuple[str, int], ...] = (
    ("([\u2e80-\uffff])", re.UNICODE),  # reportlab/lib/textsplit.py: rx
    ("[^\x09\x0A\x0D\x20-\x7E\x85\xA0-\uD7FF\uE000-\uFFFD\U00010000-\U0010ffff]", 0),  # yaml/reader.py
)


class Deferred:
    """Stands in for ``re.compile(pattern, flags)`` until something uses it."""

    __slots__ = ("pattern", "_flags", "_compiled")

    def __init__(self, pattern: str, flags: int) -> None:
        self.pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    @property
    def compiled(self) -> bool:
        return self._compiled is not None

    def _get(self) -> re.Pattern[str]:
        if self._compiled is None:
            _forget(_key(self.pattern, self._flags), self)
            self._compiled = re.compile(self.pattern, self._flags)
        return self._compiled

    def __getattr__(self, name: str) -> Any:
        return getattr(self._get(), name)

    def __repr__(self) -> str:
        return repr(self._get())


def _caches() -> list[dict[Any, Any]]:
    """The dictionaries ``re`` keeps compiled patterns in (one before Python 3.12, two from then on)."""
    return [cache for cache in (getattr(re, "_cache", None), getattr(re, "_cache2", None))
            if isinstance(cache, dict)]


def _key(pattern: str, flags: int) -> tuple[type, str, int]:
    return (str, pattern, int(flags))


def _forget(key: tuple[type, str, int], value: object) -> None:
    for cache in _caches():
        if cache.get(key) is value:
            del cache[key]


def install() -> dict[str, Any]:
    """Put the faster-compiled patterns and the stand-ins into ``re``'s cache, for each pattern not compiled yet
    (nothing where that cache is not a dictionary); what was put there, by pattern."""
    caches = _caches()
    if not caches:
        return {}
    placed: dict[str, Any] = {}
    entries: list[tuple[str, int, Any]] = [(pattern, flags, same) for (pattern, flags), same in FASTER.items()]
    entries += [(pattern, flags, None) for pattern, flags in DEFERRED]
    for pattern, flags, same in entries:
        key = _key(pattern, flags)
        if any(key in cache for cache in caches):
            continue
        value = Deferred(pattern, int(flags)) if same is None else re.compile(same, flags)
        caches[0][key] = placed[pattern] = value
    return placed
