"""``python -m cleanup``: the same command as ``cleanup``."""

from .cli import main

main(prog_name="cleanup")
