"""DOM rules: site strip/body rules, captions, chrome removal (the marks come from ``chrome``).

Every removal is recorded as a ``Removal`` naming its rule and reason; elements are
removed with ``drop`` so the text after them (their tail) stays.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from lxml import etree

from cleanup import lang
from cleanup.html.captions import unnamed_caption
from cleanup.html.chrome import HIDDEN_GROUP
from cleanup.html.dom import drop, norm, outermost, text_length, text_of
from cleanup.html.removals import removal_of, text_removal
from cleanup.html.scorer import RESCUE_SHARE, Score, beside_a_story
from cleanup.html.siterules import TokenIndex
from cleanup.html.vocab import CAPTION_TAGS, CAPTION_TOKEN_RE, CAPTION_WORD_RE, ChromeGroup
from cleanup.html.xpath import evaluate
from cleanup.lang import classify
from cleanup.model import Removal
from cleanup.rules import CAPTION_ELEMENT
from cleanup.text.sentence import SENTENCE_MARKS

if TYPE_CHECKING:
    from cleanup.html.xpath import PageAttrs
    from cleanup.sites.load import Site

MIN_SITE_BODY_CHARS = 50  # a site body rule matching less text than this is ignored


def _elements(nodes: Any) -> list[Any]:
    """The element results of an XPath (strings and numbers dropped), outermost only."""
    found = [n for n in nodes if isinstance(n, etree._Element)] if isinstance(nodes, list) else []
    inside = set(found)
    return [n for n in found if not any(a in inside for a in n.iterancestors())]


def apply_site_strip(
    doc: Any, site: Site, attrs: PageAttrs | None = None, article: tuple[Any, ...] = ()
) -> list[Removal]:
    """Remove every element matched by the site's ``strip`` rules.

    ``attrs`` (the page's attribute values, ``xpath.PageAttrs``) lets rules that cannot match be skipped. An
    element holding most of the text of ``article`` (the generic extractor's
    choice) is not removed: a rule that would remove the article is wrong for
    this page (a paywall stub in a "snippet" box), and text is never lost to it.
    """
    removed = []
    guard = ArticleGuard(article)
    tokens = TokenIndex(doc)
    for rule in site.strip:
        if rule.token is not None and rule.xpath.may_match(attrs):
            found = tokens.find(rule.token)
        elif rule.xpath.simple is not None and rule.xpath.may_match(attrs):
            found = tokens.select(rule.xpath.simple)
        else:
            found = evaluate(rule.xpath, doc, attrs)
        for el in _elements(found):
            if el.tag not in ("body", "html") and within(el, doc) and not guard.holds_most(el):
                if (record := text_removal(el, rule.id, rule.why)) is not None:  # none for an empty slot
                    removed.append(record)
                drop(el)
    return removed


def within(el: Any, root: Any) -> bool:
    """True when ``el`` is still under ``root``: not removed, nor inside something removed.

    A rule's matches may lie inside what an earlier rule removed (``strip_id_or_class:
    comments``, then ``comment-form``): removing them again would report their text twice.
    """
    return any(ancestor is root for ancestor in el.iterancestors())


class ArticleGuard:
    """Tells whether an element holds most of the text of the article containers."""

    def __init__(self, article: tuple[Any, ...]) -> None:
        self.article = article
        self.chars: dict[Any, int] = {}
        self.total = 0

    def holds_most(self, el: Any) -> bool:
        """True when removing ``el`` would remove at least half of the article's text.

        An element neither holding nor inside an article container removes none of it: the
        containers are measured only at the first match that is (most pages have none).
        """
        holding = [root for root in self.article if root is el or el in root.iterancestors()]
        inside_of = [root for root in self.article if root not in holding and root in el.iterancestors()]
        if not (holding or inside_of):
            return False
        if not self.chars:
            self.chars = {root: text_length(root) for root in self.article}
            self.total = sum(self.chars.values())
        if not self.total:
            return False
        inside = sum(self.chars[root] for root in holding) + len(inside_of) * text_length(el)
        return 2 * inside >= self.total


def site_body(doc: Any, site: Site, attrs: PageAttrs | None = None) -> tuple[tuple[Any, ...], int]:
    """Containers matched by the first site ``body`` rule that finds real text, and their characters
    of text (``text_length``: measured once, for the plausibility check too)."""
    for rule in site.body:
        found = _elements(evaluate(rule.xpath, doc, attrs))
        chars = sum(map(text_length, found))
        if chars >= MIN_SITE_BODY_CHARS:
            return tuple(found), chars
    return (), 0


def outside_removals(containers: tuple[Any, ...]) -> list[Removal]:
    """One record per page region left out because it lies outside the article containers."""
    keep = set(containers)
    for el in containers:
        keep.update(el.iterancestors())
    removed = []
    for el in containers:
        for ancestor in (el, *el.iterancestors()):
            parent = ancestor.getparent()
            if parent is None or ancestor.tag == "body":
                break
            for sibling in parent.iterchildren(etree.Element):
                if sibling not in keep:
                    keep.add(sibling)
                    removal = text_removal(sibling, "outside-article", "outside the article container")
                    if removal is not None:
                        removed.append(removal)
    return removed


def _is_caption(el: Any) -> bool:
    """True for <figcaption> and elements whose class/id names a caption or photo credit.

    Any token containing "caption" counts (``newsCaption``, ``wp-caption-text``): the word
    is not used for anything else in page markup.
    """
    return el.tag in CAPTION_TAGS or _names_caption(el.get("id"), el.get("class")) or unnamed_caption(el)


@functools.lru_cache(maxsize=4096)
def _names_caption(ident: str | None, classes: str | None) -> bool:
    names = f"{ident or ''} {classes or ''}".lower()
    if CAPTION_WORD_RE.search(names) is None:
        return False  # no caption word ("caption" among them) in any token: most names, at once
    return any("caption" in t or CAPTION_TOKEN_RE.fullmatch(t) for t in names.split())


# A caption element holding more text than this holds the article: an unclosed tag in its caption
# ("<span class=attribution>(<p>...") put every paragraph after it inside. The longest caption of
# the 342 dev pages has 651 characters; a caption-named element inside it may still be one.
MAX_CAPTION_CHARS = 1200


# Language-pack groups whose phrases inside a caption are widget labels, not the caption:
# "Image 1 of 23", "Caption Close", "Enlarge image", "Advertisement", a "Close" button.
CAPTION_CHROME_GROUPS = ("gallery", "ad-label", "cta-label")


def caption_text(el: Any, rules_dirs: tuple[str, ...] = ()) -> str:
    """A caption's text without the gallery counters, toggles and ad labels inside it.

    ``rules_dirs``: the language packs there add phrases.

    >>> caption_text(etree.fromstring(
    ...     "<figcaption><span>Image 1 of 23</span> The pier at dusk. <button>Caption Close</button></figcaption>"))
    'The pier at dusk.'
    >>> caption_text(etree.fromstring("<div class='caption'>Advertisement</div>"))
    ''
    >>> caption_text(etree.fromstring("<div class='caption'>Close to 300 people came. <a>Close</a></div>"))
    'Close to 300 people came.'
    >>> caption_text(etree.fromstring("<figcaption>The pier.<span>Credit</span><span>Jo Roe</span></figcaption>"))
    'The pier. Credit Jo Roe'

    A counter written across elements ("<span>Image </span><span>1</span> of <span>23</span>") is
    read whole, as the element holding it:

    >>> caption_text(etree.fromstring(
    ...     "<div class='caption'><div><span>Image </span><b>1</b><span> of </span><b>23</b></div>"
    ...     "<div>The pier at dusk.</div></div>"))
    'The pier at dusk.'
    """
    chrome = functools.partial(classify, only=CAPTION_CHROME_GROUPS, rules_dirs=rules_dirs)
    pieces = [t for t in _caption_texts(el, chrome) if chrome(norm(t)) is None]
    # A credit label in an element of its own ("<span>Credit</span><span>Jo Roe</span>") is a word apart.
    return norm("".join(f" {t} " if bare_credit_label(t, rules_dirs) else t for t in pieces))


def _caption_texts(el: Any, chrome: Any) -> Iterator[str]:
    """``el.itertext()`` without the text of a descendant that holds elements and whose whole text
    is caption chrome (``chrome`` of it is not None); its tail is still read. A stack, not recursion:
    markup can nest deeper than Python's recursion limit."""
    stack: list[tuple[Any, bool]] = [(el, False)]
    while stack:
        node, tail = stack.pop()
        text = node.tail if tail else node.text if isinstance(node.tag, str) else None
        if text:
            yield text
        if tail:
            continue
        for child in reversed(node):
            stack.append((child, True))
            if isinstance(child.tag, str) and not (len(child) and chrome(norm("".join(child.itertext())))):
                stack.append((child, False))


def _enclosing_article(el: Any) -> Any:
    """The nearest <article> element holding ``el`` (``el`` itself included), else ``el``."""
    return next((a for a in (el, *el.iterancestors()) if a.tag == "article"), el)


def _in_chrome(el: Any, marks: dict[Any, ChromeGroup]) -> bool:
    """True when ``el`` or one of its ancestors is marked as chrome."""
    return any(a in marks for a in (el, *el.iterancestors()))


def take_captions(
    containers: tuple[Any, ...], marks: dict[Any, ChromeGroup], rules_dirs: tuple[str, ...] = ()
) -> tuple[list[str], list[Removal]]:
    """Move caption and credit text out of the article (into HtmlPage.captions).

    <figcaption>s are looked for in the <article> enclosing each container too: a lead
    figure often sits beside the body container (fixtures/quarrytown-amp-article). Out
    there only <figcaption> counts, not under chrome marks (a teaser list's photos), and
    not by class name: ``content-header__caption-style--default`` names a Wired headline
    block in the benchmark.
    """
    inside = set(containers)
    scopes = outermost(list(dict.fromkeys(_enclosing_article(root) for root in containers)))
    found = [el for scope in scopes for el in scope.iter(etree.Element) if el not in inside and _is_caption(el)]
    found = [
        el
        for el in found
        if (any(a in inside for a in el.iterancestors()) or (el.tag in CAPTION_TAGS and not _in_chrome(el, marks)))
        and text_length(el) <= MAX_CAPTION_CHARS
    ]
    captions, removed = [], []
    for el in outermost(found):
        text = caption_text(el, rules_dirs)
        if text:
            if not bare_credit_label(text, rules_dirs):
                captions.append(text)
            removed.append(removal_of(el, CAPTION_ELEMENT, "image caption or photo credit"))
        drop(el)
    return captions, removed


CREDIT_TRIM = " :.-–—…|"  # around a bare credit label


def bare_credit_label(text: str, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for a credit's lead word with no credit after it (a pack's ``credit-lead``): no caption.

    >>> bare_credit_label("Credit"), bare_credit_label("Foto:"), bare_credit_label("Fot."), bare_credit_label("By Jo")
    (True, True, True, False)
    """
    return text.strip(CREDIT_TRIM).casefold() in _credit_leads(rules_dirs)


@functools.lru_cache(maxsize=64)
def _credit_leads(rules_dirs: tuple[str, ...]) -> frozenset[str]:
    words = lang.words("credit-lead", None, rules_dirs)  # trimmed alike: the Polish pack writes "Fot."
    return frozenset(w.strip(CREDIT_TRIM).casefold() for w in words)


# Inline elements: a link or a span of a few words inside a paragraph's sentence.
INLINE_TAGS = frozenset({"a", "span", "em", "strong", "b", "i", "u", "abbr", "cite", "mark", "q", "font"})
# Words right before an inline element and right after it: it is part of the sentence. Before it, a
# sentence may end and a quotation open: 'extraordinary. "<a>Bartleby," said I</a>'.
WORD_BEFORE_RE = re.compile(r"[^\W_](?:[,;–—]|--?|[.!?]\s*[\"“‘«(])?\s*$")
WORD_AFTER_RE = re.compile(r"^\s*[^\W_,.;:!?)’”»]|^[,.;:!?)’”»–—-]")
# A sentence that opens with the element goes on in lower case: "<a>I</a> am a rather elderly man".
LOWER_AFTER_RE = re.compile(r"^\s+[^\W\d_]")
OPENING_QUOTES = frozenset({'"', "“", "‘", "«", "„", "'"})
# One that closes with it: "... were <a>conjoined.</a></p>".
LAST_WORDS_RE = re.compile(r"[^\W_][,;]?\s+$")
# An annotated paragraph: its own text beside the element (a sentence's words around a note).
PROSE_TAGS = frozenset({"p", "blockquote"})
MIN_PROSE_AROUND = 100
SENTENCE_END_RE = re.compile(rf"[^\W_][{SENTENCE_MARKS}][\"”’)]?\s*$")


def in_sentence(el: Any, rules_dirs: tuple[str, ...] = ()) -> bool:
    """True for an inline element among the words of its paragraph: words right before it and text right
    after it, or it opens a sentence that goes on in lower case (or a quotation), or closes one, or its
    paragraph holds prose of its own beside it (a noted sentence in an annotated story).

    Its class may name chrome ("popup" for a note that opens on click), but taking
    it out would cut words out of a sentence: "I am a rather elderly man" would
    read "I am a man". Hidden elements are never spared (screen-reader labels),
    nor a chrome phrase of a language pack ("Before <span class=share>Share</span>
    after"). A share link stands among other links or after a label ("Share: "),
    not between words.
    """
    if el.tag not in INLINE_TAGS:
        return False
    previous = el.getprevious()
    before = (previous.tail if previous is not None else el.getparent().text) or ""
    after = el.tail or ""
    between = _mid_sentence(before, after) or _opens_sentence(el, before, after) or _closes_sentence(el, before, after)
    if not (between or _inside_prose(el)):
        return False
    return classify(norm(text_of(el)), rules_dirs=rules_dirs) is None


def _inside_prose(el: Any) -> bool:
    """A paragraph's words: its paragraph holds at least MIN_PROSE_AROUND characters of its own beside it."""
    parent = el.getparent()
    if parent is None or parent.tag not in PROSE_TAGS:
        return False
    return text_length(parent) - text_length(el) >= MIN_PROSE_AROUND


def _mid_sentence(before: str, after: str) -> bool:
    return WORD_BEFORE_RE.search(before) is not None and WORD_AFTER_RE.match(after) is not None


def _opens_sentence(el: Any, before: str, after: str) -> bool:
    """The paragraph's first words, its sentence going on in lower case after it; or a quotation's first
    words, the sentence going on after it ('"<a>I know you</a>," he said')."""
    if el.getprevious() is not None:
        return False
    if before.strip() in OPENING_QUOTES:
        return WORD_AFTER_RE.match(after) is not None
    found = LOWER_AFTER_RE.match(after)
    return not before.strip() and found is not None and found.group()[-1].islower()


def _closes_sentence(el: Any, before: str, after: str) -> bool:
    """The paragraph's last words, after a word, ending a sentence."""
    if after.strip() or el.getnext() is not None or LAST_WORDS_RE.search(before) is None:
        return False
    return SENTENCE_END_RE.search(text_of(el)) is not None


def strip_chrome(
    containers: tuple[Any, ...],
    marks: dict[Any, ChromeGroup],
    scores: dict[Any, Score],
    rules_dirs: tuple[str, ...] = (),
) -> list[Removal]:
    """Remove marked chrome inside the containers, except weak marks holding most of the text.

    ``rules_dirs``: their language packs say which inline marks are chrome phrases (``in_sentence``).
    """
    removed = []
    for root in containers:
        found = [el for el in root.iter(etree.Element) if el is not root and el in marks]
        floor = RESCUE_SHARE * scores[root].good if root in scores else 0.0
        spared = {
            el
            for el in found
            if not marks[el].strong
            and el in scores
            and scores[el].good >= floor > 0
            and not beside_a_story(marks[el], scores[root].good - scores[el].good)
        }
        for el in outermost([el for el in found if el not in spared]):
            group = marks[el]
            if group is not HIDDEN_GROUP and in_sentence(el, rules_dirs):
                continue
            if (record := text_removal(el, group.rule, group.reason)) is not None:
                removed.append(record)
            drop(el)
    return removed
