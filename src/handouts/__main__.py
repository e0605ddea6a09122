"""Turn ``python -m handouts`` into the command line."""

from handouts.cli import run

run()
