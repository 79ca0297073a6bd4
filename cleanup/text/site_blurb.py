"""Where the article ends before the site's own blurb: its name from the <title>, then what it is.

A page dump often has the publisher's blurb right under the story ("Der Rheinpfalz-Kurier ist
eine regionale Tageszeitung …", "The Harbour Gazette has served the South Coast since 1872."),
with no heading over it. It reads as prose, so the run of prose goes on into it. The <title>
the dump starts with names the site in a part of its own ("Headline | Rheinpfalz-Kurier"); a
prose unit after the story that opens with that name (an article before it allowed) and a link
word (``bio_links``, "has") is the blurb. A story about the site itself names it in its prose
above: then the unit is the story's, and stays.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence

from cleanup.model import Line
from cleanup.text.blocks import is_prose, prose_weight, weight
from cleanup.text.patterns import TITLE_SEPARATOR_RE, WORD_RE, WORDS
from cleanup.text.units import as_units

MAX_SITE_WORDS = 5  # a site's name in its <title>: "The Harbour Gazette", "Diario del Levante"
MAX_BLURB_CHARS = 600
HEAD_CHARS = 40  # an article and the name's first word fit in this many characters
MIN_STORY_CHARS = 200  # prose of the story above the blurb, as text/about.py asks
# Articles a name may open with, in the blurb or the <title>: "Der Rheinpfalz-Kurier ist …".
ARTICLES = frozenset(WORDS["site_name_articles"])
# "More" words that open a heading naming the site ("More Washington Examiner"), longest first.
SITE_MORE_LEADS = tuple(sorted(WORDS["site_more_leads"], key=len, reverse=True))
SITE_MORE_FIRST = frozenset(w.split()[0] for w in SITE_MORE_LEADS)
MAX_HEADING_CHARS = 20  # the first word of a unit is read from this many characters
MAX_SITE_HEADING_CHARS = 80  # "More" and a site's name of MAX_SITE_WORDS words fit in this
LINKS = frozenset(w for w in WORDS["bio_links"] if " " not in w) | frozenset(WORDS["site_blurb_links"])


@functools.lru_cache(maxsize=256)
def site_names(title: str, *, cased: bool = False) -> tuple[tuple[str, ...], ...]:
    """The words (lower-cased, no article) of each part of a <title> but its longest: the site's name.

    >>> site_names("Neubau beschlossen: Stadt zahlt mehr | Der Rheinpfalz-Kurier")
    (('rheinpfalz-kurier',),)
    >>> site_names("Council approves homes"), site_names("Council approves homes | The Harbour Gazette")
    ((), (('harbour', 'gazette'),))
    >>> site_names("Council approves homes | The Harbour Gazette", cased=True)
    (('Harbour', 'Gazette'),)
    """
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return ()
    longest = max(parts, key=len)
    names = (name_words(part, cased=cased) for part in parts if part is not longest)
    return tuple(name for name in names if 0 < len(name) <= MAX_SITE_WORDS)


def name_words(text: str, *, cased: bool = False) -> tuple[str, ...]:
    """The lower-cased words of a name, without an article before it ("The Harbour Gazette": harbour, gazette);
    ``cased``: the words as written."""
    words = [w if cased else w.lower() for w in WORD_RE.findall(text)]
    return tuple(words[1:] if words and words[0].lower() in ARTICLES else words)


def is_site_blurb(text: str, names: Sequence[tuple[str, ...]]) -> bool:
    """True when ``text`` opens with one of the site's ``names`` (an article before it) and a link word.

    >>> is_site_blurb("Der Rheinpfalz-Kurier ist eine regionale Tageszeitung.", [("rheinpfalz-kurier",)])
    True
    >>> is_site_blurb("The Harbour Gazette will publish the list next week.", [("harbour", "gazette")])
    False
    """
    words = [w.lower() for w in WORD_RE.findall(text[:120])]
    if words and words[0] in ARTICLES:
        words = words[1:]
    return any(tuple(words[: len(n)]) == n and len(words) > len(n) and words[len(n)] in LINKS for n in names)


def site_blurb_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) of the site's blurb after the story (see the module), or None."""
    units = as_units(lines)
    texts = units.visible
    names = site_names(texts[0]) if texts else ()
    if not names:
        return None
    run = "\n".join(units.lows[start:stop])
    if not any(name[0] in run for name in names):
        return None  # most runs: the site's name is nowhere in them (one substring search each, in C)
    # Most units open with no name of the site: one startswith test each, before any other.
    opens = tuple(f"{article} {name[0]}" for name in names for article in ARTICLES) + tuple(n[0] for n in names)
    near = {i for i in range(start, stop) if dropped_by[i] is None and units.lows[i].startswith(opens)}
    if not near:
        return None
    prose = [i for i in range(start, stop) if dropped_by[i] is None and is_prose(texts[i])]
    for k in range(1, len(prose)):
        text = texts[prose[k]]
        if prose[k] not in near or weight(text) > MAX_BLURB_CHARS or not is_site_blurb(text, names):
            continue
        story = prose_weight(texts, prose[:k])
        told = " ".join(texts[i] for i in prose[:k]).lower()
        if story < MIN_STORY_CHARS or story < prose_weight(texts, prose[k:]) or _named(told, names):
            return None
        return prose[k]
    return None


def _named(text: str, names: Sequence[tuple[str, ...]]) -> bool:
    """True when lower-cased ``text`` names the site: a story about the site itself."""
    words = WORD_RE.findall(text)
    return any(any(tuple(words[i : i + len(n)]) == n for i in range(len(words))) for n in names)


def more_of_site(text: str, title: str) -> bool:
    """True for a heading that is a "more" word and the site's name as the <title> writes it, or in capitals.

    A name that is a common word ("Money", "Le Temps") opens a story's own subheading in lower case:
    "More money", "Plus de temps" are no headings over the site's other stories.

    >>> more_of_site("More Washington Examiner", "Why the rail yard plan matters | Washington Examiner")
    True
    >>> title = "Rat beschließt Neubau am Bahnhof | Der Stadtanzeiger"
    >>> more_of_site("Mehr vom Stadtanzeiger", title), more_of_site("More protests", title)
    (True, False)
    >>> title = "Five ways to cut your bills | Money"
    >>> more_of_site("More money", title), more_of_site("More Money", title), more_of_site("MORE MONEY", title)
    (False, True, True)
    """
    if (
        not title
        or len(text) > MAX_SITE_HEADING_CHARS
        or text[:MAX_HEADING_CHARS].lower().split(" ", 1)[0] not in SITE_MORE_FIRST
    ):
        return False  # most units: one split and a set lookup
    low = text.lower()
    ends = (w for w in SITE_MORE_LEADS if low.startswith(w) and (w[-1] in "'’" or low[len(w) : len(w) + 1] == " "))
    lead = next(ends, None)
    if lead is None or text[: len(lead)].lower() != lead:
        return False  # lower() changed a length ("İ"): the name would not start where the lead ends
    name = name_words(text[len(lead) :], cased=True)
    return any(name in (n, tuple(w.upper() for w in n)) for n in site_names(title, cased=True))
