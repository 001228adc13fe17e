"""Bench: which real pages the article gate (wirearchive.pagekind) rejects, and why.

Runs ``wirearchive.extract.extract`` over every page of the shared real-page sets and counts
the pages flagged ``not_article_*`` per set:

* Zyte article-extraction benchmark (181 article pages): every rejection is a false rejection;
* news-pages (40 news articles): the same;
* trafilatura-eval (the pages of ``evaldata.json``: articles, blog posts, but also forums, Q&A,
  product and service pages): every rejected page is listed, to be judged by eye.

    .venv/bin/python bench/pagekind.py [--data /work/shared/data] [--processes 2]
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from wirearchive.extract import ExtractionError, extract_batch  # noqa: E402

SETS = ("zyte", "news-pages", "trafilatura-eval")


def pages(data: Path) -> Iterator[tuple[str, bytes, str, str | None, str | None]]:
    """``(key, bytes, url, content_type, wire)`` items; the key is ``set/file``."""
    zyte = data / "article-extraction-benchmark"
    for key, entry in json.loads((zyte / "ground-truth.json").read_text()).items():
        yield f"zyte/{key}", gzip.decompress((zyte / "html" / f"{key}.html.gz").read_bytes()), entry["url"], None, None
    news = data / "news-pages"
    for page in json.loads((news / "manifest.json").read_text())["pages"]:
        yield f"news-pages/{page['file']}", (news / page["file"]).read_bytes(), page["url"], None, None
    teval = data / "trafilatura-eval"
    seen: set[str] = set()
    for url, entry in json.loads((teval / "evaldata.json").read_text()).items():
        path = teval / "eval" / entry["file"]
        if entry["file"] in seen or not path.is_file():
            continue
        seen.add(entry["file"])
        yield (
            f"trafilatura-eval/{entry['file']}",
            path.read_bytes(),
            url if url.startswith("http") else f"http://example.org/eval/{entry['file']}",
            None,
            None,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--processes", type=int, default=2)
    args = parser.parse_args()
    if not (args.data / "trafilatura-eval").is_dir():
        sys.exit(f"bench/pagekind.py: the shared data folder {args.data} is missing; nothing to measure")
    items = list(pages(args.data))
    urls = {key: url for key, _, url, _, _ in items}
    totals: Counter[str] = Counter()
    rejected: dict[str, list[tuple[str, str, str]]] = {name: [] for name in SETS}
    other: Counter[str] = Counter()
    for key, result in extract_batch(items, processes=args.processes):
        name = key.split("/", 1)[0]
        totals[name] += 1
        if isinstance(result, ExtractionError):
            other[f"{name}:{result.reason}"] += 1
        elif result.not_article is not None:  # the gate's verdict: an extraction flagged not_article
            page = f"{key.split('/', 1)[1]} {urls[key]}"
            rejected[name].append((result.not_article, page, result.not_article_detail or ""))
    for name in SETS:
        reasons = Counter(reason for reason, _, _ in rejected[name])
        print(
            f"{name:<17} pages {totals[name]:>4}  rejected as not articles {len(rejected[name]):>3}  {dict(sorted(reasons.items()))}"
        )
    print(f"other failures: {dict(sorted(other.items()))}")
    for name in SETS:
        for reason, page, detail in sorted(rejected[name]):
            print(f"  {name}  {reason:<20} {page[:110]}  ({detail})")


if __name__ == "__main__":
    main()
