"""`cocreate serve`: workshop mode, the same wizard in a browser through textual-serve."""

from __future__ import annotations

import argparse
import shlex
import sys
from pathlib import Path

from ..domain.bank_loader import BankError, load_bank
from ..domain.bank_models import Lang
from ..domain.paths import data_dir
from ..domain.phrases import Phrase
from ..domain.platform_support import shell_command
from ..domain.problem_words import os_reason
from ..domain.round_store import RoundStore
from ..i18n import t
from ..web.hosts import is_loopback
from .common import EXIT_INVALID, EXIT_OK, EXIT_USAGE, bank_dir, error, print_bank_error

WEB_EXTRA_FALLBACK = ("textual-serve",)
"""The web extra's packages, should the installed metadata not say (pyproject's `web`)."""
WEB_MODULES = frozenset({"textual_serve", "aiohttp", "aiohttp_jinja2", "jinja2", "yarl"})
"""Top-level modules of the web extra: an ImportError naming one of them means it is missing."""


def address(host: str, port: int) -> str:
    """`host:port`, with an IPv6 address in brackets."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def page_url(host: str, port: int, lang: Lang, query: str = "") -> str:
    """The address to open in a browser, with `query` (the token) when given."""
    unspecified = host in ("", "0.0.0.0", "::")
    url = f"http://{address(t('serve_any_address', lang) if unspecified else host, port)}/"
    return f"{url}?{query}" if query else url


def join_url(host: str, port: int, lang: Lang, query: str) -> str:
    """The participants' entrance: `/join` with their key (never the token)."""
    return page_url(host, port, lang).rstrip("/") + f"/join?{query}"


def remote_warning(host: str, port: int, lang: Lang) -> str:
    """The plain warning for a server others can reach: `lang` first, then English, for a
    colleague who does not read it (or Norwegian, when `lang` is English)."""
    order = (lang, "en") if lang != "en" else ("en", "nb")
    return "\n".join(t("serve_warning", each).format(address=address(host, port)) for each in order)


def web_extra_packages() -> tuple[str, ...]:
    """The packages of the web extra, with their pinned versions, as this install declares them.

    Named one by one rather than as `cocreate-tui[web]`: cocreate-tui is installed from a
    wheel, not from PyPI, where pip would look for it.
    """
    from importlib import metadata

    try:
        requires = metadata.requires("cocreate-tui") or []
    except metadata.PackageNotFoundError:
        return WEB_EXTRA_FALLBACK
    found = tuple(
        requirement.partition(";")[0].strip()
        for requirement in requires
        if "extra == 'web'" in requirement.replace('"', "'")
    )
    return found or WEB_EXTRA_FALLBACK


def missing_extra_message(module: str | None) -> Phrase:
    """What to install, exactly, when the web extra is missing."""
    missing = Phrase("msg_no_module", module=repr(module)) if module else ""
    python = shlex.quote(sys.executable)
    install = "pip install " + " ".join(shlex.quote(p) for p in web_extra_packages())
    return Phrase("msg_missing_web", missing=missing, install=install, python=python)


def app_command(folder: Path, bank: Path | None, lang: Lang) -> str:
    """The shell command textual-serve runs for each browser tab: this app, these options.

    textual-serve hands the command to the shell, so every part is quoted for it.
    """
    parts = [sys.executable, "-m", "cocreate_tui", "--data-dir", str(folder), "--lang", lang]
    if bank is not None:
        parts += ["--bank", str(bank)]
    return shell_command(parts)


def run(args: argparse.Namespace) -> int:
    """Serve the wizard until Ctrl+C; returns the exit code."""
    host: str = args.host
    port: int = args.port
    lang: Lang = getattr(args, "lang", "nb")
    remote = not is_loopback(host)
    if remote and not args.allow_remote:
        error(Phrase("msg_host_not_local", host=host))
        return EXIT_USAGE
    try:
        from ..web.access import Access
        from ..web.server import WorkshopServer
    except ImportError as err:
        module = (err.name or "").partition(".")[0]
        if module not in WEB_MODULES:
            raise
        error(missing_extra_message(module))
        return EXIT_INVALID

    # Checked once here, so that a broken bank is reported now, not in every browser tab.
    chosen_bank: Path | None = getattr(args, "bank", None)
    try:
        bank = load_bank(bank_dir(args))
    except BankError as err:
        print_bank_error(err)
        return EXIT_INVALID
    folder = data_dir(getattr(args, "data_dir", None)).absolute()
    command = app_command(folder, chosen_bank.absolute() if chosen_bank else None, lang)

    if remote:
        print(remote_warning(host, port, lang), file=sys.stderr, flush=True)
    rounds = RoundStore(folder)
    access = Access(round_check=rounds.join_problem)
    banner = "\n".join(
        (
            t("serve_banner", lang).format(url=page_url(host, port, lang, access.query())),
            t("serve_join_banner", lang).format(
                url=join_url(host, port, lang, access.join_query())
            ),
        )
    )
    server = WorkshopServer(
        command,
        host=host,
        port=port,
        title=bank.info.title.get(lang),
        lang=lang,
        remote=remote,
        banner=banner,
        access=access,
        max_sessions=args.max_sessions,
    )
    try:
        server.serve()
    except OSError as err:
        error(Phrase("msg_cannot_listen", address=address(host, port), reason=os_reason(err)))
        return EXIT_INVALID
    return EXIT_OK
