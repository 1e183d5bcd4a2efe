"""The server's own pages (no access, no room, the join form): text in them is always escaped."""

from __future__ import annotations

import html
import re

import pytest

from cocreate_tui.web.pages import full_page, join_page, refused_page

HOSTILE = "\"'><img src=x onerror=alert(1)>&"


@pytest.mark.parametrize("lang", ["nb", "en"])
@pytest.mark.parametrize("problem", [None, "malformed", "closed"])
def test_the_join_page_escapes_the_key_and_the_code(lang: str, problem: str | None) -> None:
    # Both come from the request's query: put in a page unescaped they would be markup.
    page = join_page(lang, HOSTILE, problem, HOSTILE).text
    assert page is not None
    assert "<img" not in page and "onerror=alert(1)>" not in page
    key = re.search(r'name="key" value="([^"]*)"', page)
    assert key is not None and html.unescape(key[1]) == HOSTILE  # all of it inside the value
    if problem is not None:
        assert "&lt;img src=x onerror=alert(1)&gt;" in page.split('role="alert">')[1]
    # Every tag in the page is one the template wrote.
    assert set(re.findall(r"<([a-z0-9]+)", page)) <= {
        "html", "head", "meta", "title", "style", "body", "section", "h1", "p", "form",
        "input", "label", "br", "button",
    }  # fmt: skip


@pytest.mark.parametrize("lang", ["nb", "en"])
def test_the_notices_are_whole_pages_in_both_languages(lang: str) -> None:
    refused = refused_page(lang)
    full = full_page(lang, 4)
    assert refused.status == 403 and full.status == 503
    for page in (refused.text, full.text):
        assert page is not None
        assert page.startswith(f'<!DOCTYPE html>\n<html lang="{lang}"><head>')
        assert page.endswith("</body></html>\n")
        assert page.count("<section") == 2
    assert full.text is not None and "4 " in full.text and '<a href="/">' in full.text
