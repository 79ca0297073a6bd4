"""Where the article ends before an author bio: the writer's name, then who they are.

A story in a page dump often ends with a bio of its author: a name line or an
"About Jane Doe" heading, then "Jane Doe is a reporter for …" (or "I am a
writer, …"). The bio reads as prose, so the run of prose goes on into it, and
past it into the site's other stories. ``bio_start`` finds where the bio
starts; the article run stops there.

A profile that opens with the same words ("Jane Doe is a journalist who was
jailed …") is the story itself: a bio is only taken after at least as much
prose of the story as the run holds from the bio on, never as the run's
first prose, and only the first bio-like unit of a run is looked at (a list
of profiles is a story of profiles).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from cleanup import lang
from cleanup.model import Line
from cleanup.text.blocks import ends_like_sentence, is_prose, paragraph_after, prose_weight, weight, widget_in_story
from cleanup.text.patterns import (
    CASE_TWINS,
    COMMENTS_HEADING_KEYS,
    COMMENTS_HEADING_RE,
    MIN_COMMENT_MARKERS,
    WORDS,
)
from cleanup.text.prefilter import substrings_re as _substrings
from cleanup.text.threads import comment_markers
from cleanup.text.units import as_units, holding_any

# A name: two to four capitalised words or initials ("Bruce Y. Lee", "Carlos Nadalim").
NAME = r"\w[\w'’.-]*(?:\s+\w[\w'’.-]*){1,3}"
MAX_NAME_CHARS = 40
# A bio heading: "About Jane Doe", or a bare "About the author" (its phrases are data: words.toml).
_HEADINGS = "|".join(re.escape(h) for h in sorted(WORDS["bio_headings"], key=len, reverse=True))
BIO_HEADING_RE = re.compile(rf"(?:{_HEADINGS})(?:\s+(?P<name>{NAME}))?", re.IGNORECASE)


def _any_word_re(key: str) -> re.Pattern[str]:
    """Any word of the ``words.toml`` list ``key``, as a whole word, in any case."""
    return re.compile(r"\b(?:" + "|".join(map(re.escape, WORDS[key])) + r")\b", re.IGNORECASE)


BIO_ROLE_RE = _any_word_re("bio_roles")
# The bio sentence names the author first, maybe a handle, then says what they are: "Jane Doe (@jd) is a …".
BIO_SENTENCE_RE = re.compile(
    rf"(?P<name>{NAME})(?:\s+\(@\w+\))?\s+(?:is|was|has been|ist|est|es|é|è|jest)\s", re.UNICODE
)
FIRST_PERSON_RE = re.compile(r"(?:I am|I'm|I’m)\s")
# The role is said early in the bio: within this many characters; a bio is short.
ROLE_REACH = 150
MAX_BIO_CHARS = 600
# A comment thread's rules: a comment word and a policy word in a unit of at most MAX_POLICY_CHARS.
COMMENT_WORD_RE, POLICY_WORD_RE, VOICE_WORD_RE = map(
    _any_word_re, ("comment_words", "comment_policy_words", "comment_policy_voice")
)
DISCLAIMER_RES = tuple(map(_any_word_re, ("comment_disclaimer_words", "comment_author_words")))
MAX_POLICY_CHARS = 400
# A comments heading may already be gone as a chrome phrase ("Comments", "12 Kommentare").
THREAD_HEADING_DROP = "chrome-phrase"
FORM_NOTICE = ("comment-form",)  # the pack group of a comment form's notices
# The same words as sets: a unit holding none of them (split at non-letters) is not looked at with the patterns.
NON_LETTERS_RE = re.compile(r"[\W\d_]+")
ROLE_WORDS = frozenset(w.lower() for w in WORDS["bio_roles"])
COMMENT_WORDS = frozenset(w.lower() for w in WORDS["comment_words"])


# Lower-case words one of which a unit holds when bio_start can stop at it: the comment-heading
# words of COMMENTS_HEADING_RE and the comment words, anywhere in it (one RE2 scan over the
# page's units finds the few that hold one), or a role word in its first ROLE_REACH characters
# (``says_role`` reads no further) or in those of the unit under it.
START_KEYS = tuple(sorted({*COMMENTS_HEADING_KEYS, *COMMENT_WORDS}))
ROLE_KEYS = tuple(sorted(ROLE_WORDS))
# A bio heading ("About Jane Doe", "Über den Autor") opens its unit: BIO_HEADING_RE is matched
# from the start. Its words ("about", "over", "sobre") are common in prose anywhere else.
BIO_HEADING_STARTS = tuple(sorted({h.lower() for h in WORDS["bio_headings"]}))


def is_name(text: str) -> bool:
    """True for a short line that is a person's name: capitalised words, no digits, no sentence end.

    >>> is_name("Bruce Y. Lee"), is_name("Read more stories"), is_name("Meg James")
    (True, False, True)
    """
    words = text.split()
    return (
        len(text) <= MAX_NAME_CHARS
        and 2 <= len(words) <= 4
        and all(w[:1].isupper() for w in words)
        and not any(c.isdigit() for c in text)
        and not text.endswith(("!", "?", ":", ";", ","))
    )


def says_role(text: str) -> bool:
    """True when ``text`` says early on that someone is a reporter, writer, editor … (in any pack language)."""
    head = text[:ROLE_REACH]
    return (
        _holds_any(head, ROLE_WORDS)
        and not ROLE_WORDS.isdisjoint(_words(head))
        and BIO_ROLE_RE.search(head) is not None
    )


def _holds_any(text: str, words: frozenset[str]) -> bool:
    """False when no word of ``words`` is a substring of ``text`` lower-cased: cheaper than ``_words``.

    One search for all the words (``_substrings``) costs less than a test per word.
    """
    return bool(words) and _substrings(words).search(text.lower()) is not None


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> frozenset[str]:
    """Lower-cased words of ``text`` split at every non-letter: a cheap pre-check before the word patterns."""
    return frozenset(NON_LETTERS_RE.split(text.lower()))


def bio_name(heading: str, text: str) -> str | None:
    """The name of whom ``text`` is a bio, when ``heading`` ("About Jane Doe", a name, or '') opens it; else None.

    >>> bio_name("Meg James", "Meg James is a media reporter for the Times.")
    'Meg James'
    >>> bio_name("", "Jane Doe (@jd) is a writer at Wired.") , bio_name("Jane Doe", "Jane Doe was born in 1950.")
    ('Jane Doe', None)
    """
    m = BIO_HEADING_RE.fullmatch(heading) if heading else None
    if m is not None and m["name"] and is_name(m["name"]) and not ends_like_sentence(heading):
        name = m["name"]
        return name if _surname(name) in text[: ROLE_REACH * 2] else None
    if heading and is_name(heading) and says_role(text):
        return heading if text.startswith(heading) or FIRST_PERSON_RE.match(text) else None
    if not heading and weight(text) <= MAX_BIO_CHARS and says_role(text):
        found = BIO_SENTENCE_RE.match(text)
        return found["name"] if found is not None and is_name(found["name"]) else None
    return None


def _surname(name: str) -> str:
    return name.split()[-1].strip(".,")


def is_comment_policy(text: str) -> bool:
    """True for the rules of a comment thread, in any pack language: it opens the thread under the story.

    >>> is_comment_policy("As you comment, please be respectful of other commenters and viewpoints.")
    True
    >>> is_comment_policy("The council's comments on the plan were respectful, a spokesman said, but firm.")
    False
    >>> is_comment_policy("Comments on the forum are moderated, the company said in a statement.")
    False
    >>> is_comment_policy("Os comentários são de responsabilidade exclusiva de seus autores.")
    True
    >>> is_comment_policy("Los comentarios del alcalde son responsabilidad suya, dijo el portavoz.")
    False
    """
    if weight(text) > MAX_POLICY_CHARS or not _holds_any(text, COMMENT_WORDS) or COMMENT_WORDS.isdisjoint(_words(text)):
        return False
    found = COMMENT_WORD_RE.search(text)
    if found is None or found.start() >= ROLE_REACH:
        return False
    if all(pattern.search(text) for pattern in DISCLAIMER_RES):  # the comments are their authors' responsibility
        return True
    if POLICY_WORD_RE.search(text) is None:
        return False
    return VOICE_WORD_RE.search(text) is not None or "powered by" in text.lower()


def _opens_thread(text: str) -> bool:
    """A comments heading ("Leave a Reply", "12 comments"), a comment thread's rules, or a comment form's
    notice in any pack ("Your email address will not be published": the form under a story with no comments)."""
    return COMMENTS_HEADING_RE.fullmatch(text) is not None or is_comment_policy(text) or _form_notice(text)


def _form_notice(text: str) -> bool:
    """A form's notice in any pack; a paragraph opening with its words ("Required fields are marked …") is prose."""
    return not is_prose(text) and lang.classify(text, None, FORM_NOTICE) is not None


def _headed_name(heading: str, name: str, text: str) -> bool:
    """True for a bare bio heading ("Sobre la firma", "About the author") over a name alone and a bio that
    says a role: the bio need not repeat the name ("Es redactor jefe de Economía")."""
    m = BIO_HEADING_RE.fullmatch(heading)
    return m is not None and not m["name"] and is_name(name) and says_role(text)


def bio_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) where an author bio or a comment thread starts, or None (see the module's docstring).

    The bio must name someone the page named above the story (the byline, the
    <title>): "About Klaus Regling" over a box on the story's subject is not a
    bio of its author, "About Real Time Brussels" under a blog's title is the
    blog's blurb.
    """
    units = as_units(lines)
    texts = units.visible
    kept = [
        i for i in range(start, stop) if dropped_by[i] is None or _dropped_thread_heading(lines, texts, dropped_by, i)
    ]
    first = next((i for i in kept if is_prose(texts[i])), None)
    if first is None:
        return None
    dropped = (k for k, i in enumerate(kept) if dropped_by[i])  # thread headings and form notices a phrase took
    for k in sorted({*_may_start(texts, units.lows, kept), *dropped}):
        i = kept[k]
        text, nxt = texts[i], texts[kept[k + 1]] if k + 1 < len(kept) else ""
        name: str | None
        if i > first and _opens_thread(text):
            if not is_prose(text) and widget_in_story(lines, dropped_by, i):
                continue  # a counter or a form's notice between two of the story's paragraphs
            name = ""  # a comment thread: no name to know
        elif i > first and nxt and is_prose(nxt) and not is_prose(text):
            name = bio_name(text, nxt)
            if name is None and k and _headed_name(texts[kept[k - 1]], text, nxt):
                name, i = text, kept[k - 1]  # "Sobre la firma" / "Lluís Pellicer" / "Es redactor jefe de ..."
        elif i > first and is_prose(text):
            name = bio_name("", text)
        else:
            continue
        if name is None:
            continue
        blurb = kept[k] if is_prose(texts[kept[k]]) else kept[k + 1]
        if name and paragraph_after(texts, dropped_by, blurb):
            continue  # an author box inside the story: its paragraphs go on under the blurb
        before, after = prose_weight(texts, kept[:k]), prose_weight(texts, kept[k:])
        known = not name or _surname(name) in " ".join(texts[:first])
        return i if known and before >= after else None
    return None


def _dropped_thread_heading(
    lines: Sequence[Line], texts: Sequence[str], dropped_by: Sequence[str | None], i: int
) -> bool:
    """True for a comments heading that a language pack's phrase already dropped ("View comments (27)").

    The chrome-phrase rule drops such headings before the article finder runs; the
    thread still starts there. As for the comment-section rule, a heading with no
    count ("Comments", "Comment": a table's column, a button in the story) needs
    comment-like lines after it ("Reply", "2 days ago", "joe says:").
    """
    if dropped_by[i] != THREAD_HEADING_DROP:
        return False
    if COMMENTS_HEADING_RE.fullmatch(texts[i]) is None:
        return _form_notice(texts[i])
    return any(c.isdigit() for c in texts[i]) or comment_markers(lines, i + 1) >= MIN_COMMENT_MARKERS


def _may_start(texts: Sequence[str], lows: Sequence[str], kept: Sequence[int]) -> list[int]:
    """Positions k in ``kept`` where ``bio_start`` may stop (see START_KEYS and BIO_HEADING_STARTS).

    Every test of ``bio_start`` needs a comment word in the unit (a comment
    heading or policy), a role word early in the unit or in the next one (a
    bio, or a name over one), or a bio heading at the unit's start (its name
    over the bio: ``BIO_HEADING_RE`` is matched from the start); most units
    pass none, and are not looked at one by one.

    >>> texts = ["Intro.", "The end.", "Jane Doe", "She is a reporter.", "Photo: AP"]
    >>> _may_start(texts, [t.lower() for t in texts], [0, 1, 2, 3, 4])
    [2, 3]
    >>> _may_start(["Leave a reply", "Photo: AP"], ["leave a reply", "photo: ap"], [0, 1])
    [0]
    >>> texts = ["It is about time.", "About Jane Doe", "Jane Doe covers courts."]
    >>> _may_start(texts, [t.lower() for t in texts], [0, 1, 2])
    [1]
    >>> _may_start(["Intro.", "EDİTOR"], ["intro.", "EDİTOR".lower()], [0, 1])  # a case twin: every unit
    [0, 1]
    """
    shown = "".join([texts[i] for i in kept])
    if not shown.isascii() and any(c in shown for c in CASE_TWINS):
        return list(range(len(kept)))
    found = [lows[i] for i in kept]
    roles = holding_any([low[:ROLE_REACH] for low in found], ROLE_KEYS)
    headed = [k for k, low in enumerate(found) if low.startswith(BIO_HEADING_STARTS)]
    return sorted({*holding_any(found, START_KEYS), *(j for k in roles for j in (k - 1, k) if j >= 0), *headed})
