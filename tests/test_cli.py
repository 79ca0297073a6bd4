"""The command-line contract: one behaviour and one exit code per test (STYLE.md section 5)."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli.main import main

CHROME = "Skip to content\n\nThe council voted on Tuesday to close the old bridge for repairs.\n"
CLEAN = "Bridge to close\n\nThe council voted on Tuesday to close the old bridge for repairs. Work starts in May.\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def run(args: list[str], input: str | bytes | None = None, env: dict[str, str] | None = None):
    return CliRunner().invoke(main, args, input=input, env=env)


def test_version_exits_0() -> None:
    result = run(["--version"])
    assert result.exit_code == 0, result.stderr
    assert "cleanup, version" in result.stdout


def test_piped_stdin_is_cleaned_without_arguments() -> None:
    result = run([], input=CHROME)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "The council voted on Tuesday to close the old bridge for repairs.\n"


def test_dash_reads_stdin() -> None:
    result = run(["-"], input=CHROME)
    assert result.exit_code == 0, result.stderr
    assert "Skip to content" not in result.stdout


def test_stdin_output_is_data_only_on_stdout() -> None:
    result = run(["-v", "-"], input=CHROME)
    assert result.exit_code == 0, result.stderr
    assert "<stdin>: cleaned" in result.stderr
    assert "cleaned" not in result.stdout


def test_check_exits_1_when_a_line_would_be_removed() -> None:
    result = run(["--check", "-"], input=CHROME)
    assert result.exit_code == 1, result.stderr
    assert result.stdout == ""
    assert "would change: <stdin>" in result.stderr


def test_check_exits_0_when_nothing_would_change() -> None:
    result = run(["--check", "-"], input=CLEAN)
    assert result.exit_code == 0, result.stderr


def test_diff_prints_a_unified_diff_and_exits_1() -> None:
    result = run(["--diff", "-"], input=CHROME)
    assert result.exit_code == 1, result.stderr
    assert "-Skip to content\n" in result.stdout
    assert result.stdout.startswith("--- <stdin>\n+++ <stdin> (cleaned)\n")


def test_a_diff_splits_lines_at_newlines_only() -> None:
    """A form feed or U+2028 inside a line is no line end: no "No newline at end of file" mid-diff."""
    from cleanup.output.render import unified_diff

    old = "Story with a \x0c form feed and a \u2028 separator.\n\nOld ending.\n"
    new = "Story with a \x0c form feed and a \u2028 separator.\n\nNew ending.\n"
    diff = unified_diff(old, new, "a", "b")
    assert "No newline" not in diff, diff
    assert "@@ -1,3 +1,3 @@" in diff and " Story with a \x0c form feed and a \u2028 separator.\n" in diff
    assert unified_diff("x", "y", "a", "b").count("\\ No newline at end of file") == 2


def test_diff_has_no_colour_when_not_a_terminal() -> None:
    result = run(["--diff", "-"], input=CHROME)
    assert result.exit_code == 1, result.stderr
    assert "\x1b[" not in result.stdout


def test_diff_colour_always_adds_ansi() -> None:
    result = run(["--diff", "--color", "always", "-"], input=CHROME)
    assert result.exit_code == 1, result.stderr
    assert "\x1b[31m-Skip to content" in result.stdout


def test_no_color_env_beats_nothing_but_color_never() -> None:
    result = run(["--diff", "-"], input=CHROME, env={"NO_COLOR": "1", "FORCE_COLOR": ""})
    assert result.exit_code == 1, result.stderr
    assert "\x1b[" not in result.stdout


def test_check_with_diff_prints_the_diff_and_exits_1_as_ruff_does() -> None:
    result = run(["--check", "--diff", "-"], input=CHROME)
    assert result.exit_code == 1, result.stderr
    assert "-Skip to content" in result.stdout


def test_unknown_flag_is_a_usage_error() -> None:
    result = run(["--frobnicate"])
    assert result.exit_code == 2, result.stderr


def test_binary_input_exits_123_with_one_error_line() -> None:
    result = run(["-"], input=PNG)
    assert result.exit_code == 123, result.stderr
    assert result.stderr.strip() == "error: <stdin>: binary input (a PNG image), not a page"


def test_empty_input_exits_123() -> None:
    result = run(["-"], input="")
    assert result.exit_code == 123, result.stderr
    assert "error: <stdin>: empty input" in result.stderr


@pytest.mark.parametrize("body", [b"", b"  \n"])
def test_an_empty_gzip_file_is_empty_input_and_writes_nothing(tmp_path: Path, body: bytes) -> None:
    # Found by a new-user trial: an empty .gz counted as cleaned and left a 0-byte output.
    (tmp_path / "d.txt.gz").write_bytes(gzip.compress(body))
    result = run(["-o", str(tmp_path / "out"), str(tmp_path / "d.txt.gz")])
    assert result.exit_code == 123, result.stderr
    assert f"error: {tmp_path / 'd.txt.gz'}: empty input" in result.stderr
    assert not (tmp_path / "out" / "d.txt").exists()


def test_missing_file_exits_123(tmp_path: Path) -> None:
    result = run([str(tmp_path / "nope.html")])
    assert result.exit_code == 123, result.stderr
    assert f"error: {tmp_path / 'nope.html'}: no such file or directory" in result.stderr


def test_quiet_prints_errors_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CHROME)
    (tmp_path / "b.html").write_bytes(PNG)
    result = run(["-q", "-o", str(tmp_path / "out"), str(tmp_path / "a.txt"), str(tmp_path / "b.html")])
    assert result.exit_code == 123, result.stderr
    assert result.stderr.splitlines() == [f"error: {tmp_path / 'b.html'}: binary input (a PNG image), not a page"]


def test_summary_line_counts_each_outcome(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CHROME)
    (tmp_path / "b.html").write_bytes(PNG)
    result = run(["-o", str(tmp_path / "out"), str(tmp_path / "a.txt"), str(tmp_path / "b.html")])
    assert result.exit_code == 123, result.stderr
    assert result.stderr.splitlines()[-1] == "1 cleaned, 1 failed."


def test_an_input_left_out_is_counted_when_writing_to_stdout(tmp_path: Path) -> None:
    (tmp_path / "README").write_text("hi\n")
    result = run([str(tmp_path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    assert "left out (1 file neither named nor shaped like a page)." in result.stderr


def test_verbose_prints_each_input_status(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CHROME)
    result = run(["-v", "-o", str(tmp_path / "out"), str(tmp_path / "a.txt")])
    assert result.exit_code == 0, result.stderr
    assert f"{tmp_path / 'a.txt'}: cleaned" in result.stderr


def test_jsonl_record_has_source_first() -> None:
    result = run(["--format", "jsonl", "-"], input=CHROME)
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert next(iter(record)) == "source"
    assert record["source"] == "<stdin>"


def test_broken_site_rule_file_exits_2_before_any_output(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "example.com.toml").write_text('[[drop_line]]\nname = "x"\nregx = "y"\n')
    (tmp_path / "a.txt").write_text(CHROME)
    out = tmp_path / "out"
    result = run(["--rules", str(rules), "-o", str(out), str(tmp_path / "a.txt")])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.startswith("error: ")
    assert not out.exists()


def test_skip_existing_without_output_dir_is_a_usage_error() -> None:
    result = run(["--skip-existing", "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr


@pytest.mark.parametrize("flag", ["--check", "--diff"])
def test_check_or_diff_with_output_to_stdout_is_a_usage_error(flag: str) -> None:
    result = run([flag, "-o", "-", "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "-o - is a stream: --check and --diff need a directory or a file to compare with" in result.stderr


def test_files_from_stdin_and_dash_source_is_a_usage_error() -> None:
    result = run(["--files-from", "-", "-"], input="")
    assert result.exit_code == 2, result.stderr


def test_version_does_not_import_heavy_modules() -> None:
    code = (
        "import sys\nfrom cleanup.cli import main\n"
        "try:\n    main(['--version'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('lxml', 'readability', 'rich', 'warcio') if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-1] == "[]"


def test_no_input_on_a_terminal_is_a_usage_error() -> None:
    import pty

    main_fd, terminal = pty.openpty()
    try:
        done = subprocess.run(
            [sys.executable, "-m", "cleanup"], stdin=terminal, capture_output=True, text=True, check=False, timeout=60
        )
    finally:
        os.close(main_fd)
        os.close(terminal)
    assert done.returncode == 2, done.stderr
    assert "no input" in done.stderr


def test_installed_entry_point_cleans_a_pipe() -> None:
    exe = Path(sys.executable).with_name("cleanup")
    if not exe.exists():
        pytest.skip("the cleanup entry point is not installed next to this Python")
    done = subprocess.run([str(exe)], input=CHROME, capture_output=True, text=True, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "The council voted on Tuesday to close the old bridge for repairs.\n"
    assert done.stderr == ""


# --- found by a new user's trial ----------------------------------------------------------


def test_disable_with_a_typo_is_a_usage_error_with_a_suggestion() -> None:
    result = run(["--disable", "image-captions", "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "no such rule (did you mean 'image-caption'?)" in result.stderr


def test_an_empty_disable_name_says_so() -> None:
    # Found by a trial run: "--disable ''" (an unset shell variable) read "--disable : no such rule".
    result = run(["--disable", "", "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "--disable an empty rule name" in result.stderr


def test_disable_of_the_article_choice_is_refused() -> None:
    result = run(["--disable", "outside-article", "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "cannot be switched off" in result.stderr


def test_disable_accepts_site_and_dom_rule_names() -> None:
    result = run(["--disable", "rollcall.com:recent-stories", "--disable", "nav-element", "-"], input=CHROME)
    assert result.exit_code == 0, result.stderr


def test_output_that_looks_like_a_file_name_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["-o", str(tmp_path / "out.txt"), "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "looks like a file name" in result.stderr
    assert not (tmp_path / "out.txt").exists()


def test_output_into_an_existing_file_says_how_to_write_one_file(tmp_path: Path) -> None:
    out = tmp_path / "clean.txt"
    out.write_text("kept\n")
    result = run(["-o", str(out), "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "is a regular file" in result.stderr
    assert "redirect stdout: cleanup page.html > out.txt" in result.stderr
    assert out.read_text() == "kept\n"


def test_config_format_json_gives_one_json_file_per_page_under_o_dir(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nformat = "json"\n')
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(CLEAN)
    monkeypatch.chdir(tmp_path)
    result = run(["-o", "out/", "pages"])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.json"]
    assert json.loads((tmp_path / "out" / "a.json").read_text())["text"].count("The council voted") == 1
    records = run(["-o", "all.jsonl", "pages"])
    assert records.exit_code == 0, records.stderr
    assert json.loads((tmp_path / "all.jsonl").read_text())["text"].count("The council voted") == 1


def test_help_names_every_subcommand_and_what_skip_existing_resumes() -> None:
    result = run(["--help"])
    assert result.exit_code == 0, result.stderr
    for command in ("rules list", "rules lint", "rules test", "rules export", "cleanup learn", "--learn -o"):
        assert command in result.stdout, command
    assert "-o FILE.jsonl: keep its records" in " ".join(result.stdout.split())


def test_a_config_file_anyone_can_write_is_not_used(tmp_path: Path, monkeypatch) -> None:
    # Found by an attack run: a cleanup.toml in any directory above (/tmp) was applied silently.
    config = tmp_path / "cleanup.toml"
    config.write_text('disable = ["skip-link"]\n')
    config.chmod(0o666)
    monkeypatch.chdir(tmp_path)
    result = run(["-"], input=CHROME)
    assert result.exit_code == 2 and "is writable by other users; not used" in result.stderr
    assert run(["--no-config", "-"], input=CHROME).exit_code == 0


def test_the_config_search_stops_at_the_project_root(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "cleanup.toml").write_text('format = "json"\n')
    project = tmp_path / "project"
    (project / ".git").mkdir(parents=True)
    monkeypatch.chdir(project)
    result = run(["-"], input=CHROME)
    assert result.exit_code == 0 and not result.stdout.startswith("{")  # text: the file above is not read


@pytest.mark.parametrize(
    ("line", "problem"), [('format = "xml"', "format must be one of"), ("jobs = 0", "jobs must be 1")]
)
def test_a_bad_value_in_the_config_file_names_the_file(tmp_path: Path, monkeypatch, line: str, problem: str) -> None:
    (tmp_path / "cleanup.toml").write_text(line + "\n")
    monkeypatch.chdir(tmp_path)
    result = run(["-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert f"config file {tmp_path / 'cleanup.toml'}: {problem}" in result.stderr


def test_a_config_file_with_a_byte_order_mark_is_read(tmp_path: Path, monkeypatch) -> None:
    # Found by a trial run: a BOM (a Windows editor's) made the file 'Invalid statement', exit 2.
    (tmp_path / "cleanup.toml").write_text('\ufeffformat = "json"\n', encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = run(["-"], input=CHROME)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("{")


@pytest.mark.parametrize("args", [["-"], ["rules", "list"]])
def test_a_bad_rules_directory_from_the_environment_or_config_says_so(tmp_path: Path, monkeypatch, args) -> None:
    # Found by a trial run: CLEANUP_RULES=notes.txt said "Invalid value for '--rules'", a flag the
    # user never typed, and CLEANUP_RULES=/gone said only "/gone: rule directory not found".
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes.txt").write_text("x\n")
    for value, problem in (("notes.txt", "is a file"), ("gone", "does not exist")):
        result = run(args, input=CHROME, env={"CLEANUP_RULES": value})
        assert result.exit_code == 2, result.output
        assert f"{problem} (from CLEANUP_RULES)." in result.output
    (tmp_path / "cleanup.toml").write_text('rules = ["gone"]\n')
    result = run(args, input=CHROME, env={"CLEANUP_RULES": ""})
    assert result.exit_code == 2 and "does not exist (from the config file)." in result.output, result.output
    assert "from" not in run(["--no-config", "--rules", "gone", "-"], input=CHROME).output


def test_an_unknown_disable_name_in_the_config_file_says_it_came_from_there(tmp_path: Path, monkeypatch) -> None:
    # Found by a trial run: 'Error: --disable nope: no such rule' for a flag the user never typed.
    (tmp_path / "cleanup.toml").write_text('disable = ["nope"]\n')
    monkeypatch.chdir(tmp_path)
    result = run(["-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "--disable nope: no such rule (see --list-rules) (from the config file)" in result.stderr
    typed = run(["--disable", "nope2", "-"], input=CHROME)
    assert typed.exit_code == 2 and "from the config file" not in typed.stderr


def test_check_against_a_jsonl_file_names_the_record_that_would_change(tmp_path: Path) -> None:
    pages = tmp_path / "pages"
    pages.mkdir()
    (pages / "a.txt").write_text(CLEAN)
    out = tmp_path / "all.jsonl"
    assert run(["-o", str(out), str(pages)]).exit_code == 0
    (pages / "b.txt").write_text(CHROME)
    result = run(["--check", "-o", str(out), str(pages)])
    assert result.exit_code == 1, result.stderr
    assert f"would change: {out}: the record of {pages / 'b.txt'}" in result.stderr
    assert "the record of " + str(pages / "a.txt") not in result.stderr


def test_check_against_a_jsonl_file_names_it_as_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("pages").mkdir()
    Path("pages/a.txt").write_text(CLEAN)
    assert run(["-o", "all.jsonl", "pages"]).exit_code == 0
    Path("pages/a.txt").write_text(CHROME)
    Path("pages/b.txt").write_text(CLEAN)
    Path("gone.jsonl").symlink_to("all.jsonl")  # a link is read through, and still named as given
    result = run(["--check", "-o", "gone.jsonl", "pages/b.txt"])
    assert result.exit_code == 1, result.stderr
    assert "would change: gone.jsonl: the record of pages/b.txt" in result.stderr
    assert "would be removed: gone.jsonl: the record of " in result.stderr
    result = run(["--check", "-o", "all.jsonl", "pages"])
    assert result.exit_code == 1, result.stderr
    assert "would change: all.jsonl: the record of pages/a.txt" in result.stderr
    assert str(tmp_path) not in result.stderr


def test_output_jsonl_with_format_text_says_to_leave_the_format_out(tmp_path: Path) -> None:
    result = run(["-o", str(tmp_path / "all.jsonl"), "-f", "text", "-"], input=CHROME)
    assert result.exit_code == 2, result.stderr
    assert "-o all.jsonl writes JSON Lines: leave out --format text" in " ".join(result.stderr.split())


def test_unknown_encoding_is_one_usage_error(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(CLEAN)
    result = run(["--encoding", "nosuch", str(tmp_path)])
    assert result.exit_code == 2, result.stderr
    assert result.stderr.count("unknown encoding") == 1


def test_a_missing_files_from_list_is_named(tmp_path: Path) -> None:
    result = run(["--files-from", str(tmp_path / "nosuch.lst")])
    assert result.exit_code == 123, result.stderr
    assert f"cannot read the list of files {tmp_path / 'nosuch.lst'}: " in result.stderr


def test_learn_names_each_missing_input_first_and_counts_one_page_as_one(tmp_path: Path) -> None:
    missing = run(["learn", str(tmp_path / "a"), str(tmp_path / "b"), "-o", str(tmp_path / "rules")])
    assert missing.exit_code == 2, missing.stderr
    assert f"error: {tmp_path / 'a'}: no such file or directory\n" in missing.stderr
    assert f"error: {tmp_path / 'b'}: no such file or directory\n" in missing.stderr
    (tmp_path / "p.txt").write_text(CLEAN)
    hostless = run(["learn", str(tmp_path / "p.txt"), "-o", str(tmp_path / "rules")])
    assert hostless.exit_code == 2, hostless.stderr
    assert "1 page with no URL to tell their host (give --site HOST)" in hostless.stderr


def test_rules_lint_of_a_missing_file_says_it_is_missing(tmp_path: Path) -> None:
    result = run(["rules", "lint", str(tmp_path / "nosuch.txt")])
    assert result.exit_code == 2, result.stderr
    assert f"{tmp_path / 'nosuch.txt'}: no such file or directory" in result.stderr


def test_rules_lint_works_beside_a_rules_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("rules").mkdir()
    Path("rules", "example.com.txt").write_text("strip: //div[@id='x']\n")
    lint = run(["rules", "lint", "rules"])
    assert lint.exit_code == 0, lint.output
    assert "example.com:strip#1" in run(["rules", "list", "--rules", "rules"]).stdout
    Path("list").write_text(CLEAN)
    inputs = run(["rules", "list"])  # a file named list is here too: both are inputs, as before
    assert "The council voted" in inputs.stdout


def test_several_text_pages_on_stdout_are_separated_by_a_blank_line(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(CLEAN)
    result = run([str(tmp_path / "a.txt"), str(tmp_path / "b.txt")])
    assert result.exit_code == 0, result.stderr
    one = CliRunner().invoke(main, [str(tmp_path / "a.txt")]).stdout
    assert result.stdout == one + "\n" + one


def test_a_mistyped_subcommand_says_which_was_meant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A new-user trial: `cleanup lern pages -o x` ran a batch with "lern" as a missing input, and said only
    # "error: lern: no such file or directory". The batch still runs; the first input's error names the fix.
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text("Story\n\nThe council approved the budget on Tuesday.\n")
    result = run(["lern", "pages", "-o", "x"])
    assert result.exit_code == 123
    assert "error: lern: no such file or directory; did you mean 'cleanup learn'?" in result.stderr.splitlines()
    assert [p.name for p in (tmp_path / "x").rglob("*.txt")] == ["a.txt"]
    result = run(["rulez", "list"])
    assert result.stderr.splitlines()[:2] == [
        "error: rulez: no such file or directory; did you mean 'cleanup rules'?",
        "error: list: no such file or directory",
    ]
    result = run(["pages", "lern"])  # not the first input: no subcommand was meant
    assert "error: lern: no such file or directory" in result.stderr.splitlines()
    assert "error: paegs: no such file or directory" in run(["paegs"]).stderr.splitlines()


def test_no_config_is_in_the_subcommands_help_and_taken_before_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A new-user trial: --no-config worked for `cleanup learn` and `cleanup rules list` but neither --help
    # listed it, and `cleanup --no-config rules list` cleaned the missing inputs "rules" and "list".
    monkeypatch.chdir(tmp_path)
    (tmp_path / "my-rules").mkdir()
    (tmp_path / "my-rules" / "gazette.example.toml").write_text(
        '[[drop_line]]\nname = "weekend"\nwhy = "promo"\nregex = "^Weekend edition$"\n', encoding="utf-8"
    )
    (tmp_path / "cleanup.toml").write_text('rules = ["my-rules"]\n', encoding="utf-8")
    for args in (["learn", "--help"], ["rules", "list", "--help"]):
        assert "--no-config" in run(args).stdout
    assert "gazette.example:weekend" in run(["rules", "list"]).stdout
    for args in (["rules", "list", "--no-config"], ["--no-config", "rules", "list"]):
        result = run(args)
        assert result.exit_code == 0, result.output
        assert "skip-link" in result.stdout and "gazette.example:weekend" not in result.stdout
    result = run(["--no-config", "learn", "--help"])
    assert result.exit_code == 0 and " learn [OPTIONS] INPUTS..." in result.stdout


def test_an_empty_site_is_a_usage_error() -> None:
    # Found by a new-user trial: --site '' (an unset variable) was taken silently.
    result = run(["--site", "", "-"], input=CHROME)
    assert result.exit_code == 2 and "--site: an empty host" in result.stderr


@pytest.mark.parametrize("site", ["https://www.rollcall.com/politics/x", "rollcall.com.", "WWW.RollCall.com"])
def test_site_takes_a_url_or_a_host_as_clean_does(site: str) -> None:
    # The up-front check read --site as it was given; clean() reads its host (trial: learn took the URL).
    result = run(["--site", site], input="Skip to content\n\nThe council met on Tuesday to close the old bridge.\n")
    assert result.exit_code == 0, result.output
    assert "Skip to content" not in result.output


def test_a_site_with_no_rule_file_is_still_a_usage_error() -> None:
    result = run(["--site", "https://nosuch.example/x"], input="Some text.\n")
    assert result.exit_code == 2 and "no site rule file for this host" in result.output
