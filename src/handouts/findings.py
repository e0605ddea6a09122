"""Turn what any stage finds wrong (an input mistake, a check, a preflight problem) into one Finding type."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

SEVERITIES = ("error", "warning", "info")


def display_path(path: Path | str | None) -> str:
    """A path as the user typed it: relative to the working directory when it is below it."""
    if path is None:
        return "<input>"
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(p)


@dataclass(frozen=True)
class Finding:
    """One thing found wrong, and where: a file and line for inputs, a file and page for PDFs.

    ``element`` names what on a PDF page (an image, a font, a text run); ``fix`` says what to do about it."""

    severity: str  # error | warning | info
    code: str
    message: str
    file: Path | str | None = None
    line: int | None = None  # 1-based
    fix: str = ""
    column: int | None = None  # 1-based
    page: int | None = None  # 1-based
    element: str = ""
    data: dict[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    excerpt: str = ""  # the offending line of the file with a caret under the spot, shown under the message

    def location(self) -> str:
        """``file:line:column`` or ``file page N``; ``project`` for findings about no one file."""
        if self.file is None:
            return "project"
        where = display_path(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        if self.page is not None:
            where += f" page {self.page}"
        return where

    def headline(self) -> str:
        """Where and what, without severity or code: ``file:12:3: message``."""
        what = f"{self.element}: " if self.element else ""
        return f"{self.location()}: {what}{self.message}" + self._excerpt()

    def __str__(self) -> str:
        what = f"{self.element}: " if self.element else ""
        text = f"{self.location()}: {self.severity}: {what}{self.message} [{self.code}]" + self._excerpt()
        return text + (f"\n    fix: {self.fix}" if self.fix else "")

    def _excerpt(self) -> str:
        return "".join(f"\n    {line}" for line in self.excerpt.splitlines())

    def at(self, file: Path | str) -> Finding:
        """The same finding, reported against another file name (a PDF checked under a temporary name)."""
        return replace(self, file=file)

    def to_json(self) -> dict[str, Any]:
        return {
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
            "file": display_path(self.file) if self.file is not None else None,
            "line": self.line,
            "column": self.column,
            "page": self.page,
            "element": self.element or None,
            "fix": self.fix or None,
            "excerpt": self.excerpt or None,
        }


def count(findings: list[Finding], severity: str) -> int:
    return sum(f.severity == severity for f in findings)
