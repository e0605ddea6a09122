"""Turn ``handouts schema`` into the JSON Schema files editors use to complete and check the YAML."""

from __future__ import annotations

from pathlib import Path

import click


@click.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("schema"), show_default=True,
              help="Folder for the JSON Schema files.")
def schema(out) -> None:
    """Write JSON Schema for content blocks, topics, clinics, layouts, documents, printer profiles and fonts, for
    editor completion and validation."""
    from handouts.schema import write_schemas  # imported when the command runs: `--help` stays instant

    for path in write_schemas(out):
        click.echo(f"wrote {path}")
