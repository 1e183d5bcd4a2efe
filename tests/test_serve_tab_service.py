"""A browser tab's app process is reaped, and its pipes closed, while the server's loop runs."""

from __future__ import annotations

import asyncio
import sys

import pytest

pytest.importorskip(
    "textual_serve", reason="the web extra is not installed: pip install -e '.[dev,web]'"
)

from textual_serve.download_manager import DownloadManager

from cocreate_tui.web.server import TabService


async def _ignore(_: object) -> None:
    return None


async def _nothing() -> None:
    return None


def _service(command: str) -> TabService:
    return TabService(
        command,
        write_bytes=_ignore,
        write_str=_ignore,
        close=_nothing,
        download_manager=DownloadManager(),
    )


@pytest.mark.parametrize(
    "app",
    [
        pytest.param("import sys; sys.exit(0)", id="app-ended-first"),
        pytest.param("import sys; sys.stdin.read()", id="app-still-running"),
    ],
)
def test_stopping_a_tab_closes_its_process_transport_before_the_loop_ends(app: str) -> None:
    # Left to the garbage collector, the transport's finaliser may close it after the loop
    # has closed, and Python 3.13 prints «Event loop is closed» on the facilitator's
    # terminal (seen in CI). Stopping the tab must close it while the loop still runs.
    async def run() -> tuple[int | None, bool]:
        service = _service(f'"{sys.executable}" -c "{app}"')
        process = await service._open_app_process()
        transport = process._transport  # type: ignore[attr-defined]
        await service.stop()
        return process.returncode, transport.is_closing()

    returncode, closed = asyncio.run(run())
    assert returncode is not None, "the app process was not reaped"
    assert closed, "the app's subprocess transport was left for the garbage collector"


def test_a_tab_cancelled_while_its_app_quits_still_closes_the_transport() -> None:
    # At shutdown the server cancels tabs that have not finished: the app is killed, and its
    # transport must be closed then too, not by a finaliser after the loop has gone.
    async def run() -> bool:
        service = _service(f'"{sys.executable}" -c "import time; time.sleep(60)"')
        process = await service._open_app_process()
        transport = process._transport  # type: ignore[attr-defined]
        stopping = asyncio.create_task(service.stop())
        while process.stdin is not None and not process.stdin.is_closing():
            await asyncio.sleep(0)
        stopping.cancel()
        with pytest.raises(asyncio.CancelledError):
            await stopping
        return bool(transport.is_closing())

    closed = asyncio.run(run())
    assert closed, "a cancelled tab left its app's transport for the garbage collector"
