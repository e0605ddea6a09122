"""Turn every failure a user can cause into one clear message and exit code 1."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

import click

from handouts.findings import Finding, display_path

__all__ = ["HandoutsError", "InputError", "LayoutOverflow", "UnknownName", "UsageProblem", "display_path",
           "input_finding", "suggest"]


def suggest(word: str, choices: Iterable[object]) -> str:
    """' (did you mean 'x'?)' for the closest choice, or ''."""
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


class HandoutsError(click.ClickException):
    """Root of every error the tool reports to a user: printed as ``Error: …``, exit code 1."""

    exit_code = 1


class UsageProblem(click.UsageError):
    """A command-line option with a value the tool cannot use (exit code 2)."""


def input_finding(message: str, file: Path | str | None = None, line: int | None = None,
                  column: int | None = None, code: str = "invalid-input", fix: str = "",
                  excerpt: str = "") -> Finding:
    """A mistake in one input file, with where it is (``excerpt``: the line itself, with a caret)."""
    return Finding("error", code, message, file=file, line=line, column=column, fix=fix, excerpt=excerpt)


class InputError(HandoutsError):
    """One or more mistakes in the project's YAML, fonts or images."""

    def __init__(self, findings: Finding | Iterable[Finding]):
        self.findings = [findings] if isinstance(findings, Finding) else list(findings)
        super().__init__("\n".join(f.headline() for f in self.findings))

    @property
    def issues(self) -> list[Finding]:
        return self.findings

    def format_message(self) -> str:
        """Each mistake where and what (with the line and a caret where there is one), then how to fix it."""
        def told(f: Finding, indent: str) -> str:
            text = f.headline().replace("\n", "\n" + indent)
            return indent + text + (f"\n{indent}    fix: {f.fix}" if f.fix else "")

        if len(self.findings) == 1:
            return told(self.findings[0], "")
        return f"{len(self.findings)} problems in the input:\n" + "\n".join(told(f, "  ") for f in self.findings)


class UnknownName(HandoutsError):
    """A document, layout, clinic or location name that does not exist."""

    def __init__(self, what: str, name: str, choices: Iterable[str]):
        listed_choices = sorted(choices)
        listed = ", ".join(listed_choices) if listed_choices else "(none)"
        super().__init__(f"unknown {what} '{name}'{suggest(name, listed_choices)}; choose from: {listed}")


class LayoutOverflow(HandoutsError):
    """Content that does not fit the panel it is placed in."""

    def __init__(self, document: str, panel: str, block: str, over_pt: float, detail: str = "",
                 advice: str = ""):
        self.document, self.panel, self.block, self.over_pt = document, panel, block, over_pt
        mm = over_pt / 72 * 25.4
        advice = advice or "shorten the text, move the block to another document, or choose a layout with more room"
        super().__init__(
            f"{document}: block '{block}' overflows panel '{panel}' by {over_pt:.0f} pt ({mm:.1f} mm)"
            f"{detail}; {advice}"
        )
