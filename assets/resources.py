"""Resources: where the data lives and which sources to crawl, resolved at run time."""

from __future__ import annotations


import dagster as dg
from pydantic import PrivateAttr

from wirearchive.config import DataPaths, data_paths, sources_path
from wirearchive.sources import Registry, load_sources


class WirearchiveResource(dg.ConfigurableResource):
    """Data directory, sources registry and processing knobs.

    Unset fields fall back to ``$WIREARCHIVE_DATA_DIR`` / ``$WIREARCHIVE_SOURCES`` (read when a
    run starts, not at import) and then to ``./data`` and ``./sources.toml``.
    """

    data_dir: str | None = None
    sources: str | None = None
    lookback_days: int = 3
    extract_processes: int = 2

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
