"""A hostile news site on 127.0.0.1 for reliability tests: good articles among many kinds of fault.

Two hosts (two ports = two hosts to the crawler), served by one subprocess:

- the **fault site** (source ``faultnews``): robots.txt (disallowing ``/private/``), an RSS feed, a
  sitemap index that lists itself, a news sitemap and a section page announcing the day's
  :data:`GOOD_ARTICLES` next to every fault path of :data:`FAULT_PATHS`, plus broken feeds
  (malformed, billion laughs, external entity) and a gzip-bomb sitemap;
- the **robots-5xx host** (source ``faultrobots``): its robots.txt answers 503, so nothing else on
  it may be fetched.

Some faults work below HTTP (connection reset, a body dripped until the client times out, a body
shorter than its Content-Length), so the handler writes to the socket itself where needed.

Run ``python -m testkit.faultsite --out DIR``; it writes ``DIR/sources.toml`` and
``DIR/ready.json`` (base URLs) once both hosts listen. From Python use :func:`serve_fault_site`.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from html import escape
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from demoworld.synth import writer
from demoworld.synth.facts import make_facts
from wirearchive.procs import stop, wait_ready

DAY = "2026-01-14"
PUBLISHED = f"{DAY}T09:30:00Z"
RSS_DATE = "Wed, 14 Jan 2026 09:30:00 +0000"
NEWS = f"/news/{DAY.replace('-', '/')}"
READY_FILE = "ready.json"
# The article size cap the registry gives the fault source (limits.max_bytes).
MAX_ARTICLE_BYTES = 200_000
STARTUP_TIMEOUT_S = 30.0
# Longest a dripping response keeps the connection open (the crawler's timeout is far shorter).
DRIP_MAX_S = 60.0

# Good article slug -> synth topic. Announced by the feed unless noted in GOOD_VIA.
GOOD_ARTICLES = {
    "quake-relief": "earthquake",
    "trade-talks": "trade",
    "election-count": "election",
    "cup-final": "sports",
    "storm-warning": "storm",
    "court-ruling": "court",
}
# Where each good article is announced (feed by default): one only in the news sitemap, one only
# on the section page, so every discovery path is exercised next to its faults.
GOOD_VIA = {"storm-warning": "sitemap", "court-ruling": "section"}

# Fault kind -> path on the fault site (the test catalog, testkit.faults, checks them).
FAULT_PATHS = {
    "http_500": f"{NEWS}/http-500.html",
    "http_502": f"{NEWS}/http-502.html",
    "http_503": f"{NEWS}/http-503.html",
    "http_429_retry_after": f"{NEWS}/http-429.html",
    "http_404": f"{NEWS}/http-404.html",
    "http_410": f"{NEWS}/http-410.html",
    "connection_reset": f"{NEWS}/reset.html",
    "drip_until_timeout": f"{NEWS}/drip.html",
    "truncated_body": f"{NEWS}/truncated.html",
    "gzip_bomb": f"{NEWS}/gzip-bomb.html",
    "pdf_at_article_url": f"{NEWS}/report.html",
    "image_at_article_url": f"{NEWS}/photo.html",
    "over_size_cap": f"{NEWS}/oversize.html",
    "redirect_loop": f"{NEWS}/loop-a.html",
    "redirect_to_forbidden_address": f"{NEWS}/internal.html",
    "robots_disallowed": f"/private/{DAY.replace('-', '/')}/members.html",
    "deeply_nested_html": f"{NEWS}/nested.html",
    "xml_bomb_article": f"{NEWS}/xhtml-laughs.html",
    "broken_html": f"{NEWS}/broken.html",
    "empty_body": f"{NEWS}/empty.html",
    "charset_missing": f"{NEWS}/charset-missing.html",
    "charset_wrong": f"{NEWS}/charset-wrong.html",
    "charset_lying": f"{NEWS}/charset-lying.html",
    "tracking_variants": f"{NEWS}/tracked.html",
    "path_traversal_url": f"{NEWS}/..%2F..%2F..%2F..%2Fetc%2Fpasswd.html",
    "malformed_feed": "/feed-broken.xml",
    "xml_billion_laughs": "/feed-laughs.xml",
    "xml_external_entity": "/feed-xxe.xml",
    "sitemap_index_self": "/sitemap-index.xml",
    "gzip_bomb_sitemap": "/sitemap-bomb.xml.gz",
}
# Tracking-parameter variants of the tracked article, as announced by feed, sitemap and section.
TRACKING_VARIANTS = ("?utm_source=rss&utm_medium=feed", "?fbclid=IwAR0fault", "")
# Where the SSRF redirect points: loopback, but not the allow-listed 127.0.0.1.
FORBIDDEN_HOST = "127.0.0.2"
# Text with characters that each wrong decoding garbles visibly.
CHARSET_WORDS = "Zürich, São Paulo and Kraków"
# Decoded size of the gzip bombs: over the archive reader's and the XML parser's 50 MB caps.
BOMB_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True)
class Reply:
    """A plain HTTP reply.

    Attributes:
        status: Status code.
        body: Body bytes.
        headers: Header name -> value (Content-Length is added).
    """

    status: int
    body: bytes = b""
    headers: tuple[tuple[str, str], ...] = ()


def article_html(
    slug: str,
    title: str,
    paragraphs: Sequence[str],
    *,
    charset: str | None = "utf-8",
    canonical: str | None = None,
    wrap: Callable[[str], str] = lambda s: s,
) -> str:
    """A news article page like the ones outlets serve (JSON-LD, OpenGraph, article markup).

    Args:
        slug: Article slug (for the canonical link).
        title: Headline.
        paragraphs: Body paragraphs.
        charset: Charset declared by ``<meta charset>``; ``None`` declares none.
        canonical: Canonical URL path (default the article path of ``slug``).
        wrap: Wraps the article body markup (to nest or break it).

    Returns:
        The HTML document.
    """
    meta = f'<meta charset="{charset}">' if charset else ""
    ld = json.dumps(
        {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": title,
            "datePublished": PUBLISHED,
            "author": {"@type": "Person", "name": "Dana Fault"},
        }
    )
    body = "\n".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head>{meta}<title>{escape(title)} | Fault News</title>
<link rel="canonical" href="{canonical or f"{NEWS}/{slug}.html"}">
<meta property="og:title" content="{escape(title)}"><meta property="og:type" content="article">
<meta property="article:published_time" content="{PUBLISHED}">
<script type="application/ld+json">{ld}</script></head>
<body><header><nav><a href="/">Home</a> <a href="/section/world">World</a></nav></header>
<main>{wrap(f'<article><h1>{escape(title)}</h1><div class="byline">By Dana Fault</div>{body}</article>')}</main>
<footer>Copyright Fault News</footer></body></html>"""


def story(slug: str, topic: str) -> tuple[str, list[str]]:
    """Headline and paragraphs of a synthetic story, the same for the same slug.

    Args:
        slug: Seeds the generator.
        topic: A synth topic name.

    Returns:
        ``(title, paragraphs)``.
    """
    rng = random.Random(slug)
    facts = make_facts(topic, date.fromisoformat(DAY), rng)
    used: set[str] = set()
    title = writer.headline(topic, facts, rng, set(), used)
    paragraphs = [writer.lead(topic, facts, rng, set(), used), *writer.body(topic, facts, rng, 5, set(), used)]
    return title, paragraphs


def _html(text: str, charset: str | None = "utf-8", encoding: str = "utf-8") -> Reply:
    ctype = f"text/html; charset={charset}" if charset else "text/html"
    return Reply(200, text.encode(encoding), (("Content-Type", ctype),))


def _feed(base: str, items: Sequence[tuple[str, str]], *, preamble: str = "", title: str = "Fault News") -> bytes:
    entries = "".join(
        f"<item><title>{t}</title><link>{base}{p}</link><pubDate>{RSS_DATE}</pubDate></item>" for p, t in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?>{preamble}<rss version="2.0"><channel>'
        f"<title>{title}</title><link>{base}/</link>{entries}</channel></rss>"
    ).encode()


def _news_sitemap(base: str, paths: Sequence[str]) -> bytes:
    urls = "".join(
        f"<url><loc>{escape(base + p)}</loc><news:news><news:publication_date>{PUBLISHED}</news:publication_date>"
        "</news:news></url>"
        for p in paths
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">{urls}</urlset>'
    ).encode()


def build_routes(base: str) -> dict[str, Reply | str]:
    """Every path of the fault site: a :class:`Reply`, or the name of a socket-level behaviour.

    Args:
        base: The fault site's base URL, ``http://127.0.0.1:<port>``.

    Returns:
        Path -> reply or behaviour (``reset``, ``drip``, ``truncate``, ``once_429``).
    """
    port = urlsplit(base).port
    xml = (("Content-Type", "application/xml"),)
    routes: dict[str, Reply | str] = {
        "/robots.txt": Reply(200, b"User-agent: *\nDisallow: /private/\n", (("Content-Type", "text/plain"),))
    }
    good_paths = {slug: f"{NEWS}/{slug}.html" for slug in GOOD_ARTICLES}
    for slug, topic in GOOD_ARTICLES.items():
        routes[good_paths[slug]] = _html(article_html(slug, *story(slug, topic)))
    f = FAULT_PATHS
    for code in (500, 502, 503, 404, 410):
        routes[f[f"http_{code}"]] = Reply(
            code, f"<html><body><h1>Error {code}</h1></body></html>".encode(), (("Content-Type", "text/html"),)
        )
    routes[f["http_429_retry_after"]] = "once_429"
    routes[f["connection_reset"]] = "reset"
    routes[f["drip_until_timeout"]] = "drip"
    routes[f["truncated_body"]] = "truncate"
    bomb = gzip.compress(b"\0" * BOMB_BYTES, compresslevel=9)
    routes[f["gzip_bomb"]] = Reply(
        200, bomb, (("Content-Type", "text/html; charset=utf-8"), ("Content-Encoding", "gzip"))
    )
    routes[f["pdf_at_article_url"]] = Reply(
        200,
        b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
        (("Content-Type", "application/pdf"),),
    )
    png = (
        b"\x89PNG\r\n\x1a\n"
        + struct.pack(">I", 13)
        + b"IHDR"
        + struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
        + b"\0" * 4
    )
    routes[f["image_at_article_url"]] = Reply(200, png, (("Content-Type", "image/png"),))
    title, paras = story("oversize", "trade")
    routes[f["over_size_cap"]] = _html(article_html("oversize", title, paras * (MAX_ARTICLE_BYTES // 400)))
    routes[f["redirect_loop"]] = Reply(302, b"", (("Location", f"{NEWS}/loop-b.html"),))
    routes[f"{NEWS}/loop-b.html"] = Reply(302, b"", (("Location", f["redirect_loop"]),))
    routes[f["redirect_to_forbidden_address"]] = Reply(
        302, b"", (("Location", f"http://{FORBIDDEN_HOST}:{port}{NEWS}/admin.html"),)
    )
    routes[f["robots_disallowed"]] = _html(article_html("members", *story("members", "election")))
    title, paras = story("nested", "protest")
    routes[f["deeply_nested_html"]] = _html(
        article_html("nested", title, paras, wrap=lambda s: "<div>" * 5000 + s + "</div>" * 5000)
    )
    title, paras = story("broken", "attack")
    broken = article_html(
        "broken", title, paras, wrap=lambda s: "<table><tr><td><b><i>" + s.replace("</p>", "") + "</span></table></td>"
    )
    routes[f["broken_html"]] = _html(broken.replace("</body></html>", "<p unclosed='x"))
    routes[f["empty_body"]] = Reply(200, b"", (("Content-Type", "text/html; charset=utf-8"),))
    for kind, charset, meta, encoding in (
        ("charset_missing", None, None, "utf-8"),
        ("charset_wrong", "windows-1251", None, "utf-8"),
        ("charset_lying", "utf-8", "utf-8", "windows-1252"),
    ):
        title, paras = story(kind, "storm")
        page = article_html(
            kind.replace("_", "-"),
            f"{title} near {CHARSET_WORDS}",
            [f"Rescuers from {CHARSET_WORDS} joined the effort.", *paras],
            charset=meta,
        )
        routes[f[kind]] = _html(page, charset, encoding)
    title, paras = story("tracked", "protest")
    routes[f["tracking_variants"]] = _html(article_html("tracked", title, paras))
    feed_items = [(good_paths[s], s) for s in GOOD_ARTICLES if s not in GOOD_VIA]
    feed_faults = [
        k for k in FAULT_PATHS if FAULT_PATHS[k].startswith(("/news/", "/private/")) and k != "tracking_variants"
    ]
    feed_items += [(escape(FAULT_PATHS[k]), k) for k in feed_faults]
    feed_items.append((escape(f["tracking_variants"] + TRACKING_VARIANTS[0]), "tracked"))
    routes["/feed.xml"] = Reply(200, _feed(base, feed_items), xml)
    routes[f["malformed_feed"]] = Reply(200, b"<?xml version='1.0'?><rss><channel><item><title>cut off", xml)
    laughs = (
        '<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10}">' for i in range(2, 10))
        + "]>"
    )
    title, paras = story("xhtml-laughs", "court")
    xhtml = laughs.replace("DOCTYPE rss", "DOCTYPE html") + article_html(
        "xhtml-laughs", title, ["&lol9;", *paras]
    ).replace("<!DOCTYPE html>", "")
    routes[f["xml_bomb_article"]] = Reply(
        200, xhtml.replace("&amp;lol9;", "&lol9;").encode(), (("Content-Type", "application/xhtml+xml"),)
    )
    routes[f["xml_billion_laughs"]] = Reply(
        200, _feed(base, [(f"{NEWS}/laughs-&lol9;.html", "&lol9;")], preamble=laughs), xml
    )
    xxe = '<!DOCTYPE rss [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    routes[f["xml_external_entity"]] = Reply(200, _feed(base, [(f"{NEWS}/xxe-&xxe;.html", "&xxe;")], preamble=xxe), xml)
    routes[f["sitemap_index_self"]] = Reply(
        200,
        (
            '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
            f"<sitemap><loc>{base}{f['sitemap_index_self']}</loc></sitemap>"
            f"<sitemap><loc>{base}/news-sitemap.xml</loc></sitemap></sitemapindex>"
        ).encode(),
        xml,
    )
    routes["/news-sitemap.xml"] = Reply(
        200,
        _news_sitemap(
            base, [good_paths["storm-warning"], f["http_404"], f["tracking_variants"] + TRACKING_VARIANTS[1]]
        ),
        xml,
    )
    routes[f["gzip_bomb_sitemap"]] = Reply(200, bomb, (("Content-Type", "application/gzip"),))
    links = [good_paths["court-ruling"], f["deeply_nested_html"], f["tracking_variants"]]
    section = "".join(f'<li><a href="{escape(p)}">{escape(p)}</a></li>' for p in links)
    routes["/section/world"] = _html(
        f"<!DOCTYPE html><html><head><title>World</title></head><body><ul>{section}</ul></body></html>"
    )
    return routes


def _robots_5xx_routes() -> dict[str, Reply | str]:
    title, paras = story("hidden", "earthquake")
    return {
        "/robots.txt": Reply(
            503, b"<html><body>maintenance</body></html>", (("Content-Type", "text/html"), ("Retry-After", "3600"))
        ),
        "/feed.xml": Reply(200, b"", (("Content-Type", "application/xml"),)),
        f"{NEWS}/hidden.html": _html(article_html("hidden", title, paras)),
    }


def _handler(routes: dict[str, Reply | str]) -> type[BaseHTTPRequestHandler]:
    seen: set[str] = set()
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - stdlib name
            return

        def finish(self) -> None:
            try:
                super().finish()
            except OSError:
                pass  # the reset and drip behaviours leave a closed or broken socket

        def do_GET(self) -> None:  # noqa: N802 - stdlib name
            target = self.path.split("#", 1)[0]
            route = (
                routes.get(target)
                or routes.get(target.split("?", 1)[0])
                or Reply(404, b"not found", (("Content-Type", "text/plain"),))
            )
            if isinstance(route, Reply):
                self._reply(route)
            elif route == "once_429":
                with lock:
                    first = target not in seen
                    seen.add(target)
                if first:
                    self._reply(Reply(429, b"slow down", (("Retry-After", "1"), ("Content-Type", "text/plain"))))
                else:
                    self._reply(_html(article_html("http-429", *story("http-429", "trade"))))
            else:
                getattr(self, f"_{route}")()

        def _reply(self, reply: Reply) -> None:
            self.send_response(reply.status)
            for name, value in reply.headers:
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        def _reset(self) -> None:
            # SO_LINGER 0: close() sends a TCP RST instead of a FIN.
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.connection.close()
            self.close_connection = True

        def _drip(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", "100000")
            self.end_headers()
            deadline = time.monotonic() + DRIP_MAX_S
            try:
                while time.monotonic() < deadline:
                    self.wfile.write(b"<")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                pass
            self.close_connection = True

        def _truncate(self) -> None:
            body = article_html("truncated", *story("truncated", "trade")).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body) * 4))
            self.end_headers()
            self.wfile.write(body)
            self.close_connection = True

    return Handler


def registry_toml(base: str, robots_base: str) -> str:
    """The sources registry of the fault site's two hosts.

    Args:
        base: Fault site base URL.
        robots_base: Robots-5xx host base URL.

    Returns:
        TOML text.
    """
    f = FAULT_PATHS
    feeds = [
        f"{base}/feed.xml",
        *(base + f[k] for k in ("malformed_feed", "xml_billion_laughs", "xml_external_entity")),
    ]
    return f"""[settings]
allow_hosts = ["127.0.0.1"]

[[source]]
id = "faultnews"
name = "Fault News"
kind = "outlet"
home = "{base}/"
feeds = {json.dumps(feeds)}
sitemaps = ["{base}{f["sitemap_index_self"]}", "{base}{f["gzip_bomb_sitemap"]}"]
sections = ["{base}/section/world"]
article_patterns = ["^/(news|private)/"]

[source.limits]
max_bytes = {MAX_ARTICLE_BYTES}

[[source]]
id = "faultrobots"
name = "Robots 5xx News"
kind = "outlet"
home = "{robots_base}/"
feeds = ["{robots_base}/feed.xml"]
article_patterns = ["^/news/"]
"""


def main(argv: Sequence[str] | None = None) -> int:
    """Serve both hosts until terminated; write ``sources.toml`` and ``ready.json`` into ``--out``."""
    parser = argparse.ArgumentParser(prog="python -m testkit.faultsite", description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="folder for sources.toml and ready.json")
    args = parser.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), BaseHTTPRequestHandler) for _ in range(2)]
    bases = [f"http://127.0.0.1:{s.server_port}" for s in servers]
    servers[0].RequestHandlerClass = _handler(build_routes(bases[0]))
    servers[1].RequestHandlerClass = _handler(_robots_5xx_routes())
    for server in servers:
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
    (out / "sources.toml").write_text(registry_toml(*bases), encoding="utf-8")
    tmp = out / f".{READY_FILE}.tmp"
    tmp.write_text(json.dumps({"base": bases[0], "robots_base": bases[1], "day": DAY}), encoding="utf-8")
    os.replace(tmp, out / READY_FILE)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    return 0


@dataclass(frozen=True)
class RunningFaultSite:
    """A fault site served by a subprocess.

    Attributes:
        base: Fault site base URL.
        robots_base: Robots-5xx host base URL.
        sources_path: The registry naming both hosts.
        day: The partition day its feeds and sitemaps announce.
    """

    base: str
    robots_base: str
    sources_path: Path
    day: str


@contextmanager
def serve_fault_site(out_dir: Path) -> Iterator[RunningFaultSite]:
    """Run the fault site in a subprocess for the duration of a ``with`` block.

    Args:
        out_dir: Folder for ``sources.toml``, ``ready.json`` and the server log (created).

    Yields:
        The running site, once it listens.

    Raises:
        RuntimeError: The server exited or did not start within :data:`STARTUP_TIMEOUT_S`.
    """
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    (out / READY_FILE).unlink(missing_ok=True)
    env = dict(os.environ)
    package_root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (package_root, env.get("PYTHONPATH")) if p)
    with (out / "server.log").open("wb") as log:
        proc = subprocess.Popen(
            [sys.executable, "-m", "testkit.faultsite", "--out", str(out)],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
        )
    try:
        wait_ready((out / READY_FILE).exists, proc, out / "server.log", "fault site", STARTUP_TIMEOUT_S)
        info = json.loads((out / READY_FILE).read_text(encoding="utf-8"))
        yield RunningFaultSite(info["base"], info["robots_base"], out / "sources.toml", info["day"])
    finally:
        stop(proc)


if __name__ == "__main__":
    sys.exit(main())
