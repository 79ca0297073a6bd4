"""HTML mode: parse with lxml, strip chrome, find the article container, emit Lines.

Stages, in order: ``parse_html`` (depth-safe parse), ``read_metadata``,
``drop_invisible``, site ``strip`` rules, ``choose_containers`` (site ``body``
rules, else our scorer, else readability-lxml, else the whole body),
``strip_chrome`` and ``take_captions`` inside the chosen containers, then
``lines_of`` turns blocks into ``Line`` values in reading order.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

import lxml.html
from lxml import etree

from .model import ExtractionError, Line, Removal
from .vocab import (
    BLOCK_TAGS,
    CAPTION_TAGS,
    CAPTION_TOKEN_RE,
    CHROME_TOKEN_RE,
    GROUP_BY_COMPONENT,
    GROUP_BY_KEY,
    GROUP_BY_ROLE,
    GROUP_BY_TAG,
    HIDDEN_STYLE_RE,
    INVISIBLE_TAGS,
    KEEP_TOKEN_PARTS,
    REPORTED_TAGS,
    TOKEN_SPLIT_RE,
    ChromeGroup,
)

if TYPE_CHECKING:
    from .sites import Site

# libxml2 stops building the tree at this depth even with huge_tree (XML_PARSE_HUGE) and
# silently drops everything after it; measured with lxml 6.1 / libxml2 2.14 (tests/test_html.py).
PARSER_MAX_DEPTH = 2048
# Tags nested deeper than this are unwrapped (text kept) before a re-parse; well under the limit
# above because implied end tags (<p>, <li>) make our tag count overestimate real depth.
FLATTEN_DEPTH = 1000
# Void elements have no end tag and do not add depth.
VOID_TAGS = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                       "param", "source", "track", "wbr"})
TAG_RE = re.compile(r"<(/?)([a-zA-Z][^\s/>]*)[^>]*?(/?)>")
# camelCase boundary inside a class/id token ("shareButtons" reads as "share-buttons").
CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")
XML_DECL_RE = re.compile(r"^\s*<\?xml[^>]*>")
# Control characters lxml refuses in str input ("All strings must be XML compatible").
CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

# Scorer weights (units: characters of text). Calibrated as a set on the even-indexed pages of
# the ScrapingHub benchmark and checked on the odd ones; do not tune one in isolation.
MAX_LINK_SHARE = 0.5  # link chars / all chars above which a block counts as navigation
LINK_PENALTY = 0.35  # weight per char of a link-heavy block (negative)
LIST_ITEM_FACTOR = 0.5  # prose in list items counts half: teaser lists are lists, stories are <p>
MIN_BLOCK_CHARS = 25  # non-link chars below which a block is a label, not prose
SHORT_BLOCK_WEIGHT = -3.0  # weight of one short label block
MIN_ARTICLE_WEIGHT = 250.0  # scorer weight below which we ask readability-lxml instead
RESCUE_SHARE = 0.5  # weak-chrome subtree holding this share of text is the article, not chrome
DESCEND_SHARE = 0.7  # a child holding this share of the container's prose replaces it
UNSURE_SHARE = 0.5  # ...a child holding 50-70% of it makes the scorer ask readability-lxml
SIBLING_PURITY = 0.8  # sibling's net weight / its prose weight: teaser lists fall below
SIBLING_SHARE = 0.2
SIBLING_MIN_PROSE = 150.0  # ...or this much clean prose: about two sentences (readability uses 80)
MIN_SITE_BODY_CHARS = 50  # a site body rule matching less text than this is ignored
MAX_LINE_LINK_SHARE = 0.8  # link chars / all chars of a line above which it is a link, not prose
MIN_PROSE_LINE_CHARS = 80  # an h1 after a line this long is a section heading, not the headline
REMOVAL_TEXT_CHARS = 200  # Removal.text keeps this many characters

ARTICLE_TYPES = frozenset({"article", "newsarticle", "blogposting", "reportagenewsarticle",
                           "analysisnewsarticle", "opinionnewsarticle", "webpage", "report",
                           "scholarlyarticle", "techarticle", "liveblogposting", "review"})
MAX_SITE_NAME_WORDS = 3  # a last title part this short ("9to5Mac", "BBC News") is the site name
TITLE_SPLIT_RE = re.compile(r"\s+[|–—·•]\s+|\s+[-:]{1,2}\s+")


@dataclass(frozen=True)
class HtmlPage:
    """The article of one HTML page: lines in reading order, removals and metadata."""

    lines: tuple[Line, ...]
    removed: tuple[Removal, ...]
    captions: tuple[str, ...]
    extractor: str
    title: str | None = None
    byline: str | None = None
    date: str | None = None
    canonical_url: str | None = None
    site_name: str | None = None


@dataclass(frozen=True)
class Meta:
    """Page metadata found before any removal."""

    title: str | None
    byline: str | None
    date: str | None
    canonical_url: str | None
    site_name: str | None
    body_hint: str | None  # JSON-LD articleBody


@dataclass(frozen=True)
class Choice:
    """The article containers and the path that found them."""

    containers: tuple[Any, ...]
    extractor: str


def extract_html(markup: str, *, site: Site | None = None, url: str | None = None) -> HtmlPage:
    """Article lines, removals, captions and metadata of one decoded HTML page."""
    doc = parse_html(markup)
    meta = read_metadata(doc, url)
    drop_invisible(doc)
    removed = apply_site_strip(doc, site) if site else []
    marks, scores = rescue_marks(doc, find_marks(doc))
    choice = choose_containers(doc, site, marks, scores)
    removed += outside_removals(choice.containers)
    captions, caption_removed = take_captions(choice.containers)
    removed += caption_removed + strip_chrome(choice.containers, marks, scores)
    lines = [line for root in choice.containers for line in lines_of(root)]
    lines, headline_removed = drop_headline(lines, meta.title)
    lines, link_removed = drop_link_lines(lines)
    headline_removed += link_removed
    return HtmlPage(
        lines=tuple(lines),
        removed=tuple(sorted(removed + headline_removed, key=lambda r: r.line or 0)),
        captions=tuple(captions),
        extractor=choice.extractor,
        title=meta.title,
        byline=meta.byline,
        date=meta.date,
        canonical_url=meta.canonical_url,
        site_name=meta.site_name,
    )


# --- parsing ---------------------------------------------------------------------------------


def parse_html(markup: str) -> Any:
    """Parse with lxml, re-parsing flattened markup if libxml2 hit its depth limit."""
    markup = CONTROL_RE.sub("", XML_DECL_RE.sub("", markup, count=1))
    if not markup.strip():
        raise ExtractionError("empty document")
    doc, truncated = _parse(markup)
    if truncated:
        doc, truncated = _parse(flatten_deep_nesting(markup))
    if truncated:
        raise ExtractionError(f"markup nested deeper than {PARSER_MAX_DEPTH} levels")
    return doc


def _parse(markup: str) -> tuple[Any, bool]:
    """Document element and whether libxml2 reported a resource limit (silent truncation).

    Plain ``lxml.etree`` elements, not ``lxml.html`` ones: the html element-class lookup
    runs Python code for every element touched and cost a tenth of our time.
    """
    parser = etree.HTMLParser(huge_tree=True, remove_comments=True, remove_pis=True)
    try:
        doc = etree.fromstring(markup, parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise ExtractionError(f"cannot parse HTML: {exc}") from None
    if doc is None:
        raise ExtractionError("no HTML elements in the document")
    truncated = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    return doc, truncated


def flatten_deep_nesting(markup: str) -> str:
    """Unwrap tags nested deeper than FLATTEN_DEPTH (their text stays), so nothing is dropped."""
    depth = 0

    def unwrap(m: re.Match[str]) -> str:
        nonlocal depth
        closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(3)
        if name in VOID_TAGS or selfclose:
            return m.group(0)
        level = depth if closing else depth + 1
        depth = max(0, depth - 1) if closing else depth + 1
        if level <= FLATTEN_DEPTH:
            return m.group(0)
        return "<br>" if name in BLOCK_TAGS else ""

    return TAG_RE.sub(unwrap, markup)


def text_of(el: Any) -> str:
    """All text inside ``el`` (lxml.html's text_content for plain etree elements)."""
    return "".join(el.itertext())


def drop(el: Any) -> None:
    """Remove ``el`` with its subtree but keep its tail text (lxml.html's drop_tree)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        previous = el.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def drop_invisible(doc: Any) -> None:
    """Remove script, style and other elements that hold no visible text (tails kept)."""
    etree.strip_elements(doc, *INVISIBLE_TAGS, with_tail=False)


# --- metadata --------------------------------------------------------------------------------


def _norm(text: str | None) -> str:
    """Whitespace collapsed to single spaces."""
    return " ".join(text.split()) if text else ""


def _meta(doc: Any, *names: str) -> str | None:
    """First non-empty <meta> content whose property, name or itemprop is one of ``names``."""
    for el in doc.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").lower()
        if key in names and _norm(el.get("content")):
            return _norm(el.get("content"))
    return None


def _json_ld(doc: Any) -> dict[str, Any]:
    """The first JSON-LD object whose @type is an article kind (empty dict if none)."""
    for script in doc.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            stack = [json.loads(script.text)]
        except (ValueError, RecursionError):  # bad JSON, or nested past the json module's limit
            continue
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(reversed(item))
            elif isinstance(item, dict):
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(isinstance(k, str) and k.lower() in ARTICLE_TYPES for k in kinds):
                    return item
                stack.extend(v for v in item.values() if isinstance(v, list | dict))
    return {}


def _ld_text(value: Any) -> str | None:
    """A JSON-LD value as text (names of authors/publishers joined by ', ')."""
    if isinstance(value, str):
        return _norm(value) or None
    if isinstance(value, dict):
        return _ld_text(value.get("name"))
    if isinstance(value, list):
        names = [n for n in (_ld_text(v) for v in value if not isinstance(v, list)) if n]
        return ", ".join(names) or None
    return None


def clean_title(title: str | None, site_name: str | None) -> str | None:
    """A title without its ' | Site Name' part (named by og:site_name, or short and last).

    >>> clean_title("Bridge to close | Example News", None)
    'Bridge to close'
    >>> clean_title("Trump - the early years of a long career", None)
    'Trump - the early years of a long career'
    """
    title = _norm(title)
    if not title:
        return None
    parts = TITLE_SPLIT_RE.split(title)
    if len(parts) < 2:
        return title
    site = (site_name or "").casefold()
    if site and site in parts[0].casefold() and len(parts[0]) < len(title) / 2:
        return title[len(parts[0]):].lstrip(" |-–—:·•")
    last = parts[-1]
    if (site and site in last.casefold()) or len(last.split()) <= MAX_SITE_NAME_WORDS:
        return title[: title.rindex(last)].rstrip(" |-–—:·•") or title
    return title


def _headline(doc: Any, candidates: list[str]) -> str | None:
    """The h1 text matching a metadata title, else the first metadata title, else the first h1."""
    h1s = [t for t in (_norm(text_of(h)) for h in doc.iter("h1")) if t]
    for h1 in h1s:
        if any(h1.casefold() in c.casefold() or c.casefold() in h1.casefold() for c in candidates):
            return h1
    return candidates[0] if candidates else (h1s[0] if h1s else None)


def _byline(doc: Any, ld: dict[str, Any]) -> str | None:
    """Author names from meta, JSON-LD or rel/itemprop=author markup."""
    found = _meta(doc, "author", "article:author", "dc.creator", "byl", "parsely-author")
    if found and not found.startswith("http"):
        return found
    found = _ld_text(ld.get("author"))
    if found:
        return found
    for el in doc.xpath("//*[@rel='author' or @itemprop='author']"):
        text = _norm(text_of(el))
        if text:
            return text
    return None


def _date(doc: Any, ld: dict[str, Any]) -> str | None:
    """Publication date from meta, JSON-LD or the first <time datetime>."""
    found = _meta(doc, "article:published_time", "datepublished", "og:published_time",
                  "pubdate", "publishdate", "date", "dc.date", "dc.date.issued", "sailthru.date")
    if found or isinstance(ld.get("datePublished"), str):
        return found or _norm(ld["datePublished"])
    for el in doc.xpath("//*[@itemprop='datePublished'][@datetime or @content] | //time[@datetime]"):
        return _norm(el.get("datetime") or el.get("content")) or None
    return None


def read_metadata(doc: Any, url: str | None = None) -> Meta:
    """Title, byline, date, canonical URL, site name and JSON-LD articleBody of a page."""
    ld = _json_ld(doc)
    site_name = _meta(doc, "og:site_name", "application-name") or _ld_text(ld.get("publisher"))
    title_el = doc.find(".//title")
    titles = [t for t in (clean_title(_meta(doc, "og:title", "twitter:title"), site_name),
                          _ld_text(ld.get("headline")),
                          clean_title(text_of(title_el) if title_el is not None else None,
                                      site_name)) if t]
    canonical = next((_norm(el.get("href")) for el in doc.iter("link")
                      if (el.get("rel") or "").lower() == "canonical" and el.get("href")), None)
    body = ld.get("articleBody")
    return Meta(
        title=_headline(doc, titles),
        byline=_byline(doc, ld),
        date=_date(doc, ld),
        canonical_url=canonical or _meta(doc, "og:url") or url,
        site_name=site_name,
        body_hint=_norm(body) if isinstance(body, str) else None,
    )


# --- chrome vocabulary -----------------------------------------------------------------------


def describe(el: Any) -> str:
    """Compact label such as ``div#related.box.wide`` (readability's debug.describe)."""
    label = el.tag if isinstance(el.tag, str) else "node"
    if el.get("id"):
        label += "#" + el.get("id").strip().split()[0] if el.get("id").strip() else ""
    classes = (el.get("class") or "").split()[:2]
    return label + "".join("." + c for c in classes)


def _removal(el: Any, rule: str, reason: str) -> Removal:
    """A Removal record for an element about to be removed."""
    text = _norm(" ".join(_first_text(el, REMOVAL_TEXT_CHARS)))[:REMOVAL_TEXT_CHARS]
    return Removal(rule=rule, reason=reason, text=text, line=el.sourceline, node=describe(el))


def _first_text(el: Any, limit: int) -> Iterator[str]:
    """Text pieces of ``el`` until about ``limit`` characters."""
    seen = 0
    for piece in el.itertext():
        yield piece
        seen += len(piece)
        if seen > limit:
            return


def _token_group(tokens: str, memo: dict[str, ChromeGroup | None]) -> ChromeGroup | None:
    """The chrome group named by any whitespace token of a class/id value."""
    for token in tokens.split():
        if token not in memo:
            plain = token if token.islower() else CAMEL_RE.sub(r"\1-\2", token).lower()
            m = CHROME_TOKEN_RE.fullmatch(plain)
            memo[token] = GROUP_BY_KEY[m.lastgroup] if m and m.lastgroup else next(
                (GROUP_BY_COMPONENT[c] for c in TOKEN_SPLIT_RE.split(plain) if c in GROUP_BY_COMPONENT),
                None)
        if memo[token] is not None:
            return memo[token]
    return None


# Elements that can carry a chrome mark; selecting them in C skips most of the tree.
MARK_CANDIDATES_XPATH = etree.XPath(
    "descendant-or-self::*[@class or @id or @role or @hidden or @aria-hidden or @style or "
    + " or ".join(f"self::{tag}" for tag in sorted(GROUP_BY_TAG)) + "]"
)


def _mark_of(el: Any, memo: dict[str, ChromeGroup | None]) -> ChromeGroup | None:
    """The chrome group an element belongs to by tag, role, hidden state, id or class."""
    names = f"{el.get('id') or ''} {el.get('class') or ''}"
    if any(part in names.lower() for part in KEEP_TOKEN_PARTS):
        return None
    group = GROUP_BY_TAG.get(el.tag)
    role = el.get("role")
    if group is None and role:
        group = GROUP_BY_ROLE.get(role.strip().lower())
    if group is None and (el.get("hidden") is not None or el.get("aria-hidden") == "true"
                          or HIDDEN_STYLE_RE.search(el.get("style") or "")):
        group = GROUP_BY_KEY["hidden"]
    if group is None and names.strip():
        group = _token_group(names, memo)
    return group


def find_marks(doc: Any) -> dict[Any, ChromeGroup]:
    """Every element of the body that looks like site chrome, with its group."""
    memo: dict[str, ChromeGroup | None] = {}
    marks = {}
    for el in MARK_CANDIDATES_XPATH(_body(doc)):
        group = _mark_of(el, memo) if el.tag not in ("body", "html") else None
        if group is not None:
            marks[el] = group
    return marks


def _body(doc: Any) -> Any:
    """The <body> element, or the document element when there is none."""
    body = doc.find("body")
    return body if body is not None else doc


# --- site rules ------------------------------------------------------------------------------


def _elements(nodes: Any) -> list[Any]:
    """The element results of an XPath (strings and numbers dropped), outermost only."""
    found = [n for n in nodes if isinstance(n, etree._Element)] if isinstance(nodes, list) else []
    inside = set(found)
    return [n for n in found if not any(a in inside for a in n.iterancestors())]


def apply_site_strip(doc: Any, site: Site) -> list[Removal]:
    """Remove every element matched by the site's ``strip`` rules."""
    removed = []
    for rule in site.strip:
        for el in _elements(rule.xpath(doc)):
            if el.getparent() is not None and el.tag not in ("body", "html"):
                removed.append(_removal(el, rule.id, rule.why))
                drop(el)
    return removed


def site_body(doc: Any, site: Site) -> tuple[Any, ...]:
    """Containers matched by the first site ``body`` rule that finds real text."""
    for rule in site.body:
        found = _elements(rule.xpath(doc))
        if sum(len(_norm(text_of(el))) for el in found) >= MIN_SITE_BODY_CHARS:
            return tuple(found)
    return ()


# --- scorer ----------------------------------------------------------------------------------


class Score(NamedTuple):
    """Text weight of one subtree.

    ``raw`` sums all block weights, ``kept`` skips text under marked chrome, ``good``
    sums only the positive (prose) weights, i.e. roughly the subtree's paragraph text,
    and ``prose`` is the part of ``good`` outside marked chrome.
    """

    raw: float
    kept: float
    good: float
    prose: float


def block_weight(chars: int, link_chars: int) -> float:
    """Evidence that one block of text is prose: its non-link characters, or a penalty."""
    if chars <= 0:
        return 0.0
    if link_chars > MAX_LINK_SHARE * chars:
        return -LINK_PENALTY * chars
    if chars - link_chars < MIN_BLOCK_CHARS:
        return SHORT_BLOCK_WEIGHT
    return float(chars - link_chars)


def _is_scored_block(el: Any) -> bool:
    """Block boundary for scoring: table cells are not, so a data row is one block."""
    return (el.tag in BLOCK_TAGS and el.tag not in ("td", "th")) or el.tag == "br"


def measure(root: Any, marks: dict[Any, ChromeGroup]) -> dict[Any, Score]:
    """Score of every element under ``root`` in one iterative post-order walk."""
    scores: dict[Any, Score] = {}
    frames: list[list[float]] = [[0.0, 0.0, 0.0, 0.0]]  # per open element: the Score fields
    seg = [0, 0, 0]  # open text segment: chars, link chars, chars under a mark
    depth = {"a": 0, "mark": 0, "li": 0}

    def add(text: str | None) -> None:
        n = len(text.strip()) if text else 0
        seg[0] += n
        seg[1] += n if depth["a"] else 0
        seg[2] += n if depth["mark"] else 0

    def flush() -> None:
        w = block_weight(seg[0], seg[1])
        w *= LIST_ITEM_FACTOR if w > 0 and depth["li"] else 1.0
        frame, chrome = frames[-1], seg[2] >= seg[0] / 2
        frame[0] += w
        frame[1] += min(w, 0.0) if chrome else w
        frame[2] += max(w, 0.0)
        frame[3] += 0.0 if chrome else max(w, 0.0)
        seg[:] = [0, 0, 0]

    for event, el in etree.iterwalk(root, events=("start", "end")):
        is_block, is_mark = _is_scored_block(el), el in marks
        if event == "start":
            if is_block:
                flush()
            frames.append([0.0, 0.0, 0.0, 0.0])
            depth["a"] += el.tag == "a"
            depth["li"] += el.tag == "li"
            depth["mark"] += is_mark
            add(el.text)
            continue
        if is_block:
            flush()
        frame, outer = frames.pop(), frames[-1]
        scores[el] = Score(*frame)
        outer[0] += frame[0]
        outer[1] += frame[1]
        outer[2] += frame[2]
        outer[3] += frame[3]
        depth["a"] -= el.tag == "a"
        depth["li"] -= el.tag == "li"
        depth["mark"] -= is_mark
        add(el.tail)
    return scores


def _best(scores: dict[Any, Score], key: str) -> Any:
    """Element with the highest score (the deeper one on ties: scores are in post-order)."""
    best, top = None, 0.0
    for el, score in scores.items():
        value = getattr(score, key)
        if value > top:
            best, top = el, value
    return best


def rescue_marks(doc: Any, marks: dict[Any, ChromeGroup]) -> tuple[dict, dict[Any, Score]]:
    """Unmark weak chrome holding most of the page's prose when no chrome-free subtree
    holds half as much (then the chrome class names the article's wrapper); scores."""
    body = _body(doc)
    scores = measure(body, marks)
    floor = RESCUE_SHARE * scores[body].good if body in scores else 0.0
    best = _best(scores, "kept")
    found = scores[best].kept if best is not None else 0.0
    rescued = {el for el, group in marks.items()
               if not group.strong and el in scores and scores[el].good >= floor > 0
               and found < RESCUE_SHARE * scores[el].good}
    if not rescued:
        return marks, scores
    marks = {el: group for el, group in marks.items() if el not in rescued}
    return marks, measure(body, marks)


def scorer_container(scores: dict[Any, Score]) -> Any:
    """Our article container: the subtree with the most prose weight outside chrome."""
    return _confident(_best(scores, "kept"), scores)


def descend(el: Any, scores: dict[Any, Score]) -> Any:
    """Narrow a container to the child holding nearly all of its prose, repeatedly."""
    while True:
        floor = DESCEND_SHARE * scores[el].prose
        child = next((c for c in el.iterchildren(etree.Element)
                      if c in scores and scores[c].prose >= floor > 0), None)
        if child is None:
            return el
        el = child


def _borderline(el: Any, scores: dict[Any, Score]) -> bool:
    """True when one child holds most but not enough of the prose to descend into it.

    The scorer cannot tell an article with a long aside from an article next to a teaser
    block; readability-lxml is asked then, and its pick is taken only inside ours.
    """
    floor = UNSURE_SHARE * scores[el].prose
    return any(c in scores and scores[c].prose >= floor > 0 for c in el.iterchildren(etree.Element))


def _confident(el: Any, scores: dict[Any, Score]) -> Any:
    """``el`` when its weight shows a real article, else None (readability decides)."""
    return el if el is not None and scores[el].raw >= MIN_ARTICLE_WEIGHT else None


def _wrapper_of(container: Any, top: Any, scores: dict[Any, Score]) -> Any:
    """Outermost ancestor below ``top`` adding no prose to the container (wrapper chain)."""
    anchor, parent = container, container.getparent()
    while (parent is not None and parent is not top and parent in scores
           and scores[parent].prose <= scores[container].prose):
        anchor, parent = parent, parent.getparent()
    return anchor


def with_siblings(container: Any, top: Any, scores: dict[Any, Score]) -> tuple[Any, ...]:
    """The container plus clean prose siblings of it or of its wrappers below ``top``."""
    anchor = _wrapper_of(container, top, scores) if container is not top else container
    parent = anchor.getparent()
    if parent is None:
        return (container,)
    floor = min(SIBLING_SHARE * scores[container].kept, SIBLING_MIN_PROSE)
    kind = (anchor.tag, (anchor.get("class") or "").split()[:1])
    return tuple(container if el is anchor else el for el in parent.iterchildren(etree.Element)
                 if el is anchor or (el in scores and scores[el].kept >= floor > 0
                                     and scores[el].kept >= SIBLING_PURITY * scores[el].good
                                     and (anchor is container
                                          or (el.tag, (el.get("class") or "").split()[:1]) == kind)))


# Tags readability-lxml keeps or makes (it turns text-only divs into <p>) and we match on.
READABILITY_BLOCKS = ("p", "pre", "li", "td", "div", "blockquote", "dd")
# readability-lxml slows to seconds on pathological nesting; real pages stay far below this.
READABILITY_MAX_DEPTH = 256
TEXT_KEY_CHARS = 80  # blocks are matched on this many leading characters of their text


def readability_container(doc: Any) -> Any:
    """Container of the text readability-lxml picks (the one adapter; slow, so used rarely)."""
    from readability import Document

    if _deeper_than(doc, READABILITY_MAX_DEPTH):
        return None
    try:
        for el in (doc, _body(doc)):  # readability drops [hidden] elements and asserts a parent
            el.attrib.pop("hidden", None)
            el.attrib.pop("style", None)
        markup = etree.tostring(doc, encoding="unicode", method="html")
        summary = Document(markup).summary(html_partial=True)
        found = lxml.html.fragment_fromstring(summary, create_parent="div")
    except Exception:  # readability raises Unparseable and lxml errors of its own
        return None
    return _locate(doc, [_text_key(el) for el in found.iter(*READABILITY_BLOCKS)])


def _deeper_than(doc: Any, limit: int) -> bool:
    """True when elements nest more than ``limit`` levels (iterative walk, stops early)."""
    depth = 0
    for event, _ in etree.iterwalk(doc, events=("start", "end")):
        depth += 1 if event == "start" else -1
        if depth > limit:
            return True
    return False


def _text_key(el: Any) -> str:
    """The first 80 characters of an element's normalized text (read lazily)."""
    return _norm("".join(_first_text(el, 4 * TEXT_KEY_CHARS)))[:TEXT_KEY_CHARS]


def _locate(doc: Any, wanted: list[str]) -> Any:
    """Lowest element of ``doc`` holding the first and last block texts found in ``wanted``."""
    index = {}
    for el in _body(doc).iter(*READABILITY_BLOCKS):
        index[_text_key(el)] = el  # last wins: the innermost element with that text
    hits = [index[t] for t in wanted if len(t) >= MIN_BLOCK_CHARS and t in index]
    return _common_ancestor(hits[0], hits[-1]) if hits else None


def _common_ancestor(a: Any, b: Any) -> Any:
    """Lowest element containing both ``a`` and ``b``."""
    above_a = {a, *a.iterancestors()}
    return next(el for el in (b, *b.iterancestors()) if el in above_a)


def choose_containers(doc: Any, site: Site | None, marks: dict[Any, ChromeGroup],
                      scores: dict[Any, Score]) -> Choice:
    """Site body rule, else our scorer, else readability-lxml, else the whole body."""
    found = site_body(doc, site) if site and site.body else ()
    if found:
        return Choice(found, "site-rule")
    container = scorer_container(scores)
    if container is not None:
        narrow = descend(container, scores)
        if _borderline(narrow, scores):
            second = readability_container(doc)
            if second is not None and second is not narrow and narrow in second.iterancestors():
                return Choice((second,), "readability")
        return Choice(with_siblings(narrow, container, scores), "scorer")
    container = readability_container(doc)
    if container is not None:
        return Choice((container,), "readability")
    return Choice((_body(doc),), "body")


# --- removals inside and around the article --------------------------------------------------


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
                    removal = _removal(sibling, "outside-article", "outside the article container")
                    if removal.text:
                        removed.append(removal)
    return removed


def _is_caption(el: Any) -> bool:
    """True for <figcaption> and elements whose class/id names a caption or photo credit.

    Any token containing "caption" counts (``newsCaption``, ``wp-caption-text``): the word
    is not used for anything else in page markup.
    """
    if el.tag in CAPTION_TAGS:
        return True
    tokens = f"{el.get('id') or ''} {el.get('class') or ''}".lower().split()
    return any("caption" in t or CAPTION_TOKEN_RE.fullmatch(t) for t in tokens)


def take_captions(containers: tuple[Any, ...]) -> tuple[list[str], list[Removal]]:
    """Move caption and credit text out of the article (into HtmlPage.captions)."""
    captions, removed = [], []
    for root in containers:
        found = [el for el in root.iter(etree.Element) if el is not root and _is_caption(el)]
        for el in _outermost(found):
            text = _norm(text_of(el))
            if text:
                captions.append(text)
                removed.append(_removal(el, "image-caption", "image caption or photo credit"))
            drop(el)
    return captions, removed


def _outermost(found: list[Any]) -> list[Any]:
    """Elements of ``found`` not inside another element of ``found`` (document order kept)."""
    inside = set(found)
    return [el for el in found if not any(a in inside for a in el.iterancestors())]


def strip_chrome(containers: tuple[Any, ...], marks: dict[Any, ChromeGroup],
                 scores: dict[Any, Score]) -> list[Removal]:
    """Remove marked chrome inside the containers, except weak marks holding most of the text."""
    removed = []
    for root in containers:
        found = [el for el in root.iter(etree.Element) if el is not root and el in marks]
        floor = RESCUE_SHARE * scores[root].good if root in scores else 0.0
        spared = {el for el in found if not marks[el].strong and el in scores
                  and scores[el].good >= floor > 0}
        for el in _outermost([el for el in found if el not in spared]):
            group = marks[el]
            removed.append(_removal(el, group.rule, group.reason))
            drop(el)
    return removed


# --- blocks to lines -------------------------------------------------------------------------

# Descendants that make a table cell a layout box rather than a data cell.
CELL_BLOCK_TAGS = ("p", "div", "table", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4",
                   "section", "article")


def _layout_rows(root: Any) -> set[Any]:
    """Table rows used for page layout (a cell holds paragraphs or tables), not data."""
    rows = set()
    for cell in root.iter("td", "th"):
        if any(el is not cell for el in cell.iter(*CELL_BLOCK_TAGS)):
            row = cell.getparent()
            rows.add(row if row is not None else cell)
    return rows


@dataclass
class _Buffer:
    """Text of the block being read, with its link characters and first source line."""

    parts: list[str]
    chars: int = 0
    link_chars: int = 0
    no: int = 0

    def add(self, text: str | None, in_link: bool, no: int | None) -> None:
        """Append one text piece."""
        if not text:
            return
        self.parts.append(text)
        n = len(text.strip())
        self.chars += n
        self.link_chars += n if in_link else 0
        self.no = self.no or (no or 0)

    def take(self, tag: str, keep_space: bool) -> Line | None:
        """The buffered text as a Line (None when blank); empties the buffer."""
        raw = "".join(self.parts)
        text = raw.strip("\n\r ") if keep_space else _norm(raw)
        share = self.link_chars / self.chars if self.chars else 0.0
        line = Line(no=self.no, text=text, tag=tag, link_share=round(share, 3)) if text else None
        self.parts, self.chars, self.link_chars, self.no = [], 0, 0, 0
        return line


def lines_of(root: Any) -> list[Line]:
    """Blocks under ``root`` as Lines in reading order; table rows as cells joined by ' | '."""
    layout, lines, tags = _layout_rows(root), [], []
    buf, links, cells = _Buffer([]), 0, 0

    def flush() -> None:
        line = buf.take(tags[-1] if tags else "p", "pre" in tags)
        if line is not None:
            lines.append(line)

    for event, el in etree.iterwalk(root, events=("start", "end")):
        data_cell = el.tag in ("td", "th") and el.getparent() not in layout
        is_block = (el.tag in BLOCK_TAGS and not data_cell) or el.tag == "br"
        reported = el.tag in REPORTED_TAGS and el not in layout
        if event == "start":
            if is_block:
                flush()
            if reported:
                tags.append(el.tag)
            cells = 0 if el.tag == "tr" else cells
            if data_cell and cells:
                buf.add(" | ", False, el.sourceline)
            cells += data_cell
            links += el.tag == "a"
            buf.add(el.text, links > 0, el.sourceline)
            continue
        links -= el.tag == "a"
        if is_block:
            flush()
        if reported:
            tags.pop()
        buf.add(el.tail, links > 0, el.sourceline)
    flush()
    return lines


def _headline_index(lines: list[Line], title: str | None) -> int | None:
    """Index of the headline: the line equal to the title near the top, else an h1 before prose."""
    want = title.casefold() if title else None
    for i, line in enumerate(lines):
        if want and line.text.casefold() == want and (line.tag == "h1" or i < 3):
            return i
    for i, line in enumerate(lines):
        if line.tag == "h1":
            return i
        if len(line.text) >= MIN_PROSE_LINE_CHARS:
            return None
    return None


def drop_headline(lines: list[Line], title: str | None) -> tuple[list[Line], list[Removal]]:
    """Remove the headline (kept as HtmlPage.title) from the article lines."""
    i = _headline_index(lines, title)
    if i is None:
        return lines, []
    line = lines[i]
    reason = "article headline (kept as title)"
    return lines[:i] + lines[i + 1:], [Removal("headline", reason, line.text[:REMOVAL_TEXT_CHARS],
                                               line.no, node=line.tag)]


def drop_link_lines(lines: list[Line]) -> tuple[list[Line], list[Removal]]:
    """Remove runs of lines that are (almost) all link text: link lists, menus, 'Read more' runs.

    A single linked line between prose lines stays: product names and linked subheads in
    round-up articles are article text.
    """
    linky = [line.link_share >= MAX_LINE_LINK_SHARE and line.tag != "pre" for line in lines]
    kept, removed = [], []
    for i, line in enumerate(lines):
        in_run = linky[i] and ((i > 0 and linky[i - 1]) or (i + 1 < len(lines) and linky[i + 1]))
        if in_run:
            text = line.text[:REMOVAL_TEXT_CHARS]
            removed.append(Removal("link-list", "run of link-only lines", text, line.no, node=line.tag))
        else:
            kept.append(line)
    return kept, removed
