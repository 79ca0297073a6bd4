"""Chrome lines the language packs missed on sites in de, es, fr, pl, it, nl and pt, each with its keep-traps.

The English pack knew these concepts; the other packs lacked common wordings of them:
- WordPress's comment form in the site's language ("Schreibe einen Kommentar", "Deja una respuesta",
  "Geef een reactie", "Anuluj pisanie odpowiedzi", "Salvar meus dados neste navegador …").
- Cookie banners worded with another verb ("Diese Webseite nutzt Cookies", "Este sitio web usa
  cookies", "W ramach naszej witryny stosujemy pliki cookies", "Questo sito fa uso di cookie").
- Related headings, share and ad labels, read-more links, reading times and du-form promos
  ("Sprawdź też:", "Ti potrebbe interessare anche", "Espacio publicitario", "Czytaj całość").
Each story below holds its chrome lines between or after its paragraphs, and sentences that open
with the same words, which stay.
"""

from __future__ import annotations

import pytest

from cleanup import clean

RULE = "chrome-phrase"

# code: (headline, paragraphs (the last ones are keep-traps), chrome lines inside the story, chrome lines after it)
CASES = {
    "de": (
        "Stadtrat beschließt Neubau der Stallbergbrücke",
        (
            "Die marode Stallbergbrücke wird nicht mehr saniert, sondern abgerissen und neu gebaut. Der Stadtrat "
            "hat am Mittwochabend nach langer Debatte mit 21 zu 9 Stimmen entschieden.",
            "Nach den Berechnungen eines Ingenieurbüros hätte eine Sanierung rund 14,8 Millionen Euro gekostet. "
            "Für den Neubau rechnet die Verwaltung mit etwa 19 Millionen Euro.",
            "Zum Beitrag der Stadt kommen Fördermittel des Landes, die der Kämmerer bereits beantragt hat.",
            "Aktuelle Meldungen der Polizei zeigen, dass sich der Verkehr schon jetzt auf die Umleitungen verlagert.",
            "Alle Kommentare der Bürger seien in die Planung eingeflossen, sagte die Bürgermeisterin am Rande.",
        ),
        (
            "Lesedauer: ca. 4 Minuten",
            "Mehr Artikel zum Thema: Umleitung über die Nordstraße ab Montag",
            "Gesponserter Beitrag",
            "Diesen Beitrag teilen",
            "Hier klicken",
        ),
        (
            "Hat dir der Artikel gefallen? Dann teile ihn mit deinen Freunden.",
            "Abonniere unseren Newsletter und verpasse keine Neuigkeiten mehr aus der Region.",
            "Schreibe einen Kommentar",
            "Antworten abbrechen",
            "Kommentar abschicken",
        ),
    ),
    "es": (
        "El Ayuntamiento aprueba el nuevo puente sobre el río",
        (
            "El pleno del Ayuntamiento aprobó el miércoles la construcción de un nuevo puente sobre el río, que "
            "sustituirá a la pasarela cerrada desde el temporal del pasado invierno.",
            "La obra costará unos 19 millones de euros y se financiará en parte con fondos europeos, según explicó "
            "la concejala de Urbanismo durante la sesión.",
            "Tendencias parecidas se observan en otras ciudades del norte, donde los puentes antiguos no soportan el "
            "tráfico actual.",
            "Más sobre el calendario se sabrá el lunes, cuando la empresa adjudicataria presente su plan de obra.",
            "Acepto el resultado, dijo el portavoz de la oposición, pero vigilaremos cada euro que se gaste.",
        ),
        (
            "Tiempo de lectura 4 min",
            "Lee además: Cortes de tráfico en el centro a partir del lunes",
            "Espacio publicitario",
            "Compartir noticia",
            "Pincha aquí",
        ),
        (
            "Para continuar leyendo, suscríbete desde 1 euro al mes.",
            "Este sitio web usa cookies para mejorar su experiencia de navegación.",
            "Deja una respuesta",
            "Cancelar la respuesta",
            "Publicar el comentario",
        ),
    ),
    "fr": (
        "Le conseil municipal vote la construction d'un nouveau pont",
        (
            "Le conseil municipal a voté mercredi soir la construction d'un nouveau pont sur la rivière, qui "
            "remplacera la passerelle fermée depuis les crues de l'hiver dernier.",
            "Le chantier coûtera environ 19 millions d'euros, dont une partie financée par la région, a précisé "
            "l'adjointe chargée de l'urbanisme pendant la séance.",
            "À lire les rapports des ingénieurs, l'ancien ouvrage ne pouvait plus être sauvé à un coût raisonnable.",
            "Partagez vos souvenirs du vieux pont, a demandé la mairie aux habitants du quartier.",
            "Je refuse de commenter une décision que je n'ai pas lue, a répondu le député de la circonscription.",
        ),
        (
            "Lecture : 4 minutes",
            "À lire : Des déviations dans le centre dès lundi",
            "La suite de l'article après cette publicité",
            "Envoyer par mail",
        ),
        (
            "Laisser une réponse",
            "Votre adresse email ne sera pas publiée. Les champs obligatoires sont indiqués avec *",
            "Publier un commentaire",
        ),
    ),
    "pl": (
        "Rada miasta zdecydowała o budowie nowego mostu",
        (
            "Rada miasta zdecydowała w środę o budowie nowego mostu na rzece, który zastąpi kładkę zamkniętą od "
            "zimowej powodzi.",
            "Inwestycja ma kosztować około 80 milionów złotych, a część pieniędzy pochodzi z funduszy unijnych, "
            "poinformowała wiceprezydent miasta podczas sesji.",
            "Zobacz, jak zmieniło się miasto w ciągu ostatnich dziesięciu lat, zachęca wystawa w ratuszu.",
            "Popularne są zwłaszcza wycieczki rowerowe wzdłuż rzeki, które po otwarciu mostu mają się wydłużyć.",
            "Czytaj uważnie każdą umowę z wykonawcą, radził radnym przedstawiciel regionalnej izby obrachunkowej.",
        ),
        (
            "Czas czytania: ok. 4 min",
            "Sprawdź też: Objazdy w centrum od poniedziałku",
            "Materiał partnerski",
            "Tweetnij",
        ),
        (
            "W ramach naszej witryny stosujemy pliki cookies w celu świadczenia Państwu usług na najwyższym poziomie.",
            "Anuluj pisanie odpowiedzi",
            "Zapisz moje dane, adres e-mail i witrynę w przeglądarce aby wypełnić dane podczas pisania kolejnych "
            "komentarzy.",
            "Opublikuj komentarz",
        ),
    ),
    "it": (
        "Il consiglio comunale approva il nuovo ponte sul fiume",
        (
            "Il consiglio comunale ha approvato mercoledì sera la costruzione di un nuovo ponte sul fiume, che "
            "sostituirà la passerella chiusa dopo l'alluvione dello scorso inverno.",
            "L'opera costerà circa 19 milioni di euro, in parte finanziati dalla Regione, ha spiegato l'assessora "
            "all'urbanistica durante la seduta.",
            "In primo piano c'è la questione del traffico nel centro storico durante i due anni di cantiere.",
            "Articoli simili erano già apparsi sulla stampa locale nel 2019, quando il ponte fu chiuso la prima volta.",
            "Accetto le critiche, ha detto il sindaco, ma il progetto va avanti come previsto.",
        ),
        (
            "Tempo di lettura 4 minuti",
            "Ti potrebbe interessare anche: Deviazioni in centro da lunedì",
            "ADV",
            "Condividi questa notizia",
        ),
        (
            "Questo sito fa uso di cookie per migliorare l'esperienza di navigazione degli utenti.",
            "Lascia una risposta",
            "Pubblica il commento",
        ),
    ),
    "nl": (
        "Gemeenteraad stemt in met nieuwe brug over de rivier",
        (
            "De gemeenteraad heeft woensdagavond ingestemd met de bouw van een nieuwe brug over de rivier, die de "
            "voetgangersbrug vervangt die sinds het hoogwater van vorige winter dicht is.",
            "De bouw kost ongeveer 19 miljoen euro, waarvan een deel door de provincie wordt betaald, zei de "
            "wethouder tijdens de vergadering.",
            "Het laatste nieuws over de brug kwam pas dinsdagavond van de gemeente zelf.",
            "Net binnen was de brandweer toen het oude dak van het brugwachtershuisje instortte.",
            "Ik ga akkoord met het plan, zei de wethouder, als de bewoners mogen meepraten over de details.",
        ),
        (
            "4 min. leestijd",
            "Net binnen: Omleidingen in het centrum vanaf maandag",
            "Artikel gaat verder onder de advertentie",
            "Deel dit bericht",
        ),
        (
            "Schrijf je in voor de nieuwsbrief en ontvang elke week het nieuws uit de regio.",
            "Geef een reactie",
            "Reactie annuleren",
            "Reactie plaatsen",
        ),
    ),
    "pt": (
        "Câmara aprova construção de nova ponte sobre o rio",
        (
            "A Câmara Municipal aprovou na quarta-feira a construção de uma nova ponte sobre o rio, que vai "
            "substituir a passagem pedonal fechada desde as cheias do inverno passado.",
            "A obra vai custar cerca de 19 milhões de euros, em parte financiados por fundos europeus, explicou a "
            "vereadora do urbanismo durante a reunião.",
            "Leia ainda o parecer do tribunal antes de votar, pediu o deputado da oposição aos colegas.",
            "Mais vistas do rio foram abertas ao público com a nova ponte pedonal construída em 2019.",
            "Aceito o resultado, disse o candidato derrotado aos jornalistas à saída da reunião.",
        ),
        (
            "Leia ainda: Desvios no centro a partir de segunda-feira",
            "Continue lendo após a publicidade",
            "Compartilhe este artigo",
        ),
        (
            "Nós usamos cookies para melhorar a sua experiência no nosso site.",
            "Deixe uma resposta",
            "Salvar meus dados neste navegador para a próxima vez que eu comentar.",
            "Publicar comentário",
        ),
    ),
}


def _dump(headline: str, paragraphs: tuple[str, ...], inside: tuple[str, ...], after: tuple[str, ...]) -> str:
    lines = (headline, *inside[:1], *paragraphs[:2], *inside[1:], *paragraphs[2:], *after, "Impressum")
    return "\n\n".join(lines) + "\n"


@pytest.mark.parametrize("code", sorted(CASES))
def test_chrome_lines_in_a_story_go_and_are_reported_by_the_phrase_rule(code: str) -> None:
    headline, paragraphs, inside, after = CASES[code]
    result = clean(_dump(headline, paragraphs, inside, after))
    by_text = {r.text: r.rule for r in result.removed}
    for line in inside:
        assert line not in result.text
        assert by_text.get(line) == RULE, (line, by_text.get(line))
    for line in after:
        assert line not in result.text
        assert line in by_text, line


@pytest.mark.parametrize("code", sorted(CASES))
def test_sentences_opening_with_the_same_words_stay(code: str) -> None:
    headline, paragraphs, inside, after = CASES[code]
    text = clean(_dump(headline, paragraphs, inside, after)).text
    for paragraph in paragraphs:
        assert paragraph in text


def _page(code: str) -> str:
    """The story as a page in plain markup: the chrome is in <p>s of the article, no class names it."""
    headline, paragraphs, inside, after = CASES[code]
    parts = (*inside[:1], *paragraphs[:2], *inside[1:], *paragraphs[2:], *after)
    body = "".join(f"<p>{part}</p>" for part in parts)
    head = f"<head><title>{headline}</title></head>"
    return f"<html lang='{code}'>{head}<body><article><h1>{headline}</h1>{body}</article></body></html>"


@pytest.mark.parametrize("code", sorted(CASES))
def test_chrome_paragraphs_of_a_page_go_and_the_storys_stay(code: str) -> None:
    _, paragraphs, inside, after = CASES[code]
    result = clean(_page(code))
    by_text = {r.text: r.rule for r in result.removed}
    for line in (*inside, *after):
        assert by_text.get(line) == RULE, (line, by_text.get(line))
        assert line not in result.text
    for paragraph in paragraphs:
        assert paragraph in result.text


# A WordPress theme's lines under a story in the site's language: the post navigation heading, the reply
# heading with its cancel link on the same line, the notice for readers not logged in, and a consent
# plugin's banner and buttons (Complianz, Cookiebot).
WORDPRESS = {
    "de": (
        "Beitragsnavigation",
        "Schreibe einen Kommentar Antworten abbrechen",
        "Du musst angemeldet sein, um einen Kommentar abzugeben.",
        "Um dir ein optimales Erlebnis zu bieten, verwenden wir Technologien wie Cookies.",
        "Einstellungen ansehen",
        "Immer aktiv",
    ),
    "es": (
        "Navegación de entradas",
        "Deja una respuesta Cancelar la respuesta",
        "Debes acceder para publicar un comentario.",
        "Para ofrecer las mejores experiencias, utilizamos tecnologías como las cookies.",
        "Denegar",
        "Ver preferencias",
    ),
    "fr": (
        "Navigation de l'article",
        "Laisser un commentaire Annuler la réponse",
        "Vous devez vous connecter pour publier un commentaire.",
        "Pour offrir les meilleures expériences, nous utilisons des technologies telles que les cookies.",
        "Toujours activé",
        "Voir les préférences",
    ),
    "it": (
        "Navigazione articoli",
        "Lascia un commento Annulla risposta",
        "Devi essere connesso per inviare un commento.",
        "Per fornire le migliori esperienze, utilizziamo tecnologie come i cookie.",
        "Nega",
        "Visualizza le preferenze",
    ),
    "nl": (
        "Berichtnavigatie",
        "Geef een reactie Reactie annuleren",
        "Om de beste ervaringen te bieden, gebruiken wij technologieën zoals cookies.",
        "Altijd actief",
        "Bekijk voorkeuren",
    ),
    "pl": (
        "Nawigacja wpisu",
        "Dodaj komentarz Anuluj pisanie odpowiedzi",
        "Musisz się zalogować, aby móc dodać komentarz.",
        "Aby zapewnić jak najlepsze wrażenia, korzystamy z technologii, takich jak pliki cookie.",
        "Odmów",
        "Zobacz preferencje",
    ),
    "pt": (
        "Navegação de posts",
        "Deixe uma resposta Cancelar resposta",
        "Você precisa fazer o login para publicar um comentário.",
        "Para fornecer as melhores experiências, usamos tecnologias como cookies.",
        "Negar",
        "Ver preferências",
    ),
}


@pytest.mark.parametrize("code", sorted(WORDPRESS))
def test_a_wordpress_themes_lines_under_the_story_go(code: str) -> None:
    headline, paragraphs, _, _ = CASES[code]
    result = clean(_dump(headline, paragraphs, (), WORDPRESS[code]))
    by_text = {r.text: r.rule for r in result.removed}
    for line in WORDPRESS[code]:
        assert by_text.get(line) == RULE, (line, by_text.get(line))
    for paragraph in paragraphs:
        assert paragraph in result.text


# Headings over a list of other stories from a place or a topic, and sentences opening with their words.
MORE_FROM = {
    "de": (
        "Weitere Nachrichten aus Bayern",
        "Weitere Nachrichten aus Bayern bestätigten den Trend, sagte der Sprecher.",
    ),
    "fr": (
        "Nos dernières actualités",
        "Nos dernières actualités sur le pont ont été publiées mardi, a rappelé la mairie.",
    ),
    "it": (
        "Altre notizie su Milano",
        "Altre notizie su Milano arriveranno domani, ha promesso il portavoce del Comune.",
    ),
    "nl": (
        "Meer nieuws uit Utrecht",
        "Meer nieuws uit Utrecht volgt morgen, beloofde de woordvoerder van de gemeente.",
    ),
    "pl": ("Więcej wiadomości z Krakowa", "Więcej wiadomości z Krakowa nie mamy, przyznał rzecznik urzędu miasta."),
}
TEASERS = ("Neue Ampel an der Kreuzung Nordstraße", "Schwimmbad öffnet im Mai wieder", "Stadtfest: Das Programm")


@pytest.mark.parametrize("code", sorted(MORE_FROM))
def test_a_more_from_heading_goes_with_its_links_and_the_sentence_stays(code: str) -> None:
    headline, paragraphs, _, _ = CASES[code]
    heading, sentence = MORE_FROM[code]
    links = "".join(f"<li><a href='/{n}'>{title}</a></li>" for n, title in enumerate(TEASERS))
    story = "".join(f"<p>{p}</p>" for p in (*paragraphs[:3], sentence))
    rest = "".join(f"<p>{p}</p>" for p in paragraphs[3:])
    article = f"<h1>{headline}</h1>{story}<h3>{heading}</h3><ul>{links}</ul>{rest}"
    page = f"<html lang='{code}'><body><article>{article}</article></body></html>"
    result = clean(page)
    assert heading not in result.text.split("\n\n")
    assert not any(title in result.text for title in TEASERS)
    assert all(p in result.text for p in (*paragraphs, sentence))


INTERVIEW = (
    "Der Stadtrat hat am Mittwoch über die Zukunft der maroden Stallbergbrücke beraten. Wir haben mit der "
    "Bürgermeisterin gesprochen.\n\nFrau Müller, der Gutachter empfiehlt eine sofortige Sperrung. Teilen Sie "
    "seine Einschätzung?\n\n{answer}\n\nWarum haben Sie dann so lange gezögert, obwohl die Mängel seit Jahren "
    "bekannt sind?\n\nWeil wir erst die Finanzierung des Neubaus sichern mussten, bevor wir den Verkehr "
    "umleiten konnten. Das hat länger gedauert, als uns allen lieb war."
)


@pytest.mark.parametrize(
    "answer", ["Ich stimme zu.", "Ich akzeptiere.", "Acepto.", "Accetto.", "Aceito.", "Je refuse.", "Ik ga akkoord."]
)
def test_an_interview_answer_of_one_first_person_sentence_stays(answer: str) -> None:
    # A consent button's first-person label ("Ich stimme zu") reads like an interviewee's whole answer.
    result = clean(f"Wir müssen die Brücke sofort sperren\n\n{INTERVIEW.format(answer=answer)}".encode())
    assert answer in result.paragraphs, [r.text for r in result.removed]
