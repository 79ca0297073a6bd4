"""Reader comments in a dump: a comments heading after the story, and everything after it (``comment-section``)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from cleanup.model import Line
from cleanup.text import patterns as P
from cleanup.text.blocks import (
    MAX_REPEATED_TITLE_CHARS,
    ends_like_sentence,
    is_prose,
    repeats_title,
    weight,
    widget_in_story,
    words_of,
)
from cleanup.text.registry import Span, block_rule
from cleanup.text.threads import comment_markers, prompt_under
from cleanup.text.units import as_units

MIN_PROSE_BEFORE_COMMENTS = 300  # weight of prose that must precede a comments heading


def _prose_reached(texts: Sequence[str], dropped_by: Sequence[str | None], begin: int) -> int:
    """The unit from ``begin`` on where MIN_PROSE_BEFORE_COMMENTS of kept prose has come (``len(texts)``: never)."""
    prose = 0
    for i in range(begin, len(texts)):
        if dropped_by[i] is None and is_prose(texts[i]):
            prose += weight(texts[i])
            if prose >= MIN_PROSE_BEFORE_COMMENTS:
                return i
    return len(texts)


def _name_under(texts: Sequence[str], i: int) -> bool:
    """True when the unit under a counted heading ("Kommentarer (3)") is no prose: a commenter's name,
    as a thread starts; prose under it is the story going on ("Comments (3 of 3)" as a table's caption)."""
    return i + 1 < len(texts) and not ends_like_sentence(texts[i + 1])


def _comment_headings(texts: Sequence[str], dropped_by: Sequence[str | None], first: int) -> list[tuple[int, str]]:
    """(index, heading) of the units from ``first`` on that read as a comments heading."""
    fullmatch = P.COMMENTS_HEADING_RE.fullmatch
    # A visible text is trimmed: one longer than 160 characters is a heading only in brackets.
    return [
        (i, heading)
        for i in range(first, len(texts))
        if (len(texts[i]) <= 160 or texts[i][:1] in "[(")
        and dropped_by[i] != "page-chrome"
        and len(heading := _unbracketed(texts[i])) <= 160
        and fullmatch(heading)
    ]


def _last_headline(
    texts: Sequence[str], lows: Sequence[str], dropped_by: Sequence[str | None], headings: Sequence[tuple[int, str]]
) -> int | None:
    """Index of the last kept unit before the last of ``headings`` that repeats the page <title>, or None.

    The page <title> is the first unit; it may hold the site's name
    ("Headline - Site"): a repeat of its longest part counts too. A comments
    heading that names the story ("6 thoughts on “Headline”") is no repeat.
    ``lows`` are the texts lower-cased.

    >>> texts = ["Bridge to close - The Ledger", "Bridge to close", "11 Comments"]
    >>> _last_headline(texts, [t.lower() for t in texts], [None] * 3, [(2, "")])
    1
    >>> texts = ["The council met on Tuesday and voted to close the bridge.", "Home"]
    >>> _last_headline(texts, [t.lower() for t in texts], [None] * 2, [(1, "")])

    """
    if not texts or is_prose(texts[0]) or weight(texts[0]) > MAX_REPEATED_TITLE_CHARS:
        return None
    title = words_of(texts[0])
    head = max((words_of(part) for part in P.TITLE_SEPARATOR_RE.split(texts[0])), key=len)
    # A repeat holds half the words of one of them, so one of any len//2 + 1 of them: a cheap first test.
    keys = [w for words in (title, head) for w in sorted(words, key=lambda w: (-len(w), w))[: len(words) // 2 + 1]]
    named = {i for i, _ in headings}
    for j in range(headings[-1][0] - 1, 0, -1):
        if not any(key in lows[j] for key in keys):
            continue
        if (
            dropped_by[j] is None
            and j not in named
            and (repeats_title(texts[j], title) or repeats_title(texts[j], head))
        ):
            return j
    return None


def _unbracketed(text: str) -> str:
    """``text`` without brackets around all of it ("[ 167 comments ]" is "167 comments").

    >>> _unbracketed("[ 167 comments ]"), _unbracketed("Comments (3 of 3)")
    ('167 comments', 'Comments (3 of 3)')
    """
    text = text.strip()
    return text[1:-1].strip() if text[:1] in "[(" and text[-1:] in "])" else text


@block_rule("comment-section")
def comment_section(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """Reader comments: a comments heading after the story, and everything after it.

    The heading must follow some prose (a 'Comments' link in the top menu is
    not a comment section), and a bare 'Comments' heading needs comment-like
    lines ('joe says:', '2 days ago', 'Reply') right after it, or a prompt
    right under it ('Add your comment') over lines that speak of comments
    (``threads.prompt_under``); one that counts them ('12 Comments', 'There
    are 13 comments') needs none. Where the
    story's headline (a unit repeating the page <title>) comes after a
    heading, that heading was a teaser's counter ("200 Comments. Click to
    view comments"): the prose must follow the headline (``_last_headline``).
    """
    found = as_units(lines)
    texts = found.visible
    headings = _comment_headings(texts, dropped_by, _prose_reached(texts, dropped_by, 0))
    headline = _last_headline(texts, found.lows, dropped_by, headings) if headings else None
    if headline is not None:
        first = _prose_reached(texts, dropped_by, headline + 1)
        headings = [(i, heading) for i, heading in headings if i >= first]
    for i, heading in headings:
        counted = (
            heading[:1].isdigit()
            or P.COMMENT_COUNT_LEAD_RE.match(heading) is not None
            or (heading.rstrip(" :").endswith(")") and _name_under(texts, i))
        )
        if heading.strip(" :").lower() == "comment":
            continue  # a share bar's "Comment" button, in the middle of a story: it counts nothing
        if counted and widget_in_story(lines, dropped_by, i):
            continue  # a share bar's counter between two of the story's paragraphs
        if counted or prompt_under(lines, i, heading) or comment_markers(lines, i + 1) >= P.MIN_COMMENT_MARKERS:
            yield i, len(lines), f"reader comments ('{heading[:40]}' and what follows)"
            return
