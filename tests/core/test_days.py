"""Partition days: the one validator and the one inclusive range every layer uses."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from wirearchive.days import (
    PARTITION_START,
    DayError,
    check_partition_day,
    day_range,
    describe_spans,
    in_partitions,
    is_day,
    partition_bounds,
    partition_range,
    spans,
    utc_today,
    validate_day,
)


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


TODAY = date(2026, 12, 3)


def test_partition_days_run_from_the_start_to_tomorrow() -> None:
    assert PARTITION_START <= "2016-08-01"  # CC-NEWS begins on 2016-08-01
    assert partition_bounds(TODAY) == (PARTITION_START, "2026-12-04")
    for day in (PARTITION_START, "2019-12-31", "2026-12-03", "2026-12-04"):
        assert in_partitions(day, TODAY) and check_partition_day(day, TODAY) == day
    assert partition_range("2026-12-02", "2026-12-04", TODAY) == ["2026-12-02", "2026-12-03", "2026-12-04"]


@pytest.mark.parametrize(
    ("start", "end", "bad"),
    [
        ("2099-01-01", "2099-01-01", "2099-01-01"),
        ("2015-01-01", "2015-01-01", "2015-01-01"),
        ("2016-07-31", "2016-08-02", "2016-07-31"),  # a range crossing the start
        ("2026-12-01", "2026-12-05", "2026-12-05"),  # a range crossing the end
    ],
)
def test_days_outside_the_partitions_are_refused_with_one_line(start: str, end: str, bad: str) -> None:
    assert not in_partitions(bad, TODAY)
    with pytest.raises(DayError) as caught:
        partition_range(start, end, TODAY)
    message = str(caught.value)
    assert message.startswith(f"day {bad} is outside the partition days {PARTITION_START}..2026-12-04")
    assert "\n" not in message and "PARTITION_START" in message


def test_without_a_day_given_the_clock_says_today() -> None:
    first, last = partition_bounds()
    assert (first, last) == (PARTITION_START, (utc_today() + timedelta(days=1)).isoformat())


def test_spans_group_consecutive_days() -> None:
    days = ["2019-05-02", "2016-08-01", "2016-08-02", "2016-08-03", "2019-05-01", "2026-12-03", "2016-08-02"]
    assert spans(days) == [("2016-08-01", "2016-08-03"), ("2019-05-01", "2019-05-02"), ("2026-12-03", "2026-12-03")]
    assert spans([]) == []
    assert describe_spans(spans(days)) == "2016-08-01..2016-08-03, 2019-05-01..2019-05-02, 2026-12-03"
