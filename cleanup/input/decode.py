"""Bytes in, text out: decompress, refuse binaries, decode, sniff HTML or text.

Decoding order (the first that works wins): an explicit ``encoding``; a byte
order mark (UTF-8, UTF-16, UTF-32); strict UTF-8; UTF-16 without a BOM
(recognised by its zero bytes); UTF-8 with a few invalid bytes (a page pasted
together from two encodings), the invalid bytes read as cp1252; the charset an
HTML page declares in ``<meta>``; cp1252, the usual mislabel of old Western
pages; latin-1 for the five bytes cp1252 leaves undefined. Control characters
are refused in bulk (binary input) and dropped when few.
"""

from __future__ import annotations

import codecs
import gzip  # noqa: F401 (doctests)
import itertools
import re
import zlib
from dataclasses import dataclass, field

from cleanup.input.charsets import known_codec, text_codec
from cleanup.model import DecodeError

GZIP_MAGIC = b"\x1f\x8b"
# Signatures of files that are never pages, whatever their name says.
BINARY_MAGIC = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"RIFF", "a RIFF (WebP/AVI/WAV) file"),
    (b"\x7fELF", "an executable"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x00\x00\x00\x0cjP", "a JPEG 2000 image"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data: decompress it first, zstd -dc FILE | cleanup"),
)
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE: it starts with the same bytes
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
SNIFF_BYTES = 4096  # how far into the input we look for signatures and <meta charset>
META_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]+)""", re.I)
# Share of NUL bytes at odd (or even) offsets that marks UTF-16 without a BOM.
MIN_UTF16_ZERO_SHARE = 0.4
# Control characters that never occur in text (tab, LF, FF, CR excluded).
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
CONTROL_BYTES = bytes(range(0x00, 0x09)) + b"\x0b" + bytes(range(0x0E, 0x20)) + b"\x7f"
# Bytes that are not UTF-8, as the surrogateescape handler leaves them, and decoded non-ASCII.
ESCAPED_BYTE_RE = re.compile("[\udc80-\udcff]")
NON_ASCII_RE = re.compile("[^\x00-\x7f]")
LONE_SURROGATE_RE = re.compile("[\ud800-\udfff]")  # in a str given to clean(): half a UTF-16 pair, no character
MIXED_CODEC = "utf-8+cp1252"  # Result.encoding of UTF-8 text with cp1252 bytes mixed in
# Codecs that turn each byte below 0x80 into the same ASCII character and make no
# ASCII character from other bytes: for these, the raw bytes show the control characters.
ASCII_SAFE_CODECS = frozenset({"utf-8", "utf-8-sig", "cp1252", "latin-1", "iso8859-1", MIXED_CODEC})
MAX_CONTROL_SHARE = 0.01  # more than 1 % control characters: binary, not text
HTML_START_RE = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|\?xml)\b", re.I | re.S)
# A fragment (``<p>hi</p>``, ``<article>…``) has no <html> but starts with a block element and
# closes it: no text dump starts that way, so it is read as markup whatever its tag count.
FRAGMENT_RE = re.compile(
    r"\s*<(p|div|article|section|main|table|ul|ol|blockquote|figure|h[1-6])\b[^>]{0,400}>.*</\1\s*>",
    re.I | re.S,
)
HTML_TAG_RE = re.compile(r"<(?:p|div|br|a|span|li|td|meta|script|title|h[1-6])\b[^>]{0,400}>", re.I)
MIN_HTML_TAGS = 5  # a text with fewer tags in its first 64 KiB is treated as text
# A text dump that starts with text, not a tag, is markup only when at least one
# non-blank line in TAGGED_LINES_SHARE holds a tag: a dump keeps a page's <noscript>
# markup (ad pixels, "JavaScript is off" boxes) on a few lines of its own.
TAGGED_LINES_SHARE = 4


@dataclass(frozen=True, slots=True)
class Page:
    """Decoded input: its text, ``kind`` ("html" or "text"), the codec used and, when ``read_page`` had
    it at no cost and dropped no control character, the text's UTF-8 (for ``html.parse.parse_html``)."""

    text: str
    kind: str
    encoding: str | None
    utf8: bytes | None = field(default=None, repr=False, compare=False)


def gunzip(data: bytes, max_bytes: int) -> bytes:
    """Decompress every gzip member of ``data``, refusing output larger than ``max_bytes``.

    ``cat a.gz b.gz`` is one valid gzip file: its second member was dropped silently.
    Bytes after the last member that are not another member are refused, not ignored.

    >>> gunzip(gzip.compress(b"one ") + gzip.compress(b"two"), 100)
    b'one two'
    """
    out = b""
    while data:
        d = zlib.decompressobj(16 + zlib.MAX_WBITS)
        try:
            out += d.decompress(data, max_bytes + 1 - len(out))
        except zlib.error as exc:
            raise DecodeError(f"corrupt gzip data: {exc}") from None
        if len(out) > max_bytes:
            raise DecodeError(f"decompressed input is larger than the limit of {max_bytes:,} bytes")
        if not d.eof:
            raise DecodeError("truncated gzip data")
        data = d.unused_data
        if data and not data.startswith(GZIP_MAGIC):
            if data.strip(b"\0"):
                raise DecodeError(f"{len(data):,} bytes of trailing data after the gzip stream")
            break
    return out


def binary_kind(data: bytes) -> str | None:
    """Name of a known binary format ``data`` starts with, else None."""
    for magic, what in BINARY_MAGIC:
        if data.startswith(magic):
            return what
    return None


def _utf16_without_bom(head: bytes) -> str | None:
    if len(head) < 4:
        return None
    even, odd = head[0::2], head[1::2]
    if odd.count(0) / len(odd) >= MIN_UTF16_ZERO_SHARE and even.count(0) < len(even) / 10:
        return "utf-16-le"
    if even.count(0) / len(even) >= MIN_UTF16_ZERO_SHARE and odd.count(0) < len(odd) / 10:
        return "utf-16-be"
    return _utf16_by_line_ends(head) if b"\0" in head else None


def _utf16_by_line_ends(head: bytes) -> str | None:
    """UTF-16 with few ASCII characters (CJK text): few zero bytes, but its line ends and
    spaces are "\\n\\0" / "\\0\\n"; text in 8-bit codecs or UTF-8 holds no zero byte at all.

    >>> _utf16_by_line_ends(("市议会周二投票决定关闭旧桥。\\n" * 3).encode("utf-16-le"))
    'utf-16-le'
    """
    for codec, line_end in (("utf-16-le", b"\n\0"), ("utf-16-be", b"\0\n")):
        text = head[: len(head) // 2 * 2].decode(codec, "replace")
        if line_end in head and ("\n" in text or " " in text) and not CONTROL_RE.search(text):
            return codec
    return None


def _declared_charset(head: bytes) -> str | None:
    match = META_CHARSET_RE.search(head)
    return text_codec(match.group(1).decode("ascii")) if match else None


def _try(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _cp1252_byte(match: re.Match[str]) -> str:
    byte = bytes([ord(match.group(0)) - 0xDC00])
    return _try(byte, "cp1252") or byte.decode("latin-1")


def mostly_utf8(data: bytes) -> str | None:
    """UTF-8 text with a few invalid bytes, those read as cp1252; None if UTF-8 is unlikely.

    UTF-8 is likely when its valid multi-byte characters are at least as many
    as its invalid bytes: cp1252 text yields almost no valid sequences.

    >>> mostly_utf8("Café 1, ".encode() + "café 2".encode("cp1252"))
    'Café 1, café 2'
    >>> mostly_utf8("café".encode("cp1252")) is None
    True
    """
    text = data.decode("utf-8", "surrogateescape")  # invalid bytes become U+DC80..U+DCFF
    invalid = len(ESCAPED_BYTE_RE.findall(text))
    valid = len(NON_ASCII_RE.findall(text)) - invalid
    if not valid or valid < invalid:
        return None
    return ESCAPED_BYTE_RE.sub(_cp1252_byte, text)


def decode(data: bytes, encoding: str | None = None, charset: str | None = None) -> tuple[str, str]:
    """Decode ``data``; return the text and the codec used.

    ``charset``: what the transport declared (an HTTP header); it is tried, as browsers
    do, before the page's own ``<meta charset>`` when the bytes are not UTF-8.

    >>> decode("Новости".encode("cp1251"), charset="windows-1251")
    ('Новости', 'cp1251')
    """
    if encoding:
        if text_codec(encoding) is None:
            raise DecodeError(f"{'not a text' if known_codec(encoding) else 'unknown'} encoding {encoding!r}")
        try:
            return data.decode(encoding), codecs.lookup(encoding).name
        except LookupError:
            raise DecodeError(f"unknown encoding {encoding!r}") from None
        except UnicodeDecodeError as exc:
            raise DecodeError(f"not valid {encoding}: {exc.reason} at byte {exc.start}") from None
    for bom, codec in BOMS:
        if data.startswith(bom):
            with_bom = _try(data, codec)
            if with_bom is None:
                raise DecodeError(f"starts with a {codec} byte order mark but is not valid {codec}")
            return with_bom.lstrip("\ufeff"), codec
    head = data[:SNIFF_BYTES]
    for guess in ("utf-8", _utf16_without_bom(head)):
        if guess and (text := _try(data, guess)) is not None:
            return text, codecs.lookup(guess).name
    if (text := mostly_utf8(data)) is not None:
        return text, MIXED_CODEC
    for guess in (text_codec(charset) if charset else None, _declared_charset(head), "cp1252"):
        if guess and (text := _try(data, guess)) is not None:
            return text, codecs.lookup(guess).name
    return data.decode("latin-1"), "latin-1"


def sniff_kind(text: str) -> str:
    """ "html" when the text is markup, else "text".

    Markup starts like a document or a fragment, or holds MIN_HTML_TAGS tags
    in its first 64 KiB; a text that starts with text needs them on one
    non-blank line in TAGGED_LINES_SHARE too (``tagged_lines``), else it is a
    text dump that kept a few lines of markup.

    >>> sniff_kind("<p>hi</p>"), sniff_kind("<p> is the paragraph tag."), sniff_kind("Title\\n\\nBody.")
    ('html', 'text', 'text')
    >>> sniff_kind("Title\\n\\n" + "<div><img src=x.gif></div>\\n\\n" * 5 + "A paragraph of the story.\\n\\n" * 30)
    'text'
    >>> sniff_kind("<div><p>One.</p><p>Two.</p><p>Three.</p><p>Four.</p><p>Five.</p></div>")
    'html'
    """
    if HTML_START_RE.match(text[:SNIFF_BYTES]) or FRAGMENT_RE.match(text[:SNIFF_BYTES]):
        return "html"
    head = text[:65536]
    if len(list(itertools.islice(HTML_TAG_RE.finditer(head), MIN_HTML_TAGS))) < MIN_HTML_TAGS:
        return "text"  # (counted up to MIN_HTML_TAGS: a page of markup holds thousands)
    return "html" if head.lstrip().startswith("<") or tagged_lines(head) else "text"


def tagged_lines(text: str) -> bool:
    """True when at least one non-blank line of ``text`` in TAGGED_LINES_SHARE holds an HTML tag."""
    lines = [line for line in text.splitlines() if line.strip()]
    return TAGGED_LINES_SHARE * sum(1 for line in lines if HTML_TAG_RE.search(line)) >= len(lines)


def read_page(
    data: bytes | str, *, encoding: str | None = None, max_bytes: int = 50_000_000, charset: str | None = None
) -> Page:
    """Turn raw input into a Page, or raise DecodeError saying what it is instead.

    bytearray and memoryview read as bytes; any other type is a TypeError naming it.
    """
    if isinstance(data, (bytearray, memoryview)):
        data = bytes(data)
    elif not isinstance(data, (bytes, str)):
        raise TypeError(f"clean() takes bytes or str, not {type(data).__name__}")
    if isinstance(data, str):
        _check_str_size(data, max_bytes)
        text, data = _str_and_bytes(data)
        codec: str | None = None
    else:
        if len(data) > max_bytes:
            raise DecodeError(f"input is {len(data):,} bytes, over the limit of {max_bytes:,}")
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, max_bytes)
        what = binary_kind(data)
        if what:
            raise DecodeError(f"binary input ({what}), not a page")
        text, codec = decode(data, encoding, charset)
    if not _may_hold_control(data, codec):
        return Page(text, sniff_kind(text), codec, data if codec in (None, "utf-8") else None)
    if CONTROL_RE.search(text):
        sample = text[: SNIFF_BYTES * 4]
        if len(CONTROL_RE.findall(sample)) > MAX_CONTROL_SHARE * len(sample):
            raise DecodeError("binary input (control bytes), not a page")
        # The few control characters left are invisible noise; dropping them here (like a BOM)
        # keeps clean() idempotent: output that kept them could exceed the share above once the
        # chrome around them is gone (found by tests/test_properties.py).
        text = CONTROL_RE.sub("", text)
    return Page(text, sniff_kind(text), codec)


def _check_str_size(text: str, max_bytes: int) -> None:
    """DecodeError when ``text`` is over ``max_bytes`` in UTF-8, as for bytes; encoded only when in doubt.

    n characters are n to 4n bytes: more characters than the limit is over for
    sure, 4n within it is not, and an ASCII str (``isascii`` is O(1)) is n bytes.

    >>> _check_str_size("é" * 6, 11)
    Traceback (most recent call last):
    cleanup.model.DecodeError: input is 12 bytes, over the limit of 11
    """
    if 4 * len(text) <= max_bytes:
        return
    if len(text) > max_bytes and not text.isascii():
        raise DecodeError(f"input is more than {len(text):,} bytes, over the limit of {max_bytes:,}")
    size = len(text) if text.isascii() else len(text.encode("utf-8", "surrogatepass"))
    if size > max_bytes:
        raise DecodeError(f"input is {size:,} bytes, over the limit of {max_bytes:,}")


def _str_and_bytes(text: str) -> tuple[str, bytes]:
    """A str given by a library caller without lone surrogates, and its UTF-8 bytes.

    A lone surrogate (half a UTF-16 pair, no character) becomes U+FFFD, as
    records.without_lone_surrogates does: lxml and RE2 refuse them. A strict encode
    fails exactly when the str holds one (a str holds every surrogate as a code point
    of its own), so one encode both finds them and gives the bytes ``_may_hold_control``
    reads: a third of the time of a regex search for them followed by the encode.

    >>> _str_and_bytes("a\\ud800b")[1], _str_and_bytes("a\\ud800b")[0] == "a\\ufffdb"
    (b'a\\xef\\xbf\\xbdb', True)
    """
    try:
        return text, text.encode("utf-8")
    except UnicodeEncodeError:
        text = LONE_SURROGATE_RE.sub("\ufffd", text)
        return text, text.encode("utf-8")


def _may_hold_control(data: bytes, codec: str | None) -> bool:
    """False when the decoded text surely holds no control character: the bytes have none.

    One ``bytes.translate`` is several times faster than a regex search of the text.
    ``codec`` None: the bytes are a str's UTF-8 (``_str_and_bytes``), which holds an
    ASCII control character only as itself.
    """
    if codec is not None and codec not in ASCII_SAFE_CODECS:
        return True
    return len(data.translate(None, CONTROL_BYTES)) != len(data)
