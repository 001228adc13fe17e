from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from wirearchive.capture import Capture
from wirearchive.extract import Extraction
from wirearchive.normalize import (
    AFTER_CAPTURE,
    BEFORE_START,
    article_id,
    body_hash,
    clean_authors,
    filing_day,
    filing_reason,
    to_article_row,
    to_utc,
    word_count,
)
from wirearchive.tables import ARTICLES


def make_extraction(**changes) -> Extraction:
    base = Extraction(
        title="  Protesters withdraw  ",
        description=None,
        authors=("Jane  Doe", "jane doe", "John Roe "),
        author_orgs=("Associated Press",),
        published_at=datetime(2026, 1, 12, 9, 30, tzinfo=timezone(timedelta(hours=3))),
        modified_at=None,
        language="en",
        section="world",
        top_image=None,
        site_name="Wire",
        canonical_url=None,
        body="Protesters withdrew.\n\nThey left the embassy.",
        wire_service="AP",
        attribution="dateline",
        dateline="BAGHDAD",
        extractor="wirearchive",
        extractor_version="0.1.0",
    )
    return replace(base, **changes)


CAPTURE = Capture(
    capture_id="<urn:uuid:1234>",
    crawl_id="crawl-1",
    source_id="apwire",
    url="http://127.0.0.1:8801/2026/01/12/a.html?utm_source=x",
    kind="article",
    status=200,
    fetched_at=datetime(2026, 1, 13, 1, 0, tzinfo=UTC),
    published_hint=datetime(2026, 1, 12, 6, 0, tzinfo=UTC),
)


def test_row_has_every_articles_column() -> None:
    row = to_article_row(CAPTURE, make_extraction())
    assert set(row) == set(ARTICLES.names)


def test_published_converted_to_utc() -> None:
    row = to_article_row(CAPTURE, make_extraction())
    assert row["published_at"] == datetime(2026, 1, 12, 6, 30, tzinfo=UTC)


def test_published_falls_back_to_feed_hint() -> None:
    row = to_article_row(CAPTURE, make_extraction(published_at=None))
    assert row["published_at"] == CAPTURE.published_hint


def test_authors_deduplicated_and_trimmed() -> None:
    assert clean_authors(["Jane  Doe", "jane doe", "John Roe ", ""]) == ["Jane Doe", "John Roe"]


def test_canonical_url_strips_tracking() -> None:
    row = to_article_row(CAPTURE, make_extraction())
    assert row["canonical_url"] == "http://127.0.0.1:8801/2026/01/12/a.html"


def test_article_id_stable_and_distinct() -> None:
    assert article_id("<urn:uuid:1>") == article_id("<urn:uuid:1>")
    assert article_id("<urn:uuid:1>") != article_id("<urn:uuid:2>")


def test_body_hash_ignores_case_and_spacing() -> None:
    assert body_hash("A  b\n\nC") == body_hash("a b c")
    assert body_hash("a b c") != body_hash("a b d")


def test_word_count() -> None:
    assert word_count("BAGHDAD (AP) — Protesters withdrew.") == 4


def test_naive_datetime_taken_as_utc() -> None:
    assert to_utc(datetime(2026, 1, 1, 12)) == datetime(2026, 1, 1, 12, tzinfo=UTC)


def test_credit_line_is_persisted_and_blank_is_null() -> None:
    assert to_article_row(CAPTURE, make_extraction(credit_line=" (dpa) "))["credit_line"] == "(dpa)"
    assert to_article_row(CAPTURE, make_extraction(credit_line=None))["credit_line"] is None
    assert to_article_row(CAPTURE, make_extraction(credit_line="  "))["credit_line"] is None


def test_credit_line_from_a_page_reaches_the_article_row() -> None:
    """A self-written German page closing with "(dpa)": the tag leaves the body for its column."""
    from wirearchive.extract import extract

    story = " ".join(["Der Stadtrat hat am Dienstag den Haushalt für das kommende Jahr beschlossen."] * 4)
    html = (
        "<html><head><title>Rat beschließt Haushalt</title></head><body><article><h1>Rat beschließt Haushalt</h1>"
        f"<p>Hamburg (dpa/lno) – {story}</p><p>{story}</p>"
        "<p>Die Opposition stimmte dagegen und kündigte Widerstand an. (dpa)</p></article></body></html>"
    )
    extraction = extract(html.encode("utf-8"), "http://news.example/2026/01/12/haushalt.html", content_type="text/html")
    row = to_article_row(CAPTURE, extraction)
    assert (row["wire_service"], row["attribution"], row["dateline"], row["credit_line"]) == (
        "DPA",
        "dateline",
        "Hamburg",
        "(dpa)",
    )
    assert row["body"].endswith("kündigte Widerstand an.") and "(dpa)" not in row["body"]


CAPTURED = datetime(2026, 12, 3, 8, 0, tzinfo=UTC)


def test_a_stated_day_that_can_be_a_partition_files_the_page() -> None:
    for stated, day in [
        (datetime(2016, 8, 1, 0, 0, tzinfo=UTC), "2016-08-01"),  # the first partition day
        (datetime(2019, 5, 1, 23, 30, tzinfo=timezone(timedelta(hours=-5))), "2019-05-02"),  # its UTC day
        (datetime(2026, 12, 3, 7, 0), "2026-12-03"),  # naive: UTC
        (datetime(2026, 12, 4, 20, 0, tzinfo=UTC), "2026-12-04"),  # the day after capture: time zones' grace
    ]:
        assert filing_reason(stated, CAPTURED) is None
        assert filing_day(stated, CAPTURED) == day
    assert filing_day(None, CAPTURED) == "2026-12-03"


def test_a_day_before_the_start_or_after_tomorrow_is_filed_by_capture_day_with_its_reason() -> None:
    for stated, reason in [
        (datetime(1970, 1, 1, tzinfo=UTC), BEFORE_START),  # an epoch-zero timestamp
        (datetime(2016, 7, 31, 23, 59, tzinfo=UTC), BEFORE_START),
        (datetime(2016, 8, 1, 1, 0, tzinfo=timezone(timedelta(hours=2))), BEFORE_START),  # 2016-07-31 in UTC
        (datetime(2026, 12, 5, 0, 0, tzinfo=UTC), AFTER_CAPTURE),  # after tomorrow
        (datetime(2099, 1, 1, tzinfo=UTC), AFTER_CAPTURE),
    ]:
        assert filing_reason(stated, CAPTURED) == reason
        assert filing_day(stated, CAPTURED) == "2026-12-03"


def test_the_article_row_records_the_filing_reason_and_keeps_the_stated_time() -> None:
    capture = replace(CAPTURE, fetched_at=CAPTURED, published_hint=None)
    far = datetime(2099, 1, 1, tzinfo=UTC)
    row = to_article_row(capture, make_extraction(published_at=far))
    assert row["filing_reason"] == AFTER_CAPTURE and row["published_at"] == far
    assert to_article_row(capture, make_extraction(published_at=None))["filing_reason"] is None
    assert to_article_row(CAPTURE, make_extraction())["filing_reason"] is None
    hinted = replace(capture, published_hint=datetime(2008, 7, 4, tzinfo=UTC))  # a feed's stated time
    assert to_article_row(hinted, make_extraction(published_at=None))["filing_reason"] == BEFORE_START
