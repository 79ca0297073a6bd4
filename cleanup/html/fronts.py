"""A section front holds no article: its headlines and teasers all go, reported as such.

A crawl holds index pages beside the stories: a section's front ("Health", "Sport",
"Entertainment & Arts") lists other pages' headlines, each a link over a one-sentence
teaser. The extractor finds its densest block of text, and the output was a page of
teasers that no reader of the corpus wants as an article. A page is a section front
when all of these hold (each alone is common on a story page):

- it declares no article (no ``og:type`` article, no JSON-LD article, no byline, no date);
- its headline is a section's name: MAX_SECTION_WORDS words or fewer;
- the kept lines hold MIN_LINKED_HEADINGS headings that are links, a MIN_HEADING_SHARE
  share of the lines or more (a story's related box, when left in, is one heading over a list);
- no line is longer than a teaser: a story has a paragraph of MAX_TEASER_CHARS or more;
- the teasers sit under their headings: at most MAX_LONE_TEASERS lines of prose (or half as
  many as the linked headings) follow no linked heading. A story of short paragraphs has
  many such lines, whatever teasers are left under it.

Every line then goes as one removal, so ``--explain`` says why the page came out empty.
"""

from __future__ import annotations

from collections.abc import Sequence

from cleanup.model import Line, Removal

RULE = "section-front"
REASON = "a section front: headlines and teasers of other pages, and no article"
MAX_SECTION_WORDS = 4
MIN_LINKED_HEADINGS = 3
MIN_HEADING_SHARE = 0.2
MAX_TEASER_CHARS = 250
MAX_LONE_TEASERS = 3
TEASER_MIN_CHARS = 40  # a line this long under no heading counts as prose ("Last updated at 13:25" does not)
LINKED = 0.8  # link share of a heading that is a link to another page
HEADINGS = frozenset({"h2", "h3", "h4", "h5", "h6"})
# The extractor paths that guessed the container; a site rule or the page's own evidence
# (itemprop=articleBody, <main> holding an <article>) says where an article is.
GUESSED = frozenset({"scorer", "readability", "body"})


def section_front(lines: Sequence[Line], headline: str | None, declared: bool) -> list[Removal] | None:
    """Every line as a removal when the page is a section front, else None.

    >>> teasers = [Line(2 * i, f"Story {i} headline", "h3", link_share=1.0) for i in range(4)]
    >>> teasers += [Line(2 * i + 1, f"What happened in story {i}, in one sentence.", "p") for i in range(4)]
    >>> len(section_front(teasers, "Health", declared=False))
    8
    >>> section_front(teasers, "Health", declared=True) is None  # og:type article: a story
    True
    >>> section_front(teasers, "Council votes to close the old bridge", declared=False) is None
    True
    """
    if declared or not lines or len((headline or "").split()) > MAX_SECTION_WORDS:
        return None
    linked = sum(1 for line in lines if line.tag in HEADINGS and line.link_share >= LINKED)
    if linked < MIN_LINKED_HEADINGS or linked < MIN_HEADING_SHARE * len(lines):
        return None
    if any(len(line.text) >= MAX_TEASER_CHARS for line in lines):
        return None
    lone = sum(
        1
        for above, line in zip((None, *lines), lines, strict=False)
        if len(line.text) >= TEASER_MIN_CHARS
        and line.tag not in HEADINGS
        and (above is None or above.tag not in HEADINGS or above.link_share < LINKED)
    )
    if lone > max(MAX_LONE_TEASERS, linked // 2):
        return None
    return [Removal(RULE, REASON, line.text, line.no, line.end or line.no, node=line.tag) for line in lines]
