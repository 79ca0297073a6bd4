"""Dates as ISO 8601: one shape for the many a page states its date in.

"2024-07-08T12:05:00+0200", "Jul. 8, 2024 12:05 PM", "8. Juli 2024", "08.07.2024": ``iso_date``
turns what the HTML metadata or a date line gave into ISO 8601, and says None rather
than guess. The month names of every language come from the caller (the language packs).
"""

from __future__ import annotations

import re
from collections.abc import Mapping

ISO_RE = re.compile(
    r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})"
    r"(?:[T ](?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?"
    r"\s*(?P<tz>Z|[+-]\d{2}:?\d{2})?)?"
)
# Day first: 08.07.2024, 8/7/2024, 08-07-2024 (Dutch, Polish, Italian sites), one separator throughout.
# A two-digit year after a dot or a slash: "05.03.24", "11/19/19" (not "19-11-20", which may be year first).
NUMERIC_RE = re.compile(r"(?P<d>\d{1,2})(?P<sep>[./-])(?P<m>\d{1,2})(?P=sep)(?P<y>\d{4}|(?<=[./])\d{2}(?![\d:]))")
URL_DATE_RE = re.compile(r"/((?:19|20)\d{2})[/-](\d{1,2})[/-](\d{1,2})(?:[/_.-]|$)")
SLASH_US_RE = re.compile(r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4}|\d{2}(?![\d:]))")
# A two-digit year below this is 20xx, from it 19xx ("98" is 1998), as POSIX strptime's %y reads it.
CENTURY_PIVOT = 69
WORD_RE = re.compile(r"[^\W\d_]+\.?")
YEAR_RE = re.compile(r"\b(1[89]\d\d|2[01]\d\d)\b")
DAY_RE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th|\.|º|er)?(?!\d)")
# Where a second date starts after a first one: "05.03.24", "05.03.", "2024-03-05", "6/6/2007".
LATER_DATE_RE = re.compile(r"\b\d{1,2}[./]\d{1,2}[./]|\b\d{1,2}-\d{1,2}-\d{4}|\b\d{4}-\d{2}-\d{2}")
# A time: "14:05", "14h05", "2.05 pm"; not part of a date ("04.03.2024", "05.03.24") or a number ("2.345").
TIME_RE = re.compile(r"(?<!\d[./])\b(\d{1,2})[:h.](\d{2})(?![\d]|[./]\d)\s*([ap]\.?m\.?)?", re.I)
ENGLISH_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}


def iso_date(
    raw: str | None, months: Mapping[str, int] = ENGLISH_MONTHS, us_order: bool | None = False, url: str | None = None
) -> str | None:
    """``raw`` as an ISO 8601 date or date-time, or None when it cannot be read for certain.

    ``months`` maps lower-cased month names (and abbreviations) to 1-12.
    A date-time keeps its time and offset; a date alone stays a date.
    ``us_order``: slashed dates are month first (True), day first (False), or
    either (None: an English page, US or not), where a date both ways round
    ("04/03/2013") takes the order of the date in ``url`` ("/2013/04/03/"), else None.

    >>> iso_date("2024-07-08T12:05:00+0200"), iso_date("Jul. 8, 2024"), iso_date("08.07.2024")
    ('2024-07-08T12:05:00+02:00', '2024-07-08', '2024-07-08')
    >>> iso_date("8 July 2024, 14:05"), iso_date("yesterday")
    ('2024-07-08T14:05', None)
    >>> iso_date("05/29/2007 09:49:00"), iso_date("05/06/2007")  # month first only where day first cannot be
    ('2007-05-29T09:49', '2007-06-05')
    >>> iso_date("Bijgewerkt: 12-03-2024, 14:35")
    '2024-03-12T14:35'
    >>> iso_date("Veröffentlicht am 03.03.2024 um 14:05 Uhr")
    '2024-03-03T14:05'
    """
    if not raw:
        return None
    text = raw.strip()
    if found := ISO_RE.search(text):
        return _iso(found["y"], found["m"], found["d"], found["H"], found["M"], found["S"], found["tz"])
    if found := (SLASH_US_RE if us_order else NUMERIC_RE).search(text):
        day, month = found["d"], found["m"]
        if int(month) > 12 >= int(day):  # 05/29/2007: no month 29, so the only reading is month first
            day, month = month, day
        elif us_order is None and found["sep"] == "/" and int(day) <= 12 and int(day) != int(month):
            settled = _url_day_month(url, _full_year(found["y"]))
            if settled == (int(month), int(day)):  # the URL's date reads it month first
                day, month = month, day
            elif settled != (int(day), int(month)):
                return None  # 04/03/2013 on an English page: 4 March or April 3, nothing tells
        rest = text[found.end() :]
        later = LATER_DATE_RE.search(rest)  # a second date (an update's): its time is not ours
        return _iso(
            _full_year(found["y"]),
            month,
            day,
            *_time_of(text[: found.start()], rest[: later.start()] if later else rest),
        )
    return _worded(text, months)


def _full_year(year: str) -> str:
    """A year of four digits: "24" is "2024", "98" is "1998" (CENTURY_PIVOT)."""
    if len(year) != 2:
        return year
    return str((2000 if int(year) < CENTURY_PIVOT else 1900) + int(year))


def _url_day_month(url: str | None, year: str) -> tuple[int, int] | None:
    """(day, month) of a date of ``year`` in a URL's path ("/2013/04/03/": (3, 4)), or None."""
    found = URL_DATE_RE.search(url or "")
    return (int(found[3]), int(found[2])) if found and found[1] == year else None


def _worded(text: str, months: Mapping[str, int]) -> str | None:
    """A date written with a month name: "July 8, 2024", "8. Juli 2024", "le 8 juillet 2024 à 14h05"."""
    month = next((m for m in WORD_RE.finditer(text) if m.group(0).lower().rstrip(".") in months), None)
    year = YEAR_RE.search(text)
    if month is None or year is None:
        return None
    rest = text[: year.start()] + " " + text[year.end() :]
    rest = TIME_RE.sub(" ", rest)
    day = DAY_RE.search(rest)
    if day is None:
        return None
    after = text[year.end() :]
    time = _time_of(text[: min(month.start(), year.start())], after[: _next_date(after, months)])
    return _iso(year.group(1), str(months[month.group(0).lower().rstrip(".")]), day.group(1), *time)


def _next_date(text: str, months: Mapping[str, int]) -> int:
    """Where a second date starts in ``text`` (a year, a month name, a numeric date), else its length."""
    starts = [found.start() for found in (YEAR_RE.search(text), LATER_DATE_RE.search(text)) if found]
    month = next((m.start() for m in WORD_RE.finditer(text) if m.group(0).lower().rstrip(".") in months), None)
    return min([*starts, len(text)] if month is None else [*starts, month])


def _time_of(before: str, after: str) -> tuple[str | None, str | None]:
    """(hour, minute) of a date: the time right before it ("Published 2:16 AM EST Nov 20, 2019",
    "PUBLISHED: 00:01, Tue, Nov 19, 2019 | UPDATED: 10:43, ..."), else the first after it. ``after``
    stops where a second date starts: "Nov. 20, 2019 Updated: Nov. 20, 2019 1:35 a.m." has no time of its own.
    """
    hour, minute = _clock(before, last=True)
    return (hour, minute) if hour is not None else _clock(after)


def _clock(text: str, last: bool = False) -> tuple[str | None, str | None]:
    """(hour, minute) of the first (or ``last``) time in ``text`` on a 24-hour clock ("2:05 pm" is 14, 05), or Nones."""
    times = list(TIME_RE.finditer(text)) if last else [found] if (found := TIME_RE.search(text)) else []
    if not times:
        return None, None
    time = times[-1]
    hour, minute, half = int(time.group(1)), time.group(2), (time.group(3) or "").lower()
    if half.startswith("p") and hour < 12:
        hour += 12
    if half.startswith("a") and hour == 12:
        hour = 0
    return str(hour), minute


def _iso(
    y: str, m: str, d: str, hh: str | None = None, mm: str | None = None, ss: str | None = None, tz: str | None = None
) -> str | None:
    """Checked ISO 8601 text from parts; None when the parts are not a calendar date."""
    year, month, day = int(y), int(m), int(d)
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    date = f"{year:04d}-{month:02d}-{day:02d}"
    if hh is None or mm is None or int(hh) > 23 or int(mm) > 59:
        return date
    stamp = f"{date}T{int(hh):02d}:{mm}" + (f":{ss}" if ss else "")
    if tz:
        stamp += "Z" if tz == "Z" else f"{tz[:3]}:{tz[-2:]}"
    return stamp
