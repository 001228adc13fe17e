"""Dates are read, never guessed: nothing comes from "now", day/month order from the page's locale."""

from __future__ import annotations

import datetime as dt
from datetime import UTC, date, datetime

import htmldate.validators
import pytest
import trafilatura.settings
from lxml.html import fromstring

from wirearchive.metadata import read_metadata
from wirearchive.pagedates import check_order, day_first, parse_stated


def page(head: str = "", body: str = "", lang: str | None = None) -> str:
    lang_attr = f' lang="{lang}"' if lang else ""
    return f"<html{lang_attr}><head><title>Storm hits the coast</title>{head}</head><body><h1>Storm hits the coast</h1>{body}<p>{'Rain fell all day across the region. ' * 20}</p></body></html>"


@pytest.mark.parametrize("value", ["10:52", "Jan 04", "Monday 10:52", "4 hours ago", "Updated: 10:52 AM"])
def test_a_value_without_year_month_and_day_is_not_a_date(value: str) -> None:
    assert parse_stated(value, True) is None


@pytest.mark.parametrize(
    ("value", "order", "expected"),
    [
        ("10/05/2022", True, date(2022, 5, 10)),  # Spanish page: 10 May
        ("10/05/2022", False, date(2022, 10, 5)),  # US page: October 5
        ("01/06/2008", None, None),  # no locale: ambiguous, rejected
        ("13/05/2022", None, date(2022, 5, 13)),  # only one reading
        ("01.06.2008", None, date(2008, 6, 1)),  # dotted dates are day first wherever they are written
        ("2022-05-04", True, date(2022, 5, 4)),  # ISO never swapped, whatever the locale
        ("2022-05-04T03:00:00 UTC", True, date(2022, 5, 4)),
    ],
)
def test_numeric_dates_follow_the_locale(value: str, order: bool | None, expected: date | None) -> None:
    found = parse_stated(value, order)
    assert (found.day if found else None) == expected


def test_stated_day_is_the_page_local_day_and_the_moment_is_utc() -> None:
    found = parse_stated("2020-01-19T20:31:00-05:00")
    assert found is not None
    assert (found.day, found.at) == (date(2020, 1, 19), datetime(2020, 1, 20, 1, 31, tzinfo=UTC))


@pytest.mark.parametrize(
    ("language", "region", "expected"),
    [
        ("es", None, True),
        ("de", "DE", True),
        ("en", "US", False),
        ("en", "GB", True),
        ("en", None, None),
        ("zh", None, None),
        (None, None, None),
    ],
)
def test_day_first_comes_from_cldr(language: str | None, region: str | None, expected: bool | None) -> None:
    assert day_first(language, region) is expected


def test_htmldate_day_is_reread_in_the_page_locale() -> None:
    text = "<p>Posted 01/06/2008</p>"
    assert check_order(date(2008, 6, 1), text, True) == date(2008, 6, 1)
    assert check_order(date(2008, 6, 1), text, False) == date(2008, 1, 6)
    assert check_order(date(2008, 6, 1), text, None) is None
    assert check_order(date(2008, 6, 1), text + '<meta content="2008-06-01">', None) == date(2008, 6, 1)


def test_spanish_page_reads_day_first() -> None:
    meta = read_metadata(fromstring(page(body='<p class="fecha">Publicado: 10/05/2022</p>', lang="es")))
    assert meta.published_day == date(2022, 5, 10)


def test_ambiguous_date_on_a_page_without_locale_is_rejected() -> None:
    meta = read_metadata(fromstring(page(body='<p class="date">01/06/2008</p>')))
    assert meta.published_at is None


def test_time_only_label_gives_no_date() -> None:
    meta = read_metadata(fromstring(page(body='<span class="date">10:52</span>')))
    assert meta.published_at is None


def test_json_ld_date_created_is_used_when_date_published_is_missing() -> None:
    ld = '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Storm hits the coast", "dateCreated": "2021-03-04T08:00:00Z"}</script>'
    meta = read_metadata(fromstring(page(head=ld, body='<p class="date">Jan 2, 2019</p>')))
    assert meta.published_at == datetime(2021, 3, 4, 8, 0, tzinfo=UTC)


def test_printed_date_published_is_used() -> None:
    body = '<span itemprop="datePublished">March 4, 2021 8:00 AM</span><p class="date">Jan 2, 2019</p>'
    meta = read_metadata(fromstring(page(body=body, lang="en-US")))
    assert meta.published_at == datetime(2021, 3, 4, 8, 0, tzinfo=UTC)


def test_no_date_after_the_fetch_time() -> None:
    head = '<meta property="article:published_time" content="2031-01-01T00:00:00Z">'
    meta = read_metadata(fromstring(page(head=head)), fetched_at=datetime(2026, 1, 1, tzinfo=UTC))
    assert meta.published_at is None


class _AnyDatetime(type):
    def __instancecheck__(cls, obj: object) -> bool:
        return isinstance(obj, dt.datetime)  # real datetimes still pass the libraries' isinstance checks


class _FrozenDatetime(dt.datetime, metaclass=_AnyDatetime):
    """A datetime class whose now()/today() is a fixed day, set per test."""

    frozen = dt.datetime(2026, 1, 1)

    @classmethod
    def now(cls, tz: dt.tzinfo | None = None) -> _FrozenDatetime:  # type: ignore[override]
        return cls.frozen.replace(tzinfo=tz) if tz else cls.frozen  # type: ignore[return-value]

    @classmethod
    def today(cls) -> _FrozenDatetime:  # type: ignore[override]
        return cls.frozen  # type: ignore[return-value]


REPROCESS_PAGE = page(
    head='<meta name="description" content="Rain.">',
    body='<p class="date">Updated 10:52</p><p>Jan 04</p><p class="byline">By Ana Ruiz</p><footer>© 2031 Example</footer>',
    lang="en-GB",
)


@pytest.mark.parametrize("today", [dt.datetime(2026, 1, 1), dt.datetime(2031, 6, 30), dt.datetime(2040, 12, 31)])
def test_reprocess_on_another_day_gives_the_same_metadata(monkeypatch: pytest.MonkeyPatch, today: dt.datetime) -> None:
    reference = read_metadata(fromstring(REPROCESS_PAGE), "https://example.com/news/storm")
    monkeypatch.setattr(_FrozenDatetime, "frozen", today)
    for module in (htmldate.validators, trafilatura.settings):
        monkeypatch.setattr(module, "datetime", _FrozenDatetime)
    again = read_metadata(fromstring(REPROCESS_PAGE), "https://example.com/news/storm")
    assert again == reference
    assert again.published_at is None  # "10:52" and "Jan 04" are not dates


def test_a_printed_date_in_a_date_element_gives_the_time_of_day() -> None:
    """No structured date: htmldate finds the day, the printed label its time."""
    page = (
        "<html lang='en-us'><head><title>Storm closes schools</title></head><body><article>"
        "<h1>Storm closes schools</h1><div class='story-date'>Jan. 14, 2026 9:05 AM UTC</div>"
        "<p>A winter storm closed schools across the valley on Wednesday, officials said.</p>"
        "</article></body></html>"
    )
    meta = read_metadata(fromstring(page), "https://valley.example/news/storm")
    assert meta.published_at == datetime(2026, 1, 14, 9, 5, tzinfo=UTC)


def test_a_time_only_label_does_not_move_the_day() -> None:
    page = (
        "<html lang='en'><head><title>Storm</title><meta property='article:published_time' "
        "content='2026-01-14'></head><body><span class='time'>10:52</span><p>Text of the story.</p></body></html>"
    )
    meta = read_metadata(fromstring(page), "https://valley.example/news/storm")
    assert meta.published_at is not None and meta.published_at.date() == date(2026, 1, 14)
