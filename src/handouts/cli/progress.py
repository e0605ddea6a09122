"""Turn build events into what a person sees: a progress bar on a terminal, one line per failure as it happens,
and a one-line summary on every build — on stderr, so stdout stays clean for ``-v`` paths or ``--format json``."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


class Progress:
    """``quiet``: errors only. ``verbose``: every path written (on stdout). ``machine``: nothing but errors on
    stderr (the JSON report goes to stdout at the end)."""

    def __init__(self, quiet: bool = False, verbose: bool = False, out: Path = Path("out"), machine: bool = False):
        self.quiet, self.verbose, self.out, self.machine = quiet, verbose, out, machine
        self.tty = sys.stderr.isatty() and not quiet and not machine
        self.started = time.monotonic()
        self.total = 0
        self.drawn = False
        self.said: set[str] = set()

    def start(self, todo: int, selected: int) -> None:
        self.total = todo
        self.started = time.monotonic()
        if self.tty and todo:
            self._draw(0)

    def outcome(self, outcome, done: int, total: int) -> None:
        if outcome.status == "failed":
            self._clear()
            self.said.add(outcome.message)
            click.echo(f"Error: {outcome.message}", err=True)
        elif self.verbose and not self.machine:
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
        click.echo(f"\r{line}", nl=False, err=True)
        self.drawn = True

    def _clear(self) -> None:
        if self.drawn:
            click.echo("\r\033[K", nl=False, err=True)
            self.drawn = False

    def finish(self, report) -> None:
        """Failures listed once more, removed sources, and the one-line summary (always, unless --quiet)."""
        self._clear()
        if report.stopped and report.stopped not in self.said:
            click.echo(f"Error: {report.stopped}", err=True)
        if self.machine:
            return
        if report.failed and not self.quiet and not report.stopped:
            click.echo(f"{len(report.failed)} failed:", err=True)
            for outcome in report.failed:
                first = outcome.message.splitlines()[0] if outcome.message else ""
                click.echo(f"  {outcome.key}: {first}", err=True)
        if report.orphans and not report.pruned and not self.quiet:
            click.echo(f"{len(report.orphans)} output(s) whose source was removed (delete them with --prune):",
                       err=True)
            for key in report.orphans:
                click.echo(f"  {self.out / key}", err=True)
        if self.quiet:
            return
        if self.verbose:
            for key in report.pruned:
                click.echo(f"removed {self.out / key}")
        if report.interrupted:
            click.echo("interrupted: the PDFs written so far are complete and recorded; build again to finish",
                       err=True)
        click.echo(summary(report), err=True)


def summary(report) -> str:
    """``10 built, 0 up to date, 0 failed in 1.23 s``, and what a stopped batch left undone."""
    if report.total and not report.built and not report.failed:
        return f"nothing to do: {len(report.up_to_date)} up to date ({report.seconds:.2f} s)"
    line = (f"{len(report.built)} built, {len(report.up_to_date)} up to date, {len(report.failed)} failed in "
            f"{report.seconds:.2f} s")
    if report.stopped and report.not_started:
        line += (f"; stopped: {report.not_started} not started (the {len(report.built)} built are complete and "
                 f"recorded)")
    return line
