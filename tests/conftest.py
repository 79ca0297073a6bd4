"""Shared test options and fixture discovery.

``pytest --update-golden`` rewrites every fixture's expected.txt and
expected.json from the current code; review the git diff, it is the change.
CI never passes it.
"""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "fixtures"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite fixtures/*/expected.* from the current output"
    )


@pytest.fixture
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def golden_dirs() -> list[Path]:
    """Every fixture directory (one page each), sorted by slug."""
    return sorted(p for p in FIXTURES.iterdir() if p.is_dir() and any(p.glob("input.*")))
