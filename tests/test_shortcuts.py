"""The speed shortcuts of text mode and the HTML scorer give the same answers as the plain definitions
they replace.

Each shortcut (skipping units, searching joined text, remembering answers)
is checked against a direct implementation of what it computes, on
generated inputs.
"""

from __future__ import annotations

import dataclasses
import re

from hypothesis import given, settings
from hypothesis import strategies as st

from cleanup.lang.detect import WORD_RE as DETECT_WORD_RE
from cleanup.lang.detect import words_in
from cleanup.lang.page import classify_page
from cleanup.model import Line
from cleanup.rules import LINE_RULES
from cleanup.text import engine
from cleanup.text.article import MIN_TABLE_ROWS, TABLE_ROW_DISCOUNT, value_tables
from cleanup.text.article_end import MIN_ROW_NUMBERS, NUMBER_RE, number_count
from cleanup.text.bio import _substrings
from cleanup.text.blocks import weight
from cleanup.text.chart import chart_labels, chart_runs
from cleanup.text.patterns import CASE_TWINS, COMMENTS_HEADING_KEYS, COMMENTS_HEADING_RE, LEGAL_RE, LIST_HEADING_RE
from cleanup.text.prefilter import literal_prefixes
from cleanup.text.related import heading_like, may_be_list_heading
from cleanup.text.slideshow import SLIDE_RE, _slides
from cleanup.text.units import (
    Units,
    as_units,
    has_invisible,
    holding_any,
    holding_in_order,
    matching,
    may_search,
    split_lines,
    stripped_lines,
    units,
    visible,
)
from cleanup.text.window import PROSE_CHROME_RE

ROW, WORDS = "12 - 3 (4)", "Home page and more"


def plain_value_tables(lines: list[Line], dropped_by: list[str | None], values: list[int]) -> None:
    """Every kept unit tested: runs of MIN_TABLE_ROWS kept rows or more count as text (dropped units are skipped)."""
    kept = [i for i, d in enumerate(dropped_by) if d is None]
    rows = [number_count(lines[k].text) >= MIN_ROW_NUMBERS for k in kept]
    i = 0
    while i < len(rows):
        j = i
        while j < len(rows) and rows[j]:
            j += 1
        if j - i >= MIN_TABLE_ROWS:
            for k in kept[i:j]:
                values[k] = weight(lines[k].text) // TABLE_ROW_DISCOUNT
        i = j + 1


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.tuples(st.booleans(), st.booleans()), max_size=40))
def test_value_tables_tests_every_fourth_unit_and_finds_the_same_tables(units: list[tuple[bool, bool]]) -> None:
    lines = [Line(i + 1, ROW if row else WORDS) for i, (row, _) in enumerate(units)]
    dropped_by = ["promo-line" if dropped else None for _, dropped in units]
    fast, plain = [-40] * len(lines), [-40] * len(lines)
    value_tables(lines, dropped_by, fast)
    plain_value_tables(lines, dropped_by, plain)
    assert fast == plain


# Pieces of PROSE_CHROME_RE's phrases, and letters that make Python's Unicode \b differ from RE2's ASCII one.
NOTICE_BITS = [
    "we use cookies",
    "accept cookies",
    "is a trademark of",
    "cookie policy",
    "é",
    "ÉWE",
    "ſ",
    "K",
    "we",
    " ",
    ".",
    "\x00",
    "x",
    "ACCEPT ALL COOKIES",
    "\u0130",
]


@settings(max_examples=500, derandomize=True)
@given(st.lists(st.lists(st.sampled_from(NOTICE_BITS), max_size=6).map("".join), max_size=10))
def test_matching_finds_the_texts_a_search_per_text_finds(texts: list[str]) -> None:
    assert matching(texts, PROSE_CHROME_RE) == [k for k, t in enumerate(texts) if PROSE_CHROME_RE.search(t)]


def test_units_carry_their_visible_texts_and_as_units_passes_them_through() -> None:
    page = Units((Line(1, "A\u00adB"), Line(2, " Plain ")))
    assert as_units(page) is page
    assert page.visible is page.visible
    assert page.visible == ["AB", "Plain"]
    assert page.lows == ["ab", "plain"]
    assert as_units(list(page)) is not page
    assert as_units(list(page)) == page


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet="ab .\u00a0\u200b\u2003\t\r\n", max_size=60))
def test_a_page_without_invisible_characters_has_stripped_lines_as_its_visible_units(page: str) -> None:
    # clean_text skips visible() when has_invisible(page) is False: units are then their own visible text.
    lines = tuple(units(stripped_lines(page)))
    if not has_invisible(page):
        assert Units(lines, plain=True).visible == [visible(ln.text) for ln in lines]
        assert tuple(units(stripped_lines(page), plain=True)) == lines


LINES = (
    "Skip to content",
    "Share on Facebook",
    "12 Comments",
    "By Jane Doe",
    "© 2019 Acme Inc. All rights reserved.",
    "Follow the money, investigators said.",
    "Photo: Jane Doe/Getty Images",
    "The council met on Tuesday.",
    "Subscribe",
    "“Subscribe to our newsletter,” the pop-up said.",
    "Published November 20, 2019",
)


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.sampled_from(LINES), max_size=15), st.booleans())
def test_line_verdicts_are_the_first_rule_that_fires_remembered_or_not(texts: list[str], fresh: bool) -> None:
    rules = LINE_RULES
    if fresh:
        engine._VERDICTS.clear()
    direct = [
        next(((r.name, why) for r in rules if r.may_fire(t.lower()) and (why := r.func(Line(1, t)))), None)
        for t in texts
    ]
    assert engine.line_verdicts(texts, rules) == direct
    assert engine.line_verdicts(texts, rules) == direct  # now from the memo


@settings(max_examples=200, derandomize=True)
@given(st.lists(st.sampled_from([*LINES, "Image credit Jane Doe", "cookie", "Bild dpa", "a/b", "x (y)"]), max_size=15))
def test_candidates_are_the_rules_whose_pre_check_holds(texts: list[str]) -> None:
    lows = [t.lower() for t in texts]
    direct = {k: [r for r in LINE_RULES if r.may_fire(low)] for k, low in enumerate(lows)}
    assert engine.candidates(lows, LINE_RULES) == {k: rules for k, rules in direct.items() if rules}


def test_the_verdict_memo_is_cleared_when_full(monkeypatch) -> None:
    rules = LINE_RULES
    monkeypatch.setattr(engine, "VERDICT_MEMO_SIZE", 3)
    engine._VERDICTS.clear()
    engine.line_verdicts(LINES[:3], rules)
    engine.line_verdicts(LINES[3:5], rules)
    assert set(engine._VERDICTS[rules]) == set(LINES[3:5])
    assert engine.line_verdicts(LINES[:2], rules) == [
        ("skip-link", "accessibility jump link"),
        ("share-widget", "share or social widget"),
    ]
    # texts judged before and new ones together, past the size: all judged again, none lost
    verdicts = engine.line_verdicts([*LINES[3:5], *LINES[5:8]], rules)
    assert verdicts[:2] == [("byline", "author byline"), ("copyright-footer", "copyright or footer line")]


def test_long_texts_are_judged_but_not_remembered() -> None:
    rules = LINE_RULES
    engine._VERDICTS.clear()
    long_text = "The council met. " * 20
    assert engine.line_verdicts([long_text, "Subscribe"], rules) == [None, ("promo-line", "promotional call to action")]
    assert set(engine._VERDICTS[rules]) == {"Subscribe"}


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.text(alphabet="abcMENT İ\u00ad\n\x00", max_size=12), max_size=12))
def test_holding_in_order_counts_texts_not_lines(texts: list[str]) -> None:
    # units of hard-wrapped text hold newlines; a NUL (never in a page) falls back to text by text
    hints = ("ment", "ab")
    expected = [k for k, t in enumerate(texts) if any(h in t.lower() for h in hints)]
    assert list(holding_in_order(texts, hints)) == expected


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet="ab\r\n\u2028\u2029é", max_size=30))
def test_split_lines_splits_at_every_newline_convention(text: str) -> None:
    # split_lines skips the replaces whose character is not in the page; U+2028/2029 are spaces in a line.
    assert split_lines(text) == re.split(r"\r\n|\r|\n", re.sub("[\u2028\u2029]", " ", text))


# "ſ" and "K" fold to "s" and "k" in re's IGNORECASE but not in lower(): the pre-check must let them through.
HEADING_BITS = [
    "Most Read",
    "Tag",
    "ſponsored Stories",
    "more from",
    "Related",
    " ",
    "Stories",
    "ſ",
    "K",
    "news",
    "in other",
    "À lire aussi",
    "Tags",
    "You May Also Like",
    ":",
    "x",
    "Top",
    "Sponsored Links",
    "\u00a0",
]


@settings(max_examples=500, derandomize=True)
@given(st.lists(st.sampled_from(HEADING_BITS), max_size=5).map("".join))
def test_every_list_heading_passes_the_prefix_precheck(text: str) -> None:
    # related_list looks only at units that pass may_be_list_heading: it must let every heading through.
    if LIST_HEADING_RE.fullmatch(text):
        assert may_be_list_heading(text.lower())


def test_prefixes_read_from_a_pattern_start_every_match() -> None:
    pattern = re.compile(r"(?:top|best)[ -](?:news|reads)(?: today)?|[ab]c\d+|more(?: from)?\s+\w+", re.I)
    prefixes = literal_prefixes(pattern)
    assert prefixes == (
        "ac",
        "bc",
        "best news",
        "best reads",
        "best-news",
        "best-reads",
        "more",
        "top news",
        "top reads",
        "top-news",
        "top-reads",
    )
    assert literal_prefixes(re.compile(r"\w+ says")) is None  # may start with any letter
    assert literal_prefixes(re.compile(r"(?i:top)|news")) is None  # a group with its own flags


@settings(max_examples=500, derandomize=True)
@given(st.text(alphabet="a1.,: 9x_é٣-", max_size=16))
def test_number_pattern_finds_what_the_look_behind_first_form_finds(text: str) -> None:
    assert NUMBER_RE.findall(text) == re.findall(r"(?<![\w.])\d[\d.,:]*(?![\w])", text)


PHRASE_BITS = (
    "Lire aussi : ",
    "Weiterlesen",
    "12 Kommentare",
    "» ",
    "Tous droits réservés",
    "All rights reserved.",
    "The council met on Tuesday",
    " ",
    "\x00",
    "A4 paper",
    "Über uns",
    "x" * 70,
    "reserved",
    "In ",
    "In other news",
    "More from ",
    "BBC Sport",
    "Read more",
    "\t",
    "  ",
    "3",
    "\u212a",
    "(",
    "^ ",
    "© ",
    "» Weiterlesen",
    "ß",
    "ſ",
    "’",
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.lists(st.sampled_from(PHRASE_BITS), max_size=8).map("".join), max_size=12))
def test_classify_page_gives_what_classify_gives_per_line(texts: list[str]) -> None:
    from cleanup import lang

    index = lang.index()
    fresh = dataclasses.replace(index, _seen={})  # an empty memo: every line judged by the batch path
    assert classify_page(fresh, texts, [t.lower() for t in texts]) == [index.classify(t) for t in texts]
    fresh = dataclasses.replace(index, _seen={})  # the key words found by the text rules' RE2 scan
    assert classify_page(fresh, texts, [t.lower() for t in texts], holding_any) == [index.classify(t) for t in texts]


@settings(max_examples=200, derandomize=True, deadline=None)
@given(
    st.lists(st.sampled_from(["Related:", "More from Jane", "ſo", "The end.", "  most read", "Über uns"]), max_size=8)
)
def test_heading_like_is_may_be_list_heading_on_every_unit(texts: list[str]) -> None:
    page = Units(Line(k + 1, t) for k, t in enumerate(texts))
    assert heading_like(page) == {k for k, low in enumerate(page.lows) if may_be_list_heading(low)}


@settings(max_examples=500, derandomize=True, deadline=None)
@given(st.text(alphabet="aZé’'_1²ſ .,\u00a0\u2003\x1c\n-«»()“…·‘", max_size=40))
def test_words_in_finds_the_words_the_pattern_finds(text: str) -> None:
    assert words_in(text) == DETECT_WORD_RE.findall(text)


def test_classify_page_normalises_where_the_raw_head_would_mislead() -> None:
    # Double spaces, tabs and numbers in the head, a case-folded key word past it: classify_page must not
    # decide these from the raw lower-cased text.
    from cleanup import lang

    texts = [
        "Read  more",
        "Read\tmore",
        "Read more",
        "In 3 Kommentaren",
        "» Weiterlesen",
        "[Anzeige]",
        "(" + "x" * 70,
        "(" * 60 + "Weiterlesen",
        "More from  BBC Sport",
        "Alle Rechte vorbehalten. " + "x" * 70,
        "All rights re\u017ferved",
        "Copyright " + "a" * 60 + " \u00a9 All rights reserved",
    ]
    index = lang.index()
    fresh = dataclasses.replace(index, _seen={})
    assert classify_page(fresh, texts, [t.lower() for t in texts]) == [index.classify(t) for t in texts]
    assert index.classify("Read  more") is not None


@settings(max_examples=400, deadline=None)
@given(st.from_regex(COMMENTS_HEADING_RE, fullmatch=True))
def test_every_comments_heading_holds_a_key(text: str) -> None:
    # bio_start matches the pattern only on units holding a key (or a case twin).
    assert any(c in text for c in CASE_TWINS) or any(key in text.lower() for key in COMMENTS_HEADING_KEYS)


@given(st.frozensets(st.text(alphabet="abcdeé'", min_size=1, max_size=5), max_size=8), st.text(alphabet="abcdeé' x"))
def test_a_trie_of_words_is_found_where_one_of_them_is(words: frozenset[str], text: str) -> None:
    assert (_substrings(words).search(text) is not None) == any(w in text for w in words)


_LEGAL_BITS = [
    "are registered trademarks of",
    "not intended to diagnose, treat, cure, or prevent any disease",
    "ı",
    "İ",
    "é",
    "x",
    " ",
    "ſ",
    "for informational purposes only",
    "Best viewed in a modern browser",
    "sale",
]


@given(st.lists(st.sampled_from(_LEGAL_BITS), max_size=6), st.booleans())
def test_may_search_is_true_wherever_the_pattern_finds_a_match(bits: list[str], upper: bool) -> None:
    text = "".join(bits).upper() if upper else "".join(bits)
    assert may_search(LEGAL_RE, text) or LEGAL_RE.search(text) is None


def _plain_measure(root: object, marks: dict) -> dict:
    """scorer.measure as first written: every element sums the segments it closes and its children's sums."""
    from lxml import etree

    from cleanup.html.scorer import SCORED_BLOCK_TAGS, Score, _segment_sums

    scores, stack = {}, []
    chars = links = marked = in_a = in_li = in_mark = 0
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if chars and el.tag in SCORED_BLOCK_TAGS:
            stack[-1] = [a + b for a, b in zip(stack[-1], _segment_sums(chars, links, marked, in_li), strict=True)]
            chars = links = marked = 0
        if event == "start":
            stack.append([0.0, 0.0, 0.0, 0.0])
            in_a += el.tag == "a"
            in_li += el.tag == "li"
            in_mark += el in marks
            text = el.text
        else:
            own = stack.pop()
            scores[el] = Score(*own)
            if stack:
                stack[-1] = [a + b for a, b in zip(stack[-1], own, strict=True)]
            in_a -= el.tag == "a"
            in_li -= el.tag == "li"
            in_mark -= el in marks
            text = el.tail
        if text:
            n = len(text.strip())
            chars, links, marked = chars + n, links + n * (in_a > 0), marked + n * (in_mark > 0)
    return scores


HTML_NODE = st.recursive(
    st.tuples(st.sampled_from(["", "x", "a few words", "  ", "a longer sentence of prose, " * 3]), st.just([])),
    lambda kids: st.tuples(
        st.sampled_from(["p", "div", "a", "span", "li", "ul", "br", "td", "h2", "section"]),
        st.lists(kids, max_size=4),
    ),
    max_leaves=25,
)


@given(HTML_NODE, st.integers(min_value=0, max_value=2**16), st.integers(min_value=1, max_value=8))
@settings(max_examples=300, deadline=None)
def test_measure_gives_the_plain_sums_bit_for_bit(node: object, seed: int, every: int) -> None:
    import random
    import struct

    from lxml import etree

    from cleanup.html.scorer import measure

    def build(parent: object, item: object) -> None:
        head, kids = item
        if not kids and head not in {"p", "div", "a", "span", "li", "ul", "br", "td", "h2", "section"}:
            if len(parent):
                parent[-1].tail = (parent[-1].tail or "") + head
            else:
                parent.text = (parent.text or "") + head
            return
        el = etree.SubElement(parent, head)
        for kid in kids:
            build(el, kid)

    root = etree.Element("body")
    build(root, node)
    pick = random.Random(seed)
    marks = {el: None for el in root.iter() if pick.randrange(every) == 0}
    packed = [struct.pack("<4d", *s) for s in measure(root, marks).values()]
    assert packed == [struct.pack("<4d", *s) for s in _plain_measure(root, marks).values()]


@settings(max_examples=300, derandomize=True)
@given(
    st.lists(
        st.sampled_from(["$915", "’17", "12:30", "billion", "Interest payments", "Home", "The debt grew."]), max_size=30
    ),
    st.data(),
)
def test_chart_labels_pre_check_skips_only_pages_without_a_chart(texts: list[str], data) -> None:
    dropped_by = data.draw(
        st.lists(st.sampled_from([None, None, "promo-line"]), min_size=len(texts), max_size=len(texts))
    )
    page = [Line(i + 1, t) for i, t in enumerate(texts)]
    assert list(chart_labels(page, dropped_by)) == list(chart_runs(texts, dropped_by))


@settings(max_examples=300, derandomize=True)
@given(st.lists(st.sampled_from(["https://a.example/x", "[caption]", "<img src=", "://", "http:", "<b>", "Home", " "])))
def test_dump_urls_skips_only_lines_without_a_url(bits: list[str]) -> None:
    from cleanup.pipeline import CAPTION_MARKUP_RE, URL_RE, dump_urls

    lines = ["".join(bits[k:]) for k in range(len(bits))]
    assert dump_urls(lines) == [m.group(0) for t in lines[:30] for m in URL_RE.finditer(CAPTION_MARKUP_RE.sub(" ", t))]


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet="0123456789:./- aZ٣", max_size=30))
def test_a_dated_headline_holds_a_digit(text: str) -> None:
    from cleanup.text.headline import DATED_RE, DIGIT_RE

    assert DATED_RE.search(text) is None or DIGIT_RE.search(text) is not None


class _PublicOnly:
    """An RE2 pattern seen through the ``re2`` module's calls only (as with a binding ``re2match`` does not know)."""

    def __init__(self, compiled) -> None:
        self.search, self.fullmatch = compiled.search, compiled.fullmatch


@settings(max_examples=300, derandomize=True)
@given(st.text(alphabet="ab\x00é ", max_size=20), st.integers(0, 25))
def test_re2_calls_answer_as_the_module_does(text: str, pos: int) -> None:
    from cleanup.text.re2match import re2_fullmatch, re2_search
    from cleanup.text.units import re2_compile

    compiled = re2_compile("a+b|é|b\x00")
    data = text.encode()
    pos = min(pos, len(data))
    hit = compiled.search(data, pos)
    for pattern in (compiled, _PublicOnly(compiled)):
        assert re2_search(pattern, data, pos) == ((-1, -1) if hit is None else hit.span())
        assert re2_fullmatch(pattern, text) == (compiled.fullmatch(text) is not None)


TITLE_LINE = "Council votes to close the old harbour bridge - Springfield News"
# Title words, a credit tail, and long words that make a repeat longer than a headline, or nearly so.
REPEAT_BITS = ["Council", "votes", "to close", "the old", "harbour bridge", "Springfield", "- Image: AP", "x" * 240]
REPEAT_BITS += ["y" * 60, "."]


@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    st.lists(st.lists(st.sampled_from(REPEAT_BITS), min_size=1, max_size=7).map(" ".join), max_size=40),
    st.data(),
)
def test_title_repeats_looks_at_short_kept_lines_only(lines: list[str], data) -> None:
    from cleanup.text.blocks import repeats_title
    from cleanup.text.credits import CREDIT_TAIL_RE
    from cleanup.text.headline import MAX_HEADLINE_CHARS, _title_plan, title_repeats

    texts = [TITLE_LINE, *lines]
    dropped = data.draw(st.lists(st.sampled_from([None, None, "byline"]), min_size=len(texts), max_size=len(texts)))
    title, head, _ = _title_plan(TITLE_LINE)
    plain = [
        i
        for i in range(1, len(texts))
        if len(texts[i]) <= MAX_HEADLINE_CHARS
        and (repeats_title(texts[i], title) or (head and repeats_title(texts[i], head)))
        and not CREDIT_TAIL_RE.fullmatch(texts[i])
    ]
    assert list(title_repeats(texts)) == plain
    kept = [i for i in plain if dropped[i] is None]
    assert list(title_repeats(texts, dropped, [t.lower() for t in texts])) == kept


def plain_ends_like_sentence(text: str) -> bool:
    """``ends_like_sentence`` without its answers from the last character alone."""
    from cleanup.text.sentence import CLOSERS, EMOJI_TAIL_CHARS, EMOJI_TAIL_RE, SENTENCE_END, SIGNOFF_RE

    if text[-1:] >= "\u2190" and text[-1:] not in SENTENCE_END:
        text = text[:-EMOJI_TAIL_CHARS] + EMOJI_TAIL_RE.sub("", text[-EMOJI_TAIL_CHARS:])
    if text[-1:] in ('"', "”", "»"):
        return True
    if text[-1:] == ")" and SIGNOFF_RE.search(text[-20:]):
        return True
    return text.rstrip(CLOSERS)[-1:] in SENTENCE_END


@settings(max_examples=500, derandomize=True)
@given(st.text(alphabet="aZ9².!?…。！？:;\"'”’»)]( ←🙂\u200d\ufe0fé", max_size=12))
def test_ends_like_sentence_decides_from_the_last_character_as_the_plain_definition(text: str) -> None:
    from cleanup.text.blocks import ends_like_sentence

    assert ends_like_sentence(text) == plain_ends_like_sentence(text)


COMMENT_BITS = (
    "Leave a Reply",
    " Cancel reply",
    "Your email address will not be published",
    ". Required fields are marked *",
    "Schreibe einen Kommentar",
    "Kommentar",
    "Grant for the harbour",
    "İLGİLİ ",
    "» ",
    " ",
    "12 ",
    "comments",
    "Deja una respuesta",
)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(st.lists(st.sampled_from(COMMENT_BITS), max_size=5).map("".join))
def test_opens_comments_looks_up_what_classify_would_find(text: str) -> None:
    from cleanup import lang
    from cleanup.text.related import COMMENT_OPENERS, _opens_comments

    assert _opens_comments(text) == (lang.classify(text, None, COMMENT_OPENERS) is not None)


SLIDE_BITS = ("1", "01", "2", "12", "/", " of ", " von ", " ", "Bild ", "Photograph ", "x" * 14 + " ", "a", "\n", "é")


@given(st.lists(st.lists(st.sampled_from(SLIDE_BITS), max_size=8).map("".join), max_size=6))
def test_the_first_slide_precheck_misses_no_first_slide(texts: list[str]) -> None:
    # slideshow._slides looks for "1" in a unit's first COUNTER_CHARS characters before the pattern.
    found = [(i, m) for i, t in enumerate(texts) if (m := SLIDE_RE.match(t))]
    first = any(int(m[1]) == 1 for _, m in found)
    plain = [(i, int(m[1]), int(m[2])) for i, m in found if 0 < int(m[1]) <= int(m[2])] if first else []
    assert _slides(texts) == plain
