"""Dates stated by a page, read without guessing: no part of a date ever comes from "now".

A date is a year, a month and a day that the page states. A value without one of them (a time
alone, "10:52"; a day and month without a year, "Jan 04") is not a date and gives ``None``, so a
reprocess on another day gives the same rows. A numeric date whose day and month could be
swapped ("01/06/2008") is read in the order of the page's locale (``<html lang>``, og:locale,
``Content-Language``; date order from Babel's CLDR short date pattern) and rejected when the
locale does not settle it (no language, bare ``en``, a year-first locale).
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import lru_cache

from babel import Locale, UnknownLocaleError
from dateutil import parser as dateparser
from dateutil.parser import UnknownTimezoneWarning

# Two different fill-in values for dateutil: a part missing from the string shows up as a
# difference between the two parses, so nothing is ever filled in.
_DEFAULTS = (datetime(1904, 1, 1, 0, 0), datetime(1905, 2, 2, 0, 0))
_NUMERIC_DMY = re.compile(r"(?<![\d.])(\d{1,2})\s*([./-])\s*(\d{1,2})\s*\2\s*(\d{4}|\d{2})(?![\d.])")
_ISO_UTC_SUFFIX = re.compile(r"\s*(?:UTC|GMT)$")
_EARLIEST_YEAR = 1990
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")
# Zone abbreviations common on news pages that dateutil does not resolve on its own (hours from UTC).
_TZINFOS = {
    name: int(hours * 3600)
    for name, hours in {"EST": -5, "EDT": -4, "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
                        "GMT": 0, "UTC": 0, "BST": 1, "CET": 1, "CEST": 2, "IST": 5.5, "JST": 9, "AEST": 10,
                        "AEDT": 11, "KST": 9, "MEZ": 1, "MESZ": 2}.items()
}  # fmt: skip


@dataclass(frozen=True)
class StatedDate:
    """A date as the page states it.

    Attributes:
        at: The moment in UTC (a bare date: midnight UTC of that day).
        day: The calendar day in the page's own time zone (what a reader of the page sees).
    """

    at: datetime
    day: date


@lru_cache(maxsize=256)
def day_first(language: str | None, region: str | None) -> bool | None:
    """Whether numeric dates put the day before the month in this locale.

    Args:
        language: Primary language subtag (``es``), or ``None``.
        region: Region subtag (``US``), or ``None``.

    Returns:
        ``True`` (``10/05/2022`` is 10 May), ``False`` (it is October 5), ``None`` when the
        locale does not say: no language, bare ``en`` (both orders are common), a locale
        whose short date is year-first, or one Babel does not know.
    """
    if not language or (language == "en" and not region):
        return None
    try:
        pattern = Locale.parse(f"{language}_{region}" if region else language).date_formats["short"].pattern
    except (UnknownLocaleError, ValueError, TypeError):
        return None
    order = [c for c in pattern if c in "dMy"]
    first = order[0] if order else "y"
    return {"d": True, "M": False}.get(first)


def _ambiguous(value: str) -> tuple[int, int] | None:
    """The two leading numbers of a numeric date when either could be the day (a dotted
    ``01.06.2008`` is day first wherever it is written, so it is not ambiguous)."""
    match = _NUMERIC_DMY.search(value)
    if not match or match.group(2) == ".":
        return None
    a, b = int(match.group(1)), int(match.group(3))
    return (a, b) if a <= 12 and b <= 12 and a != b else None


def parse_stated(value: str | None, order: bool | None = None, latest: datetime | None = None) -> StatedDate | None:
    """Parse a date (and maybe a time) that a page states.

    Args:
        value: ISO 8601 (``2020-01-19T20:31:00-05:00``) or a written form (``Jan 19, 2020 8:31
            PM EST``, ``19.01.2020``).
        order: :func:`day_first` of the page's locale, for numeric dates.
        latest: No date after this one is accepted (the fetch time, when known).

    Returns:
        The date, or ``None`` when the value lacks a year, a month or a day, is ambiguous in
        the page's locale, or lies outside 1990..``latest``. A time without an offset is
        taken as UTC.
    """
    if not value or not (text := value.strip()) or len(text) > 100:
        return None
    parsed: datetime | None
    try:
        parsed = datetime.fromisoformat(_ISO_UTC_SUFFIX.sub("+00:00", text.replace("Z", "+00:00")))
    except ValueError:
        parsed = _parse_written(text, order)
    if parsed is None or parsed.year < _EARLIEST_YEAR:
        return None
    at = parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)
    if latest is not None and at.date() > latest.date():
        return None
    return StatedDate(at, parsed.date())


def _parse_written(text: str, order: bool | None) -> datetime | None:
    if _ambiguous(text) and order is None:
        return None
    numeric = _NUMERIC_DMY.search(text)  # never day first on "2022-05-04"
    numeric_day_month = numeric is not None and (numeric.group(2) == "." or bool(order))
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UnknownTimezoneWarning)  # unknown zone name: read as UTC
        for default in _DEFAULTS:
            try:
                results.append(
                    dateparser.parse(text, default=default, dayfirst=numeric_day_month, tzinfos=_TZINFOS, fuzzy=True)
                )
            except (ValueError, OverflowError, TypeError):
                return None
    first, second = results
    if (first.year, first.month, first.day) != (second.year, second.month, second.day):
        return None  # the string lacks the year, the month or the day
    return first


# Characters kept on each side of a year when a page is searched for the form of one date.
_CONTEXT_CHARS = 40


def year_context(page_text: str, year: int) -> str:
    """The parts of a page around each mention of a year, where a date of that year is written.

    Args:
        page_text: The page's markup and URL.
        year: The year of the date looked for.

    Returns:
        The snippets (:data:`_CONTEXT_CHARS` characters each side of every four-digit ``year``
        and of every numeric date ending in its two last digits), one per line: searching them
        is much cheaper than searching a megabyte of markup.
    """
    digits = str(year)
    # "(?<!\d)(?:YEAR|\d{1,2}\s*[./-]\s*\d{1,2}\s*[./-]\s*YY)(?!\d)", written to start with a digit
    # class so the regex engine skips to digits instead of trying every position (same matches,
    # 2.6x faster on the bench pages)
    marks = re.compile(
        rf"\d(?<!\d\d)(?:(?<={digits[0]}){digits[1:]}|\d?\s*[./-]\s*\d{{1,2}}\s*[./-]\s*{year % 100:02d})(?!\d)"
    )
    spans = [
        page_text[max(0, m.start() - _CONTEXT_CHARS) : m.end() + _CONTEXT_CHARS] for m in marks.finditer(page_text)
    ]
    return "\n".join(spans)


def check_order(day: date, page_text: str, order: bool | None) -> date | None:
    """Re-read a day found by htmldate (which reads numeric dates day first) in the page's locale.

    Args:
        day: The day htmldate returned.
        page_text: The page's markup and URL, where the date was found.
        order: :func:`day_first` of the page's locale.

    Returns:
        ``day`` when the page states it unambiguously (an ISO form ``2008-06-01``, a dotted
        ``01.06.2008``, which is day first wherever it is used, or only a non-numeric form);
        the swapped day when the page shows it only as ``01/06/2008`` and its locale is month
        first; ``None`` when it does and the locale does not settle the order.
    """
    if day.day > 12 or day.day == day.month:
        return day
    y, m, d = day.year, day.month, day.day
    iso = re.compile(rf"(?<!\d){y}(?:[-/.]0?{m}[-/.]0?{d}|{m:02d}{d:02d}|/{_MONTHS[m - 1]}[a-z]*/0?{d})(?!\d)", re.I)
    dotted = re.compile(rf"(?<![\d.])0?{d}\s*\.\s*0?{m}\s*\.\s*(?:{y}|{y % 100:02d})(?!\d)")
    slashed = re.compile(rf"(?<![\d.])0?{d}\s*([/-])\s*0?{m}\s*\1\s*(?:{y}|{y % 100:02d})(?!\d)")
    if iso.search(page_text) or dotted.search(page_text) or not slashed.search(page_text):
        return day
    if order is None:
        return None
    return day if order else day.replace(month=d, day=m)


def states_first_of_month(day: date, page_text: str) -> bool:
    """Whether a page that htmldate dated to the 1st of a month states that day.

    htmldate falls back to the 1st of the month for a year and month alone ("2008-05", "May
    2008") and to 1 January for a year alone (a copyright line): those are guesses, not dates.

    Args:
        day: The day htmldate returned (the 1st of a month).
        page_text: The page's markup and URL.

    Returns:
        ``True`` when the page has the day in an ISO or numeric form (``2008-05-01``,
        ``1.5.2008``, ``5/1/2008``) or next to a month word and the year (``1 May 2008``,
        ``1. Mai 2008``, ``May 1, 2008``, ``1 de mayo de 2008``).
    """
    y, m = day.year, day.month
    forms = (
        rf"(?<!\d){y}(?:[-/.]0?{m}[-/.]0?1|{m:02d}01)(?!\d)",
        rf"(?<![\d.])0?1\s*[./-]\s*0?{m}\s*[./-]\s*(?:{y}|{y % 100:02d})(?!\d)",
        rf"(?<![\d.])0?{m}\s*/\s*0?1\s*/\s*(?:{y}|{y % 100:02d})(?!\d)",
        rf"(?<![\d.])0?1(?:st|er|º|\.)?\s+(?:de\s+)?[^\W\d]{{3,}}\.?,?\s+(?:de\s+)?{y}(?!\d)",
        rf"[^\W\d]{{3,}}\.?\s+0?1(?:st)?,?\s+{y}(?!\d)",
    )
    return any(re.search(form, page_text, re.I) for form in forms)
