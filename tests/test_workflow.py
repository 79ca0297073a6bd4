"""Batch, CI and crash behaviour of the CLI: directories, records, jobs, golden checks, signals."""

from __future__ import annotations

import errno
import gzip
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

import cleanup.output.write
from cleanup.cli.main import main

CHROME = "Skip to content\n\nThe council voted on Tuesday to close the old bridge for repairs.\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
ARTICLE_HTML = (
    "<!doctype html><html><head><title>Bridge to close</title></head><body>"
    "<nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>Bridge to close</h1>"
    + "<p>The council voted on Tuesday to close the old bridge for repairs that will take a year.</p>" * 5
    + "</article></body></html>"
)


def page(n: int) -> str:
    return f"Skip to content\n\nStory {n}\n\nThe council voted {n} times on Tuesday to close the old bridge.\n"


def run(args: list[str], input: str | bytes | None = None):
    return CliRunner().invoke(main, [str(a) for a in args], input=input)


def tree(root: Path, n: int = 6) -> Path:
    """n text pages in root/ and root/sub/."""
    for i in range(n):
        where = root / "sub" if i % 2 else root
        where.mkdir(parents=True, exist_ok=True)
        (where / f"p{i}.txt").write_text(page(i))
    return root


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def temp_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*.tmp")] if root.exists() else []


# --- sources -------------------------------------------------------------------------------


def test_directory_output_mirrors_the_input_tree(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["-o", out, tree(tmp_path / "in", 4)])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(out)) == ["p0.txt", "p2.txt", "sub/p1.txt", "sub/p3.txt"]
    assert files(out)["sub/p1.txt"].startswith(b"Story 1\n\n")


def test_upper_case_suffixes_are_taken_and_named_as_lower_case_ones(tmp_path: Path) -> None:
    # Found by a trial run: a directory's STORY.TXT was left out ('neither named nor shaped like a
    # page') while story.txt was cleaned, and PAGE.TXT.GZ gave out/PAGE.TXT.txt, page.txt.gz out/page.txt.
    (tmp_path / "in").mkdir()
    page = b"Story 1\n\nThe council voted on Tuesday to close the old bridge for repairs.\n"
    (tmp_path / "in" / "PAGE.TXT.GZ").write_bytes(gzip.compress(page))
    (tmp_path / "in" / "STORY.TXT").write_bytes(page)
    out = tmp_path / "out"
    result = run(["-o", out, tmp_path / "in"])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(out)) == ["PAGE.txt", "STORY.txt"]
    # An --include of the user's own matches as written.
    assert "nothing to do" in run(["--include", "*.txt", "-o", tmp_path / "o2", tmp_path / "in"]).stderr


def test_json_format_writes_one_json_file_per_page(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["-f", "json", "-o", out, tree(tmp_path / "in", 2)])
    assert result.exit_code == 0, result.stderr
    record = json.loads((out / "sub" / "p1.json").read_text())
    assert record["source"] == str(tmp_path / "in" / "sub" / "p1.txt")


def test_exclude_glob_skips_matching_files(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["--exclude", "sub", "-o", out, tree(tmp_path / "in", 4)])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(out)) == ["p0.txt", "p2.txt"]


def test_exclude_path_glob_is_relative_to_each_input_directory(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = run(["--exclude", "sub/*", "-o", out, tree(tmp_path / "a", 2), tree(tmp_path / "b", 2)])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(out)) == ["a/p0.txt", "b/p0.txt"]


def test_include_glob_replaces_the_default(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 2)
    (src / "x.page").write_text(page(9))
    out = tmp_path / "out"
    result = run(["--include", "*.page", "-o", out, src])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(out)) == ["x.txt"]


def test_include_path_glob_is_relative_to_each_input_directory_as_exclude(tmp_path: Path) -> None:
    # Found by a new-user trial: --include 'sub/*' matched nothing while --exclude 'sub/*' matched paths.
    out = tmp_path / "out"
    result = run(["--include", "sub/*", "-o", out, tree(tmp_path / "in", 4)])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(out)) == ["sub/p1.txt", "sub/p3.txt"]


def test_gzip_input_is_decompressed(tmp_path: Path) -> None:
    (tmp_path / "a.txt.gz").write_bytes(gzip.compress(CHROME.encode()))
    result = run([tmp_path / "a.txt.gz"])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "The council voted on Tuesday to close the old bridge for repairs.\n"


def test_files_from_a_file_mirrors_below_the_directory_the_paths_share(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    tree(Path("in"), 2)
    Path("list").write_text("in/sub/p1.txt\n\nin/p0.txt\n")
    result = run(["--files-from", "list", "-o", "out"])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(Path("out"))) == ["p0.txt", "sub/p1.txt"]  # as `cleanup -o out in/sub/p1.txt in/p0.txt`


def test_files_from_stdin(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 2)
    result = run(["--files-from", "-", "-f", "jsonl"], input=f"{src / 'p0.txt'}\n{src / 'sub' / 'p1.txt'}\n")
    assert result.exit_code == 0, result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [
        str(src / "p0.txt"),
        str(src / "sub" / "p1.txt"),
    ]


def test_a_dash_in_a_files_from_list_is_a_file_named_dash(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("-").write_text(CHROME)
    Path("list").write_text("-\n")
    result = run(["--files-from", "list", "-f", "jsonl"], input="")  # stdin is not read: paths in a list are paths
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "-"
    result = run(["--files-from", "-", "-o", "out"], input="-\n")
    assert result.exit_code == 0, result.stderr
    assert files(Path("out")) == {"-.txt": (tmp_path / "out" / "-.txt").read_bytes()}


def test_mixed_directory_cleans_the_good_and_lists_the_bad(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a-image.html").write_bytes(PNG)
    (src / "b-empty.html").write_bytes(b"")
    (src / "c-good.txt").write_text(CHROME)
    (src / "d-good.html").write_text(ARTICLE_HTML)
    out = tmp_path / "out"
    result = run(["-o", out, src])
    assert result.exit_code == 123, result.stderr
    assert f"error: {src / 'a-image.html'}: binary input (a PNG image), not a page" in result.stderr
    assert f"error: {src / 'b-empty.html'}: empty input" in result.stderr
    assert sorted(files(out)) == ["c-good.txt", "d-good.txt"]


def test_broken_symlink_is_one_error_and_the_rest_runs(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    (src / "dead.txt").symlink_to(tmp_path / "missing.txt")
    result = run(["-o", tmp_path / "out", src])
    assert result.exit_code == 123, result.stderr
    assert f"error: {src / 'dead.txt'}: broken symbolic link" in result.stderr
    assert sorted(files(tmp_path / "out")) == ["p0.txt"]


def test_symlink_loop_between_files_is_one_error(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    (src / "a.txt").symlink_to(src / "b.txt")
    (src / "b.txt").symlink_to(src / "a.txt")
    result = run(["-o", tmp_path / "out", src])
    assert result.exit_code == 123, result.stderr
    assert f"error: {src / 'a.txt'}: symbolic link loop" in result.stderr
    assert "p0.txt" in files(tmp_path / "out")


def test_directory_symlink_to_an_ancestor_is_reported_not_followed(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    (src / "loop").symlink_to(src)
    result = run(["-o", tmp_path / "out", src])
    assert result.exit_code == 123, result.stderr
    assert f"error: {src / 'loop'}: symbolic link loop" in result.stderr
    assert sorted(files(tmp_path / "out")) == ["p0.txt"]


def test_directory_listed_in_files_from_is_walked(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 2)
    (tmp_path / "list").write_text(f"{src}\n")
    result = run(["--files-from", tmp_path / "list", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    assert len(result.stdout.splitlines()) == 2


def test_directory_as_files_from_is_a_usage_error(tmp_path: Path) -> None:
    result = run(["--files-from", tmp_path])
    assert result.exit_code == 2, result.stderr


@pytest.mark.parametrize(
    "data", [b"\xef\xbb\xbf", b"\xef\xbb\xbf \n\n", b"\xff\xfe", b"\xef\xbb\xbf" * 2, b"\xff\xfe \x00\n\x00"]
)
def test_a_file_holding_only_a_byte_order_mark_is_empty_input(tmp_path: Path, data: bytes) -> None:
    # Found by an attack run: a BOM alone was cleaned to an empty output file, exit 0.
    (tmp_path / "bom.txt").write_bytes(data)
    result = run(["-o", tmp_path / "out", tmp_path / "bom.txt"])
    assert result.exit_code == 123 and "bom.txt: empty input" in result.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_fifo_is_not_a_regular_file(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    result = run([tmp_path / "pipe.txt"])
    assert result.exit_code == 123, result.stderr
    assert "not a regular file" in result.stderr and "cmd | cleanup -" in result.stderr  # the way that works


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads chmod 000 files")
def test_unreadable_file_is_one_error(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    (src / "secret.txt").write_text(CHROME)
    (src / "secret.txt").chmod(0)
    result = run(["-o", tmp_path / "out", src])
    assert result.exit_code == 123, result.stderr
    assert f"error: {src / 'secret.txt'}: Permission denied" in result.stderr


def _unprivileged() -> list[str]:
    """A command prefix that runs without root's right to read any file, or skips the test."""
    import shutil

    if os.geteuid() != 0:
        return []
    if shutil.which("setpriv") is None:
        pytest.skip("root reads chmod 000 files and setpriv is missing")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-dac_override,-dac_read_search", "--"]


def test_an_unreadable_file_named_on_the_command_line_is_one_error_and_the_batch_goes_on(tmp_path: Path) -> None:
    # Found by an attack run: click's "Path 'locked.txt' is not readable." was exit 2, and a.txt was not cleaned.
    prefix = _unprivileged()
    (tmp_path / "a.txt").write_text(CHROME)
    locked = tmp_path / "locked.txt"
    locked.write_text(CHROME)
    locked.chmod(0)
    cmd = [*prefix, sys.executable, "-m", "cleanup", "-o", str(tmp_path / "out"), str(locked), str(tmp_path / "a.txt")]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 123, done.stderr
    assert f"error: {locked}: Permission denied" in done.stderr
    assert (tmp_path / "out" / "a.txt").exists()


# --- JSON Lines and WARC input ---------------------------------------------------------------


def jsonl(path: Path, *records: object) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records))
    return path


def test_jsonl_records_are_cleaned_with_fields_passed_through(tmp_path: Path) -> None:
    crawl = jsonl(tmp_path / "crawl.jsonl", {"id": 7, "url": "https://example.org/a", "text": CHROME, "lang": "en"})
    result = run(["-f", "jsonl", crawl])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["source"], record["id"], record["url"], record["lang"]) == (
        f"{crawl}:1",
        7,
        "https://example.org/a",
        "en",
    )
    assert "Skip to content" not in record["text"]


def test_jsonl_bad_record_is_reported_by_line_and_the_rest_go_on(tmp_path: Path) -> None:
    crawl = jsonl(tmp_path / "crawl.jsonl", {"text": page(1)}, "{not json", {"body": "x"}, {"text": page(4)})
    result = run(["-f", "jsonl", crawl])
    assert result.exit_code == 123, result.stderr
    assert f"error: {crawl}:2: not valid JSON" in result.stderr
    assert f"error: {crawl}:3: no 'html' or 'text' field holding a string" in result.stderr
    assert [json.loads(line)["source"] for line in result.stdout.splitlines()] == [f"{crawl}:1", f"{crawl}:4"]


def test_jsonl_field_names_are_configurable(tmp_path: Path) -> None:
    crawl = jsonl(tmp_path / "items.jsonl", {"key": "k1", "link": "https://example.org/x", "content": CHROME})
    result = run(["-f", "jsonl", "--text-field", "content", "--url-field", "link", "--id-field", "key", crawl])
    assert result.exit_code == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["id"], record["url"]) == ("k1", "https://example.org/x")


def test_gzipped_jsonl_is_recognised_by_suffix(tmp_path: Path) -> None:
    (tmp_path / "c.jsonl.gz").write_bytes(gzip.compress(json.dumps({"text": CHROME}).encode() + b"\n"))
    result = run(["-f", "jsonl", tmp_path / "c.jsonl.gz"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == f"{tmp_path / 'c.jsonl.gz'}:1"


def test_jsonl_from_stdin_with_input_format(tmp_path: Path) -> None:
    result = run(["--input-format", "jsonl", "-f", "jsonl", "-"], input=json.dumps({"text": CHROME}) + "\n")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["source"] == "<stdin>:1"


def test_jsonl_records_go_to_one_file_each_under_output_dir(tmp_path: Path) -> None:
    crawl = jsonl(tmp_path / "crawl.jsonl", {"text": page(1)}, {"text": page(2)})
    result = run(["-o", tmp_path / "out", crawl])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(tmp_path / "out")) == ["crawl/000001.txt", "crawl/000002.txt"]


def warc_file(path: Path, pages: list[tuple[str, str, str]], codec: str = "utf-8") -> Path:
    """A gzipped WARC with one response record per (url, content type, body), bodies in ``codec``."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        for url, ctype, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            payload = io.BytesIO(body.encode(codec))
            record = writer.create_warc_record(url, "response", payload=payload, http_headers=headers)
            writer.write_record(record)
    return path


@pytest.mark.parametrize(
    ("codec", "charset"), [("cp1251", "windows-1251"), ("koi8_r", "KOI8-R"), ("shift_jis", "Shift_JIS")]
)
def test_a_charset_declared_only_in_the_http_header_decodes_the_page(tmp_path: Path, codec: str, charset: str) -> None:
    # Found by a new-user trial: the charset parameter was cut off the WARC record's Content-Type,
    # and a Russian page read as cp1252 ("Íîâîñòè"), with no error.
    pytest.importorskip("warcio")
    story = (
        "Городской совет утвердил новый бюджет на следующий год."
        if codec != "shift_jis"
        else "市議会は来年度の新しい予算を承認した。"
    )
    paragraphs = f"<p>{story}</p><p>{story} {story}</p>"
    body = f"<html><head><title>T</title></head><body><article>{paragraphs}</article></body></html>"
    crawl = warc_file(
        tmp_path / "crawl.warc.gz", [("https://example.org/1", f"text/html; charset={charset}", body)], codec
    )
    result = run(["-f", "jsonl", crawl])
    assert result.exit_code == 0, result.stderr
    assert story in json.loads(result.stdout)["text"]


def test_warc_response_records_are_cleaned_with_url_and_date(tmp_path: Path) -> None:
    pytest.importorskip("warcio")
    crawl = warc_file(
        tmp_path / "crawl.warc.gz",
        [
            ("https://example.org/story", "text/plain; charset=utf-8", CHROME),
            ("https://example.org/logo.png", "image/png", "not a page"),
        ],
    )
    result = run(["-f", "jsonl", crawl])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["url"] for r in records] == ["https://example.org/story"]
    assert records[0]["warc_date"].startswith("20")
    assert "Skip to content" not in records[0]["text"]


def test_warc_without_warcio_is_one_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "warcio.archiveiterator", None)
    (tmp_path / "crawl.warc").write_bytes(b"WARC/1.0\r\n")
    result = run([tmp_path / "crawl.warc"])
    assert result.exit_code == 123, result.stderr
    assert "reading WARC files needs warcio: pip install warcio" in result.stderr


# --- outputs and refusals ----------------------------------------------------------------------


def test_jsonl_output_file_holds_one_record_per_input_in_order(tmp_path: Path) -> None:
    result = run(["-o", tmp_path / "all.jsonl", tree(tmp_path / "in", 3)])
    assert result.exit_code == 0, result.stderr
    sources = [json.loads(line)["source"] for line in (tmp_path / "all.jsonl").read_text().splitlines()]
    assert sources == [str(tmp_path / "in" / n) for n in ("p0.txt", "p2.txt", "sub/p1.txt")]


def test_output_inside_the_input_directory_is_refused(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    result = run(["-o", src / "out", src])
    assert result.exit_code == 2, result.stderr
    assert "inside the input directory" in result.stderr
    assert not (src / "out").exists()


def test_output_file_that_is_an_input_is_refused(tmp_path: Path) -> None:
    crawl = jsonl(tmp_path / "crawl.jsonl", {"text": CHROME})
    result = run(["-o", crawl, crawl])
    assert result.exit_code == 2, result.stderr
    assert json.loads(crawl.read_text()) == {"text": CHROME}


def test_output_over_its_own_input_is_refused(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(CHROME)
    result = run(["-o", tmp_path, tmp_path / "a.txt"])
    assert result.exit_code == 123, result.stderr
    assert "refusing to overwrite the input" in result.stderr
    assert (tmp_path / "a.txt").read_text() == CHROME


def test_files_with_one_name_in_two_directories_keep_their_paths(tmp_path: Path) -> None:
    for d in ("a", "b"):
        (tmp_path / d).mkdir()
        (tmp_path / d / "x.txt").write_text(page(1))
    result = run(["-o", tmp_path / "out", tmp_path / "a" / "x.txt", tmp_path / "b" / "x.txt"])
    assert result.exit_code == 0, result.stderr
    assert sorted(files(tmp_path / "out")) == ["a/x.txt", "b/x.txt"]


def test_two_inputs_with_one_output_path_are_refused(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text(page(1))
    (tmp_path / "x.html").write_text(f"<html><body><p>{page(2)}</p></body></html>")
    result = run(["-o", tmp_path / "out", tmp_path / "x.html", tmp_path / "x.txt"])
    assert result.exit_code == 123, result.stderr
    assert "is also the output of" in result.stderr


def test_two_records_files_of_one_stem_do_not_mix_their_records_in_one_directory(tmp_path: Path) -> None:
    """items.jsonl and items.jsonl.gz both go to out/items/: the second file is refused whole.

    Claimed record by record, a record of the second file took the place of a failed record of
    the first (out/items/000002.txt from items.jsonl.gz, 000001.txt from items.jsonl).
    """
    lines = [json.dumps({"text": page(1)}), json.dumps({"no_page": 1}), json.dumps({"text": page(3)})]
    (tmp_path / "items.jsonl").write_text("\n".join(lines) + "\n")
    other = [json.dumps({"text": page(n)}) for n in (4, 5, 6)]
    (tmp_path / "items.jsonl.gz").write_bytes(gzip.compress(("\n".join(other) + "\n").encode()))
    result = run(["-o", tmp_path / "out", tmp_path / "items.jsonl", tmp_path / "items.jsonl.gz"])
    assert result.exit_code == 123, result.stderr
    assert sorted(files(tmp_path / "out")) == ["items/000001.txt", "items/000003.txt"], result.stderr
    assert "is also the output of" in result.stderr


def test_skip_existing_still_reports_two_inputs_with_one_output(tmp_path: Path) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "story.txt").write_text(page(1))
    (src / "story.html").write_text(f"<html><body><p>{page(2)}</p></body></html>")
    run(["-o", tmp_path / "out", src])
    again = run(["--skip-existing", "-o", tmp_path / "out", src])
    assert again.exit_code == 123, again.stderr
    assert "is also the output of" in again.stderr


def test_output_files_get_the_usual_mode(tmp_path: Path) -> None:
    """Atomic writes go through mkstemp (0600); the output must be readable as with open()."""
    import stat

    from cleanup.output.write import FILE_MODE

    result = run(["-o", tmp_path / "out", tree(tmp_path / "in", 1)])
    assert result.exit_code == 0, result.stderr
    written = next((tmp_path / "out").rglob("*.txt"))
    assert stat.S_IMODE(written.stat().st_mode) == FILE_MODE


# --- parallel and deterministic --------------------------------------------------------------


def test_jobs_2_writes_the_same_bytes_as_jobs_1(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 12)
    (src / "bad.html").write_bytes(PNG)
    one = run(["-j", 1, "--explain", "-o", tmp_path / "o1", src])
    two = run(["-j", 2, "--explain", "-o", tmp_path / "o2", src])
    assert (one.exit_code, two.exit_code) == (123, 123), two.stderr
    assert files(tmp_path / "o1") == files(tmp_path / "o2")
    assert one.stderr == two.stderr
    assert "skip-link" in two.stderr


def test_broken_site_rule_file_stops_a_parallel_batch_before_any_output(tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "example.com.toml").write_text('[[drop_line]]\nname = "x"\nregx = "y"\n')
    result = run(["-j", 2, "--rules", rules, "-o", tmp_path / "out", tree(tmp_path / "in", 6)])
    assert result.exit_code == 2, result.stderr
    assert not (tmp_path / "out").exists()


def test_jobs_2_streams_jsonl_in_input_order(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 12)
    one, two = run(["-j", 1, "-f", "jsonl", src]), run(["-j", 2, "-f", "jsonl", src])
    assert two.exit_code == 0, two.stderr
    assert one.stdout == two.stdout


def test_two_runs_write_identical_bytes(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 4)
    run(["-o", tmp_path / "a.jsonl", src])
    run(["-o", tmp_path / "b.jsonl", src])
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


def test_worker_crash_fails_one_input_and_the_rest_go_on() -> None:
    from cleanup.batch.jobs import ordered_map

    results = list(ordered_map(_crash_on_3, range(8), 2, crashed=lambda n: "crashed"))
    assert [n for n, _ in results] == list(range(8))
    assert results == [(n, "crashed" if n == 3 else n) for n in range(8)]  # only the item its worker was on


def test_workers_that_always_die_stop_the_run_with_worker_error() -> None:
    from cleanup.batch.jobs import WorkerError, ordered_map

    with pytest.raises(WorkerError):
        list(ordered_map(_crash_always, range(40), 2, crashed=lambda n: "crashed"))


def _crash_always(n: int) -> int:
    os._exit(1)


def _crash_on_3(n: int) -> int:
    if n == 3:
        os._exit(1)
    return n


# --- CI: golden sets -----------------------------------------------------------------------------


@pytest.mark.parametrize("jobs", [1, 2])
def test_golden_set_checked_with_the_same_version_is_clean(tmp_path: Path, jobs: int) -> None:
    src = tree(tmp_path / "in", 6)
    made = run(["-j", jobs, "-o", tmp_path / "golden", src])
    assert made.exit_code == 0, made.stderr
    checked = run(["-j", jobs, "--check", "-o", tmp_path / "golden", src])
    assert checked.exit_code == 0, checked.stderr


def test_golden_jsonl_file_checked_with_the_same_version_is_clean(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 3)
    run(["-o", tmp_path / "golden.jsonl", src])
    checked = run(["--check", "-o", tmp_path / "golden.jsonl", src])
    assert checked.exit_code == 0, checked.stderr


def test_check_lists_each_golden_file_that_would_change(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 2)
    run(["-o", tmp_path / "golden", src])
    (tmp_path / "golden" / "p0.txt").write_text("old output\n")
    before = files(tmp_path / "golden")
    result = run(["--check", "-o", tmp_path / "golden", src])
    assert result.exit_code == 1, result.stderr
    assert f"would change: {tmp_path / 'golden' / 'p0.txt'}" in result.stderr
    assert files(tmp_path / "golden") == before


def test_check_counts_a_missing_golden_file_as_a_change(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 2)
    run(["-o", tmp_path / "golden", src])
    (tmp_path / "golden" / "sub" / "p1.txt").unlink()
    result = run(["--check", "-o", tmp_path / "golden", src])
    assert result.exit_code == 1, result.stderr


def test_check_counts_a_missing_golden_as_a_change_even_for_an_empty_output(tmp_path: Path) -> None:
    # A page whose article is empty writes an empty golden file; without that file a run would
    # create it, so a check must not pass (it compared the empty output with '' for "none").
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "menu.txt").write_text("Skip to content\n")
    run(["-o", tmp_path / "golden", tmp_path / "in"])
    assert (tmp_path / "golden" / "menu.txt").read_text() == ""
    (tmp_path / "golden" / "menu.txt").unlink()
    result = run(["--check", "-o", tmp_path / "golden", tmp_path / "in"])
    assert result.exit_code == 1, result.stderr
    assert "would change" in result.stderr


def test_diff_shows_a_missing_golden_as_a_new_file(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    result = run(["--diff", "-o", tmp_path / "golden", src])
    assert result.exit_code == 1, result.stderr
    assert result.stdout.startswith("--- /dev/null\n+++ "), result.stdout
    assert "+Story 0\n" in result.stdout


def test_diff_against_golden_prints_the_change_and_exits_1(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    run(["-o", tmp_path / "golden", src])
    (tmp_path / "golden" / "p0.txt").write_text("old output\n")
    result = run(["--diff", "-o", tmp_path / "golden", src])
    assert result.exit_code == 1, result.stderr
    assert "-old output\n" in result.stdout
    assert "+Story 0\n" in result.stdout


def test_check_with_a_failed_input_exits_123(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 1)
    run(["-o", tmp_path / "golden", src])
    (src / "bad.html").write_bytes(PNG)
    result = run(["--check", "-o", tmp_path / "golden", src])
    assert result.exit_code == 123, result.stderr


# --- interruption, resume, full disks --------------------------------------------------------------


def test_skip_existing_cleans_only_the_missing_outputs(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 4)
    run(["-o", tmp_path / "out", src])
    (tmp_path / "out" / "p2.txt").unlink()
    (tmp_path / "out" / "p0.txt").write_text("kept\n")
    result = run(["--skip-existing", "-o", tmp_path / "out", src])
    assert result.exit_code == 0, result.stderr
    assert result.stderr.splitlines()[-1] == "1 cleaned, 3 skipped."
    assert (tmp_path / "out" / "p0.txt").read_text() == "kept\n"


def test_ctrl_c_exits_130_and_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls = []

    def replace(src: str, dst: str) -> None:
        calls.append(dst)
        if len(calls) == 2:
            raise KeyboardInterrupt
        os.rename(src, dst)

    monkeypatch.setattr(cleanup.output.write.os, "replace", replace)
    out = tmp_path / "out"
    result = run(["-j", 1, "-o", out, tree(tmp_path / "in", 4)])
    assert result.exit_code == 130, result.stderr
    assert "rerun with --skip-existing" in result.stderr
    assert temp_files(out) == []
    assert len(files(out)) == 1


def test_disk_full_is_one_error_and_leaves_no_partial_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def replace(src: str, dst: str) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(cleanup.output.write.os, "replace", replace)
    src = tree(tmp_path / "in", 3)
    before = files(src)
    result = run(["-o", tmp_path / "out", src])
    assert result.exit_code == 123, result.stderr
    assert f"error: {src / 'p0.txt'}: cannot write output: No space left on device" in result.stderr
    assert files(tmp_path / "out") == {}
    assert files(src) == before


def test_interrupted_jsonl_output_keeps_the_complete_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import cleanup.output.modes

    real = cleanup.output.modes.JsonLinesFile.emit

    def emit(self, source, text):  # type: ignore[no-untyped-def]
        if source.name.endswith("p2.txt"):
            raise KeyboardInterrupt
        return real(self, source, text)

    monkeypatch.setattr(cleanup.output.modes.JsonLinesFile, "emit", emit)
    result = run(["-o", tmp_path / "o" / "all.jsonl", tree(tmp_path / "in", 4)])
    assert result.exit_code == 130, result.stderr
    assert list(files(tmp_path / "o")) == ["all.jsonl"]
    records = [json.loads(line) for line in (tmp_path / "o" / "all.jsonl").read_text().splitlines()]
    assert [Path(r["source"]).name for r in records] == ["p0.txt"]  # p2.txt comes next in the walk


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only directories")
def test_read_only_output_directory_is_one_error(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    out.chmod(0o555)
    result = run(["-o", out, tree(tmp_path / "in", 2)])
    assert result.exit_code == 123, result.stderr
    assert "Permission denied" in result.stderr


def _wait_for(path: Path, count: int, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + 30
    while len(files(path) if path.exists() else {}) < count:
        assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
        assert time.monotonic() < deadline, "no output appeared"
        time.sleep(0.05)


@pytest.mark.parametrize(("sig", "code", "jobs"), [(signal.SIGTERM, 143, 2), (signal.SIGINT, 130, 1)])
def test_signal_stops_a_real_batch_and_skip_existing_finishes_it(
    tmp_path: Path, sig: int, code: int, jobs: int
) -> None:
    """40 long pages (~0.1-0.2 s each), so the signal lands mid-batch.

    With -o the whole list is read before the first write (every output is
    checked against every input first), so the pages are made slow rather
    than the list.
    """
    src = tmp_path / "in"
    src.mkdir()
    for i in range(40):
        (src / f"p{i:02d}.txt").write_text(LONG_STORY.format(i=i) * 3000)
    paths = [str(p) for p in sorted(src.rglob("*.txt"))]
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "cleanup", "-j", str(jobs), "--files-from", "-", "-o", str(out)]
    proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stderr=subprocess.PIPE, cwd="/")
    assert proc.stdin is not None
    proc.stdin.write("\n".join(paths).encode() + b"\n")
    proc.stdin.close()
    _wait_for(out, 10, proc)
    proc.send_signal(sig)
    assert proc.wait(timeout=60) == code, proc.stderr.read() if proc.stderr else ""
    assert temp_files(out) == []
    assert 10 <= len(files(out)) < 40
    rerun = run(["--skip-existing", "--files-from", "-", "-o", out], input="\n".join(paths) + "\n")
    assert rerun.exit_code == 0, rerun.stderr
    assert len(files(out)) == 40


LONG_STORY = "Paragraph of story {i}: the council voted on Tuesday to close the old bridge for repairs.\n\n"


def test_read_only_file_system_stops_the_batch_with_one_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs as root too (root writes into chmod 555 directories): mkstemp fails as on a ro mount."""

    def mkstemp(**kwargs: object) -> tuple[int, str]:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    monkeypatch.setattr(cleanup.output.write.tempfile, "mkstemp", mkstemp)
    src = tree(tmp_path / "in", 3)
    result = run(["-o", tmp_path / "out", src])
    assert result.exit_code == 123, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert errors == [f"error: {src / 'p0.txt'}: cannot write output: Read-only file system"]


def test_closed_stdout_ends_the_run_quietly_with_141(tmp_path: Path) -> None:
    src = tree(tmp_path / "in", 200)
    proc = subprocess.Popen(
        [sys.executable, "-m", "cleanup", "-j", "2", "-f", "jsonl", str(src)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.readline()
    proc.stdout.close()
    assert proc.wait(timeout=60) == 141
    assert proc.stderr.read() == b""
