"""Lists of other stories: a related-stories heading ("Recent Stories", "Mehr zum Thema") and the headlines under it.

The English headings are ``LIST_HEADING_RE``'s patterns; the language packs'
``related`` group holds the same concept in every language, as data. The
article finder asks the same questions about headings (``heading_like``,
``is_list_heading``, ``is_pack_heading``) where a list ends the story.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from collections.abc import Set as AbstractSet

from cleanup import lang
from cleanup.model import Line
from cleanup.text import patterns as P
from cleanup.text.blocks import LIST_HEADING_TAIL, is_list_heading, is_prose, repeats_title, words_of
from cleanup.text.phrases import is_bare_heading, related_phrase
from cleanup.text.prefilter import literal_prefixes, prefix_table
from cleanup.text.registry import Span, block_rule
from cleanup.text.units import Units, as_units

# Every list heading starts with one of these (read from LIST_HEADING_RE), by first character.
_HEADING_PREFIXES = literal_prefixes(P.LIST_HEADING_RE)
LIST_HEADING_STARTS = prefix_table(_HEADING_PREFIXES) if _HEADING_PREFIXES else None
_HEADING_PREFIX_CHARS = max(map(len, _HEADING_PREFIXES)) if _HEADING_PREFIXES else 0


COMMENT_OPENERS = ("comment-prompt", "comment-form")  # pack groups that open a comment section


def may_be_list_heading(low: str) -> bool:
    """Cheap necessary condition for a list heading, on the lower-cased visible text.

    The prefixes hold where the text's start is ASCII; where it is not, re's
    case folding may reach further ('ſ' for 's'), and the text is looked at.
    """
    if LIST_HEADING_STARTS is None:
        return True
    return low.startswith(LIST_HEADING_STARTS.get(low[:1], ())) or not low[:_HEADING_PREFIX_CHARS].isascii()


def heading_like(units: Units) -> AbstractSet[int]:
    """Indexes of the units that pass ``may_be_list_heading``, worked out once per page.

    The list finders (``related_list``, its items, ``teaser_list.related_start``) all
    ask; one pass over the page's lower-cased texts answers them all.
    """
    found = units.features.get("heading_like")
    if found is None:
        starts, reach = LIST_HEADING_STARTS, _HEADING_PREFIX_CHARS
        lows = units.lows
        if starts is None:
            found = frozenset(range(len(lows)))
        else:
            found = frozenset(
                i for i, low in enumerate(lows) if low.startswith(starts.get(low[:1], ())) or not low[:reach].isascii()
            )
        units.features["heading_like"] = found
    return found


# A language pack's related heading is this short (the group's max_chars): longer units are not looked up.
MAX_PACK_HEADING_CHARS = 100
PACK_HEADING_TAIL = ":»›|"  # stripped from a unit's first word before it is looked up
PACK_HEADING_DECORATION = 2  # words a heading may carry besides the phrase's own ("»", "…")


@functools.lru_cache(maxsize=64)
def _pack_heading_starts(rules_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """First words (lower-cased) of the language packs' related-stories headings: 'mehr', 'lire', 'artículos'."""
    return frozenset(phrase.split()[0].lower() for phrase in lang.words("related", None, rules_dirs) if phrase.split())


@functools.lru_cache(maxsize=64)
def _pack_heading_words(rules_dirs: tuple[str, ...] = ()) -> int:
    """Words in the longest related-stories heading of the packs, with room for decoration ('More »')."""
    phrases = lang.words("related", None, rules_dirs)
    return max((len(phrase.split()) for phrase in phrases), default=0) + PACK_HEADING_DECORATION


@functools.lru_cache(maxsize=64)
def _story_list_headings(rules_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """The packs' ``story-list`` phrases, case-folded: 'artículos relacionados', 'lesen sie auch'."""
    return frozenset(phrase.casefold() for phrase in lang.words("story-list", None, rules_dirs))


def heads_other_stories(text: str, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a related heading that can only head a list of other stories ("Artículos relacionados").

    Under "Polecamy" (we recommend), "Da non perdere" (don't miss) or "See also"
    a story may list its own dishes, sights, tour dates or sources; under
    "Artículos relacionados" or "Lesen Sie auch" come other stories only. The
    packs' ``story-list`` group names the second kind (each a phrase of ``related``).

    >>> heads_other_stories("Artículos relacionados"), heads_other_stories("Polecamy"), heads_other_stories("See also")
    (True, False, False)
    """
    phrase = related_phrase(text, rules_dirs)
    return phrase is not None and phrase.casefold() in _story_list_headings(rules_dirs)


def is_pack_heading(text: str, low: str, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True when a language pack calls ``text`` a bare related-stories heading ("Mehr zum Thema"); ``low`` lower-cased.

    ``rules_dirs``: the packs there (``lang/xx.toml``) extend the bundled ones.

    A bare heading has no more words than the pack's phrase (``is_bare_heading``): a
    unit with more words than any phrase of the group, or another first word, is not looked up.

    >>> is_pack_heading("Artículos relacionados", "artículos relacionados")
    True
    >>> is_pack_heading("Artículos de opinión", "artículos de opinión")
    False
    """
    if (
        len(text) > MAX_PACK_HEADING_CHARS
        or low.partition(" ")[0].rstrip(PACK_HEADING_TAIL) not in _pack_heading_starts(rules_dirs)
        or low.count(" ") >= _pack_heading_words(rules_dirs)
    ):
        return False
    return is_bare_heading(text, rules_dirs)


def pack_headings(units: Units) -> AbstractSet[int]:
    """Indexes of the units that pass ``is_pack_heading``, worked out once a page.

    The English headings are ``LIST_HEADING_RE``'s; the packs hold the same
    concept in every language, as data a user can extend.
    """
    found = units.features.get("pack_headings")
    if found is None:
        texts, dirs = units.visible, units.rules_dirs
        starts, words = _pack_heading_starts(dirs), _pack_heading_words(dirs)
        # is_pack_heading's pre-checks inlined: this asks every unit of the page.
        found = frozenset(
            i
            for i, low in enumerate(units.lows)
            if len(texts[i]) <= MAX_PACK_HEADING_CHARS
            and low.count(" ") < words
            and low.partition(" ")[0].rstrip(PACK_HEADING_TAIL) in starts
            and is_bare_heading(texts[i], dirs)
        )
        units.features["pack_headings"] = found
    return found


def _opens_comments(text: str, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a comment prompt or a comment form's notice in any pack: "Leave a Reply", "Schreibe einen Kommentar".

    A unit opening with a word of letters that opens no such phrase is not looked up.
    """
    first = text.partition(" ")[0].lower()
    if first.isalpha() and first not in _comment_starts(rules_dirs):
        return False
    return lang.classify(text, None, COMMENT_OPENERS, rules_dirs) is not None


@functools.cache
def _comment_starts(rules_dirs: tuple[str, ...] = ()) -> frozenset[str]:
    """First words (lower-cased) of the packs' comment prompts and form notices: 'leave', 'schreibe', 'your'."""
    phrases = (p for group in COMMENT_OPENERS for p in lang.words(group, None, rules_dirs))
    return frozenset(p.split()[0].lower() for p in phrases if p.split())


def _list_items(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, *, strict: bool = False) -> int:
    """Index just past the run of headline-like units starting at ``start``.

    The page's own headline ends the run: a list of other stories never holds it.
    ``strict`` (a heading only a language pack knows, such as "See also", which
    some pages use for a section of their own): an HTML heading of the list
    heading's level right under it ends the list before it starts.
    """
    found = as_units(lines)
    texts, headings = found.visible, heading_like(found)
    title = words_of(texts[0]) if lines else set()
    end = start
    while end < len(lines) and end - start < P.MAX_LIST_ITEMS:
        text = texts[end]
        if dropped_by[end] is None and (
            len(text) > P.MAX_LIST_ITEM_CHARS or is_prose(text) or text.endswith(":") or repeats_title(text, title)
        ):
            break  # a line ending in a colon announces the story's own list
        tag = lines[end].tag
        if tag.startswith("h") and tag[1:].isdigit() and (end > start or (strict and tag == lines[start - 1].tag)):
            break  # the next section heading ends the list (HTML); when strict, even one of its level right under it
        if (end in headings and is_list_heading(text)) or P.COMMENTS_HEADING_RE.fullmatch(text):
            break  # the next list, or the comments, start
        if dropped_by[end] is None and _opens_comments(text, found.rules_dirs):
            break  # a comment form ("Leave a Reply", "Your email address will not be published") is no headline
        end += 1
    return end


@block_rule("related-list")
def related_list(lines: Sequence[Line], dropped_by: Sequence[str | None]) -> Iterator[Span]:
    """A 'Recent Stories' / 'Related' / 'Most Read' heading and the headlines under it.

    The heading alone is kept when no headline-like line follows it: a real
    subheading is followed by prose. A heading only a language pack knows that
    can only head other stories (``heads_other_stories``: "Artículos
    relacionados" over two headlines, then the story's next paragraph) goes with
    its list inside the story too. Any other pack heading ("Polecamy" over the
    dishes of a restaurant review, "See also" over sources) may head a list of the
    story's own: its list goes only where the story does not go on after it (no prose follows).
    A list needs one headline the other rules left: a heading over a footer line is no list.
    """
    fullmatch, found = P.LIST_HEADING_RE.fullmatch, as_units(lines)
    texts, dirs = found.visible, found.rules_dirs
    # A "Read next" heading may already be gone as a promo line; its list is still a list.
    headings = [
        (i, heading)
        for i in sorted(heading_like(found) | pack_headings(found))
        if dropped_by[i] in (None, "promo-line")
        and (fullmatch(heading := texts[i].rstrip(LIST_HEADING_TAIL)) or i in pack_headings(found))
    ]
    end = 0
    for i, heading in headings:
        if i < end:
            continue  # inside the list found last
        english = fullmatch(heading) is not None
        end = _list_items(lines, dropped_by, i + 1, strict=not english)
        items = sum(1 for j in range(i + 1, end) if dropped_by[j] is None)
        if not items or (
            not english and _prose_after(texts, dropped_by, end) and not heads_other_stories(heading, dirs)
        ):
            end = i + 1
            continue
        yield i, end, f"'{heading}' list ({items} item{'' if items == 1 else 's'})"


def _prose_after(texts: Sequence[str], dropped_by: Sequence[str | None], end: int) -> bool:
    """True when the next unit the other rules kept from ``end`` on is prose: the story goes on there."""
    after = next((j for j in range(end, len(texts)) if dropped_by[j] is None), None)
    return after is not None and is_prose(texts[after])
