"""Outputs that cannot be written: a full disk, a read-only mount, a parent that is a file,
a name too long. Each gives a clear ``OutputError`` (exit 2 from the CLI) and leaves no file."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from app.core.engine import run_cleanup
from app.core.errors import OutputError
from app.core.exporters import write_entra_exports, write_users_csv
from app.core.importers import import_file
from app.core.models import Action, Criteria, EntraSettings
from app.core.store import Workspace
from tests.fault.conftest import AS_OF, ENTRA, TEMP_GLOB, run_app, write_export


@contextmanager
def tmpfs(path: Path, options: str) -> Iterator[Path]:
    """A small tmpfs mounted at ``path``; skips the test where mounting is not allowed."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; this run is not root")
    path.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)], capture_output=True, text=True
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here ({done.stderr.strip() or done.returncode})")
    try:
        yield path
    finally:
        subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.fixture(scope="module")
def exported_run(fault_dir: Path) -> tuple[Path, int]:
    folder = fault_dir / "outputs-ws"
    with Workspace.open(folder) as ws:
        import_file(ws, write_export(fault_dir / "outputs.csv", 6_000, seed=3))
        ws.save_entra_settings(EntraSettings(provisioning_enabled=True, synced_groups=ENTRA))
        criteria = Criteria(target_groups=ENTRA, inactive_days=30, as_of=AS_OF)
        run_id = run_cleanup(ws, "outputs", criteria, Action.ENTRA).run_id
    assert run_id is not None
    return folder, run_id


def _nothing_left(folder: Path) -> None:
    assert not folder.exists() or list(folder.iterdir()) == [], list(folder.iterdir())


def test_full_disk_gives_a_clear_error_and_no_partial_file(
    exported_run: tuple[Path, int], tmp_path: Path
) -> None:
    folder, run_id = exported_run
    with tmpfs(tmp_path / "small", "size=48k") as disk:
        out = disk / "entra"
        with Workspace.open(folder) as ws, pytest.raises(OutputError, match="No space left") as err:
            write_entra_exports(ws, run_id, out)
        assert "No file was saved" in str(err.value)
        _nothing_left(out)
        result = run_app(folder, "export", str(run_id), "--idp", "entra", "--out", str(out))
        assert result.returncode == 2
        assert result.stderr.startswith("error: Cannot write to")
        assert "No space left" in result.stderr
        _nothing_left(out)
        with Workspace.open(folder) as ws:
            assert ws.run(run_id).status == "completed"  # not recorded as exported


def test_read_only_mount(exported_run: tuple[Path, int], tmp_path: Path) -> None:
    folder, run_id = exported_run
    with tmpfs(tmp_path / "ro", "size=1m,ro") as disk:
        result = run_app(folder, "export", str(run_id), "--idp", "entra", "--out", str(disk))
        assert result.returncode == 2
        assert "Read-only file system" in result.stderr
        assert "No file was saved" in result.stderr
        with Workspace.open(folder) as ws, pytest.raises(OutputError, match="Read-only"):
            write_users_csv(ws.run_rows(run_id), disk / "users.csv")
        assert list(disk.iterdir()) == []


def test_read_only_directory_without_root(exported_run: tuple[Path, int], tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root ignores directory permissions; the read-only mount test covers this")
    folder, run_id = exported_run
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with Workspace.open(folder) as ws, pytest.raises(OutputError, match="Permission denied"):
            write_entra_exports(ws, run_id, locked)
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize(
    "target",
    [
        "file.txt/entra",  # the parent is a file
        "file.txt/deeper/entra",  # an ancestor is a file
        "x" * 300 + "/entra",  # a folder name too long
    ],
)
def test_unwritable_entra_folder(exported_run: tuple[Path, int], tmp_path: Path, target: str) -> None:
    folder, run_id = exported_run
    (tmp_path / "file.txt").write_text("not a folder")
    with Workspace.open(folder) as ws, pytest.raises(OutputError):
        write_entra_exports(ws, run_id, tmp_path / target)
    result = run_app(folder, "export", str(run_id), "--idp", "entra", "--out", str(tmp_path / target))
    assert result.returncode == 2, result.stderr
    assert result.stderr.startswith("error: ")
    assert result.stderr[-1] == "\n"
    assert result.stderr.count("\n") == 1
    assert (tmp_path / "file.txt").read_text() == "not a folder"


@pytest.mark.parametrize("name", ["file.txt/users.csv", "u" * 300 + ".csv"])
def test_unwritable_users_file(exported_run: tuple[Path, int], tmp_path: Path, name: str) -> None:
    folder, run_id = exported_run
    (tmp_path / "file.txt").write_text("not a folder")
    with Workspace.open(folder) as ws:
        rows = ws.run_rows(run_id)
    for overwrite in (False, True):
        with pytest.raises(OutputError):
            write_users_csv(rows, tmp_path / name, overwrite=overwrite)
    result = run_app(folder, "export", str(run_id), "--users", "--out", str(tmp_path / name))
    assert result.returncode == 2, result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt"]
    assert not list(tmp_path.glob(TEMP_GLOB))
