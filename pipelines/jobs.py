"""Jobs: the nightly crawl-to-catalog run, and reprocessing from the archive alone."""

import dagster as dg

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
