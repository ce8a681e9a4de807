"""The workspace under faults: a second instance, a stale lock, damaged or foreign files, an
older schema."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from app.core.errors import WorkspaceCorruptError, WorkspaceInUseError
from app.core.importers import import_file
from app.core.store import APPLICATION_ID, MIGRATIONS, SCHEMA_VERSION, Workspace
from tests.fault.conftest import ROOT, app_env, check_opens, run_app, write_export


def test_second_instance_is_told_the_workspace_is_in_use(tmp_path: Path) -> None:
    with Workspace.open(tmp_path):
        result = run_app(tmp_path, "info")
        assert result.returncode == 2
        assert "in use" in result.stderr
        assert result.stderr.startswith("error: ")
        with pytest.raises(WorkspaceInUseError):
            Workspace.open(tmp_path)
    assert run_app(tmp_path, "info").returncode == 0


def test_stale_lock_of_a_killed_instance_is_recovered(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from app.core.store import Workspace\n"
            f"ws = Workspace.open({str(tmp_path)!r}); print('locked', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        env=app_env(),
        cwd=ROOT,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "locked"  # waits on output, not on time
        with pytest.raises(WorkspaceInUseError):
            Workspace.open(tmp_path)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
    finally:
        if holder.poll() is None:
            holder.kill()
            holder.wait(timeout=30)
        for pipe in (holder.stdin, holder.stdout):
            if pipe is not None:
                pipe.close()
    assert (tmp_path / "workspace.lock").exists()  # left behind, and harmless
    check_opens(tmp_path)
    assert run_app(tmp_path, "info").returncode == 0


def _damage(folder: Path, data: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / "workspace.sqlite3"
    db.write_bytes(data)
    return db


@pytest.mark.parametrize(
    "data",
    [
        b"this is not a database at all\n" * 200,
        b"SQLite format 3\x00" + bytes(range(256)) * 20,  # a header, then garbage
    ],
    ids=["text", "garbage-after-header"],
)
def test_corrupt_file_is_reported_and_can_be_set_aside(tmp_path: Path, data: bytes) -> None:
    db = _damage(tmp_path, data)
    with pytest.raises(WorkspaceCorruptError) as err:
        Workspace.open(tmp_path)
    assert err.value.path == db
    assert "kept aside" in str(err.value)
    result = run_app(tmp_path, "info")
    assert result.returncode == 2
    assert "cannot be opened" in result.stderr
    assert db.read_bytes() == data  # nothing deleted or rewritten
    kept = Workspace.set_aside(tmp_path)
    assert kept.read_bytes() == data
    assert not db.exists()
    with Workspace.open(tmp_path) as ws:
        assert ws.is_empty()
    assert kept.read_bytes() == data


def test_foreign_database_is_not_touched(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    db = tmp_path / "workspace.sqlite3"
    other = sqlite3.connect(db)
    other.execute("CREATE TABLE invoices(id INTEGER PRIMARY KEY, total REAL)")
    other.execute("INSERT INTO invoices VALUES (1, 9.5)")
    other.commit()
    other.close()
    before = db.read_bytes()
    with pytest.raises(WorkspaceCorruptError, match="another program"):
        Workspace.open(tmp_path)
    result = run_app(tmp_path, "info")
    assert result.returncode == 2
    assert "another program" in result.stderr
    assert db.read_bytes() == before
    kept = Workspace.set_aside(tmp_path)
    assert sqlite3.connect(kept).execute("SELECT total FROM invoices").fetchone() == (9.5,)


def test_truncated_workspace_is_reported_not_crashed(tmp_path: Path) -> None:
    folder = tmp_path / "ws"
    with Workspace.open(folder) as ws:
        import_file(ws, write_export(tmp_path / "users.csv", 3_000, seed=4))
    db = folder / "workspace.sqlite3"
    data = db.read_bytes()
    db.write_bytes(data[: len(data) // 2])
    result = run_app(folder, "info")
    assert result.returncode == 2, result.stderr  # a clear message, not an internal error
    assert "cannot be opened" in result.stderr
    with pytest.raises(WorkspaceCorruptError):
        Workspace.open(folder)


def test_older_schema_is_migrated_after_a_backup(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    db = tmp_path / "workspace.sqlite3"
    old = sqlite3.connect(db)
    old.executescript(MIGRATIONS[0])
    old.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    old.execute("PRAGMA user_version = 1")
    old.execute("INSERT INTO users VALUES (1, 'id-1', 'Ann', 'ann@contoso.com', 'active', 19000)")
    old.execute(
        "INSERT INTO runs VALUES (1, 'old run', '2024-01-01T10:00:00', 'review', "
        '\'{"target_groups": ["g"], "inactive_days": 90, "as_of": "2024-01-01"}\', 1)'
    )
    old.commit()
    old.close()
    result = run_app(tmp_path, "history")
    assert result.returncode == 0, result.stderr
    assert "old run" in result.stdout
    backup = tmp_path / "workspace.sqlite3.schema1.bak"
    saved = sqlite3.connect(backup)
    assert saved.execute("PRAGMA user_version").fetchone()[0] == 1
    assert saved.execute("SELECT email FROM users").fetchall() == [("ann@contoso.com",)]
    saved.close()
    with Workspace.open(tmp_path) as ws:
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert ws.info().users == 1
        assert ws.runs()[0].status == "completed"
