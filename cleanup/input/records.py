"""Pages inside container files: JSON Lines exports and WARC archives.

A JSON Lines file (Scrapy's ``-O items.jsonl``) holds one record per line; the
page is in the ``html`` field (or ``text`` for plain text), its address in
``url``; every other field is passed through to the output record. A WARC file
holds crawl records; its HTML and text ``response`` records are cleaned, with
the URL and date from the WARC headers (needs the ``warc`` extra: warcio).
A bad record is reported as ``file:line`` and the rest go on.
"""

from __future__ import annotations

import gzip
import itertools
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from cleanup.input.sources import Source, failed

JSONL_SUFFIXES = (".jsonl", ".jsonl.gz", ".ndjson", ".ndjson.gz")
WARC_SUFFIXES = (".warc", ".warc.gz")
# HTTP Content-Types of WARC responses that are pages; images, scripts and
# the like are left out without a message (a crawl holds many of them).
PAGE_TYPES = frozenset(("text/html", "application/xhtml+xml", "text/plain"))
WARC_MISSING = "reading WARC files needs warcio: pip install warcio"


@dataclass(frozen=True)
class Fields:
    """Names of the JSON Lines fields holding the page, its URL and its id."""

    html: str = "html"
    text: str = "text"
    url: str = "url"
    id: str = "id"


def kind_of(name: str, input_format: str) -> str:
    """'page', 'jsonl' or 'warc' for a file name, under --input-format."""
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
            return rel.with_name(name[: -len(suffix)] or "records")
    return rel.with_name(name + ".records") if name else Path("records")


def expand(
    kind: str, name: str, stream: BinaryIO, rel: Path, fields: Fields | None, first: int = 1, limit: int | None = None
) -> Iterator[Source]:
    """The records of one container file as Sources (failed ones included).

    ``first`` numbers the record ``stream`` starts at and ``limit`` caps how
    many lines (WARC records) are read: a cluster task cleans one such range.
    """
    if kind == "warc":
        yield from warc_records(name, stream, _base(rel), first, limit)
    else:
        yield from jsonl_records(name, stream, _base(rel), fields or Fields(), first, limit)


def _unzipped(stream: BinaryIO) -> BinaryIO:
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else b""
    return gzip.GzipFile(fileobj=stream) if head == b"\x1f\x8b" else stream  # type: ignore[return-value]


def jsonl_records(
    name: str, stream: BinaryIO, base: Path, fields: Fields, first: int = 1, limit: int | None = None
) -> Iterator[Source]:
    """One Source per non-blank line of a JSON Lines stream (gzip is decompressed)."""
    try:
        for no, raw in enumerate(itertools.islice(_unzipped(stream), limit), first):
            if raw.strip():
                yield jsonl_record(f"{name}:{no}", raw, base / f"{no:06d}", fields)
    except (OSError, EOFError) as exc:  # a corrupt or truncated .gz
        yield failed(name, f"cannot read: {exc}")


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
    except ValueError as exc:
        return failed(name, f"not valid JSON: {getattr(exc, 'msg', exc)}")
    if not isinstance(obj, dict):
        return failed(name, "not a JSON object")
    page = obj.get(fields.html)
    if not isinstance(page, str):
        page = obj.get(fields.text)
    if not isinstance(page, str):
        return failed(name, f"no '{fields.html}' or '{fields.text}' field holding a string")
    url = obj.get(fields.url)
    consumed = {fields.html, fields.text, fields.url}
    extra: list[tuple[str, Any]] = []
    if fields.id in obj:
        extra.append(("id", obj[fields.id]))
        consumed.add(fields.id)
    extra.extend((k, v) for k, v in obj.items() if k not in consumed)
    return Source(name, rel, data=page, url=url if isinstance(url, str) else None, extra=tuple(extra))


def warc_records(name: str, stream: BinaryIO, base: Path, first: int = 1, limit: int | None = None) -> Iterator[Source]:
    """One Source per HTML or text response record of a WARC file (plain or gzipped)."""
    try:
        from warcio.archiveiterator import ArchiveIterator
        from warcio.exceptions import ArchiveLoadFailed
    except ImportError:
        yield failed(name, WARC_MISSING)
        return
    try:
        for no, record in enumerate(itertools.islice(ArchiveIterator(stream), limit), first):
            source = _warc_source(f"{name}:{no}", record, base / f"{no:06d}")
            if source is not None:
                yield source
    except (ArchiveLoadFailed, OSError, EOFError, ValueError) as exc:
        yield failed(name, f"not a readable WARC file: {str(exc).splitlines()[0] if str(exc) else exc!r}")


def _warc_source(name: str, record: Any, rel: Path) -> Source | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    ctype = (record.http_headers.get_header("Content-Type") or "text/html").split(";")[0].strip().lower()
    if ctype not in PAGE_TYPES:
        return None
    headers = record.rec_headers
    extra = (("warc_date", headers.get_header("WARC-Date")), ("warc_record_id", headers.get_header("WARC-Record-ID")))
    data = record.content_stream().read()
    return Source(name, rel, data=data, url=headers.get_header("WARC-Target-URI"), extra=extra)
