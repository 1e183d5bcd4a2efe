"""Each private piece of textual-serve that workshop mode relies on still exists and behaves so.

A textual-serve upgrade that removes or changes one fails the test named after it; the fix goes
into `web/serve_internals.py` (and the override it names), nowhere else.
"""

from __future__ import annotations

import ast
import asyncio
import re
import sys
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip(
    "textual_serve", reason="the web extra is not installed: pip install -e '.[dev,web]'"
)

import textual_serve
from aiohttp import WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.download_manager import DownloadManager

import cocreate_tui.web
from cocreate_tui.domain.round_store import DEVICE_VARIABLE
from cocreate_tui.web.serve_internals import (
    OVERRIDDEN_HOOKS,
    process_messages,
    take_app_process,
)
from cocreate_tui.web.server import TabService, WorkshopServer

from .private_overrides import hook_signature, our_classes, private_overrides, unlisted

WEB = Path(cocreate_tui.web.__file__).parent
SERVE = Path(textual_serve.__file__).parent


@pytest.mark.parametrize("hook", sorted(OVERRIDDEN_HOOKS))
def test_overridden_hook(hook: str) -> None:
    assert hook_signature(hook) == OVERRIDDEN_HOOKS[hook]


def test_every_private_textual_serve_override_in_web_is_listed() -> None:
    overrides = private_overrides(our_classes(WEB, "cocreate_tui.web"), "textual_serve")
    assert sorted(overrides.values()) == sorted(OVERRIDDEN_HOOKS)  # it saw both of ours
    assert unlisted(overrides, OVERRIDDEN_HOOKS) == []


def _serve_private_names() -> set[str]:
    """Every private method and attribute that textual-serve's own modules define."""
    names: set[str] = set()
    for path in SERVE.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                names.add(node.name)
            elif (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "self"
            ):
                names.add(node.attr)
    return {name for name in names if name.startswith("_") and not name.startswith("__")}


def test_no_private_textual_serve_name_is_used_outside_serve_internals() -> None:
    private = _serve_private_names()
    assert {"_process", "_process_messages", "_make_app"} <= private  # it read textual-serve
    hooks = {hook.rsplit(".", 1)[1] for hook in OVERRIDDEN_HOOKS}
    uses = re.compile(r"\.(" + "|".join(sorted(private - hooks)) + r")\b|from textual_serve\._")
    found = [
        f"{path.relative_to(WEB)}:{number}: {line.strip()}"
        for path in sorted(WEB.rglob("*.py"))
        if path.name != "serve_internals.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if uses.search(line)
    ]
    assert found == []


# --- each private piece, by its name ----------------------------------------------------------


async def _ignore(_: object) -> None:
    return None


async def _nothing() -> None:
    return None


def _service(cls: type[AppService], command: str, **more: Any) -> Any:
    return cls(
        command,
        write_bytes=_ignore,
        write_str=_ignore,
        close=_nothing,
        download_manager=DownloadManager(),
        **more,
    )


def test_app_service__build_environment() -> None:
    # textual-serve's environment for the app, with the device's variable added by ours.
    environment = _service(TabService, "x", device="d-1")._build_environment(120, 40)
    assert environment["COLUMNS"] == "120" and environment["ROWS"] == "40"
    assert environment["TEXTUAL_DRIVER"] == "textual.drivers.web_driver:WebDriver"
    assert environment[DEVICE_VARIABLE] == "d-1"
    assert DEVICE_VARIABLE not in _service(TabService, "x")._build_environment()


def test_server__make_app() -> None:
    server = WorkshopServer("x", host="127.0.0.1", port=1, title="t")

    async def make() -> web.Application:
        return await server._make_app()

    app = asyncio.run(make())
    paths = {resource.canonical for resource in app.router.resources()}
    assert {"/", "/ws"} <= paths  # textual-serve's
    assert {"/r/", "/r/ws", "/r/static"} <= paths  # ours, added to it
    assert server._guard in app.middlewares


def test_app_service__process() -> None:
    # As TabService.stop does: textual-serve's stop asks the app to quit and waits for its
    # output to end, and the process it started is then taken from `_process` to be reaped.
    quits_on_first_byte = f'"{sys.executable}" -c "import sys; sys.stdin.buffer.read(1)"'

    async def run() -> tuple[object, object, int | None]:
        service = _service(AppService, quits_on_first_byte)
        await service.start(80, 24)
        await service.stop()
        process = take_app_process(service)
        left = service._process
        assert process is not None
        returncode = await asyncio.wait_for(process.wait(), 30)
        process._transport.close()  # type: ignore[attr-defined]
        return process, left, returncode

    process, left, returncode = asyncio.run(run())
    assert isinstance(process, asyncio.subprocess.Process)  # the one textual-serve started
    assert left is None and returncode == 0


class _Message:
    def __init__(self, envelope: list[object]) -> None:
        self.type = WSMsgType.TEXT
        self._envelope = envelope

    def json(self) -> list[object]:
        return self._envelope


class _Socket:
    def __init__(self, *envelopes: list[object]) -> None:
        self.envelopes = envelopes
        self.sent: list[object] = []

    async def __aiter__(self) -> AsyncIterator[_Message]:
        for envelope in self.envelopes:
            yield _Message(envelope)

    async def send_json(self, data: object) -> None:
        self.sent.append(data)


class _Service:
    def __init__(self) -> None:
        self.calls: list[tuple[str, object]] = []

    async def send_bytes(self, data: bytes) -> None:
        self.calls.append(("bytes", data))

    async def set_terminal_size(self, width: int, height: int) -> None:
        self.calls.append(("size", (width, height)))

    async def blur(self) -> None:
        self.calls.append(("blur", None))

    async def focus(self) -> None:
        self.calls.append(("focus", None))


def test_server__process_messages() -> None:
    server = WorkshopServer("x", host="127.0.0.1", port=1, title="t")
    socket = _Socket(
        ["stdin", "ø"],
        ["resize", {"width": 999, "height": 2}],
        ["ping", "7"],
        ["blur"],
        ["focus"],
    )
    service = _Service()
    asyncio.run(process_messages(server, socket, service))  # type: ignore[arg-type]
    # The size goes to the service as the browser asked: TabService clamps it (its own test).
    assert service.calls == [
        ("bytes", "ø".encode()),
        ("size", (999, 2)),
        ("blur", None),
        ("focus", None),
    ]
    assert socket.sent == [["pong", "7"]]
