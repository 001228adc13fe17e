"""Bench: the real pipeline over real pages, scored with trafilatura's evaluation snippets.

Serves the pages of ``../shared/data/trafilatura-eval`` (``evaldata.json`` + ``eval/``) on
127.0.0.1 as four outlets (``tests/mockserver.py``, one subprocess each): robots.txt, an RSS feed
and a news sitemap listing the pages with publication times on one day, the original bytes,
some gzipped, UTF-8 pages with and without a charset in ``Content-Type``, and non-UTF-8 pages
with their charset in the HTTP header or with none at all. Next to them, each outlet lists the
self-written non-article pages of :mod:`testkit.nonarticles` (a status board, a Q&A
thread, a newsletter signup page, a tag page) as if they were articles.

Then ``wirearchive run DAY`` runs as a user runs it (the Dagster job: Scrapy crawl subprocess,
WARC archive, extraction, dedupe, DuckDB catalog) with a temporary data folder and sources file,
and the articles are read back from the warehouse. Printed:

* snippet precision/recall/F1 inside the pipeline (``articles.body``; a page with no article
  row counts as a full miss, as a crash does in trafilatura's ``eval_common``) next to bare
  ``trafilatura.extract()`` on the same bytes, with ``eval_common``'s options (its outputs are
  cached in ``bench/out/``, keyed by page bytes and trafilatura version);
* how many of the self-written non-article pages came out as articles;
* pages crawled, articles, failures by reason, and the eval pages the article gate rejected.

    .venv/bin/python bench/pipeline_real.py [--limit N] [--data /work/shared/data] [--keep DIR]
"""

from __future__ import annotations

import argparse
import hashlib
import html
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import duckdb
import trafilatura
from charset_normalizer import from_bytes

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import trafeval  # noqa: E402 - the snippet scoring of bench/extraction.py

from testkit.nonarticles import NON_ARTICLES  # noqa: E402
from tests.mockserver import MockServer  # noqa: E402 - needs the repo on sys.path
from wirearchive.pagekind import REASONS  # noqa: E402

DAY = "2026-03-05"
OUTLETS = 4
# Loopback crawl: a fixed 20 ms minimum between requests to a host (limits.delay, which also keeps
# AutoThrottle from raising it) and 4 at a time per host -- polite in shape, fast on loopback.
DELAY_S = 0.02
CONCURRENCY = 4
RUN_TIMEOUT_S = 1800
# trafilatura's eval_common.EXTRACT_OPTS (see ../shared/data/trafilatura-eval/eval_common.py.txt)
EXTRACT_OPTS = {"include_comments": False, "include_tables": True, "include_formatting": False}
_UNSAFE = re.compile(r"[^A-Za-z0-9._/-]+")
# Where the self-written non-articles are served: URLs shaped like such pages' on real sites.
NON_ARTICLE_PATHS = {
    "status_page": "/news/status/london-euston",
    "qa_thread": "/news/q/1234/event-or-state-passive",
    "newsletter_page": "/news/newsletters/morning-briefing",
    "tag_page": "/news/tag/climate",
}
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


@dataclass
class Page:
    """One served page."""

    file: str
    path: str
    outlet: int
    data: bytes
    content_type: str
    item: dict | None  # evaldata entry; None for a self-written non-article page
    expected_reason: str | None = None


def count_item(item: dict, result: str | None) -> tuple[int, int, int, int]:
    """Per-page (tp, fp, fn, tn) of an evaldata entry, scored as :func:`trafeval.count_entry`."""
    entry = trafeval.Entry(key="", url="", file=item["file"], with_=tuple(item["with"]), without=tuple(item["without"]))
    return trafeval.count_entry(entry, result)


def served_path(index: int, url: str) -> str:
    """The page's original host, path and query under ``/news/<index>/``, in URL-safe characters.

    The URL signals the gate reads (forum and thread paths, navigation paths) then see what the
    crawler of the original site would have seen.
    """
    parts = urlsplit(url)
    tail = parts.path.rstrip("/") + ("-" + parts.query if parts.query else "")
    return f"/news/{index:04d}/" + _UNSAFE.sub("-", unquote(parts.netloc + tail)).strip("-")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _content_type(data: bytes, index: int) -> str:
    """UTF-8 pages: every third without a charset. Others: charset in the header or none, alternately."""
    if not _is_utf8(data):
        if index % 2:
            return "text/html"
        declared = _META_CHARSET.search(data[:4096])
        best = None if declared else from_bytes(data[:200_000]).best()
        name = declared.group(1).decode("ascii") if declared else (best.encoding if best else "windows-1252")
        return f"text/html; charset={name}"
    return "text/html" if index % 3 == 0 else "text/html; charset=utf-8"


def load_pages(data_dir: Path, limit: int) -> list[Page]:
    """The eval pages (one per file, sorted by file name, the first ``limit``) and the non-articles."""
    teval = data_dir / "trafilatura-eval"
    evaldata = json.loads((teval / "evaldata.json").read_text(encoding="utf-8"))
    by_file: dict[str, dict] = {}
    for url, entry in evaldata.items():
        if (teval / "eval" / entry["file"]).is_file():
            by_file.setdefault(
                entry["file"],
                {**entry, "url": url if url.startswith("http") else f"http://example.org/eval/{entry['file']}"},
            )
    files = sorted(by_file)[: limit or None]
    pages = []
    for i, name in enumerate(files):
        raw = (teval / "eval" / name).read_bytes()
        entry = by_file[name]
        pages.append(Page(name, served_path(i, entry["url"]), i % OUTLETS, raw, _content_type(raw, i), entry))
    for outlet in range(OUTLETS):
        for builder, reason in NON_ARTICLES.items():
            body = builder().encode("utf-8")
            path = NON_ARTICLE_PATHS[builder.__name__]
            pages.append(Page(builder.__name__, path, outlet, body, "text/html; charset=utf-8", None, reason))
    return pages


def write_site(root: Path, pages: list[Page]) -> None:
    """One outlet's folder: robots.txt, feed.xml, sitemap.xml, the pages and their routes."""
    root.mkdir(parents=True)
    (root / "robots.txt").write_text("User-agent: *\nDisallow: /private/\nSitemap: {{base}}/sitemap.xml\n")
    start = datetime.fromisoformat(DAY).replace(tzinfo=UTC)
    routes, items, urls = {}, [], []
    for n, page in enumerate(pages):
        file = root / page.path.lstrip("/")
        file.parent.mkdir(parents=True, exist_ok=True)
        file.write_bytes(page.data)
        routes[page.path] = {"headers": {"Content-Type": page.content_type}, "gzip": n % 5 == 4}
        when = start + timedelta(seconds=60 * n)
        title = html.escape(page.file)
        if n % 2 == 0:  # the feed lists half, the sitemap all
            items.append(
                f"<item><title>{title}</title><link>{{{{base}}}}{page.path}</link>"
                f"<pubDate>{when.strftime('%a, %d %b %Y %H:%M:%S +0000')}</pubDate></item>"
            )
        urls.append(
            f"<url><loc>{{{{base}}}}{page.path}</loc><news:news><news:publication>"
            f"<news:name>Outlet</news:name><news:language>en</news:language></news:publication>"
            f"<news:publication_date>{when.isoformat()}</news:publication_date><news:title>{title}"
            f"</news:title></news:news></url>"
        )
    (root / "feed.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Outlet</title>'
        f"<link>{{{{base}}}}/</link>{''.join(items)}</channel></rss>\n",
        encoding="utf-8",
    )
    (root / "sitemap.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n' + "\n".join(urls) + "\n</urlset>\n",
        encoding="utf-8",
    )
    (root / "_routes.json").write_text(json.dumps(routes))


def write_sources(path: Path, bases: list[str]) -> None:
    """The registry of the outlets."""
    lines = ['[settings]\nallow_hosts = ["127.0.0.1"]\n']
    for i, base in enumerate(bases):
        lines.append(
            f'[[source]]\nid = "outlet{i}"\nname = "Real pages outlet {i}"\nkind = "outlet"\nhome = "{base}/"\n'
            f'feeds = ["{base}/feed.xml"]\nsitemaps = ["{base}/sitemap.xml"]\narticle_patterns = ["^/news/"]\n'
            f"[source.limits]\nmax_pages = 2000\nconcurrency = {CONCURRENCY}\ndelay = {DELAY_S}\nmax_bytes = 10000000\n"
        )
    path.write_text("\n".join(lines), encoding="utf-8")


def run_pipeline(work: Path, sources: Path) -> tuple[int, float, str]:
    """``wirearchive run DAY`` with a temp data folder and Dagster home; exit code, seconds, output."""
    env = {**os.environ, "DAGSTER_HOME": str(work / "dagster"), "WIREARCHIVE_TODAY": DAY}
    cli = [
        sys.executable,
        "-m",
        "wirearchive.cli",
        "run",
        DAY,
        "--sources",
        str(sources),
        "--data-dir",
        str(work / "data"),
    ]
    started = time.monotonic()
    done = subprocess.run(cli, cwd=ROOT, env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT_S, check=False)
    return done.returncode, time.monotonic() - started, done.stdout + done.stderr


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared data folder")
    parser.add_argument("--limit", type=int, default=0, help="first N eval pages by file name (0: all)")
    parser.add_argument("--keep", type=Path, help="work in this (empty) folder and keep it")
    args = parser.parse_args()
    if not (args.data / "trafilatura-eval" / "evaldata.json").is_file():
        sys.exit(
            f"bench/pipeline_real.py: {args.data}/trafilatura-eval is missing: this bench needs the team's "
            "shared data (/work/shared/data); nothing was measured"
        )
    pages = load_pages(args.data, args.limit)
    with ExitStack() as stack:
        work = args.keep.resolve() if args.keep else Path(stack.enter_context(tempfile.TemporaryDirectory()))
        bases = []
        for outlet in range(OUTLETS):
            site = work / "sites" / f"outlet{outlet}"
            write_site(site, [p for p in pages if p.outlet == outlet])
            bases.append(stack.enter_context(MockServer(site)).base)
        write_sources(work / "sources.toml", bases)
        code, seconds, output = run_pipeline(work, work / "sources.toml")
        if code != 0:
            sys.exit(f"wirearchive run failed (exit {code}):\n{output[-4000:]}")
        report(pages, bases, work / "data" / "wirearchive.duckdb", seconds)


def bare_outputs(pages: list[Page]) -> dict[str, str | None]:
    """Bare ``trafilatura.extract`` on each page's bytes, cached in bench/out/ by content and version."""
    cache_path = ROOT / "bench" / "out" / f"pipeline_real_bare_{trafilatura.__version__}.json"
    cache = json.loads(cache_path.read_text()) if cache_path.is_file() else {}
    outputs = {}
    for page in pages:
        key = hashlib.sha1(page.data).hexdigest()
        if key not in cache:
            cache[key] = trafilatura.extract(page.data, **EXTRACT_OPTS)
        outputs[page.file] = cache[key]
    cache_path.parent.mkdir(parents=True, exist_ok=True)
    cache_path.write_text(json.dumps(cache))
    return outputs


def report(pages: list[Page], bases: list[str], catalog: Path, seconds: float) -> None:
    """Read the warehouse back and print the figures."""
    with duckdb.connect(str(catalog), read_only=True) as con:
        bodies = dict(con.execute("select url, body from articles where not_article is null").fetchall())
        failures = dict(con.execute("select url, reason from failures").fetchall())
        # pages the article gate turned away are articles rows flagged not_article; counted as its rejections
        flagged = dict(con.execute("select url, not_article from articles where not_article is not null").fetchall())
        failures.update(flagged)
        crawled = con.execute("select count(*) from captures where kind = 'article' and status = 200").fetchone()[0]
        by_kind = con.execute("select kind, count(*) from captures group by all order by 1").fetchall()
    url = {id(p): bases[p.outlet] + p.path for p in pages}
    evals = [p for p in pages if p.item is not None]
    ours, bare, ours_found, bare_found = [], [], [], []
    baseline = bare_outputs(evals)
    for page in evals:
        body = bodies.get(url[id(page)])
        theirs = baseline[page.file]
        ours.append(count_item(page.item, body))
        bare.append(count_item(page.item, theirs))
        if body is not None:
            ours_found.append(ours[-1])
            bare_found.append(bare[-1])
    charsets = Counter(
        ("utf-8" if _is_utf8(p.data) else "not utf-8")
        + (", charset in header" if "charset" in p.content_type else ", no charset in header")
        for p in evals
    )
    print(
        f"served: {len(evals)} eval pages ({dict(charsets)}) + {len(pages) - len(evals)} self-written non-articles, "
        f"{len(bases)} outlets; wirearchive run {seconds:.0f} s"
    )
    print(f"captures by kind: {dict(by_kind)}")
    print(
        f"pages crawled (article captures, 200): {crawled}  news articles: {len(bodies)}  flagged not_article:"
        f" {len(flagged)}  failures: {len(failures) - len(flagged)}"
    )
    print(f"failures and not_article flags by reason: {dict(Counter(failures.values()).most_common())}")
    for label, counts in (("all eval pages", (ours, bare)), ("pages the pipeline published", (ours_found, bare_found))):
        (p1, r1, f1), (p2, r2, f2) = trafeval.scores(counts[0]), trafeval.scores(counts[1])
        print(
            f"snippet F1, {label} ({len(counts[0])}): pipeline {f1:.3f} (P {p1:.3f} R {r1:.3f})   "
            f"bare trafilatura.extract {f2:.3f} (P {p2:.3f} R {r2:.3f})"
        )
    nonart = [p for p in pages if p.item is None]
    accepted = [p for p in nonart if url[id(p)] in bodies]
    wrong = [p for p in nonart if url[id(p)] not in bodies and failures.get(url[id(p)]) != p.expected_reason]
    print(
        f"non-article pages accepted as articles: {len(accepted)}/{len(nonart)} "
        f"({Counter(p.file for p in accepted) or 'none'}); rejected with another reason: {len(wrong)}"
    )
    gated = sorted((failures[url[id(p)]], p.file) for p in evals if failures.get(url[id(p)]) in REASONS)
    print(f"eval pages the article gate rejected: {len(gated)}")
    for reason, name in gated:
        print(f"  {reason:<20} {name}")
    other = sorted(
        (failures[url[id(p)]], p.file) for p in evals if url[id(p)] in failures and failures[url[id(p)]] not in REASONS
    )
    missing = [p.file for p in evals if url[id(p)] not in bodies and url[id(p)] not in failures]
    print(f"eval pages failed otherwise: {other or 'none'}; neither article nor failure: {missing or 'none'}")


if __name__ == "__main__":
    main()
