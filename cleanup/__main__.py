"""``python -m cleanup``: the same command as ``cleanup``."""

from cleanup.cli.main import main

if __name__ == "__main__":
    main(prog_name="cleanup")
