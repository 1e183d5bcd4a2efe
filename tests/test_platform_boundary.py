"""Only domain/platform_support.py asks which system this is or calls what only some have."""

from __future__ import annotations

import ast

import pytest

from .source_scan import PACKAGE, package_offences

PLATFORM_MODULE = PACKAGE / "domain" / "platform_support.py"

ASKS_WHICH_SYSTEM = {"os.name", "sys.platform", "platform.system", "sys.getwindowsversion"}
"""Asking the system's name: the branch then belongs in the platform module."""
DIFFERS_BY_SYSTEM = {
    # Absent on Windows (fchmod before 3.13), or doing something else there (kill(pid, 0) is
    # CTRL_C_EVENT; chmod only flips read-only), or refused there for an open file (replace).
    "os.kill",
    "os.killpg",
    "os.fchmod",
    "os.chmod",
    "os.lchmod",
    "os.chown",
    "os.fchown",
    "os.fork",
    "os.getuid",
    "os.geteuid",
    "os.getpgid",
    "os.setsid",
    "os.replace",
    "os.rename",
}
POSIX_OR_WINDOWS_MODULES = {"fcntl", "termios", "pwd", "grp", "resource", "msvcrt", "winreg"}
METHODS = {"chmod", "lchmod"}
"""`Path.chmod`: the same call as os.chmod, on a path object."""


def offences(source: str) -> list[str]:
    """What in `source` asks which system this is or calls a system-specific function."""
    found: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Attribute):
            if isinstance(node.value, ast.Name):
                dotted = f"{node.value.id}.{node.attr}"
                if dotted in ASKS_WHICH_SYSTEM | DIFFERS_BY_SYSTEM:
                    found.append(f"{dotted} (line {node.lineno})")
                    continue
            if node.attr in METHODS:
                found.append(f".{node.attr} (line {node.lineno})")
        elif isinstance(node, ast.Import):
            found += [
                f"import {alias.name} (line {node.lineno})"
                for alias in node.names
                if alias.name.split(".")[0] in POSIX_OR_WINDOWS_MODULES
            ]
        elif isinstance(node, ast.ImportFrom) and node.module is not None:
            if node.module.split(".")[0] in POSIX_OR_WINDOWS_MODULES:
                found.append(f"from {node.module} import … (line {node.lineno})")
            for alias in node.names:
                if f"{node.module}.{alias.name}" in ASKS_WHICH_SYSTEM | DIFFERS_BY_SYSTEM:
                    found.append(f"from {node.module} import {alias.name} (line {node.lineno})")
    return found


def test_nothing_outside_the_platform_module_asks_or_calls_system_specific_things() -> None:
    def outside(source: str, where: str) -> list[str]:
        return [] if where == "domain/platform_support.py" else offences(source)

    assert package_offences(outside) == {}


@pytest.mark.parametrize(
    "source",
    [
        "import os\nif os.name == 'nt': pass",
        "import sys\nwindows = sys.platform == 'win32'",
        "import os\nos.kill(pid, 0)",
        "import os\nos.fchmod(fd, 0o600)",
        "import os\nos.replace(a, b)",
        "from pathlib import Path\nPath('x').chmod(0o700)",
        "from os import kill",
        "import fcntl",
        "from msvcrt import locking",
    ],
)
def test_the_check_finds_each_kind(source: str) -> None:
    assert offences(source)


def test_the_check_lets_portable_code_pass() -> None:
    assert offences("import os\nos.fsync(fd)\ntext.replace('a', 'b')\nos.path.join('a')") == []


def test_the_platform_module_is_where_they_are() -> None:
    assert offences(PLATFORM_MODULE.read_text(encoding="utf-8"))
