"""textual-serve's Server with this package's own page, guarded against other web sites."""

from __future__ import annotations

import asyncio
import contextlib
import re
import signal
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, log, to_int
from yarl import URL

from .hosts import is_loopback

WEB_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = WEB_DIR / "templates"
STATIC_DIR = WEB_DIR / "static"

PAGE_TEXTS: dict[str, dict[str, str]] = {
    "nb": {
        "loading": "Starter …",
        "start": "Start",
        "closed": "Økten er avsluttet. Svarene er lagret.",
        "restart": "Start på nytt",
    },
    "en": {
        "loading": "Starting …",
        "start": "Start",
        "closed": "The session has ended. The answers are saved.",
        "restart": "Start again",
    },
}
"""The page's own few words around the terminal, by language."""

HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:[0-9]+)?|\[[0-9A-Fa-f:.]+\](:[0-9]+)?")
"""A Host header as browsers send it; anything else is refused before it reaches the page."""
FONT_SIZES = range(8, 65)
APP_EXIT_TIMEOUT = 5.0
"""Seconds a tab's app gets to quit (it has saved every answer already) before it is killed."""

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


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


class TabService(AppService):
    """textual-serve's AppService for one browser tab; stopping it also reaps the app process.

    textual-serve leaves the app's stdin open and never waits for the process, so when the
    server stops with tabs open the event loop closes under them and Python prints
    "Event loop is closed" tracebacks on the facilitator's terminal.
    """

    async def stop(self) -> None:
        await super().stop()
        process, self._process = self._process, None
        if process is None:
            return
        if process.stdin is not None:
            process.stdin.close()
        try:
            await asyncio.wait_for(process.wait(), APP_EXIT_TIMEOUT)
        except TimeoutError:
            process.kill()
            await process.wait()


class WorkshopServer(Server):
    """Serve `command` (one app process per browser tab) from this package's page and files.

    Beyond textual-serve's own server, it refuses requests whose Host header is not this
    machine unless `remote` (so a web site cannot reach the app through DNS rebinding), and
    WebSocket connections opened by a page from another origin (any site the facilitator
    visits could otherwise drive the app). The page's URLs follow the address the browser
    used, so the same page works at 127.0.0.1, localhost or, with `remote`, the LAN address.
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
    ) -> None:
        super().__init__(
            command,
            host=host,
            port=port,
            title=title,
            templates_path=TEMPLATES_DIR,
            statics_path=STATIC_DIR,
        )
        self.lang = lang if lang in PAGE_TEXTS else "nb"
        self.remote = remote
        self.banner = banner
        self._tabs: dict[asyncio.Task[object], web.WebSocketResponse] = {}

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
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
        if not tabs:
            return
        await asyncio.gather(
            *(socket.close(code=WSCloseCode.GOING_AWAY) for socket in tabs.values()),
            return_exceptions=True,
        )
        await asyncio.wait(tabs, timeout=APP_EXIT_TIMEOUT + 5)

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
        if not self.host_allowed(request.host):
            return web.Response(status=403, text="cocreate serve: unknown Host\n")
        if request.path == "/ws":
            if not self.origin_allowed(request):
                return web.Response(status=403, text="cocreate serve: foreign Origin\n")
            return await handler(request)
        response = await handler(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The page: our template, with every URL on the address the browser used."""
        host = request.host
        websocket_scheme = "wss" if request.secure else "ws"
        # ?fontsize=24 makes the text larger on a projector.
        font_size = to_int(request.query.get("fontsize", "16"), 16)
        context: dict[str, Any] = {
            "font_size": font_size if font_size in FONT_SIZES else 16,
            "app_websocket_url": f"{websocket_scheme}://{host}/ws",
            "config": {"static": {"url": "/static/"}},
            "application": {"name": self.title},
            "page": {"lang": self.lang, **PAGE_TEXTS[self.lang]},
        }
        response = aiohttp_jinja2.render_template("app_index.html", request, context)
        response.headers["Content-Security-Policy"] = content_security_policy(host)
        response.headers["Cache-Control"] = "no-store"
        return response

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: textual-serve's handler, with an app service that reaps its app."""
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: TabService | None = None

        async def close() -> None:
            await websocket.close()

        task = asyncio.current_task()
        try:
            await websocket.prepare(request)
            if task is not None:
                self._tabs[task] = websocket
            app_service = TabService(
                self.command,
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=close,
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            try:
                await self._process_messages(websocket, app_service)
            finally:
                await app_service.stop()
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
            if task is not None:
                self._tabs.pop(task, None)
        return websocket
