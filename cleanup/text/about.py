"""Where the article ends before a box about its author or the site, or a privacy or legal notice.

A blog post or a club's news in a page dump often ends with such a box: "Über uns" /
"Tom & Lisa" / "Wir sind Tom und Lisa aus Leipzig und reisen seit 2015 …". The blurb reads
as prose, so the run of prose goes on into it. ``bio.bio_start`` needs a role word
("reporter", "Redakteurin") or a name the byline gave, which a blogger's blurb seldom has;
here a heading that can only announce such a box (``about_headings`` in words.toml) says it.

An "About" heading that names the club or the publisher ("Over Dorpsbelangen", "Über den Verein":
``is_org_about``) opens such a box too when the blurb right under it speaks for itself ("Wij
zijn …", "our": ``org_voice``); "About Klaus Regling" over a box on the story's subject does not.

The box is a heading, at most one short name line, then one blurb of at most MAX_BIO_CHARS
that no other prose follows: a section of the story under a heading such as "Über uns"
(a band's interview) goes on with more paragraphs. As for a bio, the story above must hold
at least as much prose as the run from the heading on.

A privacy, cookie or legal notice after the story ("Datenschutz-Einstellungen" over five
paragraphs of a consent manager's purposes, "Aviso legal" over the publisher's legal text)
reads as prose too, and may hold more of it than a short story: the run took both. A heading
that can only open such a notice (``notice_headings``), with prose right under it, ends the
article when MIN_STORY_CHARS of the story's prose come before it; between two of the story's
paragraphs, only a consent manager's title does (``consent_headings``): "Privacy Policy" there is
a sign-up box's link, "Datenschutz-Einstellungen" right under the last paragraph heads the dialog.

A press release ends with the publisher's boilerplate ("À propos d'AéroVolt" / "AéroVolt
conçoit …", "Sobre la Fundación …") and a contact box ("Contact presse"). A contact heading
(``press_contact_headings``) or a closing mark ("Ends", "###": ``press_end_marks``; "Notes to editors" over a
contact: ``press_notes_headings``) ends the release; so does an "About …" heading at most
PRESS_REACH units above it (``org_about_leads``: the name after it may be one word or open
with an article, which ``bio.bio_start`` does not take).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence

from cleanup.model import Line
from cleanup.text.bio import MAX_BIO_CHARS, MAX_NAME_CHARS, NAME, is_name
from cleanup.text.blocks import ends_like_sentence, inside_story, is_prose, prose_weight, weight
from cleanup.text.patterns import WORD_RE, WORDS
from cleanup.text.units import as_units

ABOUT_HEADINGS = frozenset(h.casefold() for h in WORDS["about_headings"])
MAX_ABOUT_HEADING_CHARS = max(map(len, ABOUT_HEADINGS)) + 2  # room for a colon or "?"
ABOUT_HEADING_TAIL = " :?"
# The heading may already be gone as a chrome phrase ("Über uns" is a footer link as well), or taken
# as the last item of a related list right above the box.
ABOUT_HEADING_DROPS = (None, "chrome-phrase", "related-list")
NOTICE_HEADINGS = frozenset(h.casefold() for h in WORDS["notice_headings"])
CONSENT_HEADINGS = frozenset(h.casefold() for h in WORDS["consent_headings"])
MAX_NOTICE_HEADING_CHARS = max(map(len, NOTICE_HEADINGS)) + 2
NOTICE_REACH = 2  # the notice's prose starts within this many units under its heading
# Prose of the story above a notice heading: as much as text/article.py's MIN_ARTICLE_WEIGHT.
MIN_STORY_CHARS = 200
CONSENT_DROPS = frozenset({"chrome-phrase", "cookie-notice"})  # rules that drop a consent notice's phrases
PRESS_CONTACTS = frozenset(h.casefold() for h in WORDS["press_contact_headings"])
MAX_PRESS_CONTACT_CHARS = max(map(len, PRESS_CONTACTS)) + 2
ORG_ABOUT_LEADS = tuple(sorted({lead.casefold() for lead in WORDS["org_about_leads"]}))
MAX_ORG_HEADING_CHARS = 80
ORG_VOICE = frozenset((*WORDS["site_voice"], *WORDS["org_voice"]))
QUOTE_CHARS = '"“„«‘'
PRESS_REACH = 4  # units between the boilerplate's heading and the contact heading, at most
PRESS_END_MARKS = frozenset(m.casefold() for m in WORDS["press_end_marks"])
PRESS_NOTES = frozenset(h.casefold() for h in WORDS["press_notes_headings"])
PRESS_END_TRIM = " -–—:"
MAX_PRESS_END_CHARS = max(map(len, PRESS_END_MARKS | PRESS_NOTES)) + 4  # room for dashes or a colon around it
# A bio signed by the byline: the author's name, a link word (or a dash, a comma), then who they are.
_LINKS = "|".join(re.escape(w) for w in sorted(WORDS["bio_links"], key=len, reverse=True))
SIGNED_BIO_RE = re.compile(rf"(?P<name>{NAME})(?:\s+(?:{_LINKS})\s|\s*,\s|\s+[–—-]\s)")
SIGNATURE_ABOVE = 8  # the byline is within this many units above the story's first paragraph
SIGNATURE_BELOW = 4  # ... or this many under it (a dek first, then the byline)
MAX_SIGNATURE_LEAD_WORDS = 4  # "Ein Gastbeitrag von Dr.", "Propos recueillis par", "Rozmawiał"
SIGNATURE_LEADS = frozenset({*WORDS["byline_leads"], *WORDS["posted_by_leads"], *WORDS["signature_leads"]})
MAX_BIO_UNITS = 2  # the bio is one of the run's last this many prose units (a disclaimer may follow it)
NOTES_REACH = 6  # the notes' contact (an e-mail address, a phone number) is within this many units
CONTACT_RE = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+|\+?\d[\d ()/.-]{6,}\d")


def is_about_heading(text: str) -> bool:
    """True for a bare heading over a box about the author or the site.

    >>> is_about_heading("Über uns"), is_about_heading("Qui suis-je ?"), is_about_heading("Über uns hinaus")
    (True, True, False)
    """
    return _bare_heading(text, ABOUT_HEADINGS, MAX_ABOUT_HEADING_CHARS)


def _bare_heading(text: str, headings: frozenset[str], max_chars: int) -> bool:
    """True when ``text``, without a trailing colon or "?", is one of ``headings`` (casefolded)."""
    return len(text) <= max_chars and text.rstrip(ABOUT_HEADING_TAIL).casefold() in headings


def is_notice_heading(text: str) -> bool:
    """True for a bare heading over a privacy, cookie or legal notice.

    >>> is_notice_heading("Datenschutz-Einstellungen"), is_notice_heading("Aviso legal:"), is_notice_heading("Legal")
    (True, True, False)
    """
    return _bare_heading(text, NOTICE_HEADINGS, MAX_NOTICE_HEADING_CHARS)


def is_consent_heading(text: str) -> bool:
    """True for a consent manager's title, one of the notice headings that is no link in a story.

    >>> is_consent_heading("Datenschutz-Einstellungen"), is_consent_heading("Privacy Policy")
    (True, False)
    """
    return _bare_heading(text, CONSENT_HEADINGS, MAX_NOTICE_HEADING_CHARS)


def notice_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) where a privacy, cookie or legal notice starts after the story, or None."""
    texts = as_units(lines).visible
    first = next((i for i in range(start, stop) if dropped_by[i] is None and is_prose(texts[i])), None)
    if first is None:
        return None
    for i in range(first + 1, stop):
        if dropped_by[i] == "page-chrome" or not is_notice_heading(texts[i]):
            continue
        if inside_story(texts, dropped_by, i) and not is_consent_heading(texts[i]):
            continue  # a privacy link between two of the story's paragraphs (a sign-up box's) opens no notice
        under = range(i + 1, min(len(texts), i + 1 + NOTICE_REACH))
        story = prose_weight(texts, [j for j in range(first, i) if dropped_by[j] is None])
        if story >= MIN_STORY_CHARS and any(is_prose(texts[j]) for j in under):
            return i
    return None


def is_press_contact(text: str) -> bool:
    """True for the heading of a press release's contact box.

    >>> is_press_contact("Pressekontakt:"), is_press_contact("Contact presse"), is_press_contact("Kontakt")
    (True, True, False)
    """
    return _bare_heading(text, PRESS_CONTACTS, MAX_PRESS_CONTACT_CHARS)


def is_press_end(texts: Sequence[str], i: int) -> bool:
    """True when unit ``i`` closes a press release: an end mark ("Ends", "###"), or a notes heading
    ("Notes to editors") with a contact (``CONTACT_RE``) in the NOTES_REACH units under it.

    >>> is_press_end(["- ENDS -"], 0), is_press_end(["Notes to editors:", "Call 01234 567890."], 0)
    (True, True)
    >>> is_press_end(["Notes to editors:", "- EFSF SA is a Luxembourg-registered company."], 0)
    False
    >>> is_press_end(["The talks ends today."], 0), is_press_end(["Notes to editors of the paper were sent."], 0)
    (False, False)
    """
    if len(texts[i]) > MAX_PRESS_END_CHARS:
        return False
    low = texts[i].casefold()
    if low in PRESS_END_MARKS or low.strip(PRESS_END_TRIM) in PRESS_END_MARKS:
        return True
    if low.strip(PRESS_END_TRIM) not in PRESS_NOTES:
        return False
    return any(CONTACT_RE.search(text) for text in texts[i + 1 : i + 1 + NOTES_REACH])


def is_org_about(text: str) -> bool:
    """True for the heading of a publisher's boilerplate: "About", "Über", "À propos d'" and a name.

    >>> is_org_about("À propos d'AéroVolt"), is_org_about("Sobre la Fundación Alimentos Solidarios")
    (True, True)
    >>> is_org_about("Über 300 Gäste kamen."), is_org_about("Overview")
    (False, False)
    """
    if len(text) > MAX_ORG_HEADING_CHARS:
        return False  # most units: a paragraph
    low = text.casefold()
    if not low.startswith(ORG_ABOUT_LEADS) or ends_like_sentence(text):
        return False
    lead = max((lead for lead in ORG_ABOUT_LEADS if low.startswith(lead)), key=len)
    rest = text[len(lead) :]
    return lead.endswith(("'", "’")) or (rest[:1] == " " and bool(rest.strip()))


def press_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) where a press release's boilerplate or contact box starts, or None."""
    texts = as_units(lines).visible
    first = next((i for i in range(start, stop) if dropped_by[i] is None and is_prose(texts[i])), None)
    if first is None:
        return None
    # The contact box may lie past the run's end (names, a phone number: no prose), its boilerplate inside it.
    reach = min(len(texts), stop + PRESS_REACH)
    short = max(MAX_PRESS_CONTACT_CHARS, MAX_PRESS_END_CHARS)  # most units are paragraphs: no call for them
    contact = next(
        (
            i
            for i in range(first + 1, reach)
            if len(texts[i]) <= short and (is_press_contact(texts[i]) or is_press_end(texts, i))
        ),
        None,
    )
    if contact is None or prose_weight(texts, [j for j in range(first, contact) if dropped_by[j] is None]) < (
        MIN_STORY_CHARS
    ):
        return None
    above = range(contact - 1, max(first, contact - 1 - PRESS_REACH), -1)
    found = next((i for i in above if dropped_by[i] != "page-chrome" and is_org_about(texts[i])), contact)
    return found if found < stop else None


def past_notice(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int:
    """The start of the run [start, stop) past a privacy, cookie or legal notice that opens it, or ``start``.

    A consent manager's text right above a story whose headline does not repeat the page <title>
    (nothing anchors the run at the headline) joins the story's run. A notice heading at most
    NOTICE_REACH units from the run's start opens the notice; it goes on to the first unit that
    the rules kept and that is no prose (a button, the story's headline), and holds a phrase a
    rule dropped as a cookie or consent notice ("Wir verwenden Cookies", "Alle akzeptieren"): the
    first section of a page that is a privacy policy holds none. The run starts at the next prose
    unit when MIN_STORY_CHARS of prose follow.
    """
    texts = as_units(lines).visible
    near = range(max(0, start - NOTICE_REACH), min(stop, start + NOTICE_REACH + 1))
    heading = next((i for i in near if dropped_by[i] != "page-chrome" and is_notice_heading(texts[i])), None)
    if heading is None:
        return start
    end = next((j for j in range(heading + 1, stop) if dropped_by[j] is None and not is_prose(texts[j])), stop)
    if not any(dropped_by[j] in CONSENT_DROPS for j in range(heading + 1, end)):
        return start
    story = [j for j in range(end, stop) if dropped_by[j] is None and is_prose(texts[j])]
    if not story or prose_weight(texts, story) < MIN_STORY_CHARS:
        return start
    return story[0]


def about_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) where a box about the author or the site starts, or None (see the module)."""
    texts = as_units(lines).visible
    kept = [i for i in range(start, stop) if dropped_by[i] is None]
    first = next((i for i in kept if is_prose(texts[i])), None)
    if first is None:
        return None
    short = max(MAX_ABOUT_HEADING_CHARS, MAX_ORG_HEADING_CHARS)  # most units are paragraphs: no call for them
    for i in range(first + 1, stop):
        if len(texts[i]) > short or dropped_by[i] not in ABOUT_HEADING_DROPS:
            continue
        bare = is_about_heading(texts[i])
        if not bare and not is_org_about(texts[i]):
            continue
        after = [j for j in kept if j > i]
        if not _blurb(texts, after) or not (bare or speaks_for_itself(texts[after[0]])):
            continue
        if prose_weight(texts, [j for j in kept if j < i]) >= prose_weight(texts, after):
            return i
    return None


def speaks_for_itself(text: str) -> bool:
    """True for a blurb in which a club or a publisher speaks of itself ("Wij zijn …", "our"), not in quotes.

    >>> speaks_for_itself("Vereniging Dorpsbelangen zet zich in voor het dorp. Wij zijn het aanspreekpunt.")
    True
    >>> speaks_for_itself('Mr Regling is a former Director-General. "We will act," he said.')
    False
    """
    if any(c in text for c in QUOTE_CHARS):
        return False  # quoted speech: the story's, or a blurb too careful to be told by its words
    return not ORG_VOICE.isdisjoint(w.lower() for w in WORD_RE.findall(text) if w[1:].islower())


def _blurb(texts: Sequence[str], after: Sequence[int]) -> bool:
    """True when the units ``after`` a heading open with at most one name line, then one short blurb,
    and no prose right after it.

    >>> blurb = "Wir sind Tom und Lisa aus Leipzig und reisen seit 2015 mit dem Rucksack durch die Welt."
    >>> _blurb(["Tom & Lisa", blurb, "Instagram"], [0, 1, 2]), _blurb([blurb, blurb], [0, 1])
    (True, False)
    """
    k = 0
    if after and not is_prose(texts[after[0]]):
        name = texts[after[0]]
        if len(name) > MAX_NAME_CHARS or ends_like_sentence(name):
            return False
        k = 1
    if k >= len(after) or not is_prose(texts[after[k]]) or weight(texts[after[k]]) > MAX_BIO_CHARS:
        return False
    return k + 1 == len(after) or not is_prose(texts[after[k + 1]])


def signed_bio_start(lines: Sequence[Line], dropped_by: Sequence[str | None], start: int, stop: int) -> int | None:
    """Index in [start, stop) of a bio of the story's author that closes the run, or None.

    An opinion piece or a guest column ends with a line on its author ("Dr. Miriam Falk ist
    Erziehungswissenschaftlerin …", "Anna Zielińska – dziennikarka …"): it reads as prose and names
    no role ``bio.bio_start`` knows. It is taken when it is one of the run's last MAX_BIO_UNITS
    prose units, short (MAX_BIO_CHARS), opens with a name and a link word (``bio_links``), and that
    name signs the story: a byline line near its first paragraph is the name, or a short lead and
    the name ("Ein Gastbeitrag von Dr. Miriam Falk"). A name in the headline ("Olga Tokarczuk:
    Literatura …") signs nothing: a profile's last paragraph on its subject stays. A story whose
    prose names its author ("… Mama Robotnik's massive Metroid story", an editor's intro to a guest
    post) frames them, and the bio closing it stays with that frame.
    """
    texts = as_units(lines).visible
    kept = (i for i in range(stop - 1, start - 1, -1) if dropped_by[i] is None and is_prose(texts[i]))
    last = list(itertools.islice(kept, MAX_BIO_UNITS))
    if not any(SIGNED_BIO_RE.match(texts[i]) for i in last):
        return None  # most runs: no name and link word opens their last paragraphs
    prose = [i for i in range(start, stop) if dropped_by[i] is None and is_prose(texts[i])]
    for k in range(max(1, len(prose) - MAX_BIO_UNITS), len(prose)):
        found = SIGNED_BIO_RE.match(texts[prose[k]])
        if found is None or weight(texts[prose[k]]) > MAX_BIO_CHARS or not is_name(found["name"]):
            continue
        story = prose_weight(texts, prose[:k])
        if story < MIN_STORY_CHARS or story < prose_weight(texts, prose[k:]):
            return None
        near = range(max(0, prose[0] - SIGNATURE_ABOVE), min(len(texts), prose[0] + SIGNATURE_BELOW))
        signed = any(_signs(texts[i], found["name"]) for i in near if not is_prose(texts[i]))
        surname = found["name"].split()[-1]
        return prose[k] if signed and not any(surname in texts[i] for i in prose[:k]) else None
    return None


def _signs(text: str, name: str) -> bool:
    """True when byline ``text`` is ``name`` (its last two words), alone or after one word or a short lead
    that ends in a byline word ("Von", "Ein Gastbeitrag von", "Propos recueillis par": ``signature_leads``).

    >>> _signs("Ein Gastbeitrag von Dr. Miriam Falk", "Miriam Falk"), _signs("Anna Zielińska", "Anna Zielińska")
    (True, True)
    >>> _signs("Rozmawiał Piotr Wiśniewski", "Piotr Wiśniewski"), _signs("Carmen Ruiz Albert", "Dr. Ruiz Albert")
    (True, True)
    >>> _signs("Olga Tokarczuk: Literatura to sposób", "Olga Tokarczuk"), _signs("Besuch bei Anna Roth", "Anna Roth")
    (False, False)
    """
    low, tail = text.strip().casefold(), " ".join(name.casefold().split()[-2:])
    if low == tail or not low.endswith(" " + tail):
        return low == tail
    lead = low[: -len(tail)].split()
    if any(c in word for word in lead for c in ":!?|"):
        return False
    return len(lead) == 1 or (len(lead) <= MAX_SIGNATURE_LEAD_WORDS and lead[-1].strip(".") in SIGNATURE_LEADS)
