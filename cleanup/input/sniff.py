"""What a file or stream holds, from its first bytes: a page, JSON Lines, a JSON array or a WARC.

Names lie (a WARC saved as ``.dat``, JSON Lines piped to stdin), so under
``--input-format auto`` the content decides, after gzip is undone; a known
suffix (``.jsonl``, ``.warc``) decides without a look.
"""

from __future__ import annotations

import codecs
import re
import zlib
from typing import BinaryIO

HEAD_BYTES = 4096  # how much is read (and decompressed) to decide
WARC_MAGIC = b"WARC/"
GZIP_MAGIC = b"\x1f\x8b"
JSON_OBJECT_RE = re.compile(rb'\{\s*(?:"|\})')  # {"key" or {}: no page starts so
JSON_ARRAY_RE = re.compile(rb"\[\s*(?:\{|\])")  # an array of objects (or an empty one)
LEADING = b" \t\r\n"


def container_kind(head: bytes) -> str:
    """'warc', 'jsonl', 'json' (an array of objects) or 'page' for the first bytes of an input.

    >>> [container_kind(h) for h in (b"WARC/1.1\\r\\n", b'{"url": "x"}', b'[\\n {"a": 1}', b"<html>", b"{{ x }}")]
    ['warc', 'jsonl', 'json', 'page', 'page']
    """
    if head.startswith(GZIP_MAGIC):
        head = _gunzipped_head(head)
    head = head.removeprefix(codecs.BOM_UTF8).lstrip(LEADING)
    if head.startswith(WARC_MAGIC):
        return "warc"
    if JSON_OBJECT_RE.match(head):
        return "jsonl"
    if JSON_ARRAY_RE.match(head):
        return "json"
    return "page"


def _gunzipped_head(data: bytes) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, HEAD_BYTES)
    except zlib.error:
        return b""


def stream_kind(stream: BinaryIO) -> str:
    """``container_kind`` of a buffered stream, read without consuming it (``peek``)."""
    peek = getattr(stream, "peek", None)
    return container_kind(peek(HEAD_BYTES)[:HEAD_BYTES]) if peek else "page"
