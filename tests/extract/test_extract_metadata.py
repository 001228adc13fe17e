"""Metadata: times to UTC, order of trust between sources (authors: test_metadata_authors.py)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from lxml.html import fromstring

from wirearchive.metadata import parse_datetime, read_metadata, structured_body


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-01-19T20:31:00-05:00", datetime(2020, 1, 20, 1, 31, tzinfo=UTC)),
        ("2020-01-19T20:31:00Z", datetime(2020, 1, 19, 20, 31, tzinfo=UTC)),
        ("2020-01-19", datetime(2020, 1, 19, tzinfo=UTC)),
        ("Jan 19, 2020 8:31 PM EST", datetime(2020, 1, 20, 1, 31, tzinfo=UTC)),
        ("Sun, 19 Jan 2020 20:31:00 +0100", datetime(2020, 1, 19, 19, 31, tzinfo=UTC)),
        ("not a date", None),
        ("1850-01-01", None),
    ],
)
def test_parse_datetime_is_utc(value: str, expected: datetime | None) -> None:
    assert parse_datetime(value) == expected


def test_json_ld_is_trusted_over_opengraph_and_title_site_suffix_is_dropped() -> None:
    page = fromstring(
        """<html lang="fr-FR"><head><title>Page title | Le Site</title>
        <meta property="og:title" content="OG headline | Le Site"><meta property="og:site_name" content="Le Site">
        <meta property="article:published_time" content="2021-06-01T10:00:00+02:00">
        <script type="application/ld+json">{"@type": ["NewsArticle"], "headline": "LD headline",
        "datePublished": "2021-06-01T09:00:00+02:00", "author": {"@type": "Person", "name": "Anne Martin"}}</script>
        </head><body><p>x</p></body></html>"""
    )
    meta = read_metadata(page)
    assert (meta.title, meta.published_at, meta.authors, meta.language) == (
        "LD headline",
        datetime(2021, 6, 1, 7, 0, tzinfo=UTC),
        ("Anne Martin",),
        "fr",
    )


def test_opengraph_title_loses_the_repeated_site_name() -> None:
    page = fromstring(
        '<html><head><meta property="og:title" content="Masks stolen from hospital | The Kobe Times">'
        '<meta property="og:site_name" content="The Kobe Times"></head><body><p>x</p></body></html>'
    )
    assert read_metadata(page).title == "Masks stolen from hospital"


def test_site_name_falls_back_to_the_host_when_the_page_names_none() -> None:
    html = "<html><head><title>Quiet page</title></head><body><h1>Quiet page</h1><p>Text.</p></body></html>"
    named = '<html><head><meta property="og:site_name" content="Le Site"></head><body><p>x</p></body></html>'
    assert read_metadata(fromstring(html), "https://news.example.org/a/1").site_name == "news.example.org"
    assert read_metadata(fromstring(named), "https://news.example.org/a/1").site_name == "Le Site"


def test_trafilatura_metadata_matches_extract_metadata_on_the_fields_read() -> None:
    from trafilatura.metadata import extract_metadata

    from wirearchive.metadata import trafilatura_metadata, trafilatura_page_author

    html = """<html lang="en"><head><title>Harbour reopens after storm - Coast Daily</title>
    <meta name="description" content="The harbour reopened on Tuesday.">
    <meta property="og:image" content="https://coast.example/img/harbour.jpg">
    <meta name="keywords" content="harbour, storm"></head><body>
    <header><a href="/">coast daily</a></header><article><h1>Harbour reopens after storm</h1>
    <p class="byline">By Mara Quinn</p><time datetime="2021-03-09">March 9, 2021</time>
    <p>The harbour reopened on Tuesday after a storm closed it for three days, the port said.</p>
    <a rel="tag" href="/tag/storm">storm</a><a rel="license" href="https://creativecommons.org/licenses/by/4.0/">CC BY</a>
    </article></body></html>"""
    config = {"original_date": True, "extensive_search": True, "max_date": "2099-12-31"}
    tree = fromstring(html)
    ours = trafilatura_metadata(tree, "https://coast.example/2021/harbour", config)
    theirs = extract_metadata(fromstring(html), default_url="https://coast.example/2021/harbour", date_config=config)
    for name in ("title", "url", "hostname", "date", "sitename", "description", "image"):
        assert getattr(ours, name) == getattr(theirs, name), name
    assert theirs.license and not ours.license  # the fields we do not read are not searched
    # no author in the meta tags or JSON-LD: the page's elements are searched only on demand
    assert ours.author is None and trafilatura_page_author(tree) == theirs.author == "Mara Quinn"
    assert ours.date == "2021-03-09"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("The council voted.\n\nThe bridge reopens in May.", "The council voted.\nThe bridge reopens in May."),
        ("<h2><strong>Bridge vote</strong></h2><p>The council  voted.<br>It reopens in May.</p>",
         "Bridge vote\nThe council voted.\nIt reopens in May."),
        ("&lt;p class=&quot;t&quot;&gt;A ponte &amp;eacute; nova.&lt;/p&gt;&lt;p&gt;Abre em maio.&lt;/p&gt;",
         "A ponte é nova.\nAbre em maio."),
        ("AT&amp;T and 3 < 4 stay as written", "AT&T and 3 < 4 stay as written"),
        ("  ", None),
        (["not", "a string"], None),
    ],
)  # fmt: skip
def test_structured_body_is_plain_text(value: object, expected: str | None) -> None:
    assert structured_body(value) == expected
