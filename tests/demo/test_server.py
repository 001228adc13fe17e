"""The demo world over real HTTP on 127.0.0.1, served by a subprocess."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from email.utils import parsedate_to_datetime
from pathlib import Path

import pytest

from demoworld.server import RunningDemo, serve_demo_world
from wirearchive.sources import load_sources

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
    "atom": "http://www.w3.org/2005/Atom",
}
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with _OPENER.open(url, timeout=10) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as err:
        return err.code, err.headers["Content-Type"], err.read()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningDemo]:
    with serve_demo_world(tmp_path_factory.mktemp("demo")) as running:
        yield running


@pytest.fixture(scope="module")
def truth(demo: RunningDemo) -> list[dict]:
    return json.loads(demo.ground_truth_path.read_text(encoding="utf-8"))["articles"]


def test_running_demo_describes_the_world(demo: RunningDemo) -> None:
    assert demo.days == ("2026-01-12", "2026-01-13", "2026-01-14", "2026-01-15", "2026-01-16")
    assert len(demo.base_urls) == 7
    assert all(url.startswith("http://127.0.0.1:") for url in demo.base_urls.values())
    assert len(set(demo.base_urls.values())) == 7


def test_sources_toml_loads_and_matches_articles(demo: RunningDemo, truth: list[dict]) -> None:
    registry = load_sources(demo.sources_path)
    assert registry.settings.allow_hosts == ["127.0.0.1"]
    assert {s.id for s in registry.sources} == set(demo.base_urls)
    assert {s.kind for s in registry.sources} == {"wire", "outlet", "farm"}
    for row in truth:
        source = registry.get(row["source_id"])
        assert source.is_article_url(row["url"]), row["url"]
        assert not source.is_article_url(str(source.sections[0]))
        assert not source.is_article_url(str(source.home) + "preview/" + row["url"].split("/", 3)[3])


def test_robots_disallows_previews(demo: RunningDemo) -> None:
    for url in demo.base_urls.values():
        status, content_type, body = fetch(url + "/robots.txt")
        assert status == 200 and content_type.startswith("text/plain")
        assert "Disallow: /preview/" in body.decode() and f"Sitemap: {url}/" in body.decode()


def test_feeds_carry_recent_items_with_dates(demo: RunningDemo) -> None:
    registry = load_sources(demo.sources_path)
    for source in registry.sources:
        status, _, body = fetch(str(source.feeds[0]))
        assert status == 200
        root = ET.fromstring(body)
        if root.tag == "rss":
            dates = [parsedate_to_datetime(e.text) for e in root.iter("pubDate")]
        else:
            dates = [e.text for e in root.iter(f"{{{NS['atom']}}}published")]
        assert 10 <= len(dates) <= 40, source.id


def test_sitemap_index_leads_to_daily_news_sitemaps(demo: RunningDemo, truth: list[dict]) -> None:
    registry = load_sources(demo.sources_path)
    listed: set[str] = set()
    for source in registry.sources:
        status, _, body = fetch(str(source.sitemaps[0]))
        assert status == 200
        children = [loc.text for loc in ET.fromstring(body).iterfind("sm:sitemap/sm:loc", NS)]
        assert len(children) == 5
        for child in children:
            status, content_type, body = fetch(child)
            assert status == 200 and "xml" in content_type
            for url in ET.fromstring(body).iterfind("sm:url", NS):
                assert url.findtext("sm:lastmod", namespaces=NS)
                assert url.findtext("news:news/news:publication_date", namespaces=NS)
                listed.add(url.findtext("sm:loc", namespaces=NS))
    assert listed == {row["url"] for row in truth}


def test_every_article_and_section_answers(demo: RunningDemo, truth: list[dict]) -> None:
    for row in truth:
        status, content_type, body = fetch(row["url"])
        assert status == 200 and content_type.startswith("text/html"), row["url"]
    for source in load_sources(demo.sources_path).sources:
        status, _, body = fetch(str(source.sections[0]))
        assert status == 200 and b"href=" in body


def test_windows_1252_page_is_really_encoded_so(demo: RunningDemo, truth: list[dict]) -> None:
    pages = [row for row in truth if row["source_id"] == "dailycourier"]
    bodies = [fetch(row["url"]) for row in pages[:30]]
    assert all(ct == "text/html; charset=windows-1252" for _, ct, _ in bodies)
    accented = [body for _, _, body in bodies if any(b > 0x7F for b in body)]
    assert accented
    for body in accented:
        with pytest.raises(UnicodeDecodeError):
            body.decode("utf-8")
        assert "charset=windows-1252" in body.decode("cp1252")


def test_unknown_path_is_404(demo: RunningDemo) -> None:
    assert fetch(demo.base_urls["ap"] + "/no/such/page")[0] == 404


def test_requests_are_logged(demo: RunningDemo) -> None:
    fetch(demo.base_urls["newsblitz"] + "/about/")
    wanted = {"site": "newsblitz", "method": "GET", "path": "/about/", "status": 200}
    deadline = time.monotonic() + 10  # the server logs a request after sending its body
    while True:
        records = [json.loads(line) for line in demo.access_log_path.read_text().splitlines()]
        if wanted in [{k: r[k] for k in wanted} for r in records] or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    assert wanted in [{k: r[k] for k in wanted} for r in records]


def test_explicit_ports_and_context_exit_stops_the_server(tmp_path: Path) -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with serve_demo_world(tmp_path, seed=3, ports={"ap": port}) as running:
        assert running.base_urls["ap"] == f"http://127.0.0.1:{port}"
        url = running.base_urls["ap"] + "/robots.txt"
        assert fetch(url)[0] == 200
    with pytest.raises(urllib.error.URLError):
        _OPENER.open(url, timeout=2)


def test_command_line_prints_sources_and_exits_on_sigint(tmp_path: Path) -> None:
    root = str(Path(__file__).resolve().parents[2])
    env = {**os.environ, "PYTHONPATH": root}
    proc = subprocess.Popen(
        [sys.executable, "-m", "demoworld.server", "--out", str(tmp_path)], stdout=subprocess.PIPE, text=True, env=env
    )
    first = proc.stdout.readline()
    assert first.strip() == f"sources: {tmp_path / 'sources.toml'}"
    deadline = time.monotonic() + 30
    while not (tmp_path / "demo.json").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    proc.stdout.close()
    load_sources(tmp_path / "sources.toml")
