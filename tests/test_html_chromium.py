"""The HTML export in a real browser: it renders the chart and recommendations, fetches nothing.

Runs headless Chromium (Debian's `chromium`); skipped with a reason when it is not installed.
"""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from collections import Counter
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_models import Bank
from cocreate_tui.domain.compare import compare_sessions
from cocreate_tui.domain.exports.html_export import comparison_html, session_html
from cocreate_tui.domain.scoring import assess

from .build_helpers import CHROMIUM, HEADLESS_FLAGS
from .facilitator_helpers import build

pytestmark = pytest.mark.skipif(
    CHROMIUM is None,
    reason="headless Chromium is not installed (Debian: apt-get install -y chromium)",
)

FLAGS = [
    *HEADLESS_FLAGS,
    # Belt and braces: even a request that did start could not reach any host from the test.
    "--host-resolver-rules=MAP * ~NOTFOUND",
]
CHART_BLUE = (0x1F, 0x5F, 0x8B)
"""The first bar colour of the chart (html_export.SERIES_COLOURS[0])."""


def chromium(tmp_path: Path, page: Path, *extra: str) -> tuple[str, list[str]]:
    """Open `page`; return the rendered DOM and the URLs of the requests the page started."""
    net_log = tmp_path / f"{page.stem}-{len(extra)}-net.json"
    done = subprocess.run(
        [
            str(CHROMIUM),
            *FLAGS,
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--log-net-log={net_log}",
            *extra,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout, page_requests(net_log)


def page_requests(net_log: Path) -> list[str]:
    """URLs of the requests that the page (not the browser itself) started."""
    log = json.loads(net_log.read_text(encoding="utf-8"))
    start_job = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    urls: dict[int, str] = {}
    for event in log["events"]:
        url = event.get("params", {}).get("url")
        if isinstance(url, str):
            urls.setdefault(event["source"]["id"], url)
    # The browser's own housekeeping requests have no origin ("not an origin"); a page's
    # requests have one ("null" for a file:// page). End events carry no initiator at all.
    return [
        urls.get(event["source"]["id"], "<unknown url>")
        for event in log["events"]
        if event["type"] == start_job
        and event.get("params", {}).get("initiator", "not an origin") != "not an origin"
    ]


def png_pixels(path: Path) -> tuple[int, int, list[tuple[int, int, int]]]:
    """Width, height and RGB pixels of an 8-bit RGB or RGBA PNG (what Chromium writes)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    position, idat, header = 8, b"", b""
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        header = body if kind == b"IHDR" else header
        idat += body if kind == b"IDAT" else b""
        position += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6)
    channels = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * channels
    previous = bytearray(stride)
    pixels: list[tuple[int, int, int]] = []
    for row in range(height):
        start = row * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            upper_left = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - upper_left
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - upper_left)
                nearest = left if pa <= pb and pa <= pc else up if pb <= pc else upper_left
                line[i] = (line[i] + nearest) & 0xFF
        pixels.extend((line[i], line[i + 1], line[i + 2]) for i in range(0, stride, channels))
        previous = line
    return width, height, pixels


@pytest.fixture
def report(tmp_path: Path, tiny_bank: Bank) -> Path:
    session = build(
        tiny_bank,
        {"anchor_up": 1, "anchor_across": 2, "calendar": 1, "duration": 4},
        {"anchor_up": "Leder <b>vil vente</b>"},
        team="Horten <b>hjemmefronten</b>",
    )
    page = tmp_path / "rapport.html"
    page.write_text(
        session_html(tiny_bank, session, assess(tiny_bank, session.answer_values()), "nb"),
        encoding="utf-8",
    )
    return page


def test_the_report_renders_its_chart_and_recommendations(tmp_path: Path, report: Path) -> None:
    screenshot = tmp_path / "rapport.png"
    chromium(tmp_path, report, f"--screenshot={screenshot}", "--window-size=1200,1600")

    width, height, pixels = png_pixels(screenshot)
    assert (width, height) == (1200, 1600)
    colours = Counter(pixels)
    _, most = colours.most_common(1)[0]
    assert most < 0.97 * len(pixels), "the page is blank"
    assert len(colours) > 50, "the page has almost no text or shapes"
    # The bars were painted: a solid block of the chart's blue, not just a few stray pixels.
    assert colours[CHART_BLUE] > 1500


def test_the_rendered_dom_has_the_chart_the_recommendations_and_no_injected_markup(
    tmp_path: Path, report: Path
) -> None:
    dom, requests = chromium(tmp_path, report, "--dump-dom")

    assert dom.count('<rect class="bar"') == 3
    assert 'data-dimension="anchoring"' in dom and 'data-dimension="time"' in dom
    assert '<text class="score"' in dom
    assert '<section id="recommendations">' in dom
    assert "Forankre først" in dom and "Ta tid" in dom
    assert "«Det er viktig at det er gode forberedelser»" in dom
    # The team name and the note arrive as text, never as elements.
    assert "<b>" not in dom
    assert "Horten &lt;b&gt;hjemmefronten&lt;/b&gt;" in dom
    assert requests == []


def test_no_request_leaves_the_page(tmp_path: Path, report: Path, tiny_bank: Bank) -> None:
    text = report.read_text(encoding="utf-8")
    # The only addresses the page holds are the laws the lessons cite, as plain text for the
    # reader; apart from them it holds none at all.
    for url in (law.url for lesson in tiny_bank.lessons for law in lesson.law):
        text = text.replace(url, "")
    for marker in ("http:", "https:", "//", "src=", "href=", "url("):
        assert marker not in text.replace("file://", ""), marker
    _, requests = chromium(tmp_path, report, "--dump-dom")
    assert requests == []

    before = build(tiny_bank, {"anchor_up": 0, "calendar": 1})
    after = build(tiny_bank, {"anchor_up": 4, "calendar": 3}, days=60)
    page = tmp_path / "sammenligning.html"
    page.write_text(comparison_html(tiny_bank, compare_sessions(tiny_bank, [before, after]), "en"))
    dom, requests = chromium(tmp_path, page, "--dump-dom")
    assert dom.count('<rect class="bar"') == 6
    assert requests == []


def test_the_net_log_check_would_catch_a_request_and_the_csp_blocks_it(tmp_path: Path) -> None:
    # The control: the same check on pages that do ask for outside resources.
    leaky = '<img src="http://example.invalid/pixel.png"><link rel="stylesheet" href="https://example.invalid/f.css">'
    csp = (
        '<meta http-equiv="Content-Security-Policy" '
        "content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">"
    )
    open_page = tmp_path / "open.html"
    open_page.write_text(f"<!DOCTYPE html><html><head></head><body>{leaky}</body></html>")
    guarded = tmp_path / "guarded.html"
    guarded.write_text(f"<!DOCTYPE html><html><head>{csp}</head><body>{leaky}</body></html>")

    _, open_requests = chromium(tmp_path, open_page, "--dump-dom")
    _, guarded_requests = chromium(tmp_path, guarded, "--dump-dom")

    assert "http://example.invalid/pixel.png" in open_requests
    assert guarded_requests == []
