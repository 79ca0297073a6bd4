"""What a file or stream holds, from its first bytes: a page, JSON Lines, a JSON array or a WARC.

Names lie (a WARC saved as ``.dat``, JSON Lines piped to stdin), so under
``--input-format auto`` the content decides, after gzip is undone; a known
suffix (``.jsonl``, ``.warc``) decides without a look.
"""

from __future__ import annotations

import codecs
import re
import zlib
from pathlib import Path
from typing import BinaryIO

HEAD_BYTES = 4096  # how much is read (and decompressed) to decide
HTML_HEAD_BYTES = 65536  # how much decode.sniff_kind looks at to tell HTML from text
WARC_MAGIC = b"WARC/"
GZIP_MAGIC = b"\x1f\x8b"
JSON_OBJECT_RE = re.compile(rb'\{\s*(?:"|\})')  # {"key" or {}: no page starts so
JSON_ARRAY_RE = re.compile(rb"\[\s*(?:\{|\])")  # an array of objects (or an empty one)
LEADING = b" \t\r\n"


def container_kind(head: bytes, whole_object: bool = False) -> str:
    """'warc', 'jsonl', 'json' (an array of objects) or 'page' for the first bytes of an input.

    >>> [container_kind(h) for h in (b"WARC/1.1\\r\\n", b'{"url": "x"}', b'[\\n {"a": 1}', b"<html>", b"{{ x }}")]
    ['warc', 'jsonl', 'json', 'page', 'page']

    A JSON object over several lines (a pretty-printed ``package.json``) is no JSON Lines:
    each of its lines was a failed record.

    >>> container_kind(b'{\\n  "name": "x",\\n  "version": "1.0"\\n}\\n')
    'page'

    With ``whole_object`` (a file named as input, standard input) such a file is one JSON
    record, read as a JSON file is ('json'): ``{"url": ..., "text": ...}`` saved with indent=2.

    >>> container_kind(b'{\\n  "url": "x",\\n  "text": "y"\\n}\\n', whole_object=True)
    'json'
    """
    if head.startswith(GZIP_MAGIC):
        head = _gunzipped_head(head)
    head = _as_utf8(head).removeprefix(codecs.BOM_UTF8).lstrip(LEADING)
    if head.startswith(WARC_MAGIC):
        return "warc"
    if JSON_OBJECT_RE.match(head):
        end = head.find(b"\n")
        if end < 0 or head[:end].rstrip().endswith(b"}"):
            return "jsonl"
        return "json" if whole_object else "page"
    if JSON_ARRAY_RE.match(head):
        return "json"
    return "page"


WIDE_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "UTF-32"),  # before UTF-16's: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def wide_encoding(head: bytes) -> str | None:
    """'UTF-16' or 'UTF-32' when JSON text starts so (a byte order mark, or NULs beside an ASCII first character).

    Lines of such a file cannot be split at b"\\n" (a UTF-16 newline is two bytes): its records failed with
    codec errors, and the NUL after the last newline made a phantom record.

    >>> [wide_encoding(h) for h in (b'\\xff\\xfe{\\x00', b'{\\x00\\x00\\x00', b'{"a', b"")]
    ['UTF-16', 'UTF-32', None, None]
    """
    for bom, name in WIDE_BOMS:
        if head.startswith(bom):
            return name
    nuls = head[:4].count(0)
    if len(head) >= 4 and nuls == 3 and max(head[:4]) < 0x80:
        return "UTF-32"
    if len(head) >= 2 and (head[0] == 0) != (head[1] == 0) and max(head[:2]) < 0x80:
        return "UTF-16"
    return None


def looks_like_html(head: bytes) -> bool:
    """True when the first HTML_HEAD_BYTES of an input (gzip undone) are HTML by the rule a named file
    is read by (``decode.sniff_kind``: an HTML start, a fragment, or five tags and a start with a tag).

    >>> looks_like_html(b"\\n<!DOCTYPE html><html>"), looks_like_html(b"MIT License")
    (True, False)
    >>> looks_like_html(b"<meta charset=utf-8><title>T</title><div><p>One.</p><p>Two.</p></div>")
    True
    """
    from cleanup.input.decode import sniff_kind

    if head.startswith(GZIP_MAGIC):
        head = _gunzipped_head(head, HTML_HEAD_BYTES)
    return sniff_kind(head[:HTML_HEAD_BYTES].removeprefix(codecs.BOM_UTF8).decode("utf-8", "replace")) == "html"


# A JSON object or array (a BOM, then white space): its "html" field's tags make it no HTML page.
JSON_START_RE = re.compile(rb'(?:\xef\xbb\xbf)?\s*(?:\{|\[\s*[{"\]])')


def walk_takes(path: Path) -> bool:
    """Whether a directory walk takes a file no include glob names (``story.php``, ``noext``): JSON
    records or a WARC, or HTML by the rule of a named file; a JSON object or array holding a page's
    HTML (an exported item) is neither, and is left out."""
    head = file_head(path, HTML_HEAD_BYTES)  # the HTML rule of a named file looks this far
    if container_kind(head[:HEAD_BYTES]) != "page":
        return True
    head = _gunzipped_head(head, HTML_HEAD_BYTES) if head.startswith(GZIP_MAGIC) else head
    return not JSON_START_RE.match(head) and looks_like_html(head)


def file_head(path: Path, size: int = HEAD_BYTES) -> bytes:
    """The first ``size`` bytes of a file (b"" when it cannot be read: the walk reports it later)."""
    try:
        with path.open("rb") as handle:
            return handle.read(size)
    except OSError:
        return b""


def _as_utf8(head: bytes) -> bytes:
    """A head that starts with a UTF-16 or UTF-32 byte order mark, in UTF-8 (JSON records are told so,
    and then refused with a clear reason); any other head as it is."""
    for bom, name in WIDE_BOMS:
        if head.startswith(bom):
            cut = len(head) - len(head) % 4  # whole code units
            return head[len(bom) : cut].decode(f"{name}-{'le' if bom[0] == 0xFF else 'be'}", "ignore").encode()
    return head


def _gunzipped_head(data: bytes, size: int = HEAD_BYTES) -> bytes:
    try:
        return zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data, size)
    except zlib.error:
        return b""


def stream_kind(stream: BinaryIO, whole_object: bool = False) -> str:
    """``container_kind`` of a buffered stream, read without consuming it (``peek``)."""
    peek = getattr(stream, "peek", None)
    return container_kind(peek(HEAD_BYTES)[:HEAD_BYTES], whole_object) if peek else "page"
