"""Inputs that once killed a whole batch or cost minutes: each is now one per-input error.

Every case runs through the real CLI with a good page next to it: the good page
is cleaned, the bad one is reported as ``error: NAME: reason`` and the exit code
is 123 (issue 15 items 7, 10, 11, 16-21; issue 16 inputs).
"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli.main import main
from cleanup.html.extract import MAX_ATTRIBUTES, MAX_ELEMENTS

PROSE = "The council voted on Tuesday to close the old bridge for repairs after engineers found cracks."
MORE = "Residents said they were not consulted, and some of them plan to appeal the decision in court."
GOOD_HTML = f"<html><head><title>Bridge</title></head><body><article><p>{PROSE}</p><p>{MORE}</p></article></body>"


def run(args: list[str], input: str | bytes | None = None):
    return CliRunner().invoke(main, args, input=input)


def batch(tmp_path: Path, name: str, data: bytes, *args: str):
    """Run the CLI on a good page and ``name`` holding ``data``, as JSON Lines on stdout."""
    (tmp_path / "good.html").write_text(GOOD_HTML)
    bad = tmp_path / name
    bad.write_bytes(data)
    return run(["-f", "jsonl", *args, str(tmp_path / "good.html"), str(bad)])


def assert_one_failed(result, name: str, reason: str) -> None:
    assert result.exit_code == 123, (result.output, result.exception)
    assert PROSE in result.stdout
    assert f"{name}: " in result.stderr and reason in result.stderr, result.stderr


# --- item 11: caps on what one page may hold -------------------------------------------------------


def test_page_over_the_element_cap_is_one_error(tmp_path: Path) -> None:
    result = batch(tmp_path, "many.html", b"<html><body>" + b"<br>" * (MAX_ELEMENTS + 10))
    assert_one_failed(result, "many.html", "elements, over the limit")


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_gzipped_br_bomb_is_one_error_with_workers(tmp_path: Path, jobs: str) -> None:
    data = gzip.compress(b"<html><body><p>x</p>" + b"<br>" * 2_000_000, 9)
    result = batch(tmp_path, "bomb.html.gz", data, "-j", jobs, "--max-bytes", str(10**8))
    assert_one_failed(result, "bomb.html.gz", "elements, over the limit")


def test_tag_with_too_many_attributes_is_one_error(tmp_path: Path) -> None:
    attrs = " ".join(f"a{i}=x" for i in range(MAX_ATTRIBUTES * 5))
    result = batch(tmp_path, "attrs.html", f"<html><body><div {attrs}>{PROSE}</div></body></html>".encode())
    assert_one_failed(result, "attrs.html", "attributes")
