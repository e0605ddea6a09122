"""Turn every failure a user can cause into one clear message and exit code 1."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import click


def display_path(path: Path | str | None) -> str:
    """A path as the user typed it: relative to the working directory when it is below it."""
    if path is None:
        return "<input>"
    p = Path(path)
    try:
        return str(p.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(p)


def suggest(word: str, choices) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class HandoutsError(click.ClickException):
    """Root of every error the tool reports to a user: printed as ``Error: …``, exit code 1."""

    exit_code = 1


class UsageProblem(click.UsageError):
    """A command-line option with a value the tool cannot use (exit code 2)."""


@dataclass(frozen=True)
class Issue:
    """One mistake in one input file, with where it is."""

    message: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based

    def location(self) -> str:
        where = display_path(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        return where

    def __str__(self) -> str:
        return f"{self.location()}: {self.message}"


class InputError(HandoutsError):
    """One or more mistakes in the project's YAML, fonts or images."""

    def __init__(self, issues: Issue | list[Issue]):
        self.issues = [issues] if isinstance(issues, Issue) else list(issues)
        super().__init__("\n".join(str(i) for i in self.issues))

    def format_message(self) -> str:
        if len(self.issues) == 1:
            return self.message
        return f"{len(self.issues)} problems in the input:\n" + "\n".join(f"  {i}" for i in self.issues)


class UnknownName(HandoutsError):
    """A document, layout, clinic or location name that does not exist."""

    def __init__(self, what: str, name: str, choices):
        choices = sorted(choices)
        listed = ", ".join(choices) if choices else "(none)"
        super().__init__(f"unknown {what} '{name}'{suggest(name, choices)}; choose from: {listed}")


class LayoutOverflow(HandoutsError):
    """Content that does not fit the panel it is placed in."""

    def __init__(self, document: str, panel: str, block: str, over_pt: float, detail: str = ""):
        self.document, self.panel, self.block, self.over_pt = document, panel, block, over_pt
        mm = over_pt / 72 * 25.4
        super().__init__(
            f"{document}: block '{block}' overflows panel '{panel}' by {over_pt:.0f} pt ({mm:.1f} mm)"
            f"{detail}; shorten the text, move the block to another document, or choose a layout with more room"
        )
