"""The text on a Textual screen, as the terminal shows it: read back from its SVG screenshot."""

from __future__ import annotations

import html
import re
from collections import defaultdict
from typing import Any

from textual.app import App

CELL_WIDTH = 12.2
"""The width of one terminal cell in Textual's SVG (Rich's `export_svg`)."""
SPAN = re.compile(
    r'<text class="[\w-]+-r\d+" x="(?P<x>[\d.]+)" y="[\d.]+" textLength="[\d.]+" '
    r'clip-path="url\(#[\w-]+-line-(?P<line>\d+)\)">(?P<text>[^<]*)</text>'
)
BOX = re.compile(r"[\u2500-\u259f\u25c0-\u25ff▊▎▔▁▏▕⭘]")
"""Box drawing, blocks and the header's icon: borders and bars, not text."""


def svg_lines(svg: str) -> list[str]:
    """The screen's rows, each as the characters shown in its columns."""
    rows: defaultdict[int, list[tuple[float, str]]] = defaultdict(list)
    for span in SPAN.finditer(svg):
        rows[int(span["line"])].append((float(span["x"]), html.unescape(span["text"])))
    lines = []
    for number in range(max(rows, default=-1) + 1):
        line = ""
        for x, text in sorted(rows.get(number, [])):
            line = line.ljust(round(x / CELL_WIDTH)) + text
        lines.append(line.rstrip())
    return lines


def screen_lines(app: App[Any]) -> list[str]:
    """The rows of what `app` shows now."""
    return svg_lines(app.export_screenshot())


def flowing(lines: list[str]) -> str:
    """The screen's words in reading order with borders dropped and whitespace collapsed, so a
    sentence wrapped over rows inside a box reads as it was written."""
    return " ".join(BOX.sub(" ", "\n".join(lines)).split())
