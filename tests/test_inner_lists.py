"""Data lists inside a story in a text dump: the story goes on under them.

A table of releases and their dates, a list of the most active contributors with their counts, a
results table: in a dump each row is a short line, and the run of prose stopped at the list,
throwing away every paragraph under it as the page's footer. A data list with a paragraph of the
story right under it is the story's (``article.past_inner_lists``); so are several tables one after
the other, each under its title and column heading. Keep-traps: a list that closes the story keeps
the related headlines, the site's footer and its menus under it out.
"""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.model import Line
from cleanup.text.story_lists import data_lists_from
from cleanup.text.units import Units

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

HEAD = ("Office suites compared | Weekly Tech", "Home", "News", "Reviews", "Office suites compared")
FOOT = ("About us", "Contact", "Privacy policy", "© Weekly Tech 2024")
RELEASES = (
    "Release Date",
    "4.2.3 April 2014",
    "4.1.6 April 2014",
    "4.2.4 May 2014",
    "4.3 July 2014",
    "4.2.6 August 2014",
    "4.3.1 August 2014",
    "4.3.2 September 2014",
    "4.3.4 November 2014",
    "4.4 January 2015",
    "4.4.1 February 2015",
    *(f"5.{i} {month} 2015" for i, month in enumerate(("March", "April", "May", "June", "July", "August", "Sept."))),
)
CONTRIBUTORS = (
    "Most active developers",
    "By changesets",
    "Herbert Doe 63 16.6%",
    "Jane Schmidt 56 14.7%",
    "Armin Grand 56 14.7%",
    "Oliver Wittmann 46 12.1%",
    "Tsutomu Ueno 33 8.7%",
    "By changed lines",
    "Jane Schmidt 4309 30.6%",
    "Herbert Doe 2811 20.4%",
    "Armin Grand 1991 14.3%",
    "Oliver Wittmann 1258 9.2%",
)
AFTER = (
    "It seems clear that the second project has kept a far busier release cadence, putting out at least "
    "one release a month and keeping two major versions alive at any time.",
    "The first project, meanwhile, has slowed to a handful of releases a year, and its developers say "
    "the volunteers who remain cannot keep up with the security reports.",
)
ROMAN = (
    "Der Stadtrat hat am Dienstag beschlossen, die alte Brücke über den Fluss für Reparaturen zu "
    "sperren, nachdem Anwohner jahrelang über Schäden geklagt hatten.",
    "Die Arbeiten sollen im März beginnen und nach Angaben der Stadt etwa ein Jahr dauern.",
)
TERMINE = (
    "Termine",
    *(
        f"{day}. {month} 2025: {step}"
        for day, month, step in [
            (3, "März", "Sperrung"),
            (17, "März", "Abriss"),
            (2, "Juni", "Fundamente"),
            (9, "Juli", "Pfeiler"),
            (1, "August", "Stahlbau"),
            (5, "September", "Fahrbahn"),
            (20, "Oktober", "Geländer"),
            (3, "November", "Beleuchtung"),
            (1, "Dezember", "Prüfung"),
            (15, "Dezember", "Abnahme"),
        ]
    ),
    "1. April 2026: Eröffnung",
)
WEITER = (
    "Für Fußgänger und Radfahrer wird während der Bauzeit eine Behelfsbrücke errichtet, die nach "
    "Angaben der Stadt bereits im Februar fertig sein soll.",
    "Kosten",
    "Die Stadt rechnet mit Kosten von rund zwölf Millionen Euro, von denen das Land die Hälfte trägt.",
)


def _clean(*lines: str) -> str:
    return clean(("\n\n".join(lines) + "\n").encode()).text


def test_the_story_goes_on_under_a_table_of_releases() -> None:
    text = _clean(*HEAD, *PARAGRAPHS, *RELEASES, AFTER[0], "Development statistics", AFTER[1], *FOOT)
    assert "4.2.6 August 2014" in text
    assert AFTER[0] in text and "Development statistics" in text and AFTER[1] in text
    assert "Privacy policy" not in text


def test_the_story_goes_on_under_tables_one_after_the_other() -> None:
    text = _clean(*HEAD, *PARAGRAPHS, *CONTRIBUTORS, *AFTER, *FOOT)
    assert "By changed lines" in text and "Oliver Wittmann 1258 9.2%" in text
    assert AFTER[1] in text
    assert "© Weekly Tech 2024" not in text


def test_a_german_story_goes_on_under_its_dates() -> None:
    text = _clean(
        "Brücke wird gesperrt | Stadtanzeiger", "Startseite", "Lokales", *ROMAN, *TERMINE, *WEITER, "Impressum"
    )
    assert "17. März 2025: Abriss" in text
    assert WEITER[0] in text and WEITER[2] in text
    assert "Impressum" not in text


def test_the_dump_starting_with_its_headline_goes_on_under_a_table() -> None:
    # cleanup's own output: the headline, then the story (the run is anchored at the headline).
    text = _clean("Office suites compared", *PARAGRAPHS, *RELEASES, AFTER[0], "Development statistics", AFTER[1])
    assert AFTER[1] in text


@pytest.mark.parametrize(
    "after",
    [
        (
            "Related stories",
            "Why the office suite wars never ended",
            "Five spreadsheets we tried",
            "Mail merge, ranked",
        ),
        ("About us", "Newsletter", "Contact", "Careers"),
    ],
    ids=["related-headlines", "footer-menu"],
)
def test_a_list_that_closes_the_story_keeps_what_follows_out(after: tuple[str, ...]) -> None:
    # Keep-trap: the list ends the story; no paragraph of it comes under the list.
    text = _clean(*HEAD, *PARAGRAPHS, *RELEASES, *after, *FOOT)
    assert PARAGRAPHS[-1] in text and all(row in text for row in RELEASES)  # the list is the story's end
    assert all(line not in text for line in after[1:])


def test_teasers_under_a_list_stay_out() -> None:
    # Keep-trap: a related heading under the list is no paragraph of the story, even with teaser
    # summaries under it that read as prose.
    teasers = (
        "More from Weekly Tech",
        "Spreadsheets at 40: a history",
        "The first spreadsheet ran on a computer with 32 kilobytes of memory, and it changed how offices work.",
        "Mail merge, ranked",
    )
    text = _clean(*HEAD, *PARAGRAPHS, *RELEASES, *teasers, *FOOT)
    assert PARAGRAPHS[-1] in text and RELEASES[-1] in text
    assert "Spreadsheets at 40" not in text
    assert "32 kilobytes" not in text


def test_cleaning_again_keeps_the_same_story() -> None:
    once = _clean(*HEAD, *PARAGRAPHS, *CONTRIBUTORS, *AFTER, *FOOT)
    assert clean(once.encode()).text == once


def test_data_lists_from_takes_a_table_title_over_its_column_heading() -> None:
    lines = Units([Line(i + 1, text) for i, text in enumerate(CONTRIBUTORS + AFTER)])
    dropped = [None] * len(lines)
    assert data_lists_from(lines, dropped, 0) == len(CONTRIBUTORS)  # both tables, under their headings
    assert data_lists_from(lines, dropped, len(CONTRIBUTORS)) == len(CONTRIBUTORS)  # prose: no list there


RANKINGS = (
    "The overall rankings of the countries were as follows:",
    *(f"{n}. {country}" for n, country in enumerate(("Finland", "Norway", "Australia", "Canada", "Germany"), 1)),
    *(f"{n}. {country}" for n, country in enumerate(("France", "United Kingdom", "Italy", "Spain"), 6)),
)
REPORT = (
    "The low ranking was due to the country's extreme levels of wealth and income inequality and the weakness "
    "of its safety net, the report said.",
    "Related: Chicago is the country's most segregated city",
    "The report concluded that the safety net provides only half of the financial help that people need, and "
    "that the level of poverty among children is the highest of the ten countries.",
)


def test_the_story_goes_on_under_a_list_it_announces() -> None:
    text = _clean(*HEAD, *PARAGRAPHS, *RANKINGS, *REPORT, *FOOT)
    assert "9. Spain" in text
    assert REPORT[0] in text and REPORT[2] in text
    assert "Related: Chicago" not in text
    assert "© Weekly Tech 2024" not in text


@pytest.mark.parametrize(
    "tail",
    [
        (
            "About us",
            "Contact",
            "Careers",
            "Weekly Tech is an independent magazine about software, published since 1998.",
        ),
        (
            "About us",
            "Contact",
            "Careers",
            "All content on this site is for information only and does not constitute advice.",
        ),
        (
            "Most popular",
            "Why spreadsheets still rule",
            "The quiet death of the fax machine, told by its salesmen.",
            "Apps",
        ),
    ],
    ids=["site-blurb", "disclaimer", "most-popular"],
)
def test_an_announced_list_that_closes_the_story_keeps_the_footer_out(tail: tuple[str, ...]) -> None:
    # Keep-trap: menu items under the list read as more items; the sentence under them is the site's.
    text = _clean(*HEAD, *PARAGRAPHS, *RANKINGS, *tail, *FOOT)
    assert "9. Spain" in text
    assert all(line not in text for line in tail)


def test_an_ad_label_inside_the_list_does_not_end_it() -> None:
    rows = (*RELEASES[:7], "Advertisement", *RELEASES[7:])
    text = _clean(*HEAD, *PARAGRAPHS, *rows, *AFTER, *FOOT)
    assert "Advertisement" not in text
    assert RELEASES[-1] in text and AFTER[1] in text


def test_a_subheading_under_the_list_leads_the_story_on() -> None:
    text = _clean(*HEAD, *PARAGRAPHS, *RELEASES, "Development statistics", *AFTER, *FOOT)
    assert "Development statistics" in text and AFTER[1] in text


def test_a_sidebar_teaser_under_a_list_that_closes_the_story_stays_out() -> None:
    # Keep-trap: one sentence with no heading, then headlines: the sidebar's, too short for the story.
    sidebar = (
        "Police are investigating a break-in at a jewellery shop on Harbour Street overnight, officers said.",
        "Harbour Street break-in",
        "Ferry fares to rise in May",
        "School wins award",
    )
    timeline = ("The timeline:", "Phase 1: 300 homes, 2026", "Phase 2: 400 homes, 2027", "Phase 3: 500 homes, 2029")
    text = _clean(*HEAD, *PARAGRAPHS, *timeline, "Share", "Tweet", *sidebar, *FOOT)
    assert "Phase 3: 500 homes, 2029" in text and PARAGRAPHS[-1] in text
    assert all(line not in text for line in sidebar)
