"""Categories a trial of pages from the wider web found (sports club, municipal, CMS leads).

- A fixtures table's date column (``<td class="date">``) is the table's data, not a dateline.
- A lead named ``article__teaser`` right under the headline, in the article, is the article's
  own standfirst (German CMSs call the Vorspann "Teaser").
Each has its keep-trap.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)


def test_a_date_column_of_a_table_in_the_story_stays() -> None:
    rows = "".join(
        f"<tr><td class='date'>{day}</td><td>{match}</td></tr>"
        for day, match in (
            ("24.03.2024", "SV Ottersberg – FC Verden 04"),
            ("07.04.2024", "SV Ottersberg – TSV Etelsen"),
        )
    )
    story = f"<h1>Der Spielplan</h1><div class='article-body'>{BODY}<table>{rows}</table></div>"
    page = f"<html><body><article>{story}</article></body></html>"
    text = clean(page).text
    assert "24.03.2024 | SV Ottersberg – FC Verden 04" in text


def test_a_date_block_outside_a_table_is_still_metadata() -> None:
    # Keep-trap: the story's own date line goes to the date field, not the text.
    page = (
        f"<html><body><article><h1>Der Spielplan</h1><div class='date'>24.03.2024</div>{BODY}</article></body></html>"
    )
    result = clean(page)
    assert "24.03.2024" not in result.text
    assert result.date == "2024-03-24"


def test_an_article_teaser_under_the_headline_is_the_lead() -> None:
    lead = "Der Gemeinderat hat die Sanierung der Grundschule beschlossen. Das Land übernimmt die Hälfte der Kosten."
    page = (
        f"<html><body><article><h1>Grundschule wird saniert</h1><p class='article__teaser'>{lead}</p>"
        f"<div class='article-body'>{BODY}</div></article></body></html>"
    )
    assert clean(page).text.startswith(lead)


def test_a_teaser_card_after_the_story_is_not_a_lead() -> None:
    # Keep-trap: another story's teaser below the body stays out.
    other = "Neue Buslinie verbindet ab Montag die Ortsteile mit dem Bahnhof, teilte die Stadt mit."
    page = (
        f"<html><body><article><h1>Grundschule wird saniert</h1><div class='article-body'>{BODY}</div></article>"
        f"<div class='more'><div class='article-teaser'><a href='/bus'>{other}</a></div></div></body></html>"
    )
    assert other not in clean(page).text
