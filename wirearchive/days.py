"""Partition days: the one ``YYYY-MM-DD`` validator and the one inclusive day range.

Every layer keys its data by a UTC calendar day written ``YYYY-MM-DD`` (the archive's and the
warehouse's ``date=D`` folders, Dagster's daily partition keys, the crawl's ``--date``). The
CLI, the crawl entry point and the warehouse writer validate keys here and word the error for
their own users.

The partition days run from :data:`PARTITION_START` to tomorrow (UTC), both included: the one
place that says which days exist. ``assets.partitions`` builds Dagster's definition from it, the
CLI refuses other days with one line (:func:`check_partition_day`), and the importer files a page
whose stated day cannot be a partition by its capture day instead (``wirearchive.normalize``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta

# ISO 8601 calendar date, extended format only: the spelling of a partition key in folder names
# (``date=D``) and Dagster's ``DailyPartitionsDefinition`` keys.
DAY_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")

# First partition day. CC-NEWS, the largest public archive of news pages, begins on 2016-08-01
# (https://commoncrawl.org/blog/news-dataset-available); to import older archives, set an earlier
# day here (README, "Partition days"). Read when the Dagster definitions load.
PARTITION_START = "2016-08-01"
# Partition days after today (UTC): tomorrow exists, because a page dated by its local day east of
# UTC, or date-only metadata read as midnight UTC, can state tomorrow's UTC day.
DAYS_AFTER_TODAY = 1


class DayError(ValueError):
    """A value that is not a ``YYYY-MM-DD`` calendar day, or a range that runs backwards."""


def validate_day(day: object) -> str:
    """Check a partition key.

    Args:
        day: Partition key, expected ``YYYY-MM-DD`` and a real calendar date.

    Returns:
        The key, unchanged.

    Raises:
        DayError: The key is not a ``YYYY-MM-DD`` calendar date.
    """
    if not isinstance(day, str) or not DAY_PATTERN.match(day):
        raise DayError(f"bad partition day {day!r}: expected YYYY-MM-DD")
    try:
        date.fromisoformat(day)
    except ValueError as exc:
        raise DayError(f"bad partition day {day!r}: {exc}") from None
    return day


def is_day(value: str) -> bool:
    """Whether ``value`` is a valid partition key (see :func:`validate_day`)."""
    try:
        validate_day(value)
    except DayError:
        return False
    return True


def day_range(start: str, end: str) -> list[str]:
    """Partition keys from ``start`` to ``end`` inclusive.

    Args:
        start: First day, ``YYYY-MM-DD``.
        end: Last day, ``YYYY-MM-DD``.

    Returns:
        The keys in order.

    Raises:
        DayError: A bad key, or ``end`` before ``start``.
    """
    first, last = date.fromisoformat(validate_day(start)), date.fromisoformat(validate_day(end))
    if last < first:
        raise DayError(f"range end {end} is before its start {start}")
    return [(first + timedelta(days=i)).isoformat() for i in range((last - first).days + 1)]


def utc_today() -> date:
    """Today's UTC calendar day: the partitions' clock."""
    return datetime.now(UTC).date()


def partition_bounds(today: date | None = None) -> tuple[str, str]:
    """First and last partition day.

    Args:
        today: The current UTC day (default: the clock's, :func:`utc_today`).

    Returns:
        ``(PARTITION_START, today + DAYS_AFTER_TODAY)`` as ``YYYY-MM-DD``.
    """
    last = (today or utc_today()) + timedelta(days=DAYS_AFTER_TODAY)
    return PARTITION_START, last.isoformat()


def in_partitions(day: str, today: date | None = None) -> bool:
    """Whether ``day`` (a valid ``YYYY-MM-DD`` key) is a partition day (see :func:`partition_bounds`)."""
    first, last = partition_bounds(today)
    return first <= day <= last  # ISO 8601 days sort as strings


def check_partition_day(day: object, today: date | None = None) -> str:
    """Check a partition key and that it is one of the partition days.

    Args:
        day: Partition key, expected ``YYYY-MM-DD``.
        today: The current UTC day (default: the clock's).

    Returns:
        The key, unchanged.

    Raises:
        DayError: Not a ``YYYY-MM-DD`` date, or outside :func:`partition_bounds`.
    """
    key = validate_day(day)
    if not in_partitions(key, today):
        first, last = partition_bounds(today)
        raise DayError(
            f"day {key} is outside the partition days {first}..{last} "
            '(the first day is PARTITION_START in wirearchive/days.py, see README "Partition days")'
        )
    return key


def partition_range(start: str, end: str, today: date | None = None) -> list[str]:
    """Partition keys from ``start`` to ``end`` inclusive, every one a partition day.

    Args:
        start: First day, ``YYYY-MM-DD``.
        end: Last day, ``YYYY-MM-DD``.
        today: The current UTC day (default: the clock's).

    Returns:
        The keys in order.

    Raises:
        DayError: A bad key, ``end`` before ``start``, or a day outside :func:`partition_bounds`.
    """
    days = day_range(start, end)
    check_partition_day(days[0], today)
    check_partition_day(days[-1], today)
    return days


def spans(days: Iterable[str]) -> list[tuple[str, str]]:
    """Runs of consecutive days: how a sparse day set is listed to the user.

    Args:
        days: Valid partition keys, in any order, repeats allowed.

    Returns:
        ``(first, last)`` pairs, inclusive, in order; together they hold exactly ``days``.
    """
    runs: list[list[date]] = []
    for day in sorted({date.fromisoformat(validate_day(d)) for d in days}):
        if runs and day == runs[-1][1] + timedelta(days=1):
            runs[-1][1] = day
        else:
            runs.append([day, day])
    return [(first.isoformat(), last.isoformat()) for first, last in runs]


def describe_spans(pairs: Iterable[tuple[str, str]]) -> str:
    """``2016-08-01..2016-08-03, 2019-05-02``: spans as a user reads them (one day: the day)."""
    return ", ".join(a if a == b else f"{a}..{b}" for a, b in pairs)
