"""Where data lives on disk, in one place.

Every path the pipeline reads or writes is derived from one data directory, so a test can point
the whole pipeline at a temp folder and an operator can move it with one environment variable.

Layout under the data directory::

    archive/date=YYYY-MM-DD/<crawl_id>-<seq>.warc.gz     immutable WARC files (source of truth)
    archive/date=YYYY-MM-DD/captures-<crawl_id>.parquet   capture index rows of that crawl
    warehouse/<table>/date=YYYY-MM-DD/data.parquet        published tables, one file a partition
    state/                                                persisted look-back state (dedupe)
    tmp/                                                  scratch for atomic writes (same filesystem)
    wirearchive.duckdb                                    the analysts' catalog file
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DATA_DIR_ENV = "WIREARCHIVE_DATA_DIR"
SOURCES_ENV = "WIREARCHIVE_SOURCES"
DEFAULT_DATA_DIR = "data"
DEFAULT_SOURCES = "sources.toml"


@dataclass(frozen=True)
class DataPaths:
    """All locations derived from one data directory.

    Attributes:
        root: The data directory itself.
    """

    root: Path

    @property
    def archive(self) -> Path:
        """Folder of WARC files and capture index files, partitioned by ``date=``."""
        return self.root / "archive"

    @property
    def warehouse(self) -> Path:
        """Folder of published Parquet tables."""
        return self.root / "warehouse"

    @property
    def state(self) -> Path:
        """Folder of persisted state carried between daily runs."""
        return self.root / "state"

    @property
    def tmp(self) -> Path:
        """Scratch folder on the same filesystem, for write-then-rename."""
        return self.root / "tmp"

    @property
    def catalog(self) -> Path:
        """The DuckDB file analysts open."""
        return self.root / "wirearchive.duckdb"

    def archive_partition(self, day: str) -> Path:
        """Archive folder of one partition.

        Args:
            day: Partition key, ``YYYY-MM-DD``.

        Returns:
            ``archive/date=<day>``.
        """
        return self.archive / f"date={day}"

    def table_partition(self, table: str, day: str) -> Path:
        """Published Parquet file of one table partition.

        Args:
            table: Table name, e.g. ``articles``.
            day: Partition key, ``YYYY-MM-DD``.

        Returns:
            ``warehouse/<table>/date=<day>/data.parquet``.
        """
        return self.warehouse / table / f"date={day}" / "data.parquet"


def data_paths(root: str | os.PathLike[str] | None = None) -> DataPaths:
    """Resolve the data directory.

    Args:
        root: Explicit data directory; when ``None``, ``$WIREARCHIVE_DATA_DIR`` or ``./data``.

    Returns:
        The paths, with an absolute root (so views in the DuckDB file keep working from any
        working directory).
    """
    chosen = root if root is not None else os.environ.get(DATA_DIR_ENV, DEFAULT_DATA_DIR)
    return DataPaths(Path(chosen).expanduser().resolve())


def sources_path(path: str | os.PathLike[str] | None = None) -> Path:
    """Resolve the sources registry file: explicit, ``$WIREARCHIVE_SOURCES`` or ``./sources.toml``."""
    chosen = path if path is not None else os.environ.get(SOURCES_ENV, DEFAULT_SOURCES)
    return Path(chosen).expanduser().resolve()
