"""Reader comment threads known by their lines, where no class or id names them.

A site built with CSS-in-JS or utility classes ("css-1x2y3z", "mt-4 flex") names its comment
section nothing the vocabulary knows, and a long thread outweighs a short story: under the
<main> or <article> holding both, the container chosen was the thread, or one long comment of it
(three ScrapingHub pages with their class and id attributes taken out, bench/no_names.py). A
thread writes lines no story writes: a comment's head with a user name or a date and a time
("v2787 says:", "Catherine on September 13, 2018 at 5:23 pm said:"), its reply button
(``comment_line``; not an age, nor a plain name, which a live blog and a story's quotes write
too). When the container chosen left the page's <h1>, the branch it lies in is read for them;
an element whose children with text are nearly all comments (each holding such a line) is marked
as chrome, and the container is chosen again. A story's element has paragraphs without such
lines among its children; an element holding an <h1> is never a thread.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence
from typing import Any

from lxml import etree

from cleanup.html.dom import short_text
from cleanup.html.evidence import child_holding
from cleanup.html.scorer import Score, rescue_marks, scorer_container
from cleanup.html.vocab import BLOCK_TAGS, ChromeGroup
from cleanup.text.threads import THREAD_LINE_RE, THREAD_REPLY_PATTERN
from cleanup.text.units import re2_compile

RULE = "comment-thread"
# Strong: a thread longer than the story it follows stays chrome (that is when it is needed).
GROUP = ChromeGroup(RULE, "reader comment thread, known by its lines ('v2787 says:', 'Reply')", strong=True)
MIN_COMMENTS = 3  # children of the thread holding a thread's line
COMMENT_SHARE = 0.75  # of the children with text
MAX_LINE_CHARS = 160
MAX_HINTS = 2000  # looked at in one element (a thread of 1,000 comments is one all the same)
# What a thread's line holds, as it reads in the text of its whole element: a head's verb and colon
# ("v2787 says:", "Anna am 3. März 2019 sagt:"), a reply button, an age (every line THREAD_LINE_RE
# reads, tests/test_comment_threads.py; ``comment_line`` then keeps the comments' own). The branch's
# text is searched for MIN_COMMENTS of these (in RE2: one linear pass) before any element is looked
# at, and a line counts only when it holds one: a head needs its colon here ("joe says" alone is a
# story's "Smith says" as often).
THREAD_HINT = (
    r"(?:says|said|wrote|writes|schreibt|sagt|schrieb|écrit|escribió|dice|scrive|escreveu|disse|zegt|schreef|"
    r"pisze|napisał\S*|dit) ?:|reply|antworten|répondre|responder|rispondi|odpowiedz|beantwoorden"
    r"|\d \w+ ago|vor \d+ \w+|il y a \d+ \w+|hace \d+ \w+|há \d+ \w+"
)
TEXT_OF = etree.XPath("string(.)")
TEXT_NODES = etree.XPath(".//text()")  # in document order: TEXT_OF's text is theirs joined
# Which thread lines say "comment" on their own: a reply button; a head with a date and a time
# ("Catherine on September 13, 2018 at 5:23 pm said:", "Anna am 3. März 2019 um 10:10 Uhr sagt:") or
# a user name ("v2787 wrote:", "joe_t says:": one word with a digit or a "_", ``_user_name``). Not
# an age ("3 hours ago", "10 minutes ago 10:32": a live blog's entries), nor a name in a story's
# quote ("Jane Smith says:", "Jane Smith, 30, said:", "police said:", "McConnell said:").
REPLY_RE = re.compile(THREAD_REPLY_PATTERN, re.I)
CLOCK_RE = re.compile(r"(?<![\d.])\d{1,2}[:.h]\d{2}(?![\d.%])")  # not in "13.09.2018", "10.25%"
DATE_RE = re.compile(r"\b(?:19|20)\d{2}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b")
USER_NAME_MARK_RE = re.compile(r"[\d_]")
REPLY_TAGS = frozenset({"a", "button", "span"})  # a reply button inline in a comment's block
MIN_USER_NAME_CHARS = 5  # "G20 said:" is a story's


@functools.lru_cache(maxsize=1)
def _hint() -> Any:
    return re2_compile(THREAD_HINT, case_sensitive=False)


def thread_marks(root: Any, scores: dict[Any, Score]) -> dict[Any, ChromeGroup]:
    """The comment threads inside ``root`` (itself included), marked with GROUP.

    >>> item = "<div><p>{} says:</p><p>I agree with every word of this, thanks for writing it.</p><p>Reply</p></div>"
    >>> thread = etree.fromstring("<div>" + "".join(item.format(name) for name in ("joe", "ann", "bo")) + "</div>")
    >>> from cleanup.html.scorer import measure
    >>> list(thread_marks(thread, measure(thread, {}))) == [thread]
    True
    >>> story = etree.fromstring("<div><p>The council met on Monday.</p><p>Reply</p><p>It voted no.</p></div>")
    >>> thread_marks(story, measure(story, {}))
    {}
    """
    text = TEXT_OF(root)
    hints = [hint.start() for hint in itertools.islice(_hint().finditer(text), MAX_HINTS)]
    if len(hints) < MIN_COMMENTS:
        return {}
    lines = _thread_lines(root, hints)
    if len(lines) < MIN_COMMENTS:
        return {}
    return {el: GROUP for el in _threads(root, lines, scores)}


def _thread_lines(root: Any, hints: list[int]) -> set[Any]:
    """The blocks inside ``root`` whose whole text is a thread's line (``THREAD_LINE_RE``) holding a
    hint; ``hints`` are where hints start in ``root``'s text: the text nodes holding them are looked at."""
    nodes = TEXT_NODES(root)
    ends = list(itertools.accumulate(map(len, nodes)))
    found: set[Any] = set()
    looked: set[Any] = set()
    for at in hints:
        node = nodes[bisect.bisect_right(ends, at)]
        block = _block_of(node, root)
        if block is None or block in found:
            continue
        if _reply_button(node, block):
            found.add(block)  # a comment's block, its reply link inline in it ("… <a>Reply</a>")
        elif block not in looked:
            looked.add(block)
            text = short_text(block, MAX_LINE_CHARS, 4 * MAX_LINE_CHARS)  # read up to there, not a whole page
            if text is not None and comment_line(text):
                found.add(block)
    return found


def _reply_button(node: Any, block: Any) -> bool:
    """True for a text node that is the whole text of an inline element of ``block`` reading as a reply
    button: a link or button whose text is "Reply", "Antworten", "Répondre" ... alone.

    >>> item = etree.fromstring("<div><p>Nice piece.</p><a href='#r'>Reply</a></div>")
    >>> _reply_button(TEXT_NODES(item)[1], item), _reply_button(TEXT_NODES(item)[0], item)
    (True, False)
    """
    el = node.getparent()
    if node.is_tail or el is block or el.tag not in REPLY_TAGS:
        return False
    return REPLY_RE.fullmatch(" ".join(TEXT_OF(el).split())) is not None


def comment_line(text: str) -> bool:
    """True for a thread's line that says "comment" on its own (REPLY_RE, a head with a date and a
    time, a user name's head).

    >>> comment_line("v2787 says:"), comment_line("Reply"), comment_line("Cat on May 3, 2018 at 5:23 pm said:")
    (True, True, True)
    >>> comment_line("Jane Smith, 30, said:"), comment_line("2 days ago at 07:52 am"), comment_line("police said:")
    (False, False, False)
    """
    if not THREAD_LINE_RE.fullmatch(text) or not _hint().search(text):
        return False
    if REPLY_RE.fullmatch(text):
        return True
    if DATE_RE.search(text) and CLOCK_RE.search(text):
        return True
    name, _, verb = text.rstrip(" :").rpartition(" ")
    return bool(verb) and _user_name(name)


def _user_name(name: str) -> bool:
    """True for one word a user name writes and a story's speaker does not: a digit or "_" in it
    ("v2787", "joe_t"), MIN_USER_NAME_CHARS long at least ("G20" is a summit's). Not a capital
    inside: "McConnell", "DeSantis", "OpenAI" are a story's speakers.

    >>> _user_name("theprocess12"), _user_name("v2787"), _user_name("G20"), _user_name("McConnell")
    (True, True, False, False)
    """
    return " " not in name and len(name) >= MIN_USER_NAME_CHARS and USER_NAME_MARK_RE.search(name) is not None


def _block_of(node: Any, top: Any) -> Any:
    """The block element (``BLOCK_TAGS``) a text node of XPath's belongs to, up to ``top``; None above it."""
    el = node.getparent()
    if node.is_tail:
        el = el.getparent()
    while el is not None and el.tag not in BLOCK_TAGS:
        if el is top:
            return None
        el = el.getparent()
    return el


def without_threads(
    doc: Any,
    marks: dict[Any, ChromeGroup],
    scores: dict[Any, Score],
    evidence: Sequence[Any],
    generic: Callable[[dict[Any, Score], Any], Any],
) -> tuple[dict[Any, ChromeGroup], dict[Any, Score], Any]:
    """The marks, scores (``scorer.rescue_marks``) and choice (``extract.Choice``) of the page, made by
    ``generic(scores, pick)`` (``extract.generic_choice``) from the scorer's pick; made again with the
    comment threads in the choice marked when it lost the headline (``evidence``: as ``rescue_marks``
    takes it), and kept so only when the scorer still picks something and no chosen container lies
    in a thread (readability-lxml, which the scorer may ask, does not see the marks).

    The choice lost the headline when the scorer's pick holds an <h1> and the chosen container with
    the most prose does not (the pick was a story and its thread, and narrowing went into the thread,
    or into one long comment of it: the branch of the pick that holds a container is read; the story
    may have joined it as a sibling). A choice holding the headline is the story's (a thread in it
    costs precision only, and the text rules' comment-section reads its lines): most pages cost a
    walk to the pick's first <h1>.
    """
    pick = scorer_container(scores)
    choice = generic(scores, pick)
    headline = next(pick.iter("h1"), None) if pick is not None else None
    if headline is None or _holds(choice, headline, scores):
        return marks, scores, choice
    found: dict[Any, ChromeGroup] = {}
    for container in choice.containers:
        branch = child_holding(pick, container) if container is not pick else None
        found.update(thread_marks(container if branch is None else branch, scores))
    if not found:
        return marks, scores, choice
    again, rescored = rescue_marks(doc, {**marks, **found}, evidence)
    pick = scorer_container(rescored)
    rechosen = generic(rescored, pick) if pick is not None else None
    if rechosen is None or any(_inside(container, found) for container in rechosen.containers):
        return marks, scores, choice  # nothing left to score, or readability-lxml (blind to marks) took a thread
    return again, rescored, rechosen


def _inside(el: Any, threads: dict[Any, ChromeGroup]) -> bool:
    """True when ``el`` is or lies in one of ``threads``."""
    return el in threads or any(above in threads for above in el.iterancestors())


def _holds(choice: Any, headline: Any, scores: dict[Any, Score]) -> bool:
    """True when the chosen container with the most prose is or holds ``headline``."""
    main = max(choice.containers, key=lambda el: scores[el].prose if el in scores else 0.0)
    return main is headline or main in headline.iterancestors()


def _threads(el: Any, lines: set[Any], scores: dict[Any, Score]) -> list[Any]:
    """``el`` when it is a thread: MIN_COMMENTS children with text, COMMENT_SHARE of them, hold a
    thread's line and none holds an <h1>; else the threads in its children holding MIN_COMMENTS lines."""
    holding: dict[Any, int] = {}
    for line in lines:
        child = child_holding(el, line)
        if child is not None:
            holding[child] = holding.get(child, 0) + 1
    items = [child for child in el.iterchildren(etree.Element) if child in scores and scores[child].good > 0]
    comments = sum(1 for child in items if child in holding)
    if comments >= max(MIN_COMMENTS, COMMENT_SHARE * len(items)) and next(el.iter("h1"), None) is None:
        return [el]
    found = []
    for child in el.iterchildren(etree.Element):  # in document order: the marks' order is the page's
        if holding.get(child, 0) >= MIN_COMMENTS:
            found += _threads(child, {line for line in lines if child_holding(child, line) is not None}, scores)
    return found
