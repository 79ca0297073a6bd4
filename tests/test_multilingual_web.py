"""Categories a trial of multilingual CMS pages (WordPress plugins, TYPO3, Drupal, AEM, Ghost,
Blogger, Joomla, regional portals in de, fr, es, it, pl, nl, pt) found.

- A lead named "teaser" alone (German and Dutch CMSs call the standfirst so) right above the
  body, or opening it, is the article's; a teaser card (a link, a heading) is not.
- A Drupal field named teaser ("field-name-field-teaser") is the node's own lead.
Each has its keep-trap.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

BODY = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
LEAD = "Der Gemeinderat hat die Sanierung der Grundschule beschlossen. Das Land übernimmt die Hälfte der Kosten."


def _page(article: str, lang: str = "de") -> str:
    head = "<h1>Grundschule wird saniert</h1>"
    return f"<html lang='{lang}'><body><div class='page'>{head}{article}</div></body></html>"


def test_a_plain_teaser_above_the_body_with_a_date_line_between_is_the_lead() -> None:
    page = _page(
        f"<div class='teaser'><p>{LEAD}</p></div><div class='infoline'>12.03.2024 | Jana Köhler</div>"
        f"<div class='text'>{BODY}</div>"
    )
    assert clean(page).text.startswith(LEAD)


def test_a_plain_teaser_in_the_entry_header_is_the_lead() -> None:
    page = (
        "<html><body><article><header class='entry-header'><h1>Grundschule wird saniert</h1>"
        f"<div class='teaser'>{LEAD}</div><div class='entry-meta'>Door Bram Jansen</div></header>"
        f"<div class='entry-content'>{BODY}</div></article></body></html>"
    )
    assert clean(page).text.startswith(LEAD)


def test_a_plain_teaser_opening_the_body_stays() -> None:
    page = _page(f"<div class='article-body'><p class='teaser'>{LEAD}</p>{BODY}</div>")
    assert clean(page).text.startswith(LEAD)


def test_a_teaser_card_linking_to_another_story_above_the_body_is_not_a_lead() -> None:
    # Keep-trap the other way: a card links to its story.
    page = _page(f"<div class='teaser'><a href='/andere'>{LEAD}</a></div><div class='article-body'>{BODY}</div>")
    assert LEAD not in clean(page).text


def test_a_teaser_box_after_the_story_goes() -> None:
    page = _page(f"<div class='article-body'>{BODY}<div class='teaser'><p>{LEAD}</p></div></div>")
    assert LEAD not in clean(page).text


def test_a_drupal_teaser_field_above_the_body_field_is_the_lead() -> None:
    field = (
        "<div class='field field-name-field-{0}'><div class='field-items'>"
        "<div class='field-item even'>{1}</div></div></div>"
    )
    page = _page(
        "<div class='node node-article'><div class='content'>"
        + field.format("teaser", f"<p>{LEAD}</p>")
        + field.format("body", BODY).replace("field-name-field-body", "field-name-body")
        + "</div></div>"
    )
    assert clean(page).text.startswith(LEAD)


def test_a_cta_box_inside_the_story_goes_with_its_heading() -> None:
    box = (
        "<div class='wp-block-group cta-box has-background'><h3>Newsletter</h3>"
        "<p>Inscrivez-vous à notre newsletter pour recevoir l'essentiel.</p></div>"
    )
    halves = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]), "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    text = clean(_page(f"<div class='entry-content'>{halves[0]}{box}{halves[1]}</div>")).text
    assert "Newsletter" not in text
    assert PARAGRAPHS[-1] in text


def test_a_donation_box_under_the_story_goes() -> None:
    box = (
        "<div class='wp-block-group donation-cta'><p><strong>Steun onafhankelijke regionale journalistiek."
        " Word vandaag nog lid vanaf 4 euro per maand.</strong></p><a class='wp-block-button__link'>Word lid</a></div>"
    )
    text = clean(_page(f"<div class='entry-content'>{BODY}{box}</div>")).text
    assert "Steun" not in text
    assert "Word lid" not in text


def test_a_story_about_donations_stays() -> None:
    # Keep-trap: the words of an appeal in the story's own paragraphs, and a block named "cta"
    # alone (a label, not a box).
    story = (
        "<p>Donate blood, the hospital asked on Monday, after stocks fell to a two-day supply.</p>"
        "<p class='cta'>Support local journalism, the mayor said, was the council's last priority.</p>"
    )
    text = clean(_page(f"<div class='article-body'>{story}{BODY}</div>")).text
    assert "Donate blood, the hospital asked" in text
    assert "Support local journalism, the mayor said" in text


def test_a_date_line_written_day_month_year_with_dashes_is_the_date() -> None:
    # Dutch, Polish and Italian sites write 12-03-2024.
    page = _page(
        f"<div class='datum'>11-03-2024</div><div class='article-body'>{BODY}<p>Bijgewerkt: 12-03-2024, 14:35</p></div>"
    )
    result = clean(page)
    assert "Bijgewerkt" not in result.text
    assert "11-03-2024" not in result.text
    assert result.date == "2024-03-11"


def test_a_sentence_with_a_dashed_date_stays() -> None:
    story = "<p>Il 12-03-2024 si vota per il nuovo consiglio comunale in tutti i seggi della città.</p>"
    assert "Il 12-03-2024 si vota" in clean(_page(f"<div class='article-body'>{story}{BODY}</div>")).text


def test_a_read_also_label_in_bold_before_its_link_goes() -> None:
    # Italian "LEGGI ANCHE" with no colon: the bold label and the link to another story.
    read_also = "<p><strong>LEGGI ANCHE</strong> <a href='/altro'>Nuovo parcheggio in stazione, 400 posti</a></p>"
    halves = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]), "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    text = clean(_page(f"<div class='article-body'>{halves[0]}{read_also}{halves[1]}</div>", "it")).text
    assert "LEGGI ANCHE" not in text
    assert "Nuovo parcheggio" not in text
    assert PARAGRAPHS[-1] in text


def test_a_sentence_opening_with_a_related_phrase_and_ending_in_a_link_stays() -> None:
    # Keep-trap: the words outside the link are more than the label.
    line = "<p>Leggi anche il parere della Regione <a href='/parere'>sul nuovo orario dei treni</a></p>"
    text = clean(_page(f"<div class='article-body'>{BODY}{line}</div>", "it")).text
    assert "Leggi anche il parere della Regione" in text


def test_an_author_box_named_in_the_page_language_goes() -> None:
    for box in ("autorenbox", "bloc-auteur", "o-autorze", "saboxplugin-wrap"):
        bio = f"<div class='{box}'><p>Jana Köhler ist seit 2012 Redakteurin im Lokalressort.</p>"
        bio += "<a>www.example.de</a></div>"
        text = clean(_page(f"<div class='article-body'>{BODY}{bio}</div>")).text
        assert "Redakteurin im Lokalressort" not in text, box
        assert "www.example.de" not in text, box
        assert PARAGRAPHS[-1] in text


def test_a_story_in_an_author_named_column_stays() -> None:
    # Keep-trap: an opinion column's body named for its author keeps its text when it is the story.
    text = clean(_page(f"<div class='kolumne autor-text'>{BODY}</div>")).text
    assert PARAGRAPHS[0] in text
    assert PARAGRAPHS[-1] in text


QUOTES = (
    "Heel blij met het advies, de installatie verliep vlot en de monteurs lieten alles netjes achter. "
    "Ons huis is nu in de winter comfortabel warm en de energierekening is flink omlaag gegaan.",
    "Wij twijfelden lang tussen een volledig elektrische en een hybride warmtepomp. Het eerlijke advies "
    "heeft ons geholpen om een keuze te maken die past bij ons huis en ons budget.",
    "Snel geholpen, duidelijke offerte en geen verrassingen achteraf. Na een jaar kunnen we zeggen dat het "
    "de investering meer dan waard is geweest. Aanrader voor iedereen met een ouder huis.",
)


def _testimonials() -> str:
    items = "".join(
        f"<div class='testimonial'><blockquote><p>{q}</p></blockquote><cite>Klant</cite></div>" for q in QUOTES
    )
    slider = f"<div class='testimonial-slider'>{items}</div>"
    return f"<section class='testimonials'><h2>Wat klanten zeggen</h2>{slider}</section>"


def test_a_testimonial_slider_beside_a_short_post_goes() -> None:
    post = "<div class='post-single'><h1>Onze ervaringen</h1><div class='post-text'>"
    post += "".join(f"<div class='text-block'>{p}</div>" for p in PARAGRAPHS) + "</div></div>"
    text = clean(f"<html lang='nl'><body><div class='wrap'>{post}{_testimonials()}</div></body></html>").text
    assert PARAGRAPHS[0] in text
    assert QUOTES[0] not in text


def test_a_page_of_testimonials_keeps_them() -> None:
    # Keep-trap: the testimonials are the page.
    page = f"<html lang='nl'><body><h1>Wat klanten zeggen</h1>{_testimonials()}</body></html>"
    text = clean(page).text
    assert all(q in text for q in QUOTES)


def test_a_kicker_above_the_headline_goes_with_it() -> None:
    page = (
        "<html lang='de'><head><title>Grundschule wird saniert</title></head><body><div class='page'>"
        f"<div class='article'><div class='rubrik'>Bildung</div><h1>Grundschule wird saniert</h1>{BODY}</div>"
        "</div></body></html>"
    )
    result = clean(page)
    assert result.text.startswith(PARAGRAPHS[0])
    assert "kicker or breadcrumb above the headline" in {r.reason for r in result.removed}


def test_a_sentence_above_the_headline_stays() -> None:
    # Keep-trap: a line of prose over the h1 is no label.
    above = "<p>Die Stadt investiert in ihre Schulen.</p>"
    page = (
        f"<html lang='de'><body><div class='article'>{above}<h1>Grundschule wird saniert</h1>{BODY}</div></body></html>"
    )
    assert "Die Stadt investiert in ihre Schulen." in clean(page).text


def test_a_related_box_between_paragraphs_goes_with_its_summary() -> None:
    box = (
        "<div class='box box--inline'><h4>Auch interessant</h4><a href='/baugebiet'><img src='/t.jpg'>"
        "<span>Gemeinderat stimmt für neues Baugebiet</span></a><p>Die Grünen stimmten geschlossen dagegen.</p></div>"
    )
    halves = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]), "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    text = clean(_page(f"<div class='story__content'>{halves[0]}{box}{halves[1]}</div>")).text
    assert "Baugebiet" not in text
    assert "Die Grünen stimmten" not in text
    assert PARAGRAPHS[-1] in text


def test_a_box_with_a_related_heading_and_no_link_stays() -> None:
    # Keep-trap: the story's own note under a "Mehr zum Thema" heading links nowhere.
    note = "<div class='info'><h4>Mehr zum Thema</h4>"
    note += "<p>Die Stadt lädt am Montag um 19 Uhr zum Infoabend ins Rathaus.</p></div>"
    text = clean(_page(f"<div class='story__content'>{BODY}{note}</div>")).text
    assert "Die Stadt lädt am Montag um 19 Uhr zum Infoabend ins Rathaus." in text


def test_a_story_list_heading_and_the_teasers_under_it_go() -> None:
    teasers = "".join(
        f"<div class='x7'><a href='/m{i}'>Feuerwehr bekommt neues Fahrzeug {i}</a>"
        "<p>Das alte Fahrzeug war 28 Jahre im Einsatz. Der Förderverein hat gesammelt.</p></div>"
        for i in range(2)
    )
    text = clean(_page(f"<div class='x3'>{BODY}<h2>Mehr zum Thema</h2>{teasers}</div>")).text
    assert "Feuerwehr" not in text
    assert "Das alte Fahrzeug" not in text
    assert PARAGRAPHS[-1] in text


def test_a_story_list_heading_over_the_storys_own_paragraph_stays() -> None:
    # Keep-trap: a paragraph of the story with a link inside it is no teaser.
    para = "<p>Der Kreistag hatte <a href='/januar'>im Januar</a> über die Pläne beraten und vertagt.</p>"
    text = clean(_page(f"<div class='x3'>{BODY}<h2>Mehr zum Thema</h2>{para}</div>")).text
    assert "Der Kreistag hatte im Januar über die Pläne beraten und vertagt." in text


def test_a_label_over_teaser_cards_goes_with_them() -> None:
    cards = "".join(
        f"<div class='x7'><a href='/v{i}'><img src='/v{i}.jpg'></a><a href='/v{i}'>Video numero {i}</a></div>"
        for i in range(3)
    )
    halves = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2]), "".join(f"<p>{p}</p>" for p in PARAGRAPHS[2:])
    box = f"<div class='x6'><div class='x6a'>Guarda anche</div>{cards}</div>"
    text = clean(_page(f"<div class='x3'>{halves[0]}{box}{halves[1]}</div>", "it")).text
    assert "Guarda anche" not in text
    assert PARAGRAPHS[-1] in text


def test_a_polish_comment_thread_under_the_story_goes() -> None:
    comments = "".join(
        f"<div class='x7'><div><b>{name}</b> napisał(a):</div><div>12.03.2024 18:2{i}</div>"
        f"<p>{text}</p><a>Odpowiedz</a></div>"
        for i, (name, text) in enumerate(
            (
                ("Marek", "Piękny projekt, tylko czy ktoś pomyślał o tym, kto będzie to sprzątał zimą?"),
                ("ania_k", "Wreszcie coś dla dzieci w centrum. Latem na rynku nie ma gdzie się schować."),
            )
        )
    )
    text = clean(
        _page(f"<div class='x3'>{BODY}</div><div class='x6'><h3>Komentarze (2)</h3>{comments}</div>", "pl")
    ).text
    assert "napisał(a)" not in text
    assert "Piękny projekt" not in text
    assert PARAGRAPHS[-1] in text


def test_a_story_sentence_with_napisal_stays() -> None:
    # Keep-trap: a sentence of the story, not a comment's header.
    line = "<p>Burmistrz napisał do mieszkańców list, w którym przeprasza za opóźnienia w budowie.</p>"
    text = clean(_page(f"<div class='x3'>{BODY}{line}</div>", "pl")).text
    assert "Burmistrz napisał do mieszkańców list" in text


def test_a_drupal_tags_field_beside_the_body_field_goes() -> None:
    field = (
        "<div class='field field-name-{0}'><div class='field-items'><div class='field-item even'>{1}</div></div></div>"
    )
    tags = (
        "<div class='field field-name-field-tags field-label-above'><div class='field-label'>Schlagwörter:&nbsp;</div>"
        "<div class='field-items'><div class='field-item even'><a href='/lokales'>Lokales</a></div></div></div>"
    )
    page = _page(f"<div class='node node-article'><div class='content'>{field.format('body', BODY)}{tags}</div></div>")
    text = clean(page).text
    assert "Lokales" not in text
    assert PARAGRAPHS[-1] in text


def test_paragraphs_written_as_divs_are_not_narrowed_to_the_longest() -> None:
    long = "Der Gemeinderat hat nach langer Debatte beschlossen, die Grundschule zu sanieren. " * 12
    short = ("Die Kosten liegen bei vier Millionen Euro.", "Das Land übernimmt die Hälfte.", "Baubeginn ist im Sommer.")
    text = f"<div class='text'><div>{short[0]}</div><div>{long}</div><div>{short[1]}</div><div>{short[2]}</div></div>"
    side = "<div class='box'><h3>Termine</h3><p>Sa, 16.03.: Kinderturnen, 10 Uhr in der Halle am See.</p></div>"
    result = clean(_page(f"<div class='wrap'>{text}{side}</div>"))
    assert all(s in result.text for s in short)
    assert "Kinderturnen" not in result.text


def test_a_slider_library_box_above_the_story_goes() -> None:
    # Owl Carousel, Slick ...: named by the library, not by "slider".
    slides = "".join(
        f"<div class='item'><h3>Titel {i}</h3><p>Andere Nachricht {i}: Der Kreistag berät am Montag über den Haushalt "
        "und die neuen Buslinien im Landkreis.</p></div>"
        for i in range(6)
    )
    for box in ("owl-carousel owl-theme", "slick-slider"):
        story = "".join(f"<p>{p}</p>" for p in PARAGRAPHS * 2)
        text = clean(_page(f"<div class='{box}'>{slides}</div><div class='artikel'>{story}</div>")).text
        assert "Andere Nachricht" not in text, box
        assert PARAGRAPHS[-1] in text


ABOUT = "".join(
    f"<p>Der Verein Nummer {i} berät am Montag über den Haushalt und die neuen Buslinien im ganzen Landkreis.</p>"
    for i in range(5)
)


def test_an_about_box_beside_the_story_goes() -> None:
    page = _page(f"<div class='artikel'>{BODY}</div><div class='fuss'><h3>Über uns</h3>{ABOUT}</div>")
    text = clean(page).text
    assert "Der Verein Nummer" not in text
    assert PARAGRAPHS[-1] in text


def test_an_about_page_keeps_its_text() -> None:
    # Keep-trap: with no story beside it, the about box is the page.
    page = f"<html lang='de'><body><div class='fuss'><h1>Über uns</h1>{ABOUT}</div></body></html>"
    assert "Der Verein Nummer 4" in clean(page).text


def test_a_caption_named_in_the_page_language_goes_to_the_captions() -> None:
    for name in ("bildunterschrift", "didascalia", "pie-de-foto", "podpis-zdjecia", "bijschrift"):
        caption = f"<span class='{name}'>Der neue Vorstand vor dem Sportheim.</span>"
        picture = f"<div class='bild'><img src='/v.jpg'>{caption}</div>"
        result = clean(_page(f"<div class='article-body'>{BODY}{picture}</div>"))
        assert "Der neue Vorstand" not in result.text, name
        assert any("Der neue Vorstand" in c for c in result.captions), name


HINDI_STORY = [
    "नगर परिषद ने मंगलवार को पुराने पुल को मरम्मत के लिए बंद करने का फैसला किया। निरीक्षकों को शरद ऋतु के"
    " सर्वेक्षण में दरारें मिली थीं। पुल अगले महीने से छह सप्ताह तक बंद रहेगा।",
    "स्थानीय व्यापारियों ने कहा कि बंद होने से उनकी बिक्री पर असर पड़ेगा। कई दुकानदारों ने परिषद से वैकल्पिक"
    " मार्ग की व्यवस्था करने की मांग की है। परिषद ने कहा कि बसें दूसरे पुल से चलेंगी।",
    "मेयर ने एक बयान में कहा कि सुरक्षा सबसे पहले है। उन्होंने कहा कि मरम्मत का काम तय समय पर पूरा होगा।"
    " इंजीनियरों की एक टीम हर दिन काम की निगरानी करेगी।",
    "निवासियों के लिए एक सार्वजनिक बैठक अगले गुरुवार को नगर भवन में होगी। वहां अधिकारी सवालों के जवाब देंगे। बैठक शाम छह बजे शुरू होगी।",
]


def test_a_story_whose_sentences_end_in_a_danda_is_prose_and_its_menu_goes() -> None:
    # Found by a review of the sentence marks: Hindi ends a sentence with '।' (as Urdu with '۔',
    # Armenian with '։'); none ended like a sentence, no run of prose was found, and the whole
    # dump was kept, menu and all.
    menu = ["होम", "देश", "विदेश", "खेल", "मनोरंजन", "व्यापार"]
    headline = "पुल मरम्मत के लिए बंद होगा"
    result = clean("\n\n".join([headline, *menu, headline, *HINDI_STORY]))
    assert result.paragraphs == tuple(HINDI_STORY)
    assert result.title == headline
