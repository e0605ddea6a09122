"""Turn PyYAML's syntax errors into plain words: what is wrong (a tab, an unquoted # starting a comment, a missing
space after a colon, a line indented out of step, a quote or bracket never closed), where (the line, shown with a
caret under the spot) and how to fix it."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

# ``key:value`` with no space: YAML reads the whole line as one word, not as a key and a value. A ``//`` right
# after the colon is a web address, not a key.
_NO_SPACE = re.compile(r"^(\s*(?:-\s+)?)([A-Za-z_][\w.-]*):(?!//)(?=[^\s:])")
# A ``#`` after a space (or right after ``[``, ``{`` or ``,``) starts a comment: the rest of the line is gone.
_COMMENT = re.compile(r"(?:^|\s|[\[{,])#")


@dataclass(frozen=True)
class Explained:
    line: int | None  # 1-based
    column: int | None  # 1-based
    message: str
    fix: str
    excerpt: str


def excerpt(lines: list[str], line: int | None, column: int | None) -> str:
    """The line (1-based) as it is in the file, numbered, with a caret under ``column``."""
    if line is None or not 1 <= line <= len(lines):
        return ""
    text = lines[line - 1].replace("\t", "→")  # a tab shown as an arrow, so the caret lines up
    gutter = f"{line} | "
    caret = " " * (len(gutter) - 2) + "| " + " " * max(0, (column or 1) - 1) + "^"
    return f"{gutter}{text}\n{caret}"


def explain(exc: yaml.MarkedYAMLError, lines: list[str]) -> Explained:
    """Plain words for one syntax error."""
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    start = exc.context_mark.line + 1 if exc.context_mark else line
    problem = exc.problem or "invalid YAML"
    context = exc.context or ""
    span = range(min(start or 1, line or 1), (line or 0) + 1)

    def at(n: int | None, c: int | None, message: str, fix: str) -> Explained:
        return Explained(n, c, f"YAML syntax: {message}", fix, excerpt(lines, n, c))

    for n in span:  # a tab in the indentation of any line from where the construct started to the error
        text = _line(lines, n)
        indent = text[: len(text) - len(text.lstrip(" \t"))]
        if "\t" in indent:
            return at(n, indent.index("\t") + 1, f"line {n} is indented with a tab; YAML indents with spaces only",
                      f"replace the tab at the start of line {n} with spaces (two for each level, lined up with "
                      f"the lines around it)")
    for n in span:
        found = _NO_SPACE.match(_line(lines, n))
        if found and ("simple key" in context or "mapping values" in problem or "block" in context):
            key = found.group(2)
            rest = _line(lines, n)[found.end():]
            return at(n, found.end() + 1, f"no space after the ':' of '{key}' on line {n}, so YAML cannot tell "
                                          f"the key from its value",
                      f"put a space after the colon: '{key}: {rest.strip()}'")
    if "flow" in context or problem.startswith("expected ',' or"):
        for n in span:
            text = _line(lines, n)
            hit = _COMMENT.search(text)
            if hit:
                col = hit.end()
                return at(n, col, f"an unquoted # on line {n} starts a comment, so YAML ignores the rest of the "
                                  f"line (and the closing bracket on it)",
                          "put the value in quotes, e.g. \"#0B5563\" (a colour) — in YAML a # after a space or "
                          "bracket starts a comment")
        opener = "[" if "sequence" in context or "']'" in problem else "{"
        closer = "]" if opener == "[" else "}"
        opened = (exc.context_mark.column + 1) if exc.context_mark else column
        return at(start, opened, f"the '{opener}' opened on line {start} is not closed (YAML reached line {line} "
                                 f"without finding '{closer}')",
                  f"close it with '{closer}' on line {start}, and put any item that contains ':', '#' or ','"
                  f" in quotes")
    if "quoted scalar" in context:
        quote_col = exc.context_mark.column + 1 if exc.context_mark else None
        return at(start, quote_col, f"the quote opened on line {start} is never closed",
                  "end the text with the same quote mark it starts with, on the same line (or remove the quote)")
    if "mapping values are not allowed" in problem and line is not None:
        text = _line(lines, line)
        before = text[: (column or 1) - 1]
        key = re.match(r"\s*(?:-\s+)?([^:#]+?):\s", text)
        if key and ": " in before:
            value = text[key.end():].strip()
            return at(line, column, f"the value of '{key.group(1).strip()}' on line {line} contains ': ', which "
                                    f"YAML reads as the start of another key",
                      f"put the value in quotes: {key.group(1).strip()}: \"{value}\"")
        return _indentation(lines, line, at)
    if problem.startswith("expected <block end>") or "could not find expected ':'" in problem or \
            "did not find expected" in problem:
        return _indentation(lines, line, at)
    if "found undefined alias" in problem:
        return at(line, column, f"'{_word(lines, line, column)}' refers to an anchor that is not defined",
                  "define the anchor (&name) before it is used, or write the value out; a value that starts "
                  "with '*' needs quotes")
    if "found character" in problem and "cannot start any token" in problem:
        char = re.search(r"'(.+?)'", problem)
        shown = char.group(1) if char else "this character"
        return at(line, column, f"a value cannot start with {shown!r} unquoted",
                  f"put the value in quotes (\"{shown}…\")")
    return at(line, column, f"{problem} ({context})" if context else problem,
              "compare the line at the caret with the lines around it: keys line up, '- ' items line up, and "
              "values holding ': ', ' #', '[' or '{' go in quotes")


def _indentation(lines: list[str], line: int | None, at) -> Explained:
    """A line indented out of step with the mapping or list it belongs to."""
    if line is None:
        return at(None, None, "indentation does not match", "line keys of one mapping up at the same column")
    text = _line(lines, line)
    indent = len(text) - len(text.lstrip(" "))
    prev_n = next((n for n in range(line - 1, 0, -1) if _line(lines, n).strip()
                   and not _line(lines, n).lstrip().startswith("#")), None)
    prev_indent = len(_line(lines, prev_n)) - len(_line(lines, prev_n).lstrip(" ")) if prev_n else 0
    shown = text.strip().split(":")[0] or text.strip()
    where = f"line {prev_n} at column {prev_indent + 1}" if prev_n else "the line before"
    return at(line, indent + 1, f"line {line} is indented {indent} space{'s' if indent != 1 else ''}, out of step "
                                f"with {where}",
              f"indent '{shown}' like the other keys of the same mapping (or, if it belongs to the list item "
              f"above, under that item's first key); use spaces only")


def _line(lines: list[str], n: int | None) -> str:
    return lines[n - 1] if n is not None and 1 <= n <= len(lines) else ""


def _word(lines: list[str], line: int | None, column: int | None) -> str:
    text = _line(lines, line)[(column or 1) - 1:]
    return text.split()[0] if text.split() else text
