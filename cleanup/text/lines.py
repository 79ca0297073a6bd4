"""Context-free line rules: each looks at one unit and says why it is chrome.

Every rule returns a reason (a noun phrase saying what the line *is*) or None
to keep the line. They are cautious: anchored patterns, length caps, and
negative examples in the docstrings and in tests/test_rules_lines.py.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any

from cleanup.model import Line
from cleanup.text import credits as C
from cleanup.text import patterns as P
from cleanup.text.re2match import re2_fullmatch
from cleanup.text.registry import line_rule
from cleanup.text.spared import reported_speech
from cleanup.text.units import may_search, re2_compile, visible

DATE_LINE_MAX_CHARS = 120  # a date line is short; longer lines are not looked at
CAPTION_REASON = "photo caption or credit"
BYLINE_REASON = "author byline"
DATE_REASON = "publication date"


def _text(line: Line) -> str:
    return visible(line.text)


@line_rule("skip-link", prefixes=P.SKIP_PREFIXES, max_chars=60)
def skip_link(line: Line) -> str | None:
    """Accessibility jump links such as 'Skip to content'.

    >>> skip_link(Line(1, "Skip to main content"))
    'accessibility jump link'
    >>> skip_link(Line(9, "Skip to the end of the story, she said.")) is None
    True
    """
    return "accessibility jump link" if P.SKIP_LINK_RE.fullmatch(_text(line)) else None


@line_rule("embed-shortcode", prefixes=("[", "{"))
def embed_shortcode(line: Line) -> str | None:
    """Embed, video and gallery shortcodes and template residue left in the text.

    >>> embed_shortcode(Line(1, "[jwp-video n=”1″]"))
    'video or embed shortcode'
    >>> embed_shortcode(Line(1, "{{ article.related_links }}"))
    'template residue'
    >>> embed_shortcode(Line(1, "[1] The report was published in 2019.")) is None
    True
    >>> embed_shortcode(Line(1, "[Video call from General Evul-art’h, Artona I. Connection fee waived.]")) is None
    True
    >>> embed_shortcode(Line(1, "[youtube https://youtu.be/x1]"))
    'video or embed shortcode'
    >>> embed_shortcode(Line(1, '[button link="https://example.com/submit/" type="big"] Send us your review[/button]'))
    'button shortcode'
    >>> embed_shortcode(Line(1, '[quote url="https://example.com/ann"]We will rebuild it, said Ann[/quote]')) is None
    True
    """
    text = _text(line)
    if P.SHORTCODE_LINE_RE.fullmatch(text):
        return "video or embed shortcode"
    if P.BUTTON_SHORTCODE_RE.fullmatch(text):
        return "button shortcode"
    if P.TEMPLATE_RESIDUE_RE.fullmatch(text):
        return "template residue"
    return None


@line_rule("caption-shortcode", caption=True, prefixes=("[caption",))
def caption_shortcode(line: Line) -> str | None:
    """WordPress [caption]...[/caption] blocks: the caption is kept in captions.

    >>> caption_shortcode(Line(1, '[caption id="a1"]<img src="x.jpg"> The mayor.[/caption]'))
    'caption shortcode'
    """
    return "caption shortcode" if P.CAPTION_SHORTCODE_RE.fullmatch(_text(line)) else None


@line_rule("cookie-notice", contains=("cookie", "agree", "accept", "consent"), max_chars=P.MAX_COOKIE_CHARS)
def cookie_notice(line: Line) -> str | None:
    """Cookie and consent banners.

    >>> cookie_notice(Line(1, "We use cookies to improve your experience. Accept all cookies"))
    'cookie or consent notice'
    >>> cookie_notice(Line(1, "The banner said “We use cookies to improve your experience” and more.")) is None
    True
    """
    text = _text(line)
    if len(text) > P.MAX_COOKIE_CHARS or not P.COOKIE_HINT_RE.search(text):
        return None
    match = P.COOKIE_RE.search(text)
    if match and match.start() <= P.MAX_COOKIE_LEAD and not P.QUOTE_RE.search(text, 0, match.start() + 1):
        return "cookie or consent notice"
    return None


@functools.lru_cache(maxsize=1)
def _player_index() -> Any:
    from cleanup.lang.matching import LineIndex

    return LineIndex.of(
        [
            ("player", "line", MAX_PLAYER_CHARS, P.WORDS["player_lines"]),
            ("player", "opening", MAX_PLAYER_CHARS, P.WORDS["player_openings"]),
        ]
    )


MAX_PLAYER_CHARS = 160  # the dialog's longest row ("Font Family Default Monospace Serif ...") is 130
# A player's line opens with the first word of one of its phrases (a pre-check: most lines never get
# to the phrase index).
PLAYER_PREFIXES = tuple(
    sorted({phrase.split()[0].lower() for key in ("player_lines", "player_openings") for phrase in P.WORDS[key]})
)


@line_rule("player-controls", prefixes=PLAYER_PREFIXES, max_chars=MAX_PLAYER_CHARS)
def player_controls(line: Line) -> str | None:
    """A video player's controls and caption-settings dialog, as text (video.js, Brightcove's player;
    words.toml ``player_lines``, ``player_openings``), in any page language.

    >>> player_controls(Line(1, "Remaining Time -0:00")), player_controls(Line(2, "Loaded: 0%"))
    ('video player controls', 'video player controls')
    >>> player_controls(Line(3, "Font Size 50% 75% 100% 125% 150% 175% 200% 300% 400%"))
    'video player controls'
    >>> player_controls(Line(4, "The current time 0:00 was shown on the scoreboard.")) is None
    True
    >>> player_controls(Line(5, "Playback rate limits were lifted for premium users this week.")) is None
    True
    """
    return "video player controls" if _player_index().classify(_text(line)) is not None else None


@line_rule("promo-line", prefixes=P.PROMO_PREFIXES, max_chars=P.MAX_PROMO_CHARS)
def promo_line(line: Line) -> str | None:
    """Calls to action: newsletter and alert sign-ups, app downloads, 'Follow us', ad labels.

    >>> promo_line(Line(1, "Get breaking news alerts and more from Roll Call in your inbox or on your iPhone."))
    'promotional call to action'
    >>> promo_line(Line(1, "Follow the money, investigators said, and you find the shell companies.")) is None
    True
    >>> promo_line(Line(1, "“Subscribe to our newsletter,” the pop-up demanded, before she closed it.")) is None
    True
    """
    text = _text(line)
    if len(text) > P.MAX_PROMO_CHARS:
        return None
    return "promotional call to action" if P.PROMO_RE.fullmatch(text) else None


@line_rule("copyright-footer", prefixes=P.FOOTER_PREFIXES, max_chars=P.MAX_COPYRIGHT_CHARS)
def copyright_footer(line: Line) -> str | None:
    """Copyright notices and footer link rows ('Privacy Policy | Terms of Use').

    >>> copyright_footer(Line(1, "© 2019 Dow Jones & Company, Inc. All Rights Reserved."))
    'copyright or footer line'
    >>> copyright_footer(Line(1, "Copyright law was not written for machines, the judge said.")) is None
    True
    >>> copyright_footer(Line(1, "All rights reserved, the city's lawyer said, also applies to the plans.")) is None
    True
    """
    text = _text(line)
    if len(text) > P.MAX_COPYRIGHT_CHARS or reported_speech(text):
        return None
    if P.COPYRIGHT_RE.fullmatch(text) and P.COPYRIGHT_SIGNAL_RE.search(text):
        return "copyright or footer line"
    return "copyright or footer line" if P.FOOTER_RE.fullmatch(text) else None


# "information" also covers "informational": every hint is one more search over the page.
@line_rule(
    "legal-notice",
    contains=(
        "trademark",
        "food and drug",
        "diagnose",
        "consult",
        "may not be published",
        "commission",
        "information",
        "responsible for the content",
        "best viewed",
        "constitutes acceptance",
        "may not be reproduced",
        "share of the sale",
    ),
    max_chars=P.MAX_LEGAL_CHARS,
)
def legal_notice(line: Line) -> str | None:
    """Site-wide legal boilerplate: trademark notices, health and affiliate disclaimers, wire reuse terms.

    >>> legal_notice(Line(1, "Apple, iPhone and iPad are registered trademarks of Apple Inc."))
    'legal boilerplate'
    >>> legal_notice(Line(1, "The company said the logo was a trademark it had used since 1998.")) is None
    True
    """
    text = _text(line)  # long lines with a hint word and no notice are most: RE2 turns them away first
    return "legal boilerplate" if may_search(P.LEGAL_RE, text) and P.LEGAL_RE.search(text) else None


@line_rule("share-widget", prefixes=P.SHARE_PREFIXES, max_chars=P.MAX_SHARE_CHARS)
def share_widget(line: Line) -> str | None:
    """Share buttons and social counters ('Share', 'Facebook Twitter Email', '12 Comments').

    >>> share_widget(Line(1, "Share on Facebook"))
    'share or social widget'
    >>> share_widget(Line(1, "Shares in Apple fell 3% on Tuesday.")) is None
    True
    """
    text = _text(line)
    if len(text) > P.MAX_SHARE_CHARS or not P.SOCIAL_HINT_RE.search(text):
        return None
    if P.COUNTER_RE.fullmatch(text):
        return "share or social widget"
    words = [w.lower() for w in P.WORD_RE.findall(text)]
    if not words or not any(w in P.SOCIAL_CORE for w in words):
        return None
    allowed = P.SOCIAL_TOKENS | P.SOCIAL_FILLER
    if all(w in allowed or w.isdigit() for w in words):
        return "share or social widget"
    return None


# Every caption pattern needs one of C.CAPTION_CONTAINS (the Getty dateline's dash comes with a colon).
@line_rule("image-caption", caption=True, contains=C.CAPTION_CONTAINS, max_chars=C.MAX_CAPTION_CHARS)
def image_caption(line: Line) -> str | None:
    """Photo captions and credits: Getty datelines, '(AP Photo/...)', 'Photo: ...'.

    >>> image_caption(Line(1, "Obama and Hollande talk in the Oval Office. (Ron Sachs-Pool/Getty Images)"))
    'photo caption or credit'
    >>> image_caption(Line(1, "Prices rose sharply (from $3/month to $5/month) in May.")) is None
    True
    >>> image_caption(Line(1, "Foto Ansa")), image_caption(Line(1, "Foto di gruppo per la giunta")) is None
    ('photo caption or credit', True)
    """
    text = _text(line)
    if len(text) > C.MAX_CAPTION_CHARS:
        return None
    if C.GETTY_DATELINE_RE.match(text):
        return CAPTION_REASON
    # CAPTION_RES, one pattern at a time: only those whose character is in the line, and
    # whose last character ends it, can match
    for pattern, needs, end in zip(C.CAPTION_RES, C.CAPTION_NEEDS, C.CAPTION_ENDS, strict=True):
        if needs in text and text.endswith(end) and pattern.fullmatch(text):
            return CAPTION_REASON
    return None


@line_rule("byline", metadata="byline", prefixes=P.BYLINE_PREFIXES, max_chars=P.MAX_BYLINE_CHARS)
def byline(line: Line) -> str | None:
    """Author lines ('By Jane Doe and John Roe'): kept in the result's byline.

    >>> byline(Line(1, "By Jane Doe and John Roe"))
    'author byline'
    >>> byline(Line(1, "By the time the polls closed, turnout had doubled.")) is None
    True
    """
    text = _text(line)
    if len(text) <= P.MAX_BYLINE_CHARS and P.BYLINE_RE.fullmatch(text):
        return BYLINE_REASON
    return DATED_BYLINE_REASON if dated_byline(text) is not None else None


DATED_BYLINE_REASON = "author byline with its date"
# Between a byline's names and its date: a separator, "on", a handle ("By Chris Roe @chrisroe Nov 18").
BYLINE_DATE_GAP_RE = re.compile(r"^(?:[,|·•–—-]+\s*)?(?:(?:on|On)\s+)?")
HANDLE_TAIL_RE = re.compile(r"\s+@\w+$")
CALENDAR_WORDS = frozenset(w.casefold() for w in (*P.PACK_MONTHS, *P.PACK_WEEKDAYS))


def dated_byline(text: str) -> tuple[str, str] | None:
    """(byline, date) of a line that is a byline followed by its date, else None.

    The names must make a byline (``BYLINE_RE``) and all the rest a date line; no name
    word is a month or weekday, so a sentence's "By Monday, ..." is no name.

    >>> dated_byline("By Tess Roe - 11/19/19 06:56 AM EST"), dated_byline("By Jo Doe on Monday, November 18th, 2019")
    (('By Tess Roe', '11/19/19 06:56 AM EST'), ('By Jo Doe', 'Monday, November 18th, 2019'))
    >>> dated_byline("By Umair Roe Updated Nov 13, 2019, 10:28am EST")
    ('By Umair Roe', 'Updated Nov 13, 2019, 10:28am EST')
    >>> dated_byline("By Monday, November 18, 2019"), dated_byline("By November 18, 2019 the fund had run dry.")
    (None, None)
    >>> dated_byline("By Boat - 06:30 AM") is None  # a time alone: no byline's date
    True
    """
    if len(text) > P.MAX_BYLINE_CHARS or not any(c.isdigit() for c in text):
        return None
    words = text.split()
    for k in range(2, len(words)):
        head = HANDLE_TAIL_RE.sub("", " ".join(words[:k]).rstrip(" ,|·•–—-"))
        tail = BYLINE_DATE_GAP_RE.sub("", " ".join(words[k:]), count=1)
        if (
            re2_fullmatch(_date_line_re2(), tail)
            and _holds_a_date(tail)
            and P.BYLINE_RE.fullmatch(head)
            and not _calendar_word(words[1:k])
        ):
            return head, tail
    return None


NUMERIC_DATE_RE = re.compile(r"\d{4}|\b\d{1,2}[/.-]\d{1,2}\b")
MONTH_WORDS = frozenset(w.casefold() for w in P.PACK_MONTHS)


def _holds_a_date(tail: str) -> bool:
    """True when a date line holds a day's date, not only a time ("By Boat - 06:30 AM" is no byline)."""
    return NUMERIC_DATE_RE.search(tail) is not None or any(
        w.strip(",.").casefold() in MONTH_WORDS for w in tail.split()
    )


def _calendar_word(words: list[str]) -> bool:
    """True when one of ``words`` is a month or weekday name of a pack ("Monday,", "Nov")."""
    return any(w.strip(",.").casefold() in CALENDAR_WORDS for w in words)


@line_rule("date-line", metadata="date", prefixes=P.DATE_PREFIXES, max_chars=DATE_LINE_MAX_CHARS)
def date_line(line: Line) -> str | None:
    """Lines that hold only a publication date or time: kept in the result's date.

    >>> date_line(Line(1, "Published November 20, 2019 10:03 AM ET"))
    'publication date'
    >>> date_line(Line(1, "On November 20, 2019 the council met.")) is None
    True
    """
    return DATE_REASON if re2_fullmatch(_date_line_re2(), _text(line)) else None


@functools.lru_cache(maxsize=16)
def pack_line_checks(rules_dirs: tuple[str, ...]) -> tuple[tuple[str, str, Callable[[str], bool], int], ...]:
    """(rule, reason, test, max_chars) of the line rules the packs in ``rules_dirs`` extend: ``date-line``,
    ``byline`` and ``image-caption`` with the month, weekday, date, byline and credit lead words a
    user's pack adds. Their own patterns are built once, from the bundled packs; none when nothing is added."""
    from cleanup import lang

    checks: list[tuple[str, str, Callable[[str], bool], int]] = []
    credits = lang.words("credit-lead", None, rules_dirs)
    if not set(credits) <= set(C.CREDIT_LEADS):
        patterns = C.credit_patterns(credits)
        checks.append(
            ("image-caption", CAPTION_REASON, lambda t: any(p.fullmatch(t) for p in patterns), C.MAX_CAPTION_CHARS)
        )
    leads = lang.words("byline-lead", None, rules_dirs)
    if not set(leads) <= set(P.PACK_BYLINE_LEADS):
        byline_re = P.byline_pattern(leads)
        checks.append(("byline", BYLINE_REASON, lambda t: byline_re.fullmatch(t) is not None, P.MAX_BYLINE_CHARS))
    dates = pack_date_pattern(rules_dirs)
    if dates is not None:
        checks.append(("date-line", DATE_REASON, lambda t: dates.fullmatch(t) is not None, DATE_LINE_MAX_CHARS))
    return tuple(checks)


@functools.lru_cache(maxsize=16)
def pack_date_pattern(rules_dirs: tuple[str, ...]) -> Any:
    """The date-line pattern (RE2) with the month, weekday and lead words of the packs in ``rules_dirs``
    too ("12 maj 2024" with a user's Danish pack), or None when they add no such word: ``date_line``'s
    own pattern is built once, from the bundled packs."""
    from cleanup import lang

    months, weekdays = lang.calendar("months", None, rules_dirs), lang.calendar("weekdays", None, rules_dirs)
    leads = tuple(
        dict.fromkeys(w.lower() for g in ("date-lead", "updated-lead") for w in lang.words(g, None, rules_dirs))
    )
    if (
        set(months) <= set(P.PACK_MONTHS)
        and set(weekdays) <= set(P.PACK_WEEKDAYS)
        and set(leads) <= set(P.PACK_DATE_LEADS)
    ):
        return None
    pattern = P.date_line_pattern(
        sorted(months, key=lambda w: (-len(w), w)), sorted(weekdays, key=lambda w: (-len(w), w)), leads
    )
    return re2_compile(pattern, case_sensitive=False)


@functools.cache
def _date_line_re2() -> Any:
    """``DATE_LINE_PATTERN`` compiled with RE2, on first use: it names the month and weekday names of
    every pack, and ``re`` backtracks on a long line that is almost a date line (8 ms for one such line)."""
    return re2_compile(P.DATE_LINE_PATTERN, case_sensitive=False)
