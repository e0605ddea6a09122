"""Turn command-line arguments into calls of the library (one module per command, each a thin shell over the
public API), and its errors into messages and exit codes."""

from __future__ import annotations

import gc
import os
import sys
import threading

import click

from handouts import __version__
from handouts.cli import patterns
from handouts.cli.build import build
from handouts.cli.check import check_command
from handouts.cli.listing import list_command
from handouts.cli.locations import locations
from handouts.cli.manifest import manifest
from handouts.cli.new import new
from handouts.cli.package import package
from handouts.cli.preflight import preflight
from handouts.cli.preview import preview
from handouts.cli.schema import schema
from handouts.cli.serve import serve


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="handouts")
def main() -> None:
    """Make print-ready patient-education PDFs (brochures, handouts, aftercare sheets) from YAML content
    and a clinic's branding."""


for command in (build, preview, preflight, check_command, schema, new, list_command, serve, package, locations,
                manifest):
    main.add_command(command)


# The command makes a few hundred thousand objects as it starts (the libraries it imports, the project it loads)
# that live until it exits: the cycle collector looks for garbage among new objects every 50,000 of them rather
# than every 700 (each look at the young walks them all and finds nothing).
START_UP_THRESHOLD = (50_000, 20, 100)


def run() -> None:
    """The ``handouts`` command. Once the command is done and its output flushed, the process ends without
    tearing down every object one by one (a tenth of a second of a one-PDF build), unless a thread or child
    process of it is still running, which a normal exit waits for."""
    gc.set_threshold(*START_UP_THRESHOLD)
    patterns.install()
    try:
        main()
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    if not isinstance(code, int):
        if code is not None:
            print(code, file=sys.stderr)
        code = 0 if code is None else 1
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except OSError:  # a closed pipe: nothing more can be said
        pass
    processes = sys.modules.get("multiprocessing")  # never imported: no child process of it
    if threading.active_count() > 1 or (processes is not None and processes.active_children()):
        sys.exit(code)
    os._exit(code)
