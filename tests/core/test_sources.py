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
        (
            lambda t: t.replace('feeds = ["http://127.0.0.1:8801/feed.xml"]', 'feeds = ["not a url"]'),
            "source 'apwire' (entry 1) field 'feeds.0'",
        ),
        (lambda t: t.replace("max_pages = 10", "max_pages = 10\ncolour = 1"), "field 'limits.colour'"),
        (lambda t: t.replace('id = "daily"', 'id = "apwire"'), "duplicate source id 'apwire'"),
        (lambda t: t.replace('id = "apwire"', 'id = "apwire'), "TOML syntax error"),
        (
            lambda t: t.replace('article_patterns = ["^/20\\\\d\\\\d/"]', 'article_patterns = ["(unclosed"]'),
            "bad regex",
        ),
    ],
)
def test_bad_registry_names_source_and_field(mutation, message: str) -> None:
    with pytest.raises(SourcesError, match=message.replace("(", r"\(").replace(")", r"\)").replace(".", r"\.")):
        parse_sources(mutation(GOOD), "sources.toml")


def test_missing_file_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(SourcesError, match="cannot read sources file"):
        load_sources(tmp_path / "nope.toml")


@pytest.mark.parametrize(
    ("wires", "message"),
    [
        ('[wires.KPA]\nnames = ["AP"]', "wires: wire 'KPA': name 'AP' already names wire 'AP'"),
        ('[wires.KPA]\nnames = ["  "]', "wire 'KPA' field 'names': wire name '  ' must be 1-80 characters, not blank"),
        ("[wires.KPA]\nnames = []", "wire 'KPA' field 'names'"),
        ('[wires."1KPA"]\nnames = ["Korea Press"]', "wires: wire code '1KPA' must be a letter"),
    ],
)
def test_bad_wire_entry_is_one_clear_line(wires: str, message: str) -> None:
    with pytest.raises(SourcesError) as caught:
        parse_sources(GOOD.replace('[wires.JTA]\nnames = ["Jewish Telegraphic Agency"]', wires), "sources.toml")
    assert str(caught.value).startswith(f"sources.toml: {message}") and "\n" not in str(caught.value)


def test_registry_adds_a_wire_the_table_lacks() -> None:
    """A new code with its names reaches attribution as ``wire_aliases``."""
    from wirearchive.wire import attribute_wire

    reg = parse_sources(GOOD + '\n[wires."epdÖ"]\nnames = ["Evangelischer Pressedienst für Österreich"]\n')
    assert reg.wire_aliases["epdÖ"] == ["Evangelischer Pressedienst für Österreich"]
    body = "Wien (epdÖ) – Die Gottesdienste bleiben möglich.\n\nDas teilte der Bischof mit."
    bare = attribute_wire(body=body, byline=None, authors=[], structured_orgs=[], default_wire=None)
    got = attribute_wire(
        body=body, byline=None, authors=[], structured_orgs=[], default_wire=None, aliases=reg.wire_aliases
    )
    assert (bare.wire_service, got.wire_service, got.attribution, got.dateline) == (None, "epdÖ", "dateline", "Wien")
