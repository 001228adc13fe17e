import pytest

from wirearchive.urls import canonical_url


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://Example.com:443/a/b?utm_source=tw&utm_medium=x#top", "https://example.com/a/b"),
        ("https://www.example.com/a?fbclid=123&id=7", "https://www.example.com/a?id=7"),
        ("https://m.example.com/news/story", "https://www.example.com/news/story"),
        ("https://amp.example.com/news/story.amp.html", "https://www.example.com/news/story.html"),
        ("https://www.example.com/news/amp/story-1", "https://www.example.com/news/story-1"),
        ("https://www.example.com/story?outputType=amp", "https://www.example.com/story"),
        ("http://127.0.0.1:8801/2026/01/12/a.html?utm_campaign=z", "http://127.0.0.1:8801/2026/01/12/a.html"),
    ],
)
def test_canonical_url_folds_variants(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_declared_canonical_used_only_on_same_site() -> None:
    assert canonical_url("https://www.a.com/x?s=1", declared="https://a.com/story") == "https://a.com/story"
    assert canonical_url("https://www.a.com/x", declared="https://b.com/story") == "https://www.a.com/x"
    assert canonical_url("https://www.a.com/x", declared="/relative") == "https://www.a.com/x"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        (
            "https://news.example.org/service/news_view.htm?lang=e&Seq_Code=172811&utm_source=feed",
            "https://news.example.org/service/news_view.htm?Seq_Code=172811&lang=e",
        ),
        (
            "https://paper.example.net/details.php?newsId=4411&fbclid=IwAR0x&gclid=abc",
            "https://paper.example.net/details.php?newsId=4411",
        ),
        (
            "https://site.example/article.aspx?ArticleID=9&msclkid=77&mc_cid=5#comments",
            "https://site.example/article.aspx?ArticleID=9",
        ),
    ],
)
def test_article_identifying_parameters_are_kept_tracking_ones_dropped(url: str, expected: str) -> None:
    assert canonical_url(url) == expected


def test_different_articles_of_a_query_string_site_keep_different_urls() -> None:
    first = canonical_url("https://news.example.org/service/news_view.htm?lang=e&Seq_Code=1")
    second = canonical_url("https://news.example.org/service/news_view.htm?lang=e&Seq_Code=2")
    assert first != second
