"""The speed shortcuts of site rules (FiveFilters strip rules, their pre-checks) give what libxml2's XPath gives.

Each shortcut walks the tree in Python or answers from an index instead of
running an XPath; it is checked against the XPath it replaces, on generated
pages (markup parsed as the pipeline parses it, attributes and nesting drawn
at random) and on the dev pages' trees.
"""

from __future__ import annotations

import gzip
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cleanup.html.extract import _marks_and_evidence, drop_invisible
from cleanup.html.meta import read_metadata
from cleanup.html.parse import parse_html
from cleanup.html.siterules import CLASS_OR_ID, TokenIndex, after_walk, class_or_id
from cleanup.html.xpath import ATTRIBUTE_VALUES, NeededStrings, PageAttrs, compile_xpath, simple_test
from cleanup.model import Options
from cleanup.sites.ftr import token_xpath

SHARED = Path(__file__).resolve().parents[2] / "shared"
WORDS = ["share", "box", "share-box", "ad", "related", "", "  share  box ", "toc"]
TAGS = ["div", "p", "span", "aside", "section"]
ATTRS = ["class", "id", "href", "data-x", "style"]

ELEMENT = st.recursive(
    st.tuples(st.sampled_from(TAGS), st.dictionaries(st.sampled_from(ATTRS), st.sampled_from(WORDS)), st.just([])),
    lambda kids: st.tuples(
        st.sampled_from(TAGS),
        st.dictionaries(st.sampled_from(ATTRS), st.sampled_from(WORDS)),
        st.lists(kids, max_size=4),
    ),
    max_leaves=20,
)


def markup(item: tuple) -> str:
    tag, attrs, kids = item
    shown = "".join(f' {k}="{v}"' for k, v in attrs.items())
    return f"<{tag}{shown}>x{''.join(markup(k) for k in kids)}</{tag}>"


def page(item: tuple) -> object:
    return parse_html(f"<html><head><meta property='og:title' content='T'></head><body>{markup(item)}</body></html>")


def dev_trees() -> list[object]:
    found = sorted((SHARED / "bench" / "portal" / "html").glob("*.html.gz"))[:12]
    return [parse_html(gzip.decompress(p.read_bytes()).decode("utf-8")) for p in found]


def values_after_walk(doc: object) -> str:
    """PageAttrs.text as the pipeline reads it: from the chrome walk's elements after the invisible ones went."""
    attrs = PageAttrs(doc, NeededStrings(()))
    drop_invisible(doc)
    _marks_and_evidence(doc, read_metadata(doc, None), None, Options(), attrs)
    return attrs.text


def same_values(text: str, doc: object) -> bool:
    """``text`` joins the values the XPath gives on ``doc`` now, in some order."""
    return Counter(text.split("\0")) == Counter(ATTRIBUTE_VALUES(doc) or [""])


@given(ELEMENT, st.booleans())
@settings(max_examples=200, deadline=None)
def test_values_read_from_the_walk_are_the_xpath_s_values(item: tuple, script: bool) -> None:
    # Presence is what the pre-check asks: the values in any order, those of the tree the rules run on.
    doc = page(item)
    if script:
        doc.find("body").insert(0, etree.fromstring("<script class='share' src='ad'>x</script>"))
    assert same_values(values_after_walk(doc), doc)


@given(ELEMENT)
@settings(max_examples=200, deadline=None)
def test_class_or_id_finds_the_elements_the_xpath_finds(item: tuple) -> None:
    doc = page(item)
    assert class_or_id(doc) == [(el, el.get("class"), el.get("id")) for el in CLASS_OR_ID(doc)]


@given(ELEMENT, st.sampled_from(["share", "share box", "box", "toc", "related"]))
@settings(max_examples=200, deadline=None)
def test_token_and_simple_rules_find_what_their_xpath_finds(item: tuple, word: str) -> None:
    doc = page(item)
    index = TokenIndex(doc)
    assert index.find(word) == etree.XPath(token_xpath("strip_id_or_class", word))(doc)
    for expr in (f"//*[contains(@class, '{word}')]", f"//div[@id='{word}']", f'//span[@class="{word}"]'):
        test = simple_test(expr)
        assert test is not None
        assert index.select(test) == compile_xpath(expr)(doc)


def test_a_subtree_or_a_second_root_is_walked_by_the_xpath() -> None:
    doc = parse_html("<html><body><div class='a' id='b'><p class='c'>x</p></div></body></html>")
    inner = doc.find(".//div")
    assert [el for el, _, _ in class_or_id(inner)] == CLASS_OR_ID(inner)
    attrs = PageAttrs(inner, NeededStrings(()))
    after_walk(attrs, inner, [inner])
    assert attrs.text == "a\0b\0c" == "\0".join(ATTRIBUTE_VALUES(inner))


@pytest.mark.skipif(not (SHARED / "bench").is_dir(), reason="needs ../shared/bench")
def test_the_walks_give_the_xpaths_answers_on_dev_pages() -> None:
    for doc in dev_trees():
        assert [el for el, _, _ in class_or_id(doc)] == CLASS_OR_ID(doc)
        assert same_values(values_after_walk(doc), doc)


def plain_holds_most(article: tuple, el: object) -> bool:
    """ArticleGuard.holds_most as first written: every container measured, then each one's share."""
    from cleanup.html.dom import text_length

    total = sum(text_length(root) for root in article)
    if not total:
        return False
    inside = 0
    for root in article:
        if root is el or el in root.iterancestors():
            inside += text_length(root)
        elif root in el.iterancestors():
            inside += text_length(el)
    return 2 * inside >= total


@given(ELEMENT, st.data())
@settings(max_examples=200, deadline=None)
def test_the_article_guard_measures_only_for_related_elements_and_answers_as_before(item: tuple, data) -> None:
    from cleanup.html.marks import ArticleGuard

    doc = page(item)
    elements = list(doc.find("body").iter(etree.Element))
    article = tuple(data.draw(st.lists(st.sampled_from(elements), max_size=2, unique=True)))
    guard = ArticleGuard(article)
    for el in data.draw(st.lists(st.sampled_from(elements), max_size=6)):
        assert guard.holds_most(el) == plain_holds_most(article, el)


@given(st.lists(st.text(alphabet="ab \n\0", max_size=6), max_size=8), st.text(alphabet="ab \n\0", max_size=3))
@settings(max_examples=300, deadline=None)
def test_joined_values_find_the_values_a_test_per_value_finds(values: list[str], probe: str) -> None:
    from cleanup.html.siterules import Joined

    assert Joined(values).holding(probe) == [n for n, value in enumerate(values) if probe in value]
