"""Turn ``python -m handouts`` into the command line."""

from handouts.cli import main

main()
