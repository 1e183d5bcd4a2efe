"""The question bank ships inside the wheel, and an editable install finds the repository's copy."""

from __future__ import annotations

import subprocess
import venv
import zipfile
from pathlib import Path

import pytest

from cocreate_tui.domain.bank_location import shipped_bank_dir

from .build_helpers import REPO, build_wheel


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    return build_wheel(out)


def test_wheel_carries_every_bank_file_once(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    shipped = sorted(n for n in names if n.startswith("cocreate_tui/questions/"))
    expected = sorted(
        f"cocreate_tui/questions/{p.relative_to(REPO / 'questions').as_posix()}"
        for p in (REPO / "questions").rglob("*.toml")
    )
    assert "cocreate_tui/questions/lang/nn.toml" in expected
    assert shipped == expected
    assert len(names) == len(set(names))


def test_wheel_carries_every_language_catalogue(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    catalogues = {n for n in names if n.startswith("cocreate_tui/locales/")}
    assert {f"cocreate_tui/locales/{code}.po" for code in ("nb", "nn", "en")} <= catalogues


def test_installed_wheel_finds_its_own_bank(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.create(env_dir, with_pip=False)
    python = env_dir / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    zipfile.ZipFile(wheel).extractall(site)
    found = subprocess.run(
        [
            str(python),
            "-c",
            "from cocreate_tui.domain.bank_location import shipped_bank_dir as d; print(d())",
        ],
        check=True,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    ).stdout.strip()
    assert Path(found) == Path(site) / "cocreate_tui" / "questions"
    assert (Path(found) / "bank.toml").is_file()


def test_editable_install_uses_the_repository_bank() -> None:
    assert shipped_bank_dir() == REPO / "questions"
