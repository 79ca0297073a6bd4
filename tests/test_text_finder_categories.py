"""Text-mode categories that cost article text or let chrome in, each with its keep-trap.

- A text dump that kept a few lines of a page's <noscript> markup is still a text dump.
- A paragraph signed with a short tag in brackets ("… voraus. (bsc)") is prose.
- A teaser's comment counter above the story's headline opens no comment thread.
"""

from __future__ import annotations

import pytest

from cleanup import clean
from cleanup.input.decode import sniff_kind
from cleanup.model import Line
from cleanup.text.blocks import ends_like_sentence, is_prose
from cleanup.text.comments import comment_section
from cleanup.text.lineblocks import sentence_runs
from cleanup.text.units import _blocks, is_wrapped

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

MENU = ("Home", "News", "Local", "Sports", "Opinion", "Weather", "Contact")
PIXEL = '<div style="position:absolute;"><img width=1 height=1 alt="" src="http://ads.example/b?P=x"></div>'


def _page(*texts: str) -> list[Line]:
    return [Line(i + 1, t) for i, t in enumerate(texts)]


# --- a text dump with markup lines -------------------------------------------


def test_a_text_dump_with_a_few_lines_of_noscript_markup_is_text() -> None:
    dump = "\n\n".join(("Council approves rail yard homes", *MENU, *[PIXEL] * 6, *PARAGRAPHS * 3, *MENU))
    assert sniff_kind(dump) == "text"
    result = clean(dump)
    assert result.kind == "text"
    assert PARAGRAPHS[0] in result.text
    assert "Weather" not in result.text


def test_markup_that_starts_with_a_tag_is_html() -> None:
    # Keep-trap: a fragment (no <html>, no doctype) is markup, however long its text lines.
    fragment = "<div class='story'>\n" + "\n".join(f"{p}<br>" for p in PARAGRAPHS * 2) + "\n</div>"
    assert sniff_kind(fragment) == "html"


def test_markup_that_starts_with_text_but_tags_most_lines_is_html() -> None:
    # Keep-trap: a snippet that opens with a bare line of text, then tagged lines.
    fragment = "Council approves rail yard homes\n" + "\n".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
    assert sniff_kind(fragment) == "html"


# --- a signed paragraph ------------------------------------------------------


def test_a_paragraph_signed_with_a_short_tag_is_prose() -> None:
    signed = "1Password kostet aktuell knapp 50 Euro im Mac App Store und setzt mindestens OS X 10.10 voraus. (bsc)"
    assert is_prose(signed)
    assert ends_like_sentence("Officials declined to comment on the report. (Reuters)")
    assert ends_like_sentence("« C'est une victoire », a-t-il dit. (AFP)")


def test_words_in_brackets_after_a_phrase_do_not_end_a_sentence() -> None:
    # Keep-trap: menu items and labels with a bracketed count or note stay non-prose.
    assert not ends_like_sentence("Kommentare lesen (1 Beitrag)")
    assert not ends_like_sentence("Latest results (live)")
    assert not ends_like_sentence("Shares rose 5% (see chart)")


# --- comment counters above the headline -------------------------------------


def test_teaser_comment_counters_above_the_headline_open_no_thread() -> None:
    teaser = "A sheriff says a woman held captive for three weeks is unable to fully describe her two abductors."
    title = "Council approves rail yard homes"
    lines = _page(title, *MENU, teaser, teaser, "200 Comments. Click to view comments", title, *PARAGRAPHS)
    assert list(comment_section(lines, [None] * len(lines))) == []


def test_a_comment_heading_under_the_story_still_opens_the_thread() -> None:
    # Keep-trap: the headline above the story does not hide the real thread after it.
    title = "Council approves rail yard homes"
    lines = _page(title, *MENU, title, *PARAGRAPHS, "34 Comments", "joe says:", "I disagree with the council.")
    heading = 1 + len(MENU) + 1 + len(PARAGRAPHS)
    assert [s[:2] for s in comment_section(lines, [None] * len(lines))] == [(heading, len(lines))]


def test_a_counter_right_under_the_headline_opens_no_thread() -> None:
    title = "Council approves rail yard homes"
    lines = _page(title, *MENU, "A sheriff says a woman held captive is unable to describe them. " * 5, title)
    lines += _page("By Jane Doe", "11 Comments", *PARAGRAPHS)
    assert list(comment_section(lines, [None] * len(lines))) == []


# --- a list of names is no prose; a closing sentence before a button stays ---


def test_a_kudos_list_of_names_is_no_prose_even_when_it_ends_like_a_sentence() -> None:
    kudos = ", ".join(f"reader_{n}" for n in range(40)) + " and 3381 guests left kudos on this work!"
    assert not is_prose(kudos)


def test_a_sentence_that_lists_words_is_still_prose() -> None:
    # Keep-trap: an ingredient sentence lists single words, with a verb and more around them.
    steps = "Mix flour, sugar, eggs, butter, milk, salt, vanilla, yeast, honey and water, then knead for ten minutes."
    assert is_prose(steps)


def test_a_short_last_sentence_before_the_site_buttons_stays() -> None:
    closing = "And he would be dealing with him again in another week."
    page = "\n\n".join(("Chapter 3", *MENU, *PARAGRAPHS, closing, "Actions", "↑ Top", "Next Chapter →")) + "\n"
    text = clean(page).text
    assert text.endswith(closing)


def test_notes_after_a_closing_sentence_stay_too() -> None:
    # Keep-trap: the sentence does not hide the credit line under it.
    page = (
        "\n\n".join(
            (
                *MENU,
                *PARAGRAPHS,
                "Nobody was hurt in the fire.",
                "With Post wires",
                "© 2024 The Ledger. All rights reserved.",
            )
        )
        + "\n"
    )
    assert clean(page).text.endswith("Nobody was hurt in the fire.\n\nWith Post wires")


def test_there_are_n_comments_opens_the_thread() -> None:
    title = "Council approves rail yard homes"
    thread = ("There are 13 comments", "Sallie Goetsch · March 10, 2017 at 12:20 AM", "joe says:", "Reply")
    lines = _page(title, *MENU, title, *PARAGRAPHS, *thread, "I disagree with the council.")
    heading = 1 + len(MENU) + 1 + len(PARAGRAPHS)
    assert [s[:2] for s in comment_section(lines, [None] * len(lines))] == [(heading, len(lines))]


def test_a_sentence_that_counts_comments_opens_no_thread() -> None:
    # Keep-trap: prose that starts "There are 13 comments ..." is the story's.
    said = "There are 13 comments in the report, and officials said they would answer every one of them."
    lines = _page(*PARAGRAPHS[:2], said, "joe says:", "Reply", *PARAGRAPHS[2:])
    assert list(comment_section(lines, [None] * len(lines))) == []


@pytest.mark.parametrize(
    "heading",
    [
        "Kommentarer (3)",
        "Komentarze (12)",
        "Komentáře (5)",
        "Комментарии (4)",
        "12 komentarzy",
        "3 reacties",
        "5 Reaktionen",
    ],
)
def test_a_counted_comments_heading_in_another_language_opens_the_thread(heading: str) -> None:
    # Found by a multilingual CMS trial: a Swedish thread with no class hints stayed whole.
    thread = ("Gunnel, Hjo", "Best cakes in the county, no doubt about it!", "Stefan B", "Went there every week.")
    lines = _page("Bakery turns 100", *PARAGRAPHS, heading, *thread)
    assert [s[:2] for s in comment_section(lines, [None] * len(lines))] == [(1 + len(PARAGRAPHS), len(lines))]


@pytest.mark.parametrize(
    "heading", ["3 yorum: Ekonomistler karar hakkında ne diyor?", "12 komentarzy: co mówią eksperci"]
)
def test_a_story_subheading_that_counts_comments_opens_no_thread(heading: str) -> None:
    # Keep-trap (found by a review): "yorum" is also commentary; a count before a colon and words heads a section.
    lines = _page("Bakery turns 100", *PARAGRAPHS[:2], heading, *PARAGRAPHS[2:])
    assert list(comment_section(lines, [None] * len(lines))) == []


def test_a_bare_comments_heading_over_the_storys_prose_opens_no_thread() -> None:
    # Keep-trap: "Kommentarer" with no count and no comment lines after it heads a section of the story.
    lines = _page("Bakery turns 100", *PARAGRAPHS[:2], "Kommentarer", *PARAGRAPHS[2:])
    assert list(comment_section(lines, [None] * len(lines))) == []


def test_a_menu_and_single_spaced_paragraphs_are_no_hard_wrapped_text() -> None:
    # Found by an attack run: short menu items and a "Most Read" list made an innerText-style page
    # (paragraphs one line each, no blank line between them) read as hard-wrapped, so the story was one
    # unit with its kicker, date and "Share" lines inside, and cleaning the output again removed them.
    # Wrapped text has its inner lines near the wrap width: the short ones here are items, not wraps.
    paragraph = "The grant covers a third of the price of the extension, and the rest comes from the state. " * 2
    page = [
        *["News", "Sports", "Opinion"],
        "",
        "Light rail extension wins a federal grant of $412 million",
        "",
        *["Transit", "June 6, 2024 at 6:15 p.m. EDT", "Share", *[paragraph.strip()] * 4],
        "",
        paragraph.strip(),
        "Most Read",
        *[f"Heat advisory issued for the weekend as temperatures near {n}" for n in (97, 98, 99, 100)],
    ]
    blocks = _blocks([i for i, line in enumerate(page) if line])
    assert not is_wrapped(page, blocks)
    wrapped = [
        "The council met on Tuesday and voted to close the old",
        "bridge for repairs next spring, officials said.",
    ]
    assert is_wrapped([*wrapped, "", *wrapped], _blocks([0, 1, 3, 4]))


# --- steps of a list the story announces -------------------------------------

STEPS = {
    "en": (
        "Here are the steps:",
        "Download the app on your phone.",
        "Subscribe to the tax office newsletter for reminders.",
    ),
    "it": ("Per presentare la domanda:", "Scarica l'app IO sul tuo smartphone.", "Accedi con SPID o con la CIE."),
    "pt": ("Siga estes passos:", "Descarregue a app do Portal das Finanças.", "Confirme os dados e submeta."),
}


def test_calls_to_action_that_are_steps_the_story_announces_stay() -> None:
    # Found by a multilingual trial: a how-to story's "Download the app …" step went as an app prompt.
    for steps in STEPS.values():
        dump = "\n\n".join(("Tax returns 2024: how to file online", PARAGRAPHS[0], *steps, *PARAGRAPHS[1:], *MENU))
        result = clean(dump)
        assert all(step in result.text for step in steps[1:]), result.text
        assert all(r.rule not in ("promo-line", "chrome-phrase") for r in result.removed), result.removed


def test_the_same_calls_to_action_after_the_story_still_go() -> None:
    # Keep-trap the other way: chrome after a story under a short heading with no paragraph after it.
    prompts = ("Stay in touch with us:", "Download the app on your phone.", "Subscribe to our newsletter today.")
    dump = "\n\n".join(("Tax returns 2024: how to file online", *PARAGRAPHS, *prompts, *MENU))
    result = clean(dump)
    assert not any(p in result.text for p in prompts[1:])
    dump = "\n\n".join(("Tax returns 2024", PARAGRAPHS[0], "Get the app:", prompts[1], *PARAGRAPHS[1:], *MENU))
    assert prompts[1] not in clean(dump).text  # two words announce no steps


# --- a story about cookies ------------------------------------------------------

COOKIE_STORY = (
    "New law: cookie banners to disappear",
    "The government wants to largely abolish annoying cookie banners on websites. A draft provides that users "
    "will in future give their consent centrally in the browser.",
    "We use cookies to give you a better experience – this sentence appears on almost every website today, and "
    "hardly any user reads on.",
    "Criticism comes from the advertising industry, which fears losing millions in revenue because fewer users "
    "would consent.",
)


def test_a_cookie_sentence_in_a_story_about_cookies_stays() -> None:
    # Found by a multilingual trial: the story's paragraph went as a cookie notice, in 7 languages.
    for story in (COOKIE_STORY, tuple(t.replace("We use cookies", "Wir verwenden Cookies") for t in COOKIE_STORY)):
        result = clean("\n\n".join((*story, "Share", *MENU)))
        assert story[2] in result.text, result.removed


def test_a_consent_placeholder_between_paragraphs_of_another_story_still_goes() -> None:
    placeholder = "We use cookies to show you this video from YouTube. Accept all cookies to watch it."
    dump = "\n\n".join(("Council approves rail yard homes", PARAGRAPHS[0], placeholder, *PARAGRAPHS[1:], *MENU))
    dump += "\n\nCookie policy\n\nCookie settings\n"
    result = clean(dump)
    assert placeholder not in result.text
    assert any(r.rule == "cookie-notice" and r.text == placeholder for r in result.removed)


def test_a_social_block_that_looks_like_steps_still_goes() -> None:
    # Found by a review: an announcement, prompts, then a site blurb paragraph, after the story.
    prompts = ("Like us on Facebook.", "Follow us on Twitter for updates.", "Download our app on your phone.")
    blurb = "The Example Times is an independent daily newspaper founded in 1901 and serving readers across the county."
    dump = "\n\n".join(("Council approves rail yard homes", *PARAGRAPHS, "Stay connected with The Example Times:"))
    result = clean(dump + "\n\n" + "\n\n".join((*prompts, blurb, *MENU)))
    assert not any(p in result.text for p in prompts)


# --- WordPress's translated comment-thread heading ------------------------------

THREAD = ("Thomas aus Rosenheim", "sagt:", "3. Juni 2024 um 19:12 Uhr", "Schöner Bericht, danke!", "Antworten")


@pytest.mark.parametrize(
    "heading",
    [
        "3 Gedanken zu „Warum ich wieder mit dem Zug fahre“",
        "Ein Gedanke zu „Warum ich wieder mit dem Zug fahre“",
        "2 réflexions sur « Pourquoi je reprends le train »",
        "5 respuestas a «Por qué vuelvo a viajar en tren»",
        "4 pensieri su “Perché torno a viaggiare in treno”",
        "2 gedachten over “Waarom ik weer de trein neem”",
        "3 komentarzy do „Dlaczego znowu jeżdżę pociągiem”",
        "2 comentários sobre “Por que voltei a viajar de trem”",
    ],
)
def test_the_translated_wordpress_thread_heading_ends_the_story(heading: str) -> None:
    # A trial of scraper dumps: "3 Gedanken zu „…“" was not known, and the comments stayed.
    result = clean("\n\n".join(("Warum ich wieder mit dem Zug fahre", *PARAGRAPHS, heading, *THREAD)))
    assert result.text.endswith(PARAGRAPHS[-1])


def test_a_sentence_about_thoughts_on_a_quoted_title_stays() -> None:
    # Keep-trap: the heading is the count and the quoted title alone.
    line = "Ein Gedanke zu „Faust“ begleitet die Regisseurin seit der Schulzeit, und er lässt sie nicht mehr los."
    result = clean("\n\n".join(("Die Regisseurin und ihr Faust", *PARAGRAPHS[:2], line, *PARAGRAPHS[2:])))
    assert line in result.text


# --- a paragraph a dump broke at its inline elements ----------------------------

HOW_TO = """How to set up two-factor authentication

Two-factor authentication adds a second step to signing in: after entering your password, \
you confirm your identity with a code from your phone. We strongly recommend it for every account.

We recommend an authenticator app, because codes sent by SMS can be intercepted.

Turn on two-factor authentication

Click your avatar in the top-right corner and select
Profile settings
.

Open the
Security
tab and click
Enable two-factor authentication
.

Scan the QR code with your authenticator app. If you cannot scan it, click
Enter key manually
and type the 32-character key into the app.

Enter the six-digit code shown in the app and click
Verify
.
"""


def test_a_sentence_broken_at_inline_elements_is_one_unit() -> None:
    # BeautifulSoup's get_text("\n") puts each <strong>, <code> and <a> on a line of its own; a
    # trial of scraper dumps lost a how-to's steps, priced as menu items, to page-chrome.
    text = clean(HOW_TO).text
    assert "Profile settings" in text and "Enable two-factor authentication" in text
    assert "type the 32-character key into the app." in text


def test_a_comment_header_and_a_lower_case_menu_are_not_joined() -> None:
    # Keep-traps: lines that do not end a sentence together stay apart.
    header = ["12 Comments", "rivertownrider says:", "Finally, I have waited for this."]
    assert sentence_runs(header, [0, 1, 2]) == [[0], [1], [2]]
    assert sentence_runs(["home", "news", "sport", "weather"], [0, 1, 2, 3]) == [[0], [1], [2], [3]]


def test_a_long_hard_wrapped_page_is_found_by_its_paragraphs() -> None:
    # html2text and lynx wrap at 78-80 columns, and a wrapped line seldom ends a sentence: the
    # first guess of a long page valued each line alone and took a footer's one long sentence.
    import textwrap

    story = [textwrap.fill(paragraph, 76) for paragraph in PARAGRAPHS]
    menu = [f"* Section number {n}" for n in range(30)]
    links = [f"* Footer link {n}" for n in range(30)]
    footer = "We depend on readers like you: please support local journalism if you want us to keep going."
    title = "Council approves rail yard homes - Harbor Gazette"
    page = "\n\n".join((title, *menu, "# Council approves rail yard homes", *story, footer, *links))
    text = clean(page).text
    assert PARAGRAPHS[0].split()[5] in text and "rail yard needs a full environmental review" in text
    assert "Section number 12" not in text


def test_a_paragraph_opening_with_a_brand_or_a_quote_is_not_joined_to_the_line_above() -> None:
    # A review: "Sign up for our newsletter" took the paragraph under it along when both went.
    assert sentence_runs(["Sign up for our newsletter", "eBay and Amazon both bid on it, the city said."], [0, 1]) == [
        [0],
        [1],
    ]
    assert sentence_runs(["Följ oss på Facebook", "”Vi är glada”, säger hon."], [0, 1]) == [[0], [1]]


def test_a_single_spaced_list_of_headlines_is_no_wrapped_paragraph() -> None:
    from cleanup.text.lineblocks import wrapped_paragraph

    headlines = [
        "Council approves new budget after a long night of debate in City Hall on Tuesday evening",
        "Ferry terminal to reopen next month after repairs",
        "Schools get new buses for the autumn term, district says",
    ]
    assert not wrapped_paragraph(headlines)


@pytest.mark.parametrize("heading", ["Una respuesta a «la crisis»", "Une réflexion sur « la ville »"])
def test_a_subheading_that_reads_like_a_thread_heading_keeps_the_story_under_it(heading: str) -> None:
    # A review: the singular WordPress heading is also a story's subheading; only a count opens a thread.
    result = clean("\n\n".join(("Warum ich wieder Zug fahre", *PARAGRAPHS[:2], heading, *PARAGRAPHS[2:])))
    assert result.text.endswith(PARAGRAPHS[-1])


# --- clean article text given to text mode (cleanup's own output, cleaned again) --------------

DEK = ("A half century on, the band is still touring.", "Here is why the council changed its mind:")
DATES = [f"June {n} -- Coral Sky Amphitheatre, West Palm Beach, FL" for n in range(9, 17)]


def test_a_clean_story_with_a_dek_keeps_every_paragraph_above_a_line_that_echoes_its_headline() -> None:
    # Found by cleaning HTML-mode outputs again: under a headline and a one-sentence dek, a later
    # line repeating the headline's words ("The Band Tour 2020 dates:") took the anchor, and the
    # paragraphs above it went as "page header" (23 lines of one dev page).
    headline = "The Band Sets 50th Anniversary Tour of North America"
    page = [headline, *DEK, *PARAGRAPHS[:4], "The Band 50th Anniversary Tour 2020 dates:", *DATES]
    text = clean("\n\n".join(page) + "\n").text
    assert all(p in text for p in PARAGRAPHS[:4])


def test_a_headline_over_menu_items_is_still_a_title_over_the_sites_menu() -> None:
    # The keep-trap's other side: menu words under a first line are no dek; the story is found below.
    headline = "Council votes to close the old bridge for repairs"
    page = [headline, *MENU, headline, *PARAGRAPHS[:4], "Copyright 2024 Example News"]
    result = clean("\n\n".join(page) + "\n")
    assert result.text.startswith(PARAGRAPHS[0]) and "Weather" not in result.text
