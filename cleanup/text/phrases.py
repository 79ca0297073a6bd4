"""Chrome phrases in every language: the language packs' verdict groups as one line rule.

The English line rules (``lines.py``) know their phrases as patterns; the
language packs (``cleanup/lang``) know the same concepts in en, de, fr, es, it,
nl, pt and pl, as data a user can extend from a rules directory. This rule
asks the packs about each line the other line rules kept.

Every pack's verdict groups are used on every page: the packs' keep-traps are
tested against the groups of all packs (a phrase of one language must not eat
prose of another), a page that declares one language often quotes another,
and the lookup costs the same for eight packs as for one. The page's language
picks month names and byline words for the metadata (``pipeline``).
"""

from __future__ import annotations

import functools
from collections.abc import Collection, Sequence

from cleanup import lang
from cleanup.model import Line
from cleanup.text.blocks import is_prose
from cleanup.text.engine import Verdicts
from cleanup.text.registry import line_rule
from cleanup.text.spared import GUARD_OF_GROUP, Spared, reported_speech
from cleanup.text.units import holding_any, lowered, visible

RULE = "chrome-phrase"
# Reasons by group: what the line is. Groups not named here say what their `about` says.
REASONS = {
    "skip-link": "accessibility jump link",
    "promo": "promo or call to action",
    "cta-label": "call-to-action button label",
    "newsletter": "newsletter sign-up prompt",
    "app": "app download prompt",
    "follow": "follow-us prompt",
    "share": "share prompt",
    "related": "related-stories heading",
    "read-more": "read-more link",
    "tags": "tag list",
    "ad-label": "advertisement label",
    "cookie": "cookie or consent notice",
    "consent": "consent button label",
    "comment-prompt": "comment prompt",
    "comment-count": "comment counter",
    "comment-form": "comment form notice",
    "error-report": "prompt to report an error in the article",
    "rating": "rating prompt",
    "reading-time": "reading-time label",
    "gallery": "gallery counter",
    "noscript": "notice for readers without JavaScript",
    "footer": "footer link",
    "rights": "copyright notice",
}


@line_rule(RULE)  # run by apply_phrase_rule after the block rules, with the page's rules directories
def chrome_phrase(line: Line, rules_dirs: tuple[str, ...] = ()) -> str | None:
    """Chrome lines in any language of the packs: 'Weiterlesen', 'Wir verwenden Cookies, um …', '12 Kommentare'.

    >>> chrome_phrase(Line(1, "Lire aussi : Le conseil municipal vote le budget"))
    "related-stories heading ('Lire aussi')"
    >>> chrome_phrase(Line(1, "Lire aussi la décision du tribunal, publiée mardi, avant de juger.")) is None
    True
    """
    verdict = _verdict(visible(line.text), rules_dirs)
    return None if verdict is None else verdict[1]


# The English line or block rule that removes the same concept: switching that rule off
# (--disable skip-link) switches the concept off in every language.
SAME_AS = {
    "skip-link": "skip-link",
    "promo": "promo-line",
    "cta-label": "promo-line",
    "newsletter": "promo-line",
    "app": "promo-line",
    "follow": "promo-line",
    "read-more": "promo-line",
    "ad-label": "promo-line",
    "share": "share-widget",
    "cookie": "cookie-notice",
    "consent": "cookie-notice",
    "footer": "copyright-footer",
    "rights": "copyright-footer",
    "related": "related-list",
    "comment-prompt": "comment-section",
    "comment-count": "comment-section",
    "comment-form": "comment-section",
    "error-report": "promo-line",
}


@functools.lru_cache(maxsize=16384)
def _verdict(text: str, rules_dirs: tuple[str, ...]) -> tuple[str, str] | None:
    """(group, reason) for one visible text, or None."""
    hit = _hit(text, rules_dirs)
    return None if hit is None else (hit[0], f"{REASONS.get(hit[0], hit[0])} ({hit[1]!r})")


@functools.lru_cache(maxsize=16384)
def _hit(text: str, rules_dirs: tuple[str, ...]) -> tuple[str, str] | None:
    # Cached too: the article finder asks is_bare_heading about units the phrase rule has looked up.
    return lang.classify(text, None, rules_dirs=rules_dirs)


def is_bare_heading(text: str, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True when ``text`` is a related-stories heading and nothing else ("Mehr zum Thema", "See also").

    >>> is_bare_heading("Mehr zum Thema"), is_bare_heading("Lire aussi : Le titre")
    (True, False)
    """
    hit = _hit(text, rules_dirs)
    return hit is not None and hit[0] == "related" and len(text.rstrip(" :»›").split()) <= len(hit[1].split())


def related_phrase(text: str, rules_dirs: tuple[str, ...] = ()) -> str | None:
    """The pack phrase of the ``related`` group that ``text`` is a heading of, or None.

    >>> related_phrase("Siehe auch:"), related_phrase("Der Bericht")
    ('Siehe auch', None)
    """
    hit = _hit(text, rules_dirs)
    return hit[1] if hit is not None and hit[0] == "related" else None


def phrase_verdicts(
    texts: Sequence[str], rules_dirs: tuple[str, ...] = (), lows: Sequence[str] | None = None
) -> list[tuple[str, str] | None]:
    """The (group, reason) for each visible text of a page, or None; ``lows`` are the texts lower-cased.

    The page's lines are looked up together:
    most of them are turned away by their first word and one RE2 scan of the page
    for the "contains" key words (``cleanup.lang.page``).
    """
    hits = lang.classify_page(texts, lowered(texts) if lows is None else lows, rules_dirs, holding_any)
    return [None if hit is None else (hit[0], f"{REASONS.get(hit[0], hit[0])} ({hit[1]!r})") for hit in hits]


def apply_phrase_rule(v: Verdicts, rules_dirs: tuple[str, ...] = (), disabled: Collection[str] = ()) -> None:
    """Drop the kept, unprotected units that a language pack names as chrome.

    A group whose English rule is in ``disabled`` is off too (SAME_AS). A bare
    related-stories heading with prose right under it is a real subheading,
    and stays ("See also" is also a section of a story); so does a unit the story
    uses itself (``spared``: a step of a list it announces, a cookie notice in a story about cookies).
    """
    todo = [i for i in range(len(v.lines)) if v.dropped_by[i] is None and i not in v.protected]
    shown, lows = v.lines.visible, v.lines.lows
    verdicts = phrase_verdicts([shown[i] for i in todo], rules_dirs, [lows[i] for i in todo])
    spared = Spared(shown, v.dropped_by, todo, verdicts)
    for i, verdict in zip(todo, verdicts, strict=True):
        if verdict is None or SAME_AS.get(verdict[0]) in disabled:
            continue
        group, reason = verdict
        if spared(GUARD_OF_GROUP.get(group), i) or reported_speech(shown[i]):
            continue
        if (
            group == "related"
            and i + 1 < len(shown)
            and is_prose(shown[i + 1])
            and is_bare_heading(shown[i], rules_dirs)
        ):
            continue
        v.drop(i, RULE, reason)
