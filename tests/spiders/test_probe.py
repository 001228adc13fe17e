"""``add-source``: the probe against the demo world on 127.0.0.1, bad input, pattern proposal."""

from __future__ import annotations

import gzip
import json
import re
import socket
import threading
import urllib.request
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from demoworld.server import RunningDemo, serve_demo_world
from demoworld.world import build_world
from spiders.probe import fetch
from spiders.probe.cli import add_source_main
from spiders.probe.patterns import propose_patterns
from wirearchive.sources import load_sources, parse_sources

SM = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[RunningDemo]:
    with serve_demo_world(tmp_path_factory.mktemp("demo")) as running:
        yield running


@pytest.fixture(scope="module")
def world():
    return build_world(7)  # the seed serve_demo_world uses by default


@pytest.fixture()
def settings_file(tmp_path: Path) -> Path:
    """A registry with loopback allowed and no source (so the probe does not read ./sources.toml)."""
    path = tmp_path / "settings.toml"
    path.write_text('[settings]\nallow_hosts = ["127.0.0.1"]\n', encoding="utf-8")
    return path


def _add_source(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = add_source_main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _sitemap_urls(url: str) -> list[str]:
    with _OPENER.open(url, timeout=10) as resp:
        root = ET.fromstring(resp.read())
    if root.tag == f"{SM}sitemapindex":
        return [u for loc in root.iter(f"{SM}loc") for u in _sitemap_urls(loc.text.strip())]
    return [loc.text.strip() for loc in root.iter(f"{SM}loc")]


def _reachable_non_articles(site) -> set[str]:
    """Paths of a site's non-article pages that its home and section pages link to (what a crawl meets)."""
    listings = [p for p in site.pages.values() if p.kind in ("home", "section")]
    linked = {m for page in listings for m in re.findall(r'href="(?:@@[a-z]+@@)?(/[^"]*)"', page.text)}
    kinds = {p.path: p.kind for p in site.pages.values()}
    return {p for p in linked if kinds.get(p) not in (None, "article", "preview")} | {
        p for p, k in kinds.items() if k in ("home", "section", "feed", "sitemap", "robots")
    }


@pytest.mark.parametrize(
    "site_id", ["ap", "reuters", "metroherald", "dailycourier", "citypost", "valleytribune", "newsblitz"]
)
def test_add_source_on_demo_site(
    demo: RunningDemo, world, site_id: str, settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    truth = load_sources(demo.sources_path).get(site_id)
    code, out, err = _add_source(capsys, str(truth.home), "--sources", str(settings_file), "--kind", truth.kind)
    assert code == 0, err
    entry = parse_sources(out).source[0]  # the printed entry is a valid registry on its own
    assert [str(u) for u in truth.feeds][0] in [str(u) for u in entry.feeds]
    assert [str(u) for u in truth.sitemaps] == [str(u) for u in entry.sitemaps]
    assert sorted(map(str, entry.sections)) == sorted(map(str, truth.sections))
    assert entry.name == world.sites[site_id].spec.name and entry.language == "en"
    assert "# feed: " in out and "# sitemap: " in out and "# article_patterns: learnt from" in out
    # Every URL the demo's own pattern counts as an article in the site's sitemaps is matched...
    sitemap_urls = [u for s in truth.sitemaps for u in _sitemap_urls(str(s))]
    articles = [u for u in sitemap_urls if truth.is_article_url(u)]
    assert len(articles) == len(world.sites[site_id].articles)
    assert [u for u in articles if not entry.is_article_url(u)] == []
    # ... although the probe read only the feed and the newest child sitemaps ...
    assert "newest 3 children read" in out
    # ... and no page a crawl meets that is not an article is.
    wrong = [
        p
        for p in _reachable_non_articles(world.sites[site_id])
        if entry.is_article_url(str(truth.home).rstrip("/") + p)
    ]
    assert wrong == []


def test_probe_obeys_robots_and_sends_the_registry_user_agent(
    demo: RunningDemo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    registry = tmp_path / "ua.toml"
    registry.write_text('[settings]\nallow_hosts = ["127.0.0.1"]\nuser_agent = "probe-test/1.0"\n', encoding="utf-8")
    code, out, err = _add_source(capsys, demo.base_urls["metroherald"] + "/", "--sources", str(registry))
    assert code == 0, err
    assert (
        "# NOTE: robots.txt disallows 1 of the URLs tried, e.g. " + demo.base_urls["metroherald"] + "/preview/" in out
    )
    log = [json.loads(line) for line in demo.access_log_path.read_text(encoding="utf-8").splitlines()]
    ours = [r for r in log if r["user_agent"] == "probe-test/1.0"]
    assert ours and {r["site"] for r in ours} == {"metroherald"}
    assert ours[0]["path"] == "/robots.txt"
    assert not [r for r in log if r["path"].startswith("/preview/")]  # disallowed for every probe of this module


def test_write_appends_and_refuses_duplicates(
    demo: RunningDemo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "sources.toml"
    target.write_text('# my registry\n[settings]\nallow_hosts = ["127.0.0.1"]\n', encoding="utf-8")
    ap, citypost = demo.base_urls["ap"] + "/", demo.base_urls["citypost"] + "/"
    code, _, err = _add_source(capsys, ap, "--write", str(target), "--kind", "wire", "--wire", "AP", "--id", "apwire")
    assert code == 0, err
    code, _, err = _add_source(capsys, citypost, "--write", str(target))
    assert code == 0, err
    registry = load_sources(target)
    assert [s.id for s in registry.source] == ["apwire", "the-city-post"]
    assert '# id: given on the command line\nid = "apwire"' in target.read_text(encoding="utf-8")
    assert '# id: from the site name\nid = "the-city-post"' in target.read_text(encoding="utf-8")
    assert registry.get("apwire").wire == "AP" and registry.get("apwire").kind == "wire"
    assert target.read_text(encoding="utf-8").startswith("# my registry\n")
    before = target.read_text(encoding="utf-8")
    code, out, err = _add_source(capsys, citypost, "--write", str(target), "--id", "other")
    assert (code, out) == (2, "") and err.count("\n") == 1 and "is already source 'the-city-post'" in err
    code, out, err = _add_source(capsys, demo.base_urls["reuters"] + "/", "--write", str(target), "--id", "apwire")
    assert (code, out) == (2, "") and "source id 'apwire' is already there" in err
    assert target.read_text(encoding="utf-8") == before


def test_unreachable_host_is_one_line(settings_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again: nothing listens there
    code, out, err = _add_source(capsys, f"http://127.0.0.1:{port}/", "--sources", str(settings_file))
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and err.startswith(f"add-source: cannot probe http://127.0.0.1:{port}/:")
    assert "Traceback" not in err


def test_ssrf_rule_refuses_loopback_unless_allowed(
    demo: RunningDemo, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bare = tmp_path / "bare.toml"
    bare.write_text("", encoding="utf-8")
    home = demo.base_urls["ap"] + "/"
    code, out, err = _add_source(capsys, home, "--sources", str(bare))
    assert (code, out) == (2, "") and "refused by the SSRF rule" in err and err.count("\n") == 1
    code, out, _ = _add_source(capsys, home, "--sources", str(bare), "--allow-host", "127.0.0.1")
    assert code == 0 and "[[source]]" in out


def test_non_html_home_gives_partial_entry(
    demo: RunningDemo, settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _add_source(capsys, demo.base_urls["ap"] + "/feeds/latest.atom", "--sources", str(settings_file))
    assert code == 0, err
    assert "# NOTE: home page: not HTML (application/atom+xml)" in out
    entry = parse_sources(out).source[0]
    assert entry.language is None and entry.sections == [] and entry.sitemaps  # sitemaps still found via robots.txt


def test_bad_url_and_bad_registry_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _add_source(capsys, "ftp://example.org/")
    assert (code, out) == (2, "") and err == "add-source: 'ftp://example.org/' is not an http(s) URL\n"
    broken = tmp_path / "broken.toml"
    broken.write_text("[settings\n", encoding="utf-8")
    code, out, err = _add_source(capsys, "http://127.0.0.1:9/", "--sources", str(broken))
    assert (code, out) == (2, "") and "TOML syntax error" in err and err.count("\n") == 1


class _Site(BaseHTTPRequestHandler):
    """A self-written site: no robots.txt (404), feed only at a common path, an optional 5xx robots."""

    robots_status = 404
    redirects: dict[str, str] = {}
    pages = {
        "/": (
            "text/html",
            b'<html lang="de"><head><meta property="og:site_name" content="Testblatt">'
            b"<title>Start | Testblatt</title></head><body><a href='/meldung/123-ein-test'>x</a></body></html>",
        ),
        "/rss.xml": (
            "application/rss+xml",
            b"<rss><channel>"
            + b"".join(
                f"<item><link>/meldung/{n}-{w}-im-test</link></item>".encode()
                for n, w in ((100, "erste"), (1234, "zweite"), (98765, "dritte"), (101, "vierte"))
            )
            + b"</channel></rss>",
        ),
    }

    def do_GET(self) -> None:  # noqa: N802
        if self.path in self.redirects:
            self.send_response(302)
            self.send_header("Location", self.redirects[self.path])
            self.send_header("Content-Length", "0")
            self.end_headers()
            return
        if self.path == "/robots.txt" and self.path not in self.pages:
            status, body, kind = self.robots_status, b"oops", "text/plain"
        elif self.path in self.pages:
            kind, body = self.pages[self.path]
            status = 200
        else:
            status, body, kind = 404, b"not found", "text/plain"
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def small_site() -> Iterator[tuple[str, type[_Site]]]:
    handler = type("Handler", (_Site,), {})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/", handler
    finally:
        server.shutdown()
        server.server_close()


def test_robots_404_allows_and_common_feed_path_found(
    small_site, settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, _ = small_site
    code, out, err = _add_source(capsys, home, "--sources", str(settings_file))
    assert code == 0, err
    assert "robots.txt: 404: everything allowed (RFC 9309)" in out
    assert "# sitemap: none found" in out and "common path /rss.xml" in out
    entry = parse_sources(out).source[0]
    assert (entry.id, entry.name, entry.language) == ("testblatt", "Testblatt", "de")
    assert [str(u) for u in entry.feeds] == [home + "rss.xml"]
    assert entry.article_patterns == [r"^/meldung/\d+-[a-z0-9-]+$"]


def test_robots_5xx_disallows_everything(small_site, settings_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home, handler = small_site
    handler.robots_status = 503
    code, out, err = _add_source(capsys, home, "--sources", str(settings_file))
    assert code == 0, err
    assert "robots.txt: 503: everything disallowed (RFC 9309)" in out
    assert "# NOTE: home page: " in out and "disallowed by robots.txt" in out
    assert out.count("# NOTE: ") == 2 and "# NOTE: robots.txt disallows 14 of the URLs tried" in out
    assert parse_sources(out).source[0].feeds == []


@pytest.mark.parametrize(
    ("paths", "negatives", "expected"),
    [
        (
            ["/2026/01/05/a-b.html", "/2025/12/31/c.html", "/2026/1/2/d-e-f.html"],
            [],
            [r"^/\d{4}/\d{1,2}/\d{1,2}/[a-z0-9-]+\.html$"],
        ),
        # a slug ending in a number, or an id that is all digits, is still covered by the main shape
        (
            [f"/p/some-words-{h}" for h in ("1a2b3c", "ff00aa", "0c0ffe", "9e8d7c", "abc123")]
            + ["/p/ends-in-95-123456"],
            [],
            [r"^/p/[a-z0-9-]+-[0-9a-f]{6}$"],
        ),
        (["/one/", "/two-words/", "/three-more-words/"], ["/", "/about/", "/tag/x/"], [r"^(?!/about/$)/[a-z0-9-]+/$"]),
        (["/news/1-a", "/news/22-b", "/video/333-c", "/video/2024-d"], [], [r"^/[a-z0-9-]+/\d+-[a-z0-9-]+$"]),
        (["/a/2026/1/x", "/a/2025/12/y"], [], [r"^/a/\d{4}/\d{1,2}/[a-z0-9-]+$"]),
    ],
)
def test_propose_patterns(paths: list[str], negatives: list[str], expected: list[str]) -> None:
    proposal = propose_patterns(paths, negatives)
    assert proposal.patterns == expected
    assert all(any(re.search(p, path) for p in proposal.patterns) for path in paths)
    assert not any(re.search(p, n) for p in proposal.patterns for n in negatives)


def test_rare_shapes_are_listed_not_patterned() -> None:
    paths = [f"/story/{n}/a-{w}-story" for n, w in enumerate("abcdefghijkl", 1000)] + ["/live/odd_Thing"]
    proposal = propose_patterns(paths, ["/"])
    assert proposal.patterns == [r"^/story/\d+/[a-z0-9-]+$"] and proposal.unmatched == ["/live/odd_Thing"]


def _urlset(paths: list[str]) -> bytes:
    return (
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<url><loc>{p}</loc></url>" for p in paths)
        + "</urlset>"
    ).encode()


def test_sitemap_index_newest_children_gzip_and_guarded_redirects(
    small_site, settings_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    home, handler = small_site
    origin = home.rstrip("/")
    children = {
        day: [f"{origin}/{day.replace('-', '/')}/story-{n}-of-the-day.html" for n in "abc"]
        for day in ("2026-02-01", "2026-02-02", "2026-02-03", "2026-02-04", "2026-02-05")
    }
    index = (
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        + "".join(f"<sitemap><loc>{origin}/sm/{day}.xml.gz</loc><lastmod>{day}</lastmod></sitemap>" for day in children)
        + "</sitemapindex>"
    ).encode()
    handler.pages = {
        "/": (
            "text/html",
            b'<html><head><title>Gazette</title><link rel="alternate" type="application/rss+xml" '
            b'href="/offsite-feed"></head><body><nav><a href="http://[oops/">bad</a></nav></body></html>',
        ),
        "/robots.txt": (
            "text/plain",
            f"User-agent: *\nDisallow: /sm/2026-02-05.xml.gz\nSitemap: {origin}/index.xml\n".encode(),
        ),
        "/index.xml": ("application/xml", index),
        **{f"/sm/{day}.xml.gz": ("application/gzip", gzip.compress(_urlset(urls))) for day, urls in children.items()},
    }
    # A feed link that redirects to a loopback address settings.allow_hosts does not admit.
    handler.redirects = {"/offsite-feed": f"http://127.0.0.2:{urlsplit(home).port}/feed.xml"}
    code, out, err = _add_source(capsys, home, "--sources", str(settings_file))
    assert code == 0, err
    assert "# NOTE: feed: refused by the SSRF rule: 127.0.0.2 resolves to non-public address" in out
    assert "# NOTE: robots.txt disallows 1 of the URLs tried, e.g. " + origin + "/sm/2026-02-05.xml.gz" in out
    entry = parse_sources(out).source[0]
    assert entry.feeds == [] and [str(u) for u in entry.sitemaps] == [origin + "/index.xml"]
    assert "index, newest 3 children read; 9 URLs" in out  # 02-05 disallowed: 02-04, 02-03, 02-02 read
    assert entry.article_patterns == [r"^/\d{4}/\d{1,2}/\d{1,2}/[a-z0-9-]+\.html$"]
    assert all(entry.is_article_url(u) for urls in children.values() for u in urls)


def test_body_over_the_size_cap_is_a_note(
    small_site, settings_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home, handler = small_site
    monkeypatch.setattr(fetch, "MAX_BYTES", 4096)
    handler.pages = {
        **_Site.pages,
        "/rss.xml": ("application/rss+xml", b"<rss><channel>" + b" " * 5000 + b"</channel></rss>"),
    }
    code, out, err = _add_source(capsys, home, "--sources", str(settings_file))
    assert code == 0, err
    assert f"# NOTE: feed: {home}rss.xml: larger than the 4096 byte cap" in out
    assert parse_sources(out).source[0].feeds == []
