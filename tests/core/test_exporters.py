"""Entra bulk-remove files (golden bytes), file names, splitting, atomic writes, user lists."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core import exporters
from app.core.engine import run_cleanup
from app.core.errors import OutputError, RefusedError, UserError
from app.core.exporters import (
    entra_csv_bytes,
    plan_entra_files,
    safe_file_stem,
    users_csv_bytes,
    write_entra_exports,
    write_users_json,
)
from app.core.importers import import_file
from app.core.models import Action, EntraSettings, EntraTemplate
from app.core.store import RUN_ROW_COLUMNS, Workspace
from tests.core.builders import atlassian, criteria, entra

WriteFile = Callable[..., Path]

GOLDEN_CURRENT = (
    b"Member object ID or user principal name [memberObjectIdOrUpn] Required\r\n"
    b"alain@contoso.com\r\n"
    b"isabella@contoso.com\r\n"
    b"joseph@contoso.com"
)
GOLDEN_LEGACY = b"version:v1.0\r\n" + GOLDEN_CURRENT


def test_golden_current_template() -> None:
    assert (
        entra_csv_bytes(["alain@contoso.com", "isabella@contoso.com", "joseph@contoso.com"]) == GOLDEN_CURRENT
    )


def test_golden_legacy_template() -> None:
    upns = ["alain@contoso.com", "isabella@contoso.com", "joseph@contoso.com"]
    assert entra_csv_bytes(upns, EntraTemplate.LEGACY) == GOLDEN_LEGACY


def _rows(group: str, upns: list[str | None], reasons: list[str | None] | None = None) -> pd.DataFrame:
    reasons = reasons or [None] * len(upns)
    return pd.DataFrame(
        {
            "account_id": [f"id{i}" for i in range(len(upns))],
            "email": [u or f"user{i}@x" for i, u in enumerate(upns)],
            "display_name": "N",
            "group": group,
            "action": "entra",
            "upn": upns,
            "skip_reason": reasons,
            "last_seen": None,
            "days_inactive": None,
        }
    )[RUN_ROW_COLUMNS]


def test_plan_dedupes_case_insensitively_sorts_and_drops_skipped() -> None:
    rows = _rows("G", ["b@x.com", "A@x.com", "a@x.com", None], [None, None, None, "no email"])
    (planned,) = plan_entra_files(rows, max_rows=100)
    assert planned.upns == ("A@x.com", "b@x.com")
    assert planned.name == "G.csv"


def test_plan_splits_into_complete_numbered_parts() -> None:
    rows = _rows("Big", [f"u{i:02d}@x.com" for i in range(5)])
    plan = plan_entra_files(rows, max_rows=2)
    assert [(p.name, p.upns) for p in plan] == [
        ("Big (part 1 of 3).csv", ("u00@x.com", "u01@x.com")),
        ("Big (part 2 of 3).csv", ("u02@x.com", "u03@x.com")),
        ("Big (part 3 of 3).csv", ("u04@x.com",)),
    ]


@pytest.mark.parametrize("count", range(1, 8))
@pytest.mark.parametrize("max_rows", range(1, 5))
def test_parts_hold_every_upn_once_in_order(count: int, max_rows: int) -> None:
    upns = [f"u{i}@x.com" for i in range(count)]
    plan = plan_entra_files(_rows("G", upns), max_rows=max_rows)
    assert [u for p in plan for u in p.upns] == upns
    assert [p.rows for p in plan] == [len(p.upns) for p in plan]
    assert all(0 < p.rows <= max_rows for p in plan)
    assert len(plan) == -(-count // max_rows)
    assert all(p.content() == entra_csv_bytes(p.upns) for p in plan)


def test_plan_names_unique_case_insensitively() -> None:
    rows = pd.concat(
        [_rows("Team/A", ["a@x.com"]), _rows("team:a", ["b@x.com"]), _rows("TEAM?A", ["c@x.com"])]
    )
    assert [p.name for p in plan_entra_files(rows, max_rows=10)] == [
        "Team_A.csv",
        "team_a (2).csv",
        "TEAM_A (3).csv",
    ]


@pytest.mark.parametrize(
    ("group", "stem"),
    [
        ("CON", "_CON"),
        ("nul.backup", "_nul.backup"),
        ("Com1", "_Com1"),
        ('a/b\\c:d*e?f"g<h>i|j', "a_b_c_d_e_f_g_h_i_j"),
        ("trailing dots...", "trailing dots"),
        ("..", "group"),
        (".hidden", "_hidden"),
        ("", "group"),
        ("x" * 300, "x" * exporters.MAX_STEM),
        ("Atlassian-Jira-Users", "Atlassian-Jira-Users"),
    ],
)
def test_safe_file_stem_examples(group: str, stem: str) -> None:
    assert safe_file_stem(group) == stem


RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in range(1, 10)}


@given(st.text(max_size=300))
def test_safe_file_stem_is_safe_everywhere(group: str) -> None:
    stem = safe_file_stem(group)
    assert 0 < len(stem) <= exporters.MAX_STEM + 1
    assert not set(stem) & set('<>:"/\\|?*')
    assert all(ord(ch) >= 32 and ord(ch) != 127 for ch in stem)
    assert not stem.endswith((".", " "))
    assert not stem.startswith((".", " "))
    assert stem.split(".")[0].strip().upper() not in RESERVED


@settings(max_examples=40)
@given(st.lists(st.text(min_size=1, max_size=40), min_size=1, max_size=12))
def test_planned_names_never_collide(groups: list[str]) -> None:
    rows = pd.concat([_rows(g, [f"u{i}@x.com"]) for i, g in enumerate(groups)])
    names = [
        p.name.casefold() for p in plan_entra_files(rows, groups=list(dict.fromkeys(groups)), max_rows=5)
    ]
    assert len(names) == len(set(names))


# -- writing through a real run ---------------------------------------------------------
@pytest.fixture
def run_id(ws: Workspace, write_file: WriteFile) -> int:
    import_file(
        ws,
        write_file(
            atlassian(
                'i1,Joseph,Joseph@contoso.com,Active,,1 Jan 2024,,"Entra-A,Entra-B,local"',
                "i2,Alain,alain@contoso.com,Active,,1 Jan 2024,,Entra-A",
                "i3,Bad,bad+tag@contoso.com,Active,,1 Jan 2024,,Entra-A",
                "i4,Isabella,isabella@contoso.com,Active,,1 Jan 2024,,Entra-A",
            )
        ),
    )
    ws.save_entra_settings(entra("Entra-A", "Entra-B"))
    outcome = run_cleanup(ws, "r", criteria("Entra-A", "Entra-B", "local"), Action.ENTRA)
    assert outcome.run_id is not None
    return outcome.run_id


def test_write_entra_exports_golden_files(ws: Workspace, run_id: int, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = write_entra_exports(ws, run_id, out)
    assert sorted(os.listdir(out)) == ["Entra-A.csv", "Entra-B.csv"]
    assert (out / "Entra-A.csv").read_bytes() == GOLDEN_CURRENT
    assert (out / "Entra-B.csv").read_bytes() == (
        b"Member object ID or user principal name [memberObjectIdOrUpn] Required\r\njoseph@contoso.com"
    )
    assert [(f.group, f.rows) for f in result.files] == [("Entra-A", 3), ("Entra-B", 1)]
    assert result.to_json()["skipped"] == [
        {"email": "bad+tag@contoso.com", "group": "Entra-A", "reason": "invalid character '+' in UPN"}
    ]
    assert ws.run(run_id).status == "exported (2 files)"


def test_write_selected_group_legacy_template(ws: Workspace, run_id: int, tmp_path: Path) -> None:
    result = write_entra_exports(ws, run_id, tmp_path, groups=["entra-a"], template=EntraTemplate.LEGACY)
    assert [f.path.name for f in result.files] == ["Entra-A.csv"]
    assert (tmp_path / "Entra-A.csv").read_bytes() == GOLDEN_LEGACY


def test_settings_template_and_max_rows_are_defaults(ws: Workspace, run_id: int, tmp_path: Path) -> None:
    current = ws.entra_settings()
    ws.save_entra_settings(EntraSettings(True, current.synced_groups, EntraTemplate.LEGACY, max_rows=2))
    result = write_entra_exports(ws, run_id, tmp_path, groups=["Entra-A"])
    assert [f.path.name for f in result.files] == ["Entra-A (part 1 of 2).csv", "Entra-A (part 2 of 2).csv"]
    assert (tmp_path / "Entra-A (part 2 of 2).csv").read_bytes() == (
        b"version:v1.0\r\nMember object ID or user principal name [memberObjectIdOrUpn] Required\r\n"
        b"joseph@contoso.com"
    )


def test_existing_files_are_not_overwritten(ws: Workspace, run_id: int, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    (tmp_path / "Entra-B.csv").write_bytes(b"keep me")
    with pytest.raises(OutputError, match="already exist"):
        write_entra_exports(ws, run_id, tmp_path)
    assert sorted(os.listdir(tmp_path)) == ["Entra-B.csv"]
    assert (tmp_path / "Entra-B.csv").read_bytes() == b"keep me"
    write_entra_exports(ws, run_id, tmp_path, overwrite=True)
    assert (tmp_path / "Entra-B.csv").read_bytes().endswith(b"joseph@contoso.com")


def test_failure_mid_batch_leaves_folder_unchanged(
    ws: Workspace, run_id: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    (tmp_path / "other.txt").write_text("untouched")
    real_fsync = os.fsync
    calls = []

    def failing_fsync(fd: int) -> None:
        calls.append(fd)
        if len(calls) == 2:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(exporters.os, "fsync", failing_fsync)
    with pytest.raises(OutputError, match=r"No space left on device\. No file was saved"):
        write_entra_exports(ws, run_id, tmp_path)
    assert os.listdir(tmp_path) == ["other.txt"]
    assert ws.run(run_id).status == "completed"


def test_output_folder_that_is_a_file(ws: Workspace, run_id: int, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        write_entra_exports(ws, run_id, blocker)
    with pytest.raises(OutputError, match="Cannot create the output folder"):
        write_entra_exports(ws, run_id, blocker / "sub")


def test_refused_without_idp_rows_and_unknown_group(ws: Workspace, run_id: int, tmp_path: Path) -> None:
    tmp_path = tmp_path / "out"
    tmp_path.mkdir()
    review = run_cleanup(ws, "review", criteria("Entra-A"), Action.REVIEW).run_id or 0
    with pytest.raises(RefusedError, match="no rows for an Entra-synced group"):
        write_entra_exports(ws, review, tmp_path)
    with pytest.raises(UserError, match="no Entra rows for group 'local'"):
        write_entra_exports(ws, run_id, tmp_path, groups=["local"])
    with pytest.raises(UserError, match="no cleanup with id 999"):
        write_entra_exports(ws, 999, tmp_path)
    assert os.listdir(tmp_path) == []


def test_users_csv_neutralises_formulas_and_keeps_integers() -> None:
    rows = _rows("G", ["=cmd@x.com"], [None]).assign(
        display_name=["@SUM(A1)"], email=["+1@x.com"], days_inactive=pd.array([42], dtype="Int64")
    )
    text = users_csv_bytes(rows).decode("utf-8-sig")
    assert text.splitlines() == [
        ",".join(RUN_ROW_COLUMNS),
        "id0,'+1@x.com,'@SUM(A1),G,entra,'=cmd@x.com,,,42",
    ]
    assert users_csv_bytes(rows).startswith(b"\xef\xbb\xbf")


def test_users_json(ws: Workspace, run_id: int, tmp_path: Path) -> None:
    path = write_users_json(ws.run_rows(run_id), tmp_path / "users.json")
    records = json.loads(path.read_text(encoding="utf-8"))
    assert len(records) == 6
    assert records[0] == {
        "account_id": "i2",
        "email": "alain@contoso.com",
        "display_name": "Alain",
        "group": "Entra-A",
        "action": "entra",
        "upn": "alain@contoso.com",
        "skip_reason": None,
        "last_seen": "2024-01-01",
        "days_inactive": 181,
    }


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_written_files_get_the_permissions_of_a_plain_open(tmp_path: Path) -> None:
    (plain := tmp_path / "plain.csv").write_bytes(b"x")
    (written,) = exporters.write_files(tmp_path, [("export.csv", (b"a", b"b"))])
    assert written.read_bytes() == b"ab"
    assert written.stat().st_mode == plain.stat().st_mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.csv", "plain.csv"]  # no temporaries left
