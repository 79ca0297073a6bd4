"""Categories a trial of pages from the wider web found (sports club, municipal, CMS leads).

- A fixtures table's date column (``<td class="date">``) is the table's data, not a dateline.
- A lead named ``article__teaser`` right under the headline, in the article, is the article's
  own standfirst (German CMSs call the Vorspann "Teaser").
- Chrome and leads named in the page's language ("kommentare", "verwandte-artikel", "werbung",
  "vorspann") are named like their English counterparts.
- A short story under its headline beside a longer box of the same layout (Bootstrap columns,
  no names) is the article, not the box readability-lxml picks.
- A long paragraph in a box of its own (a quote box, a block editor's group) holding 70 % of the
  story's prose is one block of the story, not the article container.
- A shop's product slider under a guide (product cards with prices) is no part of it.
- A related-stories heading of the packs ("Mehr zum Thema", "Te puede interesar") right over a
  removed link list goes with it, in any tag, even when the story goes on after the box.
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


def _post(name: str, count: int, text: str, signature: str = "") -> str:
    profile = f"<dl class='postprofile'><dt>{name}</dt><dd>Mitglied</dd><dd>Beiträge: {count}</dd></dl>"
    sig = f"<div class='signature'>{signature}</div>" if signature else ""
    return f"<div class='post'><div class='inner'>{profile}<div class='postbody'>{text}{sig}</div></div></div>"


def test_a_forum_threads_profile_panels_signatures_and_online_box_go() -> None:
    posts = _post("Klaus", 214, PARAGRAPHS[0], "Wer einen Baum pflanzt, glaubt an die Zukunft.") + _post(
        "Petra", 5831, PARAGRAPHS[1]
    )
    online = "<div class='stat-block online-list'><h3>Wer ist online?</h3><p>0 Mitglieder und 3 Gäste</p></div>"
    text = clean(f"<html><body><div id='page-body' role='main'>{posts}{online}</div></body></html>").text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[1] in text
    for chrome in ("Beiträge: 214", "glaubt an die Zukunft", "Wer ist online?"):
        assert chrome not in text, chrome


def test_a_box_named_for_a_signature_dish_stays() -> None:
    # Keep-trap: "signature" is a chrome word only as a whole name part.
    dish = "Das Signature-Gericht des Hauses ist ein Risotto mit Steinpilzen, das seit 1998 auf der Karte steht."
    box = f"<div class='signature-dish'><p>{dish}</p></div>"
    page = f"<html><body><article><h1>Zu Gast im Ratskeller</h1>{BODY}{box}</article></body></html>"
    assert dish in clean(page).text


def _layout_page(content_cell: str) -> str:
    menu = "<tr><td colspan='2'><a href='/'>Accueil</a> | <a href='/sorties'>Sorties</a></td></tr>"
    side = "<b>Prochaines sorties</b><br>- 14/07 : Lac Blanc<br>- 21/07 : Grand Som"
    side = f"<td width='160'><font size='1'>{side}</font></td>"
    foot = "<tr><td colspan='2'>Club Alpin de Grenoble - association loi 1901</td></tr>"
    table = f"<table width='780'>{menu}<tr>{side}<td width='610'>{content_cell}</td></tr>{foot}</table>"
    return f"<html><body>{table}</body></html>"


def test_an_old_table_layout_gives_its_content_cell_not_the_whole_table() -> None:
    # The trial's old club site: text in <font> with <br><br> between paragraphs, no <p>.
    cell = "<font face='Verdana' size='2'>" + "<br><br>".join(PARAGRAPHS) + "</font>"
    text = clean(_layout_page(cell)).text
    assert PARAGRAPHS[0] in text and PARAGRAPHS[-1] in text
    assert "Prochaines sorties" not in text
    assert "association loi 1901" not in text


def test_a_data_table_with_addresses_stays_whole_in_its_story() -> None:
    # Keep-trap: cells holding two or three lines (an address) are data, not page layout.
    rows = "".join(
        f"<tr><td>{name}</td><td>{name} e.V.<br>Hauptstraße {n}<br>28199 Bremen</td></tr>"
        for n, name in enumerate(("Kleingartenverein Nord", "Kleingartenverein Süd", "Kleingartenverein Ost"), 1)
    )
    page = f"<html><body><article><h1>Vereine</h1>{BODY}<table>{rows}</table></article></body></html>"
    text = clean(page).text
    assert PARAGRAPHS[0] in text
    assert "Kleingartenverein Süd" in text and "Hauptstraße 2" in text


LINKS = "".join(
    f"<li><a href='/{n}'>{title}</a></li>"
    for n, title in enumerate(("Kindergeld 2024: Höhe und Antrag", "Elternzeit richtig beantragen"))
)
LINKS = f"<ul>{LINKS}</ul>"


def test_a_heading_whose_link_list_went_goes_with_it() -> None:
    page = f"<html><body><main><h1>Elterngeld</h1>{BODY}<h3>Weitere Ratgeber</h3>{LINKS}</main></body></html>"
    result = clean(page)
    assert "Weitere Ratgeber" not in result.text
    assert any(r.reason == "heading of a removed link list" for r in result.removed)


def test_a_heading_over_prose_and_links_stays() -> None:
    # Keep-trap: a section holding prose besides its links is the article's.
    section = f"<h3>Wie beantrage ich es?</h3><p>{PARAGRAPHS[2]}</p>{LINKS}"
    page = (
        f"<html><body><main><h1>Elterngeld</h1>{BODY}{section}<h3>Fazit</h3><p>{PARAGRAPHS[3]}</p></main></body></html>"
    )
    assert "Wie beantrage ich es?" in clean(page).text


def test_a_related_box_inside_the_story_goes_with_its_heading() -> None:
    # "Mehr zum Thema" / "Te puede interesar" in a <div> or <p>, its links, then the story goes on:
    # left behind, the heading read as a subheading over the next paragraph.
    for heading in ("<div class='field-title'>Mehr zum Thema</div>", "<p class='rel-tl'>Te puede interesar</p>"):
        box = f"<div class='box'>{heading}{LINKS}</div>"
        page = f"<html><body><main><h1>Elterngeld</h1>{BODY[:400]}{box}<p>{PARAGRAPHS[3]}</p></main></body></html>"
        result = clean(page)
        assert "Mehr zum Thema" not in result.text and "Te puede interesar" not in result.text
        assert PARAGRAPHS[3] in result.text


def test_a_related_phrase_over_prose_or_opening_a_sentence_stays() -> None:
    # Keep-traps: a "Siehe auch" subheading over prose, and a sentence opening with a related
    # phrase right over a link list, are the story's.
    sentence = "Te puede interesar saber que el plazo termina el viernes, recordó la Agencia Tributaria."
    page = (
        f"<html><body><main><h1>Elterngeld</h1>{BODY}<h3>Siehe auch</h3><p>{PARAGRAPHS[2]}</p>"
        f"<p>{sentence}</p>{LINKS}</main></body></html>"
    )
    text = clean(page).text
    assert "Siehe auch" in text and sentence in text


def _ld_page(body: str, markup: str, free: bool = True) -> str:
    import json

    ld = {"@context": "https://schema.org", "@type": "NewsArticle", "headline": "Brücke", "articleBody": body}
    if not free:
        ld["isAccessibleForFree"] = False
    head = f"<title>Brücke wird saniert</title><script type='application/ld+json'>{json.dumps(ld)}</script>"
    return f"<html lang='de'><head>{head}</head><body>{markup}</body></html>"


SHELL = "<div id='__next'><nav><a href='/'>Start</a></nav><div class='skeleton'></div><footer>Impressum</footer></div>"


def test_a_page_built_in_the_browser_gives_its_json_ld_article() -> None:
    # A JS app served as an empty shell: the story is only in the JSON-LD that search engines read.
    body = "\n\n".join(PARAGRAPHS)
    result = clean(_ld_page(body, SHELL))
    assert result.extractor == "json-ld"
    assert result.paragraphs == PARAGRAPHS
    assert any(r.rule == "json-ld-body" and r.text == "Impressum" for r in result.removed)


def test_the_markups_article_wins_when_it_holds_the_json_ld_text() -> None:
    # Keep-traps: the markup's article stands when it holds the articleBody; a paywalled page's
    # JSON-LD (isAccessibleForFree false) and a short description are not the article.
    markup = f"<article><h1>Brücke wird saniert</h1>{BODY}</article>"
    assert clean(_ld_page(" ".join(PARAGRAPHS), markup)).extractor != "json-ld"
    assert clean(_ld_page("\n\n".join(PARAGRAPHS), SHELL, free=False)).extractor != "json-ld"
    assert clean(_ld_page("Der Stadtrat hat die Sanierung der Brücke beschlossen.", SHELL)).extractor != "json-ld"


def test_another_storys_json_ld_or_a_paywalled_ones_is_not_the_article() -> None:
    # A review: the first article-typed JSON-LD object may be a related story, and
    # isAccessibleForFree may be written as a schema.org URL.
    import json

    other = {"@type": "NewsArticle", "headline": "Bakery opens on Main Street", "articleBody": " ".join(PARAGRAPHS)}
    ld = json.dumps({"@type": "ItemList", "itemListElement": [other]})
    head = f"<title>Brücke wird saniert</title><script type='application/ld+json'>{ld}</script>"
    assert clean(f"<html><head>{head}</head><body>{SHELL}</body></html>").extractor != "json-ld"
    paywalled = _ld_page("\n\n".join(PARAGRAPHS), SHELL).replace(
        '"articleBody"', '"isAccessibleForFree": "https://schema.org/False", "articleBody"'
    )
    assert clean(paywalled).extractor != "json-ld"


def test_markup_inside_the_json_ld_body_is_taken_out() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS).replace("1,200", "<a href='/x'>1,200</a>")
    result = clean(_ld_page(body, SHELL))
    assert result.extractor == "json-ld"
    assert result.paragraphs == PARAGRAPHS


LONG = " ".join(PARAGRAPHS[:4])  # one long paragraph: 70 % and more of the story's prose


def test_short_paragraphs_around_one_long_paragraph_stay() -> None:
    # An English trial: the scorer narrowed into the long <p> (or <blockquote>) and left out
    # the one-line paragraphs beside it as outside the article.
    for tag in ("p", "blockquote"):
        story = (
            f"<p>The grant was announced Tuesday.</p><{tag}>{LONG}</{tag}><p>Construction could start next spring.</p>"
        )
        text = clean(f"<html><body><article><h1>Grant</h1><div class='body'>{story}</div></article></body></html>").text
        assert "The grant was announced Tuesday." in text
        assert "Construction could start next spring." in text


def test_the_scorer_still_narrows_into_a_block_beside_chrome() -> None:
    # Keep-trap: an inner block holding the story still replaces a wrapper whose other
    # children are a byline box and a label.
    story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:4])
    wrapper = f"<div class='wrap'><div class='inner'>{story}</div><div>Tagged: transport</div></div>"
    text = clean(f"<html><body>{wrapper}</body></html>").text
    assert PARAGRAPHS[0] in text
    assert "Tagged: transport" not in text


def test_chrome_and_lead_named_in_german_are_read_as_such() -> None:
    lead = "Der Kreistag hat mit knapper Mehrheit die Klinik in eine kommunale Gesellschaft überführt."
    related = "".join(f"<li><a href='/{n}'>Klinik: Folge {n}</a><p>{PARAGRAPHS[n]}</p></li>" for n in (1, 2))
    comments = "".join(f"<div class='kommentar-text'><p>Leser {n}: {PARAGRAPHS[n]}</p></div>" for n in (0, 3))
    page = (
        "<html><body><div class='artikel'><div class='artikel-kopf'><h1>Klinik</h1>"
        f"<div class='vorspann'><p>{lead}</p></div></div><div class='artikel-text'>{BODY}"
        "<div class='werbung werbung-mitte'><span>Anzeige</span></div></div>"
        f"<div class='verwandte-artikel'><h3>Mehr zum Thema</h3><ul>{related}</ul></div></div>"
        f"<div id='kommentare' class='kommentare'><h3>Kommentare (2)</h3>{comments}</div></body></html>"
    )
    assert list(clean(page).paragraphs) == [lead, *PARAGRAPHS]


def test_an_opinion_piece_called_kommentar_stays() -> None:
    # Keep-trap: "Kommentar" is a German paper's opinion piece; only the plural names reader comments.
    page = f"<html><body><article class='kommentar'><h1>Ein Kommentar</h1>{BODY}</article></body></html>"
    assert clean(page).paragraphs == tuple(PARAGRAPHS)


STORY = (
    "Am Sonntag, 14. April, findet wieder unser Frühjahrsflohmarkt auf dem Schulhof der Grundschule statt. "
    "Verkauft werden darf alles rund ums Kind: Kleidung, Spielzeug, Bücher und Fahrräder.",
    "Standgebühr ist ein selbstgebackener Kuchen für das Café des Fördervereins. Anmeldungen nimmt "
    "Frau Berger bis zum 10. April per E-Mail entgegen.",
)
BOX = (
    "Der Förderverein der Grundschule wurde 1994 von Eltern gegründet, die sich für eine bessere Ausstattung "
    "der Schule einsetzen wollten. Seitdem haben wir die Schulbibliothek aufgebaut, neue Spielgeräte für den "
    "Pausenhof finanziert und Klassenfahrten für Familien mit wenig Geld bezuschusst.",
    "Mitglied werden kann jeder, der die Arbeit der Schule unterstützen möchte. Der Jahresbeitrag beträgt "
    "zwölf Euro. Alle Beiträge kommen zu hundert Prozent den Kindern zugute, denn der gesamte Vorstand "
    "arbeitet ehrenamtlich.",
)


def _columns(left: str, right: str, title: str = "Frühjahrsflohmarkt am 14. April") -> str:
    row = f"<div class='row'><div class='col-lg-8'>{left}</div><div class='col-lg-4'>{right}</div></div>"
    head = f"<title>{title}</title><meta property='og:title' content='{title}'>"
    return f"<html><head>{head}</head><body><div class='container'>{row}</div></body></html>"


def test_a_short_story_under_its_headline_beats_a_longer_box_beside_it() -> None:
    left = "<h1>Frühjahrsflohmarkt am 14. April</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
    right = "<div class='card'><div class='card-body'><h3>Über uns</h3>" + "".join(f"<p>{p}</p>" for p in BOX)
    assert clean(_columns(left, right + "</div></div>")).paragraphs == STORY


def test_a_box_beside_a_headline_of_another_story_or_a_hero_lead_is_not_overruled() -> None:
    # Keep-traps: an <h1> that is not the page's title, and a hero column holding the headline and
    # one long lead beside the body, do not make their column the article.
    left = "<h1>Frühjahrsflohmarkt am 14. April</h1>" + "".join(f"<p>{p}</p>" for p in STORY)
    right = "<div class='card'><div class='card-body'>" + "".join(f"<p>{p}</p>" for p in BOX) + "</div></div>"
    assert clean(_columns(left, right, title="Förderverein Grundschule")).paragraphs == BOX
    hero = f"<h1>Frühjahrsflohmarkt am 14. April</h1><p>{STORY[0]} {STORY[1]}</p>"
    assert clean(_columns(hero, right)).paragraphs[-2:] == BOX


QUOTE = (
    "„Wir haben in den vergangenen Jahren viel erreicht, aber wir dürfen uns nicht ausruhen. Die "
    "Transformation der Industrie, der Fachkräftemangel und die Folgen des Klimawandels verlangen von uns "
    "allen mehr Mut, mehr Tempo und mehr Zusammenarbeit. Deshalb werden wir die Genehmigungsverfahren für "
    "Windkraftanlagen und Stromleitungen halbieren, die Digitalisierung der Verwaltung bis 2027 abschließen "
    "und in jedem Landkreis ein Zentrum für berufliche Weiterbildung einrichten. Die Bürgerinnen und Bürger "
    "erwarten zu Recht, dass wir Lösungen finden und nicht nur Probleme beschreiben.“"
)
AROUND = (
    "Der Ministerpräsident hat am Mittwoch im Landtag seine Regierungserklärung abgegeben.",
    "Die Opposition kritisierte die Rede als mutlos und forderte konkrete Zahlen.",
    "Die Debatte über die Regierungserklärung wird am Donnerstag fortgesetzt.",
)


def test_a_long_paragraph_in_a_box_of_its_own_is_not_the_article() -> None:
    box = f"<div class='zitat-box'><div class='inner'><p>{QUOTE}</p></div></div>"
    story = f"<h1>Regierungserklärung</h1><p>{AROUND[0]}</p>{box}<p>{AROUND[1]}</p><p>{AROUND[2]}</p>"
    page = f"<html><body><div id='top'><a href='/'>Start</a></div><div id='left'>{story}</div></body></html>"
    assert clean(page).paragraphs == (AROUND[0], QUOTE, AROUND[1], AROUND[2])


def test_the_climb_from_a_quote_box_stops_at_the_story() -> None:
    # Keep-trap: from the box, the scorer goes up to the first element holding other prose (the
    # story), not on to the page's wrapper with a sidebar's prose beside the story.
    box = f"<div class='zitat-box'><div class='inner'><p>{QUOTE}</p></div></div>"
    story = f"<div id='left'><h1>Regierungserklärung</h1><p>{AROUND[0]}</p>{box}<p>{AROUND[1]}</p></div>"
    side = "<div id='right'><p>Der Landtag tagt jeden Mittwoch im Plenarsaal, Besucher sind willkommen.</p></div>"
    text = clean(f"<html><body><div id='wrap'>{story}{side}</div></body></html>").text
    assert QUOTE in text and AROUND[1] in text
    assert "Plenarsaal" not in text


def test_a_shops_product_slider_under_a_guide_goes() -> None:
    cards = "".join(
        f"<div class='product-slider-item'><div class='card product-box'><a class='product-name' href='/p{n}'>"
        f"Trekkingschuh Modell {n} mit wasserdichter Membran</a><div class='product-price-info'>"
        f"<span class='product-price'>189,95 €*</span> inkl. MwSt., versandkostenfrei ab 50 Euro</div>"
        "<button class='btn btn-buy'>In den Warenkorb</button></div></div>"
        for n in range(4)
    )
    slider = f"<div class='cms-element-product-slider'><div class='product-slider-container'>{cards}</div></div>"
    page = f"<html><body><main><h1>Den richtigen Wanderschuh finden</h1>{BODY}{slider}</main></body></html>"
    text = clean(page).text
    assert PARAGRAPHS[-1] in text
    assert "189,95" not in text and "Trekkingschuh" not in text
