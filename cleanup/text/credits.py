"""Photo captions and credits in a dump: the patterns of ``image-caption`` and the headline finder's credit tail.

A caption ends in its credit: "(AP Photo/Evan Vucci)", "Photo: Jane Doe", "Beeld: ANP",
"Fot. PAP", "© AFP". The words before a credit come from the language packs (``credit-lead``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleanup import lang
from cleanup.text.patterns import PARTICLE, UPPER, WORDS
from cleanup.text.prefilter import literal_end

I = re.IGNORECASE

AGENCIES: tuple[str, ...] = tuple(WORDS["agencies"])


def _either(words: Sequence[str]) -> str:
    """``words`` as one alternation, longest first (an empty one matches nothing)."""
    return (
        "(?:" + "|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))) + ")"
        if words
        else "(?!)"
    )


_AGENCY = _either(AGENCIES)
# An agency's name of three letters or fewer ("AA", "AP", "dpa") is also an abbreviation ("AA/AAA
# batteries", "APA/MLA style"): before the slash it needs a photographer's name of two words after it.
_LONG_AGENCY = _either([a for a in AGENCIES if len(a) > 3])
# After a longer agency's slash, any words ("Getty Images/iStockphoto", "REUTERS/Kevin Lamarque").
_CREDITED = r"[^\W\d_][\w.'’-]*(?:\s+[^\W\d_][\w.'’-]*){0,4}"
# Words a short credit may be alone: "(AFP/Files)", "dpa/Archiv", "(EPA/STR)", "(AFP/POOL)".
_LONE_CREDIT = _either(WORDS["lone_credits"])
# After a short agency's slash, a photographer's name: capitalised words ("Evan Vucci", "Koen van Weel").
_CREDITED_NAME = (
    rf"(?:[{UPPER}][\w.'’-]*(?:\s+(?:[{UPPER}][\w.'’-]*|{PARTICLE})){{1,4}}|{_LONE_CREDIT})"
    rf"(?:\s*/\s*(?:[{UPPER}][\w.'’-]*|{_LONE_CREDIT}))?"
)
# The packs' words before a photo credit ("Foto", "Beeld", "Crédit photo"); a dotted one ("Fot.")
# needs no colon after it.
CREDIT_LEADS = tuple(sorted(set(lang.words("credit-lead")), key=lambda w: (-len(w), w)))
_CREDIT_COLON = _either([lead for lead in CREDIT_LEADS if not lead.endswith(".")])


# What may come before a credit's lead: a caption's sentence, or a caption and a bar
# ("Fans im Stadion. | Foto: Reuters", "Jan Novák | Foto: ČTK").
_BEFORE_CREDIT = r"(?:.*(?:[.!?”\"’]\s+|\s[|•·]\s*))?"
# A credit's names after its lead: no sentence mark, but a name's initials before a capital ("Gene J. Puskar",
# "H.W. Chiu"; not "U.S. banks").
_CREDIT_TEXT = rf"(?:[^.!?]|(?-i:(?<=\b[{UPPER}])\.(?=\s?[{UPPER}]))){{2,120}}"  # capitals as written


def credit_patterns(leads: Sequence[str]) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """A caption ending in a credit after one of ``leads``: with a colon ("Beeld: ANP"), and after a dotted
    lead ("Fot. PAP"). The two patterns of CAPTION_RES a user's pack extends (``lines.pack_line_checks``)."""
    colon = _either([lead for lead in leads if not lead.endswith(".")])
    dotted = _either([lead for lead in leads if lead.endswith(".")])
    return (
        re.compile(rf"{_BEFORE_CREDIT}{colon}\s*:\s*{_CREDIT_TEXT}", I),
        re.compile(rf"{_BEFORE_CREDIT}{dotted}\s*{_CREDIT_TEXT}", I),
    )


_CREDIT_COLON_RE, _CREDIT_DOTTED_RE = credit_patterns(CREDIT_LEADS)
CAPTION_RES = (
    # "(Photo by Ron Sachs-Pool/Getty Images)", "(Photo credit: PTI File Photo)", "(Image: NASA)"
    re.compile(
        r".*\(\s*(?:photo(?:graph)?s?|image|picture|foto|illustration|video)(?: by| credit| courtesy(?: of)?)?"
        r"\s*[:.-]?\s*[^()]{2,120}\)",
        I,
    ),
    # "(Ron Sachs-Pool/Getty Images)", "(AP Photo/Evan Vucci)", "(Jane Doe/Reuters)"
    re.compile(
        rf".*\((?:[^()]{{1,80}}/\s*{_AGENCY}(?:\s*/[^()]{{1,40}})?|{_LONG_AGENCY}\s*(?:photo)?\s*/[^()]{{1,80}}"
        rf"|{_AGENCY}\s*(?:photo)?\s*/\s*{_CREDITED_NAME})\)"
    ),
    # "Photo: Damian Dovarganes, AP", "Credit: Jane Doe/Getty", "Beeld: ANP", "Crédit photo : AFP"
    _CREDIT_COLON_RE,
    # "Jane Doe / Getty Images", "REUTERS/Kevin Lamarque"
    re.compile(
        rf"(?:.*[.!?”\"’]\s+)?(?:[\w.'’ -]{{2,60}}\s*/\s*{_AGENCY}|{_LONG_AGENCY}\s*/\s*{_CREDITED}"
        rf"|{_AGENCY}\s*/\s*{_CREDITED_NAME})"
    ),
    # "Fot. PAP", "Fot. Jan Kowalski / Agencja Gazeta": a credit lead that ends in its own dot
    _CREDIT_DOTTED_RE,
    # "© AFP", "© picture alliance / dpa": an agency after ©, no year (that is a copyright line)
    re.compile(rf"(?:.*[.!?”\"’]\s+)?©\s*(?:[^©()\d]{{1,60}}/\s*)?{_AGENCY}(?:\s*/\s*[^©()\d]{{1,60}})?"),
    # "Foto Ansa", "Foto dpa/Patrick Seeger": a credit lead and a known agency with no colon, the
    # whole line (Italian and German sites under a picture); "Bild Zeitung" names no agency
    re.compile(rf"(?i:{_CREDIT_COLON})\s+{_AGENCY}(?:\s*/\s*{_CREDITED})?"),
)
# The character each of CAPTION_RES ends with ("" for none): most lines that reach
# the rule are sentences with a colon or brackets inside, not at the end.
CAPTION_ENDS = tuple(literal_end(pattern) for pattern in CAPTION_RES)
# A character each of CAPTION_RES needs, in order: a line without it skips that
# pattern (most lines reaching the rule hold a colon or a slash, not both).
CAPTION_NEEDS = ("(", "/", ":", "/", ".", "©", " ")
# What a line needs at all to be tried as a caption (lower-cased): one of CAPTION_NEEDS, or a credit
# lead and a space ("fot. pap", "foto ansa").
CAPTION_CONTAINS = ("(", ":", "/", "©", *(f"{lead.lower()} " for lead in CREDIT_LEADS))
# Getty-style dateline caption: "WASHINGTON, DC - NOVEMBER 24: United States ..."
GETTY_DATELINE_RE = re.compile(
    r"[A-Z][A-Z .,'’-]{1,60}\s+[-–—]\s+(?:JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|"
    r"NOVEMBER|DECEMBER) \d{1,2}(?:, \d{4})?:\s"
)
MAX_CAPTION_CHARS = 700  # Getty captions run long; a longer line is a paragraph
# A picture's caption that ends in its credit after a dash or bar ("Raspberry Pi 3, a $35
# computer - Image: Raspberry Pi Foundation"): it may repeat the headline's words, but it is
# no headline (the dump's own caption rule leaves such a line alone: captions stay unless sure).
# A caption ends in its credit: an agency or a credit lead in brackets ("... nel quartiere Borgo
# (ansa)", "(Credit: iStock)"), or a photographer's name in capitals after a full stop ("..., en
# Madrid, el pasado junio. CLAUDIO ÁLVAREZ"). A headline does not (text/headline.metadata_like).
CAPTION_CREDIT_END_RE = re.compile(
    rf"(?:(?i:\(\s*(?:{_AGENCY})\s*\)|\(\s*{_CREDIT_COLON}\s*:[^()]{{2,80}}\))"
    rf"|[.!?]\s+[{UPPER}][{UPPER}'’-]+(?:\s+[{UPPER}][{UPPER}'’-]+){{1,3}})\s*$"
)
CREDIT_TAIL_RE = re.compile(rf".*\s[-–—|]\s*{_CREDIT_COLON}\s*:\s*{_CREDIT_TEXT}", I)
