"""Language packs: every pack loads and is complete, its examples hold, detection works, user packs extend."""

from __future__ import annotations

import pytest

import cleanup
from cleanup import lang
from cleanup.lang import VERDICT_KINDS, LangPackError, calendar, detect, groups, languages, load_packs, match
from cleanup.lang.packs import load_groups, load_pack

PACKS = load_packs()
CODES = languages()
VERDICT_GROUPS = tuple(name for name, group in groups().items() if group.match in VERDICT_KINDS)


def _examples(kind: str) -> list:
    return [
        pytest.param(code, example, id=f"{code}:{kind}{k}")
        for code, pack in PACKS.items()
        for k, example in enumerate(getattr(pack, kind), 1)
    ]


@pytest.mark.parametrize("code", CODES)
def test_pack_has_every_group(code) -> None:
    missing = [name for name in groups() if name not in PACKS[code].phrases]
    assert not missing, f"{code}.toml lacks groups {missing}"


@pytest.mark.parametrize("code", CODES)
def test_story_list_headings_are_related_headings(code) -> None:
    """related-list reads a story-list heading as the related phrase it matched: each must be one."""
    phrases = PACKS[code].phrases
    assert set(phrases["story-list"]) <= set(phrases["related"])


@pytest.mark.parametrize("code", CODES)
def test_pack_has_a_drop_example_for_every_verdict_group(code) -> None:
    shown = {example.group for example in PACKS[code].drop}
    assert not [g for g in VERDICT_GROUPS if g not in shown]


@pytest.mark.parametrize("code", CODES)
def test_pack_has_keep_traps(code) -> None:
    assert len(PACKS[code].keep) >= 10


@pytest.mark.parametrize(("code", "example"), _examples("drop"))
def test_drop_example_matches_its_group(code, example) -> None:
    assert match(example.text, example.group, {code}), f"{example.source}: {example.text!r} is not {example.group}"
    assert match(example.text, example.group), f"{example.source}: {example.text!r} lost in the union of all packs"


@pytest.mark.parametrize(("code", "example"), _examples("keep"))
def test_keep_example_is_not_chrome_in_any_language(code, example) -> None:
    hits = {g: match(example.text, g) for g in VERDICT_GROUPS}
    assert not {g: p for g, p in hits.items() if p}, f"{example.source}: prose {example.text[:60]!r} matched"


@pytest.mark.parametrize("code", CODES)
def test_opening_phrases_are_more_than_one_word(code) -> None:
    """An opening phrase lets the line run on: one word ("Subscribe") would open real prose."""
    openings = [g for g, spec in groups().items() if spec.match == "opening"]
    short = [p for g in openings for p in PACKS[code].phrases[g] if not {" ", "-"} & set(p)]
    assert not short


@pytest.mark.parametrize("group", ["months", "weekdays"])
def test_calendar_names_mean_one_number_in_every_language(group) -> None:
    seen: dict[str, tuple[int, str]] = {}
    clashes = []
    for code, pack in PACKS.items():
        for number, variants in enumerate(pack.calendar[group], 1):
            for word in variants:
                first = seen.setdefault(word.lower(), (number, code))
                if first[0] != number:
                    clashes.append((word, code, number, first))
    assert not clashes
    assert calendar(group)["december" if group == "months" else "sunday"] == (12 if group == "months" else 7)


# --- detection ----------------------------------------------------------------
DETECT_SAMPLES = {
    "en": [
        "The council voted on Tuesday to close the old bridge for repairs, a decision that will force "
        "thousands of commuters to take a detour of more than ten miles for at least a year.",
        "She said that the company had not been told about the problem until after the report was "
        "published, and that it would now review all of its contracts with the supplier.",
    ],
    "de": [
        "Der Bundestag hat am Freitag das umstrittene Gesetz beschlossen, das die Regierung im Sommer "
        "vorgelegt hatte. Die Opposition stimmte dagegen, weil sie die Kosten für zu hoch hält.",
        "Nach Angaben der Polizei wurde niemand verletzt. Die Feuerwehr war mit mehr als 40 Einsatzkräften "
        "vor Ort und konnte den Brand in der Nacht zum Sonntag löschen.",
    ],
    "fr": [
        "Le gouvernement a présenté mardi un projet de loi qui prévoit une hausse des pensions, mais les "
        "syndicats estiment que la mesure ne suffit pas à compenser l'inflation.",
        "Selon la préfecture, plus de 3 000 personnes ont manifesté samedi dans les rues de Lyon pour "
        "dénoncer la fermeture de la maternité.",
    ],
    "es": [
        "El Gobierno aprobó este martes la reforma de las pensiones, que según el ministro permitirá "
        "garantizar el sistema durante las próximas décadas.",
        "Los vecinos del barrio llevan meses denunciando que el ruido de los bares no les deja dormir, "
        "pero el Ayuntamiento no ha tomado ninguna medida.",
    ],
    "it": [
        "Il governo ha approvato martedì la riforma delle pensioni, che secondo il ministro permetterà di "
        "garantire la sostenibilità del sistema per i prossimi anni.",
        "I residenti del quartiere denunciano da mesi che il rumore dei locali non li lascia dormire, ma il "
        "Comune non ha ancora preso nessuna decisione.",
    ],
    "nl": [
        "Het kabinet heeft dinsdag een wetsvoorstel gepresenteerd dat de huren moet beperken, maar volgens "
        "de oppositie gaat het plan niet ver genoeg.",
        "Volgens de politie werd niemand gewond. De brandweer was met meer dan veertig mensen ter plaatse en "
        "had het vuur in de nacht van zaterdag op zondag onder controle.",
    ],
    "pt": [
        "O governo aprovou nesta terça-feira a reforma da previdência, que segundo o ministro vai garantir "
        "a sustentabilidade do sistema nas próximas décadas.",
        "Os moradores do bairro reclamam há meses que o barulho dos bares não os deixa dormir, mas a "
        "prefeitura ainda não tomou nenhuma medida.",
    ],
    "pl": [
        "Rząd przyjął we wtorek projekt ustawy, który ma ograniczyć wzrost czynszów, ale według opozycji "
        "to za mało, żeby pomóc najemcom.",
        "Według policji nikt nie został ranny. Straż pożarna była na miejscu z ponad czterdziestoma "
        "strażakami i opanowała ogień jeszcze przed północą.",
    ],
    "ru": [
        "Правительство во вторник одобрило законопроект, который должен ограничить рост арендной платы, но, "
        "по мнению оппозиции, этого недостаточно, чтобы помочь арендаторам.",
        "По данным полиции, никто не пострадал. Пожарные прибыли на место с более чем сорока расчетами и "
        "потушили огонь еще до полуночи.",
    ],
    "cs": [
        "Vláda v úterý schválila návrh zákona, který má omezit růst nájemného. Podle opozice to ale nestačí "
        "a nájemníkům to příliš nepomůže.",
        "Podle policie nebyl nikdo zraněn. Hasiči byli na místě s více než čtyřiceti jednotkami a požár se "
        "jim podařilo zlikvidovat ještě před půlnocí.",
    ],
    "tr": [
        "Hükümet salı günü kira artışlarını sınırlamayı amaçlayan yasa tasarısını onayladı, ancak muhalefete "
        "göre bu kiracılara yardım etmek için yeterli değil.",
        "Polisin açıklamasına göre yaralanan olmadı. İtfaiye kırktan fazla ekiple olay yerine geldi ve "
        "yangını gece yarısından önce söndürdü.",
    ],
}
# Languages without a pack that share words with one: detection says None, not a neighbour's code.
NEIGHBOURS = {
    "sk": "Vláda v utorok schválila návrh zákona, ktorý má obmedziť rast nájomného. Podľa opozície to však "
    "nestačí a nájomníkom to príliš nepomôže. Podľa polície nebol nikto zranený. Hasiči boli na mieste s viac "
    "ako štyridsiatimi jednotkami a požiar sa im podarilo zlikvidovať ešte pred polnocou.",
    "uk": "Уряд у вівторок схвалив законопроєкт, який має обмежити зростання орендної плати, але, на думку "
    "опозиції, цього недостатньо, щоб допомогти орендарям. За даними поліції, ніхто не постраждав.",
    "bg": "Правителството одобри във вторник законопроект, който трябва да ограничи ръста на наемите, но "
    "според опозицията това не е достатъчно, за да помогне на наемателите. По данни на полицията няма пострадали.",
}


@pytest.mark.parametrize(("code", "text"), [(c, t) for c, texts in DETECT_SAMPLES.items() for t in texts])
def test_detect_finds_the_language_of_a_paragraph(code, text) -> None:
    assert detect(text) == code


@pytest.mark.parametrize("code", NEIGHBOURS)
def test_detect_does_not_take_a_neighbour_language_for_a_packed_one(code) -> None:
    assert detect(NEIGHBOURS[code]) is None


@pytest.mark.parametrize(
    "text",
    ["", "Hello.", "Ћирилица се пише", "Facebook Twitter WhatsApp E-Mail"],  # Japanese: see the script test
)
def test_detect_says_none_when_unsure(text) -> None:
    assert detect(text) is None


@pytest.mark.parametrize(
    ("declared", "code"),
    [
        ("de-AT", "de"),
        ("pt_BR", "pt"),
        ("EN", "en"),
        ("fre", "fr"),
        ("cze", "cs"),
        ("tur", "tr"),
        ("x-default", None),
        ("und", None),
        ("", None),
        (None, None),
        ("zh-Hant-TW", "zh"),
    ],
)
def test_normalise_code(declared, code) -> None:
    assert lang.normalise_code(declared) == code


def test_pick_takes_the_declared_and_the_detected_language() -> None:
    assert lang.pick("de-DE", DETECT_SAMPLES["en"][0]) == {"de", "en"}
    assert lang.pick(None, DETECT_SAMPLES["de"][0]) == {"de", "en"}
    assert lang.pick("en", DETECT_SAMPLES["fr"][0]) == {"fr", "en"}  # a page that declares the wrong language
    assert lang.pick("ja", "東京都は月曜日") is None


def test_matcher_is_compiled_once_per_group_and_languages() -> None:
    assert lang.matcher("share") is lang.matcher("share", None)
    assert lang.matcher("share", ["de", "en"]) is lang.matcher("share", ("en-GB", "de"))


CLASSIFY = [
    ("Weiterlesen »", ("read-more", "Weiterlesen")),
    ("» Lire aussi : Le tribunal donne raison aux riverains", ("related", "Lire aussi")),
    ("[Anzeige]", ("ad-label", "Anzeige")),
    ("1.234 Kommentare", ("comment-count", "{n} Kommentare")),
    ("Zdjęcie 3 z 12", ("gallery", "Zdjęcie {n} z {n}")),
    ("More from BBC Sport", ("related", "More from {topic}")),
    ("İLGİLİ HABERLER", ("related", "İlgili Haberler")),
    ("ilgili haberler", ("related", "İlgili Haberler")),
    ("© 2024 Örnek Medya. Tüm hakları saklıdır.", ("rights", "Tüm hakları saklıdır")),
    ("© 2024 РИА Пример. ВСЕ ПРАВА ЗАЩИЩЕНЫ.", ("rights", "Все права защищены")),
    ("More from the mayor.", None),
    ("Unsere App-Nutzer sind zufrieden.", None),
    ("The council voted on Tuesday to close the bridge.", None),
    ("", None),
]


@pytest.mark.parametrize(("text", "want"), CLASSIFY, ids=[t[:30] or "empty" for t, _ in CLASSIFY])
def test_classify_names_the_first_group_and_its_phrase(text, want) -> None:
    assert lang.classify(text) == want


def test_classify_agrees_with_match_on_every_example() -> None:
    for pack in PACKS.values():
        for example in pack.drop:
            hit = lang.classify(example.text)
            if example.group in VERDICT_GROUPS:
                assert hit is not None and match(example.text, hit[0]) == hit[1], example
        for example in pack.keep:
            assert lang.classify(example.text) is None, example


def test_words_and_calendar_read_the_packs() -> None:
    assert lang.words("byline-lead", "de")[:2] == ("Von", "Ein Beitrag von")
    assert calendar("months", "pl")["marca"] == 3 and calendar("weekdays", "pt")["sexta-feira"] == 5
    assert match("am 12. MÄRZ 2024", "months") == "März"
    with pytest.raises(ValueError, match="not a calendar group"):
        calendar("share")


def test_unknown_language_adds_nothing() -> None:
    assert match("Weiterlesen", "read-more", {"xx"}) is None
    assert match("Weiterlesen", "read-more", {"xx", "de"}) == "Weiterlesen"


# --- user packs ---------------------------------------------------------------
def _write(directory, name: str, text: str):
    path = directory / "lang" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_user_pack_extends_a_bundled_one_and_adds_a_language(tmp_path) -> None:
    _write(tmp_path, "de.toml", '[phrases]\nread-more = ["Hier geht es weiter"]\n')
    _write(
        tmp_path,
        "da.toml",
        '[pack]\nname = "Dansk"\n[phrases]\nread-more = ["Læs mere"]\n'
        '[[drop]]\ngroup = "read-more"\ntext = "Læs mere »"\n',
    )
    dirs = (str(tmp_path),)
    assert match("Hier geht es weiter »", "read-more", {"de"}, dirs) == "Hier geht es weiter"
    assert match("Weiterlesen", "read-more", {"de"}, dirs) == "Weiterlesen"  # bundled phrases stay
    assert match("Læs mere »", "read-more", {"da"}, dirs) == "Læs mere"
    assert match("Hier geht es weiter", "read-more") is None  # the bundled packs are unchanged
    packs = load_packs(dirs)
    assert packs["de"].sources == ("de.toml", "de.toml") and packs["da"].name == "Dansk"
    assert "da" in languages(dirs)


def test_user_pack_adds_month_variants_in_their_slots(tmp_path) -> None:
    months = ", ".join(f'["M{k}x"]' for k in range(1, 13))
    _write(tmp_path, "de.toml", f"[phrases]\nmonths = [{months}]\n")
    table = calendar("months", "de", (str(tmp_path),))
    assert table["m3x"] == 3 and table["märz"] == 3


PARAGRAPH_DA = "Kommunen besluttede tirsdag at lukke den gamle bro over åen for reparationer i sommer.\n\n"
USER_PACK_PAGE = """Broen lukkes for reparation - Avisen

Broen lukkes for reparation

Skrevet af
Anne Hansen

Kommunen besluttede tirsdag at lukke den gamle bro over åen for reparationer hele sommeren.

Arbejdet ventes at tage tre måneder og koster omkring tolv millioner kroner, oplyser kommunens forvaltning.

Flere nyheder

Ny skole åbner i centrum

Toget forsinket i morges
"""


def test_user_pack_reaches_the_block_rules_and_the_metadata(tmp_path) -> None:
    """A user's related heading opens its list and a byline lead splits a byline, as the bundled ones do."""
    stopwords = '["og", "at", "det", "som", "på", "er", "af", "for", "med", "til", "den", "har", "hele", "kroner"]'
    _write(
        tmp_path,
        "da.toml",
        f'[phrases]\nrelated = ["Flere nyheder"]\nbyline-lead = ["Skrevet af"]\nstopwords = {stopwords}\n',
    )
    bundled = cleanup.clean(USER_PACK_PAGE)
    assert not {"related-list", "split-byline"} & {r.rule for r in bundled.removed} and bundled.byline is None
    result = cleanup.clean(USER_PACK_PAGE, rules_dirs=str(tmp_path))
    by_rule = {r.rule: r.text for r in result.removed}
    assert by_rule["related-list"] == "Flere nyheder\nNy skole åbner i centrum\nToget forsinket i morges"
    assert by_rule["split-byline"] == "Skrevet af\nAnne Hansen" and result.byline == "Anne Hansen"
    assert result.language == "da" and bundled.language != "da"  # its stopwords name the language
    assert result.text.endswith("oplyser kommunens forvaltning.")


def test_user_pack_months_and_date_leads_make_date_lines(tmp_path) -> None:
    months = ", ".join(
        f'["{m}"]' for m in ["jan", "feb", "mars", "april", "maij", "juni", "juli", "aug", "sept", "okt", "nov", "dec"]
    )
    stopwords = '["og", "at", "det", "som", "på", "er", "af", "for", "med", "til", "den", "har", "over", "i"]'
    _write(tmp_path, "da.toml", f'[phrases]\nmonths = [{months}]\ndate-lead = ["Udgivet"]\nstopwords = {stopwords}\n')
    page = "Broen lukkes\n\nUdgivet 12 maij 2024\n\n" + PARAGRAPH_DA * 3
    bundled = cleanup.clean(page)
    assert all(r.rule != "date-line" for r in bundled.removed) and bundled.date is None
    result = cleanup.clean(page, rules_dirs=str(tmp_path))
    assert [r.text for r in result.removed if r.rule == "date-line"] == ["Udgivet 12 maij 2024"]
    assert result.date == "2024-05-12" and "Udgivet" not in result.text


def test_user_pack_byline_and_credit_leads_make_bylines_and_captions(tmp_path) -> None:
    _write(tmp_path, "da.toml", '[phrases]\nbyline-lead = ["Forfatter"]\ncredit-lead = ["Billedkilde"]\n')
    page = "Broen lukkes\n\nForfatter: Anne Berg\n\nBroen i skumringen. Billedkilde: Ritzau\n\n" + PARAGRAPH_DA * 3
    bundled = cleanup.clean(page)
    assert bundled.byline is None and bundled.captions == ()
    result = cleanup.clean(page, rules_dirs=str(tmp_path))
    assert [(r.rule, r.text) for r in result.removed if r.rule in ("byline", "image-caption")] == [
        ("byline", "Forfatter: Anne Berg"),
        ("image-caption", "Broen i skumringen. Billedkilde: Ritzau"),
    ]
    assert result.captions == ("Broen i skumringen. Billedkilde: Ritzau",)
    assert result.text.startswith(PARAGRAPH_DA.strip()[:40])


def test_user_pack_phrases_reach_the_html_captions(tmp_path) -> None:
    _write(tmp_path, "da.toml", '[phrases]\nad-label = ["Reklame"]\n')
    story = "<p>" + PARAGRAPH_DA.strip() + "</p>"
    page = (
        "<html><body><article><h1>Broen lukkes</h1><figure><img src=a.jpg><figcaption>Broen i skumringen. "
        f"<span>Reklame</span></figcaption></figure>{story * 4}</article></body></html>"
    )
    assert cleanup.clean(page).captions == ("Broen i skumringen. Reklame",)
    assert cleanup.clean(page, rules_dirs=str(tmp_path)).captions == ("Broen i skumringen.",)


def test_user_pack_read_more_phrase_marks_a_teaser(tmp_path) -> None:
    from cleanup.text.teaser_list import ends_in_read_more

    _write(tmp_path, "da.toml", '[phrases]\nread-more = ["Læs hele artiklen"]\n')
    teaser = "Broen lukkes i sommer og trafikken ledes om via den nye bro Læs hele artiklen"
    assert not ends_in_read_more(teaser) and ends_in_read_more(teaser, (str(tmp_path),))


INVALID_PACKS = [
    ("[phrases]\nstopwords = ['der die']\n", "a word group holds single words, not 'der die'"),
    ("[phrases]\nshare = ['Teilen: jetzt']\n", "a prefix phrase holds no separator"),
    ("[phrases]\nshare = ['»']\n", "a phrase starts with a word or {n}, not '»'"),
    ("[phrases]\nread-mroe = ['x']\n", "xx.toml: [phrases]: unknown key 'read-mroe' (did you mean 'read-more'?)"),
    ("[phrases]\nshare = []\n", "xx.toml: [phrases] 'share': must be a non-empty list of strings"),
    ("[phrases]\nshare = 'Teilen'\n", "xx.toml: [phrases] 'share': must be a non-empty list of strings"),
    ("[phrases]\nshare = [3]\n", "xx.toml: [phrases] 'share'[0]: must be a non-empty string, not 3"),
    ("[phrases]\nshare = ['{x} teilen']\n", "unknown placeholder in '{x} teilen'"),
    ("[phrases]\ncookie = ['Mehr zu {topic}']\n", "{topic} may only end a phrase of a line or prefix group"),
    ("[phrases]\nmonths = ['Jan', 'Feb']\n", "xx.toml: [phrases] 'months': must be a list of 12 entries"),
    ("[[drop]]\ngroup = 'nope'\ntext = 'x'\n", "xx.toml: [[drop]] 1: 'group' must name a group, not 'nope'"),
    ("[[keep]]\ntxt = 'x'\n", "xx.toml: [[keep]] 1: unknown key 'txt' (did you mean 'text'?)"),
    ("[pack]\ncode = 'de'\n", "xx.toml: the file name must be the pack's language code"),
    ("[phrases\n", "xx.toml: cannot read"),
    ("extra = 1\n", "xx.toml: unknown key 'extra'"),
]


@pytest.mark.parametrize(("text", "message"), INVALID_PACKS, ids=[m[:40] for _, m in INVALID_PACKS])
def test_invalid_pack_gives_an_error_naming_file_and_key(tmp_path, text, message) -> None:
    _write(tmp_path, "xx.toml", text)
    with pytest.raises(LangPackError) as caught:
        load_packs((str(tmp_path),))
    assert message in str(caught.value)


def test_invalid_group_table_is_reported(tmp_path) -> None:
    path = tmp_path / "groups.toml"
    path.write_text('[share]\nmatch = "whole"\nabout = "x"\n', encoding="utf-8")
    with pytest.raises(LangPackError, match=r"groups.toml: \[share\]: 'match' must be one of"):
        load_groups(path)


def test_pack_file_name_must_be_a_language_code(tmp_path) -> None:
    path = _write(tmp_path, "german.toml", "")
    with pytest.raises(LangPackError, match=r"german\.toml: the file name must be"):
        load_pack(path, groups())


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("宇航员在太空中喝酒会怎么样？后果很严重。专家说，酒精在失重环境下的影响与地面不同。", "zh"),
        ("先日、不正に改造したiPhoneを販売したとして、商標法違反の疑いで男性が逮捕されました。", "ja"),
        ("서울 시의회는 화요일에 낡은 다리를 수리하기 위해 닫기로 결정했다고 밝혔다.", "ko"),
        ("Το δημοτικό συμβούλιο αποφάσισε την Τρίτη να κλείσει την παλιά γέφυρα για επισκευές.", "el"),
    ],
)
def test_a_page_in_a_script_one_language_writes_gets_its_language(text: str, code: str) -> None:
    # No stopwords between spaces to count: the script names the language (lang.detect.script_language).
    page = "\n\n".join([text] * 4)
    assert cleanup.clean(page).language == code


def test_cyrillic_is_told_apart_by_stopwords_not_by_script() -> None:
    # Many languages write Cyrillic: without a pack's stopwords the language stays unknown.
    assert detect("Ћирилица се пише") is None
    russian = "Это была большая новость для города, и он сказал, что мост будет закрыт на ремонт. " * 3
    assert detect(russian) == "ru"
