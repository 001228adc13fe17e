"""The one partitions definition: daily, UTC, keyed by publication date."""

import dagster as dg

DAILY_START = "2020-01-01"

daily_partitions = dg.DailyPartitionsDefinition(start_date=DAILY_START, timezone="UTC")
