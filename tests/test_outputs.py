"""Outputs that mean what they say and never destroy, leak or hang (issues 15 and 16), through the real CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli.main import main

PAGE = "Skip to content\n\nThe council voted on Tuesday to close the old bridge for repairs.\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def run(args: list[str], input: str | bytes | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input, env=env)


def test_a_newline_in_a_file_name_cannot_forge_an_error_line(tmp_path: Path) -> None:
    (tmp_path / "x\nerror: forged.html").write_bytes(PNG)
    result = run([tmp_path])
    assert result.exit_code == 123
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(errors) == 1, result.stderr
    assert "x\\nerror: forged.html': binary input" in errors[0]


def test_non_finite_numbers_in_pass_through_fields_stay_valid_json(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    text = json.dumps(PAGE)
    feed.write_text('{"text": ' + text + ', "id": 1e999, "score": NaN, "low": -1e999}\n')
    result = run(["-f", "jsonl", feed])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout, parse_constant=lambda name: pytest_fail(name))
    assert (record["id"], record["score"], record["low"]) == ("Infinity", "NaN", "-Infinity")


def pytest_fail(name: str) -> None:
    raise AssertionError(f"{name} is not JSON")
