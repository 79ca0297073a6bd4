"""Reader comment threads no class or id names, known by their lines (html/threads.py): a thread
longer than a short story in the same element no longer takes the story's place. Keep-traps: a
story quoting people ("Jane Smith said:") and a story under its headline with such lines in it."""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.html.threads import THREAD_HINT, comment_line, without_threads
from cleanup.text.threads import THREAD_LINE_RE
from cleanup.text.units import re2_compile

STORY = (
    "The city council voted on Tuesday to close the old bridge over the river for repairs next spring.",
    "Engineers found cracks in two of its supports during an inspection in March, the council said.",
    "Traffic will be sent over the new bridge two miles north while the work goes on, for about a year.",
)
COMMENT = (
    "I have crossed that bridge every day for twenty years and it has been shaking for at least five of them. "
    "Good that somebody finally looked at it, but a whole year of detours will cost us all a lot of time."
)


def _page(heads: list[str], reply: str, lang: str = "en") -> str:
    """A page with no class nor id: the headline, a short story, then a longer thread, in one <div>."""
    story = "".join(f"<p>{p}</p>" for p in STORY)
    thread = "".join(
        f"<div><div><b>{head}</b></div><div><p>{COMMENT} ({n})</p></div><div><a href='#r{n}'>{reply}</a></div></div>"
        for n, head in enumerate(heads)
    )
    return (
        f"<html lang='{lang}'><head><title>Council closes the old bridge</title></head><body><div>"
        f"<div><h1>Council closes the old bridge</h1>{story}</div><div>{thread}</div></div></body></html>"
    )


HEADS = [f"reader{n} says:" for n in range(8)]


def test_a_thread_longer_than_the_story_is_left_out() -> None:
    result = clean(_page(HEADS, "Reply"))
    assert all(p in result.text for p in STORY)
    assert COMMENT not in result.text
    assert any(COMMENT in r.text for r in result.removed)  # reported (outside the article it was chosen for)


def test_a_german_wordpress_thread_is_left_out_too() -> None:
    heads = [f"Leser{n} am 3. März 2019 um 10:1{n} Uhr sagt:" for n in range(8)]
    result = clean(_page(heads, "Antworten", "de"))
    assert all(p in result.text for p in STORY)
    assert COMMENT not in result.text


@pytest.mark.parametrize(
    ("lang", "reply"), [("en", "Reply"), ("de", "Antworten"), ("fr", "Répondre"), ("pl", "Odpowiedz")]
)
def test_a_thread_whose_reply_links_sit_inline_in_each_comment_is_left_out(lang: str, reply: str) -> None:
    # A comment's block holds its head, its text and its reply link inline, no block of their own:
    # the story went, the thread was the article (found by a probe in eight languages).
    thread = "".join(
        f"<div><p><b>Anna Weber{n}</b> 12.03.2024</p><p>{COMMENT} ({n})</p><a href='#r{n}'>{reply}</a></div>"
        for n in range(15)
    )
    story = "".join(f"<p>{p}</p>" for p in STORY)
    body = f"<main><h1>Council closes the old bridge</h1>{story}<div>{thread}</div></main>"
    page = f"<html lang='{lang}'><body>{body}</body></html>"
    result = clean(page)
    assert all(p in result.text for p in STORY)
    assert COMMENT not in result.text


def test_a_french_head_that_says_dit_is_a_threads_line() -> None:
    heads = [f"lecteur{n} dit :" for n in range(8)]
    result = clean(_page(heads, "Partager", "fr"))  # no reply button: the heads alone tell the thread
    assert all(p in result.text for p in STORY)
    assert COMMENT not in result.text


def test_a_paragraph_holding_an_inline_link_named_like_a_reply_is_no_thread() -> None:
    # Keep-trap: a story's paragraphs each with a link whose text is "Antworten" (a FAQ's answers).
    paras = "".join(f"<p>{COMMENT} ({n}) Mehr dazu unter <a href='/faq{n}'>Antworten</a></p>" for n in range(6))
    body = f"<div><div><h1>Council closes the old bridge</h1></div><div>{paras}</div></div>"
    page = f"<html lang='de'><body>{body}</body></html>"
    result = clean(page)
    assert all(f"{COMMENT} ({n})" in result.text for n in range(6))


def test_switched_off_the_thread_takes_the_story_s_place_again() -> None:
    result = clean(_page(HEADS, "Reply"), disable=frozenset({"comment-thread"}))
    assert COMMENT in result.text
    assert not any(r.rule == "comment-thread" for r in result.removed)


def test_a_story_quoting_people_is_no_thread() -> None:
    quotes = "".join(f"<p>Council member Jane Smith{n} said:</p><p>{COMMENT} ({n})</p><p>Reply</p>" for n in range(6))
    page = f"<html><body><div><div><h1>Council closes the old bridge</h1></div><div>{quotes}</div></div></body></html>"
    result = clean(page)
    assert all(f"{COMMENT} ({n})" in result.text for n in range(6))
    assert not any(r.rule == "comment-thread" for r in result.removed)


def test_a_thread_s_lines_beside_story_paragraphs_are_no_thread() -> None:
    """Paragraphs of the story among the lines (a quiz's "Reply" buttons, quoted heads): most children
    of the element hold none, so it is the story's."""
    lines = "".join(f"<div><p>{COMMENT} ({n})</p></div>" for n in range(9))
    lines += "".join(f"<div><p>{head}</p></div>" for head in HEADS[:3])
    page = f"<html><body><div><div><h1>Council closes the old bridge</h1></div><div>{lines}</div></div></body></html>"
    assert all(f"{COMMENT} ({n})" in clean(page).text for n in range(9))


def test_every_thread_line_holds_a_hint() -> None:
    """A line counts only when it also holds a hint; these lines of each kind do, as themes write them."""
    hint = re2_compile(THREAD_HINT, case_sensitive=False)
    samples = [
        "joetoronto says:", "Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:", "Mason wrote :",
        "Marek napisał(a):", "Anna am 3. März 2019 sagt:", "Reply", "REPLY", "Antworten", "Répondre", "Responder",
        "Rispondi", "Odpowiedz", "Beantwoorden", "2 days ago at 07:52 am", "vor 3 Tagen", "il y a 2 heures",
        "hace 5 minutos", "há 2 dias", "lecteur3 dit :",
    ]  # fmt: skip
    for line in samples:
        assert THREAD_LINE_RE.fullmatch(line), line
        assert hint.search(line), line


def test_a_live_blog_s_entries_under_their_age_are_no_thread() -> None:
    """Keep-trap (from a review): "1 hours ago" over each entry is what a live blog writes too; an
    age without its clock time says nothing of comments."""
    entry = (
        "Crews worked through the night to restore power to the hospital district and the schools, the utility said."
    )
    entries = "".join(
        f"<div><div><span>{k + 1} hours ago</span></div>"
        f"<div><p>{entry} Update {k}.</p><p>{entry} More {k}.</p></div></div>"
        for k in range(8)
    )
    page = (
        "<html><head><title>Storm live</title></head><body><div><div><h1>Storm live</h1>"
        f"{''.join(f'<p>{p}</p>' for p in STORY)}</div><div>{entries}</div></div></body></html>"
    )
    text = clean(page).text
    assert all(f"Update {k}." in text and f"More {k}." in text for k in range(8))


def test_sections_quoting_people_by_name_are_no_thread() -> None:
    """Keep-trap (from a review): "Jane Smith says:" over a quote is a story's, not a user's head."""
    sections = "".join(
        f"<div><p>Jane Smith says:</p><p>{COMMENT} ({k})</p><p>{COMMENT} [{k}]</p></div>" for k in range(6)
    )
    page = (
        "<html><head><title>What the council heard</title></head><body><div><div><h1>What the council heard</h1>"
        f"{''.join(f'<p>{p}</p>' for p in STORY)}</div><div>{sections}</div></div></body></html>"
    )
    text = clean(page).text
    assert all(f"{COMMENT} ({k})" in text for k in range(6))


def test_a_container_chosen_outside_the_scorer_s_pick_is_read_whole() -> None:
    """From a review: a named body apart from the scorer's pick (which holds the <h1>) crashed the
    thread check (no branch of the pick holds it)."""
    line = "The council voted on Tuesday to close the old bridge over the river for repairs next spring. " * 2
    left = "<h1>Headline here</h1>" + "".join(f"<p>{line} ({k})</p>" for k in range(6))
    right = "".join(f"<p>{line} [{k}]</p>" for k in range(5))
    links = "<div>" + "".join(f"<a href='/{k}'>Some link number {k} here</a> " for k in range(200)) + "</div>"
    page = (
        f"<html><head><title>Headline here</title></head><body><div id='main'>{left}</div>{links}"
        f"<div class='article-body'>{right}</div></body></html>"
    )
    assert "[4]" in clean(page).text


@pytest.mark.parametrize(
    "line",
    [
        "Jane Smith says:",  # a story's quote, by a capitalised name
        "Jane Smith, 30, said:",  # ... with an age
        "Mum-of-two Jane Smith, 34, said:",
        "police said:",  # a lower-case word is no user name
        "3 hours ago",  # a live blog's entry
        "10 minutes ago 10:32",  # ... with its clock time
        "1 hours ago at 10:05",
        "McConnell said:",  # a capital inside a surname or a brand (a third review)
        "DeSantis said:",
        "OpenAI said:",
        "G20 said:",  # a digit in a short name
        "On 13.09.2018 the ministry said:",  # a dotted date holds no clock time
        "Prices rose 10.25% in 2019, Smith said:",
    ],
)
def test_lines_a_story_writes_too_say_no_comment(line: str) -> None:
    """Found by reviews: each of these made a live blog's entries or a story's quotes a thread."""
    assert not comment_line(line)


@pytest.mark.parametrize(
    "line",
    [
        "Reply",
        "Antworten",
        "v2787 says:",
        "joe_t wrote:",
        "Anna am 3. März 2019 um 10:10 Uhr sagt:",
    ],
)
def test_lines_only_a_thread_writes_say_comment(line: str) -> None:
    assert comment_line(line)


def test_a_re_choice_inside_a_marked_thread_is_not_kept() -> None:
    """readability-lxml, which the scorer may ask, does not see the marks: a choice inside the thread
    marked keeps the first choice (the safety net of ``without_threads``)."""
    from cleanup.html.extract import Choice
    from cleanup.html.parse import parse_html
    from cleanup.html.scorer import rescue_marks

    doc = parse_html(_page(HEADS, "Reply"))
    marks, scores = rescue_marks(doc, {})
    made: list[Choice] = []

    def generic(scored: dict, pick: object) -> Choice:
        thread = doc.find("body/div/div[2]")
        choice = Choice((thread if made else thread[0],), "readability")  # first: one comment; again: the thread
        made.append(choice)
        return choice

    _, _, choice = without_threads(doc, marks, scores, (), generic)
    assert len(made) == 2 and choice is made[0]
