"""Compiled patterns and token sets the generic rules share, grouped by concept.

Patterns match the *visible* text of a unit (invisible characters removed,
space-like characters as spaces, ends trimmed). They are anchored and short on
purpose: a generic rule that is unsure keeps the line.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from cleanup import lang
from cleanup.text.prefilter import union, word_trie

WORDS = tomllib.loads(Path(__file__).with_name("words.toml").read_text(encoding="utf-8"))
I = re.IGNORECASE


# --- page titles ------------------------------------------------------------
# Between the parts of a <title>: "Headline | Section | Site", "Headline - Site", "Site » Headline".
TITLE_SEPARATOR_RE = re.compile(r"\s+[|\-–—»:·•]{1,2}\s+")

# --- skip links -------------------------------------------------------------
# "Skip to content", "Skip to main content", "Jump to navigation", and the
# usual translations (fr, de, es, it, pt, nl).
SKIP_LINK_RE = re.compile(
    r"(?:skip|jump)(?: to| directly to)?(?: the)? ?(?:main |primary |page )?"
    r"(?:content|navigation|nav|menu|search|footer|article|main|sidebar|story)"
    r"|skip (?:navigation|links?|ad|advertisement)"
    r"|aller au (?:contenu|menu)(?: principal)?|zum (?:inhalt|hauptinhalt)(?: springen)?"
    r"|saltar al (?:contenido|menú)(?: principal)?|vai al contenuto(?: principale)?"
    r"|ir para o conteúdo|naar (?:de )?(?:hoofd)?inhoud",
    I,
)

# --- embeds and shortcodes --------------------------------------------------
# WordPress-style shortcodes: [name attr="v"] ... [/name], quotes straight or curly ([jwp-video n=”1″]).
EMBED_NAMES: tuple[str, ...] = tuple(WORDS["embed_names"])
_NAME = "(?:" + "|".join(re.escape(n) for n in EMBED_NAMES) + r")[\w-]*"
# Attributes: one token ("[tweet 1234]"), or any holding "=" or a URL; else prose ("[Video call from …]").
_ATTRS = r"(?:\s+(?:[^\[\]\s]+|[^\[\]]*(?:=|://)[^\[\]]*))?\s*"
# One shortcode: a known name, or any lowercase name that carries attr=value.
SHORTCODE = rf"\[/?(?:{_NAME}{_ATTRS}|[a-z][\w-]*\s[^\[\]]*=[^\[\]]*)\]"
SHORTCODE_LINE_RE = re.compile(rf"(?:{SHORTCODE}\s*)+", I)
# A button: a button shortcode ([button …], [su_button …], [vc_btn …], [cta …]) with a link attribute
# around a short label, closed by its own name ([button link="…/submit/" type="big"] Send us your
# review[/button]). A quote, a pull quote or a tweet with a link is content, and stays.
BUTTON_SHORTCODE_RE = re.compile(
    r"\[((?:[a-z][\w-]*[_-])?(?:button|btn)[\w-]*|cta)\s[^\[\]]*\b(?:link|url|href)\s*=[^\[\]]*\]"
    r'([^\[\]]{1,80})(?<![.!?"\u201d])\[/\1\]',
    I,
)
# [caption ...]<img ...> Caption text[/caption]
CAPTION_SHORTCODE_RE = re.compile(r"\[caption\b[^\]]*\].*\[/caption\]", I | re.S)
# {{ template residue }} left by a broken template engine
TEMPLATE_RESIDUE_RE = re.compile(r"(?:\{\{[^{}]*\}\}\s*)+|\{%[^%]*%\}")

# --- promotional lines and calls to action ---------------------------------
MAX_PROMO_CHARS = 220  # promo lines are short; a longer line is prose quoting one
PROMO_RES = (
    # newsletters, alerts, inbox offers
    re.compile(
        r"(?:get|receive|sign up for|subscribe to|want) (?:the |our |free |more )*"
        r"(?:latest |breaking |daily |weekly |top )*"
        r"(?:news|headlines|stories|alerts?|newsletters?|updates?|emails?|briefing)\b.*"
        r"\b(?:inbox|e-?mail|iphone|android|phone|app|newsletter|alerts?|daily|delivered)\b.*",
        I,
    ),
    re.compile(
        r"(?:sign up|subscribe|register)(?: now| today| here| for free)?"
        r"(?: (?:for|to) (?:our |the |a )?(?:free |daily |weekly |morning |evening )*(?:[\w'’]+ ){0,3}"
        r"(?:newsletters?|emails?|alerts?|updates|briefing))?"
        r"(?: to [^.]{1,60})?\s*[.!»›>]*",
        I,
    ),
    re.compile(r"(?:sign|log) ?(?:in|up)(?: (?:/|or|\|) (?:sign|log|register) ?(?:in|up)?)?\s*[.!]?", I),
    re.compile(
        r"subscribe(?: now)?\b.{0,40}\b"
        r"(?:newsletter|digital|access|print|edition|per (?:month|week)|\$|€|£)",
        I,
    ),
    # "See photos, follies ... at Roll Call's new video site."
    re.compile(
        r"see (?:more )?(?:photos|videos|pictures|images|more|all)\b.{0,120}\b(?:at|on) .{1,60}\b"
        r"(?:site|page|channel|gallery|hub)\b\.?",
        I,
    ),
    # apps and social accounts
    re.compile(r"(?:download|get|install) (?:the|our) (?:free )?[\w .'’-]{0,40}\bapps?\b.*", I),
    re.compile(r"follow us(?:\s+(?:on|at|in|via)\s.{1,80}|\s*@\S+.*|\s*[.!:]?)", I),
    re.compile(r"(?:like us on facebook|follow .{1,40} on (?:twitter|facebook|instagram|x))\b.*", I),
    # link-like calls to action
    re.compile(r"(?:click|tap) here\b.{0,120}", I),
    re.compile(r"click to (?:share|email|print|tweet|pin|save)\b.{0,80}", I),
    re.compile(r"read (?:more|next|also|the full (?:story|article))(?:\s*[:»›>|–—-].{0,160}|\s*[.»›>…]*)", I),
    re.compile(
        r"(?:continue reading|full story|view comments?|leave a comment|add a comment|post a comment)"
        r"\s*[.»›>…]*",
        I,
    ),
    re.compile(r"(?:share|email|print) this (?:article|story|post|page)\s*[:.!]?", I),
    # ad labels
    re.compile(
        r"(?:advertisement|advertising|sponsored(?: content| post)?|paid (?:content|post)|anzeige|"
        r"publicité|publicidad|pubblicità|reklama|ad|ads)\s*[:.]?",
        I,
    ),
    re.compile(r"(?:story|article) continues (?:below|after)(?: (?:the )?(?:advertisement|ad|video))?\.?", I),
    # paywall prompts
    re.compile(
        r"(?:already a subscriber|become a (?:member|subscriber)|subscribe for full access|"
        r"this (?:article|content) is for subscribers)\b.{0,100}",
        I,
    ),
    # metered-paywall prompts (fixtures/fernhill-paywall-after-three); a bare "Keep reading" is a
    # button label, a longer line must name the subscription: "Keep reading, the coach said" stays
    re.compile(
        r"keep reading(?: (?:with|for) .{1,60}\b(?:subscription|membership)"
        r"| by (?:subscribing|signing up|registering)\b.{0,60})?\s*[.!»›>…]*",
        I,
    ),
    re.compile(
        r"you(?:'ve|’ve| have) (?:reached|hit|used|read) (?:your|the|all (?:of )?your) "
        r"(?:\w+ )?(?:limit of (?:\w+ )?)?free (?:articles|stories)\b.{0,80}",
        I,
    ),
    # a price offer after "subscribe": "Subscribe now for £1 for your first month. Cancel anytime."
    re.compile(
        r"subscribe(?: now| today)? (?:for|from) (?:just |only )?[$€£]\s?\d[\d.,]*"
        r"(?: (?:a|per|for (?:the|your)(?: first)?) (?:month|week|year|\d+ (?:months|weeks)))?"
        r"\s*[.!]?(?:\s*cancel any ?time\s*[.!]?)?",
        I,
    ),
)
PROMO_RE = union(PROMO_RES)
# Cookie and consent notices, matched anywhere in a line of any length.
COOKIE_RE = re.compile(
    r"\b(?:we use cookies|this (?:web)?site uses cookies|uses cookies to (?:improve|give|ensure)|"
    r"by (?:continuing|using|browsing) (?:to (?:use|browse) )?(?:this|our) (?:web)?site,? you (?:agree|accept|consent)|"
    r"accept (?:all )?cookies|cookie (?:policy|settings|preferences))\b",
    I,
)
# Cheap necessary condition for COOKIE_RE (it runs on every line).
COOKIE_HINT_RE = re.compile(r"cookie|agree|accept|consent", I)
MAX_COOKIE_CHARS = 600
# The banner phrase opens the unit (after at most a short label such as
# "Cookie notice:"); one that comes later, or inside quotation marks, is a
# sentence about cookies.
MAX_COOKIE_LEAD = 20
QUOTE_RE = re.compile(r"[\"“”„«»‘’']")  # a longer line mentioning cookies is an article about them
# Legal boilerplate every page of a site carries: trademark notices, health
# and affiliate disclaimers, wire-copy reuse terms. Matched anywhere in a line.
LEGAL_RE = re.compile(
    r"\b(?:are (?:registered )?trademarks of|is a (?:registered )?trademark of|all other trademarks"
    r"|(?:have|has) not been evaluated by the food and drug administration"
    r"|not intended to diagnose, treat, cure,? or prevent any disease"
    r"|consult (?:your|a) (?:physician|doctor) before (?:beginning|starting)"
    r"|this material may not be published, broadcast, rewritten,? or redistributed"
    r"|(?:we|this site) may (?:earn|receive) (?:a )?(?:small )?(?:affiliate )?commission"
    r"|for (?:general )?informational purposes only"
    r"|the information (?:provided )?on this (?:web ?)?site"
    # site terms: external links, browser notices, terms of use, reuse, affiliate revenue
    r"|(?:is|are) not responsible for the content of external (?:web ?)?(?:sites|links|pages)"
    r"|(?:this (?:page|site) is )?best viewed (?:in|with) (?:an? )?(?:up-to-date |modern |recent )?(?:web )?browser"
    r"|(?:registration on|use of) (?:or use of )?this (?:web ?)?site constitutes acceptance"
    r"|the material on this (?:web ?)?site may not be reproduced"
    r"|may (?:earn|receive) (?:an? )?(?:small )?affiliate commission|(?:has|have) affiliate partnerships"
    r"|may get a share of (?:the )?sales?\b)",
    I,
)
MAX_LEGAL_CHARS = 1200
# Copyright and footer lines.
COPYRIGHT_RE = re.compile(r"(?:©|\(c\)|copyright\b|all rights reserved\b).{0,200}", I)
COPYRIGHT_SIGNAL_RE = re.compile(r"©|\b(?:19|20)\d\d\b|all rights reserved|rights reserved", I)
MAX_COPYRIGHT_CHARS = 240
FOOTER_RE = re.compile(
    r"(?:privacy policy|terms of (?:use|service)|terms (?:&|and) conditions|contact us|about us|"
    r"site ?map|advertise with us|do not sell my (?:personal )?info(?:rmation)?|accessibility statement)"
    r"(?:\s*[|·•,/-]\s*(?:privacy policy|terms of (?:use|service)|terms (?:&|and) conditions|contact us|"
    r"about us|site ?map|careers|advertise(?: with us)?|help|faq|rss|cookie policy|ad choices|"
    r"do not sell my (?:personal )?info(?:rmation)?|accessibility(?: statement)?))*",
    I,
)

# --- share widgets and counters --------------------------------------------
SOCIAL_TOKENS = frozenset(WORDS["social_tokens"])
SOCIAL_FILLER = frozenset(WORDS["social_filler"])
SOCIAL_CORE = SOCIAL_TOKENS - frozenset(WORDS["social_weak"])
MAX_SHARE_CHARS = 100
# Cheap necessary condition for a share widget: a digit or a core social word.
SOCIAL_HINT_RE = re.compile(r"\d|" + "|".join(sorted(SOCIAL_CORE)), I)
WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
COUNTER_RE = re.compile(r"\d[\d,.]*\s*[km]?\s*(?:comments?|shares?|likes?|views?|reactions?|replies|responses)", I)

# --- bylines and dates ------------------------------------------------------
# Upper-case letters of the pack languages (re has no \p{Lu}): a name's word opens with one.
UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆČĎĐĒĖĘĚĞĪİĮĶĹĽŁŃŅŇŌŐŒŔŘŚŞŠŢŤŪŮŰŲŹŻŽА-ЯЁ"
# A name's word: capitalised ("By The Associated Press", "Von Der Leyen"), or a particle.
PARTICLE = "(?:" + "|".join(WORDS["name_particles"]) + ")"
_NAME_WORD = rf"(?:[{UPPER}][\w.'’-]*|{PARTICLE})"
_NAMES = rf"{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,4}}"
# "and" between names; after a colon also the short ones that open headlines after "Di", "Por":
# Czech "a", Polish "i", Turkish "ve" ("Di Maio a Roma" is a headline).
_AND = r"(?:,|and|And|&|und|et|en|e|y)"
_AND_AFTER_COLON = r"(?:,|and|&|und|et|en|e|y|i|a|ve|и)"
# Leads a byline's names follow after a space: "By", "Von" (words.toml), "Door" with two words or more,
# and every pack lead of two words or more ("Geschrieben von", "Escrito por"). Any pack lead may come
# before a colon: "Autor: Jan Kowalski", "Tekst: Anna de Vries" (a noun such as "Text" alone opens headlines too).
PACK_BYLINE_LEADS = tuple(sorted(set(lang.words("byline-lead")), key=lambda w: (-len(w), w)))


# After a byline's names: an e-mail address and a phone number ("By Megan Rowe meganr@example.com
# (509) 459-5382"), then a reading time ("By Jane Doe · 4 min read"; its words: words.toml).
_CONTACT_TAIL = r"(?:\s+[\w.+-]+@[\w-]+(?:\.[\w-]+)+)?(?:\s+\(?\d{3}\)?[\s.-]?\d{3}[\s.-]?\d{4})?"
_READING = {key: "|".join(map(re.escape, WORDS[f"reading_time_{key}"])) for key in ("leads", "units", "words")}
_READING_TIME_TAIL = (
    rf"(?:\s*[|·•–—-]\s*(?i:(?:{_READING['leads']})\s*:?\s*)?\d{{1,3}}\s*(?i:{_READING['units']})"
    rf"(?:\s+(?i:{_READING['words']}))?)?"
)


def byline_pattern(pack_leads: Sequence[str]) -> re.Pattern[str]:
    """A line that is a byline, with the lead words of these packs (``BYLINE_RE`` holds the bundled ones)."""
    ordered = sorted(set(pack_leads), key=lambda w: (-len(w), w))
    spaced = "|".join(map(re.escape, (*WORDS["byline_leads"], *(lead for lead in ordered if " " in lead))))
    named = "|".join(map(re.escape, WORDS["byline_leads_named"]))
    colon = "|".join(map(re.escape, (*ordered, *WORDS["byline_leads"], *WORDS["byline_leads_named"])))
    return re.compile(
        rf"(?:(?i:{spaced})\s+{_NAMES}(?:\s*{_AND}\s*{_NAMES})*"
        rf"|(?i:{named})\s+(?=\S+\s+\S){_NAMES}(?:\s*{_AND}\s*{_NAMES})*"
        rf"|(?i:{colon})\s*:\s*{_NAMES}(?:\s*{_AND_AFTER_COLON}\s*{_NAMES})*)"
        r"(?:\s*[,|·•–—-]\s*(?:[A-Z@][\w.'’&@/-]*\s*){1,6})?"
        rf"{_CONTACT_TAIL}{_READING_TIME_TAIL}"
    )


BYLINE_RE = byline_pattern(PACK_BYLINE_LEADS)
MAX_BYLINE_CHARS = 120
# Month and weekday names of every language pack ("Dezember", "diciembre", "grudnia"), longest first.
PACK_MONTHS: tuple[str, ...] = tuple(sorted(lang.calendar("months"), key=lambda w: (-len(w), w)))
PACK_WEEKDAYS: tuple[str, ...] = tuple(sorted(lang.calendar("weekdays"), key=lambda w: (-len(w), w)))
# A day: "1", "1st", "1." (German), "1er" (French), "1º" (Spanish); "de"/"del"/"di" may join day, month and year.
_DAY = r"\d{1,2}(?:st|nd|rd|th|er|º|\.)?"
_JOIN = r"\s+(?:(?:de|del|di|of)\s+)?"
# A time: "10:03 AM ET", "15.00 Uhr", "15h00", "15:00 h".
# A time zone: a known one in any case ("ist", "ET"), or capitals ("AEDT"), also where the pattern runs
# case-insensitively: else any short word passed for one, and "Monday 5.00 km" in a story was a date line.
_ZONE = (
    r"(?:\s*(?:utc|gmt|ist|bst|cest|cet|eest|eet|west|wet|msk|akst|akdt|aest|aedt|acst|awst|jst|kst|pkt|hst"
    r"|[ecmp][sd]t|[ecmp]t)|(?-i:\s*[A-Z]{2,4}))"
)
_TIME = rf"(?:\d{{1,2}}[:.h]\d{{2}}(?:\s*[ap]\.?m\.?)?(?:\s*(?:uhr|hrs?|hs|h))?{_ZONE}?)"
# Between a date and its time: "at", "à", "a las", "às", "alle", "ore", "um", "om", "o", "godz.", "kl.";
# a comma may come before it ("3 de março de 2024, às 14:05").
_AT = r"(?:at|on|à|a las|a la|às|alle|ore|um|om|o|godz\.?|kl\.?|v)"
_DATE_TIME_JOIN = rf"(?:,?\s*{_AT}\s|,|[|·•–—-])"
RELATIVE_TIME = (
    r"(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|m|hours?|hrs?|h|days?|d|weeks?|months?|years?)"
    r"\s+ago(?:\s+at\s+" + _TIME + ")?"
)
# The words before a date in every language pack ("Aktualisiert", "Publié le", "Actualizado el").
PACK_DATE_LEADS: tuple[str, ...] = tuple(
    dict.fromkeys(phrase.lower() for group in ("date-lead", "updated-lead") for phrase in lang.words(group))
)


# A blog's post line ends in its author: "Posted on March 3, 2024 by Jana", "Veröffentlicht am 2. Februar
# 2024 von Jana Müller". Capitalised names (case-sensitive inside the case-insensitive pattern), for RE2
# and re alike ([^\s,.;:], not \w: RE2's \w is ASCII).
_NAME_PART = rf"(?-i:[{UPPER}][^\s,.;:]*)"
_POSTED_BY = "(?:" + "|".join(WORDS["posted_by_leads"]) + ")"
_BY_NAME = rf"(?:\s*,?\s+{_POSTED_BY}\s+{_NAME_PART}(?:\s+(?:{_NAME_PART}|{PARTICLE})){{0,3}})"
# The author a date line ends in (``posted_by``), as _BY_NAME finds it there.
POSTED_BY_RE = re.compile(rf"\s{_POSTED_BY}\s+([{UPPER}][^\s,.;:]*(?:\s+[^\s,.;:]+){{0,3}})$")


def date_line_pattern(months: Sequence[str], weekdays: Sequence[str], leads: Sequence[str]) -> str:
    """The pattern of a line that is only a date or time, with these pack month, weekday and lead words.

    RE2 runs it (``lines.date_line``, case-insensitive): linear in the line, where ``re`` backtracked for
    milliseconds on a long line that is almost a date line. So: no lookarounds and no \\b; ``re`` gives the
    same answers on every line of the dev sets (``tests/test_rules_lines.py``). A string, not compiled here:
    ``re`` took 35 ms to compile it at every start.
    """
    month = (
        r"(?:(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?"
        rf"|{word_trie(months)}))\.?"
    )
    date = (
        rf"(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|{_DAY}{_JOIN}{month},?{_JOIN}\d{{4}}"
        r"|\d{4}-\d{2}-\d{2}|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|\d{1,2}-\d{1,2}-\d{4})"
    )
    weekday = (
        r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs)?|fri|sat(?:ur)?|sun)(?:day)?"
        rf"|{word_trie(weekdays)})\.?,?"
    )
    lead = "|".join(re.escape(w) for w in sorted(leads, key=len, reverse=True))
    return (
        rf"(?:(?:published|updated|posted|last updated|modified|created|date|{lead})\s*(?:on|at)?\s*:?\s*)?"
        rf"(?:{RELATIVE_TIME}|"
        rf"(?:{weekday}\s*)?(?:{date}|{_TIME})(?:\s*{_DATE_TIME_JOIN}?\s*(?:{date}|{_TIME}))*"
        # then another date after its own lead: "…, mis à jour le 4 mars 2024 à 09h12", "| Updated 2:05 PM"
        rf"(?:\s*[,|·•–—-]?\s*(?:(?:published|updated|posted|last updated|{lead})\s*(?:on|at)?\s*:?\s*)?"
        rf"(?:{weekday}\s*)?(?:{date}|{_TIME})(?:\s*{_DATE_TIME_JOIN}?\s*{_TIME})?)*)"
        rf"{_BY_NAME}?"
    )


DATE_LINE_PATTERN = date_line_pattern(PACK_MONTHS, PACK_WEEKDAYS, PACK_DATE_LEADS)

# --- headings of link lists (related, recent, popular) ---------------------
LIST_HEADING_RE = re.compile(
    r"(?:recent|related|latest|top|more|popular|trending|featured|recommended|similar|other|suggested)"
    r"(?: (?:news|stories|articles|posts|videos|content|coverage|reads|links|topics|headlines|reading))?"
    r"(?: (?:now|today|this week|for you))?"
    r"|more (?:from|on|in|about|by|stories from|news from)\s+[^.!?]{1,50}"
    r"|most (?:popular|read|viewed|shared|emailed|commented|recent|watched)(?: (?:stories|articles|news|now|today))?"
    r"|(?:you|we think you) (?:may|might|will|would) (?:also )?(?:like|enjoy|be interested in)"
    r"|read (?:next|more|this next)|what to read next|up next|don'?t miss(?: this)?|editor'?s? (?:picks|choice)"
    r"|in (?:other|case you missed|the) news|around the web|from (?:the web|our partners)|promoted stories"
    r"|sponsored (?:stories|links|content)|also on [^.!?]{1,40}|more (?:headlines|videos|coverage)"
    r"|more like this|related (?:topics|tags)|tags|topics|filed under|categories|share this"
    r"|lire aussi|à lire aussi|sur le même sujet|mehr zum thema|das könnte sie auch interessieren"
    r"|leia também|leia mais|veja também|te puede interesar|ver también|potrebbe interessarti|leggi anche",
    I,
)
# --- reader comments ------------------------------------------------------------
# A heading that opens the comment section: "34 Comments", "There are 13 comments", "[ 167 comments ]",
# "Comments (3 of 3)", "34 responses to “Headline”", "Leave a Reply", "Top Rated Comments", "Réactions".
# "There are 13 comments", "Es gibt 5 Kommentare": a count that opens the heading's sentence.
COMMENT_COUNT_LEAD = r"(?:there (?:are|is)|es gibt|il y a|hay|ci sono|há|er zijn) \d"
COMMENT_COUNT_LEAD_RE = re.compile(COMMENT_COUNT_LEAD, I)
COMMENTS_HEADING_RE = re.compile(
    COMMENT_COUNT_LEAD + r"[\d,.]* (?:comments?|responses?|replies|"
    r"kommentare|commentaires|comentarios|commenti|comentários|reacties)[.:!]?"
    r"|[\[(]?\s*(?:\d[\d,.]*k?|one|two|three)\s+(?:comments?|responses?|replies|reactions|thoughts? on|"
    r"kommentare|commentaires|comentarios|commenti|comentários)\b.{0,120}"
    # WordPress's default thread heading in the pack languages, a count and the quoted title:
    # "3 Gedanken zu „Titel“", "2 komentarzy do „Tytuł”" (not "Una respuesta a «…»": a subheading)
    r"|\d[\d,.]*\s+(?:gedanken? zu|réflexions? sur|réponses? à|respuestas? a|pensier[oi] su|"
    r"gedachten? over|komentarz[ey]? do|comentários? sobre|respostas? para|pensamentos? em)"
    r"\s*[„“”«\"'‘][^„“”«»\"]{1,150}[“”»\"'’]"
    # a count in the languages added later stands alone: "3 yorum: ..." is also a story's "3 comments on ..."
    r"|\d[\d,.]*\s+(?:kommentarer|komentarze|komentarzy|komentáře|komentářů|комментари[йяи]|комментариев"
    r"|reacties|reactie|reaktionen|réactions|réaction|reacciones|reazioni|reações)"
    r"|(?:reader |top rated |most recent |latest |show |view |load |see )?(?:comments?|reader comments"
    r"|kommentare|leserkommentare|commentaires|réactions|comentarios|commenti|comentários|reacties|contributions|"
    r"kommentarer|komentarze|komentáře|diskuse|yorumlar|комментарии)"
    r"(?:\s*\(\d+(?: of \d+)?\))?(?:\s*\[\s*\d+\s*\])?\s*:?"
    r"|join the (?:conversation|discussion)|leave a (?:reply|comment)|post a comment|add a comment"
    r"|comments are closed\.?|discuss this (?:article|story)|what do you think\??",
    I,
)
# Lower-case words one of which every match of COMMENTS_HEADING_RE holds (tests/test_shortcuts.py
# checks each of its branches): a unit holding none of them is not matched against it.
COMMENTS_HEADING_KEYS = (
    "comment", "respons", "repl", "reaction", "reacties", "reactie", "reaktion", "reaccion", "reazion", "reaç",
    "thought", "kommentare", "comentario", "comentário",
    "contribution", "kommentar", "komentar", "komentář", "diskuse", "yorum", "комментари",
    "gedanke", "réflexion", "réponse", "réaction", "respuesta", "pensier", "gedacht", "respost", "pensamento",
    "join the", "leave a", "discuss this", "what do you think",
)  # fmt: skip
# Characters that IGNORECASE patterns match as an ASCII letter but lower() keeps apart
# ("ı" and "İ" as "i": "İ".lower() is "i" and a combining dot; "ſ" as "s"): a page holding
# one is looked at unit by unit.
CASE_TWINS = ("ı", "İ", "ſ")
MIN_COMMENT_MARKERS = 2  # in the units after a plain "Comments" heading
COMMENT_LOOKAHEAD = 20  # units

MAX_LIST_ITEM_CHARS = 160  # a related-story item is one headline, maybe with a date
MAX_LIST_ITEMS = 40

# --- first words: a rule can only fire on a line starting with one of these --
# (lower-case, in words.toml; see Rule.may_fire). Keep in step with the patterns above.
SKIP_PREFIXES: tuple[str, ...] = tuple(WORDS["skip_prefixes"])
PROMO_PREFIXES: tuple[str, ...] = tuple(WORDS["promo_prefixes"])
FOOTER_PREFIXES: tuple[str, ...] = tuple(WORDS["footer_prefixes"])
SHARE_PREFIXES = tuple(sorted(SOCIAL_TOKENS)) + tuple("0123456789")
BYLINE_PREFIXES: tuple[str, ...] = (
    *(f"{lead.lower()} " for lead in (*WORDS["byline_leads"], *WORDS["byline_leads_named"])),
    *(lead.lower() for lead in PACK_BYLINE_LEADS),
)
DATE_PREFIXES: tuple[str, ...] = (
    tuple("0123456789") + tuple(WORDS["date_words"]) + PACK_DATE_LEADS + PACK_MONTHS + PACK_WEEKDAYS
)
