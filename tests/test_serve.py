"""`cocreate serve`: options, the remote warning, the missing extra, the guard, no outside URL."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import socket
import subprocess
import sys
import time
import tomllib
import zipfile
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from cocreate_tui.cli import main
from cocreate_tui.commands import serve_command
from cocreate_tui.domain import platform_support

from .build_helpers import build_wheel
from .platform_guards import bare_environment
from .serve_helpers import children, command_line, first_screen, let_in, serving
from .tiny_bank import QUESTIONS, write_tiny_bank

REPO = Path(__file__).resolve().parents[1]
WEB = REPO / "src" / "cocreate_tui" / "web"
NO_EXTRA = "the web extra is not installed: pip install -e '.[dev,web]'"
POSIX = pytest.mark.skipif(os.name != "posix", reason="needs /bin/sh and process groups")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Stands in for serving: records each WorkshopServer that would have served."""
    server_module = pytest.importorskip("cocreate_tui.web.server", reason=NO_EXTRA)
    servers: list[Any] = []

    def serve(self: Any, debug: bool = False) -> None:
        servers.append(self)

    monkeypatch.setattr(server_module.WorkshopServer, "serve", serve)
    return servers


# --- options and warning ---------------------------------------------------------------------


def test_serve_help_names_the_options_and_the_extra(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "serve", "--help")
    assert code == 0
    for option in (
        "--host",
        "--port",
        "--allow-remote",
        "--max-sessions",
        "--data-dir",
        "--bank",
        "--lang",
    ):
        assert option in out
    assert "standard: 127.0.0.1" in out and "standard: 8000" in out
    assert "web-tillegget (textual-serve)" in " ".join(out.split())


@pytest.mark.parametrize("port", ["0", "65536", "http", "-1"])
def test_a_bad_port_is_a_usage_error(capsys: pytest.CaptureFixture[str], port: str) -> None:
    code, out, err = run(capsys, "serve", "--port", port)
    assert code == 2
    assert out == ""
    assert "--port" in err and "Traceback" not in err


@pytest.mark.parametrize("host", ["0.0.0.0", "192.168.1.20", "::", "workshop.example"])
def test_another_host_needs_allow_remote(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, host: str
) -> None:
    # Refused before the server is even imported: importing it here would raise.
    monkeypatch.setitem(sys.modules, "cocreate_tui.web.server", None)
    code, out, err = run(capsys, "--lang", "en", "serve", "--host", host)
    assert code == 2
    assert out == ""
    assert f"--host {host} is not only this machine" in err
    assert "Add --allow-remote" in err


@pytest.mark.parametrize("host", ["127.0.0.1", "localhost", "::1", "127.0.0.2", "LOCALHOST"])
def test_loopback_serves_without_a_warning(
    capsys: pytest.CaptureFixture[str], served: list[Any], host: str
) -> None:
    code, _, err = run(capsys, "serve", "--host", host, "--port", "8123")
    assert code == 0
    assert err == ""
    [server] = served
    assert (server.host, server.port, server.remote) == (host, 8123, False)


def test_allow_remote_warns_in_norwegian_then_english(
    capsys: pytest.CaptureFixture[str], served: list[Any]
) -> None:
    code, out, err = run(capsys, "serve", "--host", "0.0.0.0", "--port", "8080", "--allow-remote")
    assert code == 0
    lines = err.strip().split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("ADVARSEL: cocreate serve tar imot tilkoblinger på 0.0.0.0:8080")
    assert "Alle som får adressen med nøkkelen (token), kan lese og endre" in lines[0]
    assert "ukryptert (http)" in lines[0]
    assert lines[1].startswith("WARNING: cocreate serve accepts connections on 0.0.0.0:8080")
    assert "Everyone who gets the address with its token can read and change" in lines[1]
    assert "not encrypted (http)" in lines[1]
    assert out == ""
    [server] = served
    assert server.remote is True
    # Remote or not, only the address with the token opens the app; members of a team round
    # get an address of their own, with the participants' key and never the token.
    assert server.banner == (
        "cocreate serve: åpne http://<denne maskinens adresse>:8080/"
        f"?token={server.access.token} i en nettleser. Ctrl+C stopper.\n"
        "Deltakere i en teamrunde åpner http://<denne maskinens adresse>:8080/join"
        f"?key={server.access.participant_key} og skriver rundens kode."
    )
    assert server.access.token not in server.banner.split("\n")[1]


def test_the_cap_on_app_processes_is_eight_unless_asked(
    capsys: pytest.CaptureFixture[str], served: list[Any]
) -> None:
    assert run(capsys, "serve")[0] == 0
    assert run(capsys, "serve", "--max-sessions", "3")[0] == 0
    assert [server.max_sessions for server in served] == [8, 3]
    for bad in ("0", "-1", "many", "1001"):
        code, out, err = run(capsys, "serve", "--max-sessions", bad)
        assert code == 2 and out == ""
        assert "--max-sessions" in err and "Traceback" not in err
    assert len(served) == 2


def test_lang_en_puts_the_english_warning_first(
    capsys: pytest.CaptureFixture[str], served: list[Any]
) -> None:
    code, _, err = run(capsys, "--lang", "en", "serve", "--host", "::", "--allow-remote")
    assert code == 0
    first, second = err.strip().split("\n")
    assert first.startswith("WARNING: cocreate serve accepts connections on [::]:8000")
    assert second.startswith("ADVARSEL:")
    assert served[0].banner.startswith("cocreate serve: open http://<this machine's address>")


def test_the_served_command_runs_this_app_with_the_same_options(
    capsys: pytest.CaptureFixture[str],
    served: list[Any],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    bank = write_tiny_bank(tmp_path / "my bank")
    monkeypatch.chdir(tmp_path)
    code, _, _ = run(capsys, "serve", "--data-dir", "økter", "--bank", "my bank", "--lang", "en")
    assert code == 0
    [server] = served
    assert shlex.split(server.command) == [
        sys.executable,
        "-m",
        "cocreate_tui",
        "--data-dir",
        str(tmp_path / "økter"),
        "--lang",
        "en",
        "--bank",
        str(bank),
    ]
    assert server.title == "Tiny bank"
    assert server.lang == "en"


def test_the_data_dir_comes_from_the_environment_when_not_given(
    capsys: pytest.CaptureFixture[str], served: list[Any], tmp_path: Path
) -> None:
    # conftest points COCREATE_DATA_DIR at tmp_path/data; the served app must get it explicitly.
    run(capsys, "serve")
    parts = shlex.split(served[0].command)
    assert parts[parts.index("--data-dir") + 1] == str(tmp_path / "data")
    assert "--bank" not in parts


@POSIX
@pytest.mark.skipif(
    platform_support.SYSTEM == platform_support.WINDOWS,
    reason="on Windows the command is quoted for cmd.exe (tests/test_platform_support.py)",
)
def test_the_command_survives_the_shell_whatever_the_folder_is_called(tmp_path: Path) -> None:
    # textual-serve hands the command to /bin/sh: quoting must keep every character literal.
    folder = tmp_path / "a b'c\"$(touch pwned)`touch pwned2`;&|*"
    command = serve_command.app_command(folder, None, "nb")
    shown = subprocess.run(
        ["/bin/sh", "-c", "printf '%s\\n' " + command],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout.split("\n")[:-1]
    assert shown == [
        sys.executable,
        "-m",
        "cocreate_tui",
        "--data-dir",
        str(folder),
        "--lang",
        "nb",
    ]
    assert not (tmp_path / "pwned").exists() and not (tmp_path / "pwned2").exists()


def test_a_broken_bank_is_reported_before_serving(
    capsys: pytest.CaptureFixture[str], served: list[Any], tmp_path: Path
) -> None:
    broken = write_tiny_bank(
        tmp_path / "broken",
        questions_toml=QUESTIONS.replace('dimension = "time"', 'dimension = "x"'),
    )
    code, _, err = run(capsys, "--lang", "en", "serve", "--bank", str(broken))
    assert code == 1
    assert served == []
    assert "unknown dimension 'x'" in err


def test_a_port_in_use_is_a_plain_error(tmp_path: Path) -> None:
    pytest.importorskip("textual_serve", reason=NO_EXTRA)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "cocreate_tui", "--lang", "en", "serve", "--port", str(port)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
            env=bare_environment({"COCREATE_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}),
        )
    assert done.returncode == 1
    assert f"cocreate: cannot listen on 127.0.0.1:{port}" in done.stderr
    assert "address already in use" in done.stderr
    assert done.stdout == ""  # no "open … in a browser" for a server that never started
    assert "Traceback" not in done.stderr + done.stdout


@POSIX
@pytest.mark.parametrize(
    "stopping",
    [
        # Ctrl+C in a terminal signals the whole foreground group: the server and the apps.
        "ctrl+c",
        # `kill PID` or a service manager signals the server alone: it must end the apps.
        "kill",
        # The browser closes just as the server is stopped: the tab's app is already quitting.
        "tab closed, then kill",
    ],
)
async def test_stopping_with_a_tab_open_is_prompt_and_ends_its_app(
    tmp_path: Path, stopping: str
) -> None:
    pytest.importorskip("textual_serve", reason=NO_EXTRA)
    import aiohttp

    async with serving(tmp_path) as served, aiohttp.ClientSession() as http:
        async with http.ws_connect(
            f"{served.origin}/ws?width=100&height=30", headers=await let_in(http, served)
        ) as ws:
            # The tab's app is running once it has drawn its first screen.
            await first_screen(ws)
            started = time.monotonic()
            if stopping == "ctrl+c":
                os.killpg(served.pid, signal.SIGINT)
            elif stopping == "kill":
                os.kill(served.pid, signal.SIGTERM)
            else:
                await ws.close()
                os.kill(served.pid, signal.SIGTERM)
            # A browser answers the server's close at once; so does this client while it reads.
            async for _ in ws:
                pass
            code = await asyncio.to_thread(served.process.wait, 20)
        assert time.monotonic() - started < 5
        assert code == 0, served.output()
        deadline = time.monotonic() + 5
        while True:
            try:
                os.killpg(served.pid, 0)
            except ProcessLookupError:
                break  # no process of the group is left: the tab's app has ended too
            assert time.monotonic() < deadline, "the tab's app outlived the server"
            await asyncio.sleep(0.05)


# --- without the extra -----------------------------------------------------------------------


def test_without_the_extra_it_says_exactly_what_to_install(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # As if textual-serve were not installed: None in sys.modules makes its import fail.
    monkeypatch.setitem(sys.modules, "textual_serve", None)
    monkeypatch.setitem(sys.modules, "textual_serve.server", None)
    monkeypatch.delitem(sys.modules, "cocreate_tui.web.server", raising=False)
    code, out, err = run(capsys, "--lang", "en", "serve")
    assert code == 1
    assert out == ""
    assert "`cocreate serve` needs the web extra, which is not installed" in err
    # The extra's own pinned packages: cocreate-tui itself is not on PyPI for pip to find.
    pyproject = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))
    packages = " ".join(pyproject["project"]["optional-dependencies"]["web"])
    assert f"Install it with: pip install {packages}" in err
    assert f"{sys.executable} -m pip install {packages}" in err
    assert "cocreate-tui[web]" not in err
    assert "Traceback" not in err


def test_other_import_errors_are_not_blamed_on_the_extra(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "cocreate_tui.web.server", None)
    with pytest.raises(ImportError):
        main(["serve"])


def test_the_command_line_imports_no_web_library_until_serve_runs() -> None:
    probe = (
        "import sys\n"
        "from cocreate_tui.cli import build_parser\n"
        "build_parser().parse_args(['serve', '--port', '9000'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'aiohttp', 'textual_serve', 'jinja2', 'textual'}))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


# --- the page and the guard ------------------------------------------------------------------

TEXT_SUFFIXES = {".html", ".css", ".js"}
OUTSIDE = re.compile(
    r"\b(?:https?|wss?|ftp)://|//fonts|googleapis|gstatic|jsdelivr|unpkg|cdnjs|@import"
    r"|(?:src|href)\s*=\s*[\"']?\s*//|url\(\s*[\"']?\s*//",
    re.IGNORECASE,
)
"""An outside address, a protocol-relative one, or a stylesheet import."""
REFERENCE = re.compile(r"""(?:src|href)\s*=\s*["']([^"']*)["']|url\(\s*["']?([^"')]*)""")
ABSOLUTE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:|//)", re.IGNORECASE)
"""A URL with a scheme, or protocol-relative: anything but a path on the same server."""


def outside_references(text: str) -> list[str]:
    """Every place in `text` that could make a browser ask a host other than ours."""
    found = [m.group(0) for m in OUTSIDE.finditer(text)]
    for match in REFERENCE.finditer(text):
        target = match.group(1) if match.group(1) is not None else match.group(2)
        if ABSOLUTE.match(target) and not target.startswith("data:"):
            found.append(target)
    return found


def web_files() -> list[Path]:
    return sorted(p for p in (WEB / "templates").rglob("*") if p.is_file()) + sorted(
        p for p in (WEB / "static").rglob("*") if p.is_file()
    )


def test_the_page_and_its_files_name_no_outside_host() -> None:
    files = web_files()
    texts = [p for p in files if p.suffix in TEXT_SUFFIXES]
    assert {p.name for p in texts} >= {"app_index.html", "page.css", "xterm.css", "textual.js"}
    # Anything else served must be a font file: it cannot make the browser fetch anything.
    assert {p.suffix for p in files} - TEXT_SUFFIXES == {".ttf"}
    for path in texts:
        assert outside_references(path.read_text(encoding="utf-8")) == [], path


def test_the_check_catches_textual_serves_own_template() -> None:
    # The control: the template we replaced links Google Fonts, and the check finds it.
    original = pytest.importorskip("textual_serve", reason=NO_EXTRA)
    template = Path(original.__file__).parent / "templates" / "app_index.html"
    found = outside_references(template.read_text(encoding="utf-8"))
    assert any("fonts.googleapis.com" in f for f in found)
    assert outside_references('<img src="//cdn.example/x.png">')
    assert outside_references("a { background: url(img.png) }") == []
    assert outside_references('<script src="https://cdn.example/x.js">')


@pytest.mark.parametrize("copied", ["js/textual.js", "fonts/RobotoMono-VariableFont_wght.ttf"])
def test_copies_match_the_pinned_textual_serve(copied: str) -> None:
    # The page's client must speak the installed server's protocol: a new pin means a new copy.
    original = pytest.importorskip("textual_serve", reason=NO_EXTRA)
    theirs = Path(original.__file__).parent / "static" / copied
    assert (WEB / "static" / copied).read_bytes() == theirs.read_bytes()


def test_every_copied_file_has_its_licence() -> None:
    notice = (WEB / "licenses" / "NOTICE.txt").read_text(encoding="utf-8")
    for path in web_files():
        assert str(path.relative_to(WEB)) in notice, path
    assert "Apache License" in (WEB / "licenses" / "RobotoMono-LICENSE.txt").read_text()
    assert "MIT License" in (WEB / "licenses" / "textual-serve-LICENSE.txt").read_text()


TOKEN = "a-token-for-tests-only-0123456789-abcdefghij"


@pytest.fixture
def workshop(request: pytest.FixtureRequest) -> Any:
    """A WorkshopServer with a known token (remote when the test is parametrised so)."""
    server_module = pytest.importorskip("cocreate_tui.web.server", reason=NO_EXTRA)
    from cocreate_tui.web.access import Access

    # The command would run only for an accepted WebSocket, which these tests never open.
    command = shlex.join([sys.executable, "-c", "pass"])
    return server_module.WorkshopServer(
        command,
        host="127.0.0.1",
        port=0,
        title="Er vi klare?",
        remote=getattr(request, "param", False),
        access=Access(TOKEN),
    )


@asynccontextmanager
async def http_client(workshop: Any) -> AsyncIterator[Any]:
    """An HTTP client for `workshop` that keeps cookies, as a browser does, also for 127.0.0.1."""
    from aiohttp import CookieJar
    from aiohttp.test_utils import TestClient, TestServer

    test_client = TestClient(
        TestServer(await workshop._make_app(), host="127.0.0.1"),
        cookie_jar=CookieJar(unsafe=True),
    )
    await test_client.start_server()
    try:
        yield test_client
    finally:
        await test_client.close()


@pytest.fixture
async def stranger(workshop: Any) -> AsyncIterator[Any]:
    """A client that never had the token: another account on this machine, say."""
    async with http_client(workshop) as test_client:
        yield test_client


@pytest.fixture
async def client(workshop: Any) -> AsyncIterator[Any]:
    """A client that opened the printed address once, as the facilitator's browser does."""
    async with http_client(workshop) as test_client:
        response = await test_client.get(f"/?token={TOKEN}")
        assert response.status == 200
        yield test_client


async def test_the_page_comes_from_our_template_with_a_strict_policy(client: Any) -> None:
    response = await client.get("/")
    assert response.status == 200
    page = await response.text()
    host = f"127.0.0.1:{client.port}"
    assert '<html lang="nb">' in page and "<title>Er vi klare?</title>" in page
    assert "Forbindelsen er avsluttet. Svarene er lagret." in page
    assert f'data-session-websocket-url="ws://{host}/ws"' in page
    assert 'href="/static/css/page.css"' in page
    # The one absolute address in the page is the WebSocket back to where the page came from.
    assert re.findall(r"[a-z]+://[^\"'\s]+", page) == [f"ws://{host}/ws"]
    policy = response.headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy
    assert f"connect-src 'self' ws://{host}" in policy
    assert "frame-ancestors 'none'" in policy
    assert response.headers["X-Content-Type-Options"] == "nosniff"


async def test_every_static_file_is_served(client: Any) -> None:
    for path in web_files():
        if path.is_relative_to(WEB / "static"):
            url = "/static/" + path.relative_to(WEB / "static").as_posix()
            response = await client.get(url)
            assert response.status == 200, url
            assert await response.read() == path.read_bytes()


@pytest.mark.parametrize(("asked", "given"), [("24", "24"), ("999", "16"), ("x", "16")])
async def test_fontsize_makes_the_text_larger_within_reason(
    client: Any, asked: str, given: str
) -> None:
    page = await (await client.get(f"/?fontsize={asked}")).text()
    assert f'data-font-size="{given}"' in page


@pytest.mark.parametrize(
    "host", ["evil.example", "evil.example:8000", "192.168.1.20:8000", "127.0.0.1 x"]
)
async def test_a_page_asked_for_under_another_name_is_refused(client: Any, host: str) -> None:
    # DNS rebinding: a web site whose name points at 127.0.0.1 must not get the app.
    for path in ("/", "/ws", "/static/js/page.js"):
        response = await client.get(path, headers={"Host": host})
        assert response.status == 403, (path, host)


@pytest.mark.parametrize("host", ["localhost", "127.0.0.1", "[::1]"])
async def test_the_loopback_names_are_accepted(client: Any, host: str) -> None:
    response = await client.get("/", headers={"Host": f"{host}:{client.port}"})
    assert response.status == 200


@pytest.mark.parametrize("workshop", [True], indirect=True)
async def test_with_allow_remote_any_name_is_accepted_and_the_page_follows_it(
    client: Any,
) -> None:
    response = await client.get("/", headers={"Host": "192.168.1.20:8000"})
    assert response.status == 200
    assert 'data-session-websocket-url="ws://192.168.1.20:8000/ws"' in await response.text()
    # Even then, a Host no browser would send never reaches the page or the policy header.
    bad = await client.get("/", headers={"Host": "x; script-src *"})
    assert bad.status == 403


@pytest.mark.parametrize(
    "origin", [None, "http://evil.example", "http://127.0.0.1:1", "https://127.0.0.1"]
)
async def test_a_websocket_from_another_origin_is_refused(client: Any, origin: str | None) -> None:
    # Any site the facilitator visits could otherwise open ws://127.0.0.1:8000/ws. That our
    # own page's WebSocket is accepted, test_serve_e2e shows with a real browser.
    from aiohttp import WSServerHandshakeError

    headers = {} if origin is None else {"Origin": origin}
    with pytest.raises(WSServerHandshakeError) as refused:
        await client.ws_connect("/ws", headers=headers)
    assert refused.value.status == 403


# --- the token ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/?fontsize=24",
        "/static/",
        "/static/js/textual.js",
        "/static/js/page.js",
        "/static/css/page.css",
        "/static/fonts/RobotoMono-VariableFont_wght.ttf",
        "/download/anything",
        "/?token=wrong",
        f"/?token={TOKEN[:-1]}",
        f"/?token={TOKEN}x",
        "/?token=%C3%B8",
        f"/?token={TOKEN.upper()}",
    ],
)
async def test_without_the_token_nothing_is_served(stranger: Any, path: str) -> None:
    # Also on loopback: another account on this machine reaches 127.0.0.1 as easily.
    response = await stranger.get(path, allow_redirects=False)
    assert response.status == 403
    page = await response.text()
    assert "Ingen tilgang" in page and "No access" in page
    # The refusal gives nothing away: not the bank's title, not a file of the page.
    assert "Er vi klare?" not in page and "textual" not in page.lower()
    assert "Set-Cookie" not in response.headers
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


async def test_a_websocket_without_the_token_is_refused(stranger: Any) -> None:
    from aiohttp import WSServerHandshakeError

    origin = f"http://127.0.0.1:{stranger.port}"
    with pytest.raises(WSServerHandshakeError) as refused:
        await stranger.ws_connect("/ws", headers={"Origin": origin})
    assert refused.value.status == 403


@pytest.mark.parametrize("value", [TOKEN[:-1] + "y", "", TOKEN + TOKEN, "ø" * 40])
async def test_a_wrong_cookie_is_no_cookie(stranger: Any, workshop: Any, value: str) -> None:
    stranger.session.cookie_jar.update_cookies({workshop.access.cookie_name: value})
    assert (await stranger.get("/")).status == 403


async def test_the_token_becomes_a_cookie_and_leaves_the_address(
    stranger: Any, workshop: Any
) -> None:
    response = await stranger.get(f"/?fontsize=24&token={TOKEN}", allow_redirects=False)
    assert response.status == 303
    # On to the same page without the token: not in the history, on screen or in a Referer.
    assert response.headers["Location"] == "/?fontsize=24"
    assert response.headers["Cache-Control"] == "no-store"
    assert response.headers["Referrer-Policy"] == "no-referrer"
    cookie = response.cookies[workshop.access.cookie_name]
    assert cookie.value == TOKEN
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Strict" and cookie["path"] == "/"
    # It lasts while the browser is open, no longer.
    assert not cookie["max-age"] and not cookie["expires"]
    page = await stranger.get("/?fontsize=24")
    assert page.status == 200
    assert 'data-font-size="24"' in await page.text()
    assert (await stranger.get("/static/js/page.js")).status == 200


def test_every_server_has_a_token_of_its_own_and_a_cookie_name_that_hides_it() -> None:
    pytest.importorskip("aiohttp", reason=NO_EXTRA)
    from cocreate_tui.web.access import Access

    first, second = Access(), Access()
    assert first.token != second.token
    assert len(first.token) >= 43  # 32 random bytes, base64url
    # Cookies are shared by every port of a host: two servers must not overwrite each other's.
    assert first.cookie_name != second.cookie_name
    assert first.token not in first.cookie_name


def test_the_token_is_compared_in_constant_time(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("aiohttp", reason=NO_EXTRA)
    import hmac

    from aiohttp.test_utils import make_mocked_request

    from cocreate_tui.web.access import FACILITATOR, Access

    compared: list[tuple[bytes, bytes]] = []
    real = hmac.compare_digest

    def recording(given: bytes, expected: bytes) -> bool:
        compared.append((given, expected))
        return real(given, expected)

    monkeypatch.setattr(hmac, "compare_digest", recording)
    access = Access(TOKEN)
    for cookie, grant in [(TOKEN, FACILITATOR), (TOKEN[:-1], None), ("æøå", None)]:
        request = make_mocked_request(
            "GET", "/", headers={"Cookie": f"{access.cookie_name}={cookie}"}
        )
        assert access.grant(request) == grant
    assert [given for given, _ in compared] == [t.encode() for t in (TOKEN, TOKEN[:-1], "æøå")]


# --- the cap and the terminal size -----------------------------------------------------------

FAKE_APP = r"""
# Stands in for the app: says the terminal size it was started with and each it is given.
import json, os, sys
out, inp = sys.stdout.buffer, sys.stdin.buffer
def say(text):
    data = text.encode()
    out.write(b"D" + len(data).to_bytes(4, "big") + data)
    out.flush()
out.write(b"__GANGLION__\n")
say(f"size {os.environ['COLUMNS']}x{os.environ['ROWS']}")
while kind := inp.read(1):
    payload = inp.read(int.from_bytes(inp.read(4), "big"))
    meta = json.loads(payload) if kind == b"M" else {}
    if meta.get("type") == "resize":
        say(f"size {meta['width']}x{meta['height']}")
    elif meta.get("type") == "quit":
        break
    elif meta.get("type") == "focus":  # stands in for a crash
        sys.exit(1)
"""


@asynccontextmanager
async def fake_apps(tmp_path: Path, max_sessions: int) -> AsyncIterator[tuple[Any, Any]]:
    """A WorkshopServer running FAKE_APP for each tab, and a client that has the token."""
    server_module = pytest.importorskip("cocreate_tui.web.server", reason=NO_EXTRA)
    from cocreate_tui.web.access import Access

    script = tmp_path / "fake_app.py"
    script.write_text(FAKE_APP)
    server = server_module.WorkshopServer(
        shlex.join([sys.executable, str(script)]),
        host="127.0.0.1",
        port=0,
        title="Er vi klare?",
        access=Access(TOKEN),
        max_sessions=max_sessions,
    )
    async with http_client(server) as client:
        assert (await client.get(f"/?token={TOKEN}")).status == 200
        yield server, client


async def open_tab(client: Any, query: str = "width=100&height=30") -> tuple[Any, str]:
    """A WebSocket as the page opens it, and the first thing its app says."""

    origin = f"http://127.0.0.1:{client.port}"
    ws = await client.ws_connect(f"/ws?{query}", headers={"Origin": origin})
    return ws, await said(ws)


async def said(ws: Any) -> str:
    import aiohttp

    message = await ws.receive(timeout=20)
    assert message.type == aiohttp.WSMsgType.BINARY, message
    return str(message.data.decode())


async def wait_until(condition: Any, what: str) -> None:
    deadline = time.monotonic() + 20
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.05)


@POSIX
async def test_a_terminal_too_large_is_clamped(tmp_path: Path) -> None:
    async with fake_apps(tmp_path, max_sessions=2) as (_, client):
        ws, first = await open_tab(client, "width=100000&height=99999")
        # The app draws every cell it is given: 10⁵ columns would cost it memory and time.
        assert first == "size 300x120"
        for asked, given in [
            ({"width": 5000, "height": 2}, "size 300x4"),
            ({"width": 120, "height": 40}, "size 120x40"),
            ({"width": "wide", "height": -3}, "size 10x4"),
        ]:
            await ws.send_json(["resize", asked])
            assert await said(ws) == given
        await ws.close()


@POSIX
async def test_an_app_that_ends_closes_its_tab_and_gives_its_place_back(tmp_path: Path) -> None:
    import aiohttp

    async with fake_apps(tmp_path, max_sessions=1) as (server, client):
        ws, _ = await open_tab(client)
        assert server.full
        await ws.send_json(["focus"])
        message = await ws.receive(timeout=20)
        assert message.type == aiohttp.WSMsgType.CLOSE, message
        await ws.close()
        await wait_until(lambda: server.sessions == 0, "the ended app's place")
        again, first = await open_tab(client)
        assert first == "size 100x30"
        await again.close()


@POSIX
@pytest.mark.skipif(sys.platform != "linux", reason="follows the app processes through /proc")
async def test_tabs_beyond_the_cap_get_a_clear_page_until_one_closes(tmp_path: Path) -> None:
    def apps() -> list[int]:
        # This test's own apps, still running: not an ended one waiting to be reaped.
        return [pid for pid in children(os.getpid()) if str(tmp_path) in command_line(pid)]

    async with fake_apps(tmp_path, max_sessions=2) as (server, client):
        first, _ = await open_tab(client)
        second, _ = await open_tab(client)
        running = apps()
        assert len(running) == 2

        from aiohttp import WSServerHandshakeError

        with pytest.raises(WSServerHandshakeError) as refused:
            await open_tab(client)
        assert refused.value.status == 503
        assert apps() == running
        page = await client.get("/")
        assert page.status == 503
        text = await page.text()
        assert "Alle plassene er i bruk" in text and "2 faner har appen åpen nå" in text
        assert "All places are taken" in text and "--max-sessions" in text

        # Closing a tab ends its app, and makes room for another.
        await first.close()
        await wait_until(lambda: server.sessions == 1, "the closed tab's slot")
        await wait_until(lambda: len(apps()) == 1, "the closed tab's app to end")
        third, said_first = await open_tab(client)
        assert said_first == "size 100x30"
        await second.close()
        await third.close()
        await wait_until(lambda: not apps(), "every app to end")
        # The place is given back when the server has seen the app's end, just after the
        # process is gone: wait for it rather than assert at once (a race seen once in CI).
        await wait_until(lambda: server.sessions == 0, "every place given back")


# --- packaging -------------------------------------------------------------------------------


def test_the_wheel_carries_the_page_its_files_and_licences(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    out = tmp_path_factory.mktemp("wheel")
    wheel = zipfile.ZipFile(build_wheel(out))
    names = set(wheel.namelist())
    for path in [*web_files(), *(WEB / "licenses").iterdir()]:
        name = f"cocreate_tui/web/{path.relative_to(WEB).as_posix()}"
        assert name in names
        assert wheel.read(name) == path.read_bytes()
    metadata = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = wheel.read(metadata).decode()
    assert "Provides-Extra: web" in text
    assert "Requires-Dist: textual-serve==1.1.3; extra == 'web'" in text
