"""Turn ``handouts manifest merge`` into one build manifest from the manifests the shards of a build wrote."""

from __future__ import annotations

from pathlib import Path

import click


@click.group()
def manifest() -> None:
    """The record of what each PDF in an output folder was made from."""


@manifest.command()
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("out"), show_default=True,
              help="The output folder holding the shards' PDFs and manifests (copied together after the shards ran).")
def merge(out: Path) -> None:
    """Fold the manifests of a sharded build (--shard I/N, one per shard) into one, so the next build of the
    whole chain rebuilds only what changed. A PDF is kept if its bytes are those its shard recorded."""
    from handouts.batch.manifest import merge as merge_manifests  # imported when run: `--help` stays instant

    if not out.is_dir():
        raise click.UsageError(f"{out} is not a folder: pass the output folder with --out")
    kept, left_out = merge_manifests(out)
    for key in left_out:
        click.echo(f"left out {out / key}: missing, or not the file its shard wrote (it will be built again)",
                   err=True)
    click.echo(f"merged: {kept} PDF(s) recorded in {out / '.handouts-manifest.json'}", err=True)
