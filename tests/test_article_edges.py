"""Where the text-mode article starts and ends, and why cleaning its output again changes nothing.

The output of text mode (headline, blank line, body) is a page too: cleaned
again it must come back unchanged. Two edges used to move on the second pass:
rows under the headline (a dateline, a score table) and the chrome between
the story and an author bio or comment thread that cut the run.
"""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.model import Line
from cleanup.text.article import FOOTER_REASON, article_bounds
from cleanup.text.article_end import BIO_REASON, RELATED_REASON, end_before_cut

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

MENU = ("Skip to content", "Menu", "News", "Local", "Sports", "Opinion")
FOOTER = ("About Us", "Contact Us", "Careers")
# Long enough for the run of prose to reach it over a few units of chrome.
BIO = (
    "Jane Doe is a city hall reporter for The Ledger, covering housing, transit and the council's budget. "
    "She joined the paper in 2015 after eight years at the Morning Star, where she covered the statehouse."
)
SCORES = ("Rockledge 14 11 6 15 — 44", "Palm Bay 18 22 13 17 — 70", "Heritage 10 12 9 22 — 53", "Cocoa 8 10 3 0 — 21")
HEADLINE = "Viera defeats Rockledge to remain undefeated"
# Reads like a sentence (long, ends with "!"), yet it is the headline.
EXCLAIMED = "The beauty of the old town revealed at the autumn street festival! To the actual scene!"
DATELINES = (
    "0 Comments / in Local News / 2018",
    "Festival 2018: Tradition Series, Part 1",
    "Marronnier Park, 6 PM",
    "Series 2018 [The Palace] Welcome, Part 2",
    "Festival 2018: Tradition Series, Part 3",
)


def _page(*texts: str) -> list[Line]:
    return [Line(i + 1, t) for i, t in enumerate(texts)]


def _dump(*texts: str) -> str:
    return "\n\n".join(texts) + "\n"


def _cleaned_twice(page: str) -> tuple[str, str]:
    once = clean(page).to_text()
    return once, clean(once).to_text()


# --- rows under the headline ------------------------------------------------


def test_a_score_table_under_the_headline_is_not_taken_for_the_headline_on_a_second_pass() -> None:
    once, twice = _cleaned_twice(_dump(f"{HEADLINE} - Example News", *MENU, HEADLINE, *SCORES, *PARAGRAPHS, *FOOTER))
    assert once.startswith(f"{HEADLINE}\n\n{SCORES[0]}\n")
    assert twice == once
    assert clean(once).title == HEADLINE


def test_a_headline_that_reads_like_a_sentence_keeps_the_rows_under_it_on_a_second_pass() -> None:
    page = _dump(f"{EXCLAIMED} - Example News", *MENU, EXCLAIMED, *DATELINES, *PARAGRAPHS, *FOOTER)
    once, twice = _cleaned_twice(page)
    assert once.startswith(f"{EXCLAIMED}\n\n{DATELINES[0]}\n")
    assert twice == once


def test_a_page_that_opens_with_a_paragraph_has_no_headline_invented() -> None:
    # Keep-trap: a first unit that is running prose, with prose under it, stays body text.
    result = clean(_dump(*PARAGRAPHS))
    assert result.title is None
    assert result.text.split("\n\n") == list(PARAGRAPHS)


def test_a_menu_under_a_first_line_is_no_data_list() -> None:
    # Keep-trap: "Home / News / Sports" under the <title> hold no digit or inner punctuation.
    result = clean(_dump(HEADLINE, *MENU, *PARAGRAPHS))
    assert result.text.split("\n\n") == list(PARAGRAPHS)


# --- a subheading that repeats the page <title> -------------------------------

SUBHEAD_TITLE = "Where does the rail yard plan go after the council vote? - The Ledger"
SUBHEADING = "Where does the rail yard plan go from here?"
# Teasers whose headline and summary share one unit: each reads as prose.
MERGED_TEASERS = (
    "Bridge to close for repairs The county said the bridge will close for six weeks from May, and buses will detour.",
    "School budget passes first vote The board approved the budget 5-2 after a long debate on teacher pay.",
)


def test_a_subheading_that_repeats_the_title_inside_the_story_keeps_the_paragraphs_above_it() -> None:
    # Paragraphs right above it and right under it: a subheading, not the headline the run is pulled to.
    page = _dump(SUBHEAD_TITLE, *MENU, "By Jane Doe", *PARAGRAPHS[:2], SUBHEADING, *PARAGRAPHS[2:], *FOOTER)
    assert clean(page).text.split("\n\n") == [*PARAGRAPHS[:2], SUBHEADING, *PARAGRAPHS[2:]]


def test_a_headline_under_teasers_that_read_as_prose_still_anchors_the_story() -> None:
    # Keep-trap: teasers above the headline read as prose, but the headline has its date under it.
    headline = "Council approves the rail yard housing plan"
    page = _dump(f"{headline} - The Ledger", *MENU, *MERGED_TEASERS, headline, "November 20, 2019", *PARAGRAPHS)
    result = clean(page)
    assert result.title == headline
    assert result.text.split("\n\n") == list(PARAGRAPHS)


# --- the end before an author bio or a comment thread ----------------------


def test_share_buttons_and_tags_between_the_story_and_a_bio_go() -> None:
    lines = _page(*MENU, "By Jane Doe", *PARAGRAPHS, "Buffer", "Pin", "Housing, City Council", "Jane Doe", BIO, *FOOTER)
    assert article_bounds(lines, [None] * len(lines)) == (len(MENU) + 1, len(MENU) + 1 + len(PARAGRAPHS))


def test_a_short_closing_sentence_before_a_bio_stays() -> None:
    closing = "The council will vote again in May."
    lines = _page(*MENU, "By Jane Doe", *PARAGRAPHS, closing, "Jane Doe", BIO, *FOOTER)
    assert article_bounds(lines, [None] * len(lines))[1] == len(MENU) + 2 + len(PARAGRAPHS)


def test_a_results_table_that_ends_the_story_before_a_bio_stays() -> None:
    lines = _page(*PARAGRAPHS, *SCORES, "Jane Doe", BIO)
    assert end_before_cut(lines, [None] * len(lines), 0, len(PARAGRAPHS) + len(SCORES)) == len(PARAGRAPHS) + len(SCORES)


COMMENTS = (
    "I live by the rail yard and I think the plan is long overdue, whatever the opponents say about it.",
    "The soil there is a mess, and nobody should move in before the state has signed off on the cleanup.",
    "Reply",
    "Both of you are right, but the council should have asked the neighbours before it voted on Tuesday.",
)


def test_a_counted_comments_heading_that_a_phrase_dropped_still_ends_the_story() -> None:
    # "View comments (27)" is a comment prompt of the English pack; the thread starts there all the same.
    page = _dump(HEADLINE, *MENU, "By Jane Doe", *PARAGRAPHS, "View comments (27)", "Your name *", *COMMENTS, *FOOTER)
    text = clean(page).text
    assert text.split("\n\n") == list(PARAGRAPHS)


def test_a_comment_column_in_the_story_does_not_end_it() -> None:
    # Keep-trap: a bare "Comment" (a table's column, a button) with no thread after it.
    rows = ("Task", "Comment", "enqueued", "started", "claimed")
    page = _dump(HEADLINE, *MENU, "By Jane Doe", *PARAGRAPHS[:2], *rows, *PARAGRAPHS[2:], *FOOTER)
    assert PARAGRAPHS[3] in clean(page).text


def test_a_bio_and_the_page_after_it_are_removed_with_their_own_reason() -> None:
    # Every removal explained: the bio cut is not reported as the page footer.
    page = _dump(HEADLINE, *MENU, "By Jane Doe", *PARAGRAPHS, "Buffer", "Pin", "Jane Doe", BIO, *FOOTER)
    removed = [(r.reason, r.text) for r in clean(page).removed if r.rule == "page-chrome"]
    assert (FOOTER_REASON, "Buffer\nPin") in removed  # the chrome between the story and the bio
    assert next(text for reason, text in removed if reason == BIO_REASON).startswith("Jane Doe\n")


def test_teasers_under_a_related_heading_are_removed_as_teasers() -> None:
    page = _dump(HEADLINE, *MENU, *PARAGRAPHS, "More from The Ledger", *TEASERS, *FOOTER)
    reasons = [r.reason for r in clean(page).removed if r.rule == "page-chrome"]
    assert RELATED_REASON in reasons


def test_story_output_with_chrome_before_a_bio_is_a_fixed_point() -> None:
    page = _dump(HEADLINE, *MENU, "By Jane Doe", *PARAGRAPHS, "Buffer", "Pin", "Jane Doe", BIO, *FOOTER)
    once, twice = _cleaned_twice(page)
    assert "Buffer" not in once
    assert PARAGRAPHS[-1] in once
    assert twice == once


# --- the end before the site's list of other stories ------------------------

TEASERS = (
    "What made the river festival so popular?",
    "Madeline Fry",
    "The festival drew record crowds this year, and organisers want to double its size.",
    "Senator says the housing bill would hurt renters",
    "Sen. David Perdue",
    "The bill would cap rents in cities of more than 100,000 people, its sponsors said.",
)


def test_teasers_with_one_line_summaries_under_a_related_heading_end_the_article() -> None:
    lines = _page(*MENU, *PARAGRAPHS, "More from The Ledger", *TEASERS, *FOOTER)
    assert article_bounds(lines, [None] * len(lines)) == (len(MENU), len(MENU) + len(PARAGRAPHS))


def test_a_closing_section_after_an_in_story_related_box_stays() -> None:
    # Keep-trap: a subheading and a paragraph of three sentences after a "Bekijk ook" box are the
    # story's last section, not a teaser and its summary (a multilingual trial lost a Dutch story's end).
    paragraphs = (
        "Het akkoord moet ervoor zorgen dat de stikstofneerslag op de kwetsbare natuur van de Veluwe in 2035 "
        "met veertig procent is gedaald. Ongeveer tweehonderd veehouders krijgen een aanbod.",
        '"Dit is een akkoord van de streek zelf", zei gedeputeerde Peter Drenth in Arnhem. De provincie trekt '
        "ruim 1,3 miljard euro uit, grotendeels uit het landelijke transitiefonds.",
        "Toch is er onzekerheid. Het nieuwe kabinet heeft aangekondigd het transitiefonds te verkleinen. Als dat "
        "geld wegvalt, kan Gelderland de afspraken niet nakomen.",
    )
    closing = (
        "De komende maanden worden gebiedsplannen per gemeente uitgewerkt. Veehouders die willen stoppen, kunnen "
        "zich vanaf oktober melden bij een speciaal loket. Provinciale Staten stemmen na de zomer over het akkoord."
    )
    teaser = "Vierde boerenprotest in Arnhem: 'Wij zijn het kind van de rekening'"
    page = _dump("Boeren en provincie bereiken akkoord", *paragraphs, "Bekijk ook", teaser, "Hoe nu verder?", closing)
    assert clean(page).text.endswith(closing)


def test_a_bare_bio_heading_over_a_name_and_a_role_ends_the_story() -> None:
    # Found by a multilingual trial: El País-style "Sobre la firma" / name / bio, the bio not repeating the name.
    story = "El pleno aprobó este jueves el nuevo plan de movilidad urbana con los votos del gobierno municipal. " * 3
    bio = "Es redactor jefe de Economía. Antes fue corresponsal en Bruselas y trabajó en Madrid."
    result = clean(_dump("El plan de movilidad", "Por Lluís Pellicer", story, "Sobre la firma", "Lluís Pellicer", bio))
    assert result.text == story.strip()
    assert any(r.reason == BIO_REASON and r.text.startswith("Sobre la firma") for r in result.removed)


def test_a_bare_bio_heading_over_a_name_and_prose_that_says_no_role_stays() -> None:
    # Keep-trap: "About" over a person's name and the story's next paragraph is no bio.
    story = "The council met on Tuesday and voted to close the old bridge for repairs next spring. " * 3
    after = "She said the village had waited for years and would now wait a little longer for its bridge."
    result = clean(_dump("Bridge to close", "By Jane Doe", story, "About", "Mary Smith", after))
    assert result.text.endswith(after)


LINKED_TEASERS = (
    "Pets benefit our mental health A review of existing studies lists the many ways in which pets "
    "provide people with mental health issues some much-needed comfort. Read now",
    "Flu virus destroys tumors Scientists destroyed cancer cells using a modified flu virus. If confirmed "
    "in clinical trials, the findings could offer new treatments. Read now",
    "Email",
    "Print",
)


def test_teasers_that_end_in_their_read_more_link_under_a_related_heading_end_the_article() -> None:
    # Each teaser reads as prose (two in a row), but its own "Read now" link says it is a teaser.
    lines = _page(*MENU, *PARAGRAPHS, "Related coverage", *LINKED_TEASERS, *FOOTER)
    assert article_bounds(lines, [None] * len(lines)) == (len(MENU), len(MENU) + len(PARAGRAPHS))


def test_paragraphs_that_say_read_more_in_a_sentence_after_a_related_heading_stay() -> None:
    # Keep-trap: "read more" inside a sentence that ends with a full stop is story prose.
    story = (
        "Residents who want to read more can ask the council for the full report, which runs to 300 pages.",
        "The report says the soil needs work before any homes go up, and the state must sign off on it.",
    )
    lines = _page(*MENU, *PARAGRAPHS, "Related", *story, *FOOTER)
    assert article_bounds(lines, [None] * len(lines))[1] == len(MENU) + len(PARAGRAPHS) + 3


@pytest.mark.parametrize(
    "heading", ["Lees ook", "Czytaj także", "Lo más leído", "Você pode gostar", "Ähnliche Artikel"]
)
def test_a_related_heading_of_any_language_pack_before_teasers_ends_the_article(heading: str) -> None:
    lines = _page(*MENU, *PARAGRAPHS, heading, *TEASERS, *FOOTER)
    assert article_bounds(lines, [None] * len(lines)) == (len(MENU), len(MENU) + len(PARAGRAPHS))


def test_a_pack_related_heading_inside_the_story_keeps_the_paragraphs_after_it() -> None:
    # Keep-trap: "Lees ook" with two links, then the story goes on.
    lines = _page(*MENU, *PARAGRAPHS[:3], "Lees ook", TEASERS[0], TEASERS[3], PARAGRAPHS[3], PARAGRAPHS[0], *FOOTER)
    assert article_bounds(lines, [None] * len(lines))[1] == len(MENU) + 3 + 3 + 2


def test_a_related_box_inside_the_story_keeps_the_paragraphs_after_it() -> None:
    # Keep-trap: "Leggi anche" / "Related" with a link or two, then the story goes on.
    for heading in ("Related articles", "Leggi anche"):
        lines = _page(*MENU, *PARAGRAPHS[:3], heading, TEASERS[0], TEASERS[3], PARAGRAPHS[3], PARAGRAPHS[0], *FOOTER)
        assert article_bounds(lines, [None] * len(lines))[1] == len(MENU) + 3 + 3 + 2


def test_a_related_heading_before_most_of_the_story_does_not_end_it() -> None:
    # Keep-trap: more story prose after the heading than before it.
    lines = _page(*MENU, PARAGRAPHS[0], "Related", TEASERS[0], PARAGRAPHS[1], TEASERS[3], PARAGRAPHS[2], *FOOTER)
    assert article_bounds(lines, [None] * len(lines))[1] == len(MENU) + 6
