"""Jobs: the nightly crawl-to-catalog run, reprocessing from the archive alone, WARC import."""

import dagster as dg

from assets.imports import import_warc_files
from assets.partitions import daily_partitions

ALL_ASSETS = dg.AssetSelection.groups("crawl", "process", "publish")

nightly_job = dg.define_asset_job(
    name="nightly_job",
    selection=ALL_ASSETS,
    partitions_def=daily_partitions,
    description="Crawl a day's sources into the archive, extract, dedupe into stories, publish.",
)

reprocess_job = dg.define_asset_job(
    name="reprocess_job",
    selection=dg.AssetSelection.groups("process", "publish"),
    partitions_def=daily_partitions,
    description="Recompute articles, stories and the catalog from the WARC archive, without fetching.",
)


@dg.job(description="Import WARC files written by other crawlers into the archive; "
        "the reprocess_imported_days sensor then reprocesses the days they filled.")
def import_warc_job() -> None:
    """Run config: ``{ops: {import_warc_files: {config: {paths: [...]}}}}``."""
    import_warc_files()
