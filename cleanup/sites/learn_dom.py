"""``cleanup learn`` for HTML pages: ``strip`` and ``body`` rules from DOM blocks by class/id path.

``html/blocks.py`` gives, per page, every class/id path (an XPath) with the
lines the generic extractor kept inside it. From those and the article cores
of ``sites/learn.py`` (the stretch of a page's long lines of its own):

- **strip**: a path on ``need`` pages or more that holds kept lines on some
  page, and is a block, not a container (under half the page's kept text on
  every page). It is refused, and listed, when it holds a long line of a page's
  own, or when it holds a line of the article core on more than ``CORE_SHARE``
  of the pages where it holds kept text and its text is not a template (the
  same words on most pages, ``TEMPLATE_SHARE``: an inline promo is; subheads
  and pull quotes are not). Paths are taken greedily, most kept lines first,
  and one that removes nothing an earlier one does not is left out.
- **body**: the tightest path that holds every own line of the article core on
  most pages (more than half, and ``min_pages``), never matches a page without
  holding its core, and is not much larger than what the generic extractor
  keeps (``BODY_SLACK``). A path that holds the core on most pages but misses
  it on one is refused and listed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from cleanup.sites.write import RuleSpec

if TYPE_CHECKING:
    from cleanup.html.blocks import BlockHit

# A path holding this share of a page's kept characters is a container, not a block to strip.
CONTAINER_SHARE = 0.5
# A body path may hold at most this many times the characters the generic extractor kept
# (headline, captions and the byline sit in the container and are removed by other rules).
BODY_SLACK = 1.5
MIN_BODY_CHARS = 50
CORE_EDGE = 1  # lines next to the article core held to it (a lead, a closing line)
# A block inside the article core is chrome when its text is a template: on average this share
# of its words recur in the same block on half the other pages ("Read more from the harbour desk").
# A run of subheads or a pull quote changes from page to page.
TEMPLATE_SHARE = 0.5  # as html.marks.MIN_SITE_BODY_CHARS: a smaller match is not a body


class PageLines(Protocol):
    """What the DOM learner reads of a page (``sites.learn.PageLines``)."""

    @property
    def kept(self) -> tuple[str, ...]: ...

    @property
    def dom(self) -> Mapping[str, BlockHit]: ...


@dataclass(frozen=True)
class PageView:
    """One page as the DOM learner reads it: kept lines, the article core, the own long lines."""

    page: PageLines
    core: frozenset[int]  # indices of the kept lines inside the article core
    own: frozenset[int]  # indices of the core's lines found on this page only
    long: frozenset[int]  # indices of the long lines found on this page only (article text)

    @property
    def kept_chars(self) -> int:
        """Characters of the kept lines, without whitespace (as html/blocks measures a block)."""
        return sum(len("".join(t.split())) for t in self.page.kept)


@dataclass(frozen=True)
class DomFinding:
    """A DOM candidate: its rule, or why it was refused (``rule`` None)."""

    path: str
    why: str
    rule: RuleSpec | None = None


def views(
    pages: Sequence[PageLines], cores: Sequence[tuple[int, int, int]], counts: Counter[str], long_chars: int
) -> list[PageView]:
    """The pages with their core, own-line and long own-line indices."""
    out = []
    for page, (lo, hi, _) in zip(pages, cores, strict=True):
        # The line next to each end counts as core too: a short lead or closing line is article text.
        core = (
            frozenset(range(max(lo - CORE_EDGE, 0), min(hi + CORE_EDGE + 1, len(page.kept))))
            if hi >= lo
            else frozenset()
        )
        own = frozenset(i for i, t in enumerate(page.kept) if counts[t] == 1)
        long = frozenset(i for i in own if len(page.kept[i]) >= long_chars)
        out.append(PageView(page, core, core & own, long))
    return out


def _example(text: str) -> str:
    return text if len(text) < 60 else text.rstrip() + "…"


def strip_findings(pages: Sequence[PageView], need: int, core_share: float) -> list[DomFinding]:
    """Strip rules and refused strip candidates (see the module docstring)."""
    n = len(pages)
    on: Counter[str] = Counter(path for v in pages for path in v.page.dom)
    scored = []
    refused = []
    for path in sorted(p for p, c in on.items() if c >= need):
        hits = [(k, v, v.page.dom[path]) for k, v in enumerate(pages) if path in v.page.dom]
        if any(h.chars >= CONTAINER_SHARE * v.kept_chars for _, v, h in hits if h.covers):
            continue  # a container of the article, not a block
        removes = frozenset((k, i) for k, _, h in hits for i in h.covers)
        if not removes:
            continue  # the generic extractor drops it already
        holding = [v for _, v, h in hits if h.covers]
        inside = sum(bool(h.touches & v.core) for _, v, h in hits if h.covers)
        eg = next(h.example for _, _, h in hits if h.covers)
        if any(h.touches & v.long for _, v, h in hits) or (
            inside > core_share * len(holding) and template_share([h for _, _, h in hits if h.touches]) < TEMPLATE_SHARE
        ):
            why = f"holds article text on {inside} of {len(holding)} pages; e.g. '{_example(eg)}'"
            refused.append(DomFinding(path, why))
            continue
        evidence = f"on {on[path]} of {n} pages; e.g. '{_example(eg)}'"
        scored.append((removes, DomFinding(path, evidence, RuleSpec("strip", "", evidence, path))))
    return _cover(scored) + _one_per_block(refused)


def _one_per_block(refused: list[DomFinding]) -> list[DomFinding]:
    """The refused paths, one per element step (``//div[@id='a']//p[@class='x']`` and ``//p[@class='x']``
    name the same block): the shortest path of each, so the summary lists each block once."""
    best: dict[str, DomFinding] = {}
    for found in sorted(refused, key=lambda f: (len(f.path), f.path)):
        best.setdefault(found.path.rsplit("//", 1)[-1], found)
    return sorted(best.values(), key=lambda f: f.path)


def template_share(hits: Sequence[BlockHit]) -> float:
    """The mean share of a block's words found in the same block on at least half of the other pages."""
    if len(hits) < 2:
        return 0.0
    seen: Counter[str] = Counter(w for h in hits for w in h.words)
    half = (len(hits) - 1) / 2
    shares = [sum(seen[w] - 1 >= half for w in h.words) / len(h.words) for h in hits if h.words]
    return sum(shares) / len(shares) if shares else 0.0


def _cover(scored: list[tuple[frozenset[tuple[int, int]], DomFinding]]) -> list[DomFinding]:
    """The candidates that each remove a kept line no earlier one removes (most lines first)."""
    done: set[tuple[int, int]] = set()
    out = []
    for removes, found in sorted(scored, key=lambda s: (-len(s[0]), len(s[1].path), s[1].path)):
        if removes - done:
            done |= removes
            out.append(found)
    return out


def body_findings(pages: Sequence[PageView], min_pages: int) -> list[DomFinding]:
    """The body rule (if any) and the refused body candidates (see the module docstring)."""
    most = max(min_pages, len(pages) // 2 + 1)
    on: Counter[str] = Counter(path for v in pages for path in v.page.dom)
    best: tuple[int, str] | None = None
    refused = []
    for path in sorted(p for p, c in on.items() if c >= most):
        hits = [(v, v.page.dom[path]) for v in pages if path in v.page.dom and v.own]
        holds = [(v, h) for v, h in hits if v.own <= h.touches and h.chars >= MIN_BODY_CHARS]
        if len(holds) < most:
            continue
        if len(holds) < len(hits):
            why = f"as a body: misses the article on {len(hits) - len(holds)} of {len(hits)} pages it matches"
            refused.append(DomFinding(path, why))
            continue
        if sum(h.chars > BODY_SLACK * v.kept_chars for v, h in holds) * 2 > len(holds):
            continue  # a page-wide wrapper: the generic choice is tighter
        size = sum(h.chars for _, h in holds)
        if best is None or size < best[0]:
            best = (size, path)
    if best is None:
        return _one_per_block(refused)
    path = best[1]
    holds = [(v, v.page.dom[path]) for v in pages if path in v.page.dom and v.own]
    evidence = f"holds the article on {len(holds)} of {len(pages)} pages; e.g. '{_example(holds[0][1].example)}'"
    return [DomFinding(path, evidence, RuleSpec("body", "", evidence, path)), *_one_per_block(refused)]


def learn_dom(
    pages: Sequence[PageLines],
    cores: Sequence[tuple[int, int, int]],
    counts: Counter[str],
    need: int,
    min_pages: int,
    core: tuple[float, int],
) -> list[DomFinding]:
    """Strip and body findings for the HTML pages of one host (none when no page has DOM paths).

    ``core`` is the text learner's (CORE_SHARE, CORE_CHARS): the share of pages a candidate may
    hold core lines on, and the length from which a line of a page's own is article text.
    """
    html = [(p, c) for p, c in zip(pages, cores, strict=True) if p.dom]
    if len(html) < min_pages:
        return []
    seen = views([p for p, _ in html], [c for _, c in html], counts, core[1])
    return strip_findings(seen, need, core[0]) + body_findings(seen, min_pages)
