"""Crawl entry point, one process per crawl: ``python -m spiders.run --date D --sources PATH --data-dir DIR``.

Scrapy's reactor starts once per process, so the Dagster ``captures`` asset launches this module
as a subprocess through Dagster Pipes. Under Pipes the crawl's figures are reported as
materialization metadata; without Pipes they are printed as one JSON line on stdout (Scrapy logs
go to stderr).

Exit codes: 0 when the crawl ran to its end (failed pages are capture rows, not crashes); 1 when it
was interrupted or the capture index could not be written; 2 for bad arguments or registry; 3 when
the data directory cannot be created or written (read-only, a file in the way, disk full), with one
line on stderr naming the path and the reason.
"""

from __future__ import annotations

import argparse
import glob
import json
import sys
import time
import uuid
from collections.abc import Sequence
from contextlib import nullcontext
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from dagster_pipes import PipesEnvVarParamsLoader, open_dagster_pipes
from scrapy.crawler import CrawlerProcess
from scrapy.settings import Settings

from spiders import frontier
from spiders.crawl.news import NewsSpider
from spiders.middlewares import STATS
from wirearchive.archive import SEQ_GLOB, recover_interrupted
from wirearchive.config import data_paths
from wirearchive.datadir import EXIT_FILESYSTEM, describe_os_error, prepare_data_dir
from wirearchive.days import DayError, validate_day
from wirearchive.faults import killpoint
from wirearchive.ids import SAFE_ID
from wirearchive.locks import crawl_lock
from wirearchive.sources import Registry, SourcesError, load_sources

_CRAWL_ID = SAFE_ID  # the crawl id is part of WARC and capture-index file names


class UsageError(ValueError):
    """Bad command-line arguments or registry (exit code 2)."""


def parse_args(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """Parse the command line.

    Args:
        argv: Arguments without the program name; ``sys.argv[1:]`` when ``None``.

    Returns:
        The parsed arguments.
    """
    parser = argparse.ArgumentParser(prog="python -m spiders.run", description=__doc__.splitlines()[0])
    parser.add_argument("--date", required=True, help="partition day, YYYY-MM-DD (UTC)")
    parser.add_argument("--sources", required=True, help="sources registry TOML file")
    parser.add_argument("--data-dir", required=True, help="data directory (archive/ is written under it)")
    parser.add_argument("--refetch", action="store_true", help="fetch articles even if archived before")
    parser.add_argument("--crawl-id", help="id of this crawl (names the files); default: UTC time + random")
    return parser.parse_args(argv)


def crawl_settings(args: argparse.Namespace, registry: Registry, crawl_id: str) -> Settings:
    """Scrapy settings of one crawl: the project settings plus this run's values.

    Args:
        args: Parsed command line.
        registry: The loaded registry.
        crawl_id: Id of this crawl.

    Returns:
        The settings for the CrawlerProcess.
    """
    settings = Settings()
    settings.setmodule("spiders.settings", priority="project")
    slots: dict[str, dict[str, Any]] = {}
    hosts: dict[str, str] = {}
    for source in registry.sources:
        for url in [source.home, *source.feeds, *source.sitemaps, *source.sections]:
            parts = urlsplit(str(url))
            # Scrapy keys download slots by host name: sources sharing a host share its slot, under
            # the strictest of their limits.
            slot = slots.setdefault(
                parts.hostname or "", {"concurrency": source.limits.concurrency, "delay": source.limits.delay}
            )
            slot["concurrency"] = min(slot["concurrency"], source.limits.concurrency)
            slot["delay"] = max(slot["delay"], source.limits.delay)
            hosts.setdefault(parts.netloc, source.id)
    # Scrapy sizes its persistent connection pool per host from CONCURRENT_REQUESTS_PER_DOMAIN; a
    # pool smaller than a slot's concurrency re-opens a connection per request (measured: half the
    # pages/s in bench/crawl.py), so the per-host default is raised to the largest source slot.
    per_host = max([settings.getint("CONCURRENT_REQUESTS_PER_DOMAIN")] + [s["concurrency"] for s in slots.values()])
    settings.setdict(
        {
            "CONCURRENT_REQUESTS_PER_DOMAIN": per_host,
            "USER_AGENT": registry.settings.user_agent,
            "DOWNLOAD_SLOTS": slots,
            "WIREARCHIVE_HOST_SOURCES": hosts,
            "WIREARCHIVE_ALLOW_HOSTS": list(registry.settings.allow_hosts),
            "WIREARCHIVE_SOURCES": str(args.sources),
            "WIREARCHIVE_DAY": args.date,
            "WIREARCHIVE_ARCHIVE_DIR": str(data_paths(args.data_dir).archive),
            "WIREARCHIVE_CRAWL_ID": crawl_id,
            "WIREARCHIVE_REFETCH": args.refetch,
        },
        priority="cmdline",
    )
    if frontier.enabled(settings):
        try:
            settings.setdict(frontier.worker_settings(settings, crawl_id), priority="cmdline")
        except ValueError as exc:
            raise UsageError(str(exc)) from None
    return settings


def run_crawl(args: argparse.Namespace) -> dict[str, Any]:
    """Validate the arguments, recover crashed crawls of the day, run the crawl, summarize it.

    Args:
        args: Parsed command line.

    Returns:
        The summary (see :func:`summarize`) plus ``recovered_crawls``: ids of earlier crawls of
        the day that had died and whose files were finished first.

    Raises:
        UsageError: Bad date, crawl id (malformed or already used for the day) or registry.
        OSError: The data directory cannot be created or written.
    """
    try:
        validate_day(args.date)
    except DayError as exc:
        raise UsageError(f"--date: {exc}") from None
    crawl_id = args.crawl_id or f"{datetime.now(UTC):%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:6]}"
    if not _CRAWL_ID.match(crawl_id):
        raise UsageError(f"--crawl-id must match {_CRAWL_ID.pattern}, got {crawl_id!r}")
    partition = data_paths(args.data_dir).archive_partition(args.date)
    if (
        any(partition.glob(f"{glob.escape(crawl_id)}-{SEQ_GLOB}.warc.gz*"))
        or (partition / f"captures-{crawl_id}.parquet").exists()
    ):
        raise UsageError(f"crawl id {crawl_id!r} was already used for {args.date}; archived files are immutable")
    try:
        registry = load_sources(args.sources)
    except SourcesError as exc:
        raise UsageError(" | ".join(str(exc).splitlines())) from None
    prepare_data_dir(data_paths(args.data_dir))  # created if missing; unwritable fails here, not mid-crawl
    settings = crawl_settings(args, registry, crawl_id)
    shared = frontier.enabled(settings)  # workers of a shared frontier crawl the day side by side
    with (
        nullcontext() if shared else crawl_lock(data_paths(args.data_dir), args.date)
    ):  # else one crawl of a day at a time
        recovered = recover_interrupted(data_paths(args.data_dir).archive, args.date)
        killpoint("crawl.started")
        started, cpu_started = time.monotonic(), time.process_time()
        process = CrawlerProcess(settings)
        crawler = process.create_crawler(frontier.SharedNewsSpider if shared else NewsSpider)
        process.crawl(crawler)
        process.start()
        killpoint("crawl.finished")
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    return summarize(crawler.stats.get_stats(), crawl_id, args.date, elapsed, cpu) | {"recovered_crawls": recovered}


def summarize(stats: dict[str, Any], crawl_id: str, day: str, elapsed: float, cpu: float) -> dict[str, Any]:
    """Turn Scrapy stats into the crawl summary.

    Args:
        stats: The crawler's stats at the end of the crawl.
        crawl_id: Id of the crawl.
        day: Partition day.
        elapsed: Wall time of the crawl, seconds.
        cpu: CPU time of the crawl process during the crawl, seconds.

    Returns:
        Keys: ``crawl_id``, ``date``, ``finish_reason``, ``captures``, ``pages_by_source``,
        ``pages_by_status``, ``pages_by_kind``, ``errors_by_reason``, ``skipped``,
        ``discovery_errors``, ``bytes_archived``, ``warc_files``, ``capture_index``,
        ``archive_error`` (why the archive could not be written, else None), ``elapsed_s``, ``cpu_s``.
    """

    def group(prefix: str) -> dict[str, int]:
        start = f"{STATS}/{prefix}/"
        return {k[len(start) :]: v for k, v in sorted(stats.items()) if k.startswith(start)}

    return {
        "crawl_id": crawl_id,
        "date": day,
        "finish_reason": stats.get("finish_reason"),
        "captures": stats.get(f"{STATS}/captures", 0),
        "pages_by_source": group("source"),
        "pages_by_status": group("status"),
        "pages_by_kind": group("kind"),
        "errors_by_reason": group("error"),
        "skipped": group("skipped"),
        "discovery_errors": group("discovery_error"),
        "bytes_archived": stats.get(f"{STATS}/bytes_archived", 0),
        "warc_files": stats.get(f"{STATS}/warc_files", []),
        "capture_index": stats.get(f"{STATS}/capture_index"),
        "archive_error": stats.get(f"{STATS}/archive_error"),
        "elapsed_s": round(elapsed, 3),
        "cpu_s": round(cpu, 3),
    }


def pipes_metadata(summary: dict[str, Any]) -> dict[str, Any]:
    """The summary as Dagster Pipes metadata (dicts and lists typed as JSON)."""
    return {
        key: {"raw_value": value, "type": "json"} if isinstance(value, (dict, list)) else value
        for key, value in summary.items()
        if value is not None
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run one crawl; report through Dagster Pipes when launched by Dagster.

    Args:
        argv: Arguments without the program name.

    Returns:
        The process exit code.
    """
    args = parse_args(argv)
    try:
        if PipesEnvVarParamsLoader().is_dagster_pipes_process():
            with open_dagster_pipes() as pipes:
                summary = run_crawl(args)
                pipes.report_asset_materialization(metadata=pipes_metadata(summary))
        else:
            summary = run_crawl(args)
            print(json.dumps(summary, sort_keys=True), flush=True)
    except UsageError as exc:
        print(f"spiders.run: error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:  # the data directory is missing, read-only, full or in the way
        print(f"spiders.run: error: {describe_os_error(exc)}", file=sys.stderr)
        return EXIT_FILESYSTEM
    if summary["archive_error"]:
        print(f"spiders.run: error: crawl stopped: {summary['archive_error']}", file=sys.stderr)
        return EXIT_FILESYSTEM
    return 0 if summary["finish_reason"] == "finished" and summary["capture_index"] else 1


if __name__ == "__main__":
    sys.exit(main())
