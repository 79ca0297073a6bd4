"""Bundled site files: each loads, rule names are unique, and every [[expect]] holds offline."""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.sites.load import BUNDLED_DIR, load_site

from conftest import FIXTURES

SITE_FILES = sorted(BUNDLED_DIR.glob("*.toml"))


@pytest.mark.parametrize("path", SITE_FILES, ids=lambda p: p.name)
def test_site_file_loads_with_unique_names(path) -> None:
    site = load_site(path)
    assert len(set(site.rule_ids)) == len(site.rule_ids)
    assert all(rule.why for rule in (*site.drop_line, *site.drop_from, *site.strip, *site.body))


def _expectations() -> list:
    out = []
    for path in SITE_FILES:
        for expect in load_site(path).expect:
            out.append(pytest.param(path, expect, id=f"{path.stem}:{expect.fixture}"))
    return out


@pytest.mark.parametrize(("path", "expect"), _expectations())
def test_site_expectation_holds(path, expect) -> None:
    fixture = FIXTURES / expect.fixture
    source = next(fixture.glob("input.*"), None)
    assert source is not None, f"{path.name}: fixture {expect.fixture!r} not found in fixtures/"
    result = clean(source.read_bytes())
    output = result.to_text()
    for text in expect.keeps:
        assert text in output, f"{path.name}: {text!r} should be kept"
    for text in expect.drops:
        assert text not in output, f"{path.name}: {text!r} should be dropped"
        assert any(text in r.text for r in result.removed), f"{path.name}: {text!r} not reported as removed"


def test_every_site_file_has_an_expectation() -> None:
    """A site rule arrives with a fixture that shows it working."""
    missing = [p.name for p in SITE_FILES if not load_site(p).expect]
    assert not missing, f"site files without [[expect]]: {missing}"


def test_rule_directories_are_listed_once_per_process(tmp_path) -> None:
    # A batch must not glob the rule directories again for each new host (a review found the
    # cache lost once: 25 ms a page with 3,000 site files, against 4.5 ms).
    from cleanup.sites.load import site_files

    first = site_files((str(tmp_path),))
    (tmp_path / "late.example.toml").write_text('[[strip]]\nname = "x"\nwhy = "w"\nxpath = "//aside"\n')
    assert site_files((str(tmp_path),)) is first
