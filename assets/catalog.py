"""``catalog``: rebuild the analysts' DuckDB file and swap it into place."""


import dagster as dg
import duckdb

from assets.articles import articles
from assets.captures import captures
from assets.partitions import daily_partitions
from assets.resources import WirearchiveResource
from assets.stories import story_members
from warehouse.catalog import build_catalog
from warehouse.lake import publish_warehouse
from wirearchive.locks import catalog_lock


@dg.asset(
    partitions_def=daily_partitions,
    deps=[captures, articles, story_members],
    group_name="publish",
    backfill_policy=dg.BackfillPolicy.single_run(),
    pool="warehouse",
    kinds={"duckdb"},
    description="The DuckDB file of views, story tables and full-text index over all published partitions.",
)
def catalog(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> dg.MaterializeResult:
    """Build a new catalog file and rename it over the old one (readers are never blocked)."""
    with catalog_lock(wirearchive.paths):  # runs of other days rebuild it too
        path = build_catalog(wirearchive.paths, wirearchive.registry())
    with duckdb.connect(str(path), read_only=True) as con:
        counts = {
            name: con.execute(f"select count(*) from {name}").fetchone()[0]
            for name in ("captures", "articles", "story_members", "stories")
        }
        sources = con.execute("from sources").arrow().read_all()
    context.log.info("catalog %s: %s", path, counts)
    metadata = {"path": dg.MetadataValue.path(str(path)), **{f"rows/{k}": v for k, v in counts.items()}}
    lake = wirearchive.lake()
    if lake is not None:  # only this run's days: another publisher may own the others
        sent = publish_warehouse(wirearchive.paths, lake, context.partition_keys, sources)
        context.log.info("lake %s: published %s", lake.data_path, sent or "nothing new")
        metadata["lake/partitions_published"] = sum(len(days) for days in sent.values())
        metadata["lake/sources_replaced"] = "sources" in sent
    return dg.MaterializeResult(metadata=metadata)
