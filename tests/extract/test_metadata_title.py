"""The title is the headline: not a logo <h1>, not "Headline | Site | date"."""

from __future__ import annotations

from lxml.html import fromstring

from wirearchive.metadata import read_metadata
from wirearchive.titles import headline, without_site


def test_logo_h1_loses_to_the_headline_the_titles_agree_on() -> None:
    page = fromstring(
        """<html><head><title>Storm closes ports along the coast - Daily Courier</title>
        <meta property="og:site_name" content="Daily Courier"></head><body>
        <header><h1><a href="/">Top Classifieds</a></h1></header>
        <article><h2>Storm closes ports along the coast</h2><p>Text of the story.</p></article></body></html>"""
    )
    assert read_metadata(page, "https://courier.example/news/storm").title == "Storm closes ports along the coast"


def test_site_and_date_segments_are_dropped() -> None:
    page = fromstring(
        """<html><head><meta property="og:title" content="Berlin confronts its colonial past | DW | 19.01.2020">
        </head><body><div class="logo">DW</div><p>Text.</p></body></html>"""
    )
    assert read_metadata(page, "https://www.dw.com/en/berlin/a-52060881").title == "Berlin confronts its colonial past"


def test_headline_with_dashes_inside_is_kept_whole() -> None:
    titles = ["Energy Rising – 33 Tage Yoga Challenge - Mady Morrison - Yoga Lifestyle"]
    assert headline(titles, ["Mady Morrison", "Energy Rising – 33 Tage Yoga Challenge"], ("madymorrison",)) == (
        "Energy Rising – 33 Tage Yoga Challenge"
    )


def test_a_heading_that_names_the_site_never_counts() -> None:
    titles = ["Bundesregierung 2017 #btw17 | RITINARDO"]
    assert headline(titles, ["RITINARDO"], ("ritinardo",)) == "Bundesregierung 2017 #btw17"


def test_without_site_leaves_a_colon_headline_alone() -> None:
    assert without_site("Nutzerbasierte Abrechnung: Musik-Stars fordern neues Modell | FAZ", ("faz",)) == (
        "Nutzerbasierte Abrechnung: Musik-Stars fordern neues Modell"
    )


def test_a_lone_short_h1_unrelated_to_the_titles_is_not_the_headline() -> None:
    page = fromstring(
        """<html><head><meta property="og:title" content="Storm closes ports along the coast | Courier">
        <meta property="og:site_name" content="Courier"></head><body><h1>Top Classifieds</h1>
        <div class="story-head">Storm closes ports along the coast</div><p>Text.</p></body></html>"""
    )
    assert read_metadata(page).title == "Storm closes ports along the coast"


def test_a_lone_headline_h1_wins_over_a_reworded_og_title() -> None:
    page = fromstring(
        """<html><head><meta property="og:title" content="Port closures: what we know"></head><body>
        <h1>Storm closes every port along the northern coast</h1><p>Text.</p></body></html>"""
    )
    assert read_metadata(page).title == "Storm closes every port along the northern coast"


def test_a_lone_h1_with_a_kicker_glued_to_it_gives_the_title_it_holds() -> None:
    page = fromstring(
        """<html><head><title>Ferry service resumes after the winter storms | Harbour Gazette</title>
        <meta property="og:site_name" content="Harbour Gazette"></head><body>
        <h1><span class="kicker">Local News</span> Ferry service resumes after the winter storms</h1>
        <p>Text of the story.</p></body></html>"""
    )
    meta = read_metadata(page, "https://gazette.example/local/ferry")
    assert meta.title == "Ferry service resumes after the winter storms"


def test_a_lone_h1_with_a_standfirst_glued_after_it_gives_the_title_it_holds() -> None:
    titles = ["Night market opens on the old quay"]
    lone = "Night market opens on the old quay Forty stalls sell food until midnight"
    assert headline(titles, [lone], ("quaytimes",), lone_h1=lone) == "Night market opens on the old quay"


def test_a_lone_h1_that_goes_on_after_a_colon_or_in_lower_case_is_kept_whole() -> None:
    titles = ["Lemon cake from the tray - Baking Corner"]
    for lone in ("Lemon cake from the tray: simply delicious!", "Lemon cake from the tray with a sugar glaze"):
        assert headline(titles, [lone], ("bakingcorner",), lone_h1=lone) == lone
