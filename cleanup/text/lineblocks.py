"""Lines of a dump that make one unit: the parts of a sentence a dump broke at inline elements.

BeautifulSoup's ``get_text("\\n")``, the most common way to dump a page, puts every inline
element of a paragraph on a line of its own: "We had used", "pg_upgrade", ", which does not
carry over planner statistics." Scored line by line, such a paragraph is a run of fragments
priced as a menu, and the article finder cut the story there. The lines of one block (no
blank line between them) are joined into the sentences they break.
"""

from __future__ import annotations

import re

from cleanup.text.sentence import SENTENCE_MARKS

# A line ending a sentence (or a quote, a bracket, a list item's colon).
SENTENCE_END_RE = re.compile(rf"[{SENTENCE_MARKS}:;\"”’)\]]$")
MAX_WRAPPED_LINE = 100  # characters; wrapped text is usually cut at 60-80
MIN_WRAPPED_LINE = 40  # shorter lines are a single-spaced menu or list, not a wrapped paragraph
WRAP_SPREAD = 24  # the inner lines of a wrapped paragraph end within a long word of the width
# A broken sentence's last part ends it: not a label's colon ("12 Comments", "rivertownrider says:").
RUN_END_RE = re.compile(rf"[{SENTENCE_MARKS}\"”’»)\]]$")
BULLET_RE = re.compile(r"(?:[*•·+-]|\d{1,3}[.)])\s")  # a list item's mark
# A line that goes on with the sentence of the line before it opens with one of these, or a
# lower-case letter.
CONTINUATION_PUNCT = frozenset(".,;:!?)]»%")  # not ” or ’: Swedish opens a quote with ”
MIN_JOINED_CHARS = 24  # short lower-case lines ("home", "news", "sport") are a menu's items
MAX_LABEL_CHARS = 80  # an inline element's text between two parts of a sentence ("Profile settings")


def wrapped_paragraph(lines: list[str]) -> bool:
    """True for the lines of one paragraph hard-wrapped at a width (lynx, w3m, html2text).

    Every line but the last runs to the wrap width (within WRAP_SPREAD characters of each other),
    half of them or more end mid-sentence, and none after the first opens a list item. A page
    whose blocks are mostly such is wrapped as a whole (``units.is_wrapped``); this looks at one
    block of a page that is not.

    >>> wrapped_paragraph(["Zarząd Transportu Publicznego w Krakowie rozpoczął w sobotę wymianę",
    ...                    "torowiska na odcinku od placu Matejki do ronda Mogilskiego. Prace", "potrwają."])
    True
    >>> wrapped_paragraph(["Polecamy", "* Kraków. Nowe przejście podziemne pod rondem Mogilskim. Kiedy"])
    False
    """
    if len(lines) < 2 or any(BULLET_RE.match(line) for line in lines[1:]):
        return False
    inner = [len(line) for line in lines[:-1]]
    if not all(MIN_WRAPPED_LINE <= n <= MAX_WRAPPED_LINE for n in inner) or max(inner) - min(inner) > WRAP_SPREAD:
        return False  # a list of headlines runs to no common width
    return 2 * sum(not SENTENCE_END_RE.search(line) for line in lines[:-1]) >= len(inner)


def goes_on(line: str) -> bool:
    """True for a line that continues the sentence before it: ", which ...", "tab and click", ".".

    A first word with a capital inside is a name that opens a sentence: "eBay and Amazon bid ...".

    >>> goes_on("tab and click"), goes_on(", which"), goes_on("eBay and Amazon both bid"), goes_on("iPhone")
    (True, True, False, False)
    """
    if not line:
        return False
    if line[:1] in CONTINUATION_PUNCT:
        return True
    first = line.split(" ", 1)[0]
    return line[:1].islower() and first[1:] == first[1:].lower()


def sentence_runs(window: list[str], block: list[int]) -> list[list[int]]:
    """``block``'s lines (indexes into ``window``) grouped into the sentences a dump broke apart.

    A line joins the one before when it goes on with its sentence (``goes_on``), and so does a
    short line (an inline element's text) between a line with no sentence end and one that
    goes on. Short lower-case lines that add up to fewer than MIN_JOINED_CHARS stay apart, and
    so do the lines of a run that does not end like a sentence.

    >>> sentence_runs(["Click the avatar and select", "Profile settings", "."], [0, 1, 2])
    [[0, 1, 2]]
    >>> sentence_runs(["Open the", "Security", "tab and click", "Enable it", "."], [0, 1, 2, 3, 4])
    [[0, 1, 2, 3, 4]]
    >>> sentence_runs(["37 kommentarer", "Cykelpendlaren", "för 2 timmar sedan"], [0, 1, 2])
    [[0], [1], [2]]
    >>> sentence_runs(["12 Comments", "rivertownrider says:"], [0, 1])
    [[0], [1]]
    >>> sentence_runs(["home", "news", "sport"], [0, 1, 2]), sentence_runs(["Home", "News"], [0, 1])
    ([[0], [1], [2]], [[0], [1]])
    """
    if wrapped_paragraph([window[i] for i in block]):
        return [block]
    runs: list[list[int]] = []
    size = 0  # characters of the current run
    for n, i in enumerate(block):
        line, prev = window[i], window[block[n - 1]] if n else ""
        nxt = window[block[n + 1]] if n + 1 < len(block) else ""
        if prev and _joins(line, prev, nxt, size):
            runs[-1].append(i)
            size += len(line)
        else:
            runs.append([i])
            size = len(line)
    # A broken sentence ends like one; a comment's header ("37 kommentarer", a name, "för 2 timmar
    # sedan") or a menu does not, and its lines stay apart.
    return [part for run in runs for part in ([run] if RUN_END_RE.search(window[run[-1]]) else [[i] for i in run])]


def _joins(line: str, prev: str, nxt: str, size: int) -> bool:
    """True when ``line`` belongs to the sentence of the run before it (``size`` characters so far)."""
    if BULLET_RE.match(line):
        return False  # a list item of its own
    if goes_on(line):
        return line[:1] in CONTINUATION_PUNCT or size + len(line) >= MIN_JOINED_CHARS
    label = not SENTENCE_END_RE.search(prev) and len(line) <= MAX_LABEL_CHARS and goes_on(nxt)
    return label and (nxt[:1] in CONTINUATION_PUNCT or size + len(line) + len(nxt) >= MIN_JOINED_CHARS)
