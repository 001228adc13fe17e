"""The frontier switch: off by default, and what it changes when on (no server needed)."""

from __future__ import annotations

from pathlib import Path

import pytest
from scrapy.settings import Settings

from spiders import frontier
from spiders.run import crawl_settings, parse_args
from wirearchive.sources import parse_sources

REGISTRY = """
[[source]]
id = "a"
name = "A"
kind = "wire"
home = "http://news.example.org/"
[source.limits]
concurrency = 3
delay = 0.5
"""


def base_settings(tmp_path: Path) -> Settings:
    args = parse_args(["--date", "2026-11-20", "--sources", "s.toml", "--data-dir", str(tmp_path)])
    return crawl_settings(args, parse_sources(REGISTRY), "c1")


def test_default_crawl_uses_no_frontier(tmp_path: Path) -> None:
    settings = base_settings(tmp_path)
    assert not frontier.enabled(settings)
    assert settings["SCHEDULER"] == "scrapy.core.scheduler.Scheduler"
    assert "spiders.hostgate.HostGateDownloaderMiddleware" not in settings.getdict("DOWNLOADER_MIDDLEWARES")


def test_worker_settings_move_politeness_to_the_shared_gate(tmp_path: Path) -> None:
    settings = base_settings(tmp_path)
    settings.setdict(
        {"WIREARCHIVE_FRONTIER": "redis://127.0.0.1:1/0", "WIREARCHIVE_FRONTIER_JOB": "job-1"}, priority="cmdline"
    )
    extra = frontier.worker_settings(settings, "c1")
    assert extra["WIREARCHIVE_HOST_LIMITS"] == {"news.example.org": {"concurrency": 3, "delay": 0.5}}
    assert extra["DOWNLOAD_SLOTS"] == {"news.example.org": {"concurrency": 3, "delay": 0.0}}
    assert extra["AUTOTHROTTLE_ENABLED"] is False
    assert extra["SCHEDULER_QUEUE_KEY"] == "wirearchive:job-1:requests"
    assert extra["DOWNLOADER_MIDDLEWARES"]["spiders.middlewares.robots.RobotsTxtRfcDownloaderMiddleware"] is None


@pytest.mark.parametrize("job", ["", "bad job", "a%b"])
def test_a_frontier_needs_a_job_id(tmp_path: Path, job: str) -> None:
    settings = base_settings(tmp_path)
    settings.setdict(
        {"WIREARCHIVE_FRONTIER": "redis://127.0.0.1:1/0", "WIREARCHIVE_FRONTIER_JOB": job}, priority="cmdline"
    )
    with pytest.raises(ValueError, match="WIREARCHIVE_FRONTIER_JOB"):
        frontier.worker_settings(settings, "c1")
