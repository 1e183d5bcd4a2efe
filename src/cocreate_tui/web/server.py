"""textual-serve's Server with this package's own page, for token holders only, within limits."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import re
import signal
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int
from yarl import URL

from ..domain.round_store import DEVICE_VARIABLE
from ..i18n import languages, t
from .access import GRANT, PARTICIPANT, PARTICIPANT_PREFIX, Access, Grant
from .hosts import is_loopback
from .pages import full_page, refused_page
from .serve_internals import process_messages, take_app_process

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

PAGE_TEXTS = ("loading", "start", "closed", "restart")
"""The page's own few words around the terminal: catalogue keys `web_<name>`."""

HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]+)?|\[[0-9A-Fa-f:.]+\](:[0-9]+)?")
"""A Host header as browsers send it; anything else is refused before it reaches the page."""
FONT_SIZES = range(8, 65)
APP_EXIT_TIMEOUT = 5.0
"""Seconds a tab's app gets to quit (it has saved every answer already) before it is killed."""
MAX_SESSIONS = 8
"""App processes at once by default: each takes some 40 MB, and a workshop has a few teams."""
COLUMNS = range(10, 301)
ROWS = range(4, 121)
"""Terminal sizes an app is given: a browser may ask for any, and the app draws every cell."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]
WEBSOCKETS = frozenset({"/ws", f"{PARTICIPANT_PREFIX}ws"})


def participant_command(command: str, code: str) -> str:
    """The app command for a participant of round `code`: the member's own questions only.

    `code` comes from a signed cookie and is a join code (letters and digits), safe for a shell.
    """
    assert code.isalnum(), code
    return f"{command} --participant {code}"


def clamp(value: object, allowed: range) -> int:
    """`value` as a whole number within `allowed`; anything that is not a number, the least."""
    number = to_int(str(value), allowed.start) if not isinstance(value, int) else value
    return max(allowed.start, min(number, allowed.stop - 1))


def terminal_size(width: object, height: object) -> tuple[int, int]:
    """The columns and rows an app gets for the size a browser asked for."""
    return clamp(width, COLUMNS), clamp(height, ROWS)


def content_security_policy(host: str) -> str:
    """The page may load and connect only to the server it came from, and be framed by no one."""
    return "; ".join(
        (
            "default-src 'none'",
            "script-src 'self'",
            # textual.js adds <style> elements; xterm.js sets style attributes.
            "style-src 'self' 'unsafe-inline'",
            "font-src 'self'",
            "img-src 'self' data:",
            f"connect-src 'self' ws://{host} wss://{host}",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        )
    )


def close_transport(process: Process) -> None:
    """Close a reaped app's subprocess transport now, while the event loop still runs.

    Left open, its finaliser closes it whenever the garbage collector gets to it; after the
    loop has closed that prints «Event loop is closed» on the facilitator's terminal
    (Python 3.13, seen in CI even with a gc.collect() at shutdown).
    """
    transport = getattr(process, "_transport", None)
    if transport is not None:
        transport.close()


class TabService(AppService):
    """textual-serve's AppService for one browser tab; stopping it also reaps the app process.

    textual-serve leaves the app's stdin open and never waits for the process, so when the
    server stops with tabs open the event loop closes under them and Python prints
    "Event loop is closed" tracebacks on the facilitator's terminal.
    """

    def __init__(self, *args: Any, device: str | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._device = device

    def _build_environment(self, width: int = 80, height: int = 24) -> dict[str, str]:
        # A private hook of textual-serve: listed, with its signature, in serve_internals.
        environment = super()._build_environment(width, height)
        if self._device is not None:
            # The environment, not the command line, which every account on the machine reads.
            environment[DEVICE_VARIABLE] = self._device
        return environment

    async def run(self) -> None:
        await super().run()
        # The app has ended (it quit, or it crashed): textual-serve would keep the tab's
        # WebSocket, and with it a place under the cap, open until the browser goes away.
        await self.remote_close()

    async def set_terminal_size(self, width: int, height: int) -> None:
        await super().set_terminal_size(*terminal_size(width, height))

    async def stop(self) -> None:
        await super().stop()
        process = take_app_process(self)
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), APP_EXIT_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()
        except asyncio.CancelledError:
            # Its slot is given back: the process must not outlive it.
            process.kill()
            raise
        finally:
            close_transport(process)


class WorkshopServer(Server):
    """Serve `command` (one app process per browser tab) from this package's page and files.

    Beyond textual-serve's own server, it refuses requests whose Host header is not this
    machine unless `remote` (so a web site cannot reach the app through DNS rebinding),
    WebSocket connections opened by a page from another origin (any site the facilitator
    visits could otherwise drive the app), and every request without the token (another
    account on the same machine reaches the loopback port as easily as its owner). It runs
    at most `max_sessions` apps at once, each in a terminal of at most 300×120. The page's
    URLs follow the address the browser used, so the same page works at 127.0.0.1, localhost
    or, with `remote`, the LAN address.
    """

    def __init__(
        self,
        command: str,
        *,
        host: str,
        port: int,
        title: str,
        lang: str = "nb",
        remote: bool = False,
        banner: str = "",
        access: Access | None = None,
        max_sessions: int = MAX_SESSIONS,
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            templates_path=TEMPLATES_DIR,
            statics_path=STATIC_DIR,
        )
        self.lang = lang if lang in languages() else "nb"
        self.remote = remote
        self.banner = banner
        self.access = access or Access()
        self.max_sessions = max_sessions
        self.sessions = 0
        """App processes started and not yet reaped (counted before the WebSocket opens)."""
        self._tabs: dict[asyncio.Task[object], web.WebSocketResponse] = {}

    async def _make_app(self) -> web.Application:
        # A private hook of textual-serve: listed, with its signature, in serve_internals.
        app = await super()._make_app()
        # A participant's page, WebSocket and files: the only paths a participant's cookie opens.
        app.add_routes(
            [
                web.get(PARTICIPANT_PREFIX, self.handle_index),
                web.get(f"{PARTICIPANT_PREFIX}ws", self.handle_websocket),
                web.static(f"{PARTICIPANT_PREFIX}static", self.statics_path),
            ]
        )
        app.middlewares.append(self._guard)
        return app

    def serve(self, debug: bool = False) -> None:
        """Serve until Ctrl+C or SIGTERM, as textual-serve does; OSError if the port is taken.

        Unlike textual-serve's, the banner comes once the port is open, not before it fails.
        """
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        for signal_number in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError):  # Windows has no signal handlers
                loop.add_signal_handler(signal_number, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.host,
            port=self.port,
            handle_signals=False,
            loop=loop,
            print=self._print_banner,
        )

    def _print_banner(self, *_: object) -> None:
        if self.banner:
            print(self.banner, flush=True)

    async def on_startup(self, app: web.Application) -> None:
        # textual-serve prints its logo and the full command line here (which names the data
        # folder); the banner comes from serve() instead.
        return None

    async def on_shutdown(self, app: web.Application) -> None:
        # Ctrl+C with tabs open would otherwise wait ~20 s for them to close. Closing a tab's
        # WebSocket ends its handler the ordinary way: it tells its app to quit (every answer is
        # already saved) and reaps it. Cancelling the handler instead could cut that short.
        tabs = dict(self._tabs)
        if tabs:
            await asyncio.gather(
                *(socket.close(code=WSCloseCode.GOING_AWAY) for socket in tabs.values()),
                return_exceptions=True,
            )
            await asyncio.wait(tabs, timeout=APP_EXIT_TIMEOUT + 5)
        # An ended app's subprocess transport is closed by its finaliser. Left to the garbage
        # collector it may run after the loop has closed, and Python 3.13 then prints an
        # «Event loop is closed» traceback on the facilitator's terminal (seen in CI). Collect
        # now, while the loop runs, and let the close callbacks it schedules run too.
        gc.collect()
        await asyncio.sleep(0)

    def host_allowed(self, host_header: str) -> bool:
        """True when a request's Host header names this machine, or any host when remote."""
        if not HOST_HEADER.fullmatch(host_header):
            return False
        if self.remote:
            return True
        try:
            host = URL(f"http://{host_header}").host
        except ValueError:
            return False
        return host is not None and is_loopback(host)

    def origin_allowed(self, request: web.Request) -> bool:
        """True when a WebSocket request comes from a page served by this server."""
        origin = request.headers.get("Origin")
        if not origin:
            return False
        try:
            theirs = URL(origin)
            ours = URL(f"{request.scheme}://{request.host}")
        except ValueError:
            return False
        return (theirs.scheme, theirs.host, theirs.port) == (ours.scheme, ours.host, ours.port)

    @web.middleware
    async def _guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        response = await self._admit(request, handler)
        if request.path not in WEBSOCKETS:  # a WebSocket's headers are sent once it is open
            response.headers.setdefault("X-Content-Type-Options", "nosniff")
            response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    async def _admit(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        """`handler`'s response when the request may come in, a refusal otherwise: the one door.

        In means: a Host naming this machine (any name with `remote`), for a WebSocket an
        Origin on this server, and a grant from `self.access`: the token, or under `/r/` a
        participant's cookie (made at `/join` from the participants' key and a join code).
        """
        if not self.host_allowed(request.host):
            return web.Response(status=403, text="cocreate serve: unknown Host\n")
        websocket = request.path in WEBSOCKETS
        if websocket and not self.origin_allowed(request):
            return web.Response(status=403, text="cocreate serve: foreign Origin\n")
        if self.access.is_join(request):
            return self.access.join(request)
        if not websocket and (exchanged := self.access.exchange(request)):
            return exchanged
        grant = self.access.grant(request)
        if grant is None:
            return refused_page(self.lang)
        request[GRANT] = grant
        return await handler(request)

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: our template, with every URL on the address the browser used."""
        if self.full:
            return full_page(self.lang, self.sessions)
        host = request.host
        websocket_scheme = "wss" if request.secure else "ws"
        # ?fontsize=24 makes the text larger on a projector.
        font_size = to_int(request.query.get("fontsize", "16"), 16)
        # A participant's page uses only paths under /r/, where their cookie counts.
        base = PARTICIPANT_PREFIX if request[GRANT].role == PARTICIPANT else "/"
        context: dict[str, Any] = {
            "font_size": font_size if font_size in FONT_SIZES else 16,
            "app_websocket_url": f"{websocket_scheme}://{host}{base}ws",
            "config": {"static": {"url": f"{base}static/"}},
            "application": {"name": self.title},
            "page": {
                "lang": self.lang,
                **{name: t(f"web_{name}", self.lang) for name in PAGE_TEXTS},
            },
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Content-Security-Policy"] = content_security_policy(host)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: textual-serve's handler, within the cap, reaping its app at the end."""
        if self.full:
            # The page then shows that the session has ended; reloading it says why.
            return full_page(self.lang, self.sessions)  # type: ignore[return-value]
        websocket = web.WebSocketResponse(heartbeat=15)
        width, height = terminal_size(
            request.query.get("width", "80"), request.query.get("height", "24")
        )
        app_service: TabService | None = None

        async def close() -> None:
            await websocket.close()

        task = asyncio.current_task()
        # Counted before the first await, so that tabs opening at once cannot all slip in.
        self.sessions += 1
        try:
            await websocket.prepare(request)
            if task is not None:
                self._tabs[task] = websocket
            grant = request[GRANT]
            app_service = TabService(
                self.command_for(grant),
                device=grant.device,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            try:
                await process_messages(self, websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            try:
                if app_service is not None:
                    await app_service.stop()
            finally:
                if task is not None:
                    self._tabs.pop(task, None)
                self.sessions -= 1
        return websocket

    def command_for(self, grant: Grant) -> str:
        """The app a tab with `grant` runs: the whole wizard, or a participant's own round."""
        if grant.role != PARTICIPANT:
            return self.command
        if grant.round is None:  # never made so by Access; never the whole wizard for one
            raise ValueError("a participant's grant names no round")
        return participant_command(self.command, grant.round)

    @property
    def full(self) -> bool:
        """True when another tab would run more apps than `max_sessions`."""
        return self.sessions >= self.max_sessions
