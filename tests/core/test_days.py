"""Partition days: the one validator and the one inclusive range every layer uses."""

from __future__ import annotations

import pytest

from wirearchive.days import DayError, day_range, is_day, validate_day


@pytest.mark.parametrize("day", ["2026-01-12", "2024-02-29", "2020-01-01"])
def test_calendar_days_are_kept_as_given(day: str) -> None:
    assert validate_day(day) == day
    assert is_day(day)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2026-13-01", "bad partition day '2026-13-01': month must be in 1..12"),
        ("2025-02-29", "bad partition day '2025-02-29': day is out of range for month"),
        ("20260112", "bad partition day '20260112': expected YYYY-MM-DD"),  # basic format: not a folder key
        ("2026-W03-1", "bad partition day '2026-W03-1': expected YYYY-MM-DD"),
        ("yesterday", "bad partition day 'yesterday': expected YYYY-MM-DD"),
        ("2026-01-12 ", "bad partition day '2026-01-12 ': expected YYYY-MM-DD"),
        (None, "bad partition day None: expected YYYY-MM-DD"),
    ],
)
def test_other_values_are_refused_with_one_line(value, message: str) -> None:
    with pytest.raises(DayError) as caught:
        validate_day(value)
    assert str(caught.value) == message
    assert isinstance(caught.value, ValueError)
    assert value is None or not is_day(value)


def test_range_is_inclusive_and_crosses_months_and_leap_days() -> None:
    assert day_range("2024-02-28", "2024-03-01") == ["2024-02-28", "2024-02-29", "2024-03-01"]
    assert day_range("2026-01-12", "2026-01-12") == ["2026-01-12"]
    assert len(day_range("2025-01-01", "2025-12-31")) == 365


def test_backward_or_bad_ranges_are_refused() -> None:
    with pytest.raises(DayError, match="range end 2026-01-12 is before its start 2026-01-16"):
        day_range("2026-01-16", "2026-01-12")
    with pytest.raises(DayError, match="bad partition day '2026-01-32'"):
        day_range("2026-01-01", "2026-01-32")
