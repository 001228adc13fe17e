"""Bad configuration and a hostile filesystem: one clear line, a non-zero exit, nothing half-written.

Every case runs the real commands as subprocesses: ``wirearchive run`` (the CLI, which runs the
Dagster job) and ``python -m spiders.run`` (the crawl). Filesystem faults are real too, and must
fail for root (the tests run as root, so ``chmod`` would not stop anything):

- read-only: a read-only tmpfs mounted on the data directory (EROFS);
- a file in the way: the data directory path runs through a regular file (ENOTDIR);
- full disk: a tiny tmpfs (ENOSPC) too small for the crawl's archive.

Mounts happen inside ``unshare -m`` (a private mount namespace), so they vanish with the process
even if a test dies; what the command left on the tmpfs is listed from inside the namespace.

A missing data directory is not an error: it is created (``wirearchive.datadir``).
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from testkit.faults import RUN_ENV
from testkit.faultsite import RunningFaultSite, serve_fault_site
from wirearchive.datadir import EXIT_FILESYSTEM

DAY = "2026-01-14"
GOOD_SOURCE = """
[[source]]
id = "alpha"
name = "Alpha"
kind = "wire"
home = "http://127.0.0.1:9/"
"""
EMPTY_REGISTRY = "[settings]\nallow_hosts = []\n"
BROKEN_REGISTRIES = {
    # name: (file text, words the error line must contain)
    "syntax_error": ('[[source]\nid = "alpha"\n', ["TOML syntax error", "line 1"]),
    "unknown_field": (GOOD_SOURCE + 'colour = "red"\n', ["source 'alpha'", "field 'colour'", "Extra inputs"]),
    "bad_url": (GOOD_SOURCE.replace("http://127.0.0.1:9/", "htp:/nowhere"), ["source 'alpha'", "field 'home'", "URL"]),
    "duplicate_id": (GOOD_SOURCE + GOOD_SOURCE, ["duplicate source id 'alpha'"]),
}


def cli(
    *args: str, home: Path, env: dict[str, str] | None = None, prefix: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    """``wirearchive ARGS`` with its own Dagster home (outside any mounted data directory)."""
    full_env = {**os.environ, **RUN_ENV, "DAGSTER_HOME": str(home), "WIREARCHIVE_TODAY": DAY, **(env or {})}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "wirearchive.cli", *args],
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def crawl(*args: str, prefix: tuple[str, ...] = ()) -> subprocess.CompletedProcess[str]:
    """``python -m spiders.run ARGS``."""
    env = {**os.environ, **RUN_ENV, "WIREARCHIVE_TODAY": DAY}
    return subprocess.run(
        [*prefix, sys.executable, "-m", "spiders.run", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def on_tmpfs(mount: Path, options: str, listing: Path) -> tuple[str, ...]:
    """Command prefix: run the command with a tmpfs (``options``) on ``mount``, in a private mount
    namespace, then write every file left on it (path and size) to ``listing``."""
    script = (
        'mount -t tmpfs -o "$1" tmpfs "$2" || exit 99; shift 3; "$@"; rc=$?; '
        'find "$MOUNTED" -type f -printf "%P %s\\n" > "$LISTING"; exit $rc'
    )
    mount.mkdir(parents=True, exist_ok=True)
    return (
        "env",
        f"MOUNTED={mount}",
        f"LISTING={listing}",
        "unshare",
        "-m",
        "--propagation",
        "private",
        "sh",
        "-c",
        script,
        "sh",
        options,
        str(mount),
        "--",
    )


def empty_registry(folder: Path) -> Path:
    path = folder / "empty-sources.toml"
    path.write_text(EMPTY_REGISTRY, encoding="utf-8")
    return path


def one_source_registry(folder: Path) -> Path:
    """A registry `run` accepts (one enabled source, never reached: the data folder fails first)."""
    path = folder / "one-source.toml"
    path.write_text(GOOD_SOURCE, encoding="utf-8")
    return path


def error_lines(done: subprocess.CompletedProcess[str], prefix: str) -> list[str]:
    return [line for line in (done.stdout + done.stderr).splitlines() if line.startswith(prefix)]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> RunningFaultSite:
    with serve_fault_site(tmp_path_factory.mktemp("site")) as running:
        yield running


@pytest.mark.parametrize("case", sorted(BROKEN_REGISTRIES))
def test_config_fault_broken_sources_file_cli(tmp_path: Path, case: str) -> None:
    text, words = BROKEN_REGISTRIES[case]
    sources = tmp_path / f"{case}.toml"
    sources.write_text(text, encoding="utf-8")
    done = cli("run", DAY, "--sources", str(sources), "--data-dir", str(tmp_path / "data"), home=tmp_path / "home")
    [line] = error_lines(done, "error:")
    assert done.returncode == 2
    assert str(sources) in line and all(w in line for w in words), line
    assert "Traceback" not in done.stdout + done.stderr
    assert not (tmp_path / "data").exists()  # nothing written, not even the data directory


@pytest.mark.parametrize("case", sorted(BROKEN_REGISTRIES))
def test_config_fault_broken_sources_file_crawl(tmp_path: Path, case: str) -> None:
    text, words = BROKEN_REGISTRIES[case]
    sources = tmp_path / f"{case}.toml"
    sources.write_text(text, encoding="utf-8")
    done = crawl("--date", DAY, "--sources", str(sources), "--data-dir", str(tmp_path / "data"))
    [line] = error_lines(done, "spiders.run: error:")
    assert done.returncode == 2
    assert str(sources) in line and all(w in line for w in words), line
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "data").exists()


@pytest.mark.parametrize("key", ["2026-13-45", "yesterday", "2026-02-30"])
def test_config_fault_bad_partition_key(tmp_path: Path, key: str) -> None:
    done = cli("run", key, "--data-dir", str(tmp_path / "data"), home=tmp_path / "home")
    assert done.returncode == 2
    assert error_lines(done, "error:") == [f"error: bad partition key {key!r}: expected a date as YYYY-MM-DD"]
    crawled = crawl("--date", key, "--sources", str(empty_registry(tmp_path)), "--data-dir", str(tmp_path / "data"))
    assert crawled.returncode == 2
    [line] = error_lines(crawled, "spiders.run: error:")
    assert repr(key) in line and "--date" in line
    assert not (tmp_path / "data").exists()


def test_config_fault_missing_data_dir_is_created(tmp_path: Path) -> None:
    data = tmp_path / "not" / "there" / "yet"
    done = crawl("--date", DAY, "--sources", str(empty_registry(tmp_path)), "--data-dir", str(data))
    assert done.returncode == 0, done.stderr[-2000:]
    assert [p.name for p in (data / "archive" / f"date={DAY}").glob("captures-*.parquet")] != []


def test_config_fault_data_dir_is_a_file(tmp_path: Path) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("not a folder", encoding="utf-8")
    expected = f"cannot write {blocker / 'warehouse'}"
    sources = str(one_source_registry(tmp_path))
    done = cli("run", DAY, "--sources", sources, "--data-dir", str(blocker / "warehouse"), home=tmp_path / "home")
    assert done.returncode == EXIT_FILESYSTEM
    assert error_lines(done, "error:") == [
        f"error: {expected}: a path component is a file, not a folder (ENOTDIR: Not a directory)"
    ]
    crawled = crawl("--date", DAY, "--sources", sources, "--data-dir", str(blocker / "warehouse"))
    assert crawled.returncode == EXIT_FILESYSTEM
    assert error_lines(crawled, "spiders.run: error:") == [
        f"spiders.run: error: {expected}: a path component is a file, not a folder (ENOTDIR: Not a directory)"
    ]
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.root  # mounts a tmpfs in a private mount namespace (unshare -m)
def test_config_fault_read_only_data_dir(tmp_path: Path) -> None:
    data, listing, sources = tmp_path / "data", tmp_path / "listing.txt", str(one_source_registry(tmp_path))
    done = cli(
        "run",
        DAY,
        "--sources",
        sources,
        "--data-dir",
        str(data),
        home=tmp_path / "home",
        prefix=on_tmpfs(data, "ro,size=1m", listing),
    )
    assert done.returncode == EXIT_FILESYSTEM, done.stdout + done.stderr
    [line] = error_lines(done, "error:")
    assert line.startswith(f"error: cannot write {data}") and "read-only (EROFS" in line, line
    crawled = crawl(
        "--date", DAY, "--sources", sources, "--data-dir", str(data), prefix=on_tmpfs(data, "ro,size=1m", listing)
    )
    assert crawled.returncode == EXIT_FILESYSTEM
    [line] = error_lines(crawled, "spiders.run: error:")
    assert f"cannot write {data}" in line and "read-only (EROFS" in line, line
    assert listing.read_text() == ""


@pytest.mark.root  # mounts a tmpfs in a private mount namespace (unshare -m)
def test_config_fault_full_disk_crawl(tmp_path: Path, site: RunningFaultSite) -> None:
    data, listing = tmp_path / "data", tmp_path / "listing.txt"
    done = crawl(
        "--date",
        site.day,
        "--sources",
        str(site.sources_path),
        "--data-dir",
        str(data),
        prefix=on_tmpfs(data, "size=40k", listing),
    )
    assert done.returncode == EXIT_FILESYSTEM, done.stderr[-3000:]
    assert error_lines(done, "spiders.run: error:") == [
        f"spiders.run: error: crawl stopped: cannot write {data / 'archive'}: the disk is full (ENOSPC: No space left on device)"
    ]
    left = [line.split(" ")[0] for line in listing.read_text().splitlines()]
    # No capture index and no temp file: only the crash-recovery state (an .open WARC, lock files),
    # which the next crawl of the day finishes (wirearchive.archive.recover_interrupted).
    assert not [p for p in left if p.endswith((".parquet", ".tmp")) or p.endswith(".warc.gz")], left
    assert any(p.endswith(".warc.gz.open") for p in left), left


@pytest.mark.root  # mounts a tmpfs in a private mount namespace (unshare -m)
def test_config_fault_full_disk_run(tmp_path: Path, site: RunningFaultSite) -> None:
    data, listing = tmp_path / "data", tmp_path / "listing.txt"
    done = cli(
        "run",
        site.day,
        "--sources",
        str(site.sources_path),
        "--data-dir",
        str(data),
        home=tmp_path / "home",
        prefix=on_tmpfs(data, "size=40k", listing),
    )
    assert done.returncode == 2, done.stdout[-3000:]
    [line] = error_lines(done, "error:")
    assert line.startswith(f"error: nightly_job failed for {site.day} (steps: captures:"), line
    [crawl_line] = error_lines(done, "spiders.run: error:")
    assert "the disk is full (ENOSPC" in crawl_line
    left = [line.split(" ")[0] for line in listing.read_text().splitlines()]
    assert not [p for p in left if p.startswith("warehouse/") or p.endswith((".duckdb", ".tmp", ".parquet"))], left
