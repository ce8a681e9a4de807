"""Import of Atlassian "Export users" files and the generic CSV, and how bad input fails."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.engine import run_cleanup
from app.core.errors import InputFileError, UnknownLayoutError
from app.core.importers import ColumnMapping, import_file, read_directory, read_headers
from app.core.models import Action
from app.core.store import Workspace, day_number
from tests.core.builders import atlassian, criteria, last_seen

WriteFile = Callable[..., Path]

ROWS = (
    '712020:a,"Smith, Anna",anna@acme.com,Active,3 Jan 2023,5 Feb 2024,Never accessed,'
    '"jira-users,confluence-users"',
    "712020:b,Bob,bob@acme.com,Active,1 Jan 2020,NEVER ACCESSED,,jira-users",
    "712020:c,Zoë Ångström,,Inactive,,1 Mar 2024,2 Mar 2024,",
)


def _days(text: str) -> int:
    return day_number(dt.date.fromisoformat(text))


def test_atlassian_export_is_read_by_column_name(write_file: WriteFile) -> None:
    directory = read_directory(write_file(atlassian(*ROWS)))
    assert directory.format == "atlassian"
    users = directory.users
    assert users["email"].tolist()[:2] == ["anna@acme.com", "bob@acme.com"]
    assert users["display_name"].tolist() == ["Smith, Anna", "Bob", "Zoë Ångström"]
    assert users["status"].tolist() == ["active", "active", "inactive"]
    assert users["added_to_org"].iloc[0] == _days("2023-01-03")
    assert sorted(map(tuple, directory.memberships.values.tolist())) == [
        (0, "confluence-users"),
        (0, "jira-users"),
        (1, "jira-users"),
    ]
    activity = {(r.user, r.product, r.site): r.last_seen for r in directory.activity.itertuples()}
    assert activity == {
        (0, "Jira", "acme"): _days("2024-02-05"),
        (2, "Jira", "acme"): _days("2024-03-01"),
        (2, "Confluence", "acme"): _days("2024-03-02"),
    }
    assert directory.rows_without_email == 1


def test_column_order_and_unknown_columns_do_not_matter(write_file: WriteFile) -> None:
    header = "Org role,Group membership,email,Last seen in Jira Service Management - acme,User id,Mystery"
    path = write_file(atlassian("Admin,jira-users,x@acme.com,9 Dec 2023,id-1,whatever", header=header))
    directory = read_directory(path)
    assert directory.users["email"].tolist() == ["x@acme.com"]
    assert directory.activity["product"].tolist() == ["Jira Service Management"]
    assert directory.memberships["group"].tolist() == ["jira-users"]


def test_pre_2021_export_and_pivoted_groups(write_file: WriteFile) -> None:
    header = "id,email,active,created,Last seen in Jira Software,Group 1,Group 2,Group 3"
    path = write_file(
        atlassian(
            "1,old@acme.com,Yes,12 Mar 2019,Never logged in,jira-software-users,site-admins,",
            "2,gone@acme.com,No,1 Apr 2019,4 May 2020,jira-software-users,,",
            header=header,
        )
    )
    directory = read_directory(path)
    assert directory.format == "atlassian"
    assert directory.users["status"].tolist() == ["active", "inactive"]
    assert directory.activity[["user", "product", "site"]].values.tolist() == [[1, "Jira Software", ""]]
    groups = sorted(map(tuple, directory.memberships.values.tolist()))
    assert groups == [(0, "jira-software-users"), (0, "site-admins"), (1, "jira-software-users")]


def test_list_and_pivoted_groups_merge_into_sorted_distinct_members(
    ws: Workspace, write_file: WriteFile
) -> None:
    header = "email,Group membership,Group 1,Group 2"
    path = write_file(
        atlassian(
            'a@acme.com,"red,blue",blue,green',
            "b@acme.com,green,,red",
            "c@acme.com,,red,",
            header=header,
        )
    )
    summary = import_file(ws, path)
    assert (summary.groups, summary.memberships) == (3, 6)
    members = {name: ids.tolist() for name, ids in ws.member_ids(["red", "blue", "green"]).items()}
    assert members == {"red": [0, 1, 2], "blue": [0], "green": [0, 1]}


def test_two_columns_of_one_source_keep_each_users_later_day(ws: Workspace, write_file: WriteFile) -> None:
    path = write_file(
        "email,Last active,Last active date [UTC]\n"
        "a@x.com,2024-01-01,2024-03-01\n"
        "b@x.com,,2024-02-01\n"
        "c@x.com,2024-04-01,2024-01-15\n"
        "d@x.com,,\n"
    )
    directory = read_directory(path, fmt="atlassian")
    assert directory.activity[["user", "last_seen"]].values.tolist() == [
        [0, _days("2024-03-01")],
        [1, _days("2024-02-01")],
        [2, _days("2024-04-01")],
    ]
    import_file(ws, path, fmt="atlassian")
    assert last_seen(ws) == {
        0: _days("2024-03-01"),
        1: _days("2024-02-01"),
        2: _days("2024-04-01"),
    }


def test_generic_format(write_file: WriteFile) -> None:
    path = write_file(
        "email,display_name,status,last_active,created,groups\n"
        "a@x.com,Ann,active,2024-05-01T10:30:00Z,2020-01-01,jira-users;team a\n"
        "b@x.com,Bea,inactive,2024-05-02,,\n"
    )
    directory = read_directory(path)
    assert directory.format == "generic"
    assert directory.activity["last_seen"].tolist() == [_days("2024-05-01"), _days("2024-05-02")]
    assert sorted(map(tuple, directory.memberships.values.tolist())) == [(0, "jira-users"), (0, "team a")]
    assert directory.users["added_to_org"].iloc[0] == _days("2020-01-01")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
        ("cp1252", b""),
    ],
)
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_encodings_and_delimiters(write_file: WriteFile, encoding: str, bom: bytes, delimiter: str) -> None:
    text = (
        f"email{delimiter}User name{delimiter}Last seen in Jira - acme{delimiter}Group membership\r\n"
        f'élise@acme.com{delimiter}"Élise; ""Lili"", Dupré"{delimiter}3 Jan 2024{delimiter}"jira-users,café"\r\n'
    )
    path = write_file(bom + text.encode(encoding))
    directory = read_directory(path)
    assert directory.users["display_name"].tolist() == ['Élise; "Lili", Dupré']
    assert directory.users["email"].tolist() == ["élise@acme.com"]
    assert sorted(directory.memberships["group"]) == ["café", "jira-users"]


def test_quoted_field_with_line_break_and_lf_endings(write_file: WriteFile) -> None:
    path = write_file('email,User name,Group membership\na@x.com,"two\nlines",g1\nb@x.com,B,g2\n')
    directory = read_directory(path)
    assert directory.users["display_name"].tolist() == ["two\nlines", "B"]


def test_import_file_stores_users_and_summary(ws: Workspace, write_file: WriteFile) -> None:
    summary = import_file(ws, write_file(atlassian(*ROWS)))
    assert (summary.users, summary.groups, summary.memberships, summary.rows_without_email) == (3, 2, 3, 1)
    assert summary.warnings == ("1 rows have no email address; they can never be exported",)
    info = ws.info()
    assert (info.users, info.groups) == (3, 2)
    assert info.last_import_file is not None
    assert info.last_import_file.endswith("users.csv")


def test_reimport_replaces_directory_keeps_flags_and_history(ws: Workspace, write_file: WriteFile) -> None:
    import_file(ws, write_file(atlassian(*ROWS)))
    ws.set_licensing(["confluence-users"], False)
    outcome = run_cleanup(ws, "before", criteria("jira-users", days=30), Action.REVIEW)
    before = ws.run_rows(outcome.run_id or 0)

    second = atlassian("712020:z,Zed,zed@acme.com,Active,1 Jan 2020,1 Jan 2024,,CONFLUENCE-USERS")
    import_file(ws, write_file(second, name="second.csv"))
    assert ws.info().users == 1
    assert [(g.name, g.members, g.licensing) for g in ws.groups()] == [("CONFLUENCE-USERS", 1, False)]
    assert ws.run_rows(outcome.run_id or 0).equals(before)
    assert ws.run(outcome.run_id or 0).affected_users == 2


def _snapshot(ws: Workspace) -> tuple[object, ...]:
    return (ws.info().users, [(g.name, g.members) for g in ws.groups()], ws.users_frame().to_dict("list"))


@pytest.mark.parametrize(
    ("content", "message", "line", "column"),
    [
        (
            atlassian("id,A,a@x.com,Active,3 Jan 2024,31 Feb 2024,,g"),
            "'31 Feb 2024' in column 'Last seen in Jira - acme' is not a date",
            2,
            6,
        ),
        (
            atlassian("id,A,a@x.com,Active,3 Jan 2024,1 Jan 2024,,g", "id2,B,b@x.com,Active,yesterday,,,g"),
            "'yesterday' in column 'Added to org' is not a date",
            3,
            5,
        ),
        ("email,User name\na@x.com,A\nb@x.com,B,extra\n", "3 fields where the header has 2", 3, 3),
        ('email,User name\na@x.com,"never closed\nb@x.com,B\n', "a quoted value is never closed", 2, 1),
        ("User name,Last seen in Jira - acme\nA,3 Jan 2024\n", "there is no email column", 1, None),
        (b"email,name\n\x00\x01\x02", "NUL character", 2, 1),
        (b"", "the file is empty", None, None),
        (b"\xff\xfe", "the file is empty", None, None),
    ],
)
def test_bad_input_names_file_line_column_and_changes_nothing(
    ws: Workspace,
    write_file: WriteFile,
    content: str | bytes,
    message: str,
    line: int | None,
    column: int | None,
) -> None:
    import_file(ws, write_file(atlassian(*ROWS), name="good.csv"))
    before = _snapshot(ws)
    path = write_file(content, name="bad.csv")
    with pytest.raises(InputFileError) as caught:
        import_file(ws, path)
    error = caught.value
    assert message in str(error)
    assert (error.path, error.line, error.column) == (path, line, column)
    assert str(error).startswith("bad.csv")
    assert _snapshot(ws) == before


def test_undecodable_bytes_are_reported(write_file: WriteFile) -> None:
    path = write_file(b"\x00\x00\xfe\xff" + b"\x00" * 9)
    with pytest.raises(InputFileError, match=r"NUL character|not valid text"):
        read_directory(path)


@pytest.mark.parametrize("rows_before", [1, 5000])  # the NUL in the head or far past it
def test_nul_byte_anywhere_is_reported_with_its_position(write_file: WriteFile, rows_before: int) -> None:
    rows = [f"id{i},User {i},u{i}@x.com,Active,,,,g" for i in range(rows_before)]
    path = write_file(atlassian(*rows, "id,Bad\x00Name,bad@x.com,Active,,,,g"))
    assert (rows_before > 1) == (path.stat().st_size > 65536)
    with pytest.raises(InputFileError, match="NUL character") as caught:
        read_directory(path)
    assert (caught.value.line, caught.value.column) == (rows_before + 2, 7)  # "id,Bad" then NUL


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="cannot read the file"):
        read_directory(tmp_path / "missing.csv")


def test_unknown_layout_offers_mapping(write_file: WriteFile) -> None:
    path = write_file("Mail;Full name;Last login;Teams\na@x.com;Ann;2024-01-02;red|blue\n")
    with pytest.raises(UnknownLayoutError) as caught:
        read_directory(path)
    assert caught.value.headers == ["Mail", "Full name", "Last login", "Teams"]
    assert read_headers(path) == ["Mail", "Full name", "Last login", "Teams"]
    mapping = ColumnMapping(
        email="Mail",
        display_name="Full name",
        last_seen=("Last login",),
        groups="Teams",
        groups_separator="|",
    )
    directory = read_directory(path, mapping=mapping)
    assert directory.format == "mapped"
    assert sorted(directory.memberships["group"]) == ["blue", "red"]
    assert directory.activity["last_seen"].tolist() == [_days("2024-01-02")]


def test_explicit_format_is_honoured(write_file: WriteFile) -> None:
    path = write_file("email,display_name,groups\na@x.com,A,g1;g2\n")
    assert sorted(read_directory(path, fmt="generic").memberships["group"]) == ["g1", "g2"]
    with pytest.raises(InputFileError, match="unknown format"):
        read_directory(path, fmt="xml")
