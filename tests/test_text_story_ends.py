"""Where a story in a text dump ends: categories a second multilingual trial of dumps found.

- A press release's closing mark ("Ends", "###", "Notes to editors", "Hinweis für Redaktionen")
  ends the release: the notes and contacts under it are no part of it.
- A bio of the story's author closing an opinion piece or a guest column, in any language and
  naming no reporter's role ("Dr. Miriam Falk ist Erziehungswissenschaftlerin …", "Anna Zielińska –
  dziennikarka …"): it opens with the name the byline gave.
- A bare "Zur Person" heading over a bio after an interview.
- A club's or publisher's box after the story under an "About" heading that names it ("Over
  Dorpsbelangen", "Über den Verein"), when the blurb speaks for itself ("Wij zijn …").
- The site's own blurb right under the story, with no heading: it opens with the site's name that
  the page's <title> gives ("Der Rheinpfalz-Kurier ist eine regionale Tageszeitung …").
- A newsletter sign-up box under the story: its heading is dropped, its pitch reads as prose
  ("Ogni mattina le notizie più importanti direttamente nella tua casella di posta.").
- An interview's last short question and answer ("Und Ihre Pläne?" / "Ruhestand. Endlich."): too
  short for prose, they still end the story when the run holds questions with answers.
- A comment thread in any pack language: a disclaimer that the comments are their authors'
  responsibility opens it, and a bare comments heading opens it when the packs' comment phrases
  ("Odpowiedz", "Zgłoś") follow it as a thread's own lines.
Each has its keep-trap.
"""

from __future__ import annotations

from cleanup import clean

from conftest import STORY_PARAGRAPHS as PARAGRAPHS

HEAD = ("College wins grant for skills centre | Southdown College", "Home", "News", "Press releases")
FOOT = ("Accessibility", "Privacy", "© Southdown College 2024")
NOTES = (
    "Southdown College is a general further education college with 6,000 students across three campuses.",
    "For media enquiries contact the communications team on 01234 567890 or press@southdown.example.",
)


def _dump(*lines: str) -> str:
    return "\n\n".join(lines) + "\n"


def _release(*end: str) -> str:
    return clean(_dump(*HEAD, "College wins grant for skills centre", *PARAGRAPHS, *end, *FOOT)).text


def test_notes_to_editors_end_a_press_release() -> None:
    text = _release("Ends", "Notes to editors", *NOTES)
    assert PARAGRAPHS[-1] in text
    assert "6,000 students" not in text
    assert "media enquiries" not in text


def test_a_german_note_for_editors_ends_a_press_release() -> None:
    text = _release("Hinweis für Redaktionen:", *NOTES)
    assert PARAGRAPHS[-1] in text
    assert "6,000 students" not in text


def test_notes_to_editors_without_a_contact_stay() -> None:
    # Keep-trap: a blog reprinting a release's notes as a list of facts keeps them.
    facts = ("- The fund is a company owned by the member states.", "- It will have a small number of staff.")
    text = _release("Notes to editors:", *facts)
    assert facts[1] in text


def test_a_sentence_about_notes_to_editors_stays() -> None:
    # Keep-trap: the words in a sentence of the story are no mark.
    last = "The notes to editors of the school paper were sent on Monday, and the paper printed them in full."
    text = _release(last)
    assert last in text


GERMAN = (
    "Finnland hat in den vergangenen Pisa-Runden deutlich an Punkten verloren. Das Land liegt zwar noch immer "
    "über dem OECD-Durchschnitt, aber der Abstand zu Deutschland ist kleiner geworden.",
    "Trotzdem gibt es etwas, das wir übernehmen sollten. Finnische Lehrerinnen und Lehrer genießen hohes "
    "Ansehen und große Freiheit, und sie entscheiden selbst, wie sie ihren Unterricht gestalten.",
    "Die Lehre aus Finnland ist deshalb keine Methode, sondern eine Haltung: Vertrauen in die Menschen, "
    "die Tag für Tag in den Klassen stehen. Daran fehlt es in Deutschland am meisten.",
)
DE_HEAD = ("Was Schulen von Finnland lernen können | Kurier", "Startseite", "Meinung", "Politik", "Sport")
DE_FOOT = ("Mehr zum Thema", "Schulen: Lehrermangel wird größer", "Kitas: Neue Plätze", "Impressum", "Datenschutz")
BIO = (
    "Dr. Miriam Falk ist Erziehungswissenschaftlerin an der Universität Koblenz. Sie hat drei Jahre in "
    "Finnland geforscht und berät Landesregierungen in Fragen der Lehrerbildung."
)


def _column(byline: str, *end: str) -> str:
    headline = "Was Schulen von Finnland lernen können"
    return clean(_dump(*DE_HEAD, headline, byline, "28.08.2024", *GERMAN, *end, "Teilen", *DE_FOOT)).text


def test_a_bio_signed_by_the_bylines_name_ends_the_column() -> None:
    text = _column("Ein Gastbeitrag von Dr. Miriam Falk", BIO)
    assert GERMAN[-1] in text
    assert "Universität Koblenz" not in text


def test_a_polish_bio_after_a_dash_ends_the_column() -> None:
    bio = "Anna Zielińska – dziennikarka i felietonistka, od 2005 roku związana z naszą gazetą. Mieszka w Gdańsku."
    text = _column("Anna Zielińska", bio)
    assert GERMAN[-1] in text
    assert "felietonistka" not in text


def test_a_last_paragraph_on_someone_the_byline_does_not_name_stays() -> None:
    # Keep-trap: the story's last paragraph on its subject, by another author.
    text = _column("Von Jan Roth", BIO)
    assert "Universität Koblenz" in text


def test_a_bio_of_an_author_the_story_introduces_stays() -> None:
    # Keep-trap: an editor's intro names the guest author; the bio closing the piece goes with it.
    intro = "Miriam Falk hat uns diesen Text geschickt, und wir drucken ihn gern, weil er eine alte Debatte neu führt."
    text = clean(
        _dump(*DE_HEAD, "Was Schulen lernen können", "Von Dr. Miriam Falk", "28.08.2024", intro, *GERMAN, BIO, *DE_FOOT)
    ).text
    assert "Universität Koblenz" in text


def test_a_zur_person_box_after_an_interview_goes() -> None:
    box = ("Zur Person", "Anna Lindqvist, 46, ist in Uppsala geboren und hat in Stockholm Meteorologie studiert.")
    text = _column("Interview: Felix Morawetz", *box)
    assert GERMAN[-1] in text
    assert "Uppsala" not in text


PT_STORY = (
    "O governo federal anunciou nesta quarta-feira o pagamento de um auxílio para cada família que perdeu a "
    "casa ou teve a moradia danificada pelas enchentes no estado. O benefício será pago em parcela única.",
    "Segundo o ministro, cerca de 200 mil famílias devem ser atendidas. O cadastro será feito pelas "
    "prefeituras, que devem enviar a lista dos endereços atingidos à Defesa Civil nacional.",
    "As chuvas que atingem o estado desde o fim de abril já deixaram mais de 140 mortos e cerca de 600 mil "
    "pessoas fora de casa, de acordo com o último boletim do governo estadual.",
)
PT_HEAD = ("Governo anuncia auxílio para famílias | Portal Sul", "Últimas", "Política", "Economia", "Esportes")
COMMENT = (
    "Muito pouco para quem perdeu tudo. Conheço famílias em Canoas que perderam casa, carro e emprego, "
    "e cinco mil reais não pagam nem o aluguel de alguns meses em outro lugar."
)


def _pt(*end: str) -> str:
    page = _dump(*PT_HEAD, "Governo anuncia auxílio para famílias", "15/05/2024", *PT_STORY, *end, "© 2024 Portal Sul")
    return clean(page).text


def test_a_disclaimer_on_the_comments_authors_opens_the_thread() -> None:
    disclaimer = "Os comentários são de responsabilidade exclusiva de seus autores e não representam a opinião do site."
    text = _pt("Comentários", disclaimer, "Carlos Eduardo", COMMENT, "Curtir")
    assert PT_STORY[-1] in text
    assert "Canoas" not in text


def test_a_paragraph_on_someones_comments_and_their_responsibility_stays() -> None:
    # Keep-trap: no authors' responsibility, and the story goes on after it.
    said = "Os comentários do ministro são de responsabilidade dele, disse o porta-voz, e não do governo estadual."
    text = _pt(said, PT_STORY[0].replace("quarta-feira", "quinta-feira"))
    assert said in text


def test_a_bare_comments_heading_over_a_packs_reply_buttons_opens_the_thread() -> None:
    thread = ("marek_gda", COMMENT, "Odpowiedz", "Zgłoś", "Ania z Wrzeszcza", COMMENT.replace("Canoas", "Oliwa"))
    text = _pt("Komentarze", *thread, "Odpowiedz", "Zgłoś")
    assert PT_STORY[-1] in text
    assert "Canoas" not in text
    assert "Oliwa" not in text


def test_an_about_the_club_box_in_the_clubs_voice_ends_the_story() -> None:
    blurb = "Der Verein setzt sich seit 1968 für ein lebendiges Dorf ein. Wir sind Ansprechpartner der Gemeinde."
    text = _column("Von Jan Roth", "Über den Heimatverein", blurb)
    assert GERMAN[-1] in text
    assert "Ansprechpartner" not in text


def test_a_closing_section_about_an_organisation_the_story_covers_stays() -> None:
    # Keep-trap: no voice of its own: the story's last section on its subject.
    section = (
        "Die Stiftung wurde 1990 gegründet und fördert Schulprojekte in ganz Rheinland-Pfalz mit zwei Millionen Euro."
    )
    text = _column("Von Jan Roth", "Über die Stiftung", section)
    assert section in text


QUESTIONS = (
    "Herr Huber, Sie haben in dreißig Jahren mehr als tausend Menschen aus den Bergen geholt. Sind Sie ein Held?",
    "Nein. Ich mache meine Arbeit, so wie ein Bäcker seine Brötchen backt. Die Helden sind die Ehrenamtlichen, "
    "die nachts um drei aus dem Bett springen, ohne einen Cent dafür zu bekommen.",
    "Was raten Sie Wanderern?",
    "Umkehren ist keine Schande. Die meisten Unfälle passieren, weil jemand unbedingt noch auf den Gipfel will, "
    "obwohl das Wetter umschlägt und die Zeit knapp wird.",
)


def _interview(*end: str) -> str:
    head = ("Interview mit Bergretter Tobias Huber | Alpenpost", "Startseite", "Region", "Sport", "Interview")
    return clean(_dump(*head, "Interview mit Bergretter Tobias Huber", *QUESTIONS, *end, *DE_FOOT)).text


def test_an_interviews_last_short_question_and_answer_stay() -> None:
    text = _interview("Und Ihre Pläne?", "Ruhestand. Endlich.", "Teilen")
    assert "Und Ihre Pläne?" in text
    assert "Ruhestand. Endlich." in text


def test_a_question_after_a_story_that_is_no_interview_opens_no_tail() -> None:
    # Keep-trap for the article's end: a reader prompt under a plain story is the site's.
    text = _column("Von Jan Roth", "Fragen?", "Mail!", "Teilen")
    assert "Fragen?" not in text


SITE_BLURB = "Der Rheinpfalz-Kurier ist eine regionale Tageszeitung mit Sitz in Ludwigshafen. Seit 1949 berichten wir."


def _kurier(*story: str) -> str:
    head = ("Was Schulen von Finnland lernen können | Rheinpfalz-Kurier", "Startseite", "Meinung", "Sport")
    return clean(_dump(*head, "Was Schulen von Finnland lernen können", "28.08.2024", *story, "Impressum")).text


def test_the_sites_blurb_right_under_the_story_goes() -> None:
    text = _kurier(*GERMAN, SITE_BLURB)
    assert GERMAN[-1] in text
    assert "Ludwigshafen" not in text


def test_a_story_about_the_site_keeps_its_last_paragraph_on_it() -> None:
    # Keep-trap: the story's prose names the site: the paragraph opening with its name is the story's.
    intro = "Vor 75 Jahren erschien der erste Rheinpfalz-Kurier, damals mit vier Seiten und einer Auflage von 3.000."
    text = _kurier(intro, *GERMAN, SITE_BLURB)
    assert "Ludwigshafen" in text


def test_a_closing_note_of_the_site_that_is_no_blurb_stays() -> None:
    # Keep-trap: no link word after the name ("ist", "hat"): a note on what the site will do.
    note = "Rheinpfalz-Kurier veröffentlicht die Liste aller Preisträger am Montag in der gedruckten Ausgabe."
    assert note in _kurier(*GERMAN, note)


PITCH = "Jeden Morgen die wichtigsten Nachrichten aus der Pfalz, direkt in Ihr Postfach und kostenlos."


def test_a_newsletter_box_under_the_story_goes() -> None:
    text = _column("Von Jan Roth", "Newsletter abonnieren", PITCH, "E-Mail-Adresse", "Anmelden")
    assert GERMAN[-1] in text
    assert "Postfach" not in text


def test_a_newsletter_promo_inside_the_story_keeps_the_story_after_it() -> None:
    # Keep-trap: the story's paragraphs go on after the box.
    more = (
        "Die Kultusministerkonferenz will im Herbst über einen gemeinsamen Rahmen beraten, "
        "an dem sich alle Länder orientieren sollen.",
        "Lehrerverbände begrüßen den Vorstoß, fordern aber zusätzliches Geld für die Fortbildung der Kollegien.",
    )
    text = _column("Von Jan Roth", "Newsletter abonnieren", PITCH, *more)
    assert more[-1] in text


EXAMINER_TEASERS = (
    "What made the film so popular?",
    "Madeline Fry",
    "The film killed at the box office, and the critics still argue about why.",
    "The senator's plan for the state budget",
    "Tom Rogan",
    "The plan would cut the state's sales tax by a point and pay for it with a new tax on land.",
    "Why the debate was a shambles",
)


def _site_page(title: str, heading: str, *after: str) -> str:
    return clean(_dump(title, "Home", "Opinion", title.split(" | ")[0], *PARAGRAPHS, heading, *after, *FOOT)).text


def test_more_and_the_sites_name_from_the_title_opens_its_teasers() -> None:
    text = _site_page(
        "Why the rail yard plan matters | Washington Examiner", "More Washington Examiner", *EXAMINER_TEASERS
    )
    assert PARAGRAPHS[-1] in text
    assert "Madeline Fry" not in text and "critics still argue" not in text


def test_mehr_vom_and_the_sites_name_opens_its_teasers() -> None:
    teasers = ("Neue Ampel am Markt", "Die Stadt stellt im Mai eine Ampel am Markt auf.", "Kita öffnet", "Baustelle")
    text = _site_page("Rat beschließt Neubau | Der Stadtanzeiger", "Mehr vom Stadtanzeiger", *teasers)
    assert PARAGRAPHS[-1] in text
    assert "Ampel am Markt" not in text


def test_more_and_a_word_that_is_not_the_sites_name_is_no_heading() -> None:
    # Keep-trap: "More protests" is the story's subheading over a part shaped like teasers.
    part = (
        "Jane Doe",
        "Residents marched again on Saturday, and organisers said 2,000 people joined them.",
        "What comes next",
        "Council vote",
    )
    text = _site_page("Why the rail yard plan matters | Washington Examiner", "More protests", *part)
    assert "Residents marched again on Saturday" in text


def test_the_sites_name_heading_with_the_story_under_it_stays() -> None:
    # Keep-trap: a "More Washington Examiner" box inside the story, its paragraphs going on under it.
    text = _site_page("Why the rail yard plan matters | Washington Examiner", "More Washington Examiner", *PARAGRAPHS)
    assert text.count(PARAGRAPHS[-1]) == 2


WORDPRESS_FORM = (
    "Leave a Reply Cancel reply",
    "Your email address will not be published. Required fields are marked *",
    "Comment",
    "Name *",
    "Email *",
    "Website",
    "By submitting this form you agree to Weekly Tech using your data for the purposes of publishing your comment.",
    "Your personal data will only be disclosed or otherwise transmitted to third parties for the purposes of spam "
    "filtering or if this is necessary for technical maintenance of the website.",
)


def test_a_comment_form_under_a_story_with_no_comments_ends_it() -> None:
    text = clean(_dump(*HEAD, "College wins grant for skills centre", *PARAGRAPHS, *WORDPRESS_FORM, *FOOT)).text
    assert PARAGRAPHS[-1] in text
    assert "By submitting this form" not in text and "personal data" not in text and "Name *" not in text


def test_a_german_comment_form_ends_the_story() -> None:
    form = (
        "Schreibe einen Kommentar Antworten abbrechen",
        "Deine E-Mail-Adresse wird nicht veröffentlicht. Erforderliche Felder sind mit * markiert",
        "Mit der Nutzung dieses Formulars erklärst du dich mit der Speicherung und Verarbeitung deiner Daten durch "
        "diese Website einverstanden.",
    )
    text = clean(_dump(*HEAD, "College wins grant for skills centre", *PARAGRAPHS, *form, *FOOT)).text
    assert PARAGRAPHS[-1] in text
    assert "Speicherung und Verarbeitung" not in text


def test_a_related_list_stops_at_the_comment_form_under_it() -> None:
    related = ("Related content", "Grant for the harbour", "New campus opens", "Elsewhere on Weekly Tech")
    text = clean(_dump(*HEAD, "College wins grant", *PARAGRAPHS, *related, *WORDPRESS_FORM, *FOOT)).text
    assert PARAGRAPHS[-1] in text
    assert "New campus opens" not in text and "By submitting this form" not in text


def test_a_story_about_comment_forms_keeps_its_paragraphs() -> None:
    # Keep-trap: the form's words inside the story's own sentences.
    story = (
        "The regulator said that sites which tell readers their email address will not be published must keep "
        "that promise, and it fined three of them.",
        "One of the sites had printed the addresses of 4,000 commenters next to their names for two years.",
    )
    text = clean(_dump(*HEAD, "Regulator fines sites", *PARAGRAPHS, *story, *FOOT)).text
    assert all(p in text for p in story)


def test_more_and_a_sites_common_word_name_in_lower_case_is_no_heading() -> None:
    # Keep-trap: on a site called "Money", "More money" is the story's own last part, shaped like teasers.
    title = "Five ways to cut your bills this winter"
    story = (
        "Energy prices are expected to rise again this winter, and millions of households are looking for ways to "
        "keep their bills under control without going cold.",
        "The simplest step is to check your tariff: many people are still on a standard variable rate that costs "
        "far more than the fixed deals now on offer.",
        "Next, look at your standing charges and direct debits, which often run on for months after a service has "
        "stopped being useful to anyone in the house.",
        "Insulation grants are also back, and the scheme now covers renters as well as owners, so it is worth "
        "asking your landlord whether the home qualifies.",
    )
    part = (
        "Switch your bank",
        "Some banks pay up to 200 dollars to new customers who move their current account.",
        "Cancel old subscriptions",
        "Sell what you do not need",
    )
    page = (f"{title} | Money", "Home", "Banking", "Credit", title, *story, "More money", *part)
    text = clean(_dump(*page, "About us", "Contact", "Privacy policy", "© Money 2024")).text
    assert story[-1] in text and part[1] in text


def test_a_paragraph_opening_with_a_form_notices_words_does_not_end_the_story() -> None:
    # Keep-trap: a how-to story's paragraph that opens with the notice's words is no comment form.
    story = (
        "Required fields are marked with an asterisk on most sites, but the asterisk alone means nothing to a "
        "screen reader unless the field also carries the required attribute.",
        "Finally, test the form with a keyboard alone: every field, the checkbox and the submit button must be "
        "reachable with the tab key, in the order they appear.",
        "If you follow these steps, the form will work for far more of your readers, and the comments you get "
        "will come from a wider range of people.",
    )
    text = clean(_dump(*HEAD, "How to build a comment form", *PARAGRAPHS, *story, *FOOT)).text
    assert story[1] in text and story[2] in text
