"""Steps of a list the story announces: calls to action that are the story's own.

A how-to story tells its readers to download an app or to sign up::

    Here are the steps:
    Download the app on your phone.
    Sign in with your tax number.
    According to the ministry, more than 40 million households filed last year, ...

The promo and app phrases that rightly take "Download the app" on a page's chrome
(``promo-line``, and the packs' ``promo``, ``newsletter``, ``app`` and ``follow``
groups for ``chrome-phrase``) are wrong there. A step sits in a run of short
sentences (no prose) between a line that announces them (a sentence of a few words ending in a
colon, no list heading such as "Related:") and the story's prose right after them:
chrome after a story is followed by more chrome, not by a paragraph.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from cleanup.text.blocks import ends_like_sentence, is_list_heading, is_prose
from cleanup.text.patterns import WORD_RE

MAX_STEPS = 12  # units between the announcement and the prose after them
MAX_STEP_CHARS = 220  # the longest promo or newsletter phrase line (their packs' max_chars)
MIN_STEP_WORDS = 3
MIN_ANNOUNCE_WORDS = 3  # "Siga estes passos:", "Here are the steps:", not "Follow us:"
# The verdicts a step is spared: calls to action, in English (a line rule) and in the packs' groups.
STEP_RULES = frozenset({"promo-line"})
STEP_GROUPS = frozenset({"promo", "newsletter", "app", "follow"})


def announced_steps(texts: Sequence[str], chrome: Collection[int] = ()) -> frozenset[int]:
    """Indexes of the units that are steps of a list the story announces (visible ``texts``).

    ``chrome``: units a rule takes; one of them announces nothing ("Get the app:").

    >>> announced_steps(["Here are the steps:", "Download the app on your phone.", "Sign in with your number.",
    ...                  "More than 40 million households filed online last year, the ministry said on Monday."])
    frozenset({1, 2})
    >>> announced_steps(["Follow us:", "Download the app on your phone.", "The ministry said 40 million filed."])
    frozenset()
    """
    found: set[int] = set()
    for at, text in enumerate(texts):
        if not text.endswith(":") or at in chrome or not _announces(text):
            continue
        end = at + 1
        while end < len(texts) and end - at <= MAX_STEPS and not is_prose(texts[end]) and _is_step(texts[end]):
            end += 1
        if end > at + 1 and end < len(texts) and is_prose(texts[end]):
            found.update(range(at + 1, end))
    return frozenset(found)


def steps_among(
    texts: Sequence[str], dropped_by: Sequence[str | None], todo: Sequence[int], verdicts: Sequence[object]
) -> frozenset[int]:
    """``announced_steps`` with the units dropped so far, or about to be (a ``verdicts`` of ``todo``), as chrome."""
    chrome = {i for i, rule in enumerate(dropped_by) if rule is not None}
    chrome.update(k for k, found in zip(todo, verdicts, strict=True) if found is not None)
    return announced_steps(texts, chrome)


def _announces(text: str) -> bool:
    """A sentence of a few words that ends in a colon and heads no link list."""
    return len(WORD_RE.findall(text)) >= MIN_ANNOUNCE_WORDS and not is_list_heading(text)


def _is_step(text: str) -> bool:
    """A short sentence: a few words, ending like one, no longer than a promo line may be."""
    return len(text) <= MAX_STEP_CHARS and ends_like_sentence(text) and len(WORD_RE.findall(text)) >= MIN_STEP_WORDS
