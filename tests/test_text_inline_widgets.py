"""A widget's line between two of a story's paragraphs ends nothing (text mode).

A dump puts a share bar's "34 Comments", an inline sign-up box or its "Privacy Policy" link where
the page shows them: between paragraphs. Read as the start of a thread, a box or a notice after the
story, each took every paragraph under it (a probe of every pack's drop examples inside a story:
up to twelve of fifteen paragraphs lost). Each test has its keep-trap: the same line after the
story, over what it heads there, still ends the article.
"""

from __future__ import annotations

import pytest

from cleanup import clean

from conftest import STORY_PARAGRAPHS

HEAD = ("Council approves rail yard homes | The Ledger", "Home", "News", "Local", "Sports", "Contact")
TITLE = "Council approves rail yard homes"
FOOT = ("About us", "Privacy", "Terms of use", "© 2024 The Ledger")
# Fifteen paragraphs, each told apart by its number.
STORY = tuple(p.replace(" ", f" ({n}) ", 1) for n, p in enumerate((STORY_PARAGRAPHS * 4)[:15]))


def _cleaned(*units: str) -> str:
    return clean("\n\n".join((*HEAD, TITLE, "By Jane Doe", *units, *FOOT))).text


@pytest.mark.parametrize("line", ["34 Comments", "12 Kommentare", "There are 13 comments", "Comments (3)"])
@pytest.mark.parametrize("at", [3, 10, 14])
def test_a_comment_counter_between_paragraphs_keeps_the_story_under_it(line: str, at: int) -> None:
    text = _cleaned(*STORY[:at], line, *STORY[at:])
    assert all(p in text for p in STORY)


def test_a_comment_form_notice_between_paragraphs_keeps_the_story_under_it() -> None:
    text = _cleaned(*STORY[:10], "Your email address will not be published. Required fields are marked *", *STORY[10:])
    assert all(p in text for p in STORY)


def test_a_counter_over_a_thread_after_the_story_still_opens_it() -> None:
    # Keep-trap: the thread starts with a commenter's name and date, not with prose.
    thread = ("34 Comments", "Joe Roe", "May 3, 2024 at 10:12 am", "I disagree with the council, the soil is a mess.")
    text = _cleaned(*STORY, *thread)
    assert STORY[-1] in text and "I disagree" not in text


@pytest.mark.parametrize("at", [2, 10, 14])
def test_a_privacy_link_between_paragraphs_keeps_the_story_under_it(at: int) -> None:
    text = _cleaned(*STORY[:at], "Privacy Policy", *STORY[at:])
    assert all(p in text for p in STORY)


@pytest.mark.parametrize("at", [13, 14])
def test_a_signup_heading_before_the_last_paragraphs_keeps_them(at: int) -> None:
    text = _cleaned(*STORY[:at], "Sign up for our newsletter to get the best stories delivered.", *STORY[at:])
    assert all(p in text for p in STORY)


def test_a_signup_box_with_its_pitch_after_the_story_still_goes() -> None:
    # Keep-trap: the pitch under the heading speaks of the inbox.
    box = ("Sign up for our newsletter", "Get the day's top stories from the Ledger newsroom delivered to your inbox.")
    text = _cleaned(*STORY, *box)
    assert STORY[-1] in text and "inbox" not in text


@pytest.mark.parametrize("at", [13, 14])
def test_a_whole_signup_box_before_the_last_paragraphs_keeps_them(at: int) -> None:
    # The box's own pitch is a short line; the paragraphs under the form are the story's, and say nothing
    # of a newsletter, an inbox or subscribing.
    box = ("Sign up for our newsletter", "Get the best stories in your inbox.", "Email address", "Sign up")
    text = _cleaned(*STORY[:at], *box, *STORY[at:])
    assert all(p in text for p in STORY)


@pytest.mark.parametrize("at", [3, 8, 13])
def test_an_author_box_inside_the_story_keeps_the_story_under_it(at: int) -> None:
    box = ("About the author", "Jane Doe is a reporter at The Ledger who covers housing and city hall.")
    text = _cleaned(*STORY[:at], *box, *STORY[at:])
    assert all(p in text for p in STORY)


def test_an_author_box_after_the_story_still_goes() -> None:
    # Keep-trap: the same box closing the story, the site's links under it.
    box = ("About the author", "Jane Doe is a reporter at The Ledger who covers housing and city hall.")
    text = _cleaned(*STORY, *box, "Read more from this author", "Previous Article")
    assert STORY[-1] in text and "covers housing" not in text
