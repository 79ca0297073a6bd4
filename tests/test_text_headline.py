"""A text dump's headline and the summary under it, whatever sits between them and the story.

Found on the dev sets and a multilingual trial of whole-page dumps: share buttons under the
headline pushed it out of the headline finder's reach (a dateline or a caption became the
title), a photo caption ending in its credit was taken for the headline, and the summary
under the headline went with the page header. Each test has its keep-trap.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

MENU = ("Home", "News", "Local", "Sports", "Opinion", "Weather", "Contact")
SHARE = ("Share on Facebook", "Share on Twitter", "Share on WhatsApp", "Share on LinkedIn", "Copy link", "Email")
HEADLINE = "Council approves rail yard homes after a long night of debate"
SUMMARY = (  # no full stop at the end, as standfirsts often are
    "The plan puts up to 1,200 homes on the old rail yard by the river. Opponents say they will go to "
    "court, and the state still has to sign off on the cleanup of the soil"
)

CAPTION = "A for-rent sign on a building in Lavapiés, Madrid, last June. CLAUDIO ÁLVAREZ"


def dump(*lines: str) -> str:
    return "\n\n".join(lines)


def test_share_buttons_under_the_headline_do_not_push_it_out_of_reach() -> None:
    page = dump(*MENU, HEADLINE, "By Jane Roe", "Madrid - 04 jul 2024 - 05:40 CEST", *SHARE, *PARAGRAPHS)
    result = clean(page)
    assert result.title == HEADLINE
    assert result.text.startswith(PARAGRAPHS[0])


def test_a_headline_that_repeats_the_page_title_is_found_above_a_long_row_of_buttons() -> None:
    buttons = ("Article", "Comments (3)", "Blog home page »", "smaller", "Larger", "google plus", "linked in")
    page = dump(f"{HEADLINE} - Harbor Gazette", *MENU, "August 1, 2011, 10:58 AM", HEADLINE, *buttons * 2, *PARAGRAPHS)
    assert clean(page).title == HEADLINE


def test_a_line_far_above_that_shares_no_words_with_the_page_title_is_not_the_headline() -> None:
    # Keep-trap: the reach is for a line repeating the <title>, not for any headline-like line.
    buttons = ("Article", "Comments (3)", "Blog home page »", "smaller", "Larger", "google plus", "linked in")
    page = dump("Harbor Gazette - Local news", "Mayor opens the new ferry terminal downtown", *buttons * 2, *PARAGRAPHS)
    assert clean(page).title != "Mayor opens the new ferry terminal downtown"


def test_a_photo_caption_ending_in_its_credit_is_not_the_headline() -> None:
    for caption in (
        "Firefighters at work in the Borgo district of Faenza (ansa)",
        "A for-rent sign on a building in Lavapiés, Madrid, last June. CLAUDIO ÁLVAREZ",
        "More than 4,000 people expect a notice in the coming weeks (Credit: iStock)",
    ):
        page = dump(*MENU, HEADLINE, "By Jane Roe", caption, *PARAGRAPHS)
        assert clean(page).title == HEADLINE, caption


def test_a_headline_with_a_bracketed_label_is_still_the_headline() -> None:
    # Keep-trap: "(VIDEO)" is no credit.
    headline = "Council approves rail yard homes after a long night (VIDEO)"
    assert clean(dump(*MENU, headline, "By Jane Roe", *PARAGRAPHS)).title == headline


def test_the_summary_under_the_headline_stays_with_the_story() -> None:
    page = dump(*MENU, HEADLINE, SUMMARY, CAPTION, "Jane Roe", "Madrid - 04 jul 2024 - 05:40 CEST", *SHARE, *PARAGRAPHS)
    result = clean(page)
    assert result.title == HEADLINE
    assert result.paragraphs[0] == SUMMARY
    assert "Share on Facebook" not in result.text


def test_a_summary_in_sentences_is_not_taken_for_the_headline_above_it() -> None:
    summary = "The plan puts up to 1,200 homes on the old rail yard. Opponents say they will go to court."
    result = clean(dump(*MENU, HEADLINE, summary, CAPTION, "Jane Roe", *SHARE, *PARAGRAPHS))
    assert result.title == HEADLINE
    assert result.paragraphs[0] == summary


def test_a_dateline_or_caption_under_the_headline_is_no_summary() -> None:
    # Keep-trap: only prose that is not metadata stays as the summary.
    for line in (
        "Madrid - 04 jul 2024 - 05:40 CEST",
        "A for-rent sign in Lavapiés, Madrid, last June. CLAUDIO ÁLVAREZ",
    ):
        result = clean(dump(*MENU, HEADLINE, line, *SHARE, *PARAGRAPHS))
        assert result.title == HEADLINE
        assert line not in result.text, line


def test_a_lynx_link_line_is_not_the_headline() -> None:
    # lynx marks links with reference numbers: "[12]Share [13]Comment (5)" is a row of links.
    page = dump(*MENU, HEADLINE, "Jane Roe", "[12]Udostępnij [13]Skomentuj (5)", *PARAGRAPHS)
    assert clean(page).title == HEADLINE


def test_a_site_tagline_that_repeats_the_title_is_not_the_headline() -> None:
    # A review: a <title> that is the site's own name and tagline is repeated by the tagline at the
    # top of the dump; the headline above the story stays the headline.
    page = dump(
        "Springfield News - Local news, sport and weather",
        "Springfield News: local news, sport and weather",
        *MENU,
        "Bridge repairs approved after a long night of debate",
        "By Jane Roe",
        *PARAGRAPHS,
    )
    assert clean(page).title == "Bridge repairs approved after a long night of debate"
