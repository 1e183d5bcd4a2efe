"""The participants' door of `cocreate serve`: the key and a join code become a cookie that opens
one round's pages and nothing else (web/access.py, without a running server)."""

from __future__ import annotations

import pytest

pytest.importorskip("aiohttp", reason="the web extra is not installed: pip install -e '.[dev,web]'")
pytest.importorskip(
    "textual_serve", reason="the web extra is not installed: pip install -e '.[dev,web]'"
)

from aiohttp import web
from aiohttp.test_utils import make_mocked_request

from cocreate_tui.web.access import PARTICIPANT, Access
from cocreate_tui.web.server import WorkshopServer, participant_command

KEY = "KVT7RNW3PQ2M"
ROUNDS = {"ABCDEF": None, "GHJKMN": "closed"}


def access() -> Access:
    return Access(participant_key=KEY, round_check=lambda code: ROUNDS.get(code, "missing"))


def join(door: Access, path: str, cookie: str = "") -> web.Response:
    headers = {"Cookie": cookie} if cookie else {}
    response = door.join(make_mocked_request("GET", path, headers=headers))
    assert isinstance(response, web.Response)
    return response


def body(response: web.Response) -> str:
    assert response.text is not None
    return response.text


def participant_cookie(door: Access, response: web.Response) -> str:
    morsel = response.cookies[door.participant_cookie_name]
    assert morsel["path"] == "/r/" and morsel["httponly"] and morsel["samesite"] == "Lax"
    return morsel.value


def grant(door: Access, path: str, name: str, value: str) -> object:
    return door.grant(make_mocked_request("GET", path, headers={"Cookie": f"{name}={value}"}))


def test_without_the_key_the_door_is_the_refusal_everyone_gets() -> None:
    door = access()
    for path in ("/join", "/join/ABCDEF", f"/join/ABCDEF?key={KEY[:-1]}X", "/join?code=ABCDEF"):
        response = join(door, path)
        assert response.status == 403 and "Ingen tilgang" in body(response), path


def test_the_key_alone_gives_the_form_and_a_wrong_code_says_so() -> None:
    door = access()
    form = join(door, f"/join?key={KEY}")
    assert form.status == 200 and 'name="code"' in body(form)
    assert "form-action 'self'" in form.headers["Content-Security-Policy"]
    assert not form.cookies
    for code, words in (
        ("ZZZZZZ", "Ingen teamrunde her har koden «ZZZZZZ»"),
        ("O0<b>", "Ingen teamrunde her har koden «O0&lt;b&gt;»"),
        ("GHJKMN", "Teamrunden GHJKMN er avsluttet"),
    ):
        refused = join(door, f"/join?key={KEY}&code={code}")
        assert refused.status == 403 and words in body(refused), code
        assert 'name="code"' in body(refused) and not refused.cookies


def test_key_and_code_open_that_round_s_pages_only() -> None:
    door = access()
    # Typed in lower case on a phone, or given in the path: the same round.
    for path in (f"/join?key={KEY.lower()}&code=abc def", f"/join/ABCDEF?key={KEY}"):
        response = join(door, path)
        assert response.status == 303 and response.headers["Location"] == "/r/"
        value = participant_cookie(door, response)
        assert value.startswith("ABCDEF.") and door.token not in value
        name = door.participant_cookie_name
        opened = grant(door, "/r/", name, value)
        assert getattr(opened, "role", None) == PARTICIPANT
        assert getattr(opened, "round", None) == "ABCDEF"
        assert grant(door, "/r/ws", name, value) == opened
        # Nowhere else: not the wizard, its files, its WebSocket or its downloads.
        for path_elsewhere in ("/", "/ws", "/static/js/page.js", "/download/x"):
            assert grant(door, path_elsewhere, name, value) is None
        # Changed to name another round, or signed by another server, it opens nothing.
        assert grant(door, "/r/", name, "GHJKMN" + value[6:]) is None
        assert grant(door, "/r/", name, value) is not None
        assert grant(Access(participant_key=KEY), "/r/", name, value) is None
    # The token is the facilitator's everywhere but under /r/.
    assert grant(door, "/r/", door.cookie_name, door.token) is None
    assert grant(door, "/", door.cookie_name, door.token) is not None


def test_joining_again_in_the_same_browser_keeps_its_key() -> None:
    door = access()
    first = participant_cookie(door, join(door, f"/join/ABCDEF?key={KEY}"))
    cookie = f"{door.participant_cookie_name}={first}"
    again = participant_cookie(door, join(door, f"/join/ABCDEF?key={KEY}", cookie))
    other = participant_cookie(door, join(door, f"/join/ABCDEF?key={KEY}"))
    assert again == first and other != first


def test_a_participant_tab_runs_the_member_s_round_never_the_wizard() -> None:
    assert participant_command("python -m cocreate_tui", "ABCDEF") == (
        "python -m cocreate_tui --participant ABCDEF"
    )
    server = WorkshopServer("python -m cocreate_tui", host="127.0.0.1", port=1, title="t")
    door = access()
    value = participant_cookie(door, join(door, f"/join/ABCDEF?key={KEY}"))
    granted = grant(door, "/r/", door.participant_cookie_name, value)
    assert server.command_for(granted).endswith("--participant ABCDEF")  # type: ignore[arg-type]
    from cocreate_tui.web.access import FACILITATOR, Grant

    assert server.command_for(FACILITATOR) == "python -m cocreate_tui"
    with pytest.raises(ValueError, match="names no round"):
        server.command_for(Grant(PARTICIPANT))
