"""Line rules, table-driven: each case is (text, the reason the rule gives or None).

Negative cases (None) are the point: content that looks like chrome and must
stay. Every case also runs through the engine's cheap pre-check
(Rule.may_fire), so a rule can never be skipped on a line it would drop.
"""

from __future__ import annotations

import pytest

from cleanup.model import Line
from cleanup.rules import get_rule
from cleanup.text import lines
from cleanup.text.units import visible

from conftest import SHARED

CASES: dict[str, list[tuple[str, str | None]]] = {
    "chrome-phrase": [
        ("Weiterlesen", "read-more link ('Weiterlesen')"),
        (
            "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten.",
            "cookie or consent notice ('Wir verwenden Cookies')",
        ),
        ("12 Kommentare", "comment counter ('{n} Kommentare')"),
        ("Lire aussi : Le conseil municipal vote le budget", "related-stories heading ('Lire aussi')"),
        ("Publicidad", "advertisement label ('Publicidad')"),
        ("Weiterlesen konnte sie erst, als die Lampe wieder brannte.", None),
        ("Lire aussi la décision du tribunal, publiée mardi, avant de juger.", None),
        ("Cookies sind kleine Textdateien, sagte der Datenschützer am Montag.", None),
    ],
    "skip-link": [
        ("Skip to content", "accessibility jump link"),
        ("Skip to main content", "accessibility jump link"),
        ("Jump to navigation", "accessibility jump link"),
        ("Aller au contenu principal", "accessibility jump link"),
        ("Skip to the end of the story, she said.", None),
        ("Skipping content moderation cost the company dearly.", None),
    ],
    "embed-shortcode": [
        ("[jwp-video n=”1″]", "video or embed shortcode"),
        ('[youtube id="dQw4w9WgXcQ"]', "video or embed shortcode"),
        ('[gallery ids="1,2,3"]', "video or embed shortcode"),
        ("[embed]https://example.com/v/1[/embed]", None),  # has content between: not only shortcodes
        ("[embed]", "video or embed shortcode"),
        ("{{ article.related_links }}", "template residue"),
        ("[1] The report was published in 2019.", None),
        ("[laughs]", None),
        ("[Editor's note: this story was updated.]", None),
    ],
    "caption-shortcode": [
        ('[caption id="a1" width="300"]<img src="x.jpg"> The mayor at the rally.[/caption]', "caption shortcode"),
        ("The caption read: no comment.", None),
    ],
    "player-controls": [
        ("Current Time 0:00", "video player controls"),
        ("Remaining Time -0:00", "video player controls"),
        ("Loaded: 0%", "video player controls"),
        ("captions settings, opens captions settings dialog", "video player controls"),
        ("This is a modal window. This modal can be closed by pressing the Escape key.", "video player controls"),
        ("Text Edge Style None Raised Depressed Uniform Dropshadow", "video player controls"),
        ("Verbleibende Zeit -1:25", "video player controls"),
        ("Playback Rate", None),  # a bare label: a table of specifications may hold it
        # Keep-traps: the same words in the story's sentences.
        ("The current time 0:00 was shown on the board when the match stopped.", None),
        ("Loaded: the truck carried 40 tonnes of grain when it crashed.", None),
        ("This is a modal window of opportunity, the minister said.", None),
        ("Font size matters less than contrast, the designers found.", None),
    ],
    "cookie-notice": [
        ("We use cookies to improve your experience on our site.", "cookie or consent notice"),
        ("By continuing to use this site, you agree to our use of cookies.", "cookie or consent notice"),
        ("She bakes cookies for the whole street every Sunday.", None),
    ],
    "promo-line": [
        (
            "Get breaking news alerts and more from Roll Call in your inbox or on your iPhone.",
            "promotional call to action",
        ),
        (
            "See photos, follies, HOH Hits and Misses and more at Roll Call’s new video site.",
            "promotional call to action",
        ),
        ("Sign up for our daily newsletter", "promotional call to action"),
        ("Subscribe", "promotional call to action"),
        ("Follow us on Twitter", "promotional call to action"),
        ("Click here", "promotional call to action"),
        ("Read more: Senate passes the budget bill", "promotional call to action"),
        ("ADVERTISEMENT", "promotional call to action"),
        ("Share this article", "promotional call to action"),
        ("Download the free NewsNow app for iPhone and Android", "promotional call to action"),
        ("Follow the money, investigators said, and you find the shell companies.", None),
        ("“Subscribe to our newsletter,” the pop-up demanded, before she closed it.", None),
        ("Readers of the paper subscribe in growing numbers, the survey found.", None),
        (
            "Read more about the plan in the council's 40-page report, which was released on Monday "
            "after months of delay and several rounds of revisions by the city's lawyers, officials said.",
            None,
        ),
        ("Adding to the pressure, the minister resigned.", None),
        ("Keep reading", "promotional call to action"),
        ("Keep reading with a Gazette subscription", "promotional call to action"),
        ("You have reached your limit of free articles this month.", "promotional call to action"),
        ("You've read all of your free stories for this week.", "promotional call to action"),
        ("Subscribe now for £1 for your first month. Cancel anytime.", "promotional call to action"),
        ("Keep reading, the coach told them, and you will understand.", None),
        ("Keep reading for the full list of winners.", None),
        ("You have reached the limit of free speech, the judge warned the protesters.", None),
        ("Subscribe for £1 and they still raise prices on you later, readers complained to the paper.", None),
    ],
    "copyright-footer": [
        ("© 2019 Dow Jones & Company, Inc. All Rights Reserved.", "copyright or footer line"),
        ("Copyright 2019 Hawaii News Now. All rights reserved.", "copyright or footer line"),
        ("Privacy Policy | Terms of Use | Contact Us", "copyright or footer line"),
        ("All rights reserved, the city's lawyer said, also applies to the architect's plans.", None),
        ("Copyright law was not written for machines, the judge said.", None),
        ("About us, the neighbours never said a word.", None),
    ],
    "legal-notice": [
        ("Apple logo, Apple TV, App Store and iPhone are registered trademarks of Apple Inc.", "legal boilerplate"),
        ("*These statements have not been evaluated by the Food and Drug Administration.", "legal boilerplate"),
        (
            "© 2019 Associated Press. This material may not be published, broadcast, rewritten or redistributed.",
            "legal boilerplate",
        ),
        ("The company said the logo was a trademark it had used since 1998.", None),
        ("The drug was approved after the agency evaluated three trials.", None),
        ("BBC © 2013 The BBC is not responsible for the content of external sites. Read more.", "legal boilerplate"),
        ("This page is best viewed in an up-to-date web browser with style sheets (CSS) enabled.", "legal boilerplate"),
        (
            "Registration on or use of this site constitutes acceptance of our User Agreement and Privacy Policy",
            "legal boilerplate",
        ),
        ("Microsoft may earn an Affiliate Commission if you purchase something through links.", "legal boilerplate"),
        ("AppleInsider has affiliate partnerships and may earn commission on products.", "legal boilerplate"),
        ("If you buy something through this post, IGN may get a share of the sale.", "legal boilerplate"),
        ("The broker may earn a commission twice as large as the fund's own fee, regulators found.", None),
        ("Critics say the site is best viewed as a test of the new rules, not a model.", None),
        ("The museum is not responsible for the content of the letters, its director said.", None),
    ],
    "share-widget": [
        ("Share", "share or social widget"),
        ("Share on Facebook", "share or social widget"),
        ("Facebook Twitter Email", "share or social widget"),
        ("12 Comments", "share or social widget"),
        ("Shares in Apple fell 3% on Tuesday.", None),
        ("Email was the only way to reach him.", None),
        ("Twitter suspended the account on Monday.", None),
    ],
    "image-caption": [
        (
            "WASHINGTON, DC - NOVEMBER 24: United States President Barack Obama hosts President François "
            "Hollande. (Photo by Ron Sachs-Pool/Getty Images)",
            "photo caption or credit",
        ),
        (
            "Obama and Hollande talk in the Oval Office on Tuesday. (Ron Sachs-Pool/Getty Images)",
            "photo caption or credit",
        ),
        ("President Trump speaks to reporters. (AP Photo/Evan Vucci)", "photo caption or credit"),
        ("Photo: Damian Dovarganes, AP", "photo caption or credit"),
        ("(Photo Credit : PTI File Photo )", "photo caption or credit"),
        ("Prices rose sharply (from $3/month to $5/month) in May.", None),
        ("The law firm (Smith/Jones) filed the suit on Monday.", None),
        ("He put it simply: the plan is dead.", None),
        # the packs' credit leads, a dotted one, and an agency after ©
        ("Reizigers wachten op hun trein op Utrecht Centraal. Beeld: ANP", "photo caption or credit"),
        ("Podróżni czekają na pociąg na Dworcu Centralnym. Fot. PAP", "photo caption or credit"),
        ("Fot. Jan Kowalski / Agencja Gazeta", "photo caption or credit"),
        ("Crédit photo : AFP", "photo caption or credit"),
        ("Yolcular Ankara Garı'nda trenlerini bekliyor. Fotoğraf: AA", "photo caption or credit"),
        ("Les voyageurs attendent leur train. © AFP", "photo caption or credit"),
        ("© picture alliance / dpa", "photo caption or credit"),
        ("Fot. to skrót, którego fotografowie używają od stu lat.", None),  # a sentence about the word
        ("© 2024 Example Publishing Ltd.", None),  # a copyright line (its own rule), not a credit
        ("Beeld van de week: de trein die nooit kwam.", None),  # no colon right after the lead
        # an agency's name that is also an abbreviation (found by a review): no photographer's name after it
        ("The hall is open until nine every evening. AA/NA meetings are held on Tuesdays.", None),
        ("Essays must cite their sources. APA/MLA style is accepted.", None),
        ("The kit comes with two rechargeable batteries (AA/AAA)", None),
        ("Fans celebrate in the square. PAP/Łukasz Gągulski", "photo caption or credit"),
        ("(AP/Evan Vucci)", "photo caption or credit"),
        ("Reizigers wachten op de trein. ANP/Koen van Weel", "photo caption or credit"),  # a second review's
        ("Macron speaks in Paris. (AFP/Ludovic Marin/POOL)", "photo caption or credit"),
        ("(AFP/Files)", "photo caption or credit"),
        ("dpa/Archiv", "photo caption or credit"),
        # a name's initials are no sentence's end
        ("Photo: Gene J. Puskar", "photo caption or credit"),
        ("Photo: Ringo H.W. Chiu, AP", "photo caption or credit"),
        ("Fot. Jan K. Kowalski", "photo caption or credit"),
        ("Photo: the mayor. He said it was all he had.", None),
        ("Lending slowed in the third quarter. Credit: U.S. banks tightened their standards", None),  # a review's
        # a caption and its credit after a bar
        ("Spokojený Tomáš Souček po vítězství ve Villa Parku. | Foto: Reuters", "photo caption or credit"),
        ("Jan Novák | Foto: ČTK", "photo caption or credit"),
        ("The vote | Foto: the week in pictures. It was the end of the plan.", None),
    ],
    "byline": [
        ("By Jane Doe and John Roe", "author byline"),
        ("By JERUSALEM POST STAFF", "author byline"),
        ("By the time the polls closed, turnout had doubled.", None),
        ("By Tuesday, the vote had been delayed twice.", None),
        # the packs' leads: "Door" as "By", a lead of two words, any lead before a colon
        ("Door Jan de Vries en Anna Jansen", "author byline"),
        ("Geschrieben von Max Mustermann", "author byline"),
        ("Autor: Jan Kowalski", "author byline"),
        ("Autor: Łukasz Nowak i Šárka Dvořáková", "author byline"),
        ("Tekst: Anna de Vries", "author byline"),
        ("Door de storm vielen bomen om.", None),
        ("Text Messages Reveal The Plot", None),  # a noun lead without a colon: a headline
        ("Autor: ten sam, co zawsze.", None),
        # headings a review found dropped as bylines: lower-case words, "a" between, one word after "Door"
        ("Di Maio a Roma", None),
        ("Por último", None),
        ("Par écrit", None),
        ("Door County", None),
        ("By The Associated Press", "author byline"),  # capitalised words are names' (a second review)
        ("Von Ursula Von Der Leyen", "author byline"),
        ("Door Jansen en Smit", "author byline"),
        ("Текст: правительство России и США", None),
        ("Автор: Иван Петров", "author byline"),
        # a byline ending in its date (found on dev dumps, where it stayed in the story)
        ("By Tess Roe - 11/19/19 06:56 AM EST", "author byline with its date"),
        ("By Jo Doe Updated Nov 13, 2019, 10:28am EST", "author byline with its date"),
        ("By Matt Roe, Minh Do on Monday, November 18th, 2019 at 11:08 a.m.", "author byline with its date"),
        ("Von Anna Müller, 20. November 2019, 08:05 Uhr", "author byline with its date"),
        ("Por Juan Pérez 3 de marzo de 2024", "author byline with its date"),
        ("By Monday, November 18, 2019", None),  # a sentence's start: no name is a weekday
        ("By November 18, 2019 the fund had run dry.", None),
        ("By 2019 the plant employed 400 people.", None),
        ("By Jo Doe and the 2019 team, the record fell.", None),
        ("By Boat - 06:30 AM", None),  # a time alone is no byline's date
    ],
    "date-line": [
        ("Published November 20, 2019 10:03 AM ET", "publication date"),
        ("November 20, 2019", "publication date"),
        ("2 hours ago", "publication date"),
        ("On November 20, 2019 the council met.", None),
        ("2 hours ago the roof collapsed, witnesses said.", None),
        ("Aktualisiert: 12.03.2024, 16:40 Uhr", "publication date"),  # the packs' lead words
        ("Stand: 12.03.2024", "publication date"),
        ("Aktualisiert wurde die Statistik zuletzt am 12.03.2024.", None),
        ("Stand der Dinge am 12.03.2024: keine Einigung.", None),
        # Month and weekday names of every pack, their joins ("de", "à", "um") and time forms ("15h00", "Uhr").
        ("1 de diciembre de 2017 3:00 AM PST", "publication date"),
        ("Montag, 1. Dezember 2017, 15:00 Uhr", "publication date"),
        ("Publié le 1 décembre 2017 à 15h00", "publication date"),
        ("segunda-feira, 22 de janeiro de 2018 às 0:13", "publication date"),
        ("1 grudnia 2017, 15:00", "publication date"),
        ("Pubblicato il 1 dicembre 2017 alle 15:00", "publication date"),
        ("Pubblicato il 3 marzo 2024, ore 14:05", "publication date"),  # found by a multilingual trial
        ("Atualizado a 3 de março de 2024, às 14:05", "publication date"),
        ("Publié le 3 mars 2024 à 14h05, mis à jour le 4 mars 2024 à 09h12", "publication date"),
        ("Published March 3, 2024, updated March 4, 2024", "publication date"),
        ("3 marzo 2024, ore 14:05 la giunta ha votato il bilancio.", None),
        ("Posted on March 3, 2024 by Jana", "publication date"),  # a blog's post line ends in its author
        ("Veröffentlicht am 2. Februar 2024 von Jana Müller", "publication date"),
        ("Published March 3, 2024 by the council, the plan is due next year.", None),
        ("1 de diciembre de 2017 fue un día importante.", None),  # keep-traps: prose opening with a date
        ("1 grudnia 2017 rada miasta przyjęła budżet", None),
        ("Marzo de 2017", None),  # a month and a year: an archive heading, no publication date
        ("Mars 2017 était froid", None),
    ],
}


def _cases() -> list:
    return [
        pytest.param(name, text, want, id=f"{name}:{text[:40]}")
        for name, cases in CASES.items()
        for text, want in cases
    ]


@pytest.mark.parametrize(("name", "text", "want"), _cases())
def test_line_rule(name: str, text: str, want: str | None) -> None:
    rule = get_rule(name)
    assert rule.func(Line(1, text)) == want


@pytest.mark.parametrize(("name", "text", "want"), [c for c in _cases() if c.values[2] is not None])
def test_precheck_lets_every_positive_through(name: str, text: str, want: str) -> None:
    """The engine's pre-check must never hide a line the rule itself would drop."""
    assert get_rule(name).may_fire(visible(text).lower())


def test_every_line_rule_has_cases() -> None:
    from cleanup.rules import LINE_RULES

    names = {r.name for r in LINE_RULES}
    assert names <= set(CASES), f"no test cases for {sorted(names - set(CASES))}"
    for name in names:
        wants = [want for _, want in CASES[name]]
        assert any(w is None for w in wants) or name == "caption-shortcode", f"{name} has no negative case"


def test_re2_reads_the_date_line_pattern_as_re_does_on_every_dev_set_line() -> None:
    # date-line runs DATE_LINE_PATTERN with RE2 (linear time); the pattern is written for both engines.
    import re

    from cleanup.text import patterns as P
    from cleanup.text.lines import _date_line_re2

    texts = [
        text
        for dump in sorted((SHARED / "bench").glob("*/text/*.txt"))
        for raw in dump.read_text(encoding="utf-8", errors="replace").splitlines()
        if len(text := visible(raw)) <= 120 and text.lower().startswith(P.DATE_PREFIXES)
    ]
    assert len(texts) > 1000
    by_re = re.compile(P.DATE_LINE_PATTERN, re.IGNORECASE)
    differ = [t for t in texts if (_date_line_re2().fullmatch(t) is None) != (by_re.fullmatch(t) is None)]
    assert differ == []


@pytest.mark.parametrize("text", ["Monday 5.00 km", "Wednesday 8.00 km", "Samstag 19.90 Euro", "Sunday 10.30 am"])
def test_a_list_line_of_a_weekday_and_a_number_is_no_date_line(text: str) -> None:
    # Keep-trap (found by a review): any short word after a number passed for a time zone.
    # "Sunday 10.30 am" is a time with its am/pm: a date line, as before.
    assert (lines.date_line(Line(1, text)) is None) == (not text.endswith("am"))


@pytest.mark.parametrize("text", ["Nov 20 2019, 11:06am ist", "6:05 PM on 09/21/2012", "November 20, 2019 10:03 AM ET"])
def test_date_lines_with_a_time_zone_stay_date_lines(text: str) -> None:
    assert lines.date_line(Line(1, text)) == "publication date"


@pytest.mark.parametrize(
    "line",
    ["By Election Day - 11/3/20", "By Air Force One, Jan 5, 2020", "By Easter Sunday, April 12, 2020"],
)
def test_a_dated_byline_shape_between_two_paragraphs_is_a_line_of_the_story(line: str) -> None:
    # Found by a review: these went as bylines from the middle of a story, in both modes.
    from cleanup import clean

    para = "The council met on Tuesday and voted to repair the harbour wall before the winter storms came."
    text = "\n\n".join(["Harbour plan approved", para, line, para, para])
    assert line in clean(text).text
    markup = "".join(f"<p>{p}</p>" for p in (para, line, para, para))
    assert line in clean(f"<html><body><article><h1>Harbour plan approved</h1>{markup}</article></body></html>").text


@pytest.mark.parametrize(
    "quote",
    [
        "All rights reserved, the city's lawyer said, also applies to the architect's plans, which go on show.",
        "Follow us on this journey, the mayor added with a smile, because the next five years will change the city.",
        "Alle Rechte vorbehalten, sagte der Anwalt der Stadt, gelte auch für die Pläne des Architekten.",
    ],
)
def test_a_paragraph_quoting_someone_stays_however_it_opens(quote: str) -> None:
    # A new-user trial: these went as copyright-footer and chrome-phrase, in both modes.
    from cleanup import clean

    story = "The city council voted on Tuesday to approve the new budget after a long debate, officials said."
    later = "The plans will be on public display for six weeks, and residents may comment on them online."
    dump = f"Council approves new budget\n\n{story}\n\n{quote}\n\n{later}\n"
    assert quote in clean(dump).text
    page = f"<html><body><article><h1>Council approves budget</h1><p>{story}</p><p>{quote}</p><p>{later}</p></article>"
    assert quote in clean(page + "</body></html>").text
