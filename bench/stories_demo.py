"""Story bench on the demo world: its pages extracted, grouped day by day, scored against its truth.

The same path as ``tests/e2e/test_demo.py`` without the crawl and Dagster (``extract`` ->
``to_article_row`` -> ``article_signatures`` -> ``assign_days``), in about a minute:

    .venv/bin/python bench/stories_demo.py [--seed 7] [--config pipeline|no-passages]

Prints same-story pair recall and precision (the e2e test needs R >= 0.85, P >= 0.95), the
cross-event pairs merged and the spun copies labelled ``derived``.
"""

from __future__ import annotations

import argparse
import itertools
import sys
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

import pyarrow as pa

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from stories import CONFIGS  # noqa: E402  (bench/stories.py)

from demoworld.world import build_world  # noqa: E402
from wirearchive.capture import Capture  # noqa: E402
from wirearchive.dedupe import StoryConfig, article_signatures, news_articles  # noqa: E402
from wirearchive.dedupe import stories as story_module  # noqa: E402
from wirearchive.dedupe.grouping import assign_days  # noqa: E402
from wirearchive.dedupe.match import NONE  # noqa: E402
from wirearchive.extract import extract  # noqa: E402
from wirearchive.normalize import filing_day, to_article_row  # noqa: E402
from wirearchive.tables import ARTICLES  # noqa: E402

RULES = ("none", "body", "copy", "skeleton", "passage", "sentence", "paraphrase", "partial")


def demo_rows(seed: int) -> tuple[dict[date, list[dict]], dict[str, tuple[str, str, str]], set[str]]:
    """ARTICLES rows of the demo world by filing day, truth ``(story_key, event_key, variant)`` by
    article id, and the wire sources."""
    world = build_world(seed)
    base = {site: f"http://127.0.0.1:{8800 + i}" for i, site in enumerate(world.sites)}
    by_day: dict[date, list[dict]] = defaultdict(list)
    truth = {}
    for n, article in enumerate(world.articles()):
        spec = world.sites[article.site].spec
        payload, content_type = world.page_bytes(article.site, article.path, base) or (b"", "")
        url = base[article.site] + article.path
        capture = Capture(
            capture_id=f"urn:demo:{n}",
            crawl_id="bench",
            source_id=spec.id,
            url=url,
            kind="article",
            status=200,
            fetched_at=article.doc.published_at,
            content_type=content_type,
        )
        row = to_article_row(capture, extract(payload, url, content_type=content_type, default_wire=spec.wire))
        by_day[date.fromisoformat(filing_day(row["published_at"], capture.fetched_at))].append(row)
        truth[row["article_id"]] = (article.doc.story_key, article.doc.event_key, article.doc.variant)
    wires = {site.spec.id for site in world.sites.values() if site.spec.kind == "wire"}
    return by_day, truth, wires


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--config", choices=sorted(CONFIGS), default="pipeline")
    parser.add_argument("--rules", action="store_true", help="also count the cross-event links by rule")
    args = parser.parse_args()
    by_day, truth, wires = demo_rows(args.seed)
    cross_rules: Counter = Counter()
    if args.rules:
        plain = story_module.linked

        def counting(win, i, j, config):  # the cross-event links by rule, then the verdict unchanged
            links = plain(win, i, j, config)
            for a, b, r in zip(win.article_id[i], win.article_id[j], links.rule, strict=True):
                if r != NONE and truth[a][1] != truth[b][1]:
                    cross_rules[RULES[r]] += 1
            return links

        story_module.linked = counting
    signatures = {
        day: article_signatures(news_articles(pa.Table.from_pylist(rows, schema=ARTICLES)))
        for day, rows in by_day.items()
    }
    config = StoryConfig(**CONFIGS[args.config])
    story, relation = {}, {}
    for _, members in assign_days(list(signatures), signatures.get, config=config, wire_sources=wires):
        story.update(zip(members["article_id"].to_pylist(), members["story_id"].to_pylist(), strict=True))
        relation.update(zip(members["article_id"].to_pylist(), members["relation"].to_pylist(), strict=True))
    same_truth = same_found = both = cross_event = 0
    for a, b in itertools.combinations(sorted(story), 2):
        t, f = truth[a][0] == truth[b][0], story[a] == story[b]
        same_truth += t
        same_found += f
        both += t and f
        cross_event += f and truth[a][1] != truth[b][1]
    print(
        f"demo world seed {args.seed}, config {args.config}: {len(story)} articles, "
        f"pair R {both / max(same_truth, 1):.3f} P {both / max(same_found, 1):.3f} "
        f"({both} / {same_truth} true pairs, {same_found} found), cross-event pairs merged {cross_event}"
    )
    spun = [a for a in story if truth[a][2] == "derived"]
    print(f"  spun copies labelled derived {sum(relation[a] == 'derived' for a in spun)}/{len(spun)} (e2e: >= 0.8)")
    if args.rules:
        print(f"  cross-event links by rule: {dict(cross_rules.most_common())}")


if __name__ == "__main__":
    main()
