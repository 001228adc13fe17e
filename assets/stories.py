"""``story_members``: group the day's articles into stories with the look-back window.

The assignment for day D is a pure function of the articles of D-lookback..D (see
``wirearchive.dedupe``), so reruns and any order of partition runs give the same ids once the
inputs exist. Per-article signatures are persisted as the internal ``article_signatures`` table
so look-back days are read, not recomputed.
"""


from datetime import date, timedelta

import dagster as dg
import pyarrow as pa

from assets import checks
from assets.articles import articles
from assets.partitions import daily_partitions
from assets.reporting import bar_chart, counts_table, value_counts
from assets.resources import WirearchiveResource
from warehouse.writer import read_partition, write_partition
from wirearchive.config import DataPaths
from wirearchive.dedupe import SIGNATURES, StoryConfig, article_signatures, assign_stories
from wirearchive.faults import killpoint

# The dependency window Dagster shows in the UI; the resource's lookback_days (default 3) is
# what the computation reads and should not exceed it.
LOOKBACK_PARTITIONS = 7


def window_days(day: str, lookback_days: int) -> list[str]:
    """The ``lookback_days`` partition keys before ``day``, oldest first."""
    d = date.fromisoformat(day)
    return [(d - timedelta(days=i)).isoformat() for i in range(lookback_days, 0, -1)]


def signatures_for(paths: DataPaths, day: str, day_articles: pa.Table, processes: int) -> pa.Table:
    """Persisted signatures of a day's articles, computed (by ``processes``) and stored when missing or stale."""
    stored = read_partition(paths, "article_signatures", day)
    if stored is not None and stored.schema.equals(SIGNATURES) and stored.num_rows == day_articles.num_rows and set(
        stored["article_id"].to_pylist()
    ) == set(day_articles["article_id"].to_pylist()):
        return stored
    sigs = article_signatures(day_articles, processes=processes)
    write_partition(paths, "article_signatures", day, sigs)
    killpoint("stories.signatures_written")
    return sigs


@dg.asset(
    partitions_def=daily_partitions,
    deps=[
        dg.AssetDep(
            articles,
            partition_mapping=dg.TimeWindowPartitionMapping(start_offset=-LOOKBACK_PARTITIONS, end_offset=0),
        )
    ],
    group_name="process",
    backfill_policy=dg.BackfillPolicy.single_run(),
    kinds={"python", "parquet"},
    check_specs=[
        checks.spec("story_members", "unique_member_ids", "Each article is in one story.", blocking=True),
        checks.spec("story_members", "dedupe_ratio", "Articles per story within bounds.", blocking=True),
    ],
    description="Each article's story, its relation to the story's canonical article, and the evidence.",
)
def story_members(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> dg.MaterializeResult:
    """Assign stories for each partition day, oldest first."""
    paths = wirearchive.paths
    config = StoryConfig(lookback_days=min(wirearchive.lookback_days, LOOKBACK_PARTITIONS))
    wire_sources = [s.id for s in wirearchive.registry().source if s.kind == "wire"]
    outputs, results = [], []
    for day in sorted(context.partition_keys):
        day_articles = read_partition(paths, "articles", day)
        if day_articles is None:
            raise dg.Failure(f"articles for {day} are not published; materialize articles first")
        previous = window_days(day, config.lookback_days)
        window_sigs = [
            signatures_for(paths, d, a, wirearchive.extract_processes)
            for d in previous
            if (a := read_partition(paths, "articles", d)) is not None
        ]
        members = assign_stories(
            signatures_for(paths, day, day_articles, wirearchive.extract_processes),
            pa.concat_tables(window_sigs) if window_sigs else SIGNATURES.empty_table(),
            config=config,
            wire_sources=wire_sources,
        )
        day_results = [checks.unique_ids(members, "article_id", "unique_member_ids"), checks.dedupe_ratio(members)]
        results.append(day_results)
        killpoint("stories.before_publish")
        checks.publish_if_passing(context.log, paths, "story_members", day, members, day_results)
        outputs.append(members)
    merged = pa.concat_tables(outputs)
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": merged.num_rows,
            "by_relation": counts_table(merged, "relation"),
            "relations": bar_chart("articles per relation", value_counts(merged, "relation")),
        },
        check_results=checks.merge_check_results(results),
    )
