"""SSRF guard policy (no connections), error reason codes and Retry-After parsing."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from scrapy.exceptions import CannotResolveHostError, DownloadCancelledError, DownloadTimeoutError, IgnoreRequest

from spiders.middlewares import SsrfBlocked, error_reason, retry_after_seconds
from spiders.ssrf import AllowList, refusal

NOBODY = AllowList.parse([])


@pytest.mark.parametrize(
    "ip",
    [
        "10.1.2.3",
        "172.16.0.1",
        "172.31.255.254",
        "192.168.1.1",
        "127.0.0.1",
        "127.0.0.2",
        "169.254.169.254",  # cloud metadata
        "100.100.100.200",  # shared/CGNAT range, also a cloud metadata address
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fc00::1",
        "fd00:ec2::254",
        "fe80::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_non_public_addresses_are_refused(ip: str) -> None:
    assert refusal("example.com", ip, NOBODY) is not None


@pytest.mark.parametrize("ip", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_pass(ip: str) -> None:
    assert refusal("example.com", ip, NOBODY) is None


def test_allow_list_admits_exact_ip_only() -> None:
    allow = AllowList.parse(["127.0.0.1"])
    assert [refusal("h", ip, allow) is None for ip in ("127.0.0.1", "127.0.0.2")] == [True, False]


def test_allow_list_admits_cidr() -> None:
    allow = AllowList.parse(["10.0.0.0/8"])
    assert [refusal("h", ip, allow) is None for ip in ("10.9.8.7", "192.168.0.1")] == [True, False]


def test_allow_list_admits_host_name_whatever_it_resolves_to() -> None:
    allow = AllowList.parse(["Demo.Local"])
    assert refusal("demo.local", "192.168.0.5", allow) is None


@pytest.mark.parametrize(
    ("exception", "reason"),
    [
        (SsrfBlocked("x"), "ssrf_blocked"),
        (IgnoreRequest("Forbidden by robots.txt"), "robots_disallowed"),
        (DownloadTimeoutError("t"), "timeout"),
        (CannotResolveHostError("d"), "dns"),
        (DownloadCancelledError("c"), "size_cap"),
        (KeyError("k"), "key_error"),
    ],
)
def test_error_reason(exception: Exception, reason: str) -> None:
    assert error_reason(exception) == reason


def test_retry_after_seconds_and_http_date() -> None:
    now = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
    assert [retry_after_seconds(v, now) for v in (b"7", b"Fri, 20 Nov 2026 12:00:30 GMT", b"soon", None)] == [
        7.0,
        30.0,
        None,
        None,
    ]
