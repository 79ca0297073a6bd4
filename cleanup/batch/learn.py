"""The first pass of ``cleanup learn``: every page cleaned by the generic rules, grouped by host.

A page's host comes from ``--site``, else its record's URL (JSON Lines, WARC),
else the page's own URL (the canonical link of an HTML page, a URL near the
top of a text dump). Pages with no host are counted apart. A leading
``www.`` is left out, so ``HOST.toml`` serves both forms.
"""

from __future__ import annotations

import contextlib
import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cleanup.batch.jobs import NO_LIMITS, Limits, ordered_map, why_failed
from cleanup.batch.work import blank, declared_charset, unpacked
from cleanup.input.decode import read_page
from cleanup.input.sources import Source
from cleanup.model import CleanupError, Options, Result
from cleanup.pipeline import clean, dump_urls
from cleanup.sites.learn import PageLines, page_lines
from cleanup.sites.load import host_of

# A host name a site file may be named after: labels of word characters and "-", 63 at most each.
HOST_RE = re.compile(r"[^\W_](?:[\w-]{0,61}[^\W_])?(?:\.[^\W_](?:[\w-]{0,61}[^\W_])?)*")
MAX_HOST_CHARS = 253


@dataclass
class Gathered:
    """Pages by host, and the inputs that gave no page or no host, or that a batch leaves out."""

    by_host: dict[str, list[PageLines]] = field(default_factory=dict)
    no_host: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # why, per input (a file no page, a WARC 404)


def site_host(host: str | None) -> str | None:
    """The host a site file is named after: lower-cased, without one leading ``www.``; None when it is
    no host name (labels of letters, digits, "-" and "_", joined by dots; at most 253 characters): it
    becomes a file name, so "../x", a NUL or a name longer than a file system allows never gets there.
    A single label ("www", "localhost") is none either: a run warns that such a file serves no page.

    >>> site_host("WWW.Example.com"), site_host("bücher.de"), site_host("../../escaped"), site_host("a\\x00b")
    ('example.com', 'bücher.de', None, None)
    >>> site_host("www"), site_host("a_b.example")
    (None, 'a_b.example')
    """
    from cleanup.sites.lint import is_host_name

    if not host:
        return None
    host = host.lower()
    host = host[4:] if host.startswith("www.") else host
    return host if len(host) <= MAX_HOST_CHARS and HOST_RE.fullmatch(host) and is_host_name(host) else None


def page_url(source: Source, raw: bytes | str, result: Result) -> str | None:
    """The URL of a page: its record's, its canonical link, or one near the top of a dump."""
    if source.url or result.url:
        return source.url or result.url
    if result.kind != "text":
        return None
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else raw
    return next(iter(dump_urls(text.lstrip()[:20_000].splitlines())), None)  # as clean() finds a dump's site


def gather(
    sources: Iterable[Source], options: Options, site: str | None = None, jobs: int = 1, limits: Limits = NO_LIMITS
) -> Gathered:
    """Clean every source with the generic rules and group the kept lines by host.

    As a batch does: in ``jobs`` worker processes, each page under ``limits`` (a page past
    the time or memory limit is a failure, and a hostile page or rule cannot hang the run).
    """
    out = Gathered()
    one = functools.partial(learn_one, options=options, site=site)
    crashed, timed_out, too_big = (functools.partial(_failed, why=why) for why in why_failed(limits))
    found = ordered_map(one, sources, jobs, crashed, timed_out, limits, too_big)
    with contextlib.closing(found):
        for source, (kind, what) in found:
            if kind == "page":
                host, lines = what
                out.by_host.setdefault(host, []).append(lines)
            elif kind == "no-host":
                out.no_host.append(source.name)
            elif kind == "left-out":
                out.left_out.append(what)
            else:
                out.failed.append((source.name, what))
    return out


def learn_one(source: Source, options: Options, site: str | None) -> tuple[str, Any]:
    """One page for the learner: ("page", (host, PageLines)), ("no-host", None), ("failed", why) or
    ("left-out", why) for an input a batch leaves out (``notes`` with no extension, a WARC 404)."""
    if source.skip is not None:
        return "left-out", source.skip
    if source.error is not None:
        return "failed", source.error
    try:
        raw = unpacked(source.read(options.max_bytes), options.max_bytes)  # as a batch reads it
        if blank(raw):
            return "failed", "empty input"
        declared = declared_charset(options, source)
        result = clean(raw, declared)
    except (OSError, CleanupError) as exc:
        return "failed", str(exc)
    host = site_host(site) or site_host(host_of(page_url(source, raw, result)))
    if host is None:
        return "no-host", None
    return "page", (host, learn_page(source.name, raw, result, declared))


def _failed(source: Source, why: str) -> tuple[str, str]:
    """A page its worker could not clean (``why_failed``)."""
    return "failed", why


def learn_page(name: str, raw: bytes | str, result: Result, options: Options) -> PageLines:
    """What the learner keeps of one cleaned page; the page is read again (HTML: for its DOM paths;
    text: for where its article ends)."""
    markup = read_page(raw, encoding=options.encoding, max_bytes=options.max_bytes, charset=options.charset).text
    return page_lines(name, result, markup)
