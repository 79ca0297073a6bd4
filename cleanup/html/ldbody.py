"""The article from the page's JSON-LD ``articleBody`` when the markup does not hold it.

A page built in the browser (a Next.js or Nuxt app, a feed-driven template) may be served
with an empty shell: a menu, a skeleton and a footer, the story only in the JSON-LD that
search engines read. The markup's text is then the footer ("Impressum Datenschutz"), and
the story is lost. When the lines the extractor kept hold less than half of the words of
an ``articleBody`` long enough to be a story, those lines are reported as removed and the
``articleBody`` paragraphs are the article (extractor ``json-ld``), markup in it taken out.
The JSON-LD article must be the page's (its headline shares half its words with the page's
titles: ``meta._same_story``), and a page that declares itself not free to read
(``isAccessibleForFree: false``) keeps what its markup shows.
"""

from __future__ import annotations

import html
import re

from cleanup.model import Line, Removal

RULE = "json-ld-body"
REASON = "markup text in place of the page's JSON-LD articleBody, which holds the article"
MIN_BODY_WORDS = 50  # a description or teaser is shorter; a story is not
MIN_COVER = 0.5  # of the articleBody's words the kept lines must hold, else the markup missed the story
WORD_RE = re.compile(r"\w+")
TAG_RE = re.compile(r"<[^<>]*>")
BLOCK_END_RE = re.compile(r"</(?:p|div|h[1-6]|li|blockquote|figure)\s*>|<br\s*/?>", re.I)


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
    body = _plain(body)
    words = set(WORD_RE.findall(body.lower()))
    if len(WORD_RE.findall(body)) < MIN_BODY_WORDS:
        return None
    kept = set(WORD_RE.findall(" ".join(line.text for line in lines).lower()))
    if len(words & kept) >= MIN_COVER * len(words):
        return None
    paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", _plain(body)) if p.strip()]
    removed = [Removal(RULE, REASON, line.text, line.no, line.end or line.no, node=line.tag) for line in lines]
    return [Line(0, text, "p") for text in paragraphs], removed


def _plain(body: str) -> str:
    """The articleBody as text: some sites put HTML in it ("<p>…</p>", "&lt;p&gt;"); tags go, blocks end lines.

    >>> _plain("<p>One &amp; two.</p><p>Three.</p>").splitlines(), _plain("&lt;p&gt;Four.&lt;/p&gt;").strip()
    ([' One & two.', ' Three.'], 'Four.')
    """
    text = html.unescape(body) if "&lt;" in body else body  # markup written as entities
    if "<" in text:
        text = TAG_RE.sub(" ", BLOCK_END_RE.sub("\n", text))
    return html.unescape(text) if "&" in text else text
