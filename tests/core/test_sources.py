import pytest

from wirearchive.sources import SourcesError, load_sources, parse_sources

GOOD = """
[settings]
allow_hosts = ["127.0.0.1"]

[wires.JTA]
names = ["Jewish Telegraphic Agency"]

[[source]]
id = "apwire"
name = "AP-like Wire"
kind = "wire"
home = "http://127.0.0.1:8801/"
feeds = ["http://127.0.0.1:8801/feed.xml"]
article_patterns = ["^/20\\\\d\\\\d/"]
wire = "AP"

[[source]]
id = "daily"
name = "Daily"
kind = "outlet"
home = "http://127.0.0.1:8802/"
[source.limits]
max_pages = 10
"""


def test_good_registry_loads() -> None:
    reg = parse_sources(GOOD)
    assert [s.id for s in reg.sources] == ["apwire", "daily"]
    assert reg.get("daily").limits.max_pages == 10
    assert reg.wires["JTA"].names == ["Jewish Telegraphic Agency"]
    assert reg.get("apwire").is_article_url("http://127.0.0.1:8801/2026/01/12/x.html")
    assert not reg.get("apwire").is_article_url("http://127.0.0.1:8801/about")


@pytest.mark.parametrize(
    ("mutation", "message"),
    [
        (lambda t: t.replace('kind = "outlet"', 'kind = "blog"'), "source 'daily' (entry 2) field 'kind'"),
        (lambda t: t.replace('feeds = ["http://127.0.0.1:8801/feed.xml"]', 'feeds = ["not a url"]'), "source 'apwire' (entry 1) field 'feeds.0'"),
        (lambda t: t.replace("max_pages = 10", "max_pages = 10\ncolour = 1"), "field 'limits.colour'"),
        (lambda t: t.replace('id = "daily"', 'id = "apwire"'), "duplicate source id 'apwire'"),
        (lambda t: t.replace('id = "apwire"', 'id = "apwire'), "TOML syntax error"),
        (lambda t: t.replace('article_patterns = ["^/20\\\\d\\\\d/"]', 'article_patterns = ["(unclosed"]'), "bad regex"),
    ],
)
def test_bad_registry_names_source_and_field(mutation, message: str) -> None:
    with pytest.raises(SourcesError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        parse_sources(mutation(GOOD), "sources.toml")


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(SourcesError, match="cannot read sources file"):
        load_sources(tmp_path / "nope.toml")
