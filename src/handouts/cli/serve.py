"""Turn ``handouts serve`` into a local web app on the project: the front desk (print a filled aftercare sheet)
and the chain view (every document of every location, with its findings, rebuilt as files change)."""

from __future__ import annotations

from pathlib import Path

import click

from handouts.cli.options import project_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs an access token (one is generated).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True, help="Port to listen on.")
@click.option("--token", help="Access token to require (at least 16 characters; default: generated when --host "
                              "is not loopback).")
@click.option("--open", "open_browser", is_flag=True, help="Open the front desk in the browser once it is ready.")
@click.option("--out", "cache", type=click.Path(file_okay=False, path_type=Path),
              help="Where built PDFs and previews go (default: a folder in your cache, never the project).")
@project_option
def serve(host: str, port: int, token: str | None, open_browser: bool, cache: Path | None, root: Path) -> None:
    """Start the web app: the front desk at / and the chain at /chain. Nothing typed at the front desk is
    written to disk or logged. For every therapist on one office machine: --host 0.0.0.0 and the printed
    address with its token."""
    # Imported when the command runs: `--help` stays instant.
    from handouts.serve.server import address
    from handouts.serve.server import serve as run

    run(root, address(host, port, token), cache, open_browser, say=click.echo)
