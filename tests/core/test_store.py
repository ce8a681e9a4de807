"""The workspace file: creation, settings validation, lock, corrupt and foreign files, migration."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from app.core.errors import UserError, WorkspaceCorruptError, WorkspaceError, WorkspaceInUseError
from app.core.importers import import_file
from app.core.models import EntraSettings, EntraTemplate, Protection
from app.core.store import (
    APPLICATION_ID,
    MIGRATIONS,
    SCHEMA_VERSION,
    WAL_AUTOCHECKPOINT_PAGES,
    Workspace,
    guess_licensing,
)
from app.paths import workspace_file
from tests.core.builders import atlassian, last_seen


def test_new_workspace_is_wal_versioned_and_ours(data_dir: Path) -> None:
    with Workspace.open(data_dir) as ws:
        assert ws.is_empty()
        assert ws.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert ws.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    conn = sqlite3.connect(workspace_file(data_dir))
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    conn.close()


def test_second_open_is_refused_until_closed(data_dir: Path) -> None:
    first = Workspace.open(data_dir)
    with pytest.raises(WorkspaceInUseError, match="in use by another User Cleanup"):
        Workspace.open(data_dir)
    first.close()
    Workspace.open(data_dir).close()


def test_entra_settings_round_trip_and_validation(ws: Workspace) -> None:
    assert ws.entra_settings() == EntraSettings()
    assert not ws.entra_settings().configured
    saved = ws.save_entra_settings(
        EntraSettings(
            provisioning_enabled=True,
            synced_groups=("Jira-Users",),
            template=EntraTemplate.LEGACY,
            max_rows=500,
            upn_domain_rewrites=(("Old.example.com", "new.example.com"),),
            verified_domains=("New.Example.com",),
        )
    )
    assert saved == ws.entra_settings()
    assert saved.configured
    assert saved.is_synced("jira-users")
    assert saved.upn_domain_rewrites == (("old.example.com", "new.example.com"),)
    assert saved.verified_domains == ("new.example.com",)
    for bad, message in [
        (EntraSettings(max_rows=0), "at least 1"),
        (EntraSettings(upn_domain_rewrites=(("a.com", "not a domain"),)), "not a domain name"),
        (EntraSettings(upn_domain_rewrites=(("a.com", "A.com"),)), "rewritten to itself"),
        (EntraSettings(verified_domains=("x",)), "not a domain name"),
    ]:
        with pytest.raises(UserError, match=message):
            ws.save_entra_settings(bad)
    assert ws.entra_settings() == saved


def test_synced_groups_must_exist_once_groups_are_imported(ws: Workspace) -> None:
    with ws.transaction() as conn:
        conn.execute("INSERT INTO groups(id, name) VALUES (1, 'Atlassian-Jira-Users')")
    saved = ws.save_entra_settings(EntraSettings(True, ("atlassian-jira-users",)))
    assert saved.synced_groups == ("Atlassian-Jira-Users",)
    with pytest.raises(UserError, match="Unknown Entra-synced group 'nope'"):
        ws.save_entra_settings(EntraSettings(True, ("nope",)))


def test_protection_round_trip(ws: Workspace) -> None:
    ws.save_protection(Protection(users=(" Admin@X.com ", "admin@x.com", ""), groups=("site-admins", " ")))
    assert ws.protection() == Protection(users=("admin@x.com",), groups=("site-admins",))


@pytest.mark.parametrize(
    ("name", "licensing"),
    [
        ("jira-software-users", True),
        ("Atlassian-Confluence-Users", True),
        ("jira-servicemanagement-users", True),
        ("Atlassian-JSM-Agents", True),
        ("confluence-admins", False),
        ("engineering", False),
        ("summer-students", False),
    ],
)
def test_licensing_guess(name: str, licensing: bool) -> None:
    assert guess_licensing(name) is licensing


def test_corrupt_file_is_reported_and_can_be_set_aside(data_dir: Path) -> None:
    data_dir.mkdir()
    db = workspace_file(data_dir)
    db.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(WorkspaceCorruptError) as caught:
        Workspace.open(data_dir)
    assert caught.value.path == db
    kept = Workspace.set_aside(data_dir)
    assert not db.exists()
    assert kept.read_bytes().startswith(b"this is not a database")
    with Workspace.open(data_dir) as ws:
        assert ws.is_empty()


def test_foreign_database_is_not_touched(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(workspace_file(data_dir))
    conn.execute("CREATE TABLE invoices(id INTEGER)")
    conn.commit()
    conn.close()
    with pytest.raises(WorkspaceCorruptError, match="another program"):
        Workspace.open(data_dir)
    conn = sqlite3.connect(workspace_file(data_dir))
    assert conn.execute("SELECT name FROM sqlite_master").fetchall() == [("invoices",)]
    conn.close()


def test_newer_schema_is_refused(data_dir: Path) -> None:
    Workspace.open(data_dir).close()
    conn = sqlite3.connect(workspace_file(data_dir))
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(WorkspaceError, match="newer version"):
        Workspace.open(data_dir)


def test_older_schema_is_backed_up_then_migrated(data_dir: Path) -> None:
    data_dir.mkdir()
    conn = sqlite3.connect(workspace_file(data_dir))
    conn.executescript(MIGRATIONS[0])
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.executescript(
        """
        INSERT INTO users VALUES (10, 'a1', 'Ann', 'ann@x.com', 'active', 19000),
                                 (20, 'b2', 'Bob', NULL, 'inactive', NULL);
        INSERT INTO groups(id, name) VALUES (1, 'kept-group');
        INSERT INTO memberships VALUES (1, 20), (1, 10);
        INSERT INTO sources VALUES (1, 'Jira', 'acme');
        INSERT INTO activity VALUES (10, 1, 19500);
        INSERT INTO runs VALUES (1, 'old run', '2024-01-02T03:04:05', 'entra', '{"target_groups": ["kept-group"],
            "inactive_days": 30, "as_of": "2024-01-01"}', 1);
        INSERT INTO run_rows VALUES (1, 'a1', 'Ann@x.com', 'Ann', 'kept-group', 'entra', 'ann@x.com', NULL,
            '2023-05-01', 245), (1, 'c3', 'cy@x.com', 'Cy', 'kept-group', 'entra', 'cy@x.com', NULL, NULL, NULL);
        INSERT INTO run_groups VALUES (1, 'kept-group', 'entra', 2, 2);
        """
    )
    conn.commit()
    conn.close()
    with Workspace.open(data_dir) as ws:
        assert ws.group_names() == ["kept-group"]
        assert ws.conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        users = ws.users_frame()
        assert users["email"].tolist() == ["ann@x.com", None]
        assert users["added_to_org"].tolist()[0] == 19000
        assert ws.member_ids(["kept-group"])["kept-group"].tolist() == [0, 1]
        assert last_seen(ws) == {0: 19500.0}
        assert ws.info().users == 2
        assert ws.run_rows(1)["days_inactive"].tolist()[0] == 245
        assert ws.entra_lists(1)["kept-group"].lines == b"ann@x.com\r\ncy@x.com"
        assert ws.run(1).idp_groups == {"kept-group": 2}
    backup = data_dir / "workspace.sqlite3.schema1.bak"
    conn = sqlite3.connect(backup)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
    assert conn.execute("SELECT name FROM groups").fetchall() == [("kept-group",)]
    conn.close()


def test_schema_3_removal_lists_get_crlf_line_ends(data_dir: Path) -> None:
    with Workspace.open(data_dir) as ws:
        ws.conn.executescript(
            """
            INSERT INTO runs VALUES (1, 'r', '2024-01-02T03:04:05', 'entra', '{"target_groups": ["g"]}', 2);
            INSERT INTO run_groups(run_id, grp, action, rows, exportable, upns)
                VALUES (1, 'g', 'entra', 2, 2, CAST('a@x.com' || char(10) || 'b@x.com' AS BLOB)),
                       (1, 'h', 'entra', 1, 1, CAST('c@x.com' AS BLOB));
            PRAGMA user_version = 3;
            """
        )
    with Workspace.open(data_dir) as ws:
        lists = ws.entra_lists(1)
        assert (lists["g"].lines, lists["h"].lines) == (b"a@x.com\r\nb@x.com", b"c@x.com")
        assert lists["g"].upns == ["a@x.com", "b@x.com"]
    assert (data_dir / "workspace.sqlite3.schema3.bak").exists()


def test_import_checkpoints_in_the_background_and_close_waits(data_dir: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "first.csv", tmp_path / "second.csv"
    first.write_text(atlassian("id1,Ann,ann@x.com,Active,,,,g1"), encoding="utf-8")
    second.write_text(atlassian("id2,Bob,bob@x.com,Active,,,,g2"), encoding="utf-8")
    ws = Workspace.open(data_dir)
    import_file(ws, first)
    import_file(ws, second)  # waits for the first import's checkpoint before its own
    assert ws.conn.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == WAL_AUTOCHECKPOINT_PAGES
    ws.close()
    wal = workspace_file(data_dir).with_name("workspace.sqlite3-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # all of it is in the database file
    with Workspace.open(data_dir) as ws:
        assert ws.users_frame()["email"].tolist() == ["bob@x.com"]
        assert ws.group_names() == ["g2"]


def test_close_leaves_other_threads_connections_to_them(data_dir: Path) -> None:
    import threading

    ws = Workspace.open(data_dir)
    ready, release = threading.Event(), threading.Event()
    seen: list[object] = []

    def reader() -> None:
        conn = ws.conn
        ready.set()
        release.wait(timeout=10)
        seen.append(conn.execute("SELECT count(*) FROM groups").fetchone()[0])

    thread = threading.Thread(target=reader)
    thread.start()
    assert ready.wait(timeout=10)
    ws.close()
    release.set()
    thread.join(timeout=10)
    assert seen == [0]
    with pytest.raises(WorkspaceError, match="is closed"):
        ws.info()
