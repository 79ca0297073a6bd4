"""A hostile rule file or page cannot forge output lines: text from them is escaped in messages.

Every message line (``error: ...``) and every --explain record is one line: a newline or
another control character that comes from a rule file (a regex, a ``why``, a name) or a page
is written as an escape (``\\n``), never as a line break (a new-user trial forged both).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from cleanup.model import SiteRuleError
from cleanup.sites.load import load_site

PAGE = (
    "Bridge closed for repairs\n\n"
    "The council voted on Tuesday to close the old bridge for repairs after engineers found cracks.\n\n"
    "Residents said they were not consulted, and some of them plan to appeal the decision in court.\n\n"
    "Promo line\n"
)
FORGED_REGEX = '[[drop_line]]\nname = "x"\nwhy = "w"\nregex = "(a\\nerror: forged.html: fake"\n'


def cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cleanup", *args], capture_output=True, text=True, cwd=cwd)


@pytest.mark.parametrize(
    "command",
    [
        ["--rules", "my-rules", "--site", "bad.example", "page.txt"],
        ["learn", "--rules", "my-rules", "page.txt", "-o", "out"],
    ],
)
def test_a_regex_with_a_newline_is_one_error_line_not_a_forged_one(tmp_path: Path, command: list[str]) -> None:
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "bad.example.toml").write_text(FORGED_REGEX, encoding="utf-8")
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    out = cli(*command, cwd=tmp_path)
    lines = out.stderr.splitlines()
    assert out.returncode == 2
    assert not any(line.startswith("error: forged.html") for line in lines)
    errors = [line for line in lines if line.startswith("error:")]
    assert len(errors) == 1 and errors[0].endswith("bad regex: missing ): (a\\nerror: forged.html: fake")


def test_a_site_rule_error_message_is_one_line_for_a_library_user(tmp_path: Path) -> None:
    (tmp_path / "bad.example.toml").write_text(FORGED_REGEX, encoding="utf-8")
    with pytest.raises(SiteRuleError) as exc:
        load_site(tmp_path / "bad.example.toml")
    assert "\n" not in str(exc.value) and "(a\\nerror: forged.html" in str(exc.value)


def test_a_why_with_a_newline_is_one_explain_line(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "good.example.toml").write_text(
        '[[drop_line]]\nname = "promo"\nwhy = "a\\nx.txt:9: fake: forged: \\u001b[2Kline"\nregex = "^Promo line$"\n',
        encoding="utf-8",
    )
    (tmp_path / "page.txt").write_text(PAGE, encoding="utf-8")
    out = cli("--explain", "--rules", "my-rules", "--site", "good.example", "page.txt", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    promo = [line for line in out.stderr.splitlines() if "Promo line" in line]
    assert promo == ["page.txt:7: good.example:promo: a\\nx.txt:9: fake: forged: \\x1b[2Kline: 'Promo line'"]
    assert not any(line.startswith("x.txt:9") for line in out.stderr.splitlines())


def test_a_why_with_a_newline_is_one_row_of_the_rule_listing(tmp_path: Path) -> None:
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "good.example.toml").write_text(
        '[[drop_line]]\nname = "promo"\nwhy = "a\\nforged-rule  line  text-lines  x"\nregex = "^Promo line$"\n',
        encoding="utf-8",
    )
    out = cli("--list-rules", "--rules", "my-rules", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    rows = [row for row in out.stdout.splitlines() if "good.example:promo" in row or "forged-rule" in row]
    assert len(rows) == 1 and "a\\nforged-rule" in rows[0]
