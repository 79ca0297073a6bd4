"""warcio's ``BufferedReader.readline``, linear and bounded.

warcio reads a WARC or HTTP header line by appending each buffer's worth to the line
read so far (``bytes += bytes``): a 32 MB header line took 21 s, 48 MB 45 s, in the
main process, outside ``--timeout`` (an attack run). ``install`` replaces the method
with one that collects the pieces and joins them once, and that gives up on a line
past MAX_LINE bytes: real header lines are a few KB (servers refuse more than 8-64 KB).
Everything else is warcio's logic as it is, the length bookkeeping included.
"""

from __future__ import annotations

from typing import Any

MAX_LINE = 1 << 20


class HeaderLineTooLong(ValueError):
    """A header line past MAX_LINE bytes: the file is no WARC a crawler wrote."""


def install() -> None:
    """Put the linear readline on warcio's BufferedReader (once; warcio must be installed)."""
    from warcio.bufferedreaders import BufferedReader

    if getattr(BufferedReader.readline, "linear", False):
        return
    readline: Any = _readline
    readline.linear = True
    BufferedReader.readline = readline


def _readline(self: Any, length: int | None = None) -> bytes:
    """warcio's readline (fill the buffer, read to a newline, fill again at a boundary), pieces joined once."""
    if length == 0:
        return b""
    self._fillbuff()
    if self.empty():
        return b""
    parts = [self.buff.readline(length)]
    size = len(parts[0])
    while not parts[-1].endswith(b"\n"):
        if length:
            length -= size  # as warcio does: the whole line so far
            if length <= 0:
                break
        if size > MAX_LINE:
            raise HeaderLineTooLong(f"a header line over {MAX_LINE:,} bytes")
        self._fillbuff()
        if self.empty():
            break
        parts.append(self.buff.readline(length))
        size += len(parts[-1])
    return b"".join(parts)
