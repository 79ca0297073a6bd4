"""One input through ``clean()`` to its rendered output: the unit of work a worker runs.

Everything here is picklable and prints nothing, so it runs the same in the
main process (-j 1) and in worker processes.
"""

from __future__ import annotations

import contextlib
import dataclasses
from collections import Counter
from dataclasses import dataclass

from cleanup.input.sources import Source, reason
from cleanup.model import CleanupError, Options, SiteRuleError

MAX_ERROR_CHARS = 300  # of an unexpected exception's message in the per-input error


@dataclass(frozen=True)
class Settings:
    """What every input of a run shares: cleaning options and output format."""

    options: Options
    fmt: str = "text"
    explain: bool = False


@dataclass(frozen=True)
class Outcome:
    """What cleaning one source produced: the rendered output or why there is none.

    ``rules`` counts the removals of each rule, as (name, count) pairs sorted by name,
    for the per-rule summary of ``-v``. ``out_of_memory``: cleaning raised
    MemoryError (a worker under --max-memory reports the limit instead).
    """

    output: str | None = None
    explain: tuple[str, ...] = ()
    error: str | None = None
    rules: tuple[tuple[str, int], ...] = ()
    out_of_memory: bool = False


OUT_OF_MEMORY = Outcome(error="out of memory (MemoryError)", out_of_memory=True)


BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")


def blank(data: bytes | str) -> bool:
    r"""True for input with nothing in it but white space and a byte-order mark.

    >>> blank(b"\xef\xbb\xbf" * 2), blank("\ufeff \n"), blank(b"\xff\xfe \x00\n\x00"), blank(b"\xff\xfe<\x00")
    (True, True, True, False)
    """
    if isinstance(data, bytes) and data.startswith(BOMS[1:]) and len(data) <= MAX_BLANK_BYTES:
        with contextlib.suppress(UnicodeDecodeError):
            data = data.decode("utf-16")  # a BOM and white space in UTF-16: "\xff\xfe \x00\n\x00"
    if isinstance(data, str):
        data = data.replace("\ufeff", "")
    else:
        while data.startswith(BOMS[0]):
            data = data[len(BOMS[0]) :]
    return not data or data.isspace()


MAX_BLANK_BYTES = 1 << 16  # a UTF-16 page longer than this is no blank one


def unpacked(data: bytes | str, max_bytes: int) -> bytes | str:
    """``data`` gunzipped when it is gzip (so an empty .gz is empty input), else as it is.

    A gzip inside the gzip is left for ``read_page`` to refuse, as before.

    >>> import gzip
    >>> unpacked(gzip.compress(b""), 100), unpacked(b"page", 100)
    (b'', b'page')
    """
    from cleanup.input.decode import GZIP_MAGIC, gunzip

    if not isinstance(data, bytes) or not data.startswith(GZIP_MAGIC):
        return data  # a record's page is text already
    inner = gunzip(data, max_bytes)
    return data if inner.startswith(GZIP_MAGIC) else inner


def declared_charset(options: Options, source: Source) -> Options:
    """``options`` with the charset the source's transport declared (a WARC record's HTTP header),
    unless the caller gave one."""
    return dataclasses.replace(options, charset=source.charset) if source.charset and not options.charset else options


def process(source: Source, settings: Settings) -> Outcome:
    """Clean one source; a bad input gives an Outcome with ``error``, never an exception.

    SiteRuleError is the exception: a broken rule file breaks every page, so
    it stops the run.
    """
    from cleanup.output.render import explain_lines, render
    from cleanup.pipeline import clean

    if source.error is not None:
        return Outcome(error=source.error)
    options = settings.options
    if source.url and not options.url:
        options = dataclasses.replace(options, url=source.url)
    options = declared_charset(options, source)
    try:
        data = unpacked(source.read(options.max_bytes), options.max_bytes)
        if blank(data):
            return Outcome(error="empty input")
        result = clean(data, options)
    except SiteRuleError:
        raise
    except (CleanupError, OSError) as exc:
        return Outcome(error=reason(exc))
    except MemoryError:
        return OUT_OF_MEMORY  # made beforehand: memory may still be short here
    except Exception as exc:
        # A bug or a pathological page must not end a batch of thousands: say so and go on.
        # Only a plain message crosses back from a worker: some lxml errors cannot be pickled.
        return Outcome(error=f"internal error: {type(exc).__name__}: {str(exc)[:MAX_ERROR_CHARS]}")
    lines = tuple(explain_lines(result, source.name)) if settings.explain else ()
    counts = tuple(sorted(Counter(r.rule for r in result.removed).items()))
    return Outcome(render(result, settings.fmt, source.name, source.extra), lines, rules=counts)
