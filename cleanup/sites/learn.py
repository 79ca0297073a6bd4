"""``cleanup learn``: site rules from a batch of one site's pages.

The chrome of a site repeats on every one of its pages; the articles do not.
Each page is first cleaned by the generic rules; the lines they keep are
counted across the site's pages. A kept line that recurs on a large share of
the pages is chrome the generic rules missed, unless it sits inside the
article: the *article core* of a page runs from its first to its last
paragraph that is both long (``CORE_CHARS``) and found on that page only.
A recurring line inside the core on more than ``CORE_SHARE`` of its pages is
article text (a sentence every story repeats) and is refused; the summary
lists it. Kept lines recurring after the core on every page that has them, with
kept lines after them, become ``drop_from`` rules; the others ``drop_line``.

Counting uses sets of pages and rules are sorted, so the rules do not depend
on the order of the inputs.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from cleanup.model import Result
from cleanup.sites.write import RuleSpec, dump_site
from cleanup.text.units import visible

# Defaults, chosen on the portal dev set by split-half learning (bench/learn_bench.py --split):
# with fewer than 3 pages a line "recurring" on 2 pages is as likely shared article text.
MIN_PAGES = 3
MIN_SHARE = 0.15
# A kept paragraph of at least this many characters found on one page only is article text;
# chrome lines (menus, share bars, promos) are shorter, article paragraphs mostly longer.
CORE_CHARS = 100
# A recurring line inside the article core on more than this share of its pages is refused.
CORE_SHARE = 0.2
# A sentence this close to the core counts as inside it: a closing sentence ("We look
# forward to your feedback.") belongs to the article; a short label there need not.
CORE_EDGE = 1
# This many recurring lines in a row end a segment of the page (see _core).
SPLIT_RUN = 2
SENTENCE_RE = re.compile(r"\w\W*\s\w.*[.!?)\"”’]$")
EXAMPLE_CHARS = 60  # how much of a line the evidence quotes
# Regex metacharacters escaped in a learned line (RE2 syntax; everything else stands for itself).
REGEX_SPECIAL = frozenset("\\.^$*+?()[]{}|")


@dataclass(frozen=True)
class PageLines:
    """What the generic rules kept on one page: its name and kept lines (visible text) in order."""

    name: str
    kept: tuple[str, ...]
    removed: frozenset[str] = frozenset()  # visible lines of the removed pieces


@dataclass(frozen=True)
class Refused:
    """A candidate not proposed: the line and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Learned:
    """The rules learned for one host, and the candidates refused as article text."""

    host: str
    pages: int
    rules: tuple[RuleSpec, ...] = ()
    refused: tuple[Refused, ...] = field(default=())
    note: str = ""

    def toml(self) -> str:
        """The site file for these rules."""
        header = f"Learned by `cleanup learn` from {self.pages} pages of {self.host}; review before use."
        return dump_site(self.rules, header=header)


def page_lines(name: str, result: Result) -> PageLines:
    """The kept and removed lines of one generic result, as visible stripped text."""
    kept = tuple(t for t in (visible(p).strip() for p in result.paragraphs) if t)
    removed = frozenset(t for r in result.removed for t in (visible(x).strip() for x in r.text.splitlines()) if t)
    return PageLines(name, kept, removed)


def line_regex(text: str) -> str:
    r"""An anchored regex matching exactly the visible line ``text``.

    >>> line_regex("Share this page (1)")
    '^Share this page \\(1\\)$'
    """
    return "^" + "".join("\\" + c if c in REGEX_SPECIAL else c for c in text) + "$"


def _slug(text: str) -> str:
    """A rule name from a line: its first words, lower-cased, kebab-case.

    >>> _slug("Get breaking news alerts and more!")
    'get-breaking-news-alerts'
    """
    words = re.findall(r"\w+", text.lower())[:4]
    return "-".join(words) or "line"


def _core(page: PageLines, counts: Counter[str], need: int) -> tuple[int, int, int]:
    """The page's article core: its first and last index, and the last long paragraph of the page.

    The kept lines are cut into segments at runs of ``SPLIT_RUN`` lines recurring
    on ``need`` pages or more (a comment form between the story and its comments);
    the core is the segment with the most characters of long paragraphs of this
    page alone. An empty range when the page has none.
    """
    own = [i for i, t in enumerate(page.kept) if counts[t] == 1 and len(t) >= CORE_CHARS]
    if not own:
        return 0, -1, -1
    segments: list[list[int]] = [[]]
    run = 0
    for i, t in enumerate(page.kept):
        run = run + 1 if counts[t] >= need else 0
        if run == SPLIT_RUN:
            segments.append([])
        if i in own:
            segments[-1].append(i)
    best = max((s for s in segments if s), key=lambda s: (sum(len(page.kept[i]) for i in s), -s[0]))
    return best[0], best[-1], own[-1]


def _evidence(k: int, n: int, text: str) -> str:
    short = text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS].rstrip() + "…"
    return f"on {k} of {n} pages; e.g. '{short}'"


def learn_site(
    host: str, pages: Sequence[PageLines], min_pages: int = MIN_PAGES, min_share: float = MIN_SHARE
) -> Learned:
    """The rules for one site from the generic results of its pages."""
    n = len(pages)
    if n < min_pages:
        return Learned(host, n, note=f"{n} pages, fewer than --min-pages {min_pages}: nothing learned")
    # A line counts on every page that has it, kept or removed: the generic rules catch
    # some chrome on some pages only, and those pages are evidence too.
    counts: Counter[str] = Counter(t for p in pages for t in p.removed.union(p.kept))
    kept_on: Counter[str] = Counter(t for p in pages for t in set(p.kept))
    need = max(min_pages, math.ceil(min_share * n))
    cores = [_core(p, counts, need) for p in pages]
    rules: list[RuleSpec] = []
    refused: list[Refused] = []
    for text in sorted(t for t, c in counts.items() if c >= need and kept_on[t]):
        inside, after_core, clean_tail, has_tail = _placement(text, pages, cores)
        kept = kept_on[text]
        if inside > CORE_SHARE * kept:
            refused.append(Refused(text, f"inside the article on {inside} of {kept} pages that keep it"))
            continue
        kind = "drop_from" if after_core == kept and clean_tail and has_tail else "drop_line"
        rules.append(RuleSpec(kind, "", _evidence(counts[text], n, text), line_regex(text)))
    return Learned(host, n, _named(rules), tuple(refused))


def _placement(
    text: str, pages: Sequence[PageLines], cores: Sequence[tuple[int, int, int]]
) -> tuple[int, int, bool, bool]:
    """Where ``text`` sits: pages with it inside the core, pages with it after the core,
    whether no page also has it among removed pieces (drop_from fires at the first
    occurrence left), and whether any page keeps lines after it."""
    inside = after = 0
    edge = CORE_EDGE if SENTENCE_RE.search(text) else 0
    clean_tail, has_tail = True, False
    for page, (lo, hi, last) in zip(pages, cores, strict=True):
        if text not in page.kept:
            continue
        at = page.kept.index(text)
        inside += lo - edge <= at <= hi + edge
        after += at > last and page.kept.count(text) == 1  # nothing long of the page's own after it
        clean_tail &= text not in page.removed
        has_tail |= at < len(page.kept) - 1
    return inside, after, clean_tail, has_tail


def _named(rules: Iterable[RuleSpec]) -> tuple[RuleSpec, ...]:
    """The rules with unique names from their lines, sorted by kind then name then regex."""
    ordered = sorted(rules, key=lambda r: (r.kind, _slug(r.selector), r.selector))
    seen: Counter[str] = Counter()
    out = []
    for r in ordered:
        base = f"learned-{_slug(r.selector)}"
        seen[base] += 1
        name = base if seen[base] == 1 else f"{base}-{seen[base]}"
        out.append(RuleSpec(r.kind, name, r.why, r.selector))
    return tuple(out)
