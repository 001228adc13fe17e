"""``story_members``: group the day's articles into stories with the look-back window.

Only news articles are grouped: rows the article gate flagged (``articles.not_article``) have
no story.

The assignment for day D is a pure function of the articles of D-lookback..D (see
``wirearchive.dedupe``), so reruns and any order of partition runs give the same ids once the
inputs exist. Per-article signatures are persisted as the internal ``article_signatures`` table
so look-back days are read, not recomputed.
"""

from datetime import date

import dagster as dg
import pyarrow as pa
import pyarrow.compute as pc

from assets import checks
from assets.articles import articles
from assets.partitions import daily_partitions
from assets.reporting import count_metadata
from assets.resources import WirearchiveResource
from warehouse.writer import publish_if_passing, read_partition, write_partition
from wirearchive.config import DataPaths
from wirearchive.dedupe import SIGNATURES, StoryConfig, article_signatures, news_articles
from wirearchive.dedupe.grouping import assign_days
from wirearchive.faults import killpoint

# The dependency window Dagster shows in the UI; the resource's lookback_days (default 3) is
# what the computation reads and should not exceed it.
LOOKBACK_PARTITIONS = 7


def signatures_for(paths: DataPaths, day: str, day_articles: pa.Table, processes: int) -> pa.Table:
    """Persisted signatures of a day's articles, computed (by ``processes``) and stored when missing or stale.

    Stale: other articles, or another schema or ``FEATURES_VERSION`` (the schema metadata).
    """
    stored = read_partition(paths, "article_signatures", day)
    if (
        stored is not None
        and stored.schema.equals(SIGNATURES, check_metadata=True)
        and stored.num_rows == day_articles.num_rows
        and set(stored["article_id"].to_pylist()) == set(day_articles["article_id"].to_pylist())
    ):
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
    kinds={"python", "parquet"},
    check_specs=[
        checks.spec(
            "story_members",
            "unique_member_ids",
            "Each article is in one story.",
            blocking=True,
            partitions_def=daily_partitions,
        ),
        checks.spec(
            "story_members",
            "dedupe_ratio",
            "Articles per story within bounds.",
            blocking=True,
            partitions_def=daily_partitions,
        ),
    ],
    description="Each article's story, its relation to the story's canonical article, and the evidence.",
)
def story_members(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> dg.MaterializeResult:
    """Assign the partition day's stories from its articles and those of the look-back window."""
    paths = wirearchive.paths
    config = StoryConfig(lookback_days=min(wirearchive.lookback_days, LOOKBACK_PARTITIONS))
    wire_sources = [s.id for s in wirearchive.registry().source if s.kind == "wire"]
    day = date.fromisoformat(context.partition_key)
    if read_partition(paths, "articles", day.isoformat()) is None:
        raise dg.Failure(f"articles for {day} are not published; materialize articles first")
    cache: dict[date, pa.Table | None] = {}

    def signatures_of(day: date) -> pa.Table | None:
        if day not in cache:
            day_articles = read_partition(paths, "articles", day.isoformat())
            cache[day] = (
                None
                if day_articles is None
                else signatures_for(paths, day.isoformat(), news_articles(day_articles), wirearchive.extract_processes)
            )
        return cache[day]

    # The look-back loop is the library's (wirearchive.dedupe.grouping.assign_days).
    [(_, members)] = list(assign_days([day], signatures_of, config=config, wire_sources=wire_sources))
    results = [checks.unique_ids(members, "article_id", "unique_member_ids"), checks.dedupe_ratio(members)]
    killpoint("stories.before_publish")
    publish_if_passing(context.log, paths, "story_members", day.isoformat(), members, results)
    n_stories = pc.count_distinct(members["story_id"]).as_py() if members.num_rows else 0
    return dg.MaterializeResult(
        metadata={
            "dagster/row_count": members.num_rows,
            "stories": n_stories,
            **count_metadata(members, "relation", "rows"),
        },
        check_results=results,
    )
