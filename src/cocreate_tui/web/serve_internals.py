"""textual-serve's private API that workshop mode relies on, in one place, each use pinned.

textual-serve (pinned in pyproject) has no public way to add to a tab's environment, to add
routes and a middleware to its aiohttp application, to reap a tab's app process, or to run its
message loop from our own WebSocket handler. A textual-serve upgrade may remove or change any
of these without notice; tests/test_serve_internals.py then fails naming the one that changed.
Code elsewhere calls the functions here, never a private name itself, except for the hooks in
`OVERRIDDEN_HOOKS`, which our classes override (a test finds every private override in `web/`
and requires it to be listed). Like `ui/textual_internals.py`, for the other layer.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from asyncio.subprocess import Process

    from aiohttp import web
    from textual_serve.app_service import AppService
    from textual_serve.server import Server

OVERRIDDEN_HOOKS: Final[Mapping[str, str]] = {
    # Where textual-serve defines the hook: its signature there, as our overrides expect it.
    # TabService adds the device's variable to the app's environment.
    "textual_serve.app_service.AppService._build_environment": (
        "(self, width: 'int' = 80, height: 'int' = 24) -> 'dict[str, str]'"
    ),
    # WorkshopServer adds the participants' routes and the guard middleware to the app.
    "textual_serve.server.Server._make_app": "(self) -> 'web.Application'",
}
"""Private methods of textual-serve that our classes override, by where it defines them."""


def take_app_process(service: AppService) -> Process | None:
    """The app process `service` started, now ours to reap; `service` no longer holds it.

    textual-serve's `stop` leaves the process running with its stdin open and never waits for
    it; taking it away also keeps a second `stop` from reaping it twice.
    """
    process, service._process = service._process, None
    return process


async def process_messages(
    server: Server, websocket: web.WebSocketResponse, service: AppService
) -> None:
    """Pass the browser's messages (keys, resizes, pings, focus) on to `service`'s app until
    `websocket` closes: textual-serve's own loop, run from our WebSocket handler."""
    await server._process_messages(websocket, service)
