"""Chrome vocabularies for the HTML DOM stage: the data in vocab.toml, loaded, and the matchers made of it.

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
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

# camelCase boundary inside a class/id token ("shareButtons" reads as "share-buttons").
CAMEL_RE = re.compile(r"([a-z0-9])([A-Z])")

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
    boxed: bool = False  # a box inside a story (slider, player): kept only when no story stands beside it


VOCAB_FILE = Path(__file__).with_name("vocab.toml")


def _load_vocab(path: Path = VOCAB_FILE) -> dict[str, Any]:
    """The vocabulary data file, read once at import (the HTML stage needs it for every page)."""
    with path.open("rb") as handle:
        return tomllib.load(handle)


def _group(entry: dict[str, Any]) -> ChromeGroup:
    words = ("tags", "roles", "tokens", "components")
    if unknown := set(entry) - {"rule", "reason", "strong", "boxed", *words}:
        raise ValueError(f"{VOCAB_FILE.name}: group {entry.get('rule')!r}: unknown keys {sorted(unknown)}")
    return ChromeGroup(
        entry["rule"],
        entry["reason"],
        strong=bool(entry.get("strong", False)),
        boxed=bool(entry.get("boxed", False)),
        **{key: tuple(entry.get(key, ())) for key in words},
    )


_VOCAB = _load_vocab()
# Layout words that may frame a vocabulary word inside one class/id token (see vocab.toml).
TOKEN_PREFIXES: tuple[str, ...] = tuple(_VOCAB["prefixes"])
TOKEN_SUFFIXES: tuple[str, ...] = tuple(_VOCAB["suffixes"])
# CMS and plugin namespaces ("jp", "td", "cmp"): prefixes that need a separator after them.
TOKEN_NAMESPACES: tuple[str, ...] = tuple(_VOCAB["namespaces"])
SHORT_PREFIX_CHARS = 2  # prefixes this short ("c", "js") need a separator too: "ctools" is one word
CHROME_GROUPS: tuple[ChromeGroup, ...] = tuple(_group(entry) for entry in _VOCAB["group"])
# A class/id token containing one of these names article content even when it also holds a
# chrome word ("aside pullquote", "pull-quote hidden-mobile"): such elements are never marked.
KEEP_TOKEN_PARTS: tuple[str, ...] = tuple(_VOCAB["keep_parts"])
BUILDER_TOKENS = frozenset(_VOCAB["builder_tokens"])
# "elementor-widget-heading" -> "heading"; "elementor-widget", "widget_" -> ""; longest prefix first
_BUILDER_PREFIXES = sorted(_VOCAB["builder_widget_prefixes"], key=len, reverse=True)
BUILDER_WIDGET_RE = re.compile(f"^(?:{'|'.join(map(re.escape, _BUILDER_PREFIXES))})(?:[-_]|$)")
UNIT_BLOCKS: frozenset[str] = frozenset(_VOCAB["unit_blocks"])
KEEP_TOKEN_RE = re.compile("|".join(KEEP_TOKEN_PARTS), re.I)
# Image captions and credits; moved to HtmlPage.captions.
CAPTION_TAGS: tuple[str, ...] = tuple(_VOCAB["caption"]["tags"])
CAPTION_TOKENS: tuple[str, ...] = tuple(_VOCAB["caption"]["tokens"])


def _alt(words: tuple[str, ...]) -> str:
    """Regex alternation of literal words; raises on an empty group (it would match everything)."""
    if not words:
        raise ValueError("empty token group would match every element")
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


SEPARATOR = "[-_]"  # a "-" inside a vocabulary word


def _trie(words: tuple[str, ...]) -> str:
    """Regex of literal words as a trie: the words' common beginnings spelled once.

    The same strings match as with ``_alt``, and a word's "-" matches "_" too ("mas-leidos" names
    "mas_leidos": themes write either); Python's ``re`` then tries a handful of
    first letters at a position instead of every word in turn (the chrome words' 285:
    ``CHROME_TOKEN_RE.fullmatch`` 2.5 -> 1.3 us a token). Used where the order the
    words are tried in cannot change a ``fullmatch``'s outcome (``token_regex``).

    >>> _trie(("share", "shares", "sharing", "ad", "x-y"))
    '(?:ad|shar(?:e(?:s)?|ing)|x[-_]y)'
    """
    if not words:
        raise ValueError("empty token group would match every element")
    root: dict[str, Any] = {}
    for word in set(words):
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def spelled(node: dict[str, Any]) -> str:
        branches = [
            (SEPARATOR if char == "-" else re.escape(char)) + spelled(node[char]) for char in sorted(node) if char
        ]
        if not branches:
            return ""
        joined = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if "" not in node:
            return joined
        return f"(?:{joined})?" if len(branches) == 1 else joined + "?"  # greedy: the longer word first

    return spelled(root)


def token_regex(groups: dict[str, tuple[str, ...]]) -> re.Pattern[str]:
    """One regex to ``fullmatch`` a lower-cased class/id token; ``lastgroup`` names the concept.

    >>> rx = token_regex({"tools": ("tools",)})
    >>> bool(rx.fullmatch("article-tools")), bool(rx.fullmatch("jp-tools")), bool(rx.fullmatch("ctools"))
    (True, True, False)
    >>> bool(rx.fullmatch("mm_tools")), bool(rx.fullmatch("no-tools"))
    (True, False)
    """
    sep, sep_needed = r"[-_]{0,2}", r"[-_]{1,2}"
    glued = tuple(p for p in TOKEN_PREFIXES if len(p) > SHORT_PREFIX_CHARS)
    apart = tuple(p for p in TOKEN_PREFIXES if len(p) <= SHORT_PREFIX_CHARS) + TOKEN_NAMESPACES
    # Any two-letter lead-in set off by a separator is a namespace too ("mm_related"), except
    # the negation "no" ("no-comments" marks a page without them).
    short = r"(?!no[-_])[a-z]{2}"
    pre = rf"(?:(?:{_alt(glued)}){sep}|(?:{_alt(apart)}|{short}){sep_needed})"
    # The words of a group and the suffixes as tries: whichever of them is tried first, a given
    # split of the prefixes is followed by the same first group that lets the token end, so the
    # match and ``lastgroup`` stay. The prefixes keep ``_alt``'s order: it orders the splits.
    parts = [f"(?P<{re.sub(r'[^a-z]', '_', name)}>{_trie(words)})" for name, words in groups.items()]
    body = "(?:" + "|".join(parts) + ")"
    return re.compile(rf"{pre}*{body}(?:{sep}(?:{_trie(TOKEN_SUFFIXES)}))*")


CHROME_TOKEN_RE = token_regex({g.rule: g.tokens for g in CHROME_GROUPS})
# Every word that can give a token a chrome group: the groups' words and components. A token
# holding none of them has none (each way ``chrome._plain_token_group`` finds one needs a word).
CHROME_WORD_RE = re.compile(
    _trie(tuple({w for g in CHROME_GROUPS for w in g.tokens} | {w for g in CHROME_GROUPS for w in g.components}))
)
# Positive evidence (vocab.toml [content], [lead]): names of article body containers and leads.
CONTENT_ITEMPROPS = frozenset(_VOCAB["content"]["itemprops"])
CONTENT_TOKENS = tuple(_VOCAB["content"]["tokens"])
CONTENT_TOKEN_RE = token_regex({"content": CONTENT_TOKENS})
LEAD_WORDS = frozenset(_VOCAB["lead"]["words"])
LEAD_SKIP_INSIDE = frozenset(_VOCAB["lead"]["skip_inside"])
LEAD_OWN_MARKS = frozenset(_VOCAB["lead"]["own_marks"])
LEAD_NOT_WORDS = frozenset(_VOCAB["lead"]["not_words"])
LEAD_HEADER_MARKS = frozenset(_VOCAB["lead"]["header_marks"])
LEAD_OWN_WORDS = frozenset(_VOCAB["lead"]["own_words"])
LEAD_OWN_PREFIXES = frozenset(_VOCAB["lead"]["own_prefixes"])
CAPTION_TOKEN_RE = token_regex({"caption": CAPTION_TOKENS})
CAPTION_WORD_RE = re.compile(_trie(CAPTION_TOKENS))  # in every token CAPTION_TOKEN_RE matches
# Content a click shows (vocab.toml [disclosure]): hidden, it is not marked as a hidden element.
DISCLOSURE_TOKENS = tuple(_VOCAB["disclosure"]["tokens"])
DISCLOSURE_ROLES = frozenset(_VOCAB["disclosure"]["roles"])
DISCLOSURE_HIDDEN_VALUES = frozenset(_VOCAB["disclosure"]["hidden_values"])
PANEL_ROLES = frozenset(_VOCAB["disclosure"]["panel_roles"])
TOGGLE_TAGS = frozenset(_VOCAB["disclosure"]["toggle_tags"])
# A display utility for a breakpoint: "md:block" (Tailwind), "d-lg-flex" (Bootstrap).
RESPONSIVE_SHOW_RE = re.compile(
    r"(?:^|\s)(?:(?:sm|md|lg|xl|2xl):(?:block|flex|grid|inline|inline-block|inline-flex|table|contents)"
    r"|d-(?:sm|md|lg|xl|xxl)-(?:block|flex|grid|inline|inline-block|inline-flex|table))(?=\s|$)"
)
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
# A modifier names a variant of its block, so it marks nothing ("grid-layout--adrail"), except
# a metadata variant: "cmp-text--meta", "card__info--date" are a text block holding the date
# line or byline, in AEM and other component libraries.
BEM_MODIFIER_RE = re.compile(r"--([a-z0-9]+(?:-[a-z0-9]+)*?)(?=--|__|$)")
BEM_MODIFIER_GROUPS = frozenset({"article-meta"})
# Read-only lookups (the first group listed wins a tag or role claimed twice).
GROUP_BY_KEY = MappingProxyType({re.sub(r"[^a-z]", "_", g.rule): g for g in CHROME_GROUPS})
GROUP_BY_TAG = MappingProxyType({tag: g for g in reversed(CHROME_GROUPS) for tag in g.tags})
GROUP_BY_ROLE = MappingProxyType({role: g for g in reversed(CHROME_GROUPS) for role in g.roles})
# Inline style values that hide an element.
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def _anchor_words(tokens: tuple[str, ...]) -> tuple[str, ...]:
    """Words one of which every content token holds: the last "-" part of each, minus those
    holding a shorter one ("articlebody" holds "body").

    >>> _anchor_words(("entry-content", "article-body", "articlebody", "body-copy"))
    ('body', 'content', 'copy')
    """
    last = {t.rpartition("-")[2] for t in tokens}
    return tuple(sorted(w for w in last if not any(o != w and o in w for o in last)))


def _unsplit(word: str) -> set[str]:
    """``word`` with each subset of its hyphens left out: how it reads before camelCase splitting.

    >>> sorted(_unsplit("sign-up-box"))
    ['sign-up-box', 'sign-upbox', 'signup-box', 'signupbox']
    """
    first, *rest = word.split("-")
    spelled = {first}
    for part in rest:
        spelled = {w + sep + part for w in spelled for sep in ("-", "")}
    return spelled


# A class/id value (ASCII, lower-cased) holding none of these words has no chrome group, no keep
# part and no content name (``chrome._names_verdict``): the chrome words as a token may spell them
# before camelCase splitting puts hyphens in ("socialLinks" for "social-links"), the keep parts
# (plain lower-case words: tests/test_shortcuts.py) and the content anchors below.
NAMES_WORD_RE = re.compile(
    _trie(
        tuple(
            {v for g in CHROME_GROUPS for w in (*g.tokens, *g.components) for v in _unsplit(w)}
            | set(KEEP_TOKEN_PARTS)
            | set(_anchor_words(CONTENT_TOKENS))
        )
    )
)
# A class/id value whose lower-cased text holds none of these names no article body: the
# cheap test that spares most values the token split and the vocabulary regex. Sound: the
# token regex matches a content token after lower-casing and separators only, and an anchor
# word holds no separator.
CONTENT_ANCHOR_RE = re.compile("|".join(map(re.escape, _anchor_words(CONTENT_TOKENS))))
