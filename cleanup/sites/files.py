"""Reading rule files safely, and the test cases FiveFilters files carry.

A rule file is opened without blocking and read with a cap: a FIFO would
hang the run and a link to /dev/zero would fill the memory (issue 15 item 6).
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cleanup.model import SiteRuleError

MAX_RULE_FILE_BYTES = 1_000_000  # a site file is a few kB; a FIFO or /dev/zero link must not hang or fill memory


def read_rule_bytes(path: Path) -> bytes:
    """The bytes of a site file, which must be a regular file (not a FIFO or a device) under the size cap.

    A UTF-8 byte order mark (Windows editors write one) is dropped: TOML and FiveFilters
    files are UTF-8, and a mark before the first line made it unreadable.
    """
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(f"not a regular file (a FIFO, device or directory): {path}")
        data = handle.read(MAX_RULE_FILE_BYTES + 1)
    if len(data) > MAX_RULE_FILE_BYTES:
        raise OSError(f"larger than {MAX_RULE_FILE_BYTES:,} bytes")
    return data.removeprefix(codecs.BOM_UTF8)


@dataclass(frozen=True)
class FtrTest:
    """A FiveFilters ``test_url`` and the ``test_contains`` phrases that follow it."""

    url: str
    contains: tuple[str, ...]
    line: int


def read_rule_file(path: Path) -> str:
    """The text of a rule file (``read_rule_bytes``), or SiteRuleError naming the file."""
    try:
        data = read_rule_bytes(path)
    except OSError as exc:
        raise SiteRuleError(f"{path}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SiteRuleError(f"{path}: cannot read: not UTF-8 ({exc.reason} at byte {exc.start})") from None
