"""Teaser cards (cleanup.html.cards): a grid of links to other stories goes, in any language; lists that
look like one and are content stay."""

from __future__ import annotations

from cleanup import clean
from cleanup.model import Options

from html_pages import joined, page, story

CANONICAL = '<link rel="canonical" href="https://www.example.com/diets/atkins.html">'


def cards(n: int, host: str = "", summary: str = "Ten kilos in fourteen days.") -> str:
    """``n`` teaser cards: a picture link and a title link to the same page, and a one-line summary."""
    return "".join(
        f'<div class="tumb"><a href="{host}/diet-{i}.html"><img src="/d{i}.jpg" alt=""></a>'
        f'<div class="title"><a href="{host}/diet-{i}.html">Diet number {i}</a></div>'
        f'<div class="body">{summary}</div></div>'
        for i in range(n)
    )


def test_a_grid_of_teaser_cards_and_its_heading_go_whatever_the_language() -> None:
    markup = page(
        f'<div id="c">{story(6)}<div id="box"><h2>Самые популярные диеты</h2>{cards(6)}</div></div>', CANONICAL
    )
    body = joined(markup)
    assert "Paragraph 5." in body
    assert "Diet number" not in body and "Ten kilos" not in body
    assert "Самые популярные диеты" not in body


def test_cards_with_absolute_links_are_the_site_s_own_when_the_page_has_no_url() -> None:
    markup = page(
        f'<div id="c">{story(6)}<a href="https://example.com/">Home</a>{cards(5, "https://example.com")}</div>'
    )
    assert "Diet number" not in joined(markup)


def test_a_removal_names_the_rule_and_it_can_be_switched_off() -> None:
    markup = page(f'<div id="c">{story(6)}{cards(4)}</div>', CANONICAL)
    result = clean(markup)
    assert any(r.rule == "teaser-cards" and "Diet number 0" in r.text for r in result.removed)
    assert "Diet number 0" in clean(markup, Options(disable={"teaser-cards"})).text


def test_keep_shop_offers_whose_links_leave_the_site() -> None:
    markup = page(f'<div id="c">{story(6)}{cards(5, "https://shop.test")}</div>', CANONICAL)
    assert "Diet number 4" in joined(markup)


def test_keep_two_cards_and_a_gallery_whose_captions_are_no_links() -> None:
    gallery = "".join(
        f'<figure class="g"><a href="/big-{i}.jpg"><img src="/s{i}.jpg"></a><figcaption>Harbour at dawn, day {i}.'
        "</figcaption></figure>"
        for i in range(5)
    )
    markup = page(f'<div id="c">{story(6)}{cards(2)}{gallery}</div>', CANONICAL)
    body = joined(markup)
    assert "Diet number 1" in body


def test_keep_a_page_made_of_teasers() -> None:
    # A section front: the cards are the page, not chrome beside an article.
    markup = page(f'<div id="c">{story(1)}{cards(12, summary="A long summary of the story. " * 3)}</div>', CANONICAL)
    assert "Diet number 11" in joined(markup)


def test_keep_items_of_a_story_longer_than_a_teaser() -> None:
    long_item = "The first stop is the harbour, where the ferries leave every hour for the islands. " * 4
    markup = page(f'<div id="c">{story(40)}{cards(4, summary=long_item)}</div>', CANONICAL)  # a small part
    assert "Diet number 3" in joined(markup)
