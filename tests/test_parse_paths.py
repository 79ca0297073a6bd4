"""parse_html's fast path (RE2 scans, UTF-8 bytes to libxml2) gives what the slow path gives."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from cleanup.html.parse import LAST_SPACE, MAX_ATTRIBUTES, _parse_checked, _scan, parse_html
from cleanup.input.decode import read_page
from cleanup.model import DecodeError, ExtractionError

PAGES = [
    "<html><body><p>café — 日本 😀</p></body></html>",
    "<html><head><meta charset='iso-8859-1'></head><body><p>Grüße aus Köln</p></body></html>",
    "<html><body><script>" + "var a = 1;" * 2000 + "</script><p>After a long script.</p></body></html>",
    "<html><body><p>before</p></body></html><p>after the end</p>",
    "<html><body><p>bell\x07 and\x0c form feed \ufffe</p></body></html>",
    "<html><body><p>lone \ud800 surrogate</p></body></html>",
    "<html><body><p>before</p></body\u3000\u00a0 >\n<p>after a spaced end tag</p></HTML\x85\t>",
    "<?xml version='1.0'?><html><body><p>déclaré</p></body></html>",
    "\u2003 \u3000\n",
    "<html><body>é<div " + "a=1 " * 3000 + ">x</div></body></html>",
    "<html><body><div " + "é=1 " * 2500 + ">x</div></body></html>",  # a bomb over 8,000 characters
    "<html><body><div " + "éé=1 " * 1200 + ">x</div></body></html>",  # 8,400 bytes, 6,000 characters: not counted
]


@pytest.mark.parametrize("markup", PAGES)
def test_the_fast_path_builds_the_tree_of_the_slow_path(markup: str) -> None:
    try:
        expected = etree.tostring(_parse_checked(markup))
    except ExtractionError as exc:
        with pytest.raises(ExtractionError, match=str(exc)[:20]):
            parse_html(markup)
        return
    assert etree.tostring(parse_html(markup)) == expected


def test_control_characters_and_surrogates_take_the_slow_path() -> None:
    assert _scan("<p>a\x01b</p>") is None
    assert _scan("<p>a\ud800b</p>") is None
    assert _scan("<script>" + "x" * 2000 + "\x01</script>") is None  # hidden inside a long-tag hit


def test_long_tags_are_located_by_character_offset() -> None:
    markup = "<p>é</p><div " + "a " * 5000 + ">x</div>"
    scanned = _scan(markup)
    assert scanned is not None
    assert scanned[1] == [markup.index("<div")]


def test_an_attribute_bomb_is_refused_on_the_fast_path() -> None:
    markup = "<html><body>é<div " + "a=1 " * 3 * MAX_ATTRIBUTES + ">x</div></body></html>"
    with pytest.raises(ExtractionError, match="attributes"):
        parse_html(markup)


@pytest.mark.parametrize(
    ("ref", "kept"),
    [
        ("&#27;[31m", "[31m"),  # ESC: would colour, move or clear the user's terminal
        ("&#x1B;[2J", "[2J"),
        ("&#0027[0m", "[0m"),  # no ";" needed, leading zeros
        ("&#7;", ""),
        ("&#127;", ""),
    ],
)
def test_a_reference_to_a_control_character_is_dropped_before_parsing(ref: str, kept: str) -> None:
    markup = f"<html><body><p>a{ref}b</p></body></html>"
    assert _scan(markup) is None  # the slow path drops the reference
    assert parse_html(markup).xpath("string(//p)") == f"a{kept}b"
    page = read_page(markup)  # and the UTF-8 path sends it there
    assert parse_html(page.text, page.utf8).xpath("string(//p)") == f"a{kept}b"


@pytest.mark.parametrize(
    ("ref", "char"),
    [
        ("&#9;", "\t"),  # tab, line feed, carriage return: whitespace, kept
        ("&#39;", "'"),
        ("&#270;", "Ď"),  # starts like &#27 but names another character
        ("&#x1b3;", "Ƴ"),
        ("&#0;", "\ufffd"),  # NUL: libxml2's replacement character, as before
    ],
)
def test_other_references_stay_on_the_fast_path(ref: str, char: str) -> None:
    markup = f"<html><body><p>a{ref}b</p></body></html>"
    assert _scan(markup) is not None
    assert parse_html(markup).xpath("string(//p)") == f"a{char}b"


@pytest.mark.parametrize("markup", PAGES)
def test_the_utf8_read_page_gives_builds_the_same_tree(markup: str) -> None:
    try:
        page = read_page(markup)
    except DecodeError:
        return  # not a page: nothing is parsed
    try:
        expected = etree.tostring(parse_html(page.text))
    except ExtractionError as exc:
        with pytest.raises(ExtractionError, match=str(exc)[:20]):
            parse_html(page.text, page.utf8)
        return
    assert etree.tostring(parse_html(page.text, page.utf8)) == expected


def test_no_white_space_character_comes_after_last_space() -> None:
    assert not any(chr(c).isspace() for c in range(LAST_SPACE + 1, 0x110000))


END_TAG = st.builds(
    "</{}{}>".format,
    st.sampled_from(["body", "BODY", "Html"]),
    st.text(" \t\n\x0b\x1c\u3000\u00a0\x85\u2003", max_size=3),
)
PIECES = END_TAG | st.sampled_from(
    ["<", ">", "/", "</body", "</BODY", "</html", "<p>", "<div a='1'>", "</div>", "x", "é", "日", " ", "\n", "\u3000"]
    + ["\u00a0", "\u2003", "\x85", "\x0c", "\ufffe", "<?xml version='1.0'?>", "<html><body>", "&amp;", "a" * 50]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=30).map("".join))
def test_the_utf8_path_parses_random_markup_as_the_str_path(markup: str) -> None:
    test_the_utf8_read_page_gives_builds_the_same_tree(markup)
