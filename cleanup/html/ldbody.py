"""The article from the page's JSON-LD ``articleBody`` when the markup does not hold it.

A page built in the browser (a Next.js or Nuxt app, a feed-driven template) may be served
with an empty shell: a menu, a skeleton and a footer, the story only in the JSON-LD that
search engines read. The markup's text is then the footer ("Impressum Datenschutz"), and
the story is lost. When the lines the extractor kept hold less than half of the words of
an ``articleBody`` long enough to be a story, those lines are reported as removed and the
``articleBody`` paragraphs are the article (extractor ``json-ld``). A page that declares
itself not free to read (``isAccessibleForFree: false``) keeps what its markup shows.
"""

from __future__ import annotations

import re

from cleanup.model import Line, Removal

RULE = "json-ld-body"
REASON = "markup text in place of the page's JSON-LD articleBody, which holds the article"
MIN_BODY_WORDS = 50  # a description or teaser is shorter; a story is not
MIN_COVER = 0.5  # of the articleBody's words the kept lines must hold, else the markup missed the story
WORD_RE = re.compile(r"\w+")


def from_json_ld(lines: list[Line], body: str | None) -> tuple[list[Line], list[Removal]] | None:
    """(the articleBody's paragraphs as lines, the kept lines as removals) when the markup missed the
    story, else None.

    >>> story = " ".join(["The council voted to repair the bridge."] * 12)
    >>> kept, removed = from_json_ld([Line(9, "Impressum Datenschutz", "div")], story)
    >>> len(kept), removed[0].text
    (1, 'Impressum Datenschutz')
    >>> from_json_ld([Line(9, story, "p")], story) is None
    True
    """
    if not body:
        return None
    words = set(WORD_RE.findall(body.lower()))
    if len(WORD_RE.findall(body)) < MIN_BODY_WORDS:
        return None
    kept = set(WORD_RE.findall(" ".join(line.text for line in lines).lower()))
    if len(words & kept) >= MIN_COVER * len(words):
        return None
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
    removed = [Removal(RULE, REASON, line.text, line.no, line.end or line.no, node=line.tag) for line in lines]
    return [Line(0, text, "p") for text in paragraphs], removed
