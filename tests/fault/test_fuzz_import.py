"""Property-based fuzzing of the CSV importer: random bytes, encodings, truncation, huge fields,
NULs, mismatched quotes. Every file either imports or raises ``InputFileError``; nothing else
escapes, nothing hangs (hypothesis deadline), and a failed import leaves the workspace as it was.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core.errors import InputFileError
from app.core.importers import import_file
from app.core.store import Workspace
from tests.fault.conftest import fingerprint

HEADERS = [
    "email",
    "User id",
    "User name",
    "User status",
    "Added to org",
    "Group membership",
    "Last seen in Jira - acme",
    "Last seen in Confluence - acme",
    "display_name",
    "status",
    "last_active",
    "created",
    "groups",
    "Group 1",
    "Group 2",
    "Mystery",
]
CELLS = st.one_of(
    st.sampled_from(
        [
            "",
            "Never accessed",
            "3 Jan 2024",
            "2024-01-03",
            "2024-01-03T10:00:00Z",
            "31 Feb 2024",
            "active",
            "Inactive",
            "a@b.com",
            "jira-users,confluence-users",
            "g1;g2",
            '"',
            '""',
            ",",
            "\n",
            "\r\n",
            "\x00",
            "é",
            "\ufeff",
            "Zoë",
            "=cmd()",
            "   ",
        ]
    ),
    st.text(max_size=30),
)
ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "cp1252", "latin-1"]
FAST = settings(
    max_examples=60,
    deadline=dt.timedelta(seconds=5),
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


@pytest.fixture(scope="module")
def workspace(fault_dir: Path) -> Iterator[Workspace]:
    folder = fault_dir / "fuzz-ws"
    seed = fault_dir / "fuzz-seed.csv"
    seed.write_text(
        "email,User name,User status,Added to org,Last seen in Jira - acme,Group membership\n"
        "ann@acme.com,Ann,Active,1 Jan 2023,2 Feb 2024,jira-users\n",
        encoding="utf-8",
    )
    with Workspace.open(folder) as ws:
        import_file(ws, seed)
        yield ws


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    headers = draw(st.lists(st.sampled_from(HEADERS) | st.text(max_size=12), min_size=1, max_size=8))
    rows = draw(st.lists(st.lists(CELLS, max_size=len(headers) + 2), max_size=12))
    separator = draw(st.sampled_from([",", ";", "\t"]))
    quote = draw(st.booleans())

    def cell(value: str) -> str:
        return '"' + value.replace('"', '""') + '"' if quote and draw(st.booleans()) else value

    text = "\n".join(separator.join(cell(v) for v in row) for row in [headers, *rows])
    if draw(st.booleans()):
        text += draw(st.sampled_from(["\n", "\r\n", ""]))
    data = text.encode(draw(st.sampled_from(ENCODINGS)), errors="replace")
    if draw(st.booleans()):  # truncated, as by a full disk or an interrupted download
        data = data[: draw(st.integers(0, len(data)))]
    return data


def _check(workspace: Workspace, data: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "users.csv"
        path.write_bytes(data)
        before = fingerprint(workspace.folder)
        try:
            summary = import_file(workspace, path)
        except InputFileError as exc:
            assert str(exc).startswith("users.csv")  # noqa: PT017 - the message names the file
            assert fingerprint(workspace.folder) == before, "a failed import changed the workspace"
            return
        info = workspace.info()
        assert (info.users, info.groups) == (summary.users, summary.groups)
        stored = workspace.conn.execute("SELECT total(length(members)) / 4 FROM groups").fetchone()[0]
        assert stored == summary.memberships


@FAST
@given(data=st.binary(max_size=3000))
def test_random_bytes(workspace: Workspace, data: bytes) -> None:
    _check(workspace, data)


@FAST
@given(data=csv_files())
def test_csv_like_files(workspace: Workspace, data: bytes) -> None:
    _check(workspace, data)


@settings(FAST, max_examples=8)
@given(
    size=st.integers(100_000, 2_000_000),
    where=st.sampled_from(["email", "groups", "date", "header", "quoted-open"]),
)
def test_huge_fields(workspace: Workspace, size: int, where: str) -> None:
    big = "x" * size
    header = "email,User name,Last seen in Jira - acme,Group membership"
    row = {
        "email": f"{big}@acme.com,Big,Never accessed,jira-users",
        "groups": 'a@acme.com,A,Never accessed,"' + ",".join(["g"] * (size // 2)) + '"',
        "date": f"a@acme.com,A,{big},jira-users",
        "header": "a@acme.com,A,Never accessed,jira-users",
        "quoted-open": f'a@acme.com,"{big},Never accessed,jira-users',
    }[where]
    if where == "header":
        header += "," + big
    _check(workspace, f"{header}\n{row}\n".encode())


@pytest.mark.slow
@settings(FAST, max_examples=400)
@given(data=csv_files())
def test_csv_like_files_many(workspace: Workspace, data: bytes) -> None:
    _check(workspace, data)


@pytest.mark.slow
@settings(FAST, max_examples=300)
@given(data=st.binary(max_size=20_000))
def test_random_bytes_many(workspace: Workspace, data: bytes) -> None:
    _check(workspace, data)
