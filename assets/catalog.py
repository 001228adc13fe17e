"""``catalog``: rebuild the analysts' DuckDB file and swap it into place.

The catalog is one global file over every published partition, so the asset is unpartitioned and
depends on all partitions of the daily tables: a backfill materializes it once, after its days; a
run of one day (the schedule, the CLI) rebuilds it at the end of that run.
"""

import dagster as dg
import duckdb

from assets import checks
from assets.articles import articles
from assets.captures import captures
from assets.resources import WirearchiveResource
from assets.stories import story_members
from warehouse.catalog import build_catalog, scalar
from warehouse.lake import maintain, publish_warehouse
from wirearchive.locks import catalog_lock

DAILY_TABLES = ("captures", "articles", "story_members")


@dg.asset(
    deps=[captures, articles, story_members],
    group_name="publish",
    pool="warehouse",
    kinds={"duckdb"},
    check_specs=[
        checks.spec(
            "catalog",
            "days_complete",
            "Every day the catalog has captures for also has its articles and story members.",
            blocking=False,
        ),
    ],
    description="The DuckDB file of views, story tables and full-text index over all published partitions.",
)
def catalog(context: dg.AssetExecutionContext, wirearchive: WirearchiveResource) -> dg.MaterializeResult:
    """Build a new catalog file and rename it over the old one (readers are never blocked)."""
    with catalog_lock(wirearchive.paths):  # runs of other days rebuild it too
        path = build_catalog(wirearchive.paths, wirearchive.registry())
    with duckdb.connect(str(path), read_only=True) as con:
        counts = {name: scalar(con, f"select count(*) from {name}") for name in ("sources", *DAILY_TABLES, "stories")}
        days = {
            name: {d.isoformat() for (d,) in con.execute(f"select distinct date from {name}").fetchall()}
            for name in DAILY_TABLES
        }
        sources = con.execute("from sources").arrow().read_all()
    context.log.info("catalog %s: %s", path, counts)
    all_days = sorted(set().union(*days.values()))
    metadata: dict[str, dg.RawMetadataValue] = {
        "path": dg.MetadataValue.path(str(path)),
        "days": len(all_days),
        "first_day": all_days[0] if all_days else "",
        "last_day": all_days[-1] if all_days else "",
        **{f"rows/{k}": dg.MetadataValue.int(v) for k, v in counts.items()},
    }
    lake = wirearchive.lake()
    if lake is not None:
        # only this run's day (another publisher may own the others); a catalog materialized on
        # its own publishes every local day, which the lake's publish log sends only when changed
        run_day = context.run.tags.get("dagster/partition")
        sent = publish_warehouse(wirearchive.paths, lake, [run_day] if run_day else all_days, sources)
        context.log.info("lake %s: published %s", lake.data_path, sent or "nothing new")
        metadata["lake/partitions_published"] = sum(len(d) for d in sent.values())
        metadata["lake/sources_replaced"] = "sources" in sent
        upkeep = maintain(lake)  # expire old snapshots, merge small files, delete dead ones
        context.log.info("lake %s upkeep: %s", lake.data_path, upkeep)
        metadata.update({f"lake/{k}": dg.MetadataValue.int(v) for k, v in upkeep.items()})
    return dg.MaterializeResult(metadata=metadata, check_results=[checks.days_complete(days)])
