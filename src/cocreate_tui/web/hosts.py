"""Which host names are this machine only; standard library only, so it works without the extra."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    """True when `host` (a name or an address, IPv6 with or without brackets) is this machine."""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False
