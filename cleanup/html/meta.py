"""Page metadata of an HTML document: headline, byline, date, canonical URL, site name.

Read before any removal, from <meta> tags, JSON-LD (schema.org Article kinds), <link
rel=canonical>, <time datetime> and the h1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from lxml import etree

from cleanup.html.chrome import in_chrome
from cleanup.html.dom import norm, text_of
from cleanup.text.patterns import TITLE_SEPARATOR_RE

ARTICLE_TYPES = frozenset(
    {
        "article",
        "newsarticle",
        "blogposting",
        "reportagenewsarticle",
        "analysisnewsarticle",
        "opinionnewsarticle",
        "webpage",
        "report",
        "scholarlyarticle",
        "techarticle",
        "liveblogposting",
        "review",
    }
)
# Compiled once (``doc.xpath(str)`` compiles at every call). The elements are reached from
# their attributes (``//@rel[.='author']/..``): the same node-set, in document order, as
# ``//*[@rel='author' or @itemprop='author']``, in half the time (libxml2 runs a predicate
# per element slowly; on the 342 dev pages 0.55 -> 0.27 ms, the date's 0.42 -> 0.26 ms).
AUTHOR_XPATH = etree.XPath("(//@rel[.='author'] | //@itemprop[.='author'])/..")
# The hCard of a post's author, as WordPress themes mark it (``<span class="author vcard"><a class="url fn
# n">Jane Doe</a>``); a comment's hCard is ``comment-author vcard``, which this leaves out.
# From the class attributes holding "vcard" (as AUTHOR_XPATH: 0.26 ms a page against 0.6 ms for a test of
# both tokens on every element); ``_hcard_authors`` keeps those whose tokens are "author" and "vcard".
VCARD_XPATH = etree.XPath("//@class[contains(., 'vcard')]/..")


def _hcard_authors(doc: Any) -> list[Any]:
    """Elements whose class tokens hold both "author" and "vcard"."""
    return [el for el in VCARD_XPATH(doc) if {"author", "vcard"} <= set((el.get("class") or "").split())]


DATE_KEYS = frozenset(
    (
        "article:published_time",
        "datepublished",
        "og:published_time",
        "pubdate",
        "publishdate",
        "date",
        "dc.date",
        "dc.date.issued",
        "sailthru.date",
    )
)
# A CMS's "no date": a year below 1000 (zero times), or the Unix epoch at midnight (``placeholder_date``).
PLACEHOLDER_DATE_RE = re.compile(
    r"\s*(?:0\d{3}-\d\d-\d\d|1970-01-01(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?\s*$)"
)
DATE_XPATH = etree.XPath("//@itemprop[.='datePublished']/parent::*[@datetime or @content] | //time[@datetime]")
MAX_SITE_NAME_WORDS = 3  # a last title part this short ("9to5Mac", "BBC News") is the site name


@dataclass(frozen=True)
class Meta:
    """Page metadata found before any removal."""

    title: str | None
    byline: str | None
    date: str | None
    canonical_url: str | None
    site_name: str | None
    body_hint: str | None  # JSON-LD articleBody
    body_text: str | None = None  # the same with its line breaks, when the page says it is free to read
    declared: bool = False  # the page says it is an article: og:type article, or a JSON-LD article


def meta_tags(metas: Iterable[Any]) -> tuple[tuple[str, str], ...]:
    """(key, content) of every <meta> with text content, in document order; the key is its
    property, name or itemprop, lower-cased.

    Read once per page: each metadata field asks for its own keys, and walking the
    <meta> elements again for each cost more than reading them.
    """
    tags = []
    for el in metas:
        get = el.get
        content = norm(get("content"))
        if content:
            tags.append(((get("property") or get("name") or get("itemprop") or "").lower(), content))
    return tuple(tags)


def _meta(tags: tuple[tuple[str, str], ...], *names: str) -> str | None:
    """First content of ``tags`` (``meta_tags``) whose key is one of ``names``.

    >>> tags = (("og:type", "article"), ("og:title", "Bridge to close"), ("twitter:title", "Bridge"))
    >>> _meta(tags, "twitter:title", "og:title"), _meta(tags, "author")
    ('Bridge to close', None)
    """
    return next((content for key, content in tags if key in names), None)


TITLE_WORD_RE = re.compile(r"\w+")


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


def _same_story(ld: dict[str, Any], *titles: str | None) -> bool:
    """True when the JSON-LD article's headline is the page's: half its words or more are in its titles.

    A page's first article-typed JSON-LD object may be another story (a list of related articles).
    """
    headline = _ld_text(ld.get("headline"))
    if not headline:
        return False
    words = set(TITLE_WORD_RE.findall(headline.lower()))
    page = set(TITLE_WORD_RE.findall(" ".join(t for t in titles if t).lower()))
    return bool(words) and len(words & page) >= len(words) / 2


def _page_article(ld: dict[str, Any], og_title: str | None, page_title: str | None, doc: Any) -> bool:
    """True when the JSON-LD article is free to read and is the page's own story."""
    return _free(ld) and _same_story(ld, og_title, page_title, _first_h1(doc))


def _first_h1(doc: Any) -> str | None:
    h1 = next(doc.iter("h1"), None)
    return text_of(h1) if h1 is not None else None


def _free(ld: dict[str, Any]) -> bool:
    """False when the page's JSON-LD says the article is not free to read (behind a paywall)."""
    return not str(ld.get("isAccessibleForFree", True)).lower().endswith("false")  # also "https://schema.org/False"


def _ld_text(value: Any) -> str | None:
    """A JSON-LD value as text (names of authors/publishers joined by ', ')."""
    if isinstance(value, str):
        return norm(value) or None
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
    title = norm(title)
    if not title:
        return None
    parts = TITLE_SEPARATOR_RE.split(title)
    if len(parts) < 2:
        return title
    site = (site_name or "").casefold()
    if site and site in parts[0].casefold() and len(parts[0]) < len(title) / 2:
        return title[len(parts[0]) :].lstrip(" |-–—:·•")
    last = parts[-1]
    if (site and site in last.casefold()) or len(last.split()) <= MAX_SITE_NAME_WORDS:
        return title[: title.rindex(last)].rstrip(" |-–—:·•") or title
    return title


# An h1 of at least this many words is a headline, not a site's logo ("Stadtanzeiger").
MIN_H1_HEADLINE_WORDS = 4


def _matches(h1: str, title: str) -> bool:
    """True when one of an h1 text and a metadata title contains the other (case-blind)."""
    return h1.casefold() in title.casefold() or title.casefold() in h1.casefold()


def _headline(doc: Any, declared: list[str], page_title: str | None) -> str | None:
    """The article's headline from the h1s and the metadata titles.

    ``declared`` are the titles a page gives for its article (og:title, JSON-LD headline);
    ``page_title`` is the <title>, which often leads with the site's name. An h1 equal to
    any of them wins; then an h1 matching a declared title; then a declared title, ahead of
    an h1 that only matches part of the <title> (a blog's name: fixtures/hollowmere-blogger-
    br-paragraphs); then an h1 matching the <title>; then the page's only h1 of a headline's
    length (MIN_H1_HEADLINE_WORDS), when the <title> says it in other words; the <title>, the first h1.
    """
    h1s = [t for t in (norm(text_of(h)) for h in doc.iter("h1")) if t]
    titles = [*declared, page_title] if page_title else declared
    wanted = {t.casefold() for t in titles}
    found = next((h1 for h1 in h1s if h1.casefold() in wanted), None)
    found = found or next((h1 for h1 in h1s if any(_matches(h1, t) for t in declared)), None)
    if found or declared:
        return found or declared[0]
    found = next((h1 for h1 in h1s if page_title and _matches(h1, page_title)), None)
    if not found and (only := _only_headline_h1(doc)):
        return only  # the page's one h1 of a headline's length, under an SEO <title> that says it otherwise
    return found or page_title or (h1s[0] if h1s else None)


def _only_headline_h1(doc: Any) -> str | None:
    """The text of the page's only h1 that reads as a headline, else None.

    A headline has MIN_H1_HEADLINE_WORDS words or more and is no logo: no image
    in it, not all of it a link ("Archive of Our Own beta" linking home), not inside the
    page's header, navigation, footer, an aside or a box named as chrome (``chrome.in_chrome``).
    """
    found = []
    for h in doc.iter("h1"):
        text = norm(text_of(h))
        if not text or len(text.split()) < MIN_H1_HEADLINE_WORDS or next(h.iter("img"), None) is not None:
            continue
        if in_chrome(h):
            continue  # a cookie banner's or the site header's h1
        linked = norm(" ".join(text_of(a) for a in h.iter("a")))
        if linked != text:
            found.append(text)
    return found[0] if len(found) == 1 else None


def _byline(doc: Any, tags: tuple[tuple[str, str], ...], ld: dict[str, Any], ours: bool) -> str | None:
    """Author names from meta, JSON-LD or rel/itemprop=author markup; never a login ("devindra", "jdadmin").

    A meta author that names none of the Person authors of the page's own JSON-LD article (``ours``)
    is the publisher or an account ("Condé Nast" over "Molly Wood"): the Person authors win.
    """
    found = _meta(tags, "author", "article:author", "dc.creator", "byl", "parsely-author")
    people = _ld_people(ld.get("author")) if ours else []
    if found and not found.startswith("http") and not _login(found) and not _names_none(found, people):
        return found
    found = _ld_text(ld.get("author"))
    if found and not _login(found):
        return found
    for found_by in (AUTHOR_XPATH, _hcard_authors):  # the second only when the first finds no name
        for el in found_by(doc):
            text = norm(text_of(el))
            if text and not _login(text):
                return text
    return None


def _login(text: str) -> bool:
    """True for an account's login rather than a name as written: one lower-case word ("devindra", "kevin-r").

    >>> _login("devindra"), _login("jdadmin"), _login("Devindra"), _login("bell hooks"), _login("肖春芳")
    (True, True, False, False, False)
    """
    return " " not in text and text.islower()


def _ld_people(value: Any) -> list[str]:
    """The names of the JSON-LD authors typed Person."""
    items = value if isinstance(value, list) else [value]
    return [
        name
        for item in items
        if isinstance(item, dict)
        and "person" in str(item.get("@type")).lower()
        and (name := _ld_text(item.get("name")))
    ]


def _names_none(names: str, people: list[str]) -> bool:
    """True when ``names`` shares no word with any of ``people`` (case-blind); False when ``people`` is empty."""
    words = set(TITLE_WORD_RE.findall(" ".join(people).casefold()))
    return bool(words) and not words.intersection(TITLE_WORD_RE.findall(names.casefold()))


def _date(doc: Any, tags: tuple[tuple[str, str], ...], ld: dict[str, Any]) -> str | None:
    """Publication date from meta, JSON-LD or the first <time datetime>; a placeholder is no date."""
    found = next((c for key, c in tags if key in DATE_KEYS and not placeholder_date(c)), None)
    published = ld.get("datePublished")
    if found or (isinstance(published, str) and not placeholder_date(published)):
        return found or norm(published)
    for el in DATE_XPATH(doc):
        value = norm(el.get("datetime") or el.get("content"))
        if not placeholder_date(value):
            return value or None
    return None


def placeholder_date(value: str) -> bool:
    """True for the null a CMS writes where it has no date: a year below 1000 (Go's and .NET's zero
    time "0001-01-01T00:00:00Z", MySQL's "0000-00-00"), or the Unix epoch at midnight.

    >>> placeholder_date("0001-01-01T00:00:00Z"), placeholder_date("0000-00-00 00:00:00")
    (True, True)
    >>> placeholder_date("1970-01-01T00:00:00+00:00"), placeholder_date("1970-01-01")
    (True, True)
    >>> placeholder_date("1970-01-02"), placeholder_date("1969-07-20T20:17:00Z"), placeholder_date("2001-01-01")
    (False, False, False)
    """
    return PLACEHOLDER_DATE_RE.match(value) is not None


def _site_name(named: str | None, app: str | None, headline: str | None) -> str | None:
    """og:site_name or the JSON-LD publisher (``named``), else application-name (``app``) unless it is
    the headline: a portal's app name may carry the story's.

    >>> _site_name("MSN", "Duvet mystery solved", "Duvet mystery solved")
    'MSN'
    >>> _site_name(None, "Duvet mystery solved", "Duvet mystery solved"), _site_name(None, "Daily Bugle", "Duvet")
    (None, 'Daily Bugle')
    """
    if named or app is None:
        return named
    return None if headline and norm(app).casefold() == norm(headline).casefold() else app


def read_metadata(doc: Any, url: str | None = None, metas: tuple[Any, ...] | None = None) -> Meta:
    """Title, byline, date, canonical URL, site name and JSON-LD articleBody of a page.

    ``metas``: the page's <meta> elements, when the caller read them (site rules ask them too).
    """
    ld, tags = _json_ld(doc), meta_tags(doc.iter("meta") if metas is None else metas)
    title_el = doc.find(".//title")
    named, app = _meta(tags, "og:site_name") or _ld_text(ld.get("publisher")), _meta(tags, "application-name")
    site_name = named or app
    og_title = clean_title(_meta(tags, "og:title", "twitter:title"), site_name)
    declared = [t for t in (og_title, _ld_text(ld.get("headline"))) if t]
    page_title = clean_title(text_of(title_el) if title_el is not None else None, site_name)
    canonical = next(
        (
            norm(el.get("href"))
            for el in doc.iter("link")
            if (el.get("rel") or "").lower() == "canonical" and el.get("href")
        ),
        None,
    )
    body = ld.get("articleBody")
    title = _headline(doc, declared, page_title)
    return Meta(
        title=title,
        byline=_byline(doc, tags, ld, bool(ld.get("author")) and _same_story(ld, og_title, page_title, title)),
        date=_date(doc, tags, ld),
        canonical_url=canonical or _meta(tags, "og:url") or url,
        site_name=_site_name(named, app, title),
        body_hint=norm(body) if isinstance(body, str) else None,
        body_text=body if isinstance(body, str) and _page_article(ld, og_title, page_title, doc) else None,
        declared=bool(ld) or (_meta(tags, "og:type") or "").lower().startswith("article"),
    )
