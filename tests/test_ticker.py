"""Text mode: the article ends before a news ticker (time-stamped latest headlines), and keeps its own times.

A ticker after the story ("Direct", "Newsticker", "Latest") holds entries that each
start with the time they were posted, newest first; some are a sentence or two,
which drew the run of prose on into them. Keep-traps: a programme or timeline in
the story (times running forward), a live blog (its <title> says so), a quote's
signature with a time and a date.
"""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.text.ticker import is_live_page, stamp

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

TITLE = "Council approves rail yard housing plan - Example News"
HEADLINE = "Council approves rail yard housing plan"
MENU = ("Skip to content", "Menu", "News", "Local", "Sports", "Opinion")
FOOTER = ("About Us", "Contact Us", "Careers", "© 2024 Example News")
ENTRY = (
    "Firefighters brought the blaze at the old mill under control after four hours, and no one was hurt, "
    "the fire service said on Tuesday evening."
)
TICKER = (
    "Live",
    "14:44 Storm warning issued for the coast",
    "14:32 Bridge reopens after repairs",
    "14:10",
    "Fire.",
    ENTRY,
    "13:54 Mayor to seek third term",
    "13:41 School budget passes first vote",
)
AGO_TICKER = (
    "Latest",
    "Storm warning issued for the coast",
    "12m ago",
    "Bridge reopens after repairs",
    ENTRY,
    "1h ago",
    "Mayor to seek third term",
    "2h ago",
)
CZECH_TICKER = ("Právě se děje", "před 5 minutami", "Bouřka na pobřeží", "před 20 minutami", ENTRY, "před 2 hodinami")
GERMAN_TICKER = ("Newsticker", "vor 5 Minuten", "Sturmwarnung für die Küste", "vor 20 Minuten", ENTRY, "vor 2 Stunden")


def _dump(*texts: str) -> str:
    return "\n\n".join(texts) + "\n"


def _body(page: str) -> list[str]:
    return clean(page).text.split("\n\n")


@pytest.mark.parametrize(
    "ticker", [TICKER, AGO_TICKER, GERMAN_TICKER, CZECH_TICKER], ids=["clock", "ago", "german", "czech"]
)
def test_the_article_ends_before_a_ticker_after_it(ticker: tuple[str, ...]) -> None:
    page = _dump(TITLE, *MENU, HEADLINE, *PARAGRAPHS, *ticker, *FOOTER)
    assert _body(page) == list(PARAGRAPHS)


def test_a_ticker_of_headlines_goes_even_when_its_items_outweigh_the_story() -> None:
    # Most entries are one line (a time, a headline); a few longer items hold more prose than the story.
    items = [line for k in range(6) for line in (f"{14 - k}:{40 - 5 * k} Headline number {k} of the day",)]
    longer = ("12:10", "Fire.", ENTRY, ENTRY.replace("four", "five"), ENTRY.replace("Tuesday", "Monday"))
    story = PARAGRAPHS[:2]
    page = _dump(TITLE, *MENU, HEADLINE, *story, "Direct", *items, *longer, *FOOTER)
    assert _body(page) == list(story)


def test_the_ticker_goes_as_page_chrome() -> None:
    result = clean(_dump(TITLE, *MENU, HEADLINE, *PARAGRAPHS, *TICKER, *FOOTER))
    gone = "\n".join(r.text for r in result.removed if r.rule == "page-chrome")
    assert ENTRY in gone


def test_a_programme_in_the_story_stays() -> None:
    # Keep-trap: times that run forward are the story's schedule, not a ticker.
    programme = ("The programme:", "09:00 Doors open", "10:30 Keynote by the mayor", "12:00 Lunch in the hall")
    page = _dump(TITLE, *MENU, HEADLINE, *PARAGRAPHS[:2], *programme, *PARAGRAPHS[2:], *FOOTER)
    assert _body(page) == [*PARAGRAPHS[:2], *programme, *PARAGRAPHS[2:]]


def test_a_live_blog_keeps_its_entries() -> None:
    # Keep-trap: on a page whose <title> says it is live, the time-stamped entries are the story.
    page = _dump(f"LIVE: {HEADLINE} - Example News", *MENU, f"LIVE: {HEADLINE}", *PARAGRAPHS[:2], *TICKER[1:])
    assert ENTRY in clean(page).text


def test_a_story_too_short_to_stand_before_a_ticker_is_not_cut() -> None:
    # Keep-trap: the stamps must come after a story of its own (MIN_STORY_CHARS of prose).
    page = _dump(TITLE, *MENU, HEADLINE, "Updates below.", *TICKER[1:], *PARAGRAPHS, *FOOTER)
    assert ENTRY in clean(page).text


def test_a_timeline_told_newest_first_in_the_story_stays() -> None:
    # Keep-trap: a story's own reconstruction counts backwards, with no ticker heading above it.
    timeline = (
        "23:40 Police close the last road out of the valley and ask residents to leave.",
        "22:15 Water reaches the first houses in the lower village, witnesses say.",
        "21:05 Engineers report a crack in the eastern wall of the dam.",
        "20:30 The mayor calls an emergency meeting at the town hall.",
    )
    closing = "The investigation into the failure is expected to take months, officials said."
    page = _dump(TITLE, *MENU, HEADLINE, *PARAGRAPHS[:2], *timeline, closing, *FOOTER)
    body = _body(page)
    assert all(line in body for line in (*timeline, closing))


def test_live_updates_under_a_plain_title_keep_their_updates() -> None:
    # Keep-trap: a live page whose <title> does not say so: an intro, then long updates newest first.
    # The updates hold more prose than the intro above the first stamp, so they are the story.
    updates = [line for k, p in enumerate(PARAGRAPHS) for line in (f"{14 - k}:0{k} Update", p)]
    page = _dump(TITLE, *MENU, HEADLINE, PARAGRAPHS[0], *updates, *FOOTER)
    body = _body(page)
    assert all(p in body for p in PARAGRAPHS)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("14:44 Accusations de viols : 14 militaires mis en cause", ("clock", 884)),
        ("2:05 pm Storm warning issued", ("clock", 845)),
        ("14.44 Uhr", ("clock", 884)),
        ("14h10", ("clock", 850)),
        ("il y a 5 min", ("ago", 5)),
        ("hace 2 horas", ("ago", 120)),
        ("před 3 minutami", ("ago", 3)),
        ("před 1 hodinou", ("ago", 60)),
        ("3 minuti fa", ("ago", 3)),
        ("10 minuten geleden", ("ago", 10)),
        ("5 minut temu", ("ago", 5)),
        ("2:44 PM - 12 Mar 2019", None),  # a post's signature: time, then a date
        ("14.10.2021", None),  # a date
        ("5 min read", None),  # a reading time
        ("12:30, and the hall was still empty.", None),  # prose opening with a time and punctuation
    ],
)
def test_stamp(text: str, expected: tuple[str, int] | None) -> None:
    assert stamp(text) == expected


def test_live_page_words() -> None:
    assert is_live_page("Liveticker: Bundestag stimmt ab")
    assert is_live_page("EN DIRECT - Séisme au Népal")
    assert not is_live_page("Council approves rail yard housing plan - Example News")
