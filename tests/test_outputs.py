"""Outputs that mean what they say and never destroy, leak or hang (issues 15 and 16), through the real CLI."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
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


# Issue 15 section 1: -o never replaces what is not a regular file, and never an input.


def test_o_symlink_is_written_through_and_kept(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    real = tmp_path / "store" / "all.jsonl"
    real.parent.mkdir()
    real.write_text('{"source": "old.txt", "text": "an earlier output", "extractor": "text"}\n')
    link = tmp_path / "all.jsonl"
    link.symlink_to(real)
    result = run(["-o", link, tmp_path / "p.txt"])
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert json.loads(real.read_text())["text"].startswith("The council voted")


def test_o_character_device_is_streamed_to_not_replaced(tmp_path: Path) -> None:
    import os
    import stat

    (tmp_path / "p.txt").write_text(PAGE)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))  # a /dev/null of our own
    result = run(["-f", "jsonl", "-o", null, tmp_path / "p.txt"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)


def test_o_fifo_is_streamed_to(tmp_path: Path) -> None:
    import os
    import threading

    (tmp_path / "p.txt").write_text(PAGE)
    fifo = tmp_path / "feed.jsonl"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    result = run(["-o", fifo, tmp_path / "p.txt"])
    reader.join(timeout=30)
    assert result.exit_code == 0, result.stderr
    assert json.loads(got[0])["text"].startswith("The council voted")


@pytest.mark.parametrize("name", ["s.jsonl", "sock"])
def test_o_socket_is_refused_with_exit_2_and_no_hint_to_stream_to_it(tmp_path: Path, name: str) -> None:
    import socket

    (tmp_path / "p.txt").write_text(PAGE)
    path = tmp_path / name
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(path))
        result = run(["-o", path, tmp_path / "p.txt"])
    assert result.exit_code == 2
    message = " ".join(result.stderr.split())
    assert f"-o {path} is a socket" in message
    assert "streams records to it" not in message


def test_an_input_is_never_overwritten_by_another_inputs_output(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.html").write_text("<html><body><article><p>" + "The council met. " * 20 + "</p></article></body></html>")
    Path("x.txt").write_text(PAGE)
    result = run(["-j1", "-o", ".", "x.html", "x.txt"])
    assert result.exit_code == 123
    assert Path("x.txt").read_text() == PAGE


def test_an_input_listed_in_files_from_is_never_overwritten(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("x.html").write_text("<html><body><article><p>" + "The council met. " * 20 + "</p></article></body></html>")
    Path("x.txt").write_text(PAGE)
    result = run(["-j1", "-o", ".", "--files-from", "-"], input="x.html\nx.txt\n")
    assert result.exit_code == 123
    assert Path("x.txt").read_text() == PAGE


def test_a_linked_directory_in_the_output_tree_cannot_reach_an_input(tmp_path: Path) -> None:
    (tmp_path / "in" / "a").mkdir(parents=True)
    (tmp_path / "in" / "a" / "x.txt").write_text(PAGE)
    (tmp_path / "in" / "b").mkdir()
    (tmp_path / "in" / "b" / "x.txt").write_text("keep me\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a").symlink_to(tmp_path / "in" / "b")
    result = run(["-o", tmp_path / "out", tmp_path / "in"])
    assert result.exit_code == 123
    assert (tmp_path / "in" / "b" / "x.txt").read_text() == "keep me\n"
    assert "inside the input directory" in result.stderr


def test_files_from_naming_the_jsonl_output_is_a_usage_error(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    out = tmp_path / "all.jsonl"
    out.write_text('{"source": "keep"}\n')
    result = run(["-o", out, "--files-from", "-"], input=f"{tmp_path / 'p.txt'}\n{out}\n")
    assert result.exit_code == 2
    assert out.read_text() == '{"source": "keep"}\n'


def test_disk_full_during_a_jsonl_file_commits_nothing(tmp_path: Path, monkeypatch) -> None:
    import errno

    import cleanup.output.jsonl

    class FillsUp:
        """A file that takes one record, then reports a full disk."""

        def __init__(self, handle) -> None:  # type: ignore[no-untyped-def]
            self.handle, self.writes = handle, 0

        def write(self, data: bytes) -> int:
            self.writes += 1
            if self.writes > 1:
                raise OSError(errno.ENOSPC, "No space left on device")
            return self.handle.write(data)

        def flush(self) -> None:
            self.handle.flush()

        def close(self) -> None:
            self.handle.close()

    class OsOfJsonl:
        """The os module as cleanup.output.jsonl sees it, with a file that fills up (nothing else is patched)."""

        def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
            return getattr(os, name)

        @staticmethod
        def fdopen(fd: int, mode: str) -> FillsUp:
            return FillsUp(os.fdopen(fd, mode))

    monkeypatch.setattr(cleanup.output.jsonl, "os", OsOfJsonl())
    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(PAGE)
    out = tmp_path / "o" / "all.jsonl"
    result = run(["-j1", "-o", out, *(tmp_path / f"p{i}.txt" for i in range(3))])
    assert result.exit_code == 123
    assert "No space left on device" in result.stderr
    assert list((tmp_path / "o").iterdir()) == []


def test_disk_full_at_the_final_flush_is_an_error_not_a_traceback(tmp_path: Path, monkeypatch) -> None:
    import errno

    import cleanup.output.jsonl

    def replace(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(cleanup.output.jsonl.os, "replace", replace)
    (tmp_path / "p.txt").write_text(PAGE)
    out = tmp_path / "o" / "all.jsonl"
    result = run(["-o", out, tmp_path / "p.txt"])
    assert result.exit_code == 123, result.stderr
    assert "error: -o: cannot write" in result.stderr
    assert "Traceback" not in result.stderr
    assert list((tmp_path / "o").iterdir()) == []


# Issue 15 item 6: golden and output files are opened without following links, blocking or reading without end.


def _golden(tmp_path: Path) -> tuple[Path, Path]:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(PAGE)
    (tmp_path / "golden").mkdir()
    return tmp_path / "in", tmp_path / "golden"


def test_diff_refuses_a_golden_file_that_links_to_a_secret(tmp_path: Path) -> None:
    src, golden = _golden(tmp_path)
    secret = tmp_path / "environ"
    secret.write_text("AWS_SECRET=hunter2\n")
    (golden / "a.txt").symlink_to(secret)
    result = run(["--diff", "-o", golden, src])
    assert result.exit_code == 123
    assert "hunter2" not in result.stdout + result.stderr
    assert "symbolic link" in result.stderr


def test_diff_refuses_a_golden_directory_that_links_outside(tmp_path: Path) -> None:
    src, golden = _golden(tmp_path)
    (src / "sub").mkdir()
    (src / "sub" / "b.txt").write_text(PAGE)
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "elsewhere" / "b.txt").write_text("AWS_SECRET=hunter2\n")
    (golden / "sub").symlink_to(tmp_path / "elsewhere")
    result = run(["--diff", "-o", golden, src])
    assert result.exit_code == 123
    assert "hunter2" not in result.stdout + result.stderr


@pytest.mark.parametrize("flag", [[], ["--check"]])
def test_a_golden_or_output_that_is_a_directory_is_refused_by_name(tmp_path: Path, flag: list[str]) -> None:
    # Found by a trial run: 'cannot write output: Is a directory', under --check too (which writes nothing).
    src, golden = _golden(tmp_path)
    (golden / "a.txt").mkdir()
    result = run([*flag, "-o", golden, src])
    assert result.exit_code == 123, result.stderr
    assert f"{golden / 'a.txt'} is a directory, not a regular file; refusing it" in result.stderr
    assert "cannot write output" not in result.stderr


def test_check_does_not_hang_on_a_fifo_golden_or_read_dev_zero(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    src, golden = _golden(tmp_path)
    (src / "b.txt").write_text(PAGE)
    os.mkfifo(golden / "a.txt")
    (golden / "b.txt").symlink_to("/dev/zero")
    cmd = [sys.executable, "-m", "cleanup", "--check", "-o", str(golden), str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 123, done.stderr
    assert "a FIFO, not a regular file" in done.stderr
    assert "symbolic link" in done.stderr


def test_writing_over_a_fifo_output_file_does_not_hang(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    src, out = _golden(tmp_path)
    os.mkfifo(out / "a.txt")
    cmd = [sys.executable, "-m", "cleanup", "-o", str(out), str(src)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 123, done.stderr
    assert "a FIFO" in done.stderr


# Issue 16 item 6: -o values that mean what they say.


def test_o_dash_is_standard_output(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run(["-o", "-", "-"], input=PAGE)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("The council voted")
    assert not Path("-").exists()


def test_o_jsonl_gz_is_written_compressed(tmp_path: Path) -> None:
    import gzip

    (tmp_path / "p.txt").write_text(PAGE)
    out = tmp_path / "all.jsonl.gz"
    result = run(["-o", out, tmp_path / "p.txt"])
    assert result.exit_code == 0, result.stderr
    assert out.is_file()
    record = json.loads(gzip.decompress(out.read_bytes()))
    assert record["text"].startswith("The council voted")
    check = run(["--check", "-o", out, tmp_path / "p.txt"])
    assert check.exit_code == 0, check.stderr


@pytest.mark.parametrize("name", ["all.ndjson", "all.NDJSON", "all.ndjson.gz"])
def test_o_ndjson_is_one_json_lines_file_as_it_is_read(tmp_path: Path, name: str) -> None:
    # Found by a new-user trial: .ndjson is read as JSON Lines, but '-o all.ndjson' was refused
    # as a file name for a directory.
    import gzip

    (tmp_path / "p.txt").write_text(PAGE)
    out = tmp_path / name
    result = run(["-o", out, tmp_path / "p.txt"])
    assert result.exit_code == 0, result.stderr
    data = out.read_bytes()
    record = json.loads(gzip.decompress(data) if name.endswith(".gz") else data)
    assert record["text"].startswith("The council voted")
    assert run(["--check", "-o", out, tmp_path / "p.txt"]).exit_code == 0


def test_ambiguous_o_values_are_refused_with_a_hint(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    for name in ("all.json.gz", "all.txt.gz", "pages.zst"):
        result = run(["-o", tmp_path / name, tmp_path / "p.txt"])
        assert result.exit_code == 2, name
        assert "FILE.jsonl" in result.stderr
        assert not (tmp_path / name).exists()


@pytest.mark.parametrize("flag", [[], ["--check"]])
def test_o_below_a_regular_file_is_one_usage_error(tmp_path: Path, flag: list[str]) -> None:
    # Found by a trial run: -o afile/sub/ gave one 'cannot read afile/sub/x.txt: Not a directory'
    # error per input (exit 123), where -o afile says at once that it is a file (exit 2).
    pages = tmp_path / "pages"
    pages.mkdir()
    for name in ("a.txt", "b.txt"):
        (pages / name).write_text(PAGE)
    (tmp_path / "afile").write_text("notes\n")
    result = run([*flag, "-o", tmp_path / "afile" / "sub", pages])
    assert result.exit_code == 2, result.stderr
    assert f"-o {tmp_path / 'afile' / 'sub'}: {tmp_path / 'afile'} is a regular file, not a directory" in result.stderr
    assert "cannot read" not in result.stderr
    assert (tmp_path / "afile").read_text() == "notes\n"


@pytest.mark.parametrize("below", ["all.jsonl", "sub/all.jsonl"])
def test_o_jsonl_below_a_regular_file_names_the_file_in_the_way(tmp_path: Path, below: str) -> None:
    # Left by the trial: '-o afile/all.jsonl' said 'cannot read afile/all.jsonl: Not a directory'.
    (tmp_path / "p.txt").write_text(PAGE)
    (tmp_path / "afile").write_text("notes\n")
    result = run(["-o", tmp_path / "afile" / below, tmp_path / "p.txt"])
    assert result.exit_code == 2, result.stderr
    assert f"{tmp_path / 'afile'} is a regular file, not a directory" in result.stderr
    assert (tmp_path / "afile").read_text() == "notes\n"


# Issue 16 item 9: an interrupted JSON Lines file is finished by a rerun with --skip-existing.


def test_skip_existing_resumes_a_jsonl_file(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"p{i}.txt").write_text(PAGE.replace("Tuesday", f"day {i}"))
    out = tmp_path / "all.jsonl"
    first = run(["-o", out, tmp_path / "p0.txt"])
    assert first.exit_code == 0, first.stderr
    again = run(["-v", "--skip-existing", "-o", out, *(tmp_path / f"p{i}.txt" for i in range(3))])
    assert again.exit_code == 0, again.stderr
    assert "1 skipped" in again.stderr
    sources = [json.loads(line)["source"] for line in out.read_text().splitlines()]
    assert sources == [str(tmp_path / f"p{i}.txt") for i in range(3)]


# Issue 16 item 14: the removal log holds removals only.


def test_explain_to_stderr_leaves_the_summary_out(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE)
    result = run(["--explain", tmp_path / "a.txt", tmp_path / "b.txt"])
    assert result.exit_code == 0, result.stderr
    lines = result.stderr.splitlines()
    assert len(lines) == 2, result.stderr
    assert all(line.startswith(str(tmp_path)) and "'Skip to content'" in line for line in lines)


def test_explain_file_takes_the_removals_and_stderr_keeps_the_summary(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(PAGE)
    log = tmp_path / "removed.log"
    result = run(["--explain-file", log, tmp_path / "a.txt", tmp_path / "b.txt"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == "2 cleaned.\n"
    assert len(log.read_text().splitlines()) == 2
    assert "'Skip to content'" in log.read_text()


@pytest.mark.parametrize("case", ["input", "files-from list", "output", "inside an input directory"])
def test_explain_file_never_empties_an_input_the_list_or_the_output(tmp_path: Path, case: str) -> None:
    # Found by a new-user trial: opening the explain file emptied the page it named, or the --files-from list.
    pages = tmp_path / "pages"
    pages.mkdir()
    page = pages / "page.txt"
    page.write_text(PAGE)
    listing = tmp_path / "list.txt"
    listing.write_text(f"{page}\n")
    out = tmp_path / "all.jsonl"
    out.write_text('{"source": "old.txt", "extractor": "text"}\n')
    args, log = {
        "input": (["--explain-file", page, page], page),
        "files-from list": (["--files-from", listing, "--explain-file", listing, "-o", tmp_path / "o"], listing),
        "output": (["-f", "jsonl", "-o", out, "--explain-file", out, page], out),
        "inside an input directory": (["--explain-file", pages / "log.txt", pages], pages / "log.txt"),
    }[case]
    before = {p: p.read_bytes() for p in (page, listing, out)}
    result = run(args)
    assert result.exit_code == 2, result.output
    assert result.stderr.strip().splitlines()[-1].startswith(f"Error: --explain-file {log}: ")
    assert {p: p.read_bytes() for p in (page, listing, out)} == before
    assert not (pages / "log.txt").exists()


# Found by an attack review of the --explain-file fix.


def test_explain_file_named_in_a_files_from_list_on_stdin_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    result = run(["--files-from", "-", "--explain-file", page], input=f"{page}\n")
    assert result.exit_code == 2 and page.read_text() == PAGE


def test_explain_file_is_left_alone_when_the_run_is_a_usage_error(tmp_path: Path) -> None:
    page, log = tmp_path / "page.txt", tmp_path / "keep.log"
    page.write_text(PAGE)
    log.write_text("important\n")
    result = run(["--explain-file", log, "-f", "jsonl", "-o", page, page])  # -o is the input: exit 2
    assert result.exit_code == 2 and log.read_text() == "important\n"


def test_explain_file_inside_the_output_directory_is_refused(tmp_path: Path) -> None:
    page = tmp_path / "page.txt"
    page.write_text(PAGE)
    (tmp_path / "o").mkdir()
    result = run(["-o", tmp_path / "o", "--prune", "--explain-file", tmp_path / "o" / "log.txt", page])
    assert result.exit_code == 2 and "inside the output directory" in result.stderr
    assert list((tmp_path / "o").iterdir()) == []


def test_explain_file_that_is_the_redirected_stdout_writes_through_it(tmp_path: Path) -> None:
    page, out = tmp_path / "page.txt", tmp_path / "out.txt"
    page.write_text(PAGE)
    with out.open("wb") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "cleanup", "--explain-file", str(out), str(page)],
            stdout=handle,
            stderr=subprocess.PIPE,
        )
    assert done.returncode == 0, done.stderr
    text = out.read_text()
    assert "skip-link" in text and "The council voted on Tuesday" in text  # neither wrote over the other


@pytest.mark.parametrize("records", [0, 1])
def test_json_format_of_one_json_lines_file_is_an_array(tmp_path: Path, records: int) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text("".join(json.dumps({"text": PAGE, "url": f"https://a.example/{n}"}) + "\n" for n in range(records)))
    result = run(["-f", "json", feed])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == records


@pytest.mark.parametrize("records", [1, 2])
def test_json_format_of_records_piped_to_stdin_is_an_array(records: int) -> None:
    # A new-user trial: one record on stdin gave a bare object, two an array (README: always an array).
    feed = "".join(json.dumps({"text": PAGE, "url": f"https://a.example/{n}"}) + "\n" for n in range(records))
    result = run(["-f", "json"], input=feed)
    assert result.exit_code == 0, result.stderr
    assert [r["url"] for r in json.loads(result.stdout)] == [f"https://a.example/{n}" for n in range(records)]


# Issue 16 item 8: -f json on stdout is one JSON document.


def test_json_format_with_several_pages_on_stdout_is_one_array(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(PAGE)
    result = run(["-f", "json", tmp_path])
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    assert [Path(r["source"]).name for r in records] == ["a.txt", "b.txt", "c.txt"]


@pytest.mark.parametrize("cleaned", [0, 1])
def test_json_format_with_several_inputs_is_an_array_however_many_come_out(tmp_path: Path, cleaned: int) -> None:
    # Found by a new-user trial: one good page and one missing gave an object, two missing gave no JSON at all.
    (tmp_path / "a.txt").write_text(PAGE)
    names = [tmp_path / "a.txt"] * cleaned + [tmp_path / "missing.txt", tmp_path / "gone.txt"][cleaned:]
    result = run(["-f", "json", *names])
    assert result.exit_code == 123, result.stderr
    records = json.loads(result.stdout)
    assert isinstance(records, list) and len(records) == cleaned


def test_json_format_of_a_directory_of_one_page_is_an_array(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE)
    result = run(["-f", "json", tmp_path])
    assert result.exit_code == 0, result.stderr
    assert [Path(r["source"]).name for r in json.loads(result.stdout)] == ["a.txt"]


def test_json_format_with_one_page_on_stdout_is_one_object(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(PAGE)
    result = run(["-f", "json", tmp_path / "a.txt"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["text"].startswith("The council voted")


# Issue 16 item 10: nothing removed is lost, HTML removals included.


def test_html_removals_keep_their_whole_text_and_an_end_line(tmp_path: Path) -> None:
    related = "\n".join(f"<li><a href='/s{i}'>Related story number {i} about the harbour</a></li>" for i in range(20))
    page = (
        "<html><body><article><h1>Bridge to close</h1>"
        + "<p>The council voted on Tuesday to close the old bridge for repairs that take a year.</p>\n" * 6
        + f'<div class="related-articles"><h3>Related</h3>\n<ul>{related}</ul>\n</div>'
        + "</article></body></html>"
    )
    (tmp_path / "p.html").write_text(page)
    result = run(["-f", "json", tmp_path / "p.html"])
    assert result.exit_code == 0, result.stderr
    removed = [r for r in json.loads(result.stdout)["removed"] if "Related story number 19" in r["text"]]
    assert len(removed) == 1, json.loads(result.stdout)["removed"]
    assert len(removed[0]["text"]) > 200
    assert removed[0]["end"] > removed[0]["line"]


# Issue 16 item 12: golden files whose input is gone.


def test_check_reports_a_golden_file_whose_input_is_gone_and_prune_removes_it(tmp_path: Path) -> None:
    src, golden = _golden(tmp_path)
    (src / "b.txt").write_text(PAGE)
    assert run(["-o", golden, src]).exit_code == 0
    (src / "b.txt").unlink()
    (golden / "notes.md").write_text("not ours\n")
    check = run(["--check", "-o", golden, src])
    assert check.exit_code == 1, check.stderr
    assert f"would be removed: {golden / 'b.txt'}" in check.stderr
    assert (golden / "b.txt").exists()
    diff = run(["--diff", "-o", golden, src])
    assert diff.exit_code == 1
    assert "would be removed" in diff.stderr
    prune = run(["--prune", "-o", golden, src])
    assert prune.exit_code == 0, prune.stderr
    assert sorted(p.name for p in golden.iterdir()) == ["a.txt", "notes.md"]
    assert run(["--check", "-o", golden, src]).exit_code == 0


def test_a_failed_input_keeps_its_golden_file(tmp_path: Path) -> None:
    src, golden = _golden(tmp_path)
    (src / "b.txt").write_text(PAGE)
    assert run(["-o", golden, src]).exit_code == 0
    (src / "b.txt").write_bytes(PNG)
    result = run(["--prune", "-o", golden, src])
    assert result.exit_code == 123
    assert (golden / "b.txt").exists()


# Issue 15 item 9: closed standard streams and too few descriptors.


def _cleanup_with(args: list[str], cwd: Path, setup) -> subprocess.CompletedProcess:  # type: ignore[no-untyped-def]
    cmd = [sys.executable, "-m", "cleanup", *map(str, args)]
    return subprocess.run(cmd, cwd=cwd, preexec_fn=setup, capture_output=True, text=True, timeout=120)


def test_closed_stderr_still_cleans(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    done = _cleanup_with(["p.txt"], tmp_path, lambda: os.close(2))
    assert done.returncode == 0
    assert done.stdout.startswith("The council voted")


def test_closed_stdout_with_o_writes_the_files(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    done = _cleanup_with(["-o", "out", "p.txt"], tmp_path, lambda: os.close(1))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "p.txt").read_text().startswith("The council voted")


def test_closed_stdout_without_o_is_a_usage_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    done = _cleanup_with(["p.txt"], tmp_path, lambda: os.close(1))
    assert done.returncode == 2
    assert "standard output is closed" in done.stderr
    assert "Traceback" not in done.stderr


def test_too_few_descriptors_for_workers_is_a_clear_error(tmp_path: Path) -> None:
    import resource

    for i in range(4):
        (tmp_path / "in" / f"p{i}.txt").parent.mkdir(exist_ok=True)
        (tmp_path / "in" / f"p{i}.txt").write_text(PAGE)
    done = _cleanup_with(
        ["-j", "2", "-o", "out", "in"], tmp_path, lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (12, 12))
    )
    assert done.returncode == 123, done.stderr
    assert "too many open files" in done.stderr.lower()
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("error: -j: ")  # one clear line
    assert "Traceback" not in done.stderr


# Issue 15 item 14: temporary files a killed run left are cleaned by the next run into the same place.


def _dead_pid() -> int:
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(done.stdout)


def test_stale_temporary_files_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "p.txt").write_text(PAGE)
    out = tmp_path / "out"
    out.mkdir()
    dead, alive = _dead_pid(), os.getppid()
    (out / f".p.txt.{dead}.abcd_123.tmp").write_text("half a page")
    (out / f".all.jsonl.{dead}.zz9_abcd.tmp").write_text("half a record")
    (out / f".q.txt.{alive}.abcd_123.tmp").write_text("a running process writes this")
    result = run(["-o", out, tmp_path / "in"])
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [f".q.txt.{alive}.abcd_123.tmp", "p.txt"]


def test_stale_temporary_file_beside_a_jsonl_output_is_removed(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    out = tmp_path / "o"
    out.mkdir()
    (out / f".all.jsonl.{_dead_pid()}.k3j9x_q1.tmp").write_text("7 MB of records, cut short")
    result = run(["-o", out / "all.jsonl", tmp_path / "p.txt"])
    assert result.exit_code == 0, result.stderr
    assert [p.name for p in out.iterdir()] == ["all.jsonl"]


# Issue 16, small things: a config file found upward from the working directory; flags override it.


def test_pyproject_tool_cleanup_gives_defaults_that_flags_override(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nformat = "json"\nexclude = ["skip*"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(PAGE)
    (tmp_path / "sub" / "skip.txt").write_text(PAGE)
    monkeypatch.chdir(tmp_path / "sub")
    result = run(["."])
    assert result.exit_code == 0, result.stderr
    assert [r["source"] for r in json.loads(result.stdout)] == ["a.txt"]  # a directory: an array
    flag = run(["-f", "text", "."])
    assert flag.stdout.startswith("The council voted")
    ignored = run(["--no-config", "."])
    assert "Skip" not in ignored.stdout and ignored.stdout.count("The council voted") == 2


def test_cleanup_toml_wins_and_its_rules_dirs_are_relative_to_it(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.cleanup]\nformat = "json"\n')
    (tmp_path / "cleanup.toml").write_text('rules = ["no-such-rules"]\njobs = 1\n')
    (tmp_path / "a.txt").write_text(PAGE)
    monkeypatch.chdir(tmp_path)
    result = run(["a.txt"])
    assert result.exit_code == 2
    assert "no-such-rules" in result.stderr


def test_a_config_file_with_an_unknown_key_is_a_usage_error(tmp_path: Path, monkeypatch) -> None:
    (tmp_path / "cleanup.toml").write_text("jobz = 2\n")
    monkeypatch.chdir(tmp_path)
    result = run(["-"], input=PAGE)
    assert result.exit_code == 2
    assert "unknown key 'jobz'" in result.stderr


# Issue 16, small things: the progress bar shows the total and the time left when they are knowable.


def test_progress_bar_shows_the_total(tmp_path: Path) -> None:
    import pty
    import select

    src = tmp_path / "in"
    src.mkdir()
    for i in range(7):
        (src / f"p{i}.txt").write_text(PAGE)
    master, slave = pty.openpty()
    cmd = [sys.executable, "-m", "cleanup", "-j", "1", "-o", str(tmp_path / "out"), str(src)]
    proc = subprocess.Popen(cmd, stderr=slave, stdout=subprocess.DEVNULL, env={**os.environ, "TERM": "xterm"})
    os.close(slave)
    seen = b""
    while True:
        ready, _, _ = select.select([master], [], [], 60)
        try:
            chunk = os.read(master, 65536) if ready else b""
        except OSError:  # the other end closed
            chunk = b""
        if not chunk:
            break
        seen += chunk
    assert proc.wait(timeout=60) == 0
    os.close(master)
    assert b"/7" in seen, seen
    assert b"?" not in seen.replace(b"\x1b[?25l", b"").replace(b"\x1b[?25h", b""), seen


# Issue 16, small things: a site rule file whose name is not a host is never used: say so.


def test_a_site_file_not_named_after_a_host_warns(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    for name in ("notes.toml", "example.com.toml", ".example.org.toml"):
        (rules / name).write_text('[site]\nname = "x"\n')
    result = run(["--rules", rules, "-"], input=PAGE)
    assert result.exit_code == 0, result.stderr
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1, result.stderr
    assert "notes.toml: the file name is not a host name" in warnings[0]


def test_the_not_a_host_warning_escapes_a_newline_in_the_file_name(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "x\nerror: forged.toml").write_text('[site]\nname = "x"\n')
    result = run(["--rules", rules, "-"], input=PAGE)
    assert result.exit_code == 0, result.stderr
    assert not any(line.startswith("error:") for line in result.stderr.splitlines()), result.stderr
    assert "x\\nerror: forged.toml" in result.stderr


def test_a_site_rule_file_that_is_a_fifo_or_dev_zero_is_refused_without_hanging(tmp_path: Path) -> None:
    for make in (lambda p: os.mkfifo(p), lambda p: p.symlink_to("/dev/zero")):
        rules = tmp_path / f"rules{len(list(tmp_path.iterdir()))}"
        rules.mkdir()
        make(rules / "example.com.toml")
        cmd = [sys.executable, "-m", "cleanup", "--rules", str(rules), "-"]
        done = subprocess.run(cmd, input=PAGE, capture_output=True, text=True, timeout=60)
        assert done.returncode == 2, done.stderr
        assert "not a regular file" in done.stderr


def test_check_reports_a_jsonl_record_whose_input_is_gone(tmp_path: Path) -> None:
    src, _ = _golden(tmp_path)
    (src / "b.txt").write_text(PAGE)
    golden = tmp_path / "all.jsonl"
    assert run(["-o", golden, src]).exit_code == 0
    (src / "b.txt").unlink()
    check = run(["--check", "-o", golden, src])
    assert check.exit_code == 1, check.stderr
    assert f"would be removed: {golden}: the record of {src / 'b.txt'}" in check.stderr


def test_check_of_a_jsonl_file_agrees_with_a_run_when_no_input_is_found(tmp_path: Path) -> None:
    # A run over an emptied (or unmounted) directory writes no record and keeps the file: a check
    # that reported its records as removed would fail after every regeneration, never converging.
    src, _ = _golden(tmp_path)
    golden = tmp_path / "all.jsonl"
    assert run(["-o", golden, src]).exit_code == 0
    for page in src.iterdir():
        page.unlink()
    before = golden.read_bytes()
    assert run(["-o", golden, src]).exit_code == 0
    assert golden.read_bytes() == before
    check = run(["--check", "-o", golden, src])
    assert check.exit_code == 0, check.stderr
    assert "would be removed" not in check.stderr
    assert "note: looked for no record whose input is gone: no input was found" in check.stderr


@pytest.mark.parametrize(
    ("spoil", "message"),
    [
        (lambda lines: [*lines, "garbage\n"], "1 line that is no record"),
        (lambda lines: [*lines, lines[0]], "1 record of a source that is there already"),
        (lambda lines: lines[::-1], "its records in another order than the inputs'"),
    ],
    ids=["junk", "repeat", "order"],
)
def test_check_against_a_jsonl_golden_sees_what_a_run_would_rewrite(tmp_path: Path, spoil, message: str) -> None:
    # Found by a second new-user trial: a golden with a junk line, a repeated record or its records
    # in another order passed --check, though a run writes other bytes.
    src, _ = _golden(tmp_path)
    (src / "b.txt").write_text(PAGE)
    golden = tmp_path / "all.jsonl"
    assert run(["-o", golden, src]).exit_code == 0
    assert run(["--check", "-o", golden, src]).exit_code == 0
    golden.write_text("".join(spoil(golden.read_text().splitlines(keepends=True))))
    check = run(["--check", "-o", golden, src])
    assert check.exit_code == 1, check.stderr
    assert f"would change: {golden}: {message}" in check.stderr


def test_check_with_diff_names_each_change_and_prune_says_what_it_removed(tmp_path: Path) -> None:
    # Found by a second new-user trial: --check --diff printed no 'would change:' lines (the README
    # says "both"), and --prune removed goldens without a word unless -v.
    src, golden = _golden(tmp_path)
    (src / "b.txt").write_text(PAGE)
    assert run(["-o", golden, src]).exit_code == 0
    (golden / "a.txt").write_text("stale\n")
    both = run(["--check", "--diff", "-o", golden, src])
    assert both.exit_code == 1 and "+++ " in both.stdout
    assert f"would change: {golden / 'a.txt'}" in both.stderr
    (src / "b.txt").unlink()
    pruned = run(["--prune", "-o", golden, src])
    assert pruned.exit_code == 0 and f"removed: {golden / 'b.txt'} (its input is gone)" in pruned.stderr


def test_diff_against_a_jsonl_golden_shows_the_field_that_changed(tmp_path: Path) -> None:
    # Found by the new-user trials: each changed record was one changed line of kilobytes.
    src, _ = _golden(tmp_path)
    golden = tmp_path / "all.jsonl"
    assert run(["-o", golden, src]).exit_code == 0
    golden.write_text(golden.read_text().replace("The council voted", "The council vetoed"))
    diff = run(["--diff", "-o", golden, src])
    assert diff.exit_code == 1
    changed = [line for line in diff.stdout.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert [line[:10] for line in changed] == ['- "text": ', '+ "text": ']


def test_o_device_with_text_format_is_streamed_to_and_left_a_device(tmp_path: Path) -> None:
    # A new-user trial: -o /dev/null was refused in text format, though jsonl streamed to it.
    import stat

    (tmp_path / "p.txt").write_text(PAGE)
    null = tmp_path / "null"
    os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    result = run(["-o", null, tmp_path / "p.txt"])
    assert result.exit_code == 0, result.stderr
    assert stat.S_ISCHR(null.lstat().st_mode)


@pytest.mark.parametrize("fmt", ["jsonl", "text", "json"])
def test_o_dev_stdout_appended_with_shell_append_keeps_the_file(tmp_path: Path, fmt: str) -> None:
    # A new-user trial: `cleanup -f jsonl -o /dev/stdout ci/ >> app.jsonl` emptied app.jsonl
    # (reopening /dev/stdout with O_TRUNC empties the file the shell appends to).
    import subprocess
    import sys

    (tmp_path / "p.txt").write_text(PAGE)
    log = tmp_path / "app.log"
    log.write_text("kept line\n")
    with open(log, "ab") as out:
        cmd = [sys.executable, "-m", "cleanup", "-f", fmt, "-o", "/dev/stdout", str(tmp_path / "p.txt")]
        done = subprocess.run(cmd, stdout=out, stderr=subprocess.PIPE, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    kept, _, added = log.read_text().partition("\n")
    assert kept == "kept line"
    assert "The council voted" in added


def test_skip_existing_refuses_a_jsonl_file_with_lines_that_are_no_record(tmp_path: Path) -> None:
    # A new-user trial: `--skip-existing -o app.jsonl` over an application's log dropped its lines silently.
    (tmp_path / "p.txt").write_text(PAGE)
    log = tmp_path / "app.jsonl"
    log.write_text('{"level": "info", "msg": "started"}\nplain log line\n')
    result = run(["--skip-existing", "-o", log, tmp_path / "p.txt"])
    assert result.exit_code == 2
    assert "holds 2 lines that are no record of cleanup" in result.stderr
    assert log.read_text() == '{"level": "info", "msg": "started"}\nplain log line\n'


def test_skip_existing_refuses_a_one_line_file_that_is_no_record_even_without_its_newline(tmp_path: Path) -> None:
    # An attack run: '{"config": true}' with no newline was taken for a record cut short, and replaced.
    (tmp_path / "p.txt").write_text(PAGE)
    config = tmp_path / "p.jsonl"
    config.write_text('{"config": true}')
    result = run(["--skip-existing", "-o", config, tmp_path / "p.txt"])
    assert result.exit_code == 2 and "no record of cleanup" in result.stderr
    assert config.read_text() == '{"config": true}'


@pytest.mark.parametrize("name", ["notes.md", "data.jsonl", "table.csv"])
def test_jsonl_output_refuses_to_replace_a_file_that_is_no_output(tmp_path: Path, name: str) -> None:
    # An attack run: `-f jsonl -o notes.md` replaced the user's notes with records.
    (tmp_path / "p.txt").write_text(PAGE)
    mine = tmp_path / name
    mine.write_text("my notes\nsecond line\n")
    result = run(["-f", "jsonl", "-o", mine, tmp_path / "p.txt"])
    assert result.exit_code == 2 and "its first line is no record of cleanup" in result.stderr
    assert mine.read_text() == "my notes\nsecond line\n"


def test_jsonl_output_replaces_an_earlier_output_and_an_empty_or_cut_file(tmp_path: Path) -> None:
    (tmp_path / "p.txt").write_text(PAGE)
    out = tmp_path / "out.jsonl"
    assert run(["-o", out, tmp_path / "p.txt"]).exit_code == 0
    first = out.read_text()
    assert run(["-o", out, tmp_path / "p.txt"]).exit_code == 0 and out.read_text() == first
    for before in ("", first[:40], first[:5]):  # empty; a record cut short by a crash, even in its first key
        out.write_text(before)
        assert run(["-o", out, tmp_path / "p.txt"]).exit_code == 0 and out.read_text() == first


def test_jsonl_gz_output_cut_short_by_a_crash_is_replaced(tmp_path: Path) -> None:
    # Found by a review: a .jsonl.gz cut short was refused as unreadable; it was replaced before.
    import gzip

    (tmp_path / "p.txt").write_text(PAGE)
    out = tmp_path / "all.jsonl.gz"
    assert run(["-o", out, tmp_path / "p.txt"]).exit_code == 0
    whole = gzip.decompress(out.read_bytes())
    out.write_bytes(out.read_bytes()[:60])
    assert run(["-o", out, tmp_path / "p.txt"]).exit_code == 0 and gzip.decompress(out.read_bytes()) == whole


def test_jsonl_output_refuses_a_dataset_whose_rows_have_a_source_field(tmp_path: Path) -> None:
    # Found by a review: any row with a string "source" passed for a record of cleanup.
    (tmp_path / "p.txt").write_text(PAGE)
    data = tmp_path / "dataset.jsonl"
    rows = '{"source": "twitter", "text": "row 1", "label": 1}\n{"source": "reddit", "text": "row 2", "label": 0}\n'
    data.write_text(rows)
    result = run(["-o", data, tmp_path / "p.txt"])
    assert result.exit_code == 2 and "no record of cleanup" in result.stderr and data.read_text() == rows


def test_jsonl_to_an_output_ending_in_a_slash_is_refused(tmp_path: Path) -> None:
    # Found by an attack run: '-f jsonl -o out5/' wrote a file named out5.
    (tmp_path / "p.txt").write_text(PAGE)
    result = run(["-f", "jsonl", "-o", f"{tmp_path / 'out5'}/", tmp_path / "p.txt"])
    assert result.exit_code == 2 and "names a directory (it ends in /)" in result.stderr
    assert not (tmp_path / "out5").exists()
