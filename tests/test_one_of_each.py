"""One of each: file writes only in domain/fileio.py, escaping only in domain/text_safety.py.

The copies issue 18 removed had drifted apart (a write that never fsynced its folder, an HTML
escaper beside Markup); this reads every module of the package and names any new copy.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from .source_scan import PACKAGE, package_offences

FILEIO = "domain/fileio.py"
TEXT_SAFETY = "domain/text_safety.py"
PLATFORM = "domain/platform_support.py"

IMPORTS_ALLOWED = {
    # Temporary files are how an atomic write starts.
    "tempfile": {FILEIO},
    # Escapers of HTML and of Rich/Textual markup: text_safety's `html` (Markup) and
    # `escape_markup` are the ones.
    "html": set(),
    "xml.sax.saxutils": set(),
    "markupsafe": {TEXT_SAFETY},
    "rich.markup": set(),
    "textual.markup": set(),
}
CALLS_ALLOWED = {
    # Durability: fileio fsyncs files, platform_support fsyncs folders.
    "os.fsync": {FILEIO, PLATFORM},
    "os.fdatasync": set(),
    "os.fdopen": set(),
    "os.link": {FILEIO, "domain/trash.py"},  # trash moves a file by a link, writing nothing
}
WRITES_ALLOWED = {
    FILEIO,
    # The PO catalogues are written by scripts/strings_to_po.py into the source tree, not the
    # user's data; po.py sits below the domain layer and may not import fileio.
    "po.py",
}
"""Where a file may be opened for writing (`open(…, "w")`, `write_text`, `write_bytes`)."""
HELPER_MODULES = (FILEIO, TEXT_SAFETY)


def _module_names(path: Path) -> tuple[set[str], set[str]]:
    """The public functions and the module-level constants that `path` defines."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef) and not node.name.startswith("_")
    }
    constants = {
        name for name in _assigned(tree.body) if name.isupper() and name != "TYPE_CHECKING"
    }
    return functions, constants


def _assigned(body: list[ast.stmt]) -> list[str]:
    names: list[str] = []
    for node in body:
        targets = (
            node.targets
            if isinstance(node, ast.Assign)
            else [node.target]
            if isinstance(node, ast.AnnAssign)
            else []
        )
        names += [target.id for target in targets if isinstance(target, ast.Name)]
    return names


def _helper_names() -> dict[str, str]:
    """Each function and constant of the helper modules, and which module it belongs to."""
    owner: dict[str, str] = {}
    for module in HELPER_MODULES:
        functions, constants = _module_names(PACKAGE / module)
        owner |= {name: module for name in functions | constants}
    return owner


def offences(source: str, where: str, helpers: dict[str, str] | None = None) -> list[str]:
    """What in `source` (the module at `where` in the package) copies a helper's job."""
    helpers = _helper_names() if helpers is None else helpers
    tree = ast.parse(source)
    found: list[str] = []
    for node in ast.walk(tree):
        line = f"(line {getattr(node, 'lineno', '?')})"
        if isinstance(node, ast.Import):
            found += [f"import {a.name} {line}" for a in node.names if _refused(a.name, where)]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if _refused(node.module, where):
                found.append(f"from {node.module} import … {line}")
            for alias in node.names:
                if where not in CALLS_ALLOWED.get(f"{node.module}.{alias.name}", {where}):
                    found.append(f"from {node.module} import {alias.name} {line}")
        elif isinstance(node, ast.Call):
            found += [f"{what} {line}" for what in _call_offences(node, where)]
        elif isinstance(node, ast.FunctionDef) and helpers.get(node.name, where) != where:
            found.append(f"def {node.name} {line}: {helpers[node.name]} has it")
    for name in _assigned(tree.body):
        if helpers.get(name, where) != where:
            found.append(f"{name} = …: {helpers[name]} has it")
    return found


def _refused(module: str, where: str) -> bool:
    return any(
        (module == name or module.startswith(name + ".")) and where not in allowed
        for name, allowed in IMPORTS_ALLOWED.items()
    )


def _call_offences(node: ast.Call, where: str) -> list[str]:
    function = node.func
    if isinstance(function, ast.Attribute) and isinstance(function.value, ast.Name):
        dotted = f"{function.value.id}.{function.attr}"
        if where not in CALLS_ALLOWED.get(dotted, {where}):
            return [dotted]
    if where in WRITES_ALLOWED:
        return []
    if isinstance(function, ast.Attribute) and function.attr in ("write_text", "write_bytes"):
        return [f".{function.attr}()"]
    if isinstance(function, ast.Name) and function.id == "open":
        mode = node.args[1] if len(node.args) > 1 else None
        mode = next((k.value for k in node.keywords if k.arg == "mode"), mode)
        if mode is None:
            return []  # read
        if not isinstance(mode, ast.Constant):
            return ["open() in a mode not written out"]
        if set(str(mode.value)) & set("wax+"):
            return ["open() for writing"]
    return []


def test_no_module_but_fileio_and_text_safety_writes_files_or_escapes() -> None:
    helpers = _helper_names()
    assert {"write_atomic", "read_capped", "slug", "TEMP_PREFIX", "csv_cell", "md_inline"} <= set(
        helpers
    )
    assert package_offences(lambda source, where: offences(source, where, helpers)) == {}


@pytest.mark.parametrize(
    "source",
    [
        # The copies this issue removed, each as it was written.
        "import html\nhtml.escape(name)",
        "from html import escape",
        "from markupsafe import escape",
        "from rich.markup import escape",
        "import tempfile\nfd, name = tempfile.mkstemp(dir=folder)",
        "import os\nos.fsync(fd)",
        "import os\nwith os.fdopen(fd, 'w') as file: pass",
        "with open(path, 'w', encoding='utf-8') as file: pass",
        "with open(path, mode='wb') as file: pass",
        "path.write_text(text)",
        "TEMP_PREFIX = '.tmp-'",
        "PRIVATE_FILE_MODE: int = 0o600",
        "def slug(text):\n    return text",
        "def md_inline(text):\n    return text",
    ],
)
def test_the_check_finds_each_kind(source: str) -> None:
    assert offences(source, "domain/settings.py")


def test_the_check_lets_the_callers_pass() -> None:
    callers = (
        "from .fileio import write_atomic, read_capped\nfrom .text_safety import Markup\n"
        "write_atomic(path, data)\nwith open(path, encoding='utf-8') as file: pass\n"
        "with open(path, 'rb') as file: pass\ntext.replace('<', '')\nMAX_FILE_BYTES = 5\n"
    )
    assert offences(callers, "domain/settings.py") == []


def test_the_helpers_own_modules_pass() -> None:
    for module in HELPER_MODULES:
        assert offences((PACKAGE / module).read_text(encoding="utf-8"), module) == []
