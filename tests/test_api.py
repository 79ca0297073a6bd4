"""The library API: what clean() promises its callers."""

from __future__ import annotations

import pytest

from cleanup import DecodeError, Options, clean
from cleanup.text.units import split_lines

from conftest import FIXTURES

SEED = FIXTURES / "rollcall-obama-hollande" / "input.txt"


def test_removals_point_at_the_lines_they_removed() -> None:
    """Every removal's first line number holds the start of its text (explanations are checkable)."""
    data = SEED.read_bytes()
    lines = split_lines(data.decode("utf-8"))
    for removal in clean(data).removed:
        assert lines[removal.line - 1].strip() == removal.text.split("\n", 1)[0], removal


def test_nothing_is_lost_body_captions_title_and_removals_cover_the_page() -> None:
    """Never lose text silently: each non-blank input line is kept, the title, a caption or removed."""
    data = SEED.read_bytes()
    result = clean(data)
    accounted = {result.title, *result.paragraphs, *result.captions}
    for removal in result.removed:
        accounted.update(removal.text.split("\n"))
    for line in split_lines(data.decode("utf-8")):
        assert not line.strip() or line.strip() in accounted, line


def test_cleaning_the_output_again_changes_nothing() -> None:
    once = clean(SEED.read_bytes()).to_text()
    assert clean(once).to_text() == once


def test_options_take_lists_and_single_values() -> None:
    options = Options(rules_dirs="rules", disable=["promo-line", "skip-link"])
    assert options.rules_dirs == ("rules",)
    assert options.disable == frozenset({"promo-line", "skip-link"})


def test_options_take_none_for_no_rules_off_and_no_directories() -> None:
    # A caller passing its own optional setting through: None was a bare "not iterable" TypeError.
    options = Options(rules_dirs=None, disable=None)  # type: ignore[arg-type]
    assert options.rules_dirs == () and options.disable == frozenset()
    assert clean(SEED.read_bytes(), disable=None).text == clean(SEED.read_bytes()).text


@pytest.mark.parametrize(
    ("field", "value", "error"), [("url", 123, TypeError), ("max_bytes", "10", TypeError), ("max_bytes", 0, ValueError)]
)
def test_options_refuse_values_that_cannot_work(field: str, value: object, error: type[Exception]) -> None:
    with pytest.raises(error, match=f"Options.{field}"):
        Options(**{field: value})


def test_keyword_options_override_an_options_object() -> None:
    result = clean(
        "Skip to content\n\nThe council voted on Tuesday to close the bridge.\n",
        Options(disable=frozenset({"promo-line"})),
        disable=["skip-link"],
    )
    assert result.text.startswith("Skip to content")


@pytest.mark.parametrize(
    ("page", "kind"),
    [
        ("<p>A fragment with one paragraph.</p>", "html"),
        ("<article><h1>Title</h1><p>Body.</p></article>", "html"),
        ("<p> is the paragraph tag, as any HTML primer says.", "text"),
        ("Title\n\nThe <div> element groups content.", "text"),
    ],
)
def test_a_fragment_is_read_as_markup_and_prose_about_tags_as_text(page: str, kind: str) -> None:
    result = clean(page)
    assert result.kind == kind
    assert "<" not in result.text or kind == "text"


@pytest.mark.parametrize(
    ("page", "limit", "message"),
    [
        ("x" * 100, 10, "input is 100 bytes, over the limit of 10"),  # as clean(b"x" * 100, max_bytes=10)
        ("é" * 100, 150, "input is 200 bytes, over the limit of 150"),  # UTF-8 bytes, not characters
        ("é" * 20, 10, "input is more than 20 bytes, over the limit of 10"),  # more characters: never encoded
    ],
)
def test_max_bytes_holds_for_str_input_by_its_utf8_size(page: str, limit: int, message: str) -> None:
    with pytest.raises(DecodeError, match=message):
        clean(page, max_bytes=limit)
    assert clean("Title\n\nThe council voted on Tuesday.\n" + "é" * 20, max_bytes=200).kind == "text"


PROSE = "The council met on Tuesday and approved the budget for the coming year after a long debate. "


@pytest.mark.parametrize(
    "page",
    [
        "Council approves budget\n\n1 December 2017 \ud800\n\n" + PROSE * 3,  # text: a date line
        "<html><body><h1>Council \ud800 approves</h1><p>" + PROSE * 3 + "</p></body></html>",  # HTML
    ],
    ids=["text", "html"],
)
def test_a_lone_surrogate_in_a_str_costs_no_text(page: str) -> None:
    # A str from json.loads of web data may hold half a UTF-16 pair: it reads as U+FFFD, as in JSON Lines
    # input. It crashed text mode (UTF-8 for RE2) and emptied an HTML page (lxml refuses it).
    result = clean(page)
    assert PROSE.strip() in result.text


def test_a_declared_charset_decodes_bytes_that_are_not_utf8() -> None:
    page = "<html><body><p>Городской совет утвердил новый бюджет на следующий год.</p></body></html>".encode("cp1251")
    assert "Городской" in clean(page, charset="windows-1251").text
    assert "Городской" not in clean(page).text  # no declaration anywhere: the cp1252 guess
    assert "Городской" in clean(page, charset="no-such-charset", encoding="cp1251").text  # --encoding wins
    with pytest.raises(TypeError, match=r"Options\.charset must be a string"):
        clean(page, charset=1251)


def test_bytes_like_input_is_read_and_other_types_are_named() -> None:
    page = b"The council voted on Tuesday to close the old bridge for repairs that take a year."
    assert clean(memoryview(page)).text == clean(bytearray(page)).text == clean(page).text
    with pytest.raises(TypeError, match="clean\\(\\) takes bytes or str, not int"):
        clean(123)


def test_the_result_of_clean_never_holds_a_password_of_its_url() -> None:
    # A new-user trial: Result.url kept "joe:s3cret" (only to_dict and the CLI masked it),
    # so a program logging result.url leaked it.
    page = "<html><body><article><p>" + "The council met on Tuesday and voted to close the bridge. " * 5
    result = clean(page + "</p></article></body></html>", url="https://joe:s3cret@example.com/a")
    assert result.url == "https://joe:***@example.com/a"
    assert "s3cret" not in repr(result)
