"""Inputs that once killed a whole batch or cost minutes: each is now one per-input error.

Every case runs through the real CLI with a good page next to it: the good page
is cleaned, the bad one is reported as ``error: NAME: reason`` and the exit code
is 123 (issue 15 items 7, 10, 11, 16-21; issue 16 inputs).
"""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from cleanup import CleanupError, clean
from cleanup.cli.main import main
from cleanup.html.parse import MAX_ATTRIBUTES, MAX_ELEMENTS

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
    assert name in result.stderr and reason in result.stderr, result.stderr


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


# --- item 7: records and names that killed the batch ------------------------------------------------


def test_lone_surrogate_in_a_pass_through_field_is_written(tmp_path: Path) -> None:
    record = f'{{"url": "https://x.org/1", "html": "<p>{PROSE}</p>", "tag": "a\\ud800b"}}\n'
    result = batch(tmp_path, "items.jsonl", record.encode())
    assert result.exit_code == 0, (result.output, result.exception)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records[1]["tag"] == "a\ufffdb"


@pytest.mark.parametrize("field", ["html", "text"])
def test_lone_surrogate_in_the_page_keeps_the_rest_of_it(tmp_path: Path, field: str) -> None:
    page = f"<p>{PROSE}</p><p>\\ud800 {MORE}</p>" if field == "html" else f"{PROSE}\\n\\n\\ud800 {MORE}\\n"
    result = batch(tmp_path, "items.jsonl", json.dumps({field: page}).replace("\\\\ud800", "\\ud800").encode())
    assert result.exit_code == 0, (result.output, result.exception)
    assert MORE in json.loads(result.stdout.splitlines()[1])["text"]


def test_json_lines_record_nested_200000_deep_is_one_error(tmp_path: Path) -> None:
    deep = b'{"html": "<p>x</p>", "x": ' + b"[" * 200_000 + b"]" * 200_000 + b"}\n"
    result = batch(tmp_path, "deep.jsonl", deep)
    assert_one_failed(result, "deep.jsonl:1", "nested too deeply")


@pytest.mark.parametrize("args", [["-f", "json"], ["-f", "jsonl"]])
def test_file_name_with_byte_ff_is_written_in_json(tmp_path: Path, args: list[str]) -> None:
    name = os.fsdecode(b"caf\xff.html")
    (tmp_path / name).write_text(GOOD_HTML)
    result = run([*args, str(tmp_path / name)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert json.loads(result.stdout.splitlines()[0])["source"].endswith("caf\ufffd.html")


def test_file_name_with_byte_ff_into_a_jsonl_file(tmp_path: Path) -> None:
    name = os.fsdecode(b"caf\xff.html")
    (tmp_path / name).write_text(GOOD_HTML)
    result = run(["-o", str(tmp_path / "x.jsonl"), str(tmp_path / name)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert PROSE in (tmp_path / "x.jsonl").read_text()


def _warc(records: list[tuple[str | None, str, str, bytes]], gz: bool = False) -> bytes:
    warcio = pytest.importorskip("warcio.warcwriter")
    from warcio.statusandheaders import StatusAndHeaders

    buf = io.BytesIO()
    writer = warcio.WARCWriter(buf, gzip=gz)
    for uri, status, ctype, body in records:
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        rec = writer.create_warc_record(uri or "http://x/", "response", payload=io.BytesIO(body), http_headers=http)
        if uri is None:
            rec.rec_headers.remove_header("WARC-Target-URI")
        writer.write_record(rec)
    return buf.getvalue()


@pytest.mark.parametrize(
    "data",
    [
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: abc\r\n\r\nxxxx",
        b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: -5\r\n\r\nxxxx",
        b"WARC/1.0\r\nWARC-Type: response\r\n\r\nxxxx",
    ],
    ids=["length-not-a-number", "length-negative", "no-length"],
)
def test_a_warc_record_with_a_bad_content_length_is_one_error_not_a_warning(tmp_path: Path, data: bytes) -> None:
    # Found by an attack run: warcio's raw "WARNING: Record not followed by newline" and exit 0.
    pytest.importorskip("warcio")
    result = batch(tmp_path, "crawl.warc", data)
    assert_one_failed(result, "crawl.warc", "not a readable WARC file: a record")
    assert "WARNING" not in result.stderr and "NoneType" not in result.stderr


def test_an_empty_warc_file_gzipped_or_not_is_nothing_to_do(tmp_path: Path) -> None:
    # Found by a review: the gzip of an empty WARC file failed as "no record" while the plain one did not.
    import gzip

    pytest.importorskip("warcio")
    for name, data in (("empty.warc", b""), ("empty.warc.gz", gzip.compress(b""))):
        (tmp_path / name).write_bytes(data)
        result = run([str(tmp_path / name)])
        assert result.exit_code == 0 and "error" not in result.stderr, (name, result.stderr)


def test_warc_response_without_target_uri_is_one_error(tmp_path: Path) -> None:
    result = batch(tmp_path, "crawl.warc", _warc([(None, "200 OK", "text/html", GOOD_HTML.encode())]))
    assert_one_failed(result, "crawl.warc", "not a readable WARC file")


def test_a_warc_record_whose_content_length_runs_past_the_end_is_one_error(tmp_path: Path) -> None:
    # Found by an attack run: the next record's headers and page were read into this one's text, exit 0.
    one = _warc([("http://x/1", "200 OK", "text/html", GOOD_HTML.encode())])
    length = one.index(b"Content-Length: ") + len(b"Content-Length: ")
    end = one.index(b"\r\n", length)
    cut = one[:length] + str(int(one[length:end]) + 100_000).encode() + one[end:]
    second = _warc([("http://x/2", "200 OK", "text/html", GOOD_HTML.encode())])
    result = batch(tmp_path, "crawl.warc", cut + second)
    assert_one_failed(result, "crawl.warc:1", "record cut short")


def test_nul_byte_in_a_files_from_path_is_one_error(tmp_path: Path) -> None:
    (tmp_path / "good.html").write_text(GOOD_HTML)
    listing = f"{tmp_path / 'good.html'}\n{tmp_path / 'ba'}\0d.html\n".encode()
    result = run(["-f", "jsonl", "--files-from", "-"], input=listing)
    assert_one_failed(result, "d.html", "NUL byte")


def test_null_separated_files_from(tmp_path: Path) -> None:
    odd = tmp_path / "a\nb.html"
    odd.write_text(GOOD_HTML)
    result = run(["-0", "--files-from", "-"], input=f"{odd}\0".encode())
    assert result.exit_code == 0, (result.output, result.exception)
    assert PROSE in result.stdout


# --- item 10: --max-bytes bounds memory -------------------------------------------------------------


def test_file_over_max_bytes_is_refused_without_reading_it_whole(tmp_path: Path) -> None:
    result = batch(tmp_path, "big.html", b"<p>" + b"x" * 5000, "--max-bytes", "1000")
    assert_one_failed(result, "big.html", "over the limit of 1,000 bytes")


def test_endless_stdin_stops_at_max_bytes() -> None:
    class Endless(io.RawIOBase):
        def readable(self) -> bool:
            return True

        def readinto(self, buffer) -> int:  # type: ignore[no-untyped-def]
            buffer[:] = b"a" * len(buffer)
            return len(buffer)

    result = CliRunner().invoke(main, ["--max-bytes", "100000", "-"], input=io.BufferedReader(Endless()))
    assert result.exit_code == 123, (result.output, result.exception)
    assert "over the limit of 100,000 bytes" in result.stderr


def test_json_lines_record_over_max_bytes_is_skipped_and_the_next_goes_on(tmp_path: Path) -> None:
    big = json.dumps({"html": "<p>" + "x " * 5000 + "</p>"})
    small = json.dumps({"html": f"<p>{PROSE}</p><p>{MORE}</p>"})
    data = gzip.compress(f"{big}\n{small}\n".encode())
    result = run(["-f", "jsonl", "--max-bytes", "2000", str(_write(tmp_path / "a.jsonl.gz", data))])
    assert result.exit_code == 123, (result.output, result.exception)
    assert "a.jsonl.gz:1: record over the limit" in result.stderr
    assert PROSE in result.stdout


def test_json_array_record_over_max_bytes_is_skipped_and_the_next_goes_on(tmp_path: Path) -> None:
    """As in JSON Lines: the array's other records were silently dropped after an over-long one."""
    big = {"html": "<p>" + 'x "}] ' * 20000 + "</p>", "tags": [{"a": "\\"}]}  # past the first chunk read
    small = {"html": f"<p>{PROSE}</p><p>{MORE}</p>"}
    data = json.dumps([small, big, small, "tail"]).encode()
    result = run(["-f", "jsonl", "--max-bytes", "2000", str(_write(tmp_path / "items.json", data))])
    assert result.exit_code == 123, (result.output, result.exception)
    assert "items.json:2: record over the limit of 2,000 bytes" in result.stderr
    sources = [Path(json.loads(line)["source"]).name for line in result.stdout.splitlines()]
    assert sources == ["items.json:1", "items.json:3"], result.stderr
    assert "items.json:4: not a JSON object" in result.stderr


def test_warc_record_over_max_bytes_is_one_error(tmp_path: Path) -> None:
    data = _warc([("http://x/1", "200 OK", "text/html", b"<p>" + b"x" * 5000 + b"</p>")], gz=True)
    result = run(["-f", "jsonl", "--max-bytes", "2000", str(_write(tmp_path / "a.warc.gz", data))])
    assert result.exit_code == 123, (result.output, result.exception)
    assert "record over the limit" in result.stderr


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


# --- issue 16 inputs ---------------------------------------------------------------------------------


def test_files_from_paths_mirror_below_the_directory_they_share_as_arguments_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "crawl" / "sub").mkdir(parents=True)
    (tmp_path / "crawl" / "sub" / "a.html").write_text(GOOD_HTML)
    (tmp_path / "crawl" / "b.html").write_text(GOOD_HTML)
    listed = f"{tmp_path / 'crawl' / 'sub' / 'a.html'}\ncrawl/b.html\n"  # one absolute, one relative
    result = run(["--files-from", "-", "-o", "clean"], input=listed)
    assert result.exit_code == 0, (result.output, result.exception)
    assert (tmp_path / "clean" / "sub" / "a.txt").is_file()  # as `cleanup -o clean crawl/sub/a.html crawl/b.html`
    assert (tmp_path / "clean" / "b.txt").is_file()


def test_url_as_input_says_cleanup_reads_files_and_shows_curl() -> None:
    result = run(["https://www.example.com/story"])
    assert result.exit_code == 2  # a usage error: nothing was read
    assert "cleanup reads files, not URLs: curl -sL 'https://www.example.com/story' | cleanup --url" in result.stderr


# --- items 17 and 20: gzip members, charsets that are not text encodings ------------------------------


def test_second_gzip_member_is_not_dropped(tmp_path: Path) -> None:
    data = gzip.compress(f"<html><body><p>{PROSE}</p>".encode()) + gzip.compress(f"<p>{MORE}</p>".encode())
    result = run([str(_write(tmp_path / "a.html.gz", data))])
    assert result.exit_code == 0, (result.output, result.exception)
    assert PROSE in result.stdout and MORE in result.stdout


def test_trailing_garbage_after_gzip_is_reported(tmp_path: Path) -> None:
    data = gzip.compress(GOOD_HTML.encode()) + b"garbage"
    result = batch(tmp_path, "a.html.gz", data)
    assert_one_failed(result, "a.html.gz", "trailing data after the gzip stream")


@pytest.mark.parametrize("charset", ["unicode_escape", "raw_unicode_escape", "undefined", "rot13"])
def test_meta_charset_that_is_not_a_text_encoding_is_ignored(charset: str) -> None:
    page = f'<html><head><meta charset="{charset}"></head><body><p>{PROSE} caf\xe9 \\ud800</p><p>{MORE}</p>'
    result = clean(page.encode("cp1252"))
    assert MORE in result.text and "\\ud800" in result.text
    with pytest.raises(CleanupError):
        clean(b"text", encoding=charset)


def test_long_quoted_values_are_not_counted_as_attributes(tmp_path: Path) -> None:
    path = " ".join(f"L{i} {i}.5" for i in range(5000))
    words = " ".join(["word"] * 5000)
    page = f'<html><head><meta name="description" content="{words}"></head><body><svg><path d="{path}"></svg>'
    result = batch(tmp_path, "svg.html", f"{page}<article><p>{PROSE}</p><p>{MORE}</p></article>".encode())
    assert result.exit_code == 0, (result.output, result.exception)
    assert MORE in result.stdout


# --- items 19 and 21: text after </html>, UTF-16 CJK without a BOM -----------------------------------


@pytest.mark.parametrize("between", ["", "\n<!-- end -->\n<html><body>"])
def test_article_after_the_end_of_html_is_kept(tmp_path: Path, between: str) -> None:
    page = f"<html><body><nav><a href=/>Home</a></nav></body></html>{between}<article><p>{PROSE}</p><p>{MORE}</p>"
    result = run([str(_write(tmp_path / "a.html", page.encode()))])
    assert result.exit_code == 0, (result.output, result.exception)
    assert PROSE in result.stdout and MORE in result.stdout


CJK = "市议会周二投票决定关闭旧桥进行维修，工程师此前在桥墩上发现了裂缝。\n\n居民们说他们没有被征求意见。\n"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_cjk_text_without_bom_is_decoded(tmp_path: Path, codec: str) -> None:
    result = run([str(_write(tmp_path / "a.txt", CJK.encode(codec)))])
    assert result.exit_code == 0, (result.output, result.exception)
    assert "居民们说他们没有被征求意见" in result.stdout


# --- issue 16 item 1: inputs sniffed by content ---------------------------------------------------------

RECORDS = [{"url": f"https://x.org/{i}", "html": f"<html><body><p>{PROSE} ({i})</p><p>{MORE}</p>"} for i in range(3)]
JSONL = "".join(json.dumps(r) + "\n" for r in RECORDS).encode()


def _sources(result) -> list[str]:
    assert result.exit_code == 0, (result.output, result.exception)
    return [json.loads(line)["url"] for line in result.stdout.splitlines()]


def test_json_lines_on_stdin_are_read_as_records() -> None:
    assert _sources(run(["-f", "jsonl"], input=JSONL)) == [r["url"] for r in RECORDS]


@pytest.mark.parametrize("compress", [False, True])
def test_json_array_file_is_read_like_json_lines(tmp_path: Path, compress: bool) -> None:
    data = json.dumps(RECORDS, indent=1).encode()
    path = _write(tmp_path / "items.json", gzip.compress(data) if compress else data)
    assert _sources(run(["-f", "jsonl", str(path)])) == [r["url"] for r in RECORDS]


def test_json_array_read_in_small_chunks_keeps_every_record(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cleanup.input import records

    monkeypatch.setattr(records, "ARRAY_CHUNK", 7)
    path = _write(tmp_path / "items.json", json.dumps(RECORDS).encode())
    assert _sources(run(["-f", "jsonl", str(path)])) == [r["url"] for r in RECORDS]


def test_a_number_cut_by_a_chunk_of_a_json_array_is_one_item(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A number the buffer ended in was taken whole: its rest became an item of its own, and every
    record after it was numbered one further (items.json:2 written as 000003.txt)."""
    from cleanup.input import records

    monkeypatch.setattr(records, "ARRAY_CHUNK", 7)
    path = _write(tmp_path / "items.json", json.dumps([12345678901234567890, RECORDS[0], RECORDS[1]]).encode())
    result = run(["-f", "jsonl", "--input-format", "json", str(path)])
    assert [Path(json.loads(line)["source"]).name for line in result.stdout.splitlines()] == [
        "items.json:2",
        "items.json:3",
    ], result.stderr
    assert result.stderr.count("not a JSON object") == 1, result.stderr


def test_json_array_given_as_json_lines_says_so(tmp_path: Path) -> None:
    path = _write(tmp_path / "items.json", json.dumps(RECORDS, indent=1).encode())
    result = run(["--input-format", "jsonl", str(path)])
    assert result.exit_code == 123
    assert (
        result.stderr.count("error:") == 1 and "a JSON array, not JSON Lines: use --input-format json" in result.stderr
    )


def test_an_array_on_a_later_line_of_json_lines_gives_no_hint_to_read_the_file_as_an_array(tmp_path: Path) -> None:
    # Found by a trial run: line 4 of a JSON Lines file being [1, 2] said 'a JSON array, not JSON
    # Lines: use --input-format json', which would fail on the whole file.
    lines = [json.dumps(RECORDS[0]), "[1, 2]", json.dumps(RECORDS[1])]
    path = _write(tmp_path / "items.jsonl", "\n".join(lines).encode() + b"\n")
    result = run(["-f", "jsonl", str(path)])
    assert result.exit_code == 123
    assert f"error: {path}:2: not a JSON object (a JSON array)" in result.stderr
    assert "--input-format" not in result.stderr
    assert [json.loads(line)["url"] for line in result.stdout.splitlines()] == [RECORDS[0]["url"], RECORDS[1]["url"]]


def test_warc_with_another_suffix_is_read_as_a_warc(tmp_path: Path) -> None:
    data = _warc([("https://x.org/w", "200 OK", "text/html", RECORDS[0]["html"].encode())], gz=True)
    result = run(["-f", "jsonl", str(_write(tmp_path / "crawl.dat", data))])
    assert _sources(result) == ["https://x.org/w"]
    assert "WARC/" not in result.stdout


def test_zstd_input_says_to_decompress_it(tmp_path: Path) -> None:
    result = run([str(_write(tmp_path / "a.html.zst", b"\x28\xb5\x2f\xfd" + bytes(50)))])
    assert result.exit_code == 123
    assert "zstd-compressed data: decompress it first" in result.stderr


# --- issue 16 item 5: WARC status codes and records that are no page ------------------------------------

CRAWL = [
    ("https://x.org/ok", "200 OK", "text/html", RECORDS[0]["html"].encode()),
    ("https://x.org/gone", "404 Not Found", "text/html", b"<html><body><h1>Not found</h1><p>Sorry.</p>"),
    ("https://x.org/moved", "301 Moved Permanently", "text/html", b"<html><body><p>Moved</p>"),
    ("https://x.org/a.png", "200 OK", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(20)),
]


def test_warc_non_2xx_and_non_pages_are_left_out_and_counted(tmp_path: Path) -> None:
    result = run(["-f", "jsonl", str(_write(tmp_path / "crawl.warc.gz", _warc(CRAWL, gz=True)))])
    assert _sources(result) == ["https://x.org/ok"]
    assert json.loads(result.stdout)["http_status"] == 200
    assert "1 cleaned, 3 left out (1 HTTP 301, 1 HTTP 404, 1 not a page: image/png)." in result.stderr


def test_warc_all_statuses_cleans_them_too(tmp_path: Path) -> None:
    result = run(["-f", "jsonl", "--all-statuses", str(_write(tmp_path / "crawl.warc", _warc(CRAWL)))])
    assert _sources(result) == ["https://x.org/ok", "https://x.org/gone", "https://x.org/moved"]
    assert [json.loads(line)["http_status"] for line in result.stdout.splitlines()] == [200, 404, 301]


def test_a_warc_response_with_no_readable_status_is_left_out_unless_all_statuses(tmp_path: Path) -> None:
    # Found by a trial run: a status line 'HTTP/1.1 garbage' was cleaned (http_status null), though
    # only 2xx responses are; it is left out and counted as a 404 is.
    crawl = [CRAWL[0], ("https://x.org/odd", "garbage line", "text/html", RECORDS[1]["html"].encode())]
    path = _write(tmp_path / "crawl.warc", _warc(crawl))
    result = run(["-f", "jsonl", str(path)])
    assert _sources(result) == ["https://x.org/ok"]
    assert "1 cleaned, 1 left out (1 no readable HTTP status)." in result.stderr
    every = run(["-f", "jsonl", "--all-statuses", str(path)])
    assert [json.loads(line)["http_status"] for line in every.stdout.splitlines()] == [200, None]


# --- issue 16 item 2: directory walks and files without a known suffix -----------------------------------


def test_directory_walk_sniffs_files_without_a_known_suffix(tmp_path: Path) -> None:
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "story.php").write_text(GOOD_HTML.replace("<html>", "<!doctype html><html>"))
    (crawl / "noext").write_bytes(JSONL)
    (crawl / "LICENSE").write_text("MIT License\n\nPermission is hereby granted, free of charge.\n")
    (crawl / "logo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    (crawl / ".DS_Store").write_bytes(bytes(10))
    result = run(["-f", "jsonl", str(crawl)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert len(result.stdout.splitlines()) == 4  # story.php and the three records in noext
    assert "4 cleaned, 2 left out (2 files neither named nor shaped like pages)." in result.stderr


def test_directory_walk_takes_what_is_html_when_named(tmp_path: Path) -> None:
    """A page in a crawler's wrapper tag (<text id=URL>), no doctype first: HTML by the five-tags
    rule when the file is named, so the walk takes it too (it was left out as no page)."""
    crawl = tmp_path / "crawl"
    crawl.mkdir()
    (crawl / "story.php").write_text(
        '<text id="https://x.org/a">\n<html><head><meta charset="utf-8"><title>Bridge</title></head>'
        f"<body><div><p>{PROSE}</p><p>{MORE}</p></div></body></html></text>\n"
    )
    named = run(["-f", "jsonl", str(crawl / "story.php")])
    assert json.loads(named.stdout)["kind"] == "html"
    result = run(["-v", "-f", "jsonl", str(crawl)])
    assert result.exit_code == 0, (result.output, result.exception)
    assert "left out" not in result.stderr
    assert result.stdout == named.stdout


def test_directory_walk_with_include_takes_only_what_it_names(tmp_path: Path) -> None:
    (tmp_path / "story.php").write_text(GOOD_HTML)
    (tmp_path / "a.html").write_text(GOOD_HTML)
    result = run(["-f", "jsonl", "--include", "*.html", str(tmp_path)])
    assert result.exit_code == 0 and len(result.stdout.splitlines()) == 1


def test_truncated_warc_gz_says_so(tmp_path: Path) -> None:
    data = _warc(
        [(f"https://x.org/{i}", "200 OK", "text/html", RECORDS[i]["html"].encode()) for i in range(3)], gz=True
    )
    result = run(["-f", "jsonl", str(_write(tmp_path / "crawl.warc.gz", data[:-30]))])
    assert result.exit_code == 123, (result.output, result.exception)
    assert "crawl.warc.gz: truncated gzip data: the last record is cut off or missing" in result.stderr


# --- found by the CLI soak (bench/soak.py --cli) ---------------------------------------------------


@pytest.mark.parametrize("field", ["html", "tag"])
def test_lone_surrogate_in_a_json_array_record_is_written(tmp_path: Path, field: str) -> None:
    """JSON Lines records lost their lone surrogates; those of a JSON array killed the batch in the writer."""
    record = {"url": "https://x.org/1", "html": f"<p>{PROSE}</p><p>SURROGATE {MORE}</p>", "tag": "aSURROGATEb"}
    if field == "html":
        record["tag"] = "ab"
    else:
        record["html"] = f"<p>{PROSE}</p><p>{MORE}</p>"
    result = batch(tmp_path, "items.json", json.dumps([record]).replace("SURROGATE", "\\udfff").encode())
    assert result.exit_code == 0, (result.output, result.exception)
    written = json.loads(result.stdout.splitlines()[1])
    assert MORE in written["text"] and written["tag"] in ("ab", "a\ufffdb")


def test_warc_content_length_past_any_integer_is_one_error(tmp_path: Path) -> None:
    """warcio raised OverflowError on ``Content-Length: 999...9`` (30 digits): the batch died."""
    block = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n" + GOOD_HTML.encode()
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/1\r\nContent-Length: " + b"9" * 30
    result = batch(tmp_path, "crawl.warc", head + b"\r\n\r\n" + block + b"\r\n\r\n")
    assert_one_failed(result, "crawl.warc", "not a readable WARC file")


def _rules_dir(tmp_path: Path, name: str, data: str) -> Path:
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / name).write_text(data, encoding="utf-8")
    return rules


@pytest.mark.parametrize("key", ["xpath", "css"])
def test_nul_in_a_toml_selector_is_refused_at_load(tmp_path: Path, key: str) -> None:
    """lxml's ValueError ("All strings must be XML compatible") escaped as a traceback."""
    rules = _rules_dir(tmp_path, "x.org.toml", f'[[strip]]\nname = "box"\nwhy = "a box"\n{key} = "div\\u0000p"\n')
    result = run(["--rules", str(rules), "--site", "x.org", "-"], input=GOOD_HTML)
    assert result.exit_code == 2, (result.output, result.exception)
    assert "x.org.toml" in result.stderr and "'box'" in result.stderr and result.stdout == ""


@pytest.mark.parametrize("how", [["--site", "x.org"], ["--url", "https://x.org/a"]])
def test_nul_in_a_fivefilters_xpath_leaves_that_line_out(tmp_path: Path, how: list[str]) -> None:
    """A bad line of a FiveFilters file never stops a run: this one ended it with a traceback."""
    rules = _rules_dir(tmp_path, "x.org.txt", "strip: //div[@id='a\x00']\nstrip: //aside\n")
    result = run(["--rules", str(rules), *how, "-"], input=GOOD_HTML)
    assert result.exit_code == 0, (result.output, result.exception)
    assert PROSE in result.stdout
    lint = run(["rules", "lint", str(rules)])
    assert lint.exit_code == 1 and "x.org.txt:1" in lint.stdout + lint.stderr, lint.output


def _cleanup_cmd() -> list[str]:
    exe = Path(sys.executable).with_name("cleanup")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "cleanup"]


@pytest.mark.parametrize("kind", ["nested", "fifo", "dev-zero"])
def test_hostile_language_pack_in_a_rules_directory_is_refused_at_load(tmp_path: Path, kind: str) -> None:
    """lang/xx.toml nested 5,000 deep failed every page (RecursionError); a FIFO hung; /dev/zero took 1 GB."""
    pack = tmp_path / "rules" / "lang" / "xx.toml"
    pack.parent.mkdir(parents=True)
    if kind == "nested":
        pack.write_text('[pack]\ncode = "xx"\nname = "X"\n\n[phrases]\npromo = ' + "[" * 5000 + "]" * 5000 + "\n")
    elif kind == "fifo":
        os.mkfifo(pack)
    else:
        pack.symlink_to("/dev/zero")
    (tmp_path / "good.html").write_text(GOOD_HTML)
    args = ["--rules", str(tmp_path / "rules"), "-o", str(tmp_path / "out"), str(tmp_path / "good.html")]
    done = subprocess.run(_cleanup_cmd() + args, capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2, done.stderr
    assert "xx.toml" in done.stderr and "Traceback" not in done.stderr, done.stderr
    assert not (tmp_path / "out").exists()


def test_a_warc_response_whose_http_headers_never_end_is_named_so_and_the_rest_runs(tmp_path: Path) -> None:
    # Left by a trial run: warcio reads a header block with no blank line after it to the record's
    # end, the page among its "headers", and the error said only 'empty input'.
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n<html><body><p>" + PROSE.encode() + b"</p></body></html>"
    broken = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://x.org/noend\r\n"
        b"WARC-Date: 2024-01-01T00:00:00Z\r\nWARC-Record-ID: <urn:uuid:1>\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: "
        + str(len(http)).encode()
        + b"\r\n\r\n"
        + http
        + b"\r\n\r\n"
    )
    path = _write(tmp_path / "crawl.warc", broken + _warc([CRAWL[0]]))
    result = run(["-f", "jsonl", str(path)])
    assert result.exit_code == 123  # one input failed, the rest ran
    assert [json.loads(line)["url"] for line in result.stdout.splitlines()] == ["https://x.org/ok"]
    assert f"error: {path}:1: no page after the HTTP headers" in result.stderr
