"""The command line: outputs scripts rely on, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app import __version__
from app.cli import main

ENTRA_HEADER = b"Member object ID or user principal name [memberObjectIdOrUpn] Required"

EXPORT = (
    "User id,User name,email,User status,Added to org,Last seen in Jira - acme,Group membership\r\n"
    'a,Ann,Ann@contoso.com,Active,1 Jan 2020,1 Jan 2024,"Entra-Jira,jira-users"\r\n'
    "b,Bob,bob+x@contoso.com,Active,1 Jan 2020,2 Jan 2024,Entra-Jira\r\n"
    "c,Cat,cat@contoso.com,Active,1 Jan 2020,20 Jun 2024,Entra-Jira\r\n"
    "d,Dan,,Active,1 Jan 2020,1 Jan 2024,Entra-Jira\r\n"
)


class Cli:
    def __init__(self, data_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.data_dir = data_dir
        self.capsys = capsys

    def __call__(self, *args: str, code: int = 0) -> str:
        result = main(["--data-dir", str(self.data_dir), *args])
        out, err = self.capsys.readouterr()
        assert result == code, err
        self.err = err
        return out

    def json(self, *args: str) -> object:
        return json.loads(self(*args, "--json") if args[0] != "export" else self(*args))


@pytest.fixture
def cli(data_dir: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(data_dir, capsys)


@pytest.fixture
def imported(cli: Cli, tmp_path: Path) -> Cli:
    source = tmp_path / "export.csv"
    source.write_text(EXPORT, encoding="utf-8")
    out = cli("import", str(source))
    assert out.startswith("Imported 4 users, 2 groups and 5 memberships (atlassian format)")
    return cli


def _cleanup(cli: Cli, *extra: str) -> dict[str, object]:
    args = [
        "cleanup",
        "--name",
        "Q2",
        "--group",
        "Entra-Jira",
        "--group",
        "jira-users",
        "--inactive-days",
        "30",
        "--as-of",
        "2024-06-30",
        "--action",
        "entra",
        *extra,
    ]
    result = cli.json(*args)
    assert isinstance(result, dict)
    return result


def test_full_flow(imported: Cli, tmp_path: Path) -> None:
    cli = imported
    assert cli.json("info") == {"users": 4, "groups": 2, "cleanups": 0, "data_dir": str(cli.data_dir)}
    assert cli.json("groups") == [
        {"name": "Entra-Jira", "members": 4, "licensing": False, "idp_synced": False},
        {"name": "jira-users", "members": 1, "licensing": True, "idp_synced": False},
    ]
    cli(
        "cleanup",
        "--name",
        "x",
        "--group",
        "Entra-Jira",
        "--inactive-days",
        "30",
        "--action",
        "entra",
        code=2,
    )
    assert "Microsoft Entra ID action needs" in cli.err

    settings = cli.json("idp", "entra", "--provisioning", "on", "--synced-group", "entra-jira")
    assert settings == {
        "provisioning_enabled": True,
        "synced_groups": ["Entra-Jira"],
        "template": "current",
        "max_rows": 20000,
        "upn_domain_rewrites": [],
        "verified_domains": [],
        "configured": True,
    }
    assert _cleanup(cli, "--dry-run") == {"id": None, "affected_users": 3, "idp_groups": {"Entra-Jira": 1}}
    assert cli.json("info")["cleanups"] == 0  # type: ignore[index]
    assert _cleanup(cli) == {"id": 1, "affected_users": 3, "idp_groups": {"Entra-Jira": 1}}

    history = cli.json("history")
    assert isinstance(history, list)
    assert [(h["id"], h["name"], h["action"], h["affected_users"]) for h in history] == [
        (1, "Q2", "entra", 3)
    ]
    out = tmp_path / "out"
    exported = cli.json("export", "1", "--idp", "entra", "--out", str(out), "--json")
    assert exported == {
        "files": [{"group": "Entra-Jira", "path": str(out / "Entra-Jira.csv"), "rows": 1}],
        "skipped": [
            {"email": "bob+x@contoso.com", "group": "Entra-Jira", "reason": "invalid character '+' in UPN"},
            {"email": None, "group": "Entra-Jira", "reason": "no email"},
        ],
    }
    assert (out / "Entra-Jira.csv").read_bytes() == ENTRA_HEADER + b"\r\nann@contoso.com"

    cli("export", "1", "--idp", "entra", "--out", str(out), code=2)
    assert cli.err.startswith("error: 1 file(s) already exist")
    assert "--overwrite" in cli.err
    cli("export", "1", "--idp", "entra", "--out", str(out), "--overwrite", "--template", "legacy")
    assert (out / "Entra-Jira.csv").read_bytes().startswith(b"version:v1.0\r\n" + ENTRA_HEADER)

    users_json = tmp_path / "users.json"
    assert cli("export", "1", "--users", "--format", "json", "--out", str(users_json)).strip() == str(
        users_json
    )
    assert {r["group"] for r in json.loads(users_json.read_text())} == {"Entra-Jira", "jira-users"}
    users_csv = tmp_path / "users.csv"
    cli("export", "1", "--users", "--out", str(users_csv))
    assert users_csv.read_text(encoding="utf-8-sig").splitlines()[0].startswith("account_id,email,")


def test_cleanup_prints_plain_id(imported: Cli) -> None:
    imported("idp", "entra", "--provisioning", "on", "--synced-group", "Entra-Jira")
    out = imported(
        "cleanup", "--name", "n", "--group", "Entra-Jira", "--inactive-days", "1", "--action", "review"
    )
    assert out == "1\n"


def test_export_without_idp_rows_is_refused(imported: Cli, tmp_path: Path) -> None:
    imported("cleanup", "--name", "n", "--group", "jira-users", "--inactive-days", "1", "--action", "review")
    imported("export", "1", "--idp", "entra", "--out", str(tmp_path / "o"), code=2)
    assert "has no rows for an Entra-synced group" in imported.err
    assert not (tmp_path / "o").exists()


def test_idp_settings_options(cli: Cli) -> None:
    settings = cli.json(
        "idp",
        "entra",
        "--template",
        "legacy",
        "--max-rows",
        "5000",
        "--upn-domain",
        "old.com=new.com",
        "--verified-domain",
        "new.com",
    )
    assert isinstance(settings, dict)
    assert (
        settings["template"],
        settings["max_rows"],
        settings["upn_domain_rewrites"],
        settings["verified_domains"],
    ) == ("legacy", 5000, ["old.com=new.com"], ["new.com"])
    text = cli("idp", "entra")
    assert "Is user provisioning enabled?  no" in text
    cli("idp", "entra", "--upn-domain", "nonsense", code=2)
    cli("idp", "entra", "--max-rows", "0", code=2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["import", "missing.csv"], "error: missing.csv: cannot read the file"),
        (["history", "--bogus"], "unrecognized arguments"),
        (
            ["cleanup", "--name", "x", "--group", "g", "--inactive-days", "-3", "--action", "review"],
            "must be at least 0",
        ),
        (
            [
                "cleanup",
                "--name",
                "x",
                "--group",
                "g",
                "--inactive-days",
                "3",
                "--as-of",
                "2024-13-01",
                "--action",
                "review",
            ],
            "not a date",
        ),
        (["export", "7", "--users", "--out", "x.csv"], "no cleanup with id 7"),
    ],
)
def test_user_mistakes_exit_2_with_one_line(cli: Cli, args: list[str], message: str) -> None:
    cli(*args, code=2)
    assert message in cli.err
    assert "Traceback" not in cli.err
    assert len(cli.err.strip().splitlines()) == 1


def test_bad_file_line_and_column(cli: Cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("email,Added to org\na@x.com,30 Feb 2024\n", encoding="utf-8")
    cli("import", str(bad), code=2)
    assert cli.err.strip() == (
        "error: bad.csv, line 2, column 2: '30 Feb 2024' in column 'Added to org' is not a date "
        "(expected a date such as '3 Jan 2024' or '2024-01-03', or 'Never accessed')"
    )


def test_demo_fills_only_an_empty_workspace(cli: Cli) -> None:
    cli("demo")
    info = cli.json("info")
    assert isinstance(info, dict)
    assert info["users"] > 2000
    assert info["cleanups"] == 3
    history = cli.json("history")
    assert isinstance(history, list)
    assert any(h["idp_groups"] for h in history)
    cli("demo", code=2)
    assert "already holds data" in cli.err


def test_bug_exits_1_without_traceback(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object) -> int:
        raise RuntimeError("boom")

    monkeypatch.setitem(__import__("app.cli").cli.COMMANDS, "info", broken)
    cli("info", code=1)
    assert cli.err.startswith("internal error: RuntimeError('boom')")


def test_workspace_in_use(cli: Cli) -> None:
    from app.core.store import Workspace

    with Workspace.open(cli.data_dir):
        cli("info", code=2)
    assert "in use by another User Cleanup" in cli.err


def test_console_entry_and_env_data_dir(tmp_path: Path) -> None:
    env = {**os.environ, "USER_CLEANUP_DATA_DIR": str(tmp_path / "ws")}
    result = subprocess.run(
        [sys.executable, "-m", "app", "info", "--json"], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["data_dir"] == str(tmp_path / "ws")
    version = subprocess.run(
        [sys.executable, "-m", "app", "--version"], capture_output=True, text=True, check=False
    )
    assert version.stdout.strip() == f"user-cleanup {__version__}"


def test_windowed_build_without_console_streams(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    monkeypatch.setattr(sys, "stderr", None)
    assert main(["--version"]) == 0
    assert main(["history", "--bogus"]) == 2
    replacements = (sys.stdout, sys.stderr)
    assert all(stream is not None and stream.name == os.devnull for stream in replacements)
    for stream in replacements:
        stream.close()
