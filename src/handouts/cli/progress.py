"""Turn build events into what a person sees: a progress bar on a terminal, one line per failure as it
happens, and a summary; only errors when output goes to a file or a pipe (unless --verbose)."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


class Progress:
    def __init__(self, quiet: bool = False, verbose: bool = False, out: Path = Path("out")):
        self.quiet, self.verbose, self.out = quiet, verbose, out
        self.tty = sys.stdout.isatty() and not quiet
        self.started = time.monotonic()
        self.total = 0
        self.drawn = False

    def start(self, todo: int, selected: int) -> None:
        self.total = todo
        self.started = time.monotonic()
        if self.tty and todo:
            self._draw(0)

    def outcome(self, outcome, done: int, total: int) -> None:
        if outcome.status == "failed":
            self._clear()
            click.echo(f"Error: {outcome.message}", err=True)
        elif self.verbose:
            self._clear()
            click.echo(f"wrote {self.out / outcome.key}")
        if outcome.status == "built" and outcome.message and not self.quiet:
            self._clear()
            click.echo(outcome.message, err=True)
        if self.tty:
            self._draw(done)

    def _draw(self, done: int) -> None:
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed > 0 and done else 0.0
        left = (self.total - done) / rate if rate else 0.0
        width = 30
        filled = int(width * done / self.total) if self.total else width
        line = (f"[{'#' * filled}{'.' * (width - filled)}] {done}/{self.total}  {rate:5.1f} docs/s  "
                f"{left:4.0f} s left")
        click.echo(f"\r{line}", nl=False)
        self.drawn = True

    def _clear(self) -> None:
        if self.drawn:
            click.echo("\r\033[K", nl=False)
            self.drawn = False

    def finish(self, report) -> None:
        self._clear()
        if report.failed and not self.quiet:
            click.echo(f"{len(report.failed)} failed:", err=True)
            for outcome in report.failed:
                first = outcome.message.splitlines()[0] if outcome.message else ""
                click.echo(f"  {outcome.key}: {first}", err=True)
        if report.orphans and not report.pruned and not self.quiet:
            click.echo(f"{len(report.orphans)} output(s) whose source was removed (delete them with --prune):",
                       err=True)
            for key in report.orphans:
                click.echo(f"  {self.out / key}", err=True)
        if self.quiet or not (self.tty or self.verbose):
            return
        for key in report.pruned:
            click.echo(f"removed {self.out / key}")
        if report.interrupted:
            click.echo("interrupted: the PDFs written so far are complete and recorded; build again to finish")
        if report.total and not report.built and not report.failed:
            click.echo(f"nothing to do: {len(report.up_to_date)} up to date ({report.seconds:.2f} s)")
        else:
            click.echo(f"{len(report.built)} built, {len(report.up_to_date)} up to date, "
                       f"{len(report.failed)} failed in {report.seconds:.2f} s")
