"""Resources: where the data lives and which sources to crawl, resolved at run time."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import dagster as dg
from pydantic import PrivateAttr

from warehouse.lake import Lake, lake_from_settings
from wirearchive.config import DataPaths, data_paths, sources_path
from wirearchive.days import day_range
from wirearchive.locks import DEFAULT_TIMEOUT_S, partition_lock
from wirearchive.sources import Registry, load_sources

# Read by spiders/settings.py in the crawl subprocess.
CRAWL_LOG_LEVEL_ENV = "WIREARCHIVE_LOG_LEVEL"


class WirearchiveResource(dg.ConfigurableResource):
    """Data directory, sources registry and processing knobs.

    Unset fields fall back to ``$WIREARCHIVE_DATA_DIR`` / ``$WIREARCHIVE_SOURCES`` (read when a
    run starts, not at import) and then to ``./data`` and ``./sources.toml``.
    """

    data_dir: str | None = None
    sources: str | None = None
    lookback_days: int = 3
    extract_processes: int = 2
    # A second run of a partition waits this long for the first, then fails (wirearchive.locks).
    partition_lock_timeout_s: float = DEFAULT_TIMEOUT_S
    # Scrapy log level of the crawl subprocess; unset: ``$WIREARCHIVE_LOG_LEVEL``, else INFO
    # (spiders/settings.py). The CLI's runner sets WARNING: its terminal shows progress.
    crawl_log_level: str | None = None
    # The DuckLake the catalog step also publishes to (warehouse/lake.py); unset: the
    # WIREARCHIVE_LAKE_CATALOG / _DATA_PATH and WIREARCHIVE_S3_ENDPOINT variables, and with none
    # set, no lake (the embedded default). Keep the catalog's password out of run config (it is
    # stored with the run): pass it in the variable.
    lake_catalog: str | None = None
    lake_data_path: str | None = None
    lake_s3_endpoint: str | None = None

    _registry: Registry | None = PrivateAttr(default=None)

    @property
    def paths(self) -> DataPaths:
        """Resolved data paths."""
        return data_paths(self.data_dir)

    @property
    def sources_file(self) -> str:
        """Absolute path of the sources registry."""
        return str(sources_path(self.sources))

    def registry(self) -> Registry:
        """The validated sources registry (loaded once per run)."""
        if self._registry is None:
            self._registry = load_sources(self.sources_file)
        return self._registry

    def lake(self) -> Lake | None:
        """The configured DuckLake, or ``None`` when the warehouse stays local only."""
        return lake_from_settings(self.lake_catalog, self.lake_data_path, self.lake_s3_endpoint)

    def crawl_env(self) -> dict[str, str]:
        """Environment the crawl subprocess gets on top of this process's (its Scrapy log level)."""
        return {CRAWL_LOG_LEVEL_ENV: self.crawl_log_level} if self.crawl_log_level else {}

    @contextmanager
    def yield_for_execution(self, context: dg.InitResourceContext) -> Iterator[WirearchiveResource]:
        """Hold the run's partition locks while the resource is in use.

        Every job runs in process (``pipelines.definitions``), so the resource is set up once per
        run and the locks are held from the run's first step to its last.
        """
        run = context.run
        days = run_partition_days(dict(run.tags)) if run is not None else []
        purpose = f"dagster run {run.run_id if run is not None else '?'}"
        with partition_lock(self.paths, days, purpose, timeout=self.partition_lock_timeout_s):
            with super().yield_for_execution(context) as resource:
                yield resource


def run_partition_days(tags: dict[str, str]) -> list[str]:
    """The partition days of a run, from its tags (one partition, or a single-run range).

    Args:
        tags: The run's tags.

    Returns:
        Partition keys; empty for an unpartitioned run.
    """
    if "dagster/partition" in tags:
        return [tags["dagster/partition"]]
    start, end = tags.get("dagster/asset_partition_range_start"), tags.get("dagster/asset_partition_range_end")
    if start and end:
        return day_range(start, end)
    return []
