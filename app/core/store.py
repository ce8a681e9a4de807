"""The workspace: one SQLite file per folder, with schema migrations and a process lock.

Every import and every recorded cleanup is one transaction: it lands whole or not at all.
Each thread gets its own connection, so UI workers can read while the window stays live.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import TracebackType
from typing import Any

import filelock
import numpy as np
import pandas as pd

from app import paths
from app.core import columns as columns_codec
from app.core.errors import UserError, WorkspaceCorruptError, WorkspaceError, WorkspaceInUseError
from app.core.models import (
    Action,
    Criteria,
    Directory,
    EntraSettings,
    EntraTemplate,
    GroupInfo,
    ImportSummary,
    Protection,
    RowAction,
    RunSummary,
    WorkspaceInfo,
)
from app.core.upn import unique_sorted_upns, valid_domain

log = logging.getLogger(__name__)

APPLICATION_ID = 0x55434C4E  # "UCLN": marks the file as ours
LOCK_FILE = "workspace.lock"
PAGE_SIZE = 16384
WAL_AUTOCHECKPOINT_PAGES = 1000  # SQLite's default
CACHE_KIB = 65536  # per connection, allocated as used: holds a 300,000-user directory (default 2 MB)
EPOCH = dt.date(1970, 1, 1)

UPN_SEPARATOR = "\r\n"  # between the UPNs of a stored removal list
_TEXT_COLUMNS = ("account_id", "display_name", "email", "status")
USER_COLUMNS = (*_TEXT_COLUMNS, "added_to_org")
RUN_ROW_COLUMNS = [
    "account_id",
    "email",
    "display_name",
    "group",
    "action",
    "upn",
    "skip_reason",
    "last_seen",
    "days_inactive",
]

#: Schema steps; index i upgrades user_version i to i + 1. Never edit a released step.
MIGRATIONS: list[str | Callable[[sqlite3.Connection], None]] = [
    """
    CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE settings(key TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE users(
        id INTEGER PRIMARY KEY,
        account_id TEXT,
        display_name TEXT,
        email TEXT,
        status TEXT NOT NULL,
        added_to_org INTEGER
    );
    CREATE TABLE groups(id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE memberships(
        group_id INTEGER NOT NULL REFERENCES groups(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY(group_id, user_id)
    ) WITHOUT ROWID;
    CREATE TABLE sources(
        id INTEGER PRIMARY KEY, product TEXT NOT NULL, site TEXT NOT NULL, UNIQUE(product, site)
    );
    CREATE TABLE activity(
        user_id INTEGER NOT NULL REFERENCES users(id),
        source_id INTEGER NOT NULL REFERENCES sources(id),
        last_seen INTEGER NOT NULL,
        PRIMARY KEY(user_id, source_id)
    ) WITHOUT ROWID;
    CREATE TABLE group_flags(name TEXT PRIMARY KEY COLLATE NOCASE, licensing INTEGER NOT NULL);
    CREATE TABLE runs(
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        run_at TEXT NOT NULL,
        action TEXT NOT NULL,
        criteria TEXT NOT NULL,
        affected_users INTEGER NOT NULL
    );
    CREATE TABLE run_rows(
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        account_id TEXT,
        email TEXT,
        display_name TEXT,
        grp TEXT NOT NULL,
        action TEXT NOT NULL,
        upn TEXT,
        skip_reason TEXT,
        last_seen TEXT,
        days_inactive INTEGER
    );
    CREATE INDEX run_rows_by_group ON run_rows(run_id, grp);
    CREATE TABLE run_groups(
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        grp TEXT NOT NULL,
        action TEXT NOT NULL,
        rows INTEGER NOT NULL,
        exportable INTEGER NOT NULL,
        PRIMARY KEY(run_id, grp)
    );
    """,
    """
    CREATE TABLE run_exports(
        run_id INTEGER NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
        grp TEXT NOT NULL,
        path TEXT NOT NULL,
        rows INTEGER NOT NULL,
        exported_at TEXT NOT NULL
    );
    """,
    # 3: the directory snapshot and run rows become column blobs (see app/core/columns.py)
    lambda conn: _migrate_to_columns(conn),
    # 4: removal lists joined by CRLF, the Entra file's line end, so exports write them as
    # stored (normalised first: step 3 of this version already writes CRLF)
    """
    UPDATE run_groups SET upns = CAST(
        replace(replace(CAST(upns AS TEXT), char(13, 10), char(10)), char(10), char(13, 10)) AS BLOB
    ) WHERE upns IS NOT NULL;
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

_LICENSING_PRODUCT = re.compile(
    r"jira|confluence|bitbucket|jsm|servicedesk|service-?management|statuspage|opsgenie|compass"
)
_LICENSING_SUFFIX = re.compile(r"(users|agents|user-access|licen[cs]e[ds]?)$")


def guess_licensing(name: str) -> bool:
    """Product-access groups such as ``jira-software-users`` or ``Atlassian-Confluence-Users``."""
    lowered = name.casefold()
    return bool(_LICENSING_PRODUCT.search(lowered) and _LICENSING_SUFFIX.search(lowered))


def day_number(value: dt.date) -> int:
    return (value - EPOCH).days


class Workspace:
    """A workspace folder holding ``workspace.sqlite3``. Use :meth:`open`."""

    def __init__(self, folder: Path, lock: filelock.BaseFileLock | None) -> None:
        self.folder = folder
        self.path = paths.workspace_file(folder)
        self._lock = lock
        self._local = threading.local()
        self._connections: list[tuple[threading.Thread, sqlite3.Connection]] = []
        self._connections_guard = threading.Lock()
        self._checkpointer: threading.Thread | None = None
        self._closed = False

    # -- opening and closing ------------------------------------------------------------
    @classmethod
    def open(cls, folder: Path | str, *, lock: bool = True) -> Workspace:
        """Open (creating if needed) the workspace in ``folder``.

        Raises :class:`WorkspaceInUseError` when another process holds it and
        :class:`WorkspaceCorruptError` when the file is not a usable workspace.
        """
        folder = Path(folder)
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WorkspaceError(f"Cannot create the workspace folder {folder}: {exc.strerror}") from exc
        file_lock = None
        if lock:
            file_lock = filelock.FileLock(str(folder / LOCK_FILE), timeout=0)
            try:
                file_lock.acquire()
            except filelock.Timeout:
                raise WorkspaceInUseError(
                    f"The workspace {folder} is in use by another User Cleanup window or command. "
                    "Close it, or choose another workspace folder."
                ) from None
        workspace = cls(folder, file_lock)
        try:
            workspace._prepare()
        except BaseException:
            workspace.close()
            raise
        return workspace

    def close(self) -> None:
        """Release the lock and close connections.

        A connection that another, still running thread owns is never closed under its feet
        (SQLite would crash mid-query); it is closed when that thread lets go of it.
        """
        self._closed = True
        if self._checkpointer is not None:
            self._checkpointer.join()
        me = threading.current_thread()
        with self._connections_guard:
            for owner, conn in self._connections:
                if owner is me or not owner.is_alive():
                    conn.close()
            self._connections.clear()
        self._local = threading.local()
        if self._lock is not None:
            self._lock.release()
            self._lock = None

    def __enter__(self) -> Workspace:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    @staticmethod
    def set_aside(folder: Path | str) -> Path:
        """Rename a damaged workspace file (and its WAL/SHM companions) out of the way.

        Returns the new name of the main file; nothing is deleted.
        """
        db = paths.workspace_file(Path(folder))
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        target = db.with_name(f"{db.name}.unusable-{stamp}")
        for suffix in ("", "-wal", "-shm"):
            part = db.with_name(db.name + suffix)
            if part.exists():
                part.rename(target.with_name(target.name + suffix))
        return target

    def _connect(self) -> sqlite3.Connection:
        conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=10)
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        with self._connections_guard:
            self._connections.append((threading.current_thread(), conn))
        return conn

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection."""
        if self._closed:
            raise WorkspaceError(f"The workspace {self.folder} is closed.")
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._connect()
            self._local.conn = conn
        return conn

    def _prepare(self) -> None:
        try:
            conn = self.conn
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as exc:
            raise WorkspaceCorruptError(self.path, str(exc)) from exc
        if tables and app_id != APPLICATION_ID:
            raise WorkspaceCorruptError(self.path, "it is a database of another program")
        if version > SCHEMA_VERSION:
            raise WorkspaceError(
                f"The workspace {self.path} was written by a newer version of User Cleanup "
                f"(schema {version}; this version reads up to {SCHEMA_VERSION}). Update the app."
            )
        try:
            if not tables:  # a new file: large blobs span fewer pages (fixed once the file has data)
                conn.execute(f"PRAGMA page_size = {PAGE_SIZE}")
            conn.execute("PRAGMA journal_mode = WAL")
            if version < SCHEMA_VERSION:
                if version > 0:
                    self._backup(version)
                self._migrate(version)
        except sqlite3.DatabaseError as exc:
            raise WorkspaceCorruptError(self.path, str(exc)) from exc

    def _backup(self, version: int) -> Path:
        target = self.path.with_name(f"{self.path.name}.schema{version}.bak")
        dest = sqlite3.connect(target)
        try:
            self.conn.backup(dest)
        finally:
            dest.close()
        log.info("Backed up workspace schema %s to %s before migrating", version, target)
        return target

    def _migrate(self, version: int) -> None:
        with self.transaction() as conn:
            for step in range(version, SCHEMA_VERSION):
                migration = MIGRATIONS[step]
                if callable(migration):
                    migration(conn)
                    continue
                for statement in migration.split(";"):
                    if statement.strip():
                        conn.execute(statement)
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        log.info("Workspace %s migrated from schema %s to %s", self.path, version, SCHEMA_VERSION)

    @contextmanager
    def _large_transaction(self) -> Iterator[sqlite3.Connection]:
        """A transaction of megabytes (an import, a recorded run). Its commit does not copy the
        WAL into the database file (an automatic checkpoint: about 0.2 s after a 300,000-user
        import); once the WAL is past SQLite's checkpoint size, a background thread does, while
        the window is already usable again, and :meth:`close` waits for it. Atomicity and
        durability are SQLite's WAL guarantees either way."""
        conn = self.conn
        if self._checkpointer is not None:
            self._checkpointer.join()
            self._checkpointer = None
        conn.execute("PRAGMA wal_autocheckpoint = 0")
        try:
            with self.transaction() as conn:
                yield conn
        finally:
            conn.execute(f"PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES}")
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            due = wal.stat().st_size >= WAL_AUTOCHECKPOINT_PAGES * PAGE_SIZE
        except OSError:
            due = False
        if due:
            self._checkpointer = threading.Thread(target=self._checkpoint, name="checkpoint", daemon=True)
            self._checkpointer.start()

    def _checkpoint(self) -> None:
        try:
            conn = sqlite3.connect(self.path, timeout=10)
            try:
                conn.execute("PRAGMA wal_checkpoint(PASSIVE)")
            finally:
                conn.close()
        except sqlite3.Error as exc:  # the next automatic checkpoint does it
            log.warning("Background checkpoint of %s failed: %s", self.path, exc)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """``BEGIN IMMEDIATE`` … ``COMMIT``, rolled back on any exception."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- settings ---------------------------------------------------------------------
    def _get_setting(self, key: str) -> Any:
        row = self.conn.execute("SELECT value FROM settings WHERE key = ?", (key,)).fetchone()
        return None if row is None else json.loads(row[0])

    def _put_setting(self, conn: sqlite3.Connection, key: str, value: Any) -> None:
        conn.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) "
            "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (key, json.dumps(value)),
        )

    def _meta(self, key: str) -> str | None:
        row = self.conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return None if row is None else str(row[0])

    def entra_settings(self) -> EntraSettings:
        data = self._get_setting("entra") or {}
        return EntraSettings(
            provisioning_enabled=bool(data.get("provisioning_enabled", False)),
            synced_groups=tuple(data.get("synced_groups", ())),
            template=EntraTemplate(data.get("template", EntraTemplate.CURRENT.value)),
            max_rows=int(data.get("max_rows", 20_000)),
            upn_domain_rewrites=tuple((a, b) for a, b in data.get("upn_domain_rewrites", ())),
            verified_domains=tuple(data.get("verified_domains", ())),
        )

    def save_entra_settings(self, settings: EntraSettings) -> EntraSettings:
        """Validate and store; returns the stored form (group names in workspace spelling)."""
        if settings.max_rows < 1:
            raise UserError("Rows per file must be at least 1.")
        rewrites: list[tuple[str, str]] = []
        for old, new in settings.upn_domain_rewrites:
            old, new = old.strip().casefold(), new.strip().casefold()
            for domain in (old, new):
                if not valid_domain(domain):
                    raise UserError(f"UPN domain rewrite: '{domain}' is not a domain name.")
            if old == new:
                raise UserError(f"UPN domain rewrite: '{old}' is rewritten to itself.")
            rewrites.append((old, new))
        verified = []
        for domain in settings.verified_domains:
            domain = domain.strip().casefold()
            if not valid_domain(domain):
                raise UserError(f"Verified domain '{domain}' is not a domain name.")
            verified.append(domain)
        synced = self.resolve_groups(settings.synced_groups, what="Entra-synced group")
        data = {
            "provisioning_enabled": settings.provisioning_enabled,
            "synced_groups": synced,
            "template": settings.template.value,
            "max_rows": settings.max_rows,
            "upn_domain_rewrites": rewrites,
            "verified_domains": verified,
        }
        with self.transaction() as conn:
            self._put_setting(conn, "entra", data)
        return self.entra_settings()

    def protection(self) -> Protection:
        data = self._get_setting("protection") or {}
        return Protection(users=tuple(data.get("users", ())), groups=tuple(data.get("groups", ())))

    def save_protection(self, protection: Protection) -> None:
        users = sorted({u.strip().casefold() for u in protection.users if u.strip()})
        groups = [g.strip() for g in protection.groups if g.strip()]
        with self.transaction() as conn:
            self._put_setting(conn, "protection", {"users": users, "groups": groups})

    # -- directory --------------------------------------------------------------------
    def info(self) -> WorkspaceInfo:
        conn = self.conn
        last = self._meta("last_import_at")
        return WorkspaceInfo(
            users=int(self._meta("users") or 0),
            groups=conn.execute("SELECT count(*) FROM groups").fetchone()[0],
            cleanups=conn.execute("SELECT count(*) FROM runs").fetchone()[0],
            data_dir=str(self.folder),
            last_import_at=dt.datetime.fromisoformat(last) if last else None,
            last_import_file=self._meta("last_import_file"),
        )

    def is_empty(self) -> bool:
        conn = self.conn
        return (
            conn.execute("SELECT 1 FROM directory LIMIT 1").fetchone() is None
            and conn.execute("SELECT 1 FROM runs LIMIT 1").fetchone() is None
        )

    def group_names(self) -> list[str]:
        return [r[0] for r in self.conn.execute("SELECT name FROM groups ORDER BY name COLLATE NOCASE")]

    def groups(self) -> list[GroupInfo]:
        synced = {g.casefold() for g in self.entra_settings().synced_groups}
        flags = {
            name.casefold(): bool(flag)
            for name, flag in self.conn.execute("SELECT name, licensing FROM group_flags")
        }
        rows = self.conn.execute("SELECT name, length(members) / 4 FROM groups ORDER BY name COLLATE NOCASE")
        return [
            GroupInfo(
                name=name,
                members=members,
                licensing=flags.get(name.casefold(), guess_licensing(name)),
                idp_synced=name.casefold() in synced,
            )
            for name, members in rows
        ]

    def resolve_groups(self, names: Iterable[str], *, what: str = "group") -> list[str]:
        """Map names case-insensitively to the workspace's spelling; unknown names are an error.

        With no groups imported yet, names are accepted as given (configure before import).
        """
        known = {n.casefold(): n for n in self.group_names()}
        resolved: list[str] = []
        for name in names:
            name = name.strip()
            if not name:
                continue
            if known and name.casefold() not in known:
                raise UserError(f"Unknown {what} '{name}'. Run 'groups' to list the imported groups.")
            canonical = known.get(name.casefold(), name)
            if canonical not in resolved:
                resolved.append(canonical)
        return resolved

    def set_licensing(self, names: Iterable[str], licensing: bool) -> None:
        resolved = self.resolve_groups(names)
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO group_flags(name, licensing) VALUES (?, ?) "
                "ON CONFLICT(name) DO UPDATE SET licensing = excluded.licensing",
                [(name, int(licensing)) for name in resolved],
            )

    def products(self) -> list[str]:
        return [
            r[0]
            for r in self.conn.execute(
                "SELECT DISTINCT product FROM sources WHERE product <> '' ORDER BY product"
            )
        ]

    def replace_directory(self, directory: Directory, source: str) -> ImportSummary:
        """Replace the directory snapshot (users, groups, last-seen days) in one transaction.

        Group flags (by name), Entra settings and the cleanup history are kept. Users are
        numbered by their position in ``directory.users``.
        """
        users = directory.users
        members = _grouped(directory.memberships["group"], directory.memberships["user"])
        group_names = sorted(members)
        activity = directory.activity
        product_codes, products = _codes(activity["product"])
        site_codes, sites = _codes(activity["site"])
        pairs = pd.Series(product_codes * max(len(sites), 1) + site_codes)
        sources = {
            f"{products[int(key) // max(len(sites), 1)]}\x1f{sites[int(key) % max(len(sites), 1)]}": value
            for key, value in _grouped(pairs, activity["user"], activity["last_seen"]).items()
        }
        now = dt.datetime.now().replace(microsecond=0).isoformat()
        columns = [(name, columns_codec.encode_text(users[name])) for name in _TEXT_COLUMNS]
        columns.append(("added_to_org", columns_codec.encode_days(users["added_to_org"])))
        with self._large_transaction() as conn:
            for table in ("directory", "sources", "groups"):
                conn.execute(f"DELETE FROM {table}")  # fixed table names
            for name, data in columns:
                _insert(conn, "directory", name=name, data=data)
            for i, name in enumerate(group_names):
                _insert(
                    conn, "groups", id=i + 1, name=name, members=columns_codec.encode_ints(members[name][0])
                )
            for i, (key, (ids, days)) in enumerate(sorted(sources.items())):
                product, site = key.split("\x1f", 1)
                _insert(
                    conn,
                    "sources",
                    id=i + 1,
                    product=product,
                    site=site,
                    users=columns_codec.encode_ints(ids),
                    days=columns_codec.encode_ints(days),
                )
            for key, value in (
                ("last_import_at", now),
                ("last_import_file", source),
                ("users", str(len(users))),
            ):
                conn.execute(
                    "INSERT INTO meta(key, value) VALUES (?, ?) "
                    "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                    (key, value),
                )
        return ImportSummary(
            users=len(users),
            groups=len(group_names),
            memberships=sum(len(m[0]) for m in members.values()),
            rows_without_email=directory.rows_without_email,
            format=directory.format,
            warnings=tuple(directory.warnings),
        )

    def user_count(self) -> int:
        return int(self._meta("users") or 0)

    def users_frame(
        self, columns: Iterable[str] = USER_COLUMNS, ids: np.ndarray | None = None
    ) -> pd.DataFrame:
        """Users in id order (or the users ``ids``, in that order): ``id`` and the chosen of
        account_id, display_name, email, status (text) and added_to_org (day number).
        Only the chosen columns, and of them only the chosen users, are decoded."""
        wanted = [c for c in columns if c != "id"]
        unknown = set(wanted) - set(USER_COLUMNS)
        if unknown:
            raise ValueError(f"unknown user columns: {sorted(unknown)}")
        marks = ",".join("?" * len(wanted))
        conn = self.conn
        stored = {
            name: _read_blob(conn, "directory", "data", rowid)
            for name, rowid in conn.execute(
                f"SELECT name, rowid FROM directory WHERE name IN ({marks})", wanted
            ).fetchall()
        }
        count = self.user_count() if stored else 0
        chosen = np.arange(count, dtype=np.int64) if ids is None else np.asarray(ids, dtype=np.int64)
        if len(chosen) and (chosen.min() < 0 or chosen.max() >= count):
            raise ValueError("user ids out of range")
        frame = pd.DataFrame({"id": chosen})
        for name in wanted:
            if not count:
                frame[name] = pd.Series(dtype="Float64" if name == "added_to_org" else object)
            elif name == "added_to_org":
                days = columns_codec.decode_days(stored[name])
                frame[name] = pd.array(days if ids is None else days[chosen], dtype="Float64")
            else:
                texts = columns_codec.decode_text(stored[name], None if ids is None else chosen)
                frame[name] = pd.Series(texts, dtype=object)
        return frame

    def member_ids(self, groups: Iterable[str]) -> dict[str, np.ndarray]:
        """User ids of each named group (workspace spelling), ascending."""
        result: dict[str, np.ndarray] = {}
        conn = self.conn
        for name in groups:
            row = conn.execute("SELECT id FROM groups WHERE name = ?", (name,)).fetchone()
            result[name] = (
                columns_codec.decode_ints(_read_blob(conn, "groups", "members", row[0]))
                if row
                else np.zeros(0, dtype=np.int64)
            )
        return result

    def latest_days(self, product: str | None = None) -> np.ndarray:
        """Per user id, the latest last-seen day over all sources (or one product's), NaN for
        never seen."""
        sql = "SELECT id FROM sources"
        params: tuple[str, ...] = ()
        if product is not None:
            sql += " WHERE product = ? COLLATE NOCASE"
            params = (product,)
        latest = np.full(self.user_count(), columns_codec.MISSING_DAY, dtype=columns_codec.INT)
        conn = self.conn
        for (source_id,) in conn.execute(sql, params).fetchall():
            ids = columns_codec.decode_ints(_read_blob(conn, "sources", "users", source_id))  # distinct
            days = columns_codec.decode_ints(_read_blob(conn, "sources", "days", source_id))
            latest[ids] = np.maximum(latest[ids], days)
        return np.where(latest == columns_codec.MISSING_DAY, np.nan, latest.astype("float64"))

    # -- cleanup runs -----------------------------------------------------------------
    def record_run(
        self,
        name: str,
        action: Action,
        criteria: Criteria,
        rows: pd.DataFrame,
        affected_users: int,
        *,
        run_at: dt.datetime | None = None,
    ) -> int:
        """Store a run, its immutable snapshot of affected (user, group) rows and, per Entra
        group, the sorted removal list and the skipped users (so exports need no recomputing)."""
        now = (run_at or dt.datetime.now()).replace(microsecond=0).isoformat()
        snapshot = columns_codec.encode_frame(rows[RUN_ROW_COLUMNS], integer_columns=("days_inactive",))
        groups = _run_groups(rows)
        with self._large_transaction() as conn:
            cursor = conn.execute(
                "INSERT INTO runs(name, run_at, action, criteria, affected_users) VALUES (?, ?, ?, ?, ?)",
                (name, now, action.value, json.dumps(criteria.to_json()), affected_users),
            )
            run_id = int(cursor.lastrowid or 0)
            _insert(conn, "run_snapshots", run_id=run_id, data=snapshot)
            for grp, row_action, count, exportable, upns, skipped in groups:
                _insert(
                    conn,
                    "run_groups",
                    run_id=run_id,
                    grp=grp,
                    action=row_action,
                    rows=count,
                    exportable=exportable,
                    upns=upns,
                    skipped=skipped,
                )
        return run_id

    def record_export(self, run_id: int, files: Iterable[tuple[str, Path, int]]) -> None:
        now = dt.datetime.now().replace(microsecond=0).isoformat()
        with self.transaction() as conn:
            conn.executemany(
                "INSERT INTO run_exports(run_id, grp, path, rows, exported_at) VALUES (?, ?, ?, ?, ?)",
                ((run_id, group, str(path), rows, now) for group, path, rows in files),
            )

    def runs(self) -> list[RunSummary]:
        """Every run, newest first."""
        return self._runs("", ())

    def run(self, run_id: int) -> RunSummary:
        found = self._runs("WHERE r.id = ?", (run_id,))
        if not found:
            raise UserError(f"There is no cleanup with id {run_id}. Run 'history' to list them.")
        return found[0]

    def _runs(self, where: str, params: tuple[Any, ...]) -> list[RunSummary]:
        idp: dict[int, dict[str, int]] = {}
        group_sql = "SELECT run_id, grp, exportable FROM run_groups WHERE action = ?"
        group_params: tuple[Any, ...] = (RowAction.ENTRA.value,)
        if params:
            group_sql += " AND run_id = ?"
            group_params += params
        for run_id, grp, exportable in self.conn.execute(group_sql, group_params):
            idp.setdefault(run_id, {})[grp] = exportable
        exported = dict(
            self.conn.execute(
                "SELECT run_id, count(*) FROM run_exports GROUP BY run_id"
                + (" HAVING run_id = ?" if params else ""),
                params,
            ).fetchall()
        )
        rows = self.conn.execute(
            "SELECT r.id, r.name, r.run_at, r.action, r.criteria, r.affected_users FROM runs r "
            f"{where} ORDER BY r.run_at DESC, r.id DESC",
            params,
        )
        result = []
        for run_id, name, run_at, action, criteria, affected in rows:
            files = exported.get(run_id, 0)
            result.append(
                RunSummary(
                    id=run_id,
                    name=name,
                    run_at=dt.datetime.fromisoformat(run_at),
                    action=Action(action),
                    criteria=Criteria.from_json(json.loads(criteria)),
                    affected_users=affected,
                    idp_groups=idp.get(run_id, {}),
                    status=f"exported ({files} files)" if files else "completed",
                )
            )
        return result

    def run_rows(self, run_id: int, group: str | None = None) -> pd.DataFrame:
        conn = self.conn
        row = conn.execute("SELECT run_id FROM run_snapshots WHERE run_id = ?", (run_id,)).fetchone()
        if row is None:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in RUN_ROW_COLUMNS}).astype(
                {"days_inactive": "Int64"}
            )
        data = _read_blob(conn, "run_snapshots", "data", run_id)
        frame = columns_codec.decode_frame(data, RUN_ROW_COLUMNS, integer_columns=("days_inactive",))
        if group is not None:
            frame = frame[frame["group"] == group].reset_index(drop=True)
        return frame

    def entra_lists(self, run_id: int) -> dict[str, EntraList]:
        """Per Entra group of a run: the sorted, de-duplicated UPNs and the skipped users."""
        conn = self.conn
        rows = conn.execute(
            "SELECT rowid, grp, length(upns), exportable, skipped FROM run_groups "
            "WHERE run_id = ? AND action = ? ORDER BY grp",
            (run_id, RowAction.ENTRA.value),
        ).fetchall()
        return {
            grp: EntraList(
                lines=_read_blob(conn, "run_groups", "upns", rowid) if size else b"",
                rows=exportable,
                skipped_json=skipped,
            )
            for rowid, grp, size, exportable, skipped in rows
        }


@dataclass(frozen=True)
class EntraList:
    """One Entra group's removal list as stored: ``rows`` UTF-8 UPNs joined by CRLF (the body
    of its file, written without making a ``str`` per user), and its skipped users as JSON."""

    lines: bytes
    rows: int
    skipped_json: str = "[]"

    @classmethod
    def of(cls, upns: list[str]) -> EntraList:
        return cls(lines=UPN_SEPARATOR.join(upns).encode("utf-8"), rows=len(upns))

    @cached_property
    def upns(self) -> list[str]:
        return self.lines.decode("utf-8").split(UPN_SEPARATOR) if self.lines else []

    @cached_property
    def skipped(self) -> list[tuple[str | None, str]]:
        """(email, reason) of each user of the group without a valid UPN."""
        return [(email, reason) for email, reason in json.loads(self.skipped_json)]


def _insert(conn: sqlite3.Connection, table: str, **values: Any) -> int:
    """INSERT one row (fixed table and column names only). ``bytes`` values are written in
    place after a ``zeroblob``: for megabytes, about twice as fast as binding them."""
    marks = ", ".join("zeroblob(?)" if isinstance(v, bytes) else "?" for v in values.values())
    params = [len(v) if isinstance(v, bytes) else v for v in values.values()]
    cursor = conn.execute(f"INSERT INTO {table}({', '.join(values)}) VALUES ({marks})", params)
    rowid = int(cursor.lastrowid or 0)
    for column, value in values.items():
        if isinstance(value, bytes) and value:
            with conn.blobopen(table, column, rowid) as blob:
                blob.write(value)
    return rowid


def _read_blob(conn: sqlite3.Connection, table: str, column: str, rowid: int) -> bytes:
    """A whole blob, read in place: for megabytes, many times faster than a SELECT of it."""
    with conn.blobopen(table, column, rowid, readonly=True) as blob:
        return blob.read()


def _codes(keys: pd.Series) -> tuple[np.ndarray, list[str]]:
    """Integer codes and the names they stand for (a categorical's own, without factorising)."""
    if isinstance(keys.dtype, pd.CategoricalDtype):
        return keys.cat.codes.to_numpy(dtype=np.int64), [str(c) for c in keys.cat.categories]
    codes, uniques = pd.factorize(keys)
    return codes.astype(np.int64), [str(u) for u in uniques]


def _grouped(
    keys: pd.Series, users: pd.Series, values: pd.Series | None = None
) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """Per key: the distinct user positions, sorted, and for each the largest value.

    The importer hands over rows grouped by source column with users ascending, so usually
    a stable sort by key (a radix sort of small integers) or no sort at all is enough."""
    result: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    if keys.empty:
        return result
    codes, names = _codes(keys)
    user_ids = users.to_numpy(dtype=np.int64)
    amounts = np.zeros(len(user_ids), dtype=np.int64) if values is None else values.to_numpy(dtype=np.int64)
    combined = codes * (int(user_ids.max()) + 1) + user_ids
    if not (combined[1:] > combined[:-1]).all():
        small = codes.astype(np.int16) if len(names) < 2**15 else codes
        order = np.argsort(small, kind="stable")
        combined = combined[order]
        if (combined[1:] > combined[:-1]).all():  # users ascending within each key already
            codes, user_ids, amounts = codes[order], user_ids[order], amounts[order]
        else:  # repeats or unsorted users: by key and user, then value ascending; keep the last
            within = np.lexsort((amounts[order], combined))
            order, combined = order[within], combined[within]
            codes, user_ids, amounts = codes[order], user_ids[order], amounts[order]
            last_of_user = np.ones(len(order), dtype=bool)  # the largest value of each user
            last_of_user[:-1] = combined[1:] != combined[:-1]
            codes, user_ids, amounts = codes[last_of_user], user_ids[last_of_user], amounts[last_of_user]
    bounds = np.searchsorted(codes, np.arange(len(names) + 1))
    for i, key in enumerate(names):
        if bounds[i + 1] > bounds[i]:
            result[key] = (user_ids[bounds[i] : bounds[i + 1]], amounts[bounds[i] : bounds[i + 1]])
    return result


def _run_groups(rows: pd.DataFrame) -> list[tuple[str, str, int, int, bytes | None, str]]:
    """Per target group of a run: group, action, rows, exportable rows, the Entra removal
    list (sorted UPNs joined by CRLF, as in the file) and the skipped users as JSON."""
    result = []
    for (group, action), part in rows.groupby(["group", "action"], sort=True):
        upns: bytes | None = None
        skipped = "[]"
        exportable = 0
        if action == RowAction.ENTRA.value:
            unique = unique_sorted_upns(part["upn"].dropna())
            exportable = len(unique)
            upns = UPN_SEPARATOR.join(unique).encode("utf-8")
            missing = part[part["skip_reason"].notna()]
            skipped = json.dumps(
                list(
                    zip(
                        columns_codec.nullable_list(missing["email"]),
                        missing["skip_reason"].tolist(),
                        strict=True,
                    )
                )
            )
        result.append((str(group), str(action), len(part), exportable, upns, skipped))
    return result


def _migrate_to_columns(conn: sqlite3.Connection) -> None:
    """Schema 3: move users, memberships, activity and run rows into column blobs."""
    users = conn.execute(
        "SELECT id, account_id, display_name, email, status, added_to_org FROM users ORDER BY id"
    ).fetchall()
    position = {row[0]: i for i, row in enumerate(users)}
    conn.execute("CREATE TABLE directory(name TEXT PRIMARY KEY, data BLOB NOT NULL)")
    if users:  # an empty directory has no columns, as after creation
        for index, name in enumerate(_TEXT_COLUMNS, start=1):
            conn.execute(
                "INSERT INTO directory VALUES (?, ?)",
                (name, columns_codec.encode_text([u[index] for u in users])),
            )
        added = np.array([np.nan if u[5] is None else u[5] for u in users], dtype="float64")
        conn.execute("INSERT INTO directory VALUES ('added_to_org', ?)", (columns_codec.encode_days(added),))
        conn.execute("INSERT OR REPLACE INTO meta(key, value) VALUES ('users', ?)", (str(len(users)),))

    conn.execute("ALTER TABLE groups ADD COLUMN members BLOB NOT NULL DEFAULT x''")
    for (group_id,) in conn.execute("SELECT id FROM groups").fetchall():
        ids = sorted(
            position[u]
            for (u,) in conn.execute("SELECT user_id FROM memberships WHERE group_id = ?", (group_id,))
        )
        conn.execute("UPDATE groups SET members = ? WHERE id = ?", (columns_codec.encode_ints(ids), group_id))
    conn.execute("ALTER TABLE sources ADD COLUMN users BLOB NOT NULL DEFAULT x''")
    conn.execute("ALTER TABLE sources ADD COLUMN days BLOB NOT NULL DEFAULT x''")
    for (source_id,) in conn.execute("SELECT id FROM sources").fetchall():
        seen = conn.execute(
            "SELECT user_id, last_seen FROM activity WHERE source_id = ? ORDER BY user_id", (source_id,)
        ).fetchall()
        conn.execute(
            "UPDATE sources SET users = ?, days = ? WHERE id = ?",
            (
                columns_codec.encode_ints([position[u] for u, _ in seen]),
                columns_codec.encode_ints([d for _, d in seen]),
                source_id,
            ),
        )

    conn.execute(
        "CREATE TABLE run_snapshots(run_id INTEGER PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE, "
        "data BLOB NOT NULL)"
    )
    conn.execute("ALTER TABLE run_groups ADD COLUMN upns BLOB")
    conn.execute("ALTER TABLE run_groups ADD COLUMN skipped TEXT NOT NULL DEFAULT '[]'")
    for (run_id,) in conn.execute("SELECT id FROM runs").fetchall():
        stored = conn.execute(
            "SELECT account_id, email, display_name, grp, action, upn, skip_reason, last_seen, days_inactive "
            "FROM run_rows WHERE run_id = ? ORDER BY rowid",
            (run_id,),
        ).fetchall()
        rows = pd.DataFrame.from_records(stored, columns=RUN_ROW_COLUMNS)
        conn.execute(
            "INSERT INTO run_snapshots VALUES (?, ?)",
            (run_id, columns_codec.encode_frame(rows, integer_columns=("days_inactive",))),
        )
        for group, _, _, _, upns, skipped in _run_groups(rows):
            conn.execute(
                "UPDATE run_groups SET upns = ?, skipped = ? WHERE run_id = ? AND grp = ?",
                (upns, skipped, run_id, group),
            )
    for table in ("run_rows", "activity", "memberships", "users"):
        conn.execute(f"DROP TABLE {table}")  # fixed table names
