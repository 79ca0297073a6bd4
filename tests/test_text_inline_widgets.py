"""A widget's line between two of a story's paragraphs ends nothing (text mode).

A dump puts a share bar's "34 Comments", an inline sign-up box or its "Privacy Policy" link where
the page shows them: between paragraphs. Read as the start of a thread, a box or a notice after the
story, each took every paragraph under it (a probe of every pack's drop examples inside a story:
up to twelve of fifteen paragraphs lost). Each test has its keep-trap: the same line after the
story, over what it heads there, still ends the article. A gallery of other news inside a story
goes, slide by slide, and the story after it stays.
"""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.model import Line
from cleanup.text.slideshow import slideshow

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


def test_a_thread_of_comments_with_no_names_after_the_story_still_goes() -> None:
    # Keep-trap: its first comment reads as a paragraph under the counter, its "Reply" buttons say thread.
    thread = (
        "34 Comments",
        "I disagree with the council entirely, the soil under the rail yard is a mess and everyone knows it.",
        "Reply",
        "This is the best news the city has had in years, finally some homes for the young families here.",
        "Reply",
    )
    text = _cleaned(*STORY, *thread)
    assert STORY[-1] in text and "I disagree" not in text and "best news" not in text


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


SLIDES = (
    "Business news in pictures",
    "1/4 Rail yard sold",
    "The city sold the last plot of the rail yard to a housing trust on Monday, officials said at noon.",
    "GETTY IMAGES",
    "2/4 Bridge reopens",
    "The old bridge reopened to traffic after two years of repairs, and the first buses crossed it at dawn.",
    "GETTY IMAGES",
    "3/4 Port strike ends",
    "Dock workers voted to end their strike after the port agreed to a new contract late on Friday night.",
    "REUTERS",
    "4/4 Mall to close",
    "The riverside mall will close in March, its owners said, after losing its last two big stores last year.",
    "GETTY IMAGES",
)


def test_a_gallery_of_other_news_inside_the_story_goes_and_the_story_after_it_stays() -> None:
    text = _cleaned(*STORY[:10], *SLIDES, *STORY[10:])
    assert all(p in text for p in STORY)
    assert "Dock workers" not in text and "1/4" not in text and "Business news in pictures" not in text


def test_a_gallery_that_is_the_story_stays() -> None:
    # Keep-trap: a short intro, then the slides: the gallery is what the page is about.
    text = _cleaned(STORY[0], *SLIDES[1:])
    assert "Dock workers" in text and "riverside mall" in text


def test_the_storys_line_that_announces_a_gallery_stays() -> None:
    # Keep-trap: "The newly selected five are:" is the story's own line over the slides.
    announce = "The four deals of the week were:"
    text = _cleaned(*STORY[:10], announce, *SLIDES[1:], *STORY[10:])
    assert announce in text and all(p in text for p in STORY)


def test_dated_lines_that_count_nothing_stay() -> None:
    # Keep-trap: a guest book's dates ("01/17 Terry: ...") are no slide counters.
    book = ("01/17 Terry: are you coming back next spring?", "01/09 Ann: lovely photos!", "01/05 Bo: thanks")
    lines = [Line(i + 1, t) for i, t in enumerate((*STORY, *book))]
    assert list(slideshow(lines, [None] * len(lines))) == []


def test_a_last_slide_with_no_credit_leaves_the_paragraph_under_it() -> None:
    # The last slide is taken as long as a slide is on average: with no credit line of its own, that
    # took the story's next paragraph.
    text = _cleaned(*STORY[:10], *SLIDES[:-1], *STORY[10:])
    assert all(p in text for p in STORY)
    assert "riverside mall" not in text and "Dock workers" not in text


def test_a_gallery_of_short_captions_leaves_the_paragraph_under_its_last_one() -> None:
    gallery = (
        "Photos: the rail yard",
        "Image 1 of 4",
        "The rail yard seen from the bridge on Tuesday morning, before the vote.",
        "Photo: Jane Doe",
        "Image 2 of 4",
        "Council members tour the site in March, with the mayor leading the way.",
        "Photo: Jane Doe",
        "Image 3 of 4",
        "Protesters outside city hall before the vote on Tuesday evening.",
        "Photo: John Roe",
        "Image 4 of 4",
        "The river front where the first homes would go up.",
    )
    text = _cleaned(*STORY[:10], *gallery, *STORY[10:])
    assert all(p in text for p in STORY)
    assert "Protesters outside" not in text


def test_a_storys_own_numbered_list_right_under_its_intro_stays() -> None:
    # Keep-trap: "1/5 Paris" under a travel story's intro, no heading between: the list is the story.
    places = ("Paris", "Rome", "Lisbon", "Prague", "Vienna")
    items = [u for n, place in enumerate(places, 1) for u in (f"{n}/5 {place}", f"{STORY[n]} In {place}.")]
    text = _cleaned(*STORY[6:12], *items, STORY[14])
    assert all(item in text for item in items)


def test_short_paragraphs_between_inline_related_boxes_and_a_subheading_stay() -> None:
    # Inline boxes of headlines between short paragraphs, and a subheading: the boxes' units keep the
    # paragraphs "apart" (teaser_list._teasers_only), but no kept headline over a summary came before
    # the first box, so nothing has shown them to be teasers (found by a review).
    short = (
        "The council will meet again in May to vote on the final design of the new homes.",
        "Residents can comment on the plan online until the end of April, the city said.",
        "The state must still sign off on the cleanup plan for the soil on the site.",
        "Work could begin next year if the state agrees, planners said on Tuesday.",
    )
    boxes = (
        ("Related coverage", "Mayor defends housing plan at packed meeting", "Rail yard cleanup to cost $40m"),
        ("You may also like", "Schools to reopen Monday after repairs"),
        ("What comes next",),
        ("Read more", "Police seek driver in crash"),
    )
    text = _cleaned(*STORY[:6], *(u for box, p in zip(boxes, short, strict=True) for u in (*box, p)))
    assert all(p in text for p in (*STORY[:6], *short))


@pytest.mark.parametrize(
    "bar",
    [
        ("34 Comments", "Share", "Like"),
        ("Like", "34 Comments"),
        ("Facebook", "Twitter", "Email", "34 Comments", "Print"),
    ],
)
def test_a_share_bar_with_its_counter_between_paragraphs_keeps_the_story_under_it(bar: tuple[str, ...]) -> None:
    # "Like" and "Print" alone are too weak for share-widget, and "Like" is a thread's line too: the bar's
    # buttons are stepped over, and a thread's own lines ("Reply", "joe says:") are what tell a thread.
    text = _cleaned(*STORY[:5], *bar, *STORY[5:])
    assert all(p in text for p in STORY)
