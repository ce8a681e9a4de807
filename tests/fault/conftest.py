"""Fault injection: real subprocesses killed with SIGKILL, full and read-only disks, damaged
workspaces and fuzzed input. Helpers shared by the tests here."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.core.demo import generate_atlassian_export
from app.core.store import Workspace

ROOT = Path(__file__).resolve().parents[2]
AS_OF = dt.date(2025, 6, 30)
ENTRA = ("Atlassian-Jira-Users", "Atlassian-Confluence-Users", "Atlassian-JSM-Agents")
TEMP_GLOB = ".~user-cleanup-*.tmp"


def app_command(data_dir: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "app", "--data-dir", str(data_dir), *args]


def app_env() -> dict[str, str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    env.pop("USER_CLEANUP_DATA_DIR", None)
    return env


def run_app(data_dir: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        app_command(data_dir, *args),
        capture_output=True,
        text=True,
        timeout=timeout,
        env=app_env(),
        cwd=ROOT,
        stdin=subprocess.DEVNULL,
    )


def start_app(data_dir: Path, *args: str) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        app_command(data_dir, *args),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        stdin=subprocess.DEVNULL,
        env=app_env(),
        cwd=ROOT,
    )


def kill_after(proc: subprocess.Popen[bytes], delay: float) -> bool:
    """SIGKILL ``proc`` once ``delay`` seconds have passed (a bounded wait, not a sleep).

    Returns True when it was killed, False when it had already finished."""
    try:
        proc.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        return True


def write_export(path: Path, users: int, seed: int, *, layout: str = "atlassian") -> Path:
    path.write_text(
        generate_atlassian_export(users, seed=seed, as_of=AS_OF, layout=layout, odd=0.01),
        encoding="utf-8",
        newline="",
    )
    return path


def fingerprint(folder: Path) -> tuple[object, ...]:
    """Everything an import or a cleanup changes, condensed; opened read-only and unlocked."""
    db = sqlite3.connect(f"file:{folder / 'workspace.sqlite3'}?mode=ro", uri=True)
    try:
        query = db.execute
        return (
            query("SELECT group_concat(name || ':' || hex(data), '|') FROM directory").fetchone(),
            query("SELECT group_concat(name || ':' || hex(members), '|') FROM groups").fetchone(),
            query(
                "SELECT group_concat(product || site || hex(users) || hex(days), '|') FROM sources"
            ).fetchone(),
            query(
                "SELECT value FROM meta WHERE key IN ('last_import_file', 'users') ORDER BY key"
            ).fetchall(),
            query("SELECT count(*), total(affected_users) FROM runs").fetchone(),
            query("SELECT count(*), total(length(data)) FROM run_snapshots").fetchone(),
            query("SELECT count(*), total(rows), total(length(upns)) FROM run_groups").fetchone(),
            query("SELECT count(*), total(rows) FROM run_exports").fetchone(),
        )
    finally:
        db.close()


def check_opens(folder: Path) -> None:
    """The workspace opens (the lock of the killed process is free again) and is intact."""
    with Workspace.open(folder) as ws:
        assert ws.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert ws.conn.execute("PRAGMA foreign_key_check").fetchall() == []
        ws.info()


def copy_workspace(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    return target


def final_files(folder: Path) -> dict[str, bytes]:
    if not folder.exists():
        return {}
    return {p.name: p.read_bytes() for p in folder.iterdir() if not p.match(TEMP_GLOB)}


def cleanup_args(name: str = "fault") -> Sequence[str]:
    args = ["cleanup", "--name", name, "--inactive-days", "30", "--as-of", AS_OF.isoformat()]
    for group in (*ENTRA, "jira-software-users"):
        args += ["--group", group]
    return [*args, "--action", "entra"]


@pytest.fixture(scope="session")
def fault_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fault")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Fault injection needs SIGKILL, tmpfs mounts and POSIX permissions: skip it elsewhere."""
    if os.name == "posix":
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason="fault injection needs POSIX signals, mounts and permissions")
    for item in items:
        if here in item.path.parents:
            item.add_marker(skip)
