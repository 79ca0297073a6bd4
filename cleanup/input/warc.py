"""Pages inside WARC files: HTML and text ``response`` and ``resource`` records (needs warcio).

The URL and date come from the WARC headers, the charset from the HTTP Content-Type;
records that are no article (a 404, an image, a 204) are left out and counted.
"""

from __future__ import annotations

import itertools
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.input.gzcheck import gzip_truncated, holds_bytes
from cleanup.input.source import DEFAULT_MAX_BYTES, TRUNCATED, Source, container_failed, failed, read_chunks
from cleanup.model import DecodeError, one_line

# HTTP Content-Types of WARC responses that are pages; images, scripts and
# the like are left out without a message (a crawl holds many of them).
PAGE_TYPES = frozenset(("text/html", "application/xhtml+xml", "text/plain"))
NO_CONTENT = frozenset((204, 205))  # 2xx statuses that carry no page: left out, not "empty input"
# What warcio raises on a broken file besides ArchiveLoadFailed: AttributeError on a response
# record without WARC-Target-URI, OverflowError on a Content-Length of 30 digits.
WARC_READ_ERRORS = (OSError, EOFError, ValueError, zlib.error, AttributeError, TypeError, OverflowError)
WARC_MISSING = "reading WARC files needs warcio: pip install warcio"


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
        if status is None and not all_statuses:  # no 2xx said: left out as a 404 is, not cleaned
            return Source(name, rel, skip="no readable HTTP status")
        content_type = record.http_headers.get_header("Content-Type") or "text/html"
    ctype = content_type.split(";")[0].strip().lower()
    if ctype not in PAGE_TYPES:
        return Source(name, rel, skip=f"not a page: {one_line(ctype) or 'no type'}")  # the header is the page's
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
    if record.rec_type == "response" and not data.strip():  # warcio reads an unended header block to the end
        return failed(name, "no page after the HTTP headers (an empty body, or headers with no blank line after them)")
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
