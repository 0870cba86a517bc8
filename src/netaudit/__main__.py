"""Entry point for `python -m netaudit`."""

from netaudit.cli import main

main()
