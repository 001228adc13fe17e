"""check-sources warnings: empty registry, shared hosts, hosts the SSRF rule refuses."""

from __future__ import annotations

from spiders.probe.fetch import ssrf_check
from wirearchive.sources import parse_sources, registry_warnings


def _registry(allow: list[str], *sources: tuple[str, str, bool]) -> str:
    text = f"[settings]\nallow_hosts = {allow!r}\n".replace("'", '"')
    for sid, home, enabled in sources:
        text += (
            f'[[source]]\nid = "{sid}"\nname = "{sid}"\nkind = "outlet"\nhome = "{home}"\n'
            f'feeds = ["{home}feed.xml"]\nenabled = {str(enabled).lower()}\n'
        )
    return text


def test_empty_registry_warns() -> None:
    assert registry_warnings(parse_sources("")) == [
        "no enabled source: a run crawls nothing and publishes an empty catalog of sources"
    ]


def test_all_disabled_warns() -> None:
    registry = parse_sources(_registry([], ("a", "https://203.0.113.9/", False)))
    assert registry_warnings(registry) == ["all 1 sources are disabled (enabled = false): a run crawls nothing"]


def test_two_sources_on_one_host_warn_www_ignored() -> None:
    registry = parse_sources(
        _registry(
            [],
            ("a", "https://news.example/", True),
            ("b", "https://www.news.example/", True),
            ("c", "https://news.example:8443/", True),
            ("d", "https://other.example/", True),
        )
    )
    assert registry_warnings(registry) == ["sources 'a', 'b' share the host news.example"]


def test_same_host_other_ports_is_fine() -> None:
    registry = parse_sources(
        _registry(["127.0.0.1"], ("a", "http://127.0.0.1:8801/", True), ("b", "http://127.0.0.1:8802/", True))
    )
    assert registry_warnings(registry, ssrf_check(registry.settings.allow_hosts)) == []


def test_refused_hosts_warn_and_all_refused_says_so() -> None:
    registry = parse_sources(_registry([], ("a", "http://127.0.0.1:8801/", True), ("b", "http://10.1.2.3/", True)))
    warnings = registry_warnings(registry, ssrf_check(registry.settings.allow_hosts))
    assert warnings == [
        "source 'a': refused by the SSRF rule: 127.0.0.1 resolves to non-public address 127.0.0.1 (not in settings.allow_hosts)",
        "source 'b': refused by the SSRF rule: 10.1.2.3 resolves to non-public address 10.1.2.3 (not in settings.allow_hosts)",
        "every source's hosts are refused by the SSRF rule: a run fetches nothing (settings.allow_hosts = [])",
    ]


def test_allow_hosts_readmits_and_public_hosts_pass() -> None:
    registry = parse_sources(
        _registry(
            ["10.0.0.0/8"],
            ("a", "http://10.1.2.3/", True),
            ("b", "https://203.0.113.1/", True),
            ("c", "http://[::1]:8080/", True),
        )
    )
    warnings = registry_warnings(registry, ssrf_check(registry.settings.allow_hosts))
    # 203.0.113.0/24 is documentation space (not global): refused; 10/8 is allowed; ::1 is loopback.
    assert [w.split(":")[0] for w in warnings] == ["source 'b'", "source 'c'"]
