"""Jobs: the nightly crawl-to-catalog run, reprocessing from the archive alone, WARC import.

The daily assets are partitioned, the catalog is not: a run of one day materializes that day's
partitions and then rebuilds the catalog. Backfills launch one run per day (no backfill policy),
so each day's materialization carries that day's figures and check results.
"""

import dagster as dg

from assets.imports import import_warc_files
from assets.partitions import daily_partitions

ALL_ASSETS = dg.AssetSelection.groups("crawl", "process", "publish")

nightly_job = dg.define_asset_job(
    name="nightly_job",
    selection=ALL_ASSETS,
    # Redundant for the run itself (inferred from the assets, deprecated in 1.13), but
    # build_schedule_from_partitioned_job in 1.13 builds its run requests through it; without it
    # the schedule calls the deprecated JobDefinition.run_request_for_partition on every tick.
    partitions_def=daily_partitions,
    description="Crawl a day's sources into the archive, extract, dedupe into stories, publish.",
)

reprocess_job = dg.define_asset_job(
    name="reprocess_job",
    selection=dg.AssetSelection.groups("process", "publish"),
    description="Recompute articles, stories and the catalog from the WARC archive, without fetching.",
)


@dg.job(
    description="Import WARC files written by other crawlers into the archive; "
    "the reprocess_imported_days sensor then reprocesses the days they filled."
)
def import_warc_job() -> None:
    """Run config: ``{ops: {import_warc_files: {config: {paths: [...]}}}}``."""
    import_warc_files()
