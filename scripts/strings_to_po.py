"""Move the entries of `i18n.STRINGS` (added on branches since) into the PO catalogues.

Run after merging a branch that added strings to `src/cocreate_tui/i18n.py`:

    python scripts/strings_to_po.py

New keys go to nb.po and en.po with their texts, and to every other catalogue untranslated
(`cocreate bank validate` then names them); a key whose bokmål text changed is marked fuzzy in
the other catalogues. `messages.pot` is written anew and `STRINGS` is emptied in i18n.py.
"""

from __future__ import annotations

import argparse
import ast
import importlib.util
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from cocreate_tui import po  # noqa: E402

I18N_FILE = ROOT / "src" / "cocreate_tui" / "i18n.py"
LOCALES = ROOT / "src" / "cocreate_tui" / "locales"
HEADER = {
    "Project-Id-Version": "cocreate-tui",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
}


def _load(locales: Path, code: str) -> po.Catalogue:
    path = locales / f"{code}.po"
    if path.exists():
        return po.read(path)
    return po.Catalogue({**HEADER, "Language": code}, [])


def _upsert(catalogue: po.Catalogue, key: str, source: str, text: str | None) -> str:
    """Put `key` in `catalogue`; `text` None means «keep the translation, mark it if stale»."""
    for entry in catalogue.entries:
        if entry.key != key:
            continue
        if text is not None:
            changed = (entry.source, entry.text) != (source, text)
            entry.source, entry.text, entry.fuzzy = source, text, False
            return "changed" if changed else "same"
        if entry.source != source:
            entry.source, entry.fuzzy = source, True
            return "stale"
        return "same"
    catalogue.entries.append(po.Entry(key, source, text or ""))
    return "new"


def _pending(i18n_file: Path) -> dict[str, tuple[str, str]]:
    """The STRINGS of `i18n_file`, read by running the module on its own (it imports only po)."""
    spec = importlib.util.spec_from_file_location("cocreate_tui._pending_i18n", i18n_file)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    module.__package__ = "cocreate_tui"
    spec.loader.exec_module(module)
    return dict(module.STRINGS)


def _empty_strings_literal(i18n_file: Path) -> None:
    source = i18n_file.read_text(encoding="utf-8")
    tree = ast.parse(source)
    for node in tree.body:
        target = node.target if isinstance(node, ast.AnnAssign) else None
        if isinstance(target, ast.Name) and target.id == "STRINGS" and node.end_lineno:
            lines = source.splitlines(keepends=True)
            new = "STRINGS: dict[str, tuple[str, str]] = {}\n"
            lines[node.lineno - 1 : node.end_lineno] = [new]
            i18n_file.write_text("".join(lines), encoding="utf-8")
            return
    raise SystemExit(f"{i18n_file}: no STRINGS assignment found")


def main(argv: list[str] | None = None) -> int:
    """Move the pending strings; print what moved and what needs translating."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--i18n-file", type=Path, default=I18N_FILE)
    parser.add_argument("--locales", type=Path, default=LOCALES)
    args = parser.parse_args(argv)
    locales: Path = args.locales
    pending = _pending(args.i18n_file)
    codes = sorted({path.stem for path in locales.glob("*.po")} | {"nb", "en"})
    catalogues = {code: _load(locales, code) for code in codes}
    counts: dict[str, int] = {}
    for key, (nb, en) in pending.items():
        outcome = _upsert(catalogues["nb"], key, nb, nb)
        counts[outcome] = counts.get(outcome, 0) + 1
        _upsert(catalogues["en"], key, nb, en)
        for code in codes:
            if code not in ("nb", "en"):
                _upsert(catalogues[code], key, nb, None)
    for code, catalogue in catalogues.items():
        po.write(locales / f"{code}.po", catalogue)
    template = po.Catalogue(
        dict(HEADER),
        [po.Entry(e.key, e.source, "", comments=e.comments) for e in catalogues["nb"].entries],
    )
    po.write(locales / "messages.pot", template)
    if pending:
        _empty_strings_literal(args.i18n_file)
    summary = ", ".join(f"{n} {what}" for what, n in sorted(counts.items())) or "nothing"
    print(f"Moved {len(pending)} strings into {locales} ({summary}).")
    for code, catalogue in catalogues.items():
        todo = [e.key for e in catalogue.entries if not e.text or e.fuzzy]
        if todo:
            print(f"{code}.po: {len(todo)} to translate: {', '.join(todo)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
