"""The article gate: pages that are not articles are flagged with a reason, articles pass.

The pages are self-written (:mod:`testkit.nonarticles`). Each non-article page is
long enough to pass the body's word floor, so only the gate (:mod:`wirearchive.pagekind`) can
stop it.
"""

from __future__ import annotations

import pytest

from testkit.nonarticles import NON_ARTICLES, newsletter_page, qa_thread, status_page, tag_page, wire_brief
from wirearchive.extract import Extraction, ExtractionError, extract, extract_batch
from wirearchive.pagekind import REASONS, PageSignals, rejection


def _signals(**changes: object) -> PageSignals:
    """Signals of a plain article-shaped page, with some changed."""
    base = {
        "types": frozenset(),
        "article_type": False,
        "og_type": None,
        "words": 400,
        "teaser_share": 0.0,
        "prose_share": 0.9,
        "table_share": 0.0,
        "repeat_share": 0.0,
        "repeat_patterns": 0,
        "forum": False,
        "signup_form": False,
        "signup_words": 0,
        "teasers": 0,
        "navigation_url": False,
    }
    return PageSignals(**{**base, **changes})


@pytest.mark.parametrize(
    ("page", "url", "reason"),
    [
        (status_page, "https://rail.example/status/london-euston", "not_article_data"),
        (qa_thread, "https://answers.example/q/1234/event-or-state-passive", "not_article_type"),
        (newsletter_page, "https://news.example/newsletters/morning-briefing", "not_article_signup"),
        (tag_page, "https://news.example/tag/climate", "not_article_listing"),
    ],
)
def test_non_article_pages_are_flagged_with_a_reason(page, url: str, reason: str) -> None:
    got = extract(page(), url)
    assert got.not_article == reason and got.body  # judged, and its text still extracted
    assert reason in REASONS
    # the pipeline's path agrees with extract(): the same flagged extraction, not an error
    ((_, batched),) = extract_batch([("k", page().encode(), url, None, None)], processes=1)
    assert isinstance(batched, Extraction) and batched == got


def test_short_wire_brief_passes() -> None:
    got = extract(wire_brief(), "https://news.example/2026/01/12/port-strike")
    assert got.wire_service == "Reuters"
    assert "Dock workers at Europe's largest port" in got.body


def test_forum_thread_url_fails_without_a_declared_type() -> None:
    page = qa_thread().replace("QAPage", "WebPage").replace('"Question"', '"Thing"')
    assert extract(page, "https://board.example/forum/viewtopic.php?t=77").not_article == "not_article_forum"


def test_declared_article_type_always_passes() -> None:
    assert (
        rejection(
            _signals(types=frozenset({"qapage"}), article_type=True, forum=True, table_share=1.0), has_byline=False
        )
        is None
    )


def test_article_type_is_found_in_nested_microdata_and_og_type() -> None:
    nested = (
        qa_thread()
        .replace(
            "<main>",
            "<main><div itemscope itemtype='https://schema.org/WebPage'>"
            "<div itemscope itemtype='https://schema.org/NewsArticle'>",
        )
        .replace("</main>", "</div></div></main>")
    )
    assert extract(nested.replace("QAPage", "WebPage"), "https://news.example/threads/1").not_article is None
    tagged = tag_page().replace("content='website'", "content='article'")
    assert extract(tagged, "https://news.example/tag/climate").not_article is None


def test_a_byline_switches_the_shape_rules_off_but_not_a_declared_type() -> None:
    data = _signals(table_share=0.9)
    assert rejection(data, has_byline=False).reason == "not_article_data"
    assert rejection(data, has_byline=True) is None
    assert rejection(_signals(types=frozenset({"qapage"})), has_byline=True).reason == "not_article_type"


def test_one_repeated_glitch_line_is_not_records() -> None:
    assert rejection(_signals(repeat_share=0.9, repeat_patterns=1), has_byline=False) is None
    assert rejection(_signals(repeat_share=0.9, repeat_patterns=12), has_byline=False).reason == "not_article_data"


def test_navigation_url_needs_little_text_or_little_prose() -> None:
    assert rejection(_signals(navigation_url=True, words=60), has_byline=False).reason == "not_article_listing"
    assert (
        rejection(_signals(navigation_url=True, words=600, prose_share=0.05), has_byline=False).reason
        == "not_article_listing"
    )
    assert rejection(_signals(navigation_url=True, words=600), has_byline=False) is None


def test_front_page_is_navigation_but_a_wordpress_post_link_is_not() -> None:
    assert extract(wire_brief(), "https://blog.example/?p=2895").not_article is None
    assert extract(wire_brief(), "https://blog.example/").not_article == "not_article_listing"


def test_a_few_teasers_in_an_article_do_not_make_a_listing() -> None:
    assert rejection(_signals(teasers=3, teaser_share=0.9), has_byline=False) is None
    assert rejection(_signals(teasers=12, teaser_share=0.3), has_byline=False) is None
    assert rejection(_signals(teasers=12, teaser_share=0.8), has_byline=False).reason == "not_article_listing"


def test_rejections_reach_the_batch_flagged_with_their_reason() -> None:
    pages = [
        (builder.__name__, builder().encode(), f"https://news.example/p/{builder.__name__}", "text/html", None)
        for builder in (*NON_ARTICLES, wire_brief)
    ]
    results = dict(extract_batch(pages, processes=1))
    assert not any(isinstance(v, ExtractionError) for v in results.values())
    assert {k: v.not_article for k, v in results.items() if isinstance(v, Extraction)} == {
        **{builder.__name__: reason for builder, reason in NON_ARTICLES.items()},
        "wire_brief": None,
    }


def test_demo_world_articles_pass_and_its_listing_pages_do_not() -> None:
    """The demo world (another generator) as a check: its article pages are articles, its front,
    section and paging pages are not, if a crawl ever fetched them as articles."""
    import re

    from demoworld.world import build_world

    world = build_world()
    bases = {site: f"http://127.0.0.1:{9000 + i}" for i, site in enumerate(world.sites)}
    patterns = {s["id"]: s["article_patterns"] for s in world.registry(bases)["source"]}
    articles, listings = [], []
    for site_id, site in world.sites.items():
        for path in site.pages:
            is_article = any(re.search(p, path) for p in patterns[site_id])
            if is_article or re.search(r"^/$|hub|section|news/\w+$|page/\d", path):
                body, content_type = world.page_bytes(site_id, path, bases)
                url = bases[site_id] + path
                (articles if is_article else listings).append((url, body, url, content_type, None))
    results = dict(extract_batch(articles[::5] + listings, processes=1))
    assert len(articles[::5]) > 50
    assert all(isinstance(got := results[key], Extraction) and got.not_article is None for key, *_ in articles[::5])
    reasons = {
        key: got.reason if isinstance(got := results[key], ExtractionError) else got.not_article or "article"
        for key, *_ in listings
    }
    assert len(reasons) > 20 and set(reasons.values()) <= {*REASONS, "empty_body"}
