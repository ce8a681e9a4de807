"""Every path the application uses is resolved here, once.

The workspace folder comes from, in order: the ``--data-dir`` option, the
``USER_CLEANUP_DATA_DIR`` variable, the platform's user-data folder.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import platformdirs

from app import APP_ID

DATA_DIR_ENV = "USER_CLEANUP_DATA_DIR"
WORKSPACE_FILE = "workspace.sqlite3"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    """The workspace folder (not created here)."""
    chosen = override or os.environ.get(DATA_DIR_ENV)
    if chosen:
        return Path(chosen).expanduser().resolve()
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False))


def demo_data_dir() -> Path:
    """The throw-away demo workspace, kept apart from the real one."""
    return Path(platformdirs.user_data_dir(APP_ID, appauthor=False)) / "demo"


def workspace_file(folder: Path) -> Path:
    return folder / WORKSPACE_FILE


def log_dir() -> Path:
    return Path(platformdirs.user_log_dir(APP_ID, appauthor=False))


def resources_dir() -> Path:
    """``resources/`` from a source checkout or from inside a PyInstaller bundle."""
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        return Path(bundle) / "resources"
    return Path(__file__).resolve().parent.parent / "resources"


def resource_path(name: str) -> Path:
    return resources_dir() / name
