"""The server's own short pages, in both languages: no access, no room, and the join form."""

from __future__ import annotations

from aiohttp import web

from ..domain.text_safety import Markup
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


_HEAD = Markup(
    '<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">{extra_head}'
    "<title>{title}</title>"
    "<style>body{{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em}}{style}"
    "</style></head><body>"
)
"""The start of every page: text put in through `format` is escaped unless it is `Markup`."""
_END = Markup("</body></html>\n")
_NOTHING = Markup()


def _html_page(
    lang: str, title: str, body: Markup, *, extra_head: Markup = _NOTHING, style: Markup = _NOTHING
) -> str:
    head = _HEAD.format(lang=lang, title=title, extra_head=extra_head, style=style)
    return str(head + body + _END)


def _page(
    lang: str, texts: dict[str, tuple[str, str]], status: int, link: bool, **values: object
) -> web.Response:
    order = ("nb", "en") if lang != "en" else ("en", "nb")
    parts = []
    for each in order:
        title, body = texts[each]
        again = Markup('<p><a href="/">{}</a></p>').format(TRY_AGAIN[each]) if link else Markup()
        parts.append(
            Markup('<section lang="{}"><h1>{}</h1><p>{}</p>{}</section>').format(
                each, title, body.format(**values), again
            )
        )
    page = _html_page(order[0], texts[order[0]][0], Markup().join(parts))
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
        why = Markup()
        if problem is not None:
            text = t(JOIN_PROBLEMS.get(problem, "join_wrong_code"), each)
            why = Markup('<p class="problem" role="alert">{}</p>').format(
                text.format(code=code[:20])
            )
        parts.append(
            Markup('<section lang="{}"><h1>{}</h1>{}<p>{}</p></section>').format(
                each, t("join_title", each), why, t("join_body", each)
            )
        )
    label = Markup(" / ").join(t("join_code_label", each) for each in order)
    button = Markup(" / ").join(t("join_go", each) for each in order)
    form = Markup(
        '<form method="get" action="/join">'
        '<input type="hidden" name="key" value="{key}">'
        '<input type="hidden" name="lang" value="{lang}">'
        '<p><label for="code">{label}</label><br>'
        '<input id="code" name="code" autocomplete="off" autocapitalize="characters" '
        'spellcheck="false" maxlength="12" size="8" required autofocus '
        'style="font-size:2em;letter-spacing:.2em;text-transform:uppercase"></p>'
        '<p><button type="submit" style="font-size:1.2em">{button}</button></p></form>'
    ).format(key=key, lang=order[0], label=label, button=button)
    page = _html_page(
        order[0],
        t("join_title", order[0]),
        parts[0] + form + parts[1],
        extra_head=Markup('<meta name="referrer" content="no-referrer">'),
        style=Markup(".problem{font-weight:bold;color:#a00}"),
    )
    response = web.Response(
        status=200 if problem is None else 403, text=page, content_type="text/html"
    )
    response.headers["Content-Security-Policy"] = JOIN_POLICY
    response.headers["Cache-Control"] = "no-store"
    return response
