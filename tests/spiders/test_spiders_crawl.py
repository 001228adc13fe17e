"""Real crawls of the fixture site over loopback HTTP, via ``python -m spiders.run`` subprocesses.

One mock server serves ``tests/fixtures/sites/wire`` for the module; the first crawl is shared by
most tests, a second (incremental) and third (``--refetch``) crawl reuse its data directory.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator

from tests.mockserver import REPO, MockServer
from wirearchive.archive import read_captures, read_payload

SITE = REPO / "tests" / "fixtures" / "sites" / "wire"
DAY = "2026-11-20"
FETCHED_ARTICLES = {
    "/2026/11/20/talks-resume.html",  # RSS
    "/2026/11/20/gzipped.html",  # Atom, served gzip-encoded
    "/2026/11/21/tz-story.html",  # Atom, 01:00+02:00 on the 21st is the 20th in UTC
    "/2026/11/20/sitemap-story.html",  # news sitemap via the sitemap index
    "/2026/11/20/moved-here.html",  # redirect target
    "/2026/11/20/section-story.html",  # section page only
}


@dataclass
class Crawl:
    """One finished crawl run."""

    result: subprocess.CompletedProcess[str]
    requested: list[str]
    data: Path

    @property
    def summary(self) -> dict:
        return json.loads(self.result.stdout.strip().splitlines()[-1])


def run_spiders(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the crawl entry point in a subprocess (a Twisted reactor cannot restart in-process)."""
    full_env = os.environ | {"PYTHONPATH": str(REPO), "WIREARCHIVE_RETRY_TIMES": "1"} | (env or {})
    return subprocess.run(
        [sys.executable, "-m", "spiders.run", *args],
        cwd=REPO,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def write_registry(path: Path, base: str) -> Path:
    path.write_text(
        f"""
[settings]
allow_hosts = ["127.0.0.1"]
user_agent = "wirearchive-test/0.1"

[[source]]
id = "wire"
name = "Test Wire"
kind = "wire"
home = "{base}/"
feeds = ["{base}/feed.xml", "{base}/atom.xml"]
sitemaps = ["{base}/sitemap_index.xml"]
sections = ["{base}/section/world.html"]
article_patterns = ['/20\\d\\d/\\d\\d/\\d\\d/']
[source.limits]
max_bytes = 2048
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory):
    log = tmp_path_factory.mktemp("server") / "access.log"
    with MockServer(SITE, log) as running:
        yield running


@pytest.fixture(scope="module")
def registry(server: MockServer, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_registry(tmp_path_factory.mktemp("registry") / "sources.toml", server.base)


def crawl(server: MockServer, registry: Path, data: Path, *extra: str) -> Crawl:
    before = len(server.requested())
    result = run_spiders("--date", DAY, "--sources", str(registry), "--data-dir", str(data), *extra)
    return Crawl(result, server.requested()[before:], data)


@pytest.fixture(scope="module")
def first(server: MockServer, registry: Path, tmp_path_factory: pytest.TempPathFactory) -> Crawl:
    return crawl(server, registry, tmp_path_factory.mktemp("data"), "--crawl-id", "first")


@pytest.fixture(scope="module")
def second(first: Crawl, server: MockServer, registry: Path) -> Crawl:
    return crawl(server, registry, first.data, "--crawl-id", "second")


@pytest.fixture(scope="module")
def rows(first: Crawl) -> list[dict]:
    table = read_captures(first.data / "archive", DAY)
    return [r for r in table.to_pylist() if r["crawl_id"] == "first"]


def by_path(rows: list[dict], path: str) -> list[dict]:
    return [r for r in rows if r["url"].split(":", 2)[2].split("/", 1)[1] == path.lstrip("/")]


def test_crawl_completes_with_exit_zero(first: Crawl) -> None:
    assert (first.result.returncode, first.summary["finish_reason"]) == (0, "finished"), first.result.stderr[-2000:]


def test_summary_counts(first: Crawl) -> None:
    summary = first.summary
    assert (summary["pages_by_status"], summary["errors_by_reason"], summary["warc_files"]) == (
        {"200": 12, "301": 1, "302": 1, "404": 1, "500": 2},
        {"robots_disallowed": 1, "size_cap": 1, "ssrf_blocked": 1},
        [f"date={DAY}/first-00000.warc.gz"],
    )


def test_articles_of_the_day_found_by_feeds_sitemaps_and_sections(rows: list[dict]) -> None:
    fetched = {r["url"].split("/", 3)[3] for r in rows if r["kind"] == "article" and r["status"] == 200}
    assert fetched == {p.lstrip("/") for p in FETCHED_ARTICLES}


def test_off_day_and_non_article_urls_are_not_requested(first: Crawl) -> None:
    never = {
        "/2026/11/19/old-story.html",  # feed, previous day
        "/2026/11/20/late-story.html",  # 19:15-05:00 is the 21st in UTC
        "/2026/11/20/backdated.html",  # news:publication_date on the 19th
        "/2026/11/17/section-old.html",  # section link dated another day
        "/about.html",  # no article pattern
        "/sitemap-2026-11-18.xml",  # child sitemap dated another day
        "/sitemap-old.xml",  # child sitemap last modified before the day
    }
    assert never & set(first.requested) == set()


def test_robots_disallow_is_obeyed_and_recorded(first: Crawl, rows: list[dict]) -> None:
    secret = "/private/2026/11/20/secret.html"
    assert secret not in first.requested
    assert [(r["status"], r["error"]) for r in by_path(rows, secret)] == [(None, "robots_disallowed")]


def test_robots_txt_is_archived(rows: list[dict]) -> None:
    assert [(r["kind"], r["status"]) for r in by_path(rows, "/robots.txt")] == [("robots", 200)]


def test_http_errors_are_rows(rows: list[dict]) -> None:
    assert [r["status"] for r in by_path(rows, "/2026/11/20/missing.html")] == [404]
    assert [r["status"] for r in by_path(rows, "/2026/11/20/broken.html")] == [500, 500]  # one retry


def test_redirect_is_recorded_and_followed(server: MockServer, rows: list[dict]) -> None:
    moved = by_path(rows, "/2026/11/20/moved.html")
    assert [(r["status"], r["redirect_to"]) for r in moved] == [(301, server.url("/2026/11/20/moved-here.html"))]


def test_redirect_to_non_allowed_loopback_address_is_refused(server: MockServer, rows: list[dict]) -> None:
    target = f"http://127.0.0.2:{server.port}/2026/11/20/internal.html"
    assert [(r["status"], r["error"], r["kind"]) for r in rows if r["url"] == target] == [
        (None, "ssrf_blocked", "article")
    ]


def test_size_cap_is_an_error_row(rows: list[dict]) -> None:
    assert [(r["status"], r["error"]) for r in by_path(rows, "/2026/11/20/huge.html")] == [(None, "size_cap")]


def test_published_hint_comes_from_the_feed(rows: list[dict]) -> None:
    [talks] = by_path(rows, "/2026/11/20/talks-resume.html")
    assert talks["published_hint"].isoformat() == "2026-11-20T09:00:00+00:00"


def test_every_row_with_a_response_points_at_its_warc_record(first: Crawl, rows: list[dict]) -> None:
    archive = first.data / "archive"
    answered = [r for r in rows if r["status"] is not None]
    read_back = [read_payload(archive, r["warc_file"], r["warc_offset"]) for r in answered]
    assert [(p.record_id, p.url, p.status) for p in read_back] == [
        (r["capture_id"], r["url"], r["status"]) for r in answered
    ]


def test_warc_record_counts_match_the_capture_index(first: Crawl, rows: list[dict]) -> None:
    folder = first.data / "archive" / f"date={DAY}"
    counts: dict[str, int] = {}
    concurrent = set()
    for path in sorted(folder.glob("first-*.warc.gz")):
        with open(path, "rb") as stream:
            for record in ArchiveIterator(stream):
                counts[record.rec_type] = counts.get(record.rec_type, 0) + 1
                if record.rec_type == "request":
                    concurrent.add(record.rec_headers.get_header("WARC-Concurrent-To"))
    answered = {r["capture_id"] for r in rows if r["status"] is not None}
    assert counts == {"warcinfo": 1, "response": len(answered), "request": len(answered)}
    assert concurrent == answered
    assert list(folder.glob("*.open")) == []


def test_gzip_body_is_archived_as_received(first: Crawl, rows: list[dict]) -> None:
    [row] = by_path(rows, "/2026/11/20/gzipped.html")
    payload = read_payload(first.data / "archive", row["warc_file"], row["warc_offset"])
    assert (b"gzipped" in payload.body, row["content_length"] < len(payload.body)) == (True, True)


def test_second_run_fetches_no_archived_article_again(first: Crawl, second: Crawl) -> None:
    archived = FETCHED_ARTICLES | {"/2026/11/20/moved.html"}
    assert (second.result.returncode, archived & set(second.requested)) == (0, set())


def test_refetch_fetches_archived_articles_again(second: Crawl, server: MockServer, registry: Path) -> None:
    third = crawl(server, registry, second.data, "--crawl-id", "third", "--refetch")
    assert FETCHED_ARTICLES <= set(third.requested)


def test_host_name_resolving_to_loopback_is_refused(server: MockServer, tmp_path: Path) -> None:
    registry = tmp_path / "sources.toml"
    feed = f"http://localhost:{server.port}/feed.xml"
    registry.write_text(f'[[source]]\nid = "w"\nname = "W"\nkind = "wire"\nhome = "{feed}"\nfeeds = ["{feed}"]\n')
    before = len(server.requested())
    result = run_spiders(
        "--date", DAY, "--sources", str(registry), "--data-dir", str(tmp_path / "data"), "--crawl-id", "lh"
    )
    captured = read_captures(tmp_path / "data" / "archive", DAY).to_pylist()
    assert (result.returncode, server.requested()[before:]) == (0, [])
    assert [(r["url"], r["error"]) for r in captured] == [(feed, "ssrf_blocked")]


def test_retry_after_is_waited_for_before_the_retry(server: MockServer, tmp_path: Path) -> None:
    feed = server.url("/busy.xml")
    registry = tmp_path / "sources.toml"
    registry.write_text(
        f'[settings]\nallow_hosts = ["127.0.0.1"]\n[[source]]\nid = "w"\nname = "W"\nkind = "wire"\n'
        f'home = "{feed}"\nfeeds = ["{feed}"]\n'
    )
    result = run_spiders("--date", DAY, "--sources", str(registry), "--data-dir", str(tmp_path / "data"))
    busy = [r for r in read_captures(tmp_path / "data" / "archive", DAY).to_pylist() if r["url"].endswith("/busy.html")]
    assert (result.returncode, [r["status"] for r in busy]) == (0, [429, 429])  # first try + one retry
    assert (busy[1]["fetched_at"] - busy[0]["fetched_at"]).total_seconds() >= 1.0


def test_timeouts_and_refused_connections_are_rows(server: MockServer, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a loopback port with nobody listening
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}/feed.xml"
    slow = server.url("/slow-feed.xml")
    registry = tmp_path / "sources.toml"
    registry.write_text(
        f'[settings]\nallow_hosts = ["127.0.0.1"]\n[[source]]\nid = "w"\nname = "W"\nkind = "wire"\n'
        f'home = "{slow}"\nfeeds = ["{slow}", "{closed}"]\n'
    )
    env = {"WIREARCHIVE_DOWNLOAD_TIMEOUT": "1", "WIREARCHIVE_RETRY_TIMES": "0"}
    result = run_spiders("--date", DAY, "--sources", str(registry), "--data-dir", str(tmp_path / "data"), env=env)
    captured = read_captures(tmp_path / "data" / "archive", DAY).to_pylist()
    assert result.returncode == 0
    assert {(r["url"], r["status"], r["error"]) for r in captured if r["kind"] == "feed"} == {
        (slow, None, "timeout"),
        (closed, None, "connection_refused"),
    }


def test_bad_sources_file_exits_2_with_one_clear_line(tmp_path: Path) -> None:
    bad = tmp_path / "sources.toml"
    bad.write_text('[[source]]\nid = "x"\nname = "X"\nkind = "blog"\nhome = "http://127.0.0.1/"\n')
    result = run_spiders("--date", DAY, "--sources", str(bad), "--data-dir", str(tmp_path / "data"))
    assert (result.returncode, len(result.stderr.strip().splitlines())) == (2, 1)
    assert "source 'x'" in result.stderr and "kind" in result.stderr


def test_reusing_a_crawl_id_for_the_day_exits_2(first: Crawl, registry: Path) -> None:
    result = run_spiders(
        "--date", DAY, "--sources", str(registry), "--data-dir", str(first.data), "--crawl-id", "first"
    )
    assert (result.returncode, "already used" in result.stderr) == (2, True)


def test_bad_date_exits_2(tmp_path: Path, registry: Path) -> None:
    result = run_spiders("--date", "2026-11-31", "--sources", str(registry), "--data-dir", str(tmp_path))
    assert (result.returncode, "--date" in result.stderr) == (2, True)
