"""Addresses, the URL the server prints, and the token that guards it. Standard library only."""

from __future__ import annotations

import ipaddress
import secrets
import socket
from dataclasses import dataclass
from urllib.parse import quote, urlencode

TOKEN_BYTES = 16
ANY_ADDRESS = ("0.0.0.0", "::", "")
LOOPBACK_NAMES = ("localhost",)
SCOPE_ENV = "CARDGAME_WEB_SCOPE"
"""Tells a game process whose remembered table it uses (see ``server.table_scope``)."""


def new_token() -> str:
    """A random, URL-safe secret (128 bits)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def is_loopback(host: str) -> bool:
    """True when only this machine can reach ``host``."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def lan_address() -> str:
    """This machine's address on the home network, as a phone on the same Wi-Fi would use it.

    Connecting a UDP socket sends nothing; it only asks the kernel which local address routes to
    a private network. Falls back to loopback on a machine with no network at all.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))
            address = probe.getsockname()[0]
        except OSError:
            return "127.0.0.1"
    return address


def browser_host(bind_host: str) -> str:
    """The host a browser should use for a server bound to ``bind_host`` (never ``0.0.0.0``)."""
    return lan_address() if bind_host in ANY_ADDRESS else bind_host


@dataclass(frozen=True)
class Address:
    """Where the server listens and the link it prints."""

    bind_host: str
    port: int
    token: str

    @property
    def public(self) -> bool:
        return not is_loopback(self.bind_host)

    def url(self, table: str | None = None) -> str:
        host = browser_host(self.bind_host)
        if ":" in host:  # an IPv6 literal
            host = f"[{host}]"
        query = {"token": self.token} | ({"table": table} if table else {})
        return f"http://{host}:{self.port}/?{urlencode(query, quote_via=quote)}"
