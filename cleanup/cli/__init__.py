"""The ``cleanup`` command line: the only package that imports click and rich."""

from cleanup.cli.main import main

__all__ = ["main"]
