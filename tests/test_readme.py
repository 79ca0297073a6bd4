"""The README is the manual: its set-up commands must be the ones CI runs."""

from __future__ import annotations

import re

from conftest import ROOT


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = re.search(r'^TEST_COMMAND="(.+)"$', ci, re.M).group(1)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert command in readme, f"README does not give the CI test command: {command}"


def test_readme_example_page_exists() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in re.findall(r"cleanup (fixtures/\S+/input\.\w+)", readme):
        assert (ROOT / path).is_file(), path
