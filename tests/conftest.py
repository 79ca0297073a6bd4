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


# Distinct story paragraphs of 140-200 characters: each one is prose (the text-rule tests build pages from them).
STORY_PARAGRAPHS = (
    "The city council voted 6-3 late Tuesday to approve a plan that will put as many as 1,200 new "
    "homes on the former rail yard along the river.",
    "Supporters said the plan is the city's best chance to ease a housing shortage that has pushed "
    "median rents up 38 percent since 2019, officials said.",
    "Opponents argued that the rail yard needs a full environmental review before any construction "
    "begins, and said they would consider a legal challenge.",
    "City planners estimate that the first homes could be ready by the spring of 2026, provided that "
    "the state signs off on a cleanup plan for the soil.",
)


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
