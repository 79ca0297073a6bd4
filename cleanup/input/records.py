"""Pages inside container files: JSON Lines exports and WARC archives.

A JSON Lines file (Scrapy's ``-O items.jsonl``) holds one record per line; the
page is in the ``html`` field (or ``text`` for plain text), its address in
``url``; every other field is passed through to the output record. A WARC file
holds crawl records; its HTML and text ``response`` records are cleaned, with
the URL and date from the WARC headers (needs the ``warc`` extra: warcio).
A bad record is reported as ``file:line`` and the rest go on.
"""

from __future__ import annotations

import codecs
import gzip
import io
import itertools
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.input.gzcheck import gzip_truncated, holds_bytes
from cleanup.input.source import Source, failed, read_chunks
from cleanup.model import DecodeError

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
# HTTP Content-Types of WARC responses that are pages; images, scripts and
# the like are left out without a message (a crawl holds many of them).
PAGE_TYPES = frozenset(("text/html", "application/xhtml+xml", "text/plain"))
NO_CONTENT = frozenset((204, 205))  # 2xx statuses that carry no page: left out, not "empty input"
# What warcio raises on a broken file besides ArchiveLoadFailed: AttributeError on a response
# record without WARC-Target-URI, OverflowError on a Content-Length of 30 digits.
WARC_READ_ERRORS = (OSError, EOFError, ValueError, zlib.error, AttributeError, TypeError, OverflowError)
WARC_MISSING = "reading WARC files needs warcio: pip install warcio"
DEFAULT_MAX_BYTES = 50_000_000  # Options.max_bytes: no record is read whole past it
SKIP_CHUNK = 1 << 20  # an over-long JSON Lines record is read through this much at a time
ARRAY_CHUNK = 1 << 16  # a JSON array is read this much at first, twice as much each time an object needs more
ARRAY_SKIP = (" \t\r\n\ufeff", " \t\r\n,")  # before the array, between its items
ARRAY_HINT = "a JSON array, not JSON Lines: use --input-format json (or auto, which sniffs it)"
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")
SURROGATE_ESCAPE_RE = re.compile(rb"\\u[dD][89a-fA-F]")
SURROGATE_ESCAPE_TEXT_RE = re.compile(r"\\u[dD][89a-fA-F]")


@dataclass(frozen=True)
class Fields:
    """Names of the JSON Lines fields holding the page, its URL and its id."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    id: str = "id"


def kind_of(name: str, input_format: str) -> str:
    """'page', 'jsonl' or 'warc' for a file name, under --input-format (the content decides later)."""
    if input_format != "auto":
        return input_format
    lower = name.lower()
    if lower.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if lower.endswith(WARC_SUFFIXES):
        return "warc"
    return "page"


TRUNCATED = "truncated gzip data: the last record is cut off or missing"


def container_failed(name: str, base: Path, reason: str) -> Source:
    """A records file that failed as a whole (or from some record on): kind "container", ``rel`` the
    directory of its records' outputs, which --prune then leaves alone (they are not orphans)."""
    return Source(name, base, error=reason, kind="container")


def _base(rel: Path) -> Path:
    """``crawl/items.jsonl.gz`` -> ``crawl/items``: the directory of its records' outputs."""
    name = rel.name
    for suffix in (*JSONL_SUFFIXES, *WARC_SUFFIXES):
        if name.lower().endswith(suffix):
            stem = name[: -len(suffix)]
            return rel.with_name(stem if stem.strip(".") else "records")  # "..jsonl": no "." or ".." directory
    return rel.with_name(name + ".records") if name else Path("records")


def expand(
    kind: str,
    name: str,
    stream: BinaryIO,
    rel: Path,
    fields: Fields | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    all_statuses: bool = False,
    first: int = 1,
    limit: int | None = None,
) -> Iterator[Source]:
    """The records of one container file as Sources (failed and left-out ones included), each at most ``max_bytes``.

    ``first`` numbers the record ``stream`` starts at and ``limit`` caps how
    many lines (WARC records) are read: a cluster task cleans one such range.
    """
    if kind == "warc":
        yield from warc_records(name, stream, _base(rel), max_bytes, all_statuses, first, limit)
    elif kind == "json":
        yield from json_array_records(name, stream, _base(rel), fields or Fields(), max_bytes)
    else:
        yield from jsonl_records(name, stream, _base(rel), fields or Fields(), max_bytes, first, limit)


def json_array_records(name: str, stream: BinaryIO, base: Path, fields: Fields, max_bytes: int) -> Iterator[Source]:
    """One Source per object of a JSON array (Scrapy's ``-O items.json``), read as a stream.

    Objects are decoded one at a time from a growing buffer; none is held past ``max_bytes``.
    """
    try:
        yield from _array_items(name, _unzipped(stream), base, fields, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield container_failed(name, base, f"cannot read: {exc}")


def _array_items(name: str, stream: BinaryIO, base: Path, fields: Fields, max_bytes: int) -> Iterator[Source]:
    decoder, text = json.JSONDecoder(), codecs.getincrementaldecoder("utf-8")("replace")
    buf, pos, no, eof, chunk = "", 0, 0, False, ARRAY_CHUNK
    while True:
        while pos < len(buf) and buf[pos] in ARRAY_SKIP[no > 0]:
            pos += 1
        if no == 0 and pos < len(buf) and buf[pos] == "{":  # a file that is one object: one record
            yield _object_record(name, buf[pos:], stream, text, base, fields, max_bytes)
            return
        if pos < len(buf) and (buf[pos] == "]" or (no == 0 and buf[pos] != "[")):
            if buf[pos] != "]":
                yield container_failed(name, base, "not a JSON array")
            return
        if no == 0 and pos < len(buf):  # the opening [
            no, pos = 1, pos + 1
            continue
        try:
            if pos >= len(buf):
                raise ValueError("need more")
            obj, end = decoder.raw_decode(buf, pos)
        except ValueError as exc:
            if eof:
                problem = f"not valid JSON: {getattr(exc, 'msg', exc)}" if buf[pos:].strip() else "no closing ]"
                yield failed(f"{name}:{no}" if no else name, problem)
                return
            if len(buf) - pos > max_bytes:
                yield failed(f"{name}:{no}", f"record over the limit of {max_bytes:,} bytes (--max-bytes)")
                return
            more = stream.read(chunk)
            eof, chunk = not more, min(2 * chunk, max_bytes + 1)
            buf, pos = buf[pos:] + text.decode(more, final=eof), 0
            continue
        except RecursionError:
            yield failed(f"{name}:{no}", "JSON nested too deeply")
            return
        rel = base / f"{no:06d}"
        if SURROGATE_ESCAPE_TEXT_RE.search(buf, pos, end):  # as for JSON Lines: the writer cannot encode them
            obj = without_lone_surrogates(obj)
        yield (
            record_source(f"{name}:{no}", obj, rel, fields)
            if isinstance(obj, dict)
            else failed(f"{name}:{no}", "not a JSON object")
        )
        no, pos = no + 1, end


def _object_record(
    name: str, start: str, stream: BinaryIO, text: Any, base: Path, fields: Fields, max_bytes: int
) -> Source:
    """The one record of a file that is a JSON object (pretty-printed: ``json.dump(obj, f, indent=2)``)."""
    more = stream.read(max_bytes + 1)
    if len(more) + len(start.encode("utf-8", "replace")) > max_bytes:
        return failed(f"{name}:1", f"record over the limit of {max_bytes:,} bytes (--max-bytes)")
    whole = start + text.decode(more, final=True)
    return jsonl_record(f"{name}:1", whole.encode("utf-8", "surrogatepass"), base / f"{1:06d}", fields)


def _unzipped(stream: BinaryIO) -> BinaryIO:
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    if head == b"\x1f\x8b":  # every member, as a stream (GzipFile reads them all)
        return gzip.GzipFile(fileobj=stream)  # type: ignore[return-value]
    return stream if hasattr(stream, "readline") else io.BufferedReader(stream)  # type: ignore[type-var]


def jsonl_records(
    name: str,
    stream: BinaryIO,
    base: Path,
    fields: Fields,
    max_bytes: int = DEFAULT_MAX_BYTES,
    first: int = 1,
    limit: int | None = None,
) -> Iterator[Source]:
    """One Source per non-blank line of a JSON Lines stream (gzip is decompressed as a stream).

    No line is held whole past ``max_bytes``: a longer one is a failed record, read
    through in chunks, and the next line goes on.
    """
    try:
        lines = _unzipped(stream)
        no = first - 1
        while (limit is None or no - first + 1 < limit) and (raw := lines.readline(max_bytes + 1)):
            no += 1
            if len(raw) > max_bytes and not raw.endswith(b"\n"):
                _skip_line(lines)
                yield failed(f"{name}:{no}", f"record over the limit of {max_bytes:,} bytes (--max-bytes)")
            elif no == 1 and raw.lstrip().startswith(b"["):
                yield container_failed(name, base, ARRAY_HINT)
                return
            elif raw.strip():
                yield jsonl_record(f"{name}:{no}", raw, base / f"{no:06d}", fields)
    except EOFError:  # gzip's "Compressed file ended before the end-of-stream marker was reached"
        yield container_failed(name, base, TRUNCATED)
    except (OSError, zlib.error) as exc:  # a corrupt .gz
        yield container_failed(name, base, f"cannot read: {exc}")


def _skip_line(lines: BinaryIO) -> None:
    """Read past the end of the current line, a chunk at a time."""
    while (chunk := lines.readline(SKIP_CHUNK)) and not chunk.endswith(b"\n"):
        pass


def jsonl_record(name: str, raw: bytes, rel: Path, fields: Fields) -> Source:
    """One JSON Lines record as a Source, or a failed one saying what is wrong with it.

    >>> jsonl_record("a.jsonl:1", b'{"url": "https://x.org/1", "html": "<p>Hi</p>", "lang": "en"}',
    ...              Path("a/1"), Fields()).extra
    (('lang', 'en'),)
    >>> jsonl_record("a.jsonl:2", b'{"body": "..."}', Path("a/2"), Fields()).error
    "no 'html' or 'text' field holding a string"
    """
    try:
        obj = json.loads(raw)
        if not isinstance(obj, dict):
            return failed(name, ARRAY_HINT if isinstance(obj, list) else "not a JSON object")
        obj = without_lone_surrogates(obj) if may_hold_surrogates(raw) else obj
    except ValueError as exc:
        return failed(name, f"not valid JSON: {getattr(exc, 'msg', exc)}")
    except RecursionError:
        return failed(name, "JSON nested too deeply")
    return record_source(name, obj, rel, fields)


def record_source(name: str, obj: dict[str, Any], rel: Path, fields: Fields) -> Source:
    """One decoded record (a JSON object) as a Source, or a failed one when it holds no page.

    An ``html`` that is null or blank falls back to ``text`` (``"html": "   "`` was "empty input").
    """
    page, text = obj.get(fields.html), obj.get(fields.text)
    if isinstance(text, str) and (not isinstance(page, str) or not page.strip()):
        page = text
    if not isinstance(page, str):
        return failed(name, f"no '{fields.html}' or '{fields.text}' field holding a string")
    url = obj.get(fields.url)
    consumed = {fields.html, fields.text, fields.url}
    extra: list[tuple[str, Any]] = []
    if fields.id in obj:
        extra.append(("id", obj[fields.id]))
        consumed.add(fields.id)
    extra.extend((k, v) for k, v in obj.items() if k not in consumed)
    return Source(name, rel, data=page, url=url if isinstance(url, str) else None, extra=tuple(extra), record=True)


def may_hold_surrogates(raw: bytes) -> bool:
    """False when a JSON text surely decodes to no lone surrogate (no \\uD8xx escape, no ED byte)."""
    return (b"\\u" in raw and SURROGATE_ESCAPE_RE.search(raw) is not None) or b"\xed" in raw


def without_lone_surrogates(value: Any) -> Any:
    """``value`` with every lone surrogate (a half UTF-16 pair, ``"\\ud800"``) made U+FFFD.

    Python keeps them in a str, but no UTF-8 writer can: the record's text was
    cut at the first one, or its output failed to write (issue 15 items 7, 16).

    >>> without_lone_surrogates({"html": "a\\ud800b", "tags": ["\\udfff"]})
    {'html': 'a�b', 'tags': ['�']}
    """
    if isinstance(value, str):
        return LONE_SURROGATE_RE.sub("\ufffd", value)
    if isinstance(value, list):
        return [without_lone_surrogates(v) for v in value]
    if isinstance(value, dict):
        return {without_lone_surrogates(k): without_lone_surrogates(v) for k, v in value.items()}
    return value


def warc_records(
    name: str,
    stream: BinaryIO,
    base: Path,
    max_bytes: int = DEFAULT_MAX_BYTES,
    all_statuses: bool = False,
    first: int = 1,
    limit: int | None = None,
) -> Iterator[Source]:
    """One Source per HTML or text response record of a WARC file (plain or gzipped)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed

        from cleanup.input import warcline

        warcline.install()
    except ImportError:
        yield container_failed(name, base, WARC_MISSING)
        return
    records = ArchiveIterator(stream)
    records.INC_RECORD = ""  # warcio writes a warning on stderr for a Content-Length that is wrong: we say it
    try:
        read = 0
        for no, record in enumerate(itertools.islice(records, limit), first):
            read += 1
            source = _warc_source(f"{name}:{no}", record, base / f"{no:06d}", max_bytes, all_statuses)
            if source is not None:
                yield source
        if records.err_count or (read == 0 and first == 1 and holds_bytes(stream)):
            why = "a record's Content-Length does not match its content" if records.err_count else "no record"
            yield container_failed(name, base, f"not a readable WARC file: {why}")
        elif limit is None and gzip_truncated(stream):  # a range of a cluster task stops before the end
            yield container_failed(name, base, TRUNCATED)
    except (ArchiveLoadFailed, *WARC_READ_ERRORS) as exc:
        first_line = str(exc).splitlines()[0] if str(exc) else repr(exc)
        if isinstance(exc, (AttributeError, TypeError)):  # warcio reading a header that is not there
            first_line = "a record lacks a header it needs (Content-Length, WARC-Target-URI)"
        yield container_failed(name, base, f"not a readable WARC file: {first_line}")


def _warc_source(name: str, record: Any, rel: Path, max_bytes: int, all_statuses: bool) -> Source | None:
    """A page of a WARC response record; one with ``skip`` set for a non-2xx status or a non-page type.

    A 404 or 301 page ("Not found", "Moved") is no article: it is left out and
    counted unless ``all_statuses`` (--all-statuses); so is a 204 or 205, which has no
    page at all. A ``resource`` record (a file archived without HTTP, its type in the
    WARC header) is a page when its type is one. Requests and metadata are no pages at all.
    """
    if record.rec_type == "resource":
        status, content_type = None, record.rec_headers.get_header("Content-Type") or ""
    elif record.rec_type != "response" or record.http_headers is None:
        return None
    else:
        status = _status(record.http_headers.get_statuscode())
        content_type = record.http_headers.get_header("Content-Type") or "text/html"
    ctype = content_type.split(";")[0].strip().lower()
    if ctype not in PAGE_TYPES:
        return Source(name, rel, skip=f"not a page: {ctype or 'no type'}")
    if status in NO_CONTENT or (not all_statuses and status is not None and not 200 <= status < 300):
        return Source(name, rel, skip=f"HTTP {status}")
    headers = record.rec_headers
    extra = (
        ("warc_date", headers.get_header("WARC-Date")),
        ("warc_record_id", headers.get_header("WARC-Record-ID")),
        ("http_status", status),
    )
    try:  # in chunks: read(max_bytes + 1) allocated the whole limit for every record
        data = read_chunks(record.content_stream(), max_bytes, max_bytes)
    except DecodeError:
        return failed(name, f"record over the limit of {max_bytes:,} bytes (--max-bytes)")
    missing = getattr(record.raw_stream, "limit", 0)  # what its Content-Length says is still to come
    if isinstance(missing, int) and missing > 0:
        return failed(name, f"record cut short: {missing:,} bytes of its Content-Length are missing")
    url, charset = headers.get_header("WARC-Target-URI"), header_charset(content_type)
    return Source(name, rel, data=data, url=url, extra=extra, charset=charset, record=True)


def header_charset(content_type: str) -> str | None:
    """The ``charset`` parameter of a Content-Type header, or None.

    >>> header_charset('text/html; charset="windows-1251"'), header_charset("text/html")
    ('windows-1251', None)
    """
    for param in content_type.split(";")[1:]:
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            return value.strip().strip("\"'") or None
    return None


def _status(code: Any) -> int | None:
    try:
        return int(code)
    except (TypeError, ValueError):
        return None
