"""Chrome phrases a story uses itself: the units a chrome rule takes elsewhere but that stay here.

Two cases, each a named guard, computed once per page where its rules fire:

**Steps of a list the story announces.** A how-to story tells its readers to download
an app or to sign up::

    Here are the steps:
    Download the app on your phone.
    Sign in with your tax number.
    According to the ministry, more than 40 million households filed last year, ...

The promo and app phrases that rightly take "Download the app" on a page's chrome
(``promo-line``, and the packs' ``promo``, ``newsletter``, ``app`` and ``follow``
groups for ``chrome-phrase``) are wrong there. A step sits in a run of short
sentences (no prose) between a line that announces them (a sentence of a few words ending in a
colon, no list heading such as "Related:", after a paragraph) and the story's prose right after
them: chrome after a story is followed by more chrome, not by the story.

**A story about cookies.** "We use cookies to give you a better experience – this
sentence appears on almost every website today, …" opens a paragraph of a story about
the cookie law. A cookie notice (``cookie-notice``, the packs' ``cookie`` group) between
two kept paragraphs of prose stays when the page speaks of cookies elsewhere, in its
prose too (``cookie_story``): a banner is not the story's topic, and one between
paragraphs (a consent placeholder for an embedded video) still goes on any other page.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Collection, Sequence

from cleanup.text.blocks import ends_like_sentence, is_list_heading, is_prose
from cleanup.text.patterns import WORD_RE, WORDS

MAX_STEPS = 12  # units between the announcement and the prose after them
MIN_PROSE_AFTER_STEPS = 1  # paragraphs of the story right after the steps
MAX_HEADINGS_BETWEEN = 2  # short units (a subheading) between the story's paragraph and the announcement
MAX_HEADING_CHARS = 80
MAX_STEP_CHARS = 220  # the longest promo or newsletter phrase line (their packs' max_chars)
MIN_STEP_WORDS = 3
MIN_ANNOUNCE_WORDS = 3  # "Siga estes passos:", "Here are the steps:", not "Follow us:"
# Other kept units that say "cookie", paragraphs of prose among them: the story is about cookies.
MIN_COOKIE_MENTIONS = 2
MIN_COOKIE_PROSE = 1
# A unit this long is a paragraph that quotes the banner; a banner line in the middle of a
# page (fixtures/keep-cookie-article: "By continuing to use this site, you agree …") is shorter.
MIN_COOKIE_PARAGRAPH_CHARS = 100
# "..., the mayor added": a comma, a few words (the speaker), a verb of speech.
SPEECH_VERBS = "|".join(map(re.escape, WORDS["speech_verbs"]))
SPEECH_RE = re.compile(rf",\s[^,.!?;:]{{0,60}}?\b(?:{SPEECH_VERBS})\b", re.I)
SITE_VOICE = frozenset((*WORDS["site_voice"], "us"))  # "Like us on …": a step, not a story's "US"
# The guard each verdict may be spared by: English line rules, and the packs' groups (chrome-phrase).
GUARD_OF_RULE = {"promo-line": "steps", "cookie-notice": "cookies"}
# ...and a verdict's reason: a byline ending in its date ("By Easter Sunday, April 12, 2020") between
# two paragraphs of the story is a line of it; a page's dated byline sits above the story or under it.
GUARD_OF_REASON = {"author byline with its date": "prose"}
GUARD_OF_GROUP = {"promo": "steps", "newsletter": "steps", "app": "steps", "follow": "steps", "cookie": "cookies"}


def announced_steps(texts: Sequence[str], chrome: Collection[int] = ()) -> frozenset[int]:
    """Indexes of the units that are steps of a list the story announces (visible ``texts``).

    ``chrome``: units a rule takes; one of them announces nothing ("Get the app:"). The
    announcement follows a paragraph of the story, MIN_PROSE_AFTER_STEPS paragraphs follow the
    steps, and a step in which the site speaks of itself ("Like us on Facebook.", "Download our
    app.") is a prompt whatever stands around it.

    >>> story = "More than 40 million households filed online last year, the ministry said on Monday."
    >>> announced_steps([story, "Here are the steps:", "Download the app on your phone.", "Sign in with your number.",
    ...                  story])
    frozenset({2, 3})
    >>> announced_steps([story, "Stay connected with us:", "Like us on Facebook.", story])
    frozenset()
    """
    found: set[int] = set()
    for at, text in enumerate(texts):
        if not text.endswith(":") or at in chrome or not _announces(text) or not _prose_before(texts, at, chrome):
            continue
        end = at + 1
        while end < len(texts) and end - at <= MAX_STEPS and not is_prose(texts[end]) and _is_step(texts[end]):
            end += 1
        after = list(itertools.islice((k for k in range(end, len(texts)) if k not in chrome), MIN_PROSE_AFTER_STEPS))
        if end > at + 1 and len(after) == MIN_PROSE_AFTER_STEPS and all(is_prose(texts[k]) for k in after):
            found.update(k for k in range(at + 1, end) if not _prompt_words(texts[k]))
    return frozenset(found)


def _prose_before(texts: Sequence[str], at: int, chrome: Collection[int]) -> bool:
    """True when a paragraph of prose comes before ``at``, with at most MAX_HEADINGS_BETWEEN short
    units between (a subheading: "How to sign up")."""
    kept = itertools.islice((k for k in range(at - 1, -1, -1) if k not in chrome), MAX_HEADINGS_BETWEEN + 1)
    for k in kept:
        if is_prose(texts[k]):
            return True
        if len(texts[k]) > MAX_HEADING_CHARS:
            return False
    return False


def _prompt_words(text: str) -> bool:
    """True for a step in which the site speaks of itself: "Like us on Facebook.", "Download our app."."""
    return not SITE_VOICE.isdisjoint(w.lower() for w in WORD_RE.findall(text))


class Spared:
    """Whether a verdict's unit is one the story uses itself, each guard computed on its first question.

    ``todo`` and ``verdicts``: the units a rule pass judges and its verdicts; with the units
    dropped before, they are the chrome an announcement or a paragraph may not be.
    """

    def __init__(
        self, texts: Sequence[str], dropped_by: Sequence[str | None], todo: Sequence[int], verdicts: Sequence[object]
    ) -> None:
        self.texts, self.dropped_by, self.todo, self.verdicts = texts, dropped_by, todo, verdicts
        self.found: dict[str, frozenset[int]] = {}

    def __call__(self, guard: str | None, index: int) -> bool:
        """True when ``guard`` ("steps", "cookies"; None: no guard) spares the unit at ``index``."""
        if guard is None:
            return False
        if guard not in self.found:
            chrome = {i for i, rule in enumerate(self.dropped_by) if rule is not None}
            chrome.update(k for k, found in zip(self.todo, self.verdicts, strict=True) if found is not None)
            spare = {"steps": announced_steps, "cookies": cookie_story, "prose": between_prose}[guard]
            self.found[guard] = spare(self.texts, chrome)
        return index in self.found[guard]


def reported_speech(text: str) -> bool:
    """True when a unit quotes someone after a comma: the story's prose, whatever its first words.

    >>> reported_speech("Follow us on this journey, the mayor added, because the city will change.")
    True
    >>> reported_speech("Alle Rechte vorbehalten, sagte der Anwalt der Stadt, gelte auch für die Pläne.")
    True
    >>> reported_speech("Follow us on Twitter, Facebook and Instagram.")
    False
    >>> reported_speech("© 2024 AP. All rights reserved.")
    False
    """
    return "," in text and SPEECH_RE.search(text) is not None


def cookie_story(texts: Sequence[str], chrome: Collection[int] = ()) -> frozenset[int]:
    """Paragraphs (MIN_COOKIE_PARAGRAPH_CHARS) that say "cookie" between two paragraphs of kept prose, on a
    page that speaks of cookies elsewhere (MIN_COOKIE_MENTIONS other kept units, MIN_COOKIE_PROSE of them
    prose: a headline and a paragraph).

    >>> law = "The draft law would let users give their consent once, in the browser, instead of on every site."
    >>> said = "Critics say cookie banners annoy users more than they protect them, the report found."
    >>> quoted = "We use cookies to give you a better experience – this sentence appears on almost every website today."
    >>> texts = [law, quoted, said, said]
    >>> cookie_story(texts, chrome={1})
    frozenset({1})
    >>> cookie_story([law, "We use cookies to show you this video. Accept to watch it.", law], chrome={1})
    frozenset()
    """
    lows = [text.lower() for text in texts]
    saying = [i for i, low in enumerate(lows) if "cookie" in low]
    if len(saying) <= MIN_COOKIE_MENTIONS:
        return frozenset()
    kept = [i for i in range(len(texts)) if i not in chrome]
    mentions = {k for k in saying if k not in chrome}  # each unit's "others" are these but itself:
    in_prose = {k for k in mentions if is_prose(texts[k])}  # counted once, not once per unit
    found = set()
    for i in saying:
        if len(texts[i]) < MIN_COOKIE_PARAGRAPH_CHARS:
            continue
        at = bisect.bisect_left(kept, i)
        later = at + (at < len(kept) and kept[at] == i)
        if at == 0 or later == len(kept) or not (is_prose(texts[kept[at - 1]]) and is_prose(texts[kept[later]])):
            continue
        if len(mentions - {i}) >= MIN_COOKIE_MENTIONS and len(in_prose - {i}) >= MIN_COOKIE_PROSE:
            found.add(i)
    return frozenset(found)


def between_prose(texts: Sequence[str], chrome: Collection[int] = ()) -> frozenset[int]:
    """Units whose nearest kept units before and after are both prose: lines of the story itself.

    >>> para = "The council met on Tuesday and voted to repair the harbour wall before the winter storms."
    >>> sorted(between_prose(["Head", "By Jo Roe - 11/3/20", para, "By Election Day - 11/3/20", para], {1, 3}))
    [3]
    """
    kept = [i for i in range(len(texts)) if i not in chrome]
    prose = {i for i in kept if is_prose(texts[i])}
    found = set()
    for i in chrome:
        at = bisect.bisect_left(kept, i)
        if 0 < at < len(kept) and kept[at - 1] in prose and kept[at] in prose:
            found.add(i)
    return frozenset(found)


def _announces(text: str) -> bool:
    """A sentence of a few words that ends in a colon and heads no link list."""
    return len(WORD_RE.findall(text)) >= MIN_ANNOUNCE_WORDS and not is_list_heading(text)


def _is_step(text: str) -> bool:
    """A short sentence: a few words, ending like one, no longer than a promo line may be."""
    return len(text) <= MAX_STEP_CHARS and ends_like_sentence(text) and len(WORD_RE.findall(text)) >= MIN_STEP_WORDS
