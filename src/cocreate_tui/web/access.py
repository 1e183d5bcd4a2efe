"""Who may open the served app: the one check every request passes, and the token behind it."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from aiohttp import web

from ..domain.team_round import CODE_ALPHABET, RoundError, normalise_code

TOKEN_PARAMETER = "token"
"""The query parameter that carries the token in the address the server prints."""
TOKEN_BYTES = 32
"""256 random bits: not guessable over the network, whatever the rate."""
KEY_PARAMETER = "key"
"""The query parameter that carries the participants' key in the join address."""
CODE_PARAMETER = "code"
KEY_LENGTH = 12
"""Characters of the participants' key: typed on a phone, so short and from the join codes'
alphabet (31^12 ≈ 8·10^17; with the join code beside it, nothing to guess over a network)."""
JOIN_PATH = "/join"
PARTICIPANT_PREFIX = "/r/"
"""Every page, file and WebSocket a participant uses lives here, and only here does a
participant's cookie count: the browser sends it nowhere else (its path), and the facilitator's
token counts everywhere but here."""

RoundCheck = Callable[[str], str | None]
"""Given a join code: None when participants may join that round, else why not ("missing",
"closed")."""


@dataclass(frozen=True)
class Grant:
    """What a request may do, once `Access.grant` has let it in.

    `role` is "facilitator" for whoever holds the server's token; other kinds of visitor
    (a participant with a join code, say) get a role of their own and can be told apart by it.
    """

    role: str
    round: str | None = None
    """A participant's round: the one join code their pages and app may use."""
    device: str | None = None
    """A participant's browser key, made at the join: it finds the member again in that
    browser, and lets no other browser open the member's answers by typing their name."""


FACILITATOR = Grant("facilitator")
PARTICIPANT = "participant"
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

    A participant in a team round holds a second credential: the participants' key (printed
    beside the token, in the join address) *and* a join code of a round in the data folder.
    `exchange` turns the two into a cookie naming that round alone, valid only under
    `/r/`; `grant` gives it `Grant("participant", round=CODE, device=…)`. The key opens
    nothing else, and a participant never sees the token.
    """

    def __init__(
        self,
        token: str | None = None,
        participant_key: str | None = None,
        round_check: RoundCheck | None = None,
    ) -> None:
        self.token = token or secrets.token_urlsafe(TOKEN_BYTES)
        self.participant_key = participant_key or "".join(
            secrets.choice(CODE_ALPHABET) for _ in range(KEY_LENGTH)
        )
        self.round_check: RoundCheck = round_check or (lambda code: "missing")
        # Cookies are shared by every port on a host: two servers on one machine must not
        # overwrite each other's. The name comes from the token without revealing it.
        digest = hashlib.sha256(self.token.encode("utf-8")).hexdigest()[:12]
        self.cookie_name = f"cocreate-{digest}"
        self.participant_cookie_name = f"cocreate-p-{digest}"

    def query(self) -> str:
        """The part of the printed address that carries the token: `token=…`."""
        return f"{TOKEN_PARAMETER}={self.token}"

    def join_query(self) -> str:
        """The part of the participants' address that carries their key: `key=…`."""
        return f"{KEY_PARAMETER}={self.participant_key}"

    def grant(self, request: web.Request) -> Grant | None:
        """What `request` may do, or None when it may not come in at all."""
        if request.path.startswith(PARTICIPANT_PREFIX):
            return self._participant(request.cookies.get(self.participant_cookie_name))
        cookie = request.cookies.get(self.cookie_name)
        if cookie is not None and same_secret(cookie, self.token):
            return FACILITATOR
        return None

    def _signature(self, code: str, device: str) -> str:
        message = f"participant:{code}:{device}".encode()
        return hmac.new(self.token.encode("utf-8"), message, hashlib.sha256).hexdigest()

    def _participant(self, cookie: str | None) -> Grant | None:
        code, _, rest = (cookie or "").partition(".")
        device, _, signature = rest.partition(".")
        if not (code and device and signature):
            return None
        if not same_secret(signature, self._signature(code, device)):
            return None
        return Grant(PARTICIPANT, round=code, device=device)

    def is_join(self, request: web.Request) -> bool:
        """True for the participants' entrance: `/join?key=…` and `/join/CODE?key=…`."""
        return request.path == JOIN_PATH or request.path.startswith(JOIN_PATH + "/")

    def join(self, request: web.Request) -> web.StreamResponse:
        """The participants' entrance: the key and a join code become a participant's cookie.

        Without the right key it is the same refusal as anywhere; with the key but no code, a
        form asking for it; with a code no open round has, a page saying so and the form again.
        """
        from .pages import join_page, refused_page

        lang = "en" if request.query.get("lang") == "en" else "nb"
        given = request.query.get(KEY_PARAMETER)
        if given is None or not same_secret(given.strip().upper(), self.participant_key):
            return refused_page(lang)
        text = request.path.removeprefix(JOIN_PATH).strip("/") or request.query.get(
            CODE_PARAMETER, ""
        )
        if not text.strip():
            return join_page(lang, self.participant_key, None, "")
        try:
            code = normalise_code(text)
        except RoundError:
            return join_page(lang, self.participant_key, "malformed", text)
        problem = self.round_check(code)
        if problem is not None:
            return join_page(lang, self.participant_key, problem, code)
        current = self._participant(request.cookies.get(self.participant_cookie_name))
        # The same browser joining the same round again keeps its key, and so its member.
        kept = current.device if current is not None and current.round == code else None
        device = kept or secrets.token_hex(16)
        response = web.Response(status=303, headers={"Location": PARTICIPANT_PREFIX})
        response.set_cookie(
            self.participant_cookie_name,
            f"{code}.{device}.{self._signature(code, device)}",
            path=PARTICIPANT_PREFIX,
            httponly=True,
            # Lax, not Strict: a join link opened from a chat or a mail must work the first
            # time. The cookie only ever opens this round's own pages.
            samesite="Lax",
            secure=request.secure,
        )
        response.headers["Cache-Control"] = "no-store"
        return response

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
