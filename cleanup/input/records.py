"""Pages inside container files: JSON Lines exports and WARC archives.

A JSON Lines file (Scrapy's ``-O items.jsonl``) holds one record per line; the
page is in the ``html`` field (or ``text`` for plain text), its address in
``url``; every other field is passed through to the output record. A WARC file
holds crawl records; its HTML and text ``response`` records are cleaned, with
the URL and date from the WARC headers (``warc.py``; needs the ``warc`` extra: warcio).
A bad record is reported as ``file:line`` and the rest go on.
"""

from __future__ import annotations

import codecs
import dataclasses
import gzip
import io
import json
import re
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.input.sniff import wide_encoding
from cleanup.input.source import DEFAULT_MAX_BYTES, TRUNCATED, Source, container_failed, failed

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
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
    encoding: str | None = None  # --encoding: the codec of the records' bytes (JSON is UTF-8 by default)


def not_utf8(head: bytes, what: str = "JSON Lines") -> str | None:
    """Why a JSON Lines or JSON file starting with ``head`` cannot be read, or None (it may be UTF-8)."""
    wide = wide_encoding(head)
    if wide is None:
        return None
    return f"{what} must be UTF-8; this file is {wide} (convert it: iconv -f {wide} -t UTF-8)"


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
        from cleanup.input.warc import warc_records

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
        items = _unzipped(stream)
        # --encoding names the array's codec, UTF-16 too: it is decoded whole, not split at b"\n" as JSON Lines
        problem = not_utf8(items.peek(4)[:4], "JSON") if hasattr(items, "peek") and not fields.encoding else None
        if problem is not None:
            yield container_failed(name, base, problem)
            return
        yield from _array_items(name, items, base, fields, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield container_failed(name, base, f"cannot read: {exc}")


def _array_items(name: str, stream: BinaryIO, base: Path, fields: Fields, max_bytes: int) -> Iterator[Source]:
    decoder, text = json.JSONDecoder(), codecs.getincrementaldecoder(fields.encoding or "utf-8")("replace")
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
            obj, end = decoder.raw_decode(buf, pos)  # an empty buffer raises too: more is read
            if end == len(buf) and not eof:  # a number the chunk cut may go on ("123" of "12345")
                raise ValueError("need more")
        except ValueError as exc:
            if eof:
                problem = f"not valid JSON: {getattr(exc, 'msg', exc)}" if buf[pos:].strip() else "no closing ]"
                yield failed(f"{name}:{no}" if no else name, problem)
                return
            if len(buf) - pos > max_bytes:  # read through it, as an over-long JSON Lines line: the next goes on
                yield failed(f"{name}:{no}", f"record over the limit of {max_bytes:,} bytes (--max-bytes)")
                (buf, eof), pos, no = _skip_value(buf[pos:], stream, text), 0, no + 1
                continue
            more = stream.read(chunk)
            eof, chunk = not more, min(2 * chunk, max_bytes + 1)
            buf, pos = buf[pos:] + text.decode(more, final=eof), 0
            continue
        except RecursionError:
            yield failed(f"{name}:{no}", "JSON nested too deeply")
            return
        if SURROGATE_ESCAPE_TEXT_RE.search(buf, pos, end):  # as for JSON Lines: the writer cannot encode them
            obj = without_lone_surrogates(obj)
        is_object = isinstance(obj, dict)
        yield (
            record_source(f"{name}:{no}", obj, base / f"{no:06d}", fields)
            if is_object
            else failed(f"{name}:{no}", "not a JSON object")
        )
        no, pos = no + 1, end


_IN_STRING, _OUTSIDE = re.compile(r'["\\]'), re.compile(r'[\[\]{}",]')


def _skip_value(buf: str, stream: BinaryIO, text: Any) -> tuple[str, bool]:
    """Read past the JSON value ``buf`` starts with, a chunk at a time and without holding it: what
    follows it, and whether the stream ended."""
    depth, quoted, i, eof = 0, False, 0, False
    while True:
        found = (_IN_STRING if quoted else _OUTSIDE).search(buf, i)
        if found is None:
            if eof:
                return "", True
            more = stream.read(SKIP_CHUNK)
            eof, i, buf = not more, max(0, i - len(buf)), text.decode(more, final=not more)
            continue
        ch, i = found.group(), found.end()
        if quoted:
            quoted, i = (True, i + 1) if ch == "\\" else (False, i)  # an escape skips the character after it
        elif ch == '"':
            quoted = True
        elif ch in "[{":
            depth += 1
        elif depth == 0:  # the , or ] after a scalar (a long number)
            return buf[found.start() :], eof
        elif ch != ",":
            depth -= 1
        if depth == 0 and not quoted and ch != ",":
            return buf[i:], eof


def _object_record(
    name: str, start: str, stream: BinaryIO, text: Any, base: Path, fields: Fields, max_bytes: int
) -> Source:
    """The one record of a file that is a JSON object (pretty-printed: ``json.dump(obj, f, indent=2)``)."""
    more = stream.read(max_bytes + 1)
    if len(more) + len(start.encode("utf-8", "replace")) > max_bytes:
        return failed(f"{name}:1", f"record over the limit of {max_bytes:,} bytes (--max-bytes)")
    whole = start + text.decode(more, final=True)
    utf8 = dataclasses.replace(fields, encoding=None)  # ``whole`` is decoded already
    return jsonl_record(f"{name}:1", whole.encode("utf-8", "surrogatepass"), base / f"{1:06d}", utf8)


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
        problem = not_utf8(lines.peek(4)[:4]) if first == 1 and hasattr(lines, "peek") else None
        if problem is not None:
            yield container_failed(name, base, problem)
            return
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
        obj = json.loads(raw if fields.encoding is None else raw.decode(fields.encoding))
        if not isinstance(obj, dict):
            # A line of a JSON Lines file (its first was an object): no hint to read the file as an array.
            return failed(name, "not a JSON object" + (" (a JSON array)" if isinstance(obj, list) else ""))
        obj = without_lone_surrogates(obj) if may_hold_surrogates(raw) else obj
    except UnicodeDecodeError as exc:  # the codec's own words named no fix
        codec, fix = fields.encoding or "UTF-8", "" if fields.encoding else "; --encoding names the file's codec"
        return failed(name, f"not {codec} (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}{fix})")
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
