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


def test_no_install_command_names_the_unrelated_pypi_project() -> None:
    # A new-user trial: `pip install 'cleanup[dask]'` (README, and the CLI's "--scheduler needs Dask" message)
    # installs the PyPI project named cleanup (1.0.4), another one. Install from the checkout or its wheel.
    texts = {"README.md": (ROOT / "README.md").read_text(encoding="utf-8")}
    texts.update({str(p): p.read_text(encoding="utf-8") for p in (ROOT / "cleanup").rglob("*.py")})
    for name, text in texts.items():
        assert not re.search(r"""pip install ['"]?cleanup\[""", text), name
        assert "EXTRA_PIP_PACKAGES" not in text or "cleanup[" not in text, name


def test_set_up_installs_into_a_virtualenv_first() -> None:
    # A new-user trial: the system's pip refuses `pip install .` on many distributions (PEP 668).
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set-up on a fresh machine", 1)[1].split("\n## ", 1)[0]
    commands = [line for line in setup.splitlines() if "pip install" in line]
    assert commands[0].startswith("python3 -m venv .venv && . .venv/bin/activate && pip install . && ")
    assert all(c.startswith(("python3 -m venv .venv && ", ". .venv/bin/activate && ")) for c in commands)
