"""Page metadata users can rely on: bylines as names only, site names never URLs.

A page states its author in many shapes ("By Jane Doe | Reuters · 4 min read",
"Von Anna Schmidt", "Jane Doe, Staff Writer"). These functions turn what the HTML
metadata or a byline line gave into names only, and say None rather than guess.
The byline lead words of every language come from the language packs; dates are
``cleanup.dates`` (``iso_date``, re-exported here).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from cleanup.dates import iso_date
from cleanup.text.patterns import POSTED_BY_RE, TITLE_SEPARATOR_RE, WORDS

__all__ = ["byline_names", "iso_date", "plain_site_name", "posted_by"]

HANDLE_RE = re.compile(r"(?:^|\s)@\w+")  # what a byline holds besides names: handles, reading times, dates
PHONE_RE = re.compile(r"\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4}\b")  # "(509) 459-5382" after a reporter's name
READING_TIME_RE = re.compile(r"\b\d+\s*(?:min(?:ute)?s?|minuten|minutos|minuti|minuty?)\b.*$", re.I)
BYLINE_CUT_RE = re.compile(r"\s*(?:[|·•/]|\s[-–—]\s)\s*")
# A link or address in a byline ("Jane Doe (https://example.com/jdoe)", "jdoe@example.com"),
# with the brackets around it: cut before the "/" split, which would leave "Jane Doe (https:".
ADDRESS_RE = re.compile(r"[(<\[]?\s*(?:(?:https?:)?//|www\.)[^\s)>\]]*\s*[)>\]]?|[(<\[]?[\w.+-]+@[\w-]+\.[\w.]+[)>\]]?")
MAX_LABEL_WORDS = 3  # a label before the lead word ("Analysis by Jane Doe", "Photos and text by ...")
# Lead words that are also lower-case name particles ("Ana de Souza", "Ludwig van Beethoven"):
# never read as a lead word inside a byline.
NAME_PARTICLES = frozenset(
    {"de", "da", "do", "dos", "das", "di", "del", "della", "von", "van", "der", "den", "du", "zu"}
)
MAX_NAME_WORDS = 12  # more than this is a sentence, not a list of names
MAX_TITLE_WORDS = 5  # a job title after a comma: "AP National Political Writer"
# Words joining two names in the packs' languages: a part after a comma holding one names someone.
CONJUNCTIONS = frozenset({"and", "und", "et", "y", "e", "en", "i", "oraz"})
CONJUNCTION_AFTER_COMMA_RE = re.compile(r",\s*(and|und|et|y|e|en|i|oraz)\s+")
# Wire services credited after the names (text/words.toml), matched case-blind, "The" allowed.
WIRE_SERVICES = frozenset(name.casefold() for name in WORDS["wire_services"])
CMS_ACCOUNTS = frozenset(WORDS["cms_accounts"])
NEWS_OUTLETS = frozenset(name.casefold() for name in WORDS["news_outlets"])  # after a comma only
WIRE_SERVICE_NAMES = frozenset(WORDS["wire_services"])  # as written: "EFE" is an agency, "Efe" a surname
# A web address in a part after a comma: "Troy L. Smith, Cleveland.com" (not "R.J." or "F.").
DOMAIN_RE = re.compile(r"[^\W_][\w-]+\.(?:com|org|net|info|news|[a-z]{2})\b", re.I)
# A full stop after a word of five letters or more ends the names: "Jane Cunningham. Sputnik
# International" (not an initial's "Y. Lee", "R.J.", "Jr." nor a title: "Prof. Dr. Hans Müller", "Sen.").
SENTENCE_END_RE = re.compile(r"(?<=[^\W\d_]{5})\.\s+(?=[^\W\d_])")
# An organisation's initials right after a mixed-case name: "Jane Doe BBC World Service",
# "Jane Doe BBC, Washington": something follows it (not "Ann Marie NG", a surname in capitals),
# and the name is not all capitals ("JANE DOE") nor the initials a roman numeral.
ACRONYM_AFTER_NAME_RE = re.compile(r"(?<=[a-z’'])\s+(?![IVXLC]+\b)[A-Z]{2,6}\b(?![.’'-])(?=\s*[,\w])")
ENGLISH_BYLINE_LEADS = ("by", "written by", "words by", "posted by", "reporting by")
ENGLISH_BYLINE_ROLES = (
    "writer",
    "editor",
    "correspondent",
    "reporter",
    "columnist",
    "contributor",
    "staff",
    "producer",
    "photographer",
)  # as the English pack's byline-role


SPACE_BEFORE_COMMA_RE = re.compile(r"\s+,")
NAME_WORD_RE = re.compile(r"[^\W_]+(?:'[^\W_]+)*")  # "catherine's" is one word: not the name "catherine"


def byline_names(
    raw: str | None,
    leads: Iterable[str] = ENGLISH_BYLINE_LEADS,
    publisher: str | None = None,
    roles: Iterable[str] = ENGLISH_BYLINE_ROLES,
) -> str | None:
    """The names in a byline: no lead word ("By"), handles, links, reading time, job title, publisher or date.

    ``leads`` are the lead words of the page's languages, ``roles`` their job-title words
    (a part after a comma holding one is a title: "Jane Doe, Staff Writer"); ``publisher``
    is the site's name, left out when the byline names it after the people.

    >>> byline_names("By Jane Doe and John Roe | Reuters", publisher="Reuters")
    'Jane Doe and John Roe'
    >>> byline_names("Von Anna Schmidt · 4 min read", leads=("von",)), byline_names("@jdoe")
    ('Anna Schmidt', None)
    >>> byline_names("Analysis by Jane Doe, CNN Editor-at-large"), byline_names("Jane Doe (https://example.com/jd/)")
    ('Jane Doe', 'Jane Doe')
    >>> byline_names("By Matt Roe , Minh Do"), byline_names("By admin"), byline_names("Guest Author")
    ('Matt Roe, Minh Do', None, 'Guest Author')
    """
    if not raw:
        return None
    text = READING_TIME_RE.sub("", ADDRESS_RE.sub(" ", HANDLE_RE.sub(" ", PHONE_RE.sub(" ", raw)))).strip(" ,;:|·•-–—")
    if re.match(r"(?:https?:)?//|www\.", text, re.I):
        return None
    text = SENTENCE_END_RE.split(_after_lead(text, leads), maxsplit=1)[0]
    parts = [p for p in BYLINE_CUT_RE.split(text) if p and not _is_publisher(p, publisher) and not iso_date(p)]
    names = _without_title(_without_org(parts[0], publisher), roles).strip(" ,;:") if parts else ""
    names = _without_trailing_role(_undoubled(names), roles)
    if not names or len(names.split()) > MAX_NAME_WORDS or names.startswith(("http://", "https://")):
        return None
    if any(c.isdigit() for c in names) or not any(c.isalpha() for c in names) or _is_account(names, leads):
        return None  # a date or a count, or the CMS's account name ("By admin"), not a name
    return SPACE_BEFORE_COMMA_RE.sub(",", names)  # "Matt Roe , Minh Do" as a template spaced it


def _is_account(names: str, leads: Iterable[str]) -> bool:
    """True for a CMS account name (CMS_ACCOUNTS), alone or after a lead in any case: "By admin", "Guest"."""
    low = names.casefold()
    rests = [low[len(lead) :] for lead in {lead.casefold() for lead in leads} if low.startswith(lead)]
    return low in CMS_ACCOUNTS or any(r[:1] in (" ", ":") and r.lstrip(" :") in CMS_ACCOUNTS for r in rests)


def _after_lead(text: str, leads: Iterable[str]) -> str:
    """``text`` after its lead word: "By Jane Doe", or a label and a lower-case lead, "Analysis by Jane Doe".

    A lead word counts only before a capital ("Von der Leyen" is a name), and inside
    the byline only when written in lower case and not a name particle ("Ana de Souza").
    """
    low = text.lower()
    ordered = sorted({lead.lower() for lead in leads}, key=len, reverse=True)
    for lead in ordered:
        rest = text[len(lead) + 1 :].lstrip(" :")
        if (low.startswith(lead + " ") or low.startswith(lead + ":")) and rest[:1].isupper():
            return rest
    words = text.split(" ", MAX_LABEL_WORDS + 1)
    for n in range(1, min(MAX_LABEL_WORDS, len(words) - 1) + 1):
        rest = " ".join(words[n:])
        for lead in ordered:
            after = rest[len(lead) + 1 :]
            if lead not in NAME_PARTICLES and rest.startswith(lead + " ") and after[:1].isupper():
                return after
    return text


def _without_title(names: str, roles: Iterable[str]) -> str:
    """``names`` without the job titles after commas: "Jane Doe, AP Auto Writer" is "Jane Doe".

    A part after a comma is a title when it holds a role word, no conjunction (a name may
    follow one: "Jane Doe, Columnist and John Roe") and at most MAX_TITLE_WORDS words.

    >>> _without_title("Jane Doe, Staff Writer, and John Roe, Staff Writer", ("writer",))
    'Jane Doe and John Roe'
    >>> _without_title("Jane Doe, Columnist and John Roe", ("columnist",))
    'Jane Doe, Columnist and John Roe'
    """
    role_words = {r.lower() for r in roles}
    parts = names.split(",")
    kept = [parts[0], *(p for p in parts[1:] if not _is_title(p, role_words))]
    if len(kept) == len(parts):
        return names
    return CONJUNCTION_AFTER_COMMA_RE.sub(r" \1 ", ",".join(kept))


def _is_title(part: str, role_words: set[str]) -> bool:
    words = re.findall(r"[^\W\d_]+", part.lower())
    return (
        len(words) <= MAX_TITLE_WORDS and bool(role_words.intersection(words)) and not CONJUNCTIONS.intersection(words)
    )


def _is_publisher(part: str, publisher: str | None) -> bool:
    """True for the site's name as a byline part, as the site writes it or in another form: other case or
    punctuation ("Al-Bawaba" on "Al Bawaba"), with or without "The", or one word that begins it ("Sky" on
    "Sky News", "Beachbody" on "The Beachbody Blog"); two words are a name ("Mark Staff" on "Mark Staff Photos").

    >>> _is_publisher("Al-Bawaba", "Al Bawaba"), _is_publisher("RT", "RT International")
    (True, True)
    >>> _is_publisher("Mark Staff", "Mark Staff Photos"), _is_publisher("Catherine", "Catherine's Kitchen")
    (False, False)
    """
    if not publisher:
        return False
    mine, site = _name_words(part), _name_words(publisher)
    return bool(mine) and (mine == site or (len(mine) == 1 and site[:1] == mine))


def _name_words(name: str) -> list[str]:
    """The words of a name, case-folded, without punctuation or a leading "the": "The Al-Bawaba" is al, bawaba."""
    words = NAME_WORD_RE.findall(name.casefold().replace("’", "'"))
    return words[1:] if words[:1] == ["the"] else words


def _without_org(names: str, publisher: str | None) -> str:
    """``names`` without the organisation credited after them: a wire service, the site, a web address.

    A part after a comma goes when it is a wire service ("Jane Doe, Associated Press"),
    the site's name or a longer or shorter form of it ("Jane Doe, CNN Business" on CNN),
    a news organisation of ``news_outlets`` ("Jane Doe, CNN" syndicated on another site),
    or a web address ("Troy Smith, Cleveland.com"); another name ("Lia Roe, Yaron Doe"),
    a surname-first initial ("Kooman, F.") or a credential ("Brenda Goodman, MA") stays.
    A wire service right after the names goes too ("JANE DOE and JOHN ROE Associated
    Press"), and so do an organisation's initials after a mixed-case name ("Maryam Maruf
    BBC World Service").

    >>> _without_org("Jill Roe, CNN Business", "CNN"), _without_org("Lia Roe, Yaron Doe", None)
    ('Jill Roe', 'Lia Roe, Yaron Doe')
    >>> _without_org("Sandee Roe, CNN", "MSN")  # a news organisation credited on another site
    'Sandee Roe'
    >>> _without_org("JANE DOE and JOHN ROE Associated Press", None), _without_org("Jane O'Brien BBC, Washington", None)
    ('JANE DOE and JOHN ROE', "Jane O'Brien")
    """
    first, *rest = names.split(",")
    kept = [first, *(part for part in rest if not _is_org(part, publisher))]
    names = ",".join(kept) if len(kept) < len(rest) + 1 else names
    words = names.split()
    for n in (3, 2, 1):  # the longest wire service name at the end, when two words or more stay
        if len(words) > n + 1 and _ends_in_wire_service(" ".join(words[-n:])):
            names = " ".join(words[:-n])
            break
    acronym = ACRONYM_AFTER_NAME_RE.search(names)
    before = names[: acronym.start()].split() if acronym else []
    if len(before) >= 2 and before[-1][:1].isupper() and "," not in "".join(before):  # "Jane Doe BBC", not "and JOHN"
        names = " ".join(before)
    return names


def _is_org(part: str, publisher: str | None) -> bool:
    """True for a part of a byline after a comma that names an organisation, not a person."""
    low = " ".join(part.casefold().split())
    site = " ".join((publisher or "").casefold().split())
    same_site = bool(site) and (low == site or low.startswith(site + " ") or site.startswith(low + " "))
    outlet = low.strip(" .") in NEWS_OUTLETS
    return bool(low) and (same_site or outlet or _is_wire_service(low) or bool(DOMAIN_RE.search(low)))


def _ends_in_wire_service(text: str) -> bool:
    """A wire service written after the names with no comma: several words ("Associated Press"), or
    capitals as the list writes them ("AFP", "EFE"); one capitalised word may be a surname ("Bloomberg")."""
    name = text.strip(" .").removeprefix("The ")
    return (" " in name or name.isupper()) and name in WIRE_SERVICE_NAMES


def _is_wire_service(text: str) -> bool:
    low = text.casefold().strip(" .")
    return low in WIRE_SERVICES or (low.startswith("the ") and low[4:] in WIRE_SERVICES)


def _undoubled(names: str) -> str:
    """One copy of a name a page printed twice in a row: "Sean Martin Sean Martin" is "Sean Martin"."""
    words = names.split()
    half = len(words) // 2
    return " ".join(words[:half]) if half >= 2 and len(words) == 2 * half and words[:half] == words[half:] else names


def _without_trailing_role(names: str, roles: Iterable[str]) -> str:
    """``names`` without a job title written after them with no comma: "Meg James Staff Writer".

    Two names' words at least stay, and "staff" alone is a collective byline ("Science X staff").
    One role word after three words stays: a word of the title may come first ("Business Columnist").

    >>> roles = ("staff", "writer")
    >>> _without_trailing_role("Meg James Staff Writer", roles), _without_trailing_role("Science X staff", roles)
    ('Meg James', 'Science X staff')
    """
    role_words = {r.casefold() for r in roles}
    words = names.split()
    end = len(words)
    while end > 2 and words[end - 1].casefold() in role_words:
        end -= 1
    trailing = [w.casefold() for w in words[end:]]
    # One role word after three words or more may follow a modifier: "Michael Roe Business Columnist".
    if not trailing or trailing == ["staff"] or (len(trailing) == 1 and end > 2) or words[end - 1].endswith(","):
        return names
    return " ".join(words[:end])


def plain_site_name(name: str | None) -> str | None:
    """A site name, never a URL, nor a tagline after it (after a "|", or of three words or more), nor a handle's "@".

    >>> plain_site_name("BBC News | Home"), plain_site_name("Rádio - Televisão"), plain_site_name("@bbc")
    ('BBC News', 'Rádio - Televisão', 'bbc')
    """
    if not name or re.match(r"(?:https?:)?//|www\.", name.strip(), re.I):
        return None
    name, cut = name.strip(), TITLE_SEPARATOR_RE.search(name.strip())  # "Yahoo News - Latest News & Headlines"
    if cut and ("|" in cut.group() or len(name[cut.end() :].split()) >= 3):
        name = name[: cut.start()]
    return (name[1:] if name.startswith("@") and " " not in name else name) or None


def posted_by(date_text: str | None) -> str | None:
    """The author a date line ends in, or None.

    >>> posted_by("Posted on March 3, 2024 by Jana"), posted_by("Veröffentlicht am 2. Februar 2024 von Jana Müller")
    ('Jana', 'Jana Müller')
    >>> posted_by("March 3, 2024") is None
    True
    """
    found = POSTED_BY_RE.search(date_text or "")
    return found.group(1) if found else None
