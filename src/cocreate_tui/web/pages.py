"""The server's own short pages, in both languages: no access, no room, and the join form."""

from __future__ import annotations

import html

from aiohttp import web

from ..i18n import Lang, t

NOTICE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
"""A notice loads nothing: not even this server's own files, which it may not be allowed."""

REFUSED = {
    "nb": (
        "Ingen tilgang",
        "Denne siden åpnes bare med adressen som «cocreate serve» skrev ut da den startet, "
        "den som slutter med «?token=…». Be den som startet verkstedet om adressen.",
    ),
    "en": (
        "No access",
        "This page opens only with the address «cocreate serve» printed when it started, the one "
        "ending in «?token=…». Ask whoever started the workshop for it.",
    ),
}
FULL = {
    "nb": (
        "Alle plassene er i bruk",
        "{count} faner har appen åpen nå, og det er så mange som denne maskinen er satt opp "
        "til. Lukk en fane dere ikke bruker, og prøv igjen. Den som startet verkstedet, kan gi "
        "plass til flere med --max-sessions.",
    ),
    "en": (
        "All places are taken",
        "{count} tabs have the app open now, which is as many as this machine is set up for. "
        "Close a tab you are not using, and try again. Whoever started the workshop can make "
        "room for more with --max-sessions.",
    ),
}
TRY_AGAIN = {"nb": "Prøv igjen", "en": "Try again"}


def _page(
    lang: str, texts: dict[str, tuple[str, str]], status: int, link: bool, **values: object
) -> web.Response:
    order = ("nb", "en") if lang != "en" else ("en", "nb")
    parts = []
    for each in order:
        title, body = texts[each]
        again = f'<p><a href="/">{html.escape(TRY_AGAIN[each])}</a></p>' if link else ""
        parts.append(
            f'<section lang="{each}"><h1>{html.escape(title)}</h1>'
            f"<p>{html.escape(body.format(**values))}</p>{again}</section>"
        )
    page = (
        f'<!DOCTYPE html>\n<html lang="{order[0]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(texts[order[0]][0])}</title>"
        "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em}</style>"
        f"</head><body>{''.join(parts)}</body></html>\n"
    )
    response = web.Response(status=status, text=page, content_type="text/html")
    response.headers["Content-Security-Policy"] = NOTICE_POLICY
    response.headers["Cache-Control"] = "no-store"
    return response


def refused_page(lang: str) -> web.Response:
    """403: the request came without the token, so it sees nothing of the app."""
    return _page(lang, REFUSED, 403, link=False)


def full_page(lang: str, count: int) -> web.Response:
    """503: every allowed app process is running; what to do about it."""
    response = _page(lang, FULL, 503, link=True, count=count)
    response.headers["Retry-After"] = "10"
    return response


JOIN_POLICY = NOTICE_POLICY.replace("form-action 'none'", "form-action 'self'")
"""The join form sends its code to this server and nowhere else."""
JOIN_PROBLEMS = {
    "malformed": "join_wrong_code",
    "missing": "join_wrong_code",
    "closed": "join_round_closed",
}


def join_page(lang: str, key: str, problem: str | None, code: str) -> web.Response:
    """The participants' entrance: a form for the join code; 403 with why, after a wrong one."""
    order: tuple[Lang, Lang] = ("nb", "en") if lang != "en" else ("en", "nb")
    parts = []
    for each in order:
        title = t("join_title", each)
        body = t("join_body", each)
        why = ""
        if problem is not None:
            text = t(JOIN_PROBLEMS.get(problem, "join_wrong_code"), each)
            why = f'<p class="problem" role="alert">{html.escape(text.format(code=code[:20]))}</p>'
        parts.append(
            f'<section lang="{each}"><h1>{html.escape(title)}</h1>{why}'
            f"<p>{html.escape(body)}</p></section>"
        )
    label = " / ".join(html.escape(t("join_code_label", each)) for each in order)
    button = " / ".join(html.escape(t("join_go", each)) for each in order)
    form = (
        '<form method="get" action="/join">'
        f'<input type="hidden" name="key" value="{html.escape(key)}">'
        f'<input type="hidden" name="lang" value="{order[0]}">'
        f'<p><label for="code">{label}</label><br>'
        '<input id="code" name="code" autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" maxlength="12" size="8" required autofocus '
        'style="font-size:2em;letter-spacing:.2em;text-transform:uppercase"></p>'
        f'<p><button type="submit" style="font-size:1.2em">{button}</button></p></form>'
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="{order[0]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{html.escape(t('join_title', order[0]))}</title>"
        "<style>body{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em}"
        ".problem{font-weight:bold;color:#a00}</style>"
        f"</head><body>{parts[0]}{form}{parts[1]}</body></html>\n"
    )
    response = web.Response(
        status=200 if problem is None else 403, text=page, content_type="text/html"
    )
    response.headers["Content-Security-Policy"] = JOIN_POLICY
    response.headers["Cache-Control"] = "no-store"
    return response
