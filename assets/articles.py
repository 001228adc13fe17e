"""``articles``: extract and normalize every archived article page of the day.

Reads the capture index and WARC records (never the network), runs the extractor over a process
pool, normalizes each page into an ``articles`` row, and records every page that yielded no
article as a ``failures`` row. Extraction and normalization are one asset on purpose: the
normalized row is a cheap, deterministic function of the extraction, and an intermediate table
would double the I/O of the pipeline's bottleneck stage.
"""


from collections.abc import Iterator
from typing import Any

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc

from assets import checks
from assets.captures import captures
from assets.partitions import daily_partitions
from assets.reporting import bar_chart, counts_table, sample_rows, value_counts
from assets.resources import WirearchiveResource
from warehouse.schema import ARTICLES, FAILURES
from warehouse.writer import write_partition
from wirearchive.archive import PayloadTooLarge, read_captures, read_payload
from wirearchive.extract import ExtractionError, extract_batch
from wirearchive.faults import killpoint
from wirearchive.normalize import to_article_row
from wirearchive.sources import Registry


def _article_captures(captures_table: pa.Table) -> pa.Table:
    mask = pc.and_(pc.equal(captures_table["kind"], "article"), pc.equal(captures_table["status"], 200))
    return captures_table.filter(pc.fill_null(mask, False))


def extract_day(archive_root: Any, day: str, registry: Registry, processes: int) -> tuple[pa.Table, pa.Table, int]:
    """Extract and normalize one day's archived article captures.

    Args:
        archive_root: The archive folder.
        day: Partition key.
        registry: Sources registry (default wire attribution per source, extra wire names).
        processes: Extraction worker processes.

    Returns:
        ``(articles, failures, attempted)``: tables in the ``articles`` and ``failures``
        schemas, and the number of article captures attempted.
    """
    caps = _article_captures(read_captures(archive_root, day)).to_pylist()
    by_id = {c["capture_id"]: c for c in caps}
    failures: list[dict[str, Any]] = []
    default_wire = {s.id: s.wire for s in registry.source}

    def items() -> Iterator[tuple[str, bytes, str, str | None, str | None]]:
        for cap in caps:
            try:
                response = read_payload(archive_root, cap["warc_file"], cap["warc_offset"])
            except PayloadTooLarge as exc:  # a decompression bomb: refused at the cap
                failures.append(_failure(cap, "too_large", str(exc)))
                continue
            except Exception as exc:  # a torn or unreadable record is a failure row, not a crash
                failures.append(_failure(cap, "warc_read_error", f"{type(exc).__name__}: {exc}"))
                continue
            yield cap["capture_id"], response.body, cap["url"], response.content_type, default_wire.get(cap["source_id"])

    rows: list[dict[str, Any]] = []
    aliases = {code: w.names for code, w in registry.wires.items()}
    for key, result in extract_batch(items(), processes=processes, wire_aliases=aliases):
        cap = by_id[key]
        if isinstance(result, ExtractionError):
            failures.append(_failure(cap, result.reason, result.detail))
        else:
            rows.append(to_article_row(cap, result))
    rows.sort(key=lambda r: r["article_id"])
    return pa.Table.from_pylist(rows, schema=ARTICLES), pa.Table.from_pylist(failures, schema=FAILURES), len(caps)


def _failure(cap: dict[str, Any], reason: str, detail: str) -> dict[str, Any]:
    return {
        "stage": "extract",
        "capture_id": cap["capture_id"],
        "source_id": cap["source_id"],
        "url": cap["url"],
        "reason": reason,
        "detail": detail[:2000],
    }


@dg.asset(
    partitions_def=daily_partitions,
    deps=[captures],
    group_name="process",
    backfill_policy=dg.BackfillPolicy.single_run(),
    kinds={"python", "parquet"},
    check_specs=[
        checks.spec("articles", "non_empty_bodies", "Every article has a body.", blocking=True),
        checks.spec("articles", "unique_article_ids", "No article id appears twice.", blocking=True),
        checks.spec("articles", "dates_in_partition", "Publication dates fall on the partition day.", blocking=False),
        checks.spec("articles", "extract_failure_rate", "Few article captures fail extraction.", blocking=False),
    ],
    description="One row per fetched article version: clean body, metadata, wire attribution.",
)
def articles(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> dg.MaterializeResult:
    """Extract + normalize each partition day from the archive and publish it."""
    paths, registry = wirearchive.paths, wirearchive.registry()
    all_tables, all_failures, results = [], [], []
    attempted = 0
    for day in context.partition_keys:
        table, failures, n = extract_day(paths.archive, day, registry, wirearchive.extract_processes)
        blocking = [checks.non_empty_bodies(table), checks.unique_ids(table, "article_id", "unique_article_ids")]
        day_results = [*blocking, checks.dates_in_partition(table, day), checks.extract_failure_rate(n, failures.num_rows)]
        results.append(day_results)
        killpoint("extract.before_publish")
        checks.publish_if_passing(context.log, paths, "articles", day, table, blocking)
        killpoint("extract.between_tables")
        write_partition(paths, "failures", day, failures)
        all_tables.append(table)
        all_failures.append(failures)
        attempted += n
    merged = pa.concat_tables(all_tables)
    failed = pa.concat_tables(all_failures)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": merged.num_rows,
            "attempted": attempted,
            "by_source": counts_table(merged, "source_id"),
            "by_wire": counts_table(merged, "wire_service"),
            "failures_by_reason": counts_table(failed, "reason"),
            "articles_per_source": bar_chart("articles per source", value_counts(merged, "source_id")),
            "sample": sample_rows(merged, ["source_id", "wire_service", "title", "word_count"]),
        },
        check_results=checks.merge_check_results(results),
    )

