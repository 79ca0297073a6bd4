"""Which codec names decode text: Python's codecs include transforms a page could name.

``text_codec`` answers for an ``--encoding``, a ``<meta charset>`` or an HTTP charset:
``rot13``, ``unicode_escape`` or ``undefined`` would invent or drop text.
"""

from __future__ import annotations

import codecs
import re

# Codecs that decode text (Python names, as codecs.lookup gives them); others are transforms.
TEXT_CODECS = frozenset(
    [
        "ascii",
        "latin-1",
        "utf-8",
        "utf-8-sig",
        "utf-16",
        "utf-16-le",
        "utf-16-be",
        "utf-32",
        "utf-32-le",
        "utf-32-be",
        "koi8-r",
        "koi8-u",
        "koi8-t",
        "tis-620",
        "shift_jis",
        "shift_jis_2004",
        "shift_jisx0213",
        "cp932",
        "euc_jp",
        "euc_jis_2004",
        "euc_jisx0213",
        "iso2022_jp",
        "iso2022_jp_1",
        "iso2022_jp_2",
        "iso2022_kr",
        "gb2312",
        "gbk",
        "gb18030",
        "hz",
        "big5",
        "big5hkscs",
        "cp950",
        "euc_kr",
        "cp949",
        "johab",
        "mac-roman",
        "mac-cyrillic",
        "mac-greek",
        "mac-iceland",
        "mac-latin2",
        "mac-turkish",
        "kz1048",
        "ptcp154",
    ]
)
TEXT_CODEC_FAMILY_RE = re.compile(r"cp\d{3,4}|iso8859-\d{1,2}")


def known_codec(name: str) -> bool:
    """True when Python has a codec of that name (a text encoding or a transform)."""
    try:
        codecs.lookup(name)
    except LookupError:
        return False
    return True


def text_codec(name: str) -> str | None:
    """The codec ``name`` stands for when it decodes text, else None.

    Python's codecs include transforms (``unicode_escape``, ``rot13``, ``undefined``)
    that a page's ``<meta charset>`` could name: they invent or drop text.

    >>> text_codec("Windows-1252"), text_codec("unicode_escape")
    ('cp1252', None)
    """
    try:
        codec = codecs.lookup(name).name
    except LookupError:
        return None
    return codec if codec in TEXT_CODECS or TEXT_CODEC_FAMILY_RE.fullmatch(codec) else None
