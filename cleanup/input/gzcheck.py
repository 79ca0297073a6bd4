"""Whether a WARC file's bytes hold anything, and whether a gzip file ends inside a member.

warcio reads an empty file, and a gzip file cut inside a member, without a word: these say it.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

SKIP_CHUNK = 1 << 20  # read this much at a time


def holds_bytes(stream: BinaryIO) -> bool:
    """True when a seekable stream holds data, gunzipped (an empty WARC file, or the gzip of one, is no fault)."""
    if not stream.seekable():
        return True  # standard input: it cannot be looked at again
    if stream.seek(0, 2) == 0:
        return False
    stream.seek(0)
    head = stream.read(SKIP_CHUNK)
    if not head.startswith(b"\x1f\x8b"):
        return True
    try:
        return bool(zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 1))
    except zlib.error:
        return True  # not gzip after all: the bytes are there


def gzip_truncated(stream: BinaryIO) -> bool:
    """True when a seekable gzip file ends inside a member (warcio reads such a file without a word).

    The file is read again through zlib, output thrown away: a second pass over the
    compressed bytes, cheap next to cleaning the pages. Standard input cannot be re-read.

    >>> import gzip, io
    >>> data = gzip.compress(b"WARC/1.0 ...") * 2
    >>> gzip_truncated(io.BytesIO(data)), gzip_truncated(io.BytesIO(data[:-5]))
    (False, True)
    """
    if not stream.seekable():
        return False
    stream.seek(0)
    if stream.read(2) != b"\x1f\x8b":
        return False
    stream.seek(0)
    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        while chunk := stream.read(SKIP_CHUNK):
            while chunk:
                if member.eof:
                    member = zlib.decompressobj(16 + zlib.MAX_WBITS)
                member.decompress(chunk)
                chunk = member.unused_data if member.eof else b""
    except zlib.error:
        return True
    return not member.eof
