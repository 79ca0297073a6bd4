"""What the run reads is never written, emptied or removed: found by an attack run (2026-12-02).

--prune leaves inputs under -o alone; --explain-file refuses a link into an input directory,
another hard link of a file, and a FIFO nobody reads; the --files-from list and the rule files
are guarded like inputs; a records file that fails keeps its records' outputs.
"""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup.cli.main import main

PAGE = (
    "<html><body><nav>Home</nav><article><h1>Head</h1><p>This is the first paragraph of a long story "
    "about the council meeting where many topics were discussed at length.</p></article></body></html>"
)
TEXT = "Head\n\nA plain text story with one sentence long enough to be kept as prose here.\n"


def run(args: list, cwd: Path):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, [str(a) for a in args])
    finally:
        os.chdir(old)


def test_prune_leaves_an_input_directory_under_the_output_alone(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "b.html").write_text(PAGE)
    (tmp_path / "pages" / "a.txt").write_text(TEXT)
    result = run(["--prune", "-o", ".", "pages/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "pages" / "a.txt").read_text() == TEXT
    assert "its input is gone" not in result.stderr and "holds the input pages" in result.stderr


def test_prune_leaves_a_named_input_inside_the_output_alone(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "golden").mkdir()
    (tmp_path / "pages" / "b.html").write_text(PAGE)
    (tmp_path / "golden" / "notes.txt").write_text(TEXT)
    result = run(["--prune", "-o", "golden/", "pages/", "golden/notes.txt"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "golden" / "notes.txt").read_text() == TEXT


def test_prune_removes_no_file_it_did_not_write_beside_the_inputs(tmp_path: Path) -> None:
    # Found by an attack run: "cleanup --prune -o . pages/" removed requirements.txt and docs/LICENSE.txt.
    (tmp_path / "pages").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "pages" / "a.html").write_text(PAGE)
    (tmp_path / "requirements.txt").write_text("click\n")
    (tmp_path / "docs" / "LICENSE.txt").write_text("MIT\n")
    result = run(["--prune", "-o", ".", "pages/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / "requirements.txt").exists() and (tmp_path / "docs" / "LICENSE.txt").exists()
    assert "--prune: removed nothing: -o . holds the input pages" in result.stderr


@pytest.mark.parametrize("given", [["pagez/"], ["--files-from", "missing.lst"]])
def test_prune_removes_nothing_when_an_input_fails(tmp_path: Path, given: list[str]) -> None:
    # Found by an attack run: a typo in the input (or a missing list) removed every golden file.
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.html").write_text(PAGE)
    assert run(["-q", "-o", "golden", "pages/"], tmp_path).exit_code == 0
    result = run(["--prune", "-o", "golden", *given], tmp_path)
    assert result.exit_code in (2, 123), result.stderr
    assert (tmp_path / "golden" / "a.txt").exists()


def test_an_empty_output_path_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(TEXT)
    result = run(["--prune", "-o", "", "a.txt"], tmp_path)
    assert result.exit_code == 2 and "an empty path" in result.stderr


def test_prune_keeps_the_outputs_of_a_records_file_that_fails(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    records = "".join(json.dumps({"html": PAGE.replace("Head", f"Head {n}")}) + "\n" for n in range(3))
    crawl = tmp_path / "pages" / "crawl.jsonl.gz"
    crawl.write_bytes(gzip.compress(records.encode()))
    assert run(["-q", "-o", "golden", "pages/"], tmp_path).exit_code == 0
    before = sorted(p.name for p in (tmp_path / "golden" / "crawl").iterdir())
    assert len(before) == 3
    crawl.write_bytes(crawl.read_bytes()[:100])  # truncated: fails as a whole
    result = run(["--prune", "-o", "golden", "pages/"], tmp_path)
    assert result.exit_code == 123
    assert "truncated gzip data" in result.stderr and "its input is gone" not in result.stderr
    assert sorted(p.name for p in (tmp_path / "golden" / "crawl").iterdir()) == before


@pytest.mark.parametrize("link", ["symlink", "hardlink"])
def test_explain_file_refuses_a_link_to_a_file_in_an_input_directory(tmp_path: Path, link: str) -> None:
    (tmp_path / "pages").mkdir()
    (tmp_path / "pages" / "a.txt").write_text(TEXT)
    make = os.symlink if link == "symlink" else os.link
    make(tmp_path / "pages" / "a.txt", tmp_path / "removed.log")
    result = run(["--explain-file", "removed.log", "-o", "out", "pages/"], tmp_path)
    assert result.exit_code == 2, result.stderr
    assert (tmp_path / "pages" / "a.txt").read_text() == TEXT
    assert not (tmp_path / "out").exists()


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_an_explain_file_that_cannot_be_written_stops_with_one_error_line(tmp_path: Path) -> None:
    # Found by an attack run: a full disk (here /dev/full) behind --explain-file gave a traceback.
    seed = Path(__file__).resolve().parents[1] / "fixtures" / "rollcall-obama-hollande" / "input.txt"
    (tmp_path / "a.txt").write_bytes(seed.read_bytes())  # a page with removals to explain
    os.symlink("/dev/full", tmp_path / "removed.log")
    result = run(["--explain-file", "removed.log", "-o", "out", "a.txt"], tmp_path)
    assert result.exit_code == 123 and "Traceback" not in result.stderr
    assert "--explain-file removed.log: cannot write it: No space left on device; stopping" in result.stderr


def test_explain_file_refuses_a_fifo_nothing_reads(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "log")
    (tmp_path / "a.txt").write_text(TEXT)
    result = run(["--explain-file", "log", "a.txt"], tmp_path)
    assert result.exit_code == 2 and "FIFO" in result.stderr


def test_explain_file_refuses_a_site_file_of_the_rules(tmp_path: Path) -> None:
    (tmp_path / "rules").mkdir()
    site = tmp_path / "rules" / "example.com.toml"
    site.write_text('[[strip]]\nname = "x"\nwhy = "y"\nxpath = "//aside"\n')
    (tmp_path / "a.txt").write_text(TEXT)
    result = run(["--rules", "rules", "--explain-file", "rules/example.com.toml", "a.txt"], tmp_path)
    assert result.exit_code == 2, result.stderr
    assert site.read_text().startswith("[[strip]]")


def test_explain_file_refuses_a_page_a_shell_glob_put_in_its_place(tmp_path: Path) -> None:
    # A new-user trial: `cleanup --explain-file pages/*.html.gz` took pages/a.html.gz for the
    # log's name and emptied it (it is no input then: the glob's other pages are).
    (tmp_path / "pages").mkdir()
    first, second = tmp_path / "pages" / "a.html.gz", tmp_path / "pages" / "b.html.gz"
    first.write_bytes(gzip.compress(PAGE.encode()))
    second.write_bytes(gzip.compress(PAGE.encode()))
    (tmp_path / "notes.txt").write_text(TEXT)
    for log in (first, tmp_path / "notes.txt"):
        before = log.read_bytes()
        result = run(["--explain-file", log, second], tmp_path)
        assert result.exit_code == 2, result.stderr
        assert "holds no --explain log" in result.stderr
        assert log.read_bytes() == before


def test_explain_file_replaces_an_earlier_log_or_an_empty_file(tmp_path: Path) -> None:
    seed = Path(__file__).resolve().parents[1] / "fixtures" / "rollcall-obama-hollande" / "input.txt"
    (tmp_path / "a.txt").write_bytes(seed.read_bytes())  # a page with removals to explain
    (tmp_path / "removed.log").write_text("")
    for _ in range(2):  # the second run replaces the first run's log
        result = run(["--explain-file", "removed.log", "a.txt"], tmp_path)
        assert result.exit_code == 0, result.stderr
        assert (tmp_path / "removed.log").read_text().startswith("a.txt:1: skip-link: ")


@pytest.mark.parametrize("typo", ["typo.html", "/no/such/dir/typo.html"])
def test_a_missing_input_does_not_move_the_other_outputs(tmp_path: Path, typo: str) -> None:
    # A new-user trial: `--check -o gold/ ci/ typo.html` compared ci/'s pages with gold/ci/...,
    # so every golden "would change" (and a write would have made a second tree).
    (tmp_path / "ci").mkdir()
    (tmp_path / "ci" / "a.txt").write_text(TEXT)
    assert run(["-o", "gold", "ci/"], tmp_path).exit_code == 0
    check = run(["--check", "-o", "gold", "ci/", typo], tmp_path)
    assert check.exit_code == 123, check.stderr
    assert "1 unchanged, 1 failed." in check.stderr
    (tmp_path / "list.txt").write_text(f"ci/a.txt\n{typo}\n")
    listed = run(["--check", "-o", "gold", "--files-from", "list.txt"], tmp_path)
    assert listed.exit_code == 123, listed.stderr
    assert "1 unchanged, 1 failed." in listed.stderr
    assert sorted(p.name for p in (tmp_path / "gold").rglob("*")) == ["a.txt"]


def test_the_files_from_list_is_never_an_output(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    (tmp_path / "story.html").write_text(PAGE)
    (tmp_path / "index.txt").write_text("index.html\nstory.html\n")
    result = run(["--files-from", "index.txt", "-o", "."], tmp_path)
    assert (tmp_path / "index.txt").read_text() == "index.html\nstory.html\n"
    assert result.exit_code == 123 and "index.txt" in result.stderr


@pytest.mark.parametrize(
    ("flag", "value"),
    [("--timeout", "inf"), ("--timeout", "1e300"), ("--max-memory", "99999999999999"), ("--max-bytes", "9" * 23)],
)
def test_an_out_of_range_limit_is_a_usage_error(tmp_path: Path, flag: str, value: str) -> None:
    # Found by an attack run: each gave a traceback, or an internal error for every page.
    (tmp_path / "a.txt").write_text(TEXT)
    result = run([flag, value, "a.txt"], tmp_path)
    assert result.exit_code == 2 and "is not in the range" in result.stderr


@pytest.mark.parametrize("args", [["--timeout", "nan", "a.txt"], ["learn", "--min-share", "nan", "-o", "r", "a.txt"]])
def test_nan_is_a_usage_error(tmp_path: Path, args: list[str]) -> None:
    # Found by a new-user trial: --timeout nan turned the limit off, learn --min-share nan was a traceback.
    (tmp_path / "a.txt").write_text(TEXT)
    result = run(args, tmp_path)
    assert result.exit_code == 2 and "'nan' is not a number" in result.stderr


def test_a_full_disk_behind_stdout_is_one_error_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "a.html").write_text(PAGE)
    with open("/dev/full", "wb") as full:
        done = subprocess.run(
            [sys.executable, "-m", "cleanup", "-f", "json", "a.html"], cwd=tmp_path, stdout=full, stderr=subprocess.PIPE
        )
    assert done.returncode == 123
    assert done.stderr.decode().splitlines() == ["error: stdout: cannot write output: No space left on device"]


@pytest.mark.parametrize("output", ["all.jsonl", "out/a.txt"])
def test_a_rewritten_output_keeps_its_permissions(tmp_path: Path, output: str) -> None:
    # Found by an attack run: a 0600 output came back 0644 (the umask's mode) when rewritten.
    (tmp_path / "a.html").write_text(PAGE)
    target = tmp_path / output
    target.parent.mkdir(exist_ok=True)
    target.write_text('{"source": "a.html", "extractor": "text"}\n' if output.endswith("jsonl") else "old\n")
    target.chmod(0o600)
    result = run(["-q", "-o", "all.jsonl" if output.endswith("jsonl") else "out", "a.html"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert target.read_text() != "old\n" and (target.stat().st_mode & 0o777) == 0o600


def test_an_input_named_twice_is_cleaned_once(tmp_path: Path) -> None:
    # Found by an attack run: two records of one source, so --check failed right after the write.
    (tmp_path / "b.html").write_text(PAGE)
    assert run(["-q", "-o", "all.jsonl", "b.html", "b.html", "./b.html"], tmp_path).exit_code == 0
    assert len((tmp_path / "all.jsonl").read_text().splitlines()) == 1
    assert run(["--check", "-o", "all.jsonl", "b.html", "b.html"], tmp_path).exit_code == 0


def test_a_pretty_printed_json_file_in_a_crawl_directory_is_left_out(tmp_path: Path) -> None:
    # Found by an attack run: read as JSON Lines, each of its lines was an error (exit 123).
    (tmp_path / "crawl").mkdir()
    (tmp_path / "crawl" / "package.json").write_text('{\n  "name": "x",\n  "html": "<p>y</p>"\n}\n')
    (tmp_path / "crawl" / "a.html").write_text(PAGE)
    result = run(["-o", "out", "crawl/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "1 left out" in result.stderr and "error" not in result.stderr


def test_a_pretty_printed_json_export_holding_a_whole_page_is_left_out_not_read_as_html(tmp_path: Path) -> None:
    # Found by a trial: its "html" field's tags made it look like an HTML page; the output was escaped junk.
    (tmp_path / "crawl").mkdir()
    page = "<html><body>" + "<div><p>A paragraph of the story, with a sentence.</p></div>\n" * 10 + "</body></html>"
    (tmp_path / "crawl" / "item.json").write_text(json.dumps({"url": "https://x.org/a", "html": page}, indent=2))
    (tmp_path / "crawl" / "a.html").write_text(PAGE)
    result = run(["-v", "-o", "out", "crawl/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "crawl/item.json: left out" in result.stderr and not (tmp_path / "out" / "item.txt").exists()
    # Named beside its directory it is one record: the walk's rule and the dedupe's are one (sniff.walk_takes).
    result = run(["-q", "-f", "jsonl", "crawl/", "crawl/item.json"], tmp_path)
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == ["crawl/a.html", "crawl/item.json:1"]


def test_a_warc_header_line_past_a_megabyte_is_refused(tmp_path: Path) -> None:
    # Found by an attack run: warcio read it in quadratic time (32 MB: 21 s), outside --timeout.
    junk = b"WARC/1.0\r\nWARC-Type: response\r\nX-Junk: " + b"a" * 3_000_000 + b"\r\n\r\n"
    (tmp_path / "bad.warc").write_bytes(junk)
    result = run(["-f", "jsonl", "bad.warc"], tmp_path)
    assert result.exit_code == 123
    assert "not a readable WARC file: a header line over 1,048,576 bytes" in result.stderr


def test_a_password_in_a_url_is_never_written_out(tmp_path: Path) -> None:
    # Found by an attack run: --url, a record's url and a URL given as input came out whole.
    (tmp_path / "a.html").write_text(PAGE)
    result = run(["--url", "https://joe:s3cret@example.com/a", "-f", "json", "a.html"], tmp_path)
    assert json.loads(result.stdout)["url"] == "https://joe:***@example.com/a"
    result = run(["https://joe:s3cret@example.com/a"], tmp_path)
    assert result.exit_code == 2 and "s3cret" not in result.stderr and "joe:***@example.com" in result.stderr


def test_a_token_in_a_url_query_is_never_written_out(tmp_path: Path) -> None:
    # Found by an attack run: '?token=abc123' went whole into the JSON url and into usage errors.
    (tmp_path / "a.html").write_text(PAGE)
    url = "https://example.com/a?id=7&token=abc123&X-Amz-Signature=f00d"
    result = run(["--url", url, "-f", "json", "a.html"], tmp_path)
    assert json.loads(result.stdout)["url"] == "https://example.com/a?id=7&token=***&X-Amz-Signature=***"
    result = run([url], tmp_path)
    assert result.exit_code == 2 and "abc123" not in result.stderr and "f00d" not in result.stderr
    for secret in (
        "https://ex.com/cb#access_token=S2&token_type=bearer",
        "https://ex.com/p;jsessionid=S3",
        "https://ex.com/m?key=S4",
    ):
        result = run(["--url", secret, "-f", "json", "a.html"], tmp_path)
        assert "S2" not in result.stdout and "S3" not in result.stdout and "S4" not in result.stdout
        result = run([secret], tmp_path)
        assert result.exit_code == 2 and "=***" in result.stderr and "'URL'" in result.stderr


@pytest.mark.parametrize(
    ("args", "where"),
    [
        (["--url", "http://joe:s3cret@[::1/", "-f", "json", "a.html"], "stdout"),  # no URL urlsplit reads
        (["--site", "http://joe:s3cret@example.com", "a.html"], "stderr"),  # an error naming the URL
        (["--site", "joe:s3cret@example.com", "a.html"], "stderr"),  # a host with no scheme (a trial run)
        (["--site", "joe:s3cret@example.com/?next=https://x.org/", "a.html"], "stderr"),  # "//" later on
    ],
)
def test_a_password_in_an_odd_url_or_an_error_is_hidden(tmp_path: Path, args: list[str], where: str) -> None:
    # Found by an attack run: a URL urlsplit refuses kept its password, and so did error lines.
    (tmp_path / "a.html").write_text(PAGE)
    result = run(args, tmp_path)
    assert "s3cret" not in result.stdout + result.stderr
    assert "joe:***@" in getattr(result, where)


def test_a_masked_token_before_a_colon_keeps_the_colon_of_the_message(tmp_path: Path) -> None:
    # Found by a trial run: "--site URL?api_key=K: no site rule file" lost its ": " to the mask.
    (tmp_path / "a.html").write_text(PAGE)
    result = run(["--site", "https://example.com/?api_key=K", "a.html"], tmp_path)
    assert result.exit_code == 2
    assert "--site https://example.com/?api_key=***: no site rule file for this host" in result.stderr


def test_odd_names_fail_one_input_each_and_the_batch_goes_on(tmp_path: Path) -> None:
    # Found by an attack run: "..jsonl" in a directory and a name over 255 bytes gave tracebacks.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.html").write_text(PAGE)
    (tmp_path / "in" / "..jsonl").write_text(json.dumps({"html": PAGE}) + "\n")
    result = run(["-o", "out", "in/", "x" * 300], tmp_path)
    assert result.exit_code == 123 and "Traceback" not in result.stderr
    # The name that fails is no input: out/ mirrors in/ as if in/ were named alone.
    assert "File name too long" in result.stderr and (tmp_path / "out" / "a.txt").exists()
    assert (tmp_path / "out" / "records" / "000001.txt").exists()  # "..jsonl": its records in records/
    result = run(["-o", "y" * 300 + "/out", "in/a.html"], tmp_path)
    assert result.exit_code == 2 and "Traceback" not in result.stderr


@pytest.mark.parametrize("output", [[], ["-o", "out"]])
def test_a_files_from_list_with_a_line_no_path_could_be_is_refused(tmp_path: Path, output: list[str]) -> None:
    # Found by an attack run: --files-from /dev/zero read one endless line into memory.
    (tmp_path / "zeros").write_bytes(b"\0" * 200_000)
    result = run(["--files-from", "zeros", *output], tmp_path)
    assert result.exit_code == 123 and "a line over 65,536 bytes: not a list of paths" in result.stderr


def test_a_rerun_with_rules_and_output_in_one_directory_rewrites_its_own_outputs(tmp_path: Path) -> None:
    # Found by a review: every *.txt of a rules directory was guarded, the last run's outputs too.
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "page.html").write_text(PAGE)
    (tmp_path / "bbc.co.uk.txt").write_text("body: //article\n")  # a FiveFilters config stays guarded
    (tmp_path / "in" / "bbc.co.uk.html").write_text(PAGE)
    first = run(["--rules", ".", "-o", ".", "in/"], tmp_path)
    second = run(["--rules", ".", "-o", ".", "in/"], tmp_path)
    assert "page.txt" not in first.stderr and "page.txt" not in second.stderr
    assert (tmp_path / "bbc.co.uk.txt").read_text() == "body: //article\n"
    assert "bbc.co.uk" in second.stderr and second.exit_code == 123


def test_too_few_file_descriptors_names_a_command_that_then_runs(tmp_path: Path) -> None:
    # A new-user trial: under `ulimit -n 12` the hint "try -j 1" failed the same way (-j 1
    # still starts a worker for the default --timeout and --max-memory).
    import resource
    import subprocess
    import sys

    (tmp_path / "in").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "in" / f"{name}.txt").write_text(TEXT)

    def few() -> None:
        resource.setrlimit(resource.RLIMIT_NOFILE, (8, resource.getrlimit(resource.RLIMIT_NOFILE)[1]))

    def cleanup(*args: str) -> subprocess.CompletedProcess:
        cmd = [sys.executable, "-m", "cleanup", *args]
        return subprocess.run(cmd, cwd=tmp_path, preexec_fn=few, capture_output=True, text=True, timeout=120)

    hints = []
    for jobs in ("2", "1"):
        done = cleanup("-j", jobs, "-o", "out", "in/")
        assert done.returncode == 123 and "Traceback" not in done.stderr, done.stderr
        hints.append(done.stderr.strip().splitlines()[-1])
    assert hints[0] == hints[1]
    suggested = hints[0].rsplit("with no worker: ", 1)[1].split()
    done = cleanup(*suggested, "-o", "out", "in/")
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["a.txt", "b.txt", "c.txt"]


def _golden(tmp_path: Path, names: tuple[str, ...] = ("a", "b", "c")) -> Path:
    (tmp_path / "pages").mkdir()
    for name in names:
        (tmp_path / "pages" / f"{name}.html").write_text(PAGE.replace("Head", f"Head {name}"))
    assert run(["-q", "-o", "golden", "pages/"], tmp_path).exit_code == 0
    return tmp_path / "golden"


@pytest.mark.parametrize("given", [["empty/"], ["--include", "*.htm", "pages/"]])
def test_prune_removes_nothing_when_no_input_is_found(tmp_path: Path, given: list[str]) -> None:
    # Found by an attack run: an empty (unmounted) input directory, or a glob with a typo, removed every output.
    golden = _golden(tmp_path)
    (tmp_path / "empty").mkdir()
    result = run(["--prune", "-o", "golden", *given], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert "--prune: removed nothing: no input was found" in result.stderr
    assert sorted(p.name for p in golden.iterdir()) == ["a.txt", "b.txt", "c.txt"]


def test_prune_on_one_file_keeps_the_outputs_of_the_inputs_still_there(tmp_path: Path) -> None:
    # Found by an attack run: 'cleanup --prune -o golden/ pages/c.html' removed a.txt and b.txt,
    # "(its input is gone)", while pages/a.html and pages/b.html were there.
    golden = _golden(tmp_path)
    result = run(["--prune", "-o", "golden", "pages/c.html"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert sorted(p.name for p in golden.iterdir()) == ["a.txt", "b.txt", "c.txt"]
    assert "removed" not in result.stderr


def test_prune_on_one_file_of_a_subdirectory_keeps_the_other_outputs(tmp_path: Path) -> None:
    # A new-user trial: 'cleanup --prune -o golden/ pages/sub/d.html' mirrors sub onto golden/ and
    # removed golden/a.txt ... "(its input is gone)": a file named alone says nothing of its siblings.
    golden = _golden(tmp_path)
    (tmp_path / "pages" / "sub").mkdir()
    (tmp_path / "pages" / "sub" / "d.html").write_text((tmp_path / "pages" / "c.html").read_text())
    for given in (["pages/sub/d.html"], ["--files-from", "list.txt"]):
        (tmp_path / "list.txt").write_text("pages/sub/d.html\n")
        result = run(["--prune", "-o", "golden", *given], tmp_path)
        assert result.exit_code == 0, result.stderr
        assert sorted(p.name for p in golden.iterdir()) == ["a.txt", "b.txt", "c.txt", "d.txt"]
        assert "removed" not in result.stderr


def test_prune_keeps_a_file_below_the_output_that_no_input_directory_mirrors(tmp_path: Path) -> None:
    # Found by an attack run: the user's golden/docs/todo.txt went with --prune.
    golden = _golden(tmp_path)
    (golden / "docs").mkdir()
    (golden / "docs" / "todo.txt").write_text("mine\n")
    (tmp_path / "pages" / "a.html").unlink()
    result = run(["--prune", "-o", "golden", "pages/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (golden / "docs" / "todo.txt").read_text() == "mine\n"
    note = "note: kept 1 file below -o that no input of this run mirrors"
    note += " (their directory was not given, or gave no page)"
    assert f"{note}: golden/docs/todo.txt" in result.stderr
    assert not (golden / "a.txt").exists() and "removed: golden/a.txt (its input is gone)" in result.stderr


def test_prune_over_several_input_directories_keeps_what_no_page_directory_mirrors(tmp_path: Path) -> None:
    # Found by a review: with two input directories the shared parent (the working directory) stood in
    # for the input directory: golden/NOTES.txt went, and an emptied pages/ lost all its outputs.
    (tmp_path / "pages").mkdir()
    (tmp_path / "other").mkdir()
    for d, name in (("pages", "a"), ("pages", "b"), ("other", "x"), ("other", "y")):
        (tmp_path / d / f"{name}.html").write_text(PAGE.replace("Head", f"Head {name}"))
    assert run(["-q", "-o", "golden", "pages/", "other/"], tmp_path).exit_code == 0
    golden = tmp_path / "golden"
    (golden / "NOTES.txt").write_text("mine\n")
    for page in (tmp_path / "pages").iterdir():
        page.unlink()  # an unmounted share
    (tmp_path / "other" / "x.html").unlink()
    result = run(["--prune", "-o", "golden", "pages/", "other/"], tmp_path)
    assert result.exit_code == 0, result.stderr
    assert (golden / "NOTES.txt").exists() and (golden / "pages" / "a.txt").exists()
    assert not (golden / "other" / "x.txt").exists() and (golden / "other" / "y.txt").exists()


def test_scheduler_without_dask_names_the_flag_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A new-user trial: "error: --scheduler: --scheduler needs Dask ..." said the flag twice.
    import cleanup.batch.dask

    def missing(address: str) -> None:
        raise ImportError("No module named 'distributed'")

    monkeypatch.setattr(cleanup.batch.dask, "connect", missing)
    (tmp_path / "a.txt").write_text(TEXT)
    result = run(["--scheduler", "tcp://127.0.0.1:1", "a.txt"], tmp_path)
    assert result.exit_code == 2 and "error: --scheduler: needs Dask: pip install dask" in result.stderr
