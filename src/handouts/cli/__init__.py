"""Turn command-line arguments into calls of the library (one module per command, each a thin shell over the
public API), and its errors into messages and exit codes."""

from __future__ import annotations

import click

from handouts import __version__
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
