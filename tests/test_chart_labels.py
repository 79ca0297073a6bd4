"""Text mode: a chart drawn as HTML text (one axis label per line) goes, and the story on both sides of it stays.

Keep-traps: a price list (names and values alternate), the numbers of a lottery
draw (a few), a results table whose rows hold several numbers each.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

TITLE = "Council approves rail yard housing plan - Example News"
HEADLINE = "Council approves rail yard housing plan"
MENU = ("Skip to content", "Menu", "News", "Local", "Sports", "Opinion")
CHART = ("$915", "billion", "Rents since 2019", "$900", "billion", "600", "300", "$263", "billion", "0") + tuple(
    f"’{year}" for year in range(17, 29)
)


def _dump(*texts: str) -> str:
    return "\n\n".join(texts) + "\n"


def _body(*middle: str) -> list[str]:
    page = _dump(TITLE, *MENU, HEADLINE, "By Jane Doe", *PARAGRAPHS[:2], *middle, *PARAGRAPHS[2:], "About Us")
    return clean(page).text.split("\n\n")


def test_a_chart_between_two_halves_of_the_story_goes_and_both_halves_stay() -> None:
    body = _body(*CHART * 3)
    assert PARAGRAPHS[0] in body and PARAGRAPHS[3] in body
    assert "$915" not in body and "’20" not in body


def test_the_chart_labels_are_reported() -> None:
    page = _dump(TITLE, *MENU, HEADLINE, *PARAGRAPHS[:2], *CHART, *PARAGRAPHS[2:])
    assert any(r.rule == "chart-labels" for r in clean(page).removed)


def test_a_price_list_in_the_story_stays() -> None:
    prices = ("Prices at the market:", "Bread", "$2", "Milk", "$1", "Eggs", "$3", "Cheese", "$6", "Apples", "$4")
    assert _body(*prices) == [*PARAGRAPHS[:2], *prices, *PARAGRAPHS[2:]]


def test_a_lottery_draw_in_the_story_stays() -> None:
    draw = ("The numbers drawn:", "5", "12", "23", "34", "45", "48")
    assert _body(*draw) == [*PARAGRAPHS[:2], *draw, *PARAGRAPHS[2:]]
