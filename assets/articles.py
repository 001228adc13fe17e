"""``articles``: extract and normalize every archived article page of the day.

The work is the core's :func:`wirearchive.extractday.extract_day` (capture index and WARC records
in, ``articles`` and ``failures`` rows out, never the network); this asset checks and publishes
its tables. Extraction and normalization are one asset on purpose: the
normalized row is a cheap, deterministic function of the extraction, and an intermediate table
would double the I/O of the pipeline's bottleneck stage.
"""

import dagster as dg

from assets import checks
from assets.captures import captures
from assets.partitions import daily_partitions
from assets.reporting import count_metadata, counts_table, sample_rows
from assets.resources import WirearchiveResource
from warehouse.writer import publish_if_passing, write_partition
from wirearchive.extractday import extract_day
from wirearchive.faults import killpoint


@dg.asset(
    partitions_def=daily_partitions,
    deps=[captures],
    group_name="process",
    kinds={"python", "parquet"},
    check_specs=[
        checks.spec(
            "articles", "non_empty_bodies", "Every article has a body.", blocking=True, partitions_def=daily_partitions
        ),
        checks.spec(
            "articles",
            "unique_article_ids",
            "No article id appears twice.",
            blocking=True,
            partitions_def=daily_partitions,
        ),
        checks.spec(
            "articles",
            "dates_in_partition",
            "Publication dates fall on the partition day.",
            blocking=False,
            partitions_def=daily_partitions,
        ),
        checks.spec(
            "articles",
            "extract_failure_rate",
            "Few article captures fail extraction.",
            blocking=False,
            partitions_def=daily_partitions,
        ),
    ],
    description="One row per fetched article version: clean body, metadata, wire attribution.",
)
def articles(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> dg.MaterializeResult:
    """Extract + normalize the partition day from the archive and publish it (one run per day)."""
    paths, registry = wirearchive.paths, wirearchive.registry()
    day = context.partition_key
    extracted = extract_day(paths.archive, day, registry, wirearchive.extract_processes)
    table, failures, attempted = extracted.articles, extracted.failures, extracted.attempted
    blocking = [checks.non_empty_bodies(table), checks.unique_ids(table, "article_id", "unique_article_ids")]
    results = [
        *blocking,
        checks.dates_in_partition(table, day),
        checks.extract_failure_rate(attempted, failures.num_rows),
    ]
    killpoint("extract.before_publish")
    publish_if_passing(context.log, paths, "articles", day, table, blocking)
    killpoint("extract.between_tables")
    write_partition(paths, "failures", day, failures)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": table.num_rows,
            "attempted": attempted,
            "failures": failures.num_rows,
            **count_metadata(table, "source_id", "rows", (s.id for s in registry.source)),
            **count_metadata(failures, "reason", "failures"),
            "by_wire": counts_table(table, "wire_service"),
            "sample": sample_rows(table, ["source_id", "wire_service", "title", "word_count"]),
        },
        check_results=results,
    )
