"""``cleanup learn``: site rules from a batch of one site's pages.

The chrome of a site repeats on every one of its pages; the articles do not.
Each page is first cleaned by the generic rules; the lines they keep are
counted across the site's stories (``learn_shapes.stories``: an HTML page and
its text dump, or URL variants, count once). A kept line that recurs on a large
share of them is chrome the generic rules missed, unless it sits inside the
article: the *article core* of a page runs from its first to its last
paragraph that is both long (``CORE_CHARS``) and found in that story only.
A recurring line inside the core on more than ``CORE_SHARE`` of its pages is
article text (a sentence every story repeats) and is refused; the summary
lists it. Kept lines recurring after the core on every page that has them, with
kept lines after them and at most ``TAIL_SHARE`` of the page's own long text,
become ``drop_from`` rules when distinctive (``learn_shapes.distinctive``: no bare
label such as "Photo", which an unseen article can hold); the others ``drop_line``.
Lines that recur with a changing part are learned as one shape (``learn_shapes``);
HTML pages also give ``strip`` and ``body`` rules (``learn_dom``). A text page's
footer the generic rules remove on most pages and keep on none starts a
``drop_from`` too (``_footer_rules``): pages where they miss the article's end keep it.

Pages are sorted by their lines (a record's name is its place in the file), counting
uses sets of pages and rules are sorted, so the rules do not depend on the order of the inputs.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cleanup.model import Removal, Result
from cleanup.sites.learn_shapes import distinctive, escape, shape_keys, shapes, stories, story_counts
from cleanup.sites.load import Site
from cleanup.sites.write import RuleSpec, dump_site, site_specs
from cleanup.text.sentence import SENTENCE_MARKS
from cleanup.text.units import split_lines, visible

if TYPE_CHECKING:
    from cleanup.html.blocks import BlockHit

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
# A line after the core ends the article (a drop_from rule) when at most this share of the page's
# own long text comes after it: comments and teasers of other stories are such text too, so 0
# (nothing of its own after it) leaves their tail in; with 0.3 and 0.5 the portal set's split-half
# text F1 went from 0.9355 to 0.9367, recall unchanged (bench/learn_bench.py). The smaller is kept.
TAIL_SHARE = 0.3
SPLIT_RUN = 2  # this many recurring lines in a row end a segment of the page (see _core)
SENTENCE_RE = re.compile(rf"\w\W*\s\w.*[{SENTENCE_MARKS})\"”’]$")
EXAMPLE_CHARS = 60  # how much of a line the evidence quotes


@dataclass(frozen=True)
class PageLines:
    """What the generic rules kept on one page: its name and kept lines (visible text) in order."""

    name: str
    kept: tuple[str, ...]
    removed: frozenset[str] = frozenset()  # visible lines of the removed pieces
    dom: Mapping[str, BlockHit] = field(default_factory=dict, compare=False)  # HTML: class/id paths (html/blocks)
    # Text pages: the removed lines after the last kept line, in page order, but those also removed above.
    after: tuple[str, ...] = ()
    kind: str = "text"  # or "html": a story's HTML page and text dump both count, as one story


@dataclass(frozen=True)
class Placed:
    """A page as the line learner reads it, indexed once so that judging a candidate costs its copies.

    ``at`` maps each regex a kept line matches (its exact ``line_regex`` and its shapes,
    ``shape_keys``) to the indices of the kept lines it matches; ``removed`` holds the
    regexes the removed lines match; ``longs`` the indices of the long own lines and
    ``tail`` the characters of those from each of them on.
    """

    page: PageLines
    core: tuple[int, int, int]
    at: Mapping[str, tuple[int, ...]]
    removed: frozenset[str]
    longs: tuple[int, ...]
    tail: tuple[int, ...]


def placed(page: PageLines, core: tuple[int, int, int], counts: Counter[str]) -> Placed:
    """``page`` indexed for the line learner (see ``Placed``)."""
    at: dict[str, list[int]] = {}
    for i, t in enumerate(page.kept):
        for key in (line_regex(t), *shape_keys(t)):
            at.setdefault(key, []).append(i)
    removed = frozenset(key for t in page.removed for key in (line_regex(t), *shape_keys(t)))
    longs = tuple(i for i, t in enumerate(page.kept) if counts[t] == 1 and len(t) >= CORE_CHARS)
    tail = tuple(itertools.accumulate((len(page.kept[i]) for i in reversed(longs)), initial=0))[::-1]
    return Placed(page, core, {k: tuple(v) for k, v in at.items()}, removed, longs, tail)


@dataclass(frozen=True)
class Refused:
    """A candidate not proposed: the line and why."""

    text: str
    reason: str


@dataclass(frozen=True)
class Learned:
    """The rules learned for one host, and the candidates refused as article text."""

    host: str
    pages: int  # the stories: pages holding the same story count once
    rules: tuple[RuleSpec, ...] = ()
    refused: tuple[Refused, ...] = field(default=())
    note: str = ""
    given: int = 0  # the pages given, when more than ``pages``

    @property
    def counted(self) -> str:  # "12 pages as 6 stories" when some pages hold the same story
        if self.given > self.pages:
            return f"{self.given} pages as {self.pages} stor{'y' if self.pages == 1 else 'ies'}"
        return f"{self.pages} page{'' if self.pages == 1 else 's'}"

    def toml(self, base: Site | None = None) -> str:
        """The site file for these rules; after the rules of ``base`` (the user's file for the host), if any.

        A site file replaces every other for its host, so the learned rules add to the
        user's by holding them too (FiveFilters directives with no TOML form excepted).
        """
        header = f"Learned by `cleanup learn` from {self.counted} of {self.host}; review before use."
        if base is None:
            return dump_site(self.rules, header=header)
        header += f"\nThe rules before the learned ones are those of {base.path}."
        # A FiveFilters body rule is checked against the generic article (it rots as sites change);
        # in TOML it would be trusted as written: it is not carried over.
        own = [r for r in site_specs(base) if not (base.ftr and r.kind == "body")]
        names = {r.name for r in own}
        learned = [r for r in self.rules if r.name not in names]
        prints = tuple(fp.pattern for fp in base.fingerprints)
        return dump_site([*own, *learned], name=base.name, fingerprints=prints, header=header)


def page_lines(name: str, result: Result, markup: str | None = None) -> PageLines:
    """The kept and removed lines of one generic result, as visible stripped text.

    With the page's ``markup``: for an HTML page its class/id paths for the DOM
    rules, for a text page the lines removed after its article (``PageLines.after``).
    """
    kept = tuple(t for t in (visible(p).strip() for p in result.paragraphs) if t)
    removed = frozenset(t for r in result.removed for t in _lines_of(r))
    if markup is None:
        return PageLines(name, kept, removed)
    if result.kind != "html":  # a page with nothing kept has no article to be after
        after = _after_article(result.removed, split_lines(markup)) if kept else ()
        return PageLines(name, kept, removed, after=after, kind=result.kind)
    from cleanup.html.blocks import block_hits  # lxml loads only for HTML pages

    return PageLines(name, kept, removed, block_hits(markup, kept), kind="html")


def _lines_of(removal: Removal) -> list[str]:
    return [t for t in (visible(x).strip() for x in removal.text.splitlines()) if t]


def _after_article(removals: Sequence[Removal], lines: Sequence[str]) -> tuple[str, ...]:
    """The removed lines of a text page after its last kept line, in order, but those also removed above.

    They are the removals that only blank ``lines`` (the page's) follow, up to the next one.
    Lines a site rule removed (``host:name``, the user's rules) are left out: they have their rule.
    """
    spans = sorted((r for r in removals if r.line), key=lambda r: (r.line or 0, r.end or 0))
    stop, first = len(lines), len(spans)  # 0-based: lines[stop:] are removed or blank
    for k in range(len(spans) - 1, -1, -1):
        start, end = spans[k].line or 0, spans[k].end or spans[k].line or 0
        if any(t.strip() for t in lines[end:stop]):
            break
        stop, first = min(stop, start - 1), k
    above = {t for r in spans[:first] for t in _lines_of(r)}
    return tuple(t for r in spans[first:] if ":" not in r.rule for t in _lines_of(r) if t not in above)


def line_regex(text: str) -> str:
    r"""An anchored regex matching exactly the visible line ``text``.

    >>> line_regex("Share this page (1)")
    '^Share this page \\(1\\)$'
    """
    return "^" + escape(text) + "$"


def _slug(text: str) -> str:
    """A rule name from a line, or an XPath's last step: its first words, lower-cased, kebab-case.

    >>> _slug("Get breaking news alerts and more!")
    'get-breaking-news-alerts'
    >>> _slug("//div[@id='side']//ul[@class='share-tools']")
    'ul-share-tools'
    """
    if text.startswith("//"):
        text = re.sub(r"@(?:id|class)=", " ", text.rsplit("//", 1)[-1])
    words = re.findall(r"\w+", text.lower())[:4]
    return "-".join(words) or "line"


def _core(
    page: PageLines, counts: Counter[str], need: int, article: frozenset[str] = frozenset()
) -> tuple[int, int, int]:
    """The page's article core: its first and last index, and the last long paragraph of the page.

    The kept lines are cut into segments at runs of ``SPLIT_RUN`` lines recurring
    on ``need`` pages or more (a comment form between the story and its comments),
    but the lines known to be ``article`` text (refused as inside the article: a
    sentence every story repeats, with a recurring line next to it, is no form);
    the core is the segment with the most characters of long paragraphs of this
    page alone. An empty range when the page has none.
    """
    own = [i for i, t in enumerate(page.kept) if counts[t] == 1 and len(t) >= CORE_CHARS]
    if not own:
        return 0, -1, -1
    segments: list[list[int]] = [[]]
    run = 0
    for i, t in enumerate(page.kept):
        run = run + 1 if counts[t] >= need and t not in article else 0
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
    """The rules for one site from the generic results of its pages (text rules, then DOM rules)."""
    from cleanup.sites.learn_dom import learn_dom

    # The same rules and examples in any input order; a story crawled under several URLs counts once.
    given = len(pages)
    pages, story = stories(sorted(pages, key=_by_content))
    n = len(set(story))
    if n < min_pages:
        return Learned(host, n, note=f"fewer than --min-pages {min_pages}: nothing learned", given=given)
    # A line counts on every page that has it, kept or removed: the generic rules catch
    # some chrome on some pages only, and those pages are evidence too.
    counts = story_counts(pages, story)
    need = max(min_pages, math.ceil(min_share * n))
    cores = [_core(p, counts, need) for p in pages]
    rules, refused = _line_rules(pages, counts, cores, (need, story))
    if refused:  # the article's own recurring sentences split no page: the cores again without them
        cores = [_core(p, counts, need, frozenset(r.text for r in refused)) for p in pages]
        rules, refused = _line_rules(pages, counts, cores, (need, story))
    for found in learn_dom(pages, cores, counts, need, min_pages, (CORE_SHARE, CORE_CHARS)):
        if found.rule is not None:
            rules.append(found.rule)
        else:
            refused.append(Refused(found.path, found.why))
    return Learned(host, n, _named(rules), tuple(refused), given=given)


def _by_content(page: PageLines) -> tuple[object, ...]:
    """A page's place among its host's: its lines, then its name (a record's: its place in the file)."""
    return page.kept, sorted(page.removed), page.after, sorted(page.dom), page.name


def _line_rules(
    pages: Sequence[PageLines], counts: Counter[str], cores: Sequence[tuple[int, int, int]], on: tuple[int, list[int]]
) -> tuple[list[RuleSpec], list[Refused]]:
    """``drop_line``/``drop_from`` rules from the kept lines, and the line shapes (``learn_shapes``),
    recurring on ``need`` stories (``on``: it and the story of each page); and the refused ones."""
    need, story = on
    n = len(set(story))
    kept_on: Counter[str] = Counter(t for p in pages for t in set(p.kept))
    exact = frozenset(t for t, c in counts.items() if c >= need and kept_on[t])
    where = [placed(p, c, counts) for p, c in zip(pages, cores, strict=True)]
    judged = [_judge(text, line_regex(text), (counts[text], n), where) for text in sorted(exact)]
    judged += _footer_rules(pages, kept_on, (need, n))
    ends = [j.example for j in judged if isinstance(j, Judged) and j.rule.kind == "drop_from"]
    for regex, example, k in shapes(pages, need, exact, story):
        found = _judge(example, regex, (k, n), where)
        if isinstance(found, Judged) and found.rule.kind == "drop_line" and _pre_empts(regex, ends):
            continue  # it would drop a drop_from line before that rule could fire, leaving the tail
        judged.append(found)
    rules = [j.rule for j in judged if isinstance(j, Judged)]
    return rules, [j for j in judged if isinstance(j, Refused)]


def _footer_rules(pages: Sequence[PageLines], kept_on: Counter[str], bar: tuple[int, int]) -> list[Judged]:
    """``drop_from`` rules for the footer lines the generic rules remove on most pages and keep on none.

    A line found on ``need`` of ``n`` stories or more (``bar``), on each of them only after its article
    (after its last kept line: ``PageLines.after``; HTML pages have no such place) and kept on no page, is where
    the site's tail starts; a page where the generic rules miss the article's end
    keeps it. Only the first such line of each page becomes a rule: the others
    would fire after it, and every rule more is one more line that could turn up
    in some page's article.
    """
    (need, n), on = bar, Counter(t for p in pages for t in set(p.after))
    texts = Counter(t for p in pages if p.kind != "html" for t in p.removed.union(p.kept))  # HTML: no "after"
    fit = {t for t, k in on.items() if k >= need and k == texts[t] and not kept_on[t]}
    fit = {t for t in fit if distinctive(line_regex(t))} - _dropped_anywhere(sorted(fit))
    first = {next(t for t in p.after if t in fit) for p in pages if fit.intersection(p.after)}
    return [Judged(RuleSpec("drop_from", "", _evidence(on[t], n, t), line_regex(t)), t) for t in sorted(first)]


def _dropped_anywhere(texts: Sequence[str]) -> set[str]:
    """The ``texts`` a generic line rule or a language pack drops wherever they stand ("Advert", "See all").

    Such a line needs no site rule, and as a ``drop_from`` it would cut the article
    on a page that has it between two paragraphs.
    """
    from cleanup.rules import LINE_RULES
    from cleanup.text.engine import line_verdicts
    from cleanup.text.phrases import phrase_verdicts

    lines, phrases = line_verdicts(texts, LINE_RULES), phrase_verdicts(texts)
    # A related-stories heading stays where prose follows it (a subheading): it is dropped by context.
    dropped = (a is not None or (b is not None and b[0] != "related") for a, b in zip(lines, phrases, strict=True))
    return {t for t, gone in zip(texts, dropped, strict=True) if gone}


@dataclass(frozen=True)
class Judged:
    """A candidate proposed: its rule and the line it was learned from."""

    rule: RuleSpec
    example: str


def _pre_empts(regex: str, ends: list[str]) -> bool:
    """True when ``regex`` (a shape) matches a line a ``drop_from`` rule starts at (``ends``, exact lines)."""
    return any(regex in shape_keys(t) for t in ends)


def _judge(example: str, regex: str, k: tuple[int, int], where: Sequence[Placed]) -> Judged | Refused:
    """The rule for the lines ``regex`` matches (``example`` one of them; ``k``: on k of n stories), or why not."""
    inside, after_core, clean_tail, has_tail, kept = _placement(example, regex, where)
    if inside > CORE_SHARE * kept:
        return Refused(example, f"inside the article on {inside} of {kept} pages that keep it")
    ends = after_core == kept and clean_tail and has_tail
    kind = "drop_from" if ends and distinctive(regex) else "drop_line"
    return Judged(RuleSpec(kind, "", _evidence(*k, example), regex), example)


def _placement(example: str, regex: str, where: Sequence[Placed]) -> tuple[int, int, bool, bool, int]:
    """Where the lines ``regex`` matches sit: pages with one inside the core, pages with it after
    the core, whether no page also has one among removed pieces (drop_from fires at the first
    occurrence left), whether any page keeps lines after it, and the pages that keep one."""
    inside = after = kept = 0
    edge = CORE_EDGE if SENTENCE_RE.search(example) else 0
    clean_tail, has_tail = True, False
    for page in where:
        at = page.at.get(regex, ())
        if not at:
            continue
        lo, hi, _ = page.core
        kept += 1
        inside += any(lo - edge <= i <= hi + edge for i in at)
        after += len(at) == 1 and _ends_article(page, at[0], hi)
        clean_tail &= regex not in page.removed
        has_tail |= at[0] < len(page.page.kept) - 1
    return inside, after, clean_tail, has_tail, kept


def _ends_article(page: Placed, at: int, hi: int) -> bool:
    """Whether the line at ``at`` ends the article: after the core, with at most ``TAIL_SHARE``
    of the page's own long text after it (a comment thread or the next story, not the article)."""
    if at <= hi:
        return False
    return page.tail[bisect.bisect_right(page.longs, at)] <= TAIL_SHARE * page.tail[0]


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
