"""Per-run Scrapy settings built from the registry by spiders.run."""

from __future__ import annotations

from pathlib import Path

from spiders.run import crawl_settings, parse_args
from wirearchive.sources import parse_sources

REGISTRY = """
[settings]
user_agent = "wirearchive-test/0.1 (+mailto:ops@example.org)"

[[source]]
id = "a"
name = "A"
kind = "wire"
home = "http://news.example.org/"
feeds = ["http://feeds.example.org/a.xml"]
[source.limits]
concurrency = 8
delay = 0.5

[[source]]
id = "b"
name = "B"
kind = "outlet"
home = "http://news.example.org/b/"
[source.limits]
concurrency = 2
"""


def settings(tmp_path: Path):
    args = parse_args(["--date", "2026-11-20", "--sources", "s.toml", "--data-dir", str(tmp_path)])
    return crawl_settings(args, parse_sources(REGISTRY), "c1")


def test_user_agent_comes_from_the_registry(tmp_path: Path) -> None:
    assert settings(tmp_path)["USER_AGENT"] == "wirearchive-test/0.1 (+mailto:ops@example.org)"


def test_sources_sharing_a_host_share_its_slot_under_the_strictest_limits(tmp_path: Path) -> None:
    assert settings(tmp_path).getdict("DOWNLOAD_SLOTS") == {
        "news.example.org": {"concurrency": 2, "delay": 0.5},
        "feeds.example.org": {"concurrency": 8, "delay": 0.5},
    }


def test_connection_pool_is_as_large_as_the_largest_slot(tmp_path: Path) -> None:
    assert settings(tmp_path).getint("CONCURRENT_REQUESTS_PER_DOMAIN") == 8


def test_polite_defaults(tmp_path: Path) -> None:
    s = settings(tmp_path)
    assert (
        s.getbool("ROBOTSTXT_OBEY"),
        s.getbool("TELNETCONSOLE_ENABLED"),
        s["LOG_LEVEL"],
        s.getint("REDIRECT_MAX_TIMES"),
    ) == (
        True,
        False,
        "INFO",
        5,
    )
