"""Who may open the served app: the one check every request passes, and the token behind it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass

from aiohttp import web

TOKEN_PARAMETER = "token"
"""The query parameter that carries the token in the address the server prints."""
TOKEN_BYTES = 32
"""256 random bits: not guessable over the network, whatever the rate."""


@dataclass(frozen=True)
class Grant:
    """What a request may do, once `Access.grant` has let it in.

    `role` is "facilitator" for whoever holds the server's token; other kinds of visitor
    (a participant with a join code, say) get a role of their own and can be told apart by it.
    """

    role: str


FACILITATOR = Grant("facilitator")
GRANT: web.RequestKey[Grant] = web.RequestKey("grant", Grant)
"""Where a handler finds the `Grant` its request came in with: `request[GRANT]`."""


def same_secret(given: str, expected: str) -> bool:
    """True when `given` is `expected`, compared in constant time whatever either holds."""
    # compare_digest on str refuses non-ASCII text; on bytes it takes anything.
    return hmac.compare_digest(given.encode("utf-8", "surrogatepass"), expected.encode("utf-8"))


class Access:
    """The server's token: shown once in the printed address, then kept as a cookie.

    `grant(request)` is the only place that decides whether a request gets in; everything
    the server serves (page, static files, downloads, WebSocket) goes through it. The token is
    exchanged for an HttpOnly, SameSite=Strict cookie and the browser is sent on to the address
    without it, so it stays out of the history, the screen and any Referer.

    Another kind of visitor (a participant's join code, say) is one more credential here:
    exchanged for a cookie of its own in `exchange`, recognised in `grant`, and told apart
    by the `Grant` it gets (handlers read it as `request[GRANT]`).
    """

    def __init__(self, token: str | None = None) -> None:
        self.token = token or secrets.token_urlsafe(TOKEN_BYTES)
        # Cookies are shared by every port on a host: two servers on one machine must not
        # overwrite each other's. The name comes from the token without revealing it.
        digest = hashlib.sha256(self.token.encode("utf-8")).hexdigest()[:12]
        self.cookie_name = f"cocreate-{digest}"

    def query(self) -> str:
        """The part of the printed address that carries the token: `token=…`."""
        return f"{TOKEN_PARAMETER}={self.token}"

    def grant(self, request: web.Request) -> Grant | None:
        """What `request` may do, or None when it may not come in at all."""
        cookie = request.cookies.get(self.cookie_name)
        if cookie is not None and same_secret(cookie, self.token):
            return FACILITATOR
        return None

    def exchange(self, request: web.Request) -> web.StreamResponse | None:
        """For an address with the right token: the cookie, and a redirect to it without the token.

        None when the request carries no token, or a wrong one: then it is judged by `grant`.
        """
        given = request.query.get(TOKEN_PARAMETER)
        if given is None or not same_secret(given, self.token):
            return None
        rest = request.rel_url.without_query_params(TOKEN_PARAMETER)
        response = web.Response(status=303, headers={"Location": str(rest)})
        response.set_cookie(
            self.cookie_name,
            self.token,
            path="/",
            httponly=True,
            samesite="Strict",
            secure=request.secure,
        )
        response.headers["Cache-Control"] = "no-store"
        return response
