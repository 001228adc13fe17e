"""Partition days: the one ``YYYY-MM-DD`` validator and the one inclusive day range.

Every layer keys its data by a UTC calendar day written ``YYYY-MM-DD`` (the archive's and the
warehouse's ``date=D`` folders, Dagster's daily partition keys, the crawl's ``--date``). The
CLI, the crawl entry point and the warehouse writer validate keys here and word the error for
their own users.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

# ISO 8601 calendar date, extended format only: the spelling of a partition key in folder names
# (``date=D``) and Dagster's ``DailyPartitionsDefinition`` keys.
DAY_PATTERN = re.compile(r"^\d{4}-\d{2}-\d{2}$")


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
