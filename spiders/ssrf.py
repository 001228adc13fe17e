"""Which addresses the crawler may connect to (SSRF guard policy), pure of Scrapy.

A fetched page decides where the crawler goes next (links, redirects, sitemap entries), so a
hostile or compromised site could point it at internal services. Every address that is not
globally routable is refused: private (10/8, 172.16/12, 192.168/16, fc00::/7), loopback (127/8,
::1), link-local (169.254/16 incl. the cloud metadata address, fe80::/10), shared/CGNAT
(100.64/10), unspecified (0.0.0.0, ::), multicast, reserved and documentation ranges, and
IPv4-mapped IPv6 forms of all of these. The registry's ``settings.allow_hosts`` re-admits named
hosts, single IPs or CIDRs (e.g. ``127.0.0.1`` for a local demo).
"""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network


def is_public_address(ip: IPAddress) -> bool:
    """Whether an address is globally routable unicast (safe to connect to without allow-listing).

    Args:
        ip: The address.

    Returns:
        False for private, loopback, link-local, shared, unspecified, multicast, reserved and
        documentation addresses (also when written as IPv4-mapped IPv6).
    """
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast


@dataclass(frozen=True)
class AllowList:
    """Hosts and networks re-admitted by the registry's ``settings.allow_hosts``.

    Attributes:
        hosts: Lower-cased host names.
        networks: Allowed single addresses and CIDRs.
    """

    hosts: frozenset[str]
    networks: tuple[IPNetwork, ...]

    @classmethod
    def parse(cls, entries: Iterable[str]) -> AllowList:
        """Split ``allow_hosts`` entries into names and networks.

        Args:
            entries: Host names, IP addresses or CIDRs.

        Returns:
            The allow list.
        """
        hosts, networks = set(), []
        for entry in entries:
            entry = entry.strip().lower().strip("[]")
            try:
                networks.append(ipaddress.ip_network(entry, strict=False))
            except ValueError:
                hosts.add(entry.rstrip("."))
        return cls(frozenset(hosts), tuple(networks))

    def admits(self, host: str, ip: IPAddress) -> bool:
        """Whether a host name or its address is allow-listed."""
        if host.lower().rstrip(".") in self.hosts:
            return True
        return any(ip.version == net.version and ip in net for net in self.networks)


def refusal(host: str, ip: str, allow: AllowList) -> str | None:
    """Decide whether connecting to ``host`` at ``ip`` is refused.

    Args:
        host: Host name (or IP literal) of the URL.
        ip: The address it resolved to (the literal itself for IP URLs).
        allow: The registry's allow list.

    Returns:
        ``None`` when the connection may proceed, else a human-readable reason.
    """
    try:
        address = ipaddress.ip_address(ip.strip("[]"))
    except ValueError:
        return f"{host}: unparsable address {ip!r}"
    if is_public_address(address) or allow.admits(host, address):
        return None
    return f"{host} resolves to non-public address {address} (not in settings.allow_hosts)"
