from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone

from wirearchive.capture import Capture
from wirearchive.extract import Extraction
from wirearchive.normalize import article_id, body_hash, clean_authors, to_article_row, to_utc, word_count
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
