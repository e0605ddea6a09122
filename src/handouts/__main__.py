"""Run the command line as ``python -m handouts``."""

from handouts.cli import main

main()
