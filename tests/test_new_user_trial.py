"""Batch and input defects found by a new-user trial (2026-12-03)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from click.testing import CliRunner

from cleanup.cli.main import main

PAGE = (
    "<html><body><nav>Home</nav><article><h1>Head {n}</h1><p>This is the first paragraph of a long story "
    "about the council meeting where many topics were discussed at length.</p></article></body></html>"
)


def run(args: list, cwd: Path, stdin: str | bytes | None = None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args], input=stdin)
    finally:
        os.chdir(old)


def pages(directory: Path, *names: str) -> None:
    directory.mkdir(parents=True, exist_ok=True)
    for n, name in enumerate(names):
        (directory / name).write_text(PAGE.format(n=n))


def sources(path: Path) -> list[str]:
    return [json.loads(line)["source"] for line in path.read_text().splitlines()]


def test_a_file_reached_through_its_directory_and_directly_is_cleaned_once(tmp_path: Path) -> None:
    pages(tmp_path / "d2", "a.html", "b.html", "c.html")
    for args in (["d2/", "d2/a.html"], ["d2/a.html", "d2/"], ["d2/b.html", "d2", "d2/b.html"]):
        result = run(["-o", "all.jsonl", *args], tmp_path)
        assert result.exit_code == 0, result.stderr
        assert sources(tmp_path / "all.jsonl") == ["d2/a.html", "d2/b.html", "d2/c.html"], args
        check = run(["--check", "-o", "all.jsonl", *args], tmp_path)
        assert check.exit_code == 0, check.stderr


def test_nested_directories_give_one_record_per_file(tmp_path: Path) -> None:
    pages(tmp_path / "nest" / "a", "x.html")
    pages(tmp_path / "nest" / "a" / "b", "y.html", "z.html")
    result = run(["-f", "jsonl", "nest/a", "nest/a/b"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        "nest/a/b/y.html",
        "nest/a/b/z.html",
        "nest/a/x.html",
    ]


def test_a_file_inside_the_directory_given_keeps_the_directory_s_layout(tmp_path: Path) -> None:
    pages(tmp_path / "ph", "a.html", "b.html")
    assert run(["-q", "-o", "g/", "ph/", "ph/b.html"], tmp_path).exit_code == 0
    assert sorted(p.name for p in (tmp_path / "g").iterdir()) == ["a.txt", "b.txt"]


def test_a_file_the_walk_leaves_out_is_still_taken_when_named(tmp_path: Path) -> None:
    pages(tmp_path / "ph", "a.html", "b.html")
    result = run(["-f", "jsonl", "--exclude", "b.html", "ph/", "ph/b.html"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_a_list_naming_a_file_twice_relative_and_absolute_cleans_it_once(tmp_path: Path) -> None:
    pages(tmp_path / "ph", "a.html", "b.html")
    lines = ["ph/a.html", "ph/a.html", str(tmp_path / "ph" / "a.html"), "ph/b.html"]
    (tmp_path / "list").write_text("\n".join(lines) + "\n")
    result = run(["-o", "out/", "--files-from", "list"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt"]
    result = run(["-f", "jsonl", "ph/a.html", "--files-from", "list"], tmp_path)
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["ph/a.html", "ph/b.html"]


def test_skip_existing_appends_to_the_explain_file_of_the_earlier_run(tmp_path: Path) -> None:
    pages(tmp_path / "e", "a.html", "b.html")
    assert run(["--explain-file", "e.log", "-o", "eo/", "e/"], tmp_path).exit_code == 0
    before = (tmp_path / "e.log").read_text()
    pages(tmp_path / "e", "a.html", "b.html", "c.html")
    result = run(["--skip-existing", "--explain-file", "e.log", "-o", "eo/", "e/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    logged = {line.split(":", 1)[0] for line in (tmp_path / "e.log").read_text().splitlines()}
    assert logged == {"e/a.html", "e/b.html", "e/c.html"}
    whole = (tmp_path / "e.log").read_text()
    assert whole.startswith(before) and len(whole) > len(before)
    assert run(["--explain-file", "e.log", "-o", "eo/", "e/"], tmp_path).exit_code == 0
    assert (tmp_path / "e.log").read_text() == whole  # without --skip-existing: replaced, not appended to


def test_a_failed_write_cuts_an_appended_log_back_to_what_it_held(tmp_path: Path) -> None:
    from cleanup.cli.messages import ExplainFileError, Messages

    class Full:
        def write(self, text: str) -> None:
            with open(log, "a") as handle:
                handle.write(text[:5])  # part of the line reached the disk
            raise OSError(28, "No space left on device")

        def close(self) -> None:
            pass

    log = tmp_path / "e.log"
    log.write_text("a.html:3: nav: menu: 'Home'\n")
    messages = Messages(color=False, explain_to=Full(), explain_path=str(log), explain_kept=log.stat().st_size)
    try:
        messages.explain("b.html:4: nav: menu: 'News'")
    except ExplainFileError as exc:
        assert "No space left" in str(exc)
    assert log.read_text() == "a.html:3: nav: menu: 'Home'\n"


def test_a_blank_html_field_falls_back_to_the_text_field_as_null_does(tmp_path: Path) -> None:
    text = "A story sentence here. And more text of the story follows it."
    lines = [json.dumps({"html": html, "text": text}) for html in ("   ", None, "")]
    (tmp_path / "r.jsonl").write_text("\n".join(lines) + "\n")
    result = run(["-f", "jsonl", "r.jsonl"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [text] * 3
    (tmp_path / "b.jsonl").write_text(json.dumps({"html": "  "}) + "\n")
    assert "empty input" in run(["-f", "jsonl", "b.jsonl"], tmp_path).stderr  # no text to fall back to


def test_a_files_from_list_with_a_byte_order_mark_reads_its_first_path(tmp_path: Path) -> None:
    pages(tmp_path / "ph", "a.html", "b.html")
    for null in (False, True):
        sep = b"\0" if null else b"\r\n"
        (tmp_path / "list").write_bytes(b"\xef\xbb\xbf" + sep.join([b"ph/a.html", b"ph/b.html"]) + sep)
        result = run(["-f", "jsonl", *(["-0"] if null else []), "--files-from", "list"], tmp_path)
        assert result.exit_code == 0, result.stderr
        assert len(result.stdout.splitlines()) == 2


def test_a_listed_path_with_trailing_spaces_is_quoted_in_its_error(tmp_path: Path) -> None:
    pages(tmp_path / "ph", "a.html")
    (tmp_path / "list").write_text("ph/a.html\nph/x.html  \n")
    result = run(["-f", "jsonl", "--files-from", "list"], tmp_path)
    assert result.exit_code == 123
    assert "error: 'ph/x.html  ': no such file or directory" in result.stderr


def _warc(path: Path) -> None:
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    writer = WARCWriter(path.open("wb"), gzip=False)
    page = PAGE.format(n=1).encode()
    ok = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    empty = StatusAndHeaders("204 No Content", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    records = [
        ("https://x.org/1", "response", io.BytesIO(page), ok, None),
        ("https://x.org/2", "response", io.BytesIO(b""), empty, None),
        ("https://x.org/3", "resource", io.BytesIO(page), None, "text/html"),
        ("https://x.org/4", "resource", io.BytesIO(b"\x89PNG"), None, "image/png"),
    ]
    for url, kind, payload, headers, ctype in records:
        writer.write_record(
            writer.create_warc_record(url, kind, payload=payload, http_headers=headers, warc_content_type=ctype)
        )
    writer.out.close()


def test_warc_resource_pages_are_cleaned_and_a_204_is_left_out(tmp_path: Path) -> None:
    import pytest

    pytest.importorskip("warcio")
    _warc(tmp_path / "c.warc")
    result = run(["-v", "-f", "jsonl", "c.warc"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["url"] for line in result.stdout.splitlines()] == ["https://x.org/1", "https://x.org/3"]
    assert "2 cleaned, 2 left out (1 HTTP 204, 1 not a page: image/png)" in result.stderr
    assert "c.warc:2: left out (HTTP 204)" in result.stderr


def test_prune_of_standard_input_says_why_it_removes_nothing(tmp_path: Path) -> None:
    result = run(["--prune", "-o", "sp/"], tmp_path, stdin=PAGE.format(n=1))
    assert result.exit_code == 0, result.stderr
    assert "1 cleaned" in result.stderr and "no input was found" not in result.stderr
    assert "--prune: removed nothing: no input directory was given (standard input prunes nothing)" in result.stderr


def test_the_hint_for_a_json_file_name_under_f_json_is_for_json(tmp_path: Path) -> None:
    pages(tmp_path / "ph", "a.html")
    result = run(["-f", "json", "-o", "x.json", "ph/"], tmp_path)
    assert result.exit_code == 2
    assert "cleanup -f json INPUT... > out.json" in result.stderr and "out.txt" not in result.stderr
    assert "cleanup page.html > out.txt" in run(["-o", "x.txt", "ph/"], tmp_path).stderr


def test_a_link_to_a_directory_inside_an_input_directory_is_left_out_counted_and_named(tmp_path: Path) -> None:
    pages(tmp_path / "sl2" / "in", "a.html")
    pages(tmp_path / "other", "b.html")
    (tmp_path / "sl2" / "in" / "ms").symlink_to(tmp_path / "other")
    result = run(["-v", "-o", "sl2/out/", "sl2/in/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "1 cleaned, 1 left out (1 link to a directory, not followed)." in result.stderr
    assert "sl2/in/ms: left out (link to a directory, not followed)" in result.stderr
    assert sorted(p.name for p in (tmp_path / "sl2" / "out").iterdir()) == ["a.txt"]


def test_a_named_file_that_is_one_pretty_printed_json_object_is_one_record(tmp_path: Path) -> None:
    record = {"url": "https://example.com/a", "text": "A story sentence. Another sentence of the story."}
    (tmp_path / "pretty.json").write_text(json.dumps(record, indent=2))
    for args, stdin in ((["pretty.json"], None), ([], json.dumps(record, indent=2))):
        result = run(["-f", "jsonl", *args], tmp_path, stdin=stdin)
        assert result.exit_code == 0, result.stderr
        (got,) = [json.loads(line) for line in result.stdout.splitlines()]
        assert got["url"] == record["url"] and got["text"] == record["text"]
    (tmp_path / "two.json").write_text('{\n "text": "x"\n}\n{"text": "y"}\n')
    result = run(["-f", "jsonl", "two.json"], tmp_path)
    assert result.exit_code == 123 and "two.json:1: not valid JSON: Extra data" in result.stderr


def test_a_utf16_json_lines_file_is_one_clear_error_and_no_phantom_record(tmp_path: Path) -> None:
    records = [{"id": 1, "text": "Small record. One sentence of text."}, {"id": 2, "text": "Second record. More."}]
    body = "".join(json.dumps(r) + "\n" for r in records)
    (tmp_path / "u16r.jsonl").write_text(body, encoding="utf-16")
    (tmp_path / "u16noext").write_text(body, encoding="utf-16")
    (tmp_path / "u16le.jsonl").write_text(body, encoding="utf-16-le")  # no byte order mark
    (tmp_path / "u16a.json").write_text(json.dumps(records), encoding="utf-16")
    for name, what in (("u16r.jsonl", "JSON Lines"), ("u16noext", "JSON Lines"), ("u16le.jsonl", "JSON Lines")):
        result = run(["-f", "jsonl", name], tmp_path)
        assert result.exit_code == 123 and result.stdout == ""
        assert result.stderr.splitlines()[0] == (
            f"error: {name}: {what} must be UTF-8; this file is UTF-16 (convert it: iconv -f UTF-16 -t UTF-8)"
        )
        assert "codec" not in result.stderr and ":3" not in result.stderr
    result = run(["-f", "jsonl", "--input-format", "json", "u16a.json"], tmp_path)
    assert "u16a.json: JSON must be UTF-8; this file is UTF-16" in result.stderr
    # A JSON array is decoded whole: --encoding utf-16 reads it (review: it was refused even so).
    result = run(["-f", "jsonl", "--encoding", "utf-16", "u16a.json"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == [r["text"] for r in records]


def test_encoding_decodes_the_bytes_of_json_lines_records(tmp_path: Path) -> None:
    (tmp_path / "l1.jsonl").write_bytes(b'{"text": "Le caf\xe9 est ouvert. Une phrase de plus ici."}\n')
    result = run(["-f", "jsonl", "--encoding", "latin-1", "l1.jsonl"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["text"] == "Le café est ouvert. Une phrase de plus ici."
    result = run(["-f", "jsonl", "l1.jsonl"], tmp_path)
    assert "error: l1.jsonl:1: not UTF-8 (byte 0xe9 at offset 16; --encoding names the file's codec)" in result.stderr
    (tmp_path / "l1.json").write_bytes(b'[{"text": "Le caf\xe9 est ouvert. Une phrase de plus ici."}]')
    result = run(["-f", "jsonl", "--encoding", "latin-1", "l1.json"], tmp_path)
    assert json.loads(result.stdout)["text"] == "Le café est ouvert. Une phrase de plus ici."


def test_a_warc_content_type_with_control_characters_cannot_forge_a_line(tmp_path: Path) -> None:
    # Found by review: the left-out reason quoted the record's Content-Type as it came.
    import io

    import pytest

    pytest.importorskip("warcio")
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    forged = "image/x\x1b[31m\rerror: other.html: forged"
    with (tmp_path / "f.warc").open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        headers = StatusAndHeaders("200 OK", [("Content-Type", forged)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record("https://x.org/1", "response", payload=io.BytesIO(b"x"), http_headers=headers)
        )
    result = run(["-v", "-f", "jsonl", "f.warc"], tmp_path)
    assert "\x1b" not in result.stderr and "\r" not in result.stderr
    assert "not a page: image/x\\x1b[31m\\rerror: other.html: forged" in result.stderr


def test_a_file_named_beside_its_directory_that_the_walk_leaves_out_is_only_cleaned(tmp_path: Path) -> None:
    # Found by a trial: notes.php, named, was cleaned and also counted as left out by the walk.
    (tmp_path / "ex").mkdir()
    (tmp_path / "ex" / "a.html").write_text(PAGE.format(n=1))
    (tmp_path / "ex" / "notes.php").write_text("A note. The council met on Tuesday to vote on the bridge.\n")
    result = run(["-v", "-o", "out/", "ex/", "ex/notes.php"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "left out" not in result.stderr and "2 cleaned." in result.stderr


def test_records_piped_to_stdin_give_a_json_array_even_of_none(tmp_path: Path) -> None:
    # Found by a trial run: '[]' (or JSON Lines whose every record fails) piped to -f json printed nothing,
    # where the same file named gave "[]". A real pipe is needed: stdin is peeked at, as the reader does.
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    (tmp_path / "-").write_text(PAGE.format(n=1))  # a file named "-" is not what "-" reads
    for stdin, code in ((b"[]", 0), (b'{"x": 1}\n', 123)):
        for args in ([], ["-"]):
            done = subprocess.run(
                [sys.executable, "-m", "cleanup", "-f", "json", *args],
                input=stdin,
                capture_output=True,
                cwd=tmp_path,
                env=env,
                timeout=60,
                check=False,
            )
            assert (done.returncode, done.stdout) == (code, b"[]\n"), done.stderr


def test_skip_existing_skips_only_a_regular_output_file(tmp_path: Path) -> None:
    # Found by a trial run: a directory or FIFO where an output goes counted as "skipped (output exists)",
    # exit 0 with the page never cleaned, where a run without --skip-existing refuses it.
    pages(tmp_path / "in", "a.html", "b.html", "c.html")
    (tmp_path / "out" / "a.txt").mkdir(parents=True)
    os.mkfifo(tmp_path / "out" / "b.txt")
    assert run(["-o", "out", "in/c.html"], tmp_path).exit_code == 0  # out/c.txt: a real earlier output
    result = run(["--skip-existing", "-o", "out", "in"], tmp_path)
    assert result.exit_code == 123
    assert "out/a.txt is a directory, not a regular file" in result.stderr
    assert "out/b.txt is a FIFO, not a regular file" in result.stderr
    assert "1 skipped, 2 failed." in result.stderr


def test_a_pyproject_whose_tool_key_is_no_table_holds_no_config(tmp_path: Path) -> None:
    # Found by a trial run: 'tool = 1' in a pyproject.toml gave an AttributeError traceback.
    (tmp_path / ".git").mkdir()  # the project's root: the search stops here
    pages(tmp_path, "a.html")
    for tool in ("tool = 1", 'tool = "x"', "tool = [{cleanup = {jobs = 1}}]"):
        (tmp_path / "pyproject.toml").write_text(tool + "\n")
        result = run(["-v", "a.html"], tmp_path)
        assert result.exit_code == 0, result.stderr
        assert "Traceback" not in result.stderr and "config:" not in result.stderr


def test_a_config_nested_too_deeply_says_so_as_a_rule_file_does(tmp_path: Path) -> None:
    # Found by a trial run: the error was "maximum recursion depth exceeded".
    (tmp_path / ".git").mkdir()
    pages(tmp_path, "a.html")
    (tmp_path / "cleanup.toml").write_text("a = " + "[" * 100_000)
    result = run(["a.html"], tmp_path)
    assert result.exit_code == 2
    assert "cleanup.toml: invalid TOML: arrays or tables nested too deeply" in result.stderr


def test_an_empty_path_is_refused_not_read_as_the_working_directory(tmp_path: Path) -> None:
    # Found by a trial run: `cleanup "$IN"` with IN unset cleaned every page of the working directory,
    # `--rules ''` applied its .txt files as FiveFilters rules, `--explain-file ''` gave a traceback.
    pages(tmp_path, "a.html")
    (tmp_path / "example.com.txt").write_text("strip: //p\n")
    for args in (
        [""],
        ["-o", "out", ""],
        ["--rules", "", "--url", "https://example.com/a", "a.html"],
        ["--explain-file", "", "a.html"],
        ["--files-from", "", "a.html"],
        ["learn", "", "-o", "learned"],
        ["rules", "lint", ""],
        ["rules", "test", ""],
    ):
        result = run(args, tmp_path)
        assert result.exit_code == 2, (args, result.output)
        assert "an empty path (an unset shell variable?)" in result.stderr, args
    assert not (tmp_path / "out").exists() and not (tmp_path / "learned").exists()


def test_an_input_that_is_the_file_stdout_or_stderr_appends_to_is_refused_not_read_forever(tmp_path: Path) -> None:
    # Found by a trial run: `cleanup -f jsonl in.jsonl >> in.jsonl` read its own records as they were
    # appended, without end (800 MB in 15 s), as `cat f >> f` would if cat did not refuse it.
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    records = "".join(json.dumps({"html": PAGE.format(n=n)}) + "\n" for n in range(2))
    (tmp_path / "in.jsonl").write_text(records)
    (tmp_path / "other.jsonl").write_text(records)
    cli = [sys.executable, "-m", "cleanup", "-f", "jsonl"]
    for args, stdin in (
        ([], "in.jsonl"),
        (["in.jsonl", "other.jsonl"], None),
        (["."], None),
    ):
        (tmp_path / "in.jsonl").write_text(records)
        with (tmp_path / "in.jsonl").open("ab") as out, (tmp_path / (stdin or "other.jsonl")).open("rb") as inp:
            done = subprocess.run(
                [*cli, *args], stdin=inp, stdout=out, stderr=subprocess.PIPE, cwd=tmp_path, env=env, timeout=60
            )
        assert done.returncode == 123, done.stderr
        assert b"is the file standard output is written to; refusing to read it as input" in done.stderr
        cleaned = 0 if stdin else 2  # other.jsonl's records, named or walked
        assert len((tmp_path / "in.jsonl").read_text().splitlines()) == 2 + cleaned
    # Errors into a JSON Lines input with a bad line: each error line appended was read as one more bad line.
    (tmp_path / "bad.jsonl").write_text(records + "not JSON\n")
    with (tmp_path / "bad.jsonl").open("ab") as err:
        done = subprocess.run(
            [*cli, "bad.jsonl"], stdout=subprocess.DEVNULL, stderr=err, cwd=tmp_path, env=env, timeout=60
        )
    assert done.returncode == 123
    assert (tmp_path / "bad.jsonl").read_text() == records + "not JSON\n" + (
        "error: bad.jsonl: is the file standard error is written to; refusing to read it as input\n"
    )


def test_check_against_a_gzipped_jsonl_cut_short_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    # Found by a trial run: each input said "cannot read", then the look for stale records raised OutputError.
    pages(tmp_path / "in", "a.html", "b.html")
    assert run(["-o", "all.jsonl.gz", "in"], tmp_path).exit_code == 0
    whole = (tmp_path / "all.jsonl.gz").read_bytes()
    (tmp_path / "all.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    for flag in ("--check", "--diff"):
        result = run([flag, "-o", "all.jsonl.gz", "in"], tmp_path)
        assert result.exit_code == 123, result.output
        assert result.exception is None or isinstance(result.exception, SystemExit)
        assert "note: looked for no record whose input is gone: cannot read" in result.stderr
        assert "2 failed." in result.stderr
