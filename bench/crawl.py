"""Bench: crawl + archive throughput against a plain Scrapy spider, same site, same run.

Generates a site of N article pages (listed in a news sitemap) in a temp folder, serves it on
127.0.0.1 with ``tests/mockserver.py``, then alternates, each in its own subprocess:

(a) ``python -m spiders.run`` -- discovery, robots.txt, SSRF guard, WARC + capture index;
(b) a plain Scrapy spider fetching the same article URLs with stock settings and no archiving.

Both use the same concurrency (AutoThrottle off for (a), stock Scrapy has it off) and log level.
Each reports, measured inside its process from CrawlerProcess creation to the end of the crawl,
pages per wall second and CPU milliseconds per page. Rounds alternate (a) and (b); the medians
and the ratio (a)/(b) of pages/s are printed. Goal: ratio >= 0.8. On a shared machine wall time is
noisy (other processes take the cores); CPU per page is the steadier figure of the overhead.

Usage: ``.venv/bin/python bench/crawl.py [--pages 400] [--rounds 3]``
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.mockserver import MockServer  # noqa: E402 - needs the repo on sys.path

DAY = "2026-11-20"
CONCURRENCY = 16  # per host, both sides
PARAGRAPH = "<p>" + "Wire copy for the crawl benchmark, written by the generator. " * 12 + "</p>\n"


def generate_site(root: Path, pages: int) -> list[str]:
    """Write robots.txt, a news sitemap and ``pages`` article pages; return their paths."""
    paths = [f"/2026/11/20/story-{i:04d}.html" for i in range(pages)]
    (root / "2026" / "11" / "20").mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\n")
    urls = "".join(
        f"<url><loc>{{{{base}}}}{p}</loc><news:news><news:publication_date>2026-11-20T{i % 24:02d}:00:00Z"
        f"</news:publication_date></news:news></url>\n"
        for i, p in enumerate(paths)
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        f'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n{urls}</urlset>\n'
    )
    for i, path in enumerate(paths):
        body = f"<!doctype html><html><head><title>Story {i}</title></head><body><article><h1>Story {i}</h1>\n"
        (root / path.lstrip("/")).write_text(body + PARAGRAPH * 8 + "</article></body></html>\n")
    return paths


def run_archiving(base: str, work: Path, round_no: int) -> tuple[int, float, float]:
    """One crawl with archiving; returns (article pages fetched, wall seconds, CPU seconds)."""
    registry = work / "sources.toml"
    registry.write_text(
        f'[settings]\nallow_hosts = ["127.0.0.1"]\n[[source]]\nid = "bench"\nname = "Bench"\nkind = "wire"\n'
        f'home = "{base}/"\nsitemaps = ["{base}/sitemap.xml"]\narticle_patterns = ["^/2026/"]\n'
        f"[source.limits]\nconcurrency = {CONCURRENCY}\n"
    )
    env = os.environ | {"PYTHONPATH": str(REPO), "WIREARCHIVE_AUTOTHROTTLE": "0", "WIREARCHIVE_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "spiders.run", "--date", DAY, "--sources", str(registry)]
    command += ["--data-dir", str(work / f"data-{round_no}")]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True)
    summary = json.loads(result.stdout.strip().splitlines()[-1])
    return summary["pages_by_kind"].get("article", 0), summary["elapsed_s"], summary["cpu_s"]


def run_plain(urls_file: Path) -> tuple[int, float, float]:
    """One plain Scrapy crawl of the same URLs; returns (pages fetched, wall seconds, CPU seconds)."""
    env = os.environ | {"PYTHONPATH": str(REPO)}
    command = [sys.executable, __file__, "--plain", str(urls_file)]
    result = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=True)
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    return figures["pages"], figures["elapsed_s"], figures["cpu_s"]


def plain_crawl(urls_file: Path) -> None:
    """Child process of :func:`run_plain`: stock Scrapy, same concurrency, prints JSON figures."""
    import scrapy
    from scrapy.crawler import CrawlerProcess

    urls = urls_file.read_text().split()

    class PlainSpider(scrapy.Spider):
        name = "plain"

        async def start(self):
            for url in urls:
                yield scrapy.Request(url, callback=self.parse)

        def parse(self, response):
            return None

    started, cpu_started = time.monotonic(), time.process_time()
    process = CrawlerProcess(
        {
            "LOG_LEVEL": "WARNING",
            "ROBOTSTXT_OBEY": True,
            "TELNETCONSOLE_ENABLED": False,
            "CONCURRENT_REQUESTS": 32,
            "CONCURRENT_REQUESTS_PER_DOMAIN": CONCURRENCY,
        }
    )
    crawler = process.create_crawler(PlainSpider)
    process.crawl(crawler)
    process.start()
    pages = crawler.stats.get_value("response_received_count", 0) - 1  # minus robots.txt
    elapsed, cpu = time.monotonic() - started, time.process_time() - cpu_started
    print(json.dumps({"pages": pages, "elapsed_s": elapsed, "cpu_s": cpu}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--plain", type=Path, help=argparse.SUPPRESS)
    options = parser.parse_args()
    if options.plain:
        plain_crawl(options.plain)
        return
    with tempfile.TemporaryDirectory(prefix="wa-bench-") as tmp:
        work = Path(tmp)
        site = work / "site"
        paths = generate_site(site, options.pages)
        with MockServer(site) as server:
            urls_file = work / "urls.txt"
            urls_file.write_text("\n".join(server.url(p) for p in paths))
            rates: dict[str, list[float]] = {"archive": [], "plain": []}
            cpu_ms: dict[str, list[float]] = {"archive": [], "plain": []}
            for round_no in range(options.rounds):
                for name, (pages, wall, cpu) in (
                    ("archive", run_archiving(server.base, work, round_no)),
                    ("plain", run_plain(urls_file)),
                ):
                    rates[name].append(pages / wall)
                    cpu_ms[name].append(1000 * cpu / pages)
                    print(f"round {round_no} {name:7s}: {pages} pages, {wall:.2f}s wall, {cpu:.2f}s CPU")
        warc_bytes = sum(p.stat().st_size for p in work.glob("data-*/archive/date=*/*.warc.gz")) / options.rounds
    a, b = statistics.median(rates["archive"]), statistics.median(rates["plain"])
    ca, cb = statistics.median(cpu_ms["archive"]), statistics.median(cpu_ms["plain"])
    print(f"crawl+archive: {a:6.1f} pages/s, {ca:.2f} ms CPU/page (median of {options.rounds})")
    print(f"plain scrapy:  {b:6.1f} pages/s, {cb:.2f} ms CPU/page (median of {options.rounds})")
    print(f"ratio pages/s: {a / b:.2f} (goal >= 0.8); CPU/page ratio plain/archive: {cb / ca:.2f}")
    print(f"WARC bytes per crawl: {warc_bytes / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
