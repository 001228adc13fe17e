"""The one partitions definition: daily, UTC, keyed by publication date.

The days are :mod:`wirearchive.days`'s: from ``PARTITION_START`` to tomorrow. Dagster's
``end_offset`` counts partitions past the one that ended last (yesterday): 1 adds today, so
``DAYS_AFTER_TODAY + 1`` ends the set on tomorrow. The nightly schedule still targets yesterday,
the last complete day (``pipelines.schedules``).
"""

import dagster as dg

from wirearchive.days import DAYS_AFTER_TODAY, PARTITION_START

daily_partitions = dg.DailyPartitionsDefinition(
    start_date=PARTITION_START, timezone="UTC", end_offset=DAYS_AFTER_TODAY + 1
)
