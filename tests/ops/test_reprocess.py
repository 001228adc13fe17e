"""Reprocessing from the archive alone: the demo sites are gone, the rows come back the same.

Runs the CLI as an operator does (``wirearchive run`` then ``wirearchive reprocess``), each as a
subprocess with its own temporary ``DAGSTER_HOME`` and data directory.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from demoworld.server import serve_demo_world
from wirearchive.config import data_paths

pytestmark = pytest.mark.e2e

WIREARCHIVE = str(Path(sys.executable).parent / "wirearchive")
TABLES = {"articles": "article_id", "story_members": "article_id", "captures": "capture_id"}


def cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run the ``wirearchive`` command; fail with its output when it fails."""
    done = subprocess.run([WIREARCHIVE, *args], env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout + done.stderr
    return done


def snapshot(data_dir: Path, days: list[str]) -> dict[str, pa.Table]:
    """The published rows of each table over ``days``, sorted by id."""
    paths = data_paths(data_dir)
    tables = {}
    for table, key in TABLES.items():
        parts = [pq.read_table(paths.table_partition(table, day)) for day in days]
        merged = pa.concat_tables(parts).replace_schema_metadata(None)
        tables[table] = merged.sort_by(key)
    return tables


def refused(url: str) -> bool:
    """Whether nothing listens at the URL's port any more."""
    parts = urlsplit(url)
    with socket.socket() as s:
        return s.connect_ex((parts.hostname, parts.port)) != 0


@pytest.mark.timeout(1200)
def test_reprocess_with_sites_stopped_gives_the_same_rows(tmp_path: Path) -> None:
    data_dir = tmp_path / "data"
    env = {**os.environ, "DAGSTER_HOME": str(tmp_path / "dagster_home"), "WIREARCHIVE_DATA_DIR": str(data_dir)}
    with serve_demo_world(tmp_path / "demo") as world:
        days = list(world.days[:2])
        env["WIREARCHIVE_SOURCES"] = str(world.sources_path)
        cli("run", days[0], days[-1], env=env)
        base_urls = list(world.base_urls.values())
    original = snapshot(data_dir, days)
    assert original["articles"].num_rows > 0 and original["story_members"].num_rows > 0
    assert all(refused(url) for url in base_urls)

    done = cli("reprocess", days[0], days[-1], env=env)

    assert "reprocess_job for 2 day(s)" in done.stdout
    again = snapshot(data_dir, days)
    for table in TABLES:
        assert again[table].equals(original[table]), table
