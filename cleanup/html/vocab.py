"""Chrome vocabularies for the HTML DOM stage, kept as data (tags, roles, class/id tokens).

Each ``ChromeGroup`` is one named rule: a concept (navigation, comments, ads ...),
the reason recorded with every removal, and the words that identify it. Class and
id values are matched as whole tokens, optionally framed by the layout words in
``TOKEN_PREFIXES``/``TOKEN_SUFFIXES`` (``post-comments``, ``share-buttons``), so
``share-price``, ``related-work`` or ``comments-enabled`` do not match. A group's
``components`` match as any "-"/"_" part of a token, and a BEM element (the part after
"__") is matched on its own (``gallery-article__share``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from types import MappingProxyType

# Elements that never hold visible article text; dropped before anything else.
INVISIBLE_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "object",
    "embed",
    "svg",
    "canvas",
    "iframe",
    "map",
    "audio",
    "video",
    "source",
    "track",
    "head",
    "link",
    "meta",
)

# Block-level tags: each starts a new Line; the value is the Line.tag reported.
BLOCK_TAGS = frozenset(
    {
        "p",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "dt",
        "dd",
        "blockquote",
        "pre",
        "tr",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "aside",
        "nav",
        "ul",
        "ol",
        "dl",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "figure",
        "figcaption",
        "form",
        "fieldset",
        "address",
        "center",
        "hr",
        "details",
        "summary",
        "caption",
        "td",
        "th",
        "body",
        "html",
    }
)
# Blocks reported with their own tag; text directly in other blocks is reported as "p".
REPORTED_TAGS = frozenset({"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "dt", "dd", "blockquote", "pre", "tr"})
HEADING_TAGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Layout words that may frame a vocabulary word inside one class/id token. Not "content":
# "entry-content-read-more" is the article body of a WordPress theme, not a read-more link.
# "blog", "liveblog", "live": "liveblog-pagination" (fixtures/harbourpost-liveblog-storm);
# "pagination" as a component was tried and marked article bodies ("pagination-first").
TOKEN_PREFIXES = (
    "site",
    "page",
    "post",
    "article",
    "entry",
    "story",
    "global",
    "main",
    "top",
    "bottom",
    "left",
    "right",
    "side",
    "mobile",
    "desktop",
    "sticky",
    "fixed",
    "floating",
    "inline",
    "js",
    "social",
    "primary",
    "secondary",
    "sub",
    "mini",
    "footer",
    "header",
    "rail",
    "fb",
    "facebook",
    "twitter",
    "single",
    "widget",
    "block",
    "module",
    "c",
    "l",
    "m",
    "o",
    "u",
    "blog",
    "liveblog",
    "live",
)
TOKEN_SUFFIXES = (
    "area",
    "section",
    "wrap",
    "wrapper",
    "container",
    "list",
    "links",
    "link",
    "bar",
    "box",
    "block",
    "module",
    "widget",
    "panel",
    "buttons",
    "button",
    "btns",
    "btn",
    "tools",
    "icons",
    "icon",
    "items",
    "item",
    "nav",
    "menu",
    "inner",
    "outer",
    "holder",
    "zone",
    "unit",
    "slot",
    "region",
    "component",
    "group",
    "row",
    "column",
    "col",
    "bottom",
    "top",
    "left",
    "right",
    "container",
    "content",
    "body",
    "title",
    "header",
    "heading",
    "footer",
    "label",
    "text",
    "form",
    "popup",
    "modal",
    "overlay",
    "banner",
    "strip",
    "placeholder",
    "frame",
    "tray",
    "thread",
    "mobile",
    "desktop",
    "sidebar",
    "rail",
    "feed",
    "cta",
    "v2",
    "new",
    "small",
    "window",
    "large",
    "horizontal",
    "vertical",
    "sticky",
    "primary",
    "secondary",
    "main",
    "global",
)


@dataclass(frozen=True)
class ChromeGroup:
    """One concept of site chrome: rule name, reason, and how to recognise it.

    ``strong`` groups are removed even when they hold most of the page text
    (long comment threads, a footer longer than a short story); weak ones are kept
    then, because their words also name article wrappers (Blogger's ``widget Blog``,
    a ``paywall`` div around the story text of a subscriber page).
    """

    rule: str
    reason: str
    tags: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    tokens: tuple[str, ...] = ()
    strong: bool = False
    components: tuple[str, ...] = ()  # words that mark a token wherever they stand in it


CHROME_GROUPS = (
    ChromeGroup(
        "cookie-consent",
        "cookie or consent banner",
        (),
        ("alertdialog",),
        (
            "cookie",
            "cookies",
            "consent",
            "gdpr",
            "cookiebar",
            "cookie-notice",
            "cookie-banner",
            "cookie-consent",
            "onetrust",
            "cc-window",
            "cmp",
        ),
        strong=True,
    ),
    ChromeGroup(
        "comments",
        "reader comments",
        (),
        (),
        (
            "comments",
            "comment-list",
            "commentlist",
            "comments-list",
            "disqus_thread",
            "disqus",
            "respond",
            "comment-respond",
            "comment-form",
            "commentform",
            "reader-comments",
            "user-comments",
            "comment-section",
            "comments-section",
            "livefyre",
            "viafoura",
            "fb-comments",
            "discussion",
            "talk",
        ),
        strong=True,
    ),
    ChromeGroup(
        "newsletter",
        "newsletter or signup box",
        (),
        (),
        (
            "newsletter",
            "newsletters",
            "signup",
            "sign-up",
            "subscribe",
            "subscription",
            "email-signup",
            "mailing-list",
            "mailinglist",
            "optin",
            "opt-in",
        ),
        strong=True,
        components=("newsletter", "newsletters", "signup"),
    ),
    ChromeGroup(
        "paywall",
        "paywall or subscription prompt",
        (),
        (),
        (
            "paywall",
            "regwall",
            "meter",
            "metered",
            "piano",
            "tp-modal",
            "premium-wall",
            "subscribe-prompt",
            "registration-wall",
            "inline-offer",
        ),
        components=("paywall", "regwall", "piano"),
    ),
    ChromeGroup(
        "nav-element",
        "site navigation",
        ("nav",),
        ("navigation", "menu", "menubar", "search", "tablist"),
        (
            "nav",
            "navbar",
            "navigation",
            "menu",
            "breadcrumb",
            "breadcrumbs",
            "skip-link",
            "skiplink",
            "skip",
            "pagination",
            "pager",
            "subnav",
            "topnav",
            "mainnav",
            "masthead",
            "toc",
            "jump-links",
            "search",
            "searchform",
            "search-form",
        ),
        strong=True,
    ),
    ChromeGroup(
        "page-header",
        "page header",
        (),
        ("banner",),
        ("site-header", "page-header", "global-header", "header", "topbar", "top-bar", "header-bar"),
        strong=True,
    ),
    ChromeGroup(
        "page-footer",
        "page footer",
        (),
        ("contentinfo",),
        ("site-footer", "page-footer", "global-footer", "footer", "copyright", "colophon", "bottom-bar"),
        strong=True,
    ),
    ChromeGroup(
        "aside",
        "sidebar or aside",
        ("aside",),
        ("complementary",),
        ("sidebar", "side-bar", "rail", "right-rail", "widget", "widgets", "aside"),
    ),
    ChromeGroup(
        "share-social",
        "share or social buttons",
        (),
        (),
        (
            "share",
            "shares",
            "sharing",
            "social",
            "sharethis",
            "addthis",
            "share-buttons",
            "social-links",
            "social-share",
            "follow",
            "follow-us",
            "socials",
            "sharebar",
        ),
    ),
    ChromeGroup(
        "related",
        "related or recommended stories",
        (),
        (),
        (
            "related",
            "related-posts",
            "related-articles",
            "related-stories",
            "relatedarticles",
            "relatedposts",
            "recommended",
            "recommendations",
            "more-stories",
            "morestories",
            "most-read",
            "mostread",
            "most-popular",
            "mostpopular",
            "popular",
            "trending",
            "taboola",
            "outbrain",
            "also-read",
            "read-more",
            "readmore",
            "more-from",
            "recirc",
            "recirculation",
            "next-article",
            "you-may-like",
            "more-news",
            "latest-news",
            "top-stories",
            "teaser",
            "teasers",
            "more-on",
        ),
    ),
    ChromeGroup(
        "ads",
        "advertisement",
        (),
        (),
        (
            "ad",
            "ads",
            "advert",
            "adverts",
            "advertisement",
            "advertising",
            "adsense",
            "dfp",
            "gpt",
            "sponsor",
            "sponsored",
            "promo",
            "promoted",
            "banner-ad",
            "adslot",
            "ad-slot",
            "adunit",
            "ad-unit",
            "ad-container",
            "google-ad",
            "commercial",
            "partner",
            "partners",
            "native-ad",
            "affiliate",
        ),
        components=(
            "ad",
            "ads",
            "advert",
            "adverts",
            "advertisement",
            "advertising",
            "dfp",
            "adsense",
            "adslot",
            "adunit",
            "doubleclick",
        ),
    ),
    ChromeGroup(
        "tools",
        "print, email and article tools",
        (),
        ("toolbar",),
        (
            "print",
            "email",
            "tools",
            "article-tools",
            "toolbar",
            "utility",
            "utilities",
            "font-size",
            "bookmark",
            "save",
            "share-tools",
        ),
        strong=True,
    ),
    ChromeGroup(
        "tags",
        "tag and category links",
        (),
        (),
        ("tags", "tag-list", "taglist", "post-tags", "entry-tags", "categories", "topics", "keywords", "tagcloud"),
        strong=True,
    ),
    ChromeGroup(
        "article-meta",
        "byline, date or author box",
        (),
        (),
        (
            "byline",
            "dateline",
            "timestamp",
            "author",
            "authors",
            "author-bio",
            "author-info",
            "post-meta",
            "entry-meta",
            "article-meta",
            "meta",
            "published",
            "date",
            "posted-on",
            "bio",
            "about-author",
        ),
    ),
    ChromeGroup(
        "hidden",
        "hidden element",
        (),
        (),
        ("hidden", "visually-hidden", "sr-only", "screen-reader-text", "offscreen", "hide", "d-none"),
    ),
    ChromeGroup(
        "popup",
        "modal or popup window",
        ("dialog",),
        ("dialog",),
        ("modal", "modals", "popup", "pop-up", "overlay", "lightbox", "modal-window", "interstitial"),
        strong=True,
    ),
    ChromeGroup(
        "form", "form controls", ("form", "button", "input", "select", "textarea", "label"), ("button",), ("form",)
    ),
)
# A class/id token containing one of these names article content even when it also holds a
# chrome word ("aside pullquote", "pull-quote hidden-mobile"): such elements are never marked.
KEEP_TOKEN_PARTS = ("quote",)
KEEP_TOKEN_RE = re.compile("|".join(KEEP_TOKEN_PARTS), re.I)
# Groups whose class/id tokens name image captions; moved to HtmlPage.captions.
CAPTION_TAGS = ("figcaption",)
CAPTION_TOKENS = (
    "caption",
    "captions",
    "credit",
    "credits",
    "photo-credit",
    "image-credit",
    "wp-caption-text",
    "img-caption",
    "image-caption",
    "photo-caption",
    "media-caption",
    "caption-text",
    "imagecaption",
    "photocredit",
)


def _alt(words: tuple[str, ...]) -> str:
    """Regex alternation of literal words; raises on an empty group (it would match everything)."""
    if not words:
        raise ValueError("empty token group would match every element")
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def token_regex(groups: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One regex to ``fullmatch`` a lower-cased class/id token; ``lastgroup`` names the concept."""
    sep = r"[-_]{0,2}"
    pre, suf = _alt(TOKEN_PREFIXES), _alt(TOKEN_SUFFIXES)
    parts = [f"(?P<{re.sub(r'[^a-z]', '_', name)}>{_alt(words)})" for name, words in groups.items()]
    body = "(?:" + "|".join(parts) + ")"
    return re.compile(rf"(?:(?:{pre}){sep})*{body}(?:{sep}(?:{suf}))*")


CHROME_TOKEN_RE = token_regex({g.rule: g.tokens for g in CHROME_GROUPS})
CAPTION_TOKEN_RE = token_regex({"caption": CAPTION_TOKENS})
# Any "-"/"_"-separated part of a token that names the group (``dfp-tag-wrapper``, ``x_ad_1``).
GROUP_BY_COMPONENT = MappingProxyType({word: g for g in CHROME_GROUPS for word in g.components})
TOKEN_SPLIT_RE = re.compile(r"[-_]+")
# BEM names: the element after "__" is a part of the block and is matched on its own
# (``gallery-article__share``). Modifiers after "--" are not: they name a variant, and
# ``grid-layout--adrail`` (a grid beside an ad rail) holds a whole article in the benchmark.
BEM_ELEMENT_RE = re.compile(r"__([a-z0-9]+(?:[-_][a-z0-9]+)*?)(?=--|__|$)")
# Groups a BEM element does not stand for: a block's own header holds its heading
# (``article-boxout__header`` is a box's "How is the plague spread?" in the benchmark).
BEM_ELEMENT_SKIPPED = frozenset({"page-header"})
# Read-only lookups (the first group listed wins a tag or role claimed twice).
GROUP_BY_KEY = MappingProxyType({re.sub(r"[^a-z]", "_", g.rule): g for g in CHROME_GROUPS})
GROUP_BY_TAG = MappingProxyType({tag: g for g in reversed(CHROME_GROUPS) for tag in g.tags})
GROUP_BY_ROLE = MappingProxyType({role: g for g in reversed(CHROME_GROUPS) for role in g.roles})
# Inline style values that hide an element.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
