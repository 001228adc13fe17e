"""The extract() contract: errors with reason codes, decoding, and extract_batch."""

from __future__ import annotations

from pathlib import Path

import pytest

from wirearchive.extract import EXTRACTOR_NAME, EXTRACTOR_VERSION, Extraction, ExtractionError, extract, extract_batch

GOLDEN = Path(__file__).with_name("golden")
PAGE = (GOLDEN / "plain_page.html").read_bytes()


@pytest.mark.parametrize(
    ("payload", "content_type", "reason"),
    [
        (b'{"items": [1, 2, 3]}', "application/json", "not_html"),
        (b"just some words in a text file, no markup at all", None, "not_html"),
        (
            b"<html><head><title>Nothing</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
            "text/html",
            "empty_body",
        ),
        (b"<html><body>" + b"x" * 10_000_001 + b"</body></html>", "text/html", "too_large"),
    ],
)
def test_no_article_raises_with_reason(payload: bytes, content_type: str | None, reason: str) -> None:
    with pytest.raises(ExtractionError) as caught:
        extract(payload, "http://x.example/a", content_type=content_type)
    assert caught.value.reason == reason


def test_http_charset_wins_over_meta_and_text_is_accepted() -> None:
    html = (
        "<html><head><meta charset='utf-8'></head><body><article><p>"
        + "Café crème near the gare, said Zoë. " * 12
        + "</p></article></body></html>"
    )
    from_bytes = extract(html.encode("latin-1"), "http://x.example/a", content_type="text/html; charset=ISO-8859-1")
    from_text = extract(html, "http://x.example/a")
    assert from_bytes.body == from_text.body and "Café crème" in from_bytes.body


def test_every_row_records_the_extractor() -> None:
    got = extract(PAGE, "http://post.example/a")
    assert (got.extractor, got.extractor_version) == (EXTRACTOR_NAME, EXTRACTOR_VERSION)
    assert "trafilatura-2.3.1" in EXTRACTOR_VERSION


def test_extract_batch_survives_bad_items() -> None:
    items = [
        ("good-1", PAGE, "http://post.example/1", "text/html", None),
        ("json", b"{}", "http://post.example/2", "application/json", None),
        ("broken", None, "http://post.example/3", "text/html", None),  # not bytes: a bug-shaped input
        ("good-2", PAGE, "http://post.example/4", "text/html", "AP"),
    ]
    results = dict(extract_batch(items, processes=2, chunksize=1))
    assert set(results) == {"good-1", "json", "broken", "good-2"}
    assert isinstance(results["good-1"], Extraction) and isinstance(results["good-2"], Extraction)
    assert results["json"].reason == "not_html"
    assert results["broken"].reason == "internal_error"


class _KillsWorker(bytes):
    """A payload whose unpickling ends the worker process, as a segfault would."""

    def __reduce__(self):
        import os

        return (os._exit, (3,))


def test_extract_batch_survives_a_worker_crash() -> None:
    items = [
        ("good-1", PAGE, "http://post.example/1", "text/html", None),
        ("crash", _KillsWorker(b"<html>"), "http://post.example/2", "text/html", None),
        ("good-2", PAGE, "http://post.example/3", "text/html", None),
        ("good-3", PAGE, "http://post.example/4", "text/html", None),
    ]
    results = dict(extract_batch(items, processes=2, chunksize=2))
    assert set(results) == {"good-1", "crash", "good-2", "good-3"}
    assert results["crash"].reason == "worker_crash"
    assert all(isinstance(results[k], Extraction) for k in ("good-1", "good-2", "good-3"))
