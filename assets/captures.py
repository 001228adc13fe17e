"""``captures``: crawl a day's sources into the WARC archive, then publish its capture index.

Scrapy's Twisted reactor runs once per process, so the crawl runs in a subprocess
(``python -m spiders.run``) launched through Dagster Pipes; the child reports its crawl stats,
which become this asset's metadata. This asset can only capture what the sites serve now (or
what their date-filtered sitemaps still list); recomputing from the archive is the job of the
downstream assets (see ``pipelines.jobs.reprocess_job``).
"""

import sys

import dagster as dg
import pyarrow.compute as pc

from assets.partitions import daily_partitions
from assets.reporting import count_metadata, counts_table
from assets.resources import WirearchiveResource
from warehouse.writer import write_partition
from wirearchive.archive import read_captures
from wirearchive.faults import killpoint


@dg.asset(
    partitions_def=daily_partitions,
    group_name="crawl",
    pool="crawl",
    kinds={"scrapy", "parquet"},
    description="Every fetch of the day's crawl (feeds, sitemaps, robots, articles, errors): "
    "WARC records in the archive plus one capture-index row each.",
)
def captures(
    context: dg.AssetExecutionContext,
    wirearchive: WirearchiveResource,
    pipes_subprocess_client: dg.PipesSubprocessClient,
) -> dg.MaterializeResult:
    """Crawl the partition day in a subprocess and publish the capture index (one run per day)."""
    paths = wirearchive.paths
    registry = wirearchive.registry()  # fail fast, with the registry's own message, before any crawl
    day = context.partition_key
    invocation = pipes_subprocess_client.run(
        context=context,
        command=[
            sys.executable,
            "-m",
            "spiders.run",
            "--date",
            day,
            "--sources",
            wirearchive.sources_file,
            "--data-dir",
            str(paths.root),
        ],
        env=wirearchive.crawl_env(),
    )
    metadata: dict[str, dg.RawMetadataValue] = {}
    for result in invocation.get_results():
        for key, value in (result.metadata or {}).items():
            metadata[f"crawl/{key}"] = value
    table = read_captures(paths.archive, day)
    killpoint("captures.before_publish")
    write_partition(paths, "captures", day, table)
    context.log.info("captures %s: %d rows", day, table.num_rows)
    errors = table.filter(pc.is_valid(table["error"]))
    return dg.MaterializeResult(
        metadata={
            **metadata,
            "dagster/row_count": table.num_rows,
            "errors": errors.num_rows,
            **count_metadata(table, "source_id", "rows", (s.id for s in registry.source)),
            "by_kind_status": counts_table(table, "kind", "status"),
            "errors_by_reason": counts_table(errors, "error"),
        }
    )
