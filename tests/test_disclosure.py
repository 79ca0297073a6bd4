"""Content a click shows (accordion answers, tab panels, responsive copies) is the page's text.

Found by a trial of pages from the wider web: a health insurer's FAQ page lost 83 % of
its text. jQuery UI puts ``role=tablist`` on an accordion around its panels (read as
navigation), hides the closed answers with ``aria-hidden`` and ``display:none`` (read as
hidden elements), and names them ``ui-widget-content`` (read as a sidebar widget).
Bootstrap 5 holds an accordion's question in its toggle button ("accordion-button"), read as a
form control. Each test has its keep-trap: navigation, hidden chrome, small-screen copies, form
buttons and menu toggles still go.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

INTRO = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
ANSWER = (
    "Wir erstatten 80 Prozent der Rechnung, höchstens 60 Euro pro Kalenderjahr. Das gilt für alle "
    "Versicherten ab 18 Jahren, Kinder erhalten die Prophylaxe ohnehin als Kassenleistung."
)


def page(body: str) -> str:
    return f"<html><body><nav><a href='/'>Home</a></nav><main><h1>Häufige Fragen</h1>{INTRO}{body}</main></body></html>"


def test_an_accordion_with_the_tablist_role_keeps_its_answers() -> None:
    accordion = (
        "<div class='accordion' role='tablist'><h3 role='tab'>Wie viel zahlt die Kasse?</h3>"
        f"<div role='tabpanel'><p>{ANSWER}</p></div></div>"
    )
    text = clean(page(accordion)).text
    assert ANSWER in text
    assert "Wie viel zahlt die Kasse?" in text


def test_a_bare_row_of_tabs_is_still_navigation() -> None:
    tabs = "<a role='tab' href='#a'>Leistungen im Überblick</a><a role='tab' href='#b'>Kontakt</a>"
    tabs = f"<div role='tablist'>{tabs}</div>"
    text = clean(page(tabs)).text
    assert "Leistungen im Überblick" not in text
    assert PARAGRAPHS[0] in text


def test_collapsed_accordion_answers_are_kept() -> None:
    closed = "class='ui-accordion-content ui-widget-content' aria-hidden='true' style='display: none;'"
    accordion = f"<h3>Wie reiche ich die Rechnung ein?</h3><div {closed}><p>{ANSWER}</p></div>"
    assert ANSWER in clean(page(accordion)).text


def test_a_section_hidden_until_found_is_kept() -> None:
    assert ANSWER in clean(page(f"<h2>Wer bekommt das?</h2><div hidden='until-found'><p>{ANSWER}</p></div>")).text


def test_hidden_chrome_that_is_no_panel_still_goes() -> None:
    # Keep-traps: a plain hidden box, a hidden attribute and a collapsed navigation bar.
    for hidden in (
        "<div style='display:none'><p>Bitte aktivieren Sie JavaScript, um alle Funktionen zu nutzen.</p></div>",
        "<div hidden><p>Bitte aktivieren Sie JavaScript, um alle Funktionen zu nutzen.</p></div>",
        "<div class='collapse navbar-collapse' style='display:none'><p>Bitte aktivieren Sie JavaScript.</p></div>",
    ):
        text = clean(page(hidden)).text
        assert "JavaScript" not in text, hidden
        assert PARAGRAPHS[0] in text


def test_a_copy_shown_on_wider_screens_is_kept_and_one_for_small_screens_too() -> None:
    # "hidden md:block" is shown on a desktop. "block md:hidden" hides on one, but nothing says a
    # wider copy stands in for it (a review found "xl:hidden" on a real paragraph): it stays too.
    desktop = (
        "<div class='hidden md:block'><p>Die Fassung für breite Bildschirme, mit allen Worten des Vorspanns.</p></div>"
    )
    mobile = "<div class='block md:hidden'><p>Die Fassung für schmale Bildschirme, etwas kürzer gefasst.</p></div>"
    text = clean(page(mobile + desktop)).text
    assert "breite Bildschirme" in text
    assert "schmale Bildschirme" in text


def test_a_collapsing_sidebar_is_still_a_sidebar() -> None:
    # Keep-trap from a review: only jQuery UI's "ui-widget" names an accordion panel, not "sidebar".
    side = "<div class='sidebar collapse'><p>Unsere Filialen: Montag bis Freitag von 8 bis 18 Uhr geöffnet.</p></div>"
    text = clean(page(side + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))).text
    assert "Filialen" not in text


def test_an_accordion_buttons_question_is_kept() -> None:
    # Bootstrap 5 puts the question in the toggle: <h2 class="accordion-header"><button
    # class="accordion-button">; read as a form control, every question went and only the answers stayed.
    item = (
        "<div class='accordion-item'><h2 class='accordion-header'><button class='accordion-button collapsed' "
        "type='button' data-bs-toggle='collapse' data-bs-target='#c1' aria-expanded='false'>Wann wird "
        "das Altpapier abgeholt?</button></h2><div id='c1' class='accordion-collapse collapse'>"
        f"<div class='accordion-body'><p>{ANSWER}</p></div></div></div>"
    )
    text = clean(page(f"<div class='accordion' id='faq'>{item}</div>")).text
    assert "Wann wird das Altpapier abgeholt?" in text
    assert ANSWER in text


def test_a_plain_button_and_a_menu_toggle_still_go() -> None:
    # Keep-traps: a form's button and a collapsing menu's toggle are no accordion's question.
    buttons = (
        "<button class='btn btn-primary' type='submit'>Jetzt Formular absenden</button>"
        "<button class='navbar-toggler collapsed' data-bs-toggle='collapse'>Menü öffnen</button>"
    )
    text = clean(page(buttons + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:]))).text
    assert "absenden" not in text and "Menü öffnen" not in text
    assert PARAGRAPHS[2] in text
