"""A comment thread's own lines: what tells a comments heading over a thread from a subheading (text
mode), and a thread from a story (HTML mode, ``cleanup.html.threads``)."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from cleanup import lang
from cleanup.model import Line
from cleanup.text import patterns as P
from cleanup.text.units import as_units, visible

# Lines only a comment thread writes: a comment's head ("joetoronto says:", "Mason wrote :", "Marek
# napisał(a):"; a longer head ending in a colon that holds a date or time, as WordPress themes write
# it: "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:", "Anna am 3. März 2019 sagt:", or
# a name alone: "Mary Ann Mason wrote:", "Petra K. sagt:"), its reply button, its age ("2 days ago at
# 07:52 am", "vor 3 Tagen"). Without a date or a bare name, "Council leader Jane Smith said:"
# introduces a quote in a story.
THREAD_HEAD_PATTERN = (
    r"\S{1,40} (?:says|said|wrote|writes|schreibt|a écrit|escribió|scrive|escreveu|napisał\(a\)|napisał\(-a\)) ?:?"
    r"|(?:.{0,80}\d.{0,80}|(?-i:[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){1,3}))"
    r" (?:says|said|wrote|writes|schreibt|sagt|schrieb|a écrit|dit|escribió|dice|scrive|escreveu|"
    r"disse|zegt|schreef|pisze|napisał|napisała) ?:"
)
THREAD_REPLY_PATTERN = r"reply|antworten|répondre|responder|rispondi|odpowiedz|beantwoorden"
THREAD_AGE_PATTERN = (
    r"\d+ (?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?) ago.{0,30}|(?:vor|il y a|hace|há) \d+ \w+"
)
THREAD_LINE_PATTERN = f"{THREAD_HEAD_PATTERN}|{THREAD_REPLY_PATTERN}|{THREAD_AGE_PATTERN}"
THREAD_LINE_RE = re.compile(THREAD_LINE_PATTERN, re.I)
# ... and lines a thread shares with share bars and rating widgets: "Like", "Report", "Rating: 36 Votes".
COMMENT_MARKER_RE = re.compile(
    THREAD_LINE_PATTERN + r"|report|like|likes|flag|share|rating:? -?\d+ votes?|\d+ (?:likes?|votes?|points?|replies)"
    r"|(?:up|down)vote",
    re.I,
)
# The packs' groups whose phrases are a thread's own lines ("Responder", "Log in om te reageren").
COMMENT_GROUPS = ("comment-prompt", "comment-form", "comment-count")


def comment_markers(lines: Sequence[Line], start: int) -> int:
    """How many of the COMMENT_LOOKAHEAD units from ``start`` read like a comment thread's ("Reply", "joe says:"),
    in English or as a pack's comment phrase ("Odpowiedz", "Para comentar, inicie sessão")."""
    window = lines[start : start + P.COMMENT_LOOKAHEAD]
    dirs = as_units(lines).rules_dirs
    return sum(1 for ln in window if _comment_marker(visible(ln.text), dirs))


def thread_lines(lines: Sequence[Line], start: int) -> int:
    """``comment_markers`` without the lines a thread shares with a share bar ("Like", "Share", "Report"):
    how many of the units from ``start`` are a thread's own ("Reply", "joe says:", "2 days ago")."""
    window = lines[start : start + P.COMMENT_LOOKAHEAD]
    dirs = as_units(lines).rules_dirs
    return sum(1 for ln in window if _thread_line(visible(ln.text), dirs))


@functools.lru_cache(maxsize=4096)
def _thread_line(text: str, rules_dirs: tuple[str, ...]) -> bool:
    """A thread's own line: an English one, or a phrase of a pack's comment groups."""
    return (
        THREAD_LINE_RE.fullmatch(text) is not None or lang.classify(text, None, COMMENT_GROUPS, rules_dirs) is not None
    )


@functools.lru_cache(maxsize=4096)
def _comment_marker(text: str, rules_dirs: tuple[str, ...]) -> bool:
    """A thread's line: an English marker, or a phrase of a pack's comment groups."""
    if COMMENT_MARKER_RE.fullmatch(text):
        return True
    return lang.classify(text, None, COMMENT_GROUPS, rules_dirs) is not None


# The packs' groups whose phrase under a comments heading opens the thread even with no comment yet
# ("Comments" / "Add your comment", "Kommentare" / "Schreibe einen Kommentar").
PROMPT_GROUPS = ("comment-prompt", "comment-form")
# A bare comments heading (no count: a count opens the thread on its own).
BARE_HEADING_RE = re.compile(
    r"(?:reader |top rated |most recent |latest )?(?:comments|reader comments|kommentare|leserkommentare|commentaires|"
    r"réactions|comentarios|commenti|comentários|reacties|kommentarer|komentarze|komentáře|yorumlar|комментарии)\s*:?",
    re.I,
)
# A word of comments, in a unit under the prompt (``_of_comments``).
COMMENT_WORD_RE = re.compile(r"\b(?:comment|komment|comentári|comentari|reactie|komentar|yorum)", re.I)
PROMPT_LOOKAHEAD = 6  # units after the prompt
# A story's words of comment: "declined to comment", "asked for comment", "no further comments".
NO_COMMENT_RE = re.compile(
    r"\b(?:to|for|no|without|not|declined|further|provide) comments?\b|\bcomment (?:was|request)", re.I
)
# Units under the prompt that speak of comments: a comment system repeats the word (its help, its
# badges); a story going on under a comment box in its middle says it once at most.
MIN_OF_COMMENTS = 2


def prompt_under(lines: Sequence[Line], i: int, heading: str) -> bool:
    """True when ``heading`` (unit ``i``) is a bare comments heading with a pack's comment prompt or
    form notice of two words or more right under it (not a heading itself: "Reply", "Join the
    conversation"), and MIN_OF_COMMENTS units of the PROMPT_LOOKAHEAD after it speak of comments, or
    none follows.

    A thread with no comment yet, or a comment system's help text under its prompt, has no comment
    line to count; a story going on under a comment box in its middle speaks of comments once at most.
    """
    if i + 1 >= len(lines) or not BARE_HEADING_RE.fullmatch(heading):
        return False
    prompt = visible(lines[i + 1].text)
    if " " not in prompt.strip() or P.COMMENTS_HEADING_RE.fullmatch(prompt):
        return False
    if lang.classify(prompt, None, PROMPT_GROUPS, as_units(lines).rules_dirs) is None:
        return False
    after = [visible(line.text) for line in lines[i + 2 : i + 2 + PROMPT_LOOKAHEAD]]
    return not after or sum(1 for text in after if _of_comments(text)) >= MIN_OF_COMMENTS


def _of_comments(text: str) -> bool:
    """True for a unit that speaks of comments ("SuperFan badge holders post smart, timely comments."),
    not in a story's words of comment ("declined to comment")."""
    return COMMENT_WORD_RE.search(text) is not None and not NO_COMMENT_RE.search(text)
