"""Whether the data folder lies in a folder a cloud service synchronises, or on a network drive."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Mapping
from pathlib import Path, PurePath

from . import platform_support

# Folder names each service's desktop client makes on Windows, macOS and Linux, compared
# without regard to case (Windows and macOS ignore it): exact names, and the names the clients
# add an account or organisation to – «OneDrive - Kommune» (OneDrive for work on Windows),
# «Dropbox (Kommune)» (a Dropbox team).
_EXACT: dict[str, str] = {
    "onedrive": "OneDrive",
    "dropbox": "Dropbox",
    "mobile documents": "iCloud Drive",  # ~/Library/Mobile Documents/com~apple~CloudDocs
    "icloud drive": "iCloud Drive",
    "iclouddrive": "iCloud Drive",  # iCloud for Windows: %USERPROFILE%\iCloudDrive
    "google drive": "Google Drive",
    "googledrive": "Google Drive",
    "my drive": "Google Drive",  # Google Drive for desktop's G:\My Drive
    "min disk": "Google Drive",  # … the same with Norwegian settings
}
_PREFIXES: tuple[tuple[str, str], ...] = (("onedrive - ", "OneDrive"), ("dropbox (", "Dropbox"))
_MACOS_PROVIDERS = "cloudstorage"
"""macOS puts every File Provider's folder in ~/Library/CloudStorage/<Service>-<account>."""
# OneDrive's client sets these on Windows to the roots it syncs, whatever they are called.
_ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")


def cloud_service(folder: Path, environ: Mapping[str, str] | None = None) -> str | None:
    """The cloud service that synchronises `folder` («OneDrive», …), or None if none seems to.

    Judged by the folder names the services' clients use, on every platform at once (a path
    cannot be both), and by OneDrive's own environment variables on Windows.
    """
    environ = os.environ if environ is None else environ
    paths = {PurePath(os.path.abspath(folder))}
    # A link into a synced folder is still synced: look at where it leads as well.
    with contextlib.suppress(OSError, RuntimeError):
        paths.add(PurePath(Path(folder).resolve()))
    for path in paths:
        names = [part.casefold() for part in path.parts]
        for position, name in enumerate(names):
            if name in _EXACT:
                return _EXACT[name]
            for prefix, service in _PREFIXES:
                if name.startswith(prefix):
                    return service
            if name == _MACOS_PROVIDERS and position + 1 < len(names):
                # OneDrive-Kommune, GoogleDrive-ola@kommune.no, Box-Box: the service first.
                provider = path.parts[position + 1].split("-")[0]
                return _EXACT.get(provider.casefold(), provider)
        for variable in _ONEDRIVE_VARIABLES:
            root = environ.get(variable)
            if root and _is_within(path, PurePath(root)):
                return "OneDrive"
    return None


def index_is_shared(folder: Path) -> bool:
    """Whether `folder` is synced or on a network drive, where SQLite's WAL mode is unsafe.

    WAL keeps two files beside the database and shares memory through one of them, which
    network file systems do not support; a sync client copies the three files separately.
    """
    return cloud_service(folder) is not None or platform_support.is_network_folder(folder)


def _is_within(path: PurePath, root: PurePath) -> bool:
    # Case-insensitively: only Windows sets these variables, and its paths ignore case.
    parts = [p.casefold() for p in path.parts]
    root_parts = [p.casefold() for p in root.parts]
    return bool(root_parts) and parts[: len(root_parts)] == root_parts
