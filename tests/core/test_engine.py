"""Cleanup rules: thresholds, never-seen users, filters, exclusions, actions, dry runs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from app.core.engine import run_cleanup
from app.core.errors import RefusedError, UserError
from app.core.importers import import_file
from app.core.models import Action, Protection
from app.core.store import Workspace
from tests.core.builders import AS_OF, atlassian, criteria, entra

WriteFile = Callable[..., Path]


def _day(days_before: int) -> str:
    day = AS_OF - dt.timedelta(days=days_before)
    return f"{day.day} {day.strftime('%b %Y')}"


def _user(
    key: str,
    *,
    jira: str = "",
    confluence: str = "",
    added: str = "",
    status: str = "Active",
    groups: str = "jira-users",
    email: str | None = None,
) -> str:
    address = f"{key}@acme.com" if email is None else email
    return f'id-{key},{key.title()},{address},{status},{added},{jira},{confluence},"{groups}"'


@pytest.fixture
def load(ws: Workspace, write_file: WriteFile) -> Callable[..., Workspace]:
    def load_rows(*rows: str) -> Workspace:
        import_file(ws, write_file(atlassian(*rows)))
        return ws

    return load_rows


def _emails(ws: Workspace, **kwargs: object) -> list[str]:
    outcome = run_cleanup(ws, "t", criteria(**kwargs), Action.REVIEW, dry_run=True)  # type: ignore[arg-type]
    return sorted(set(outcome.rows["email"]))


def test_threshold_boundary(load: Callable[..., Workspace]) -> None:
    ws = load(_user("under", jira=_day(29)), _user("exact", jira=_day(30)), _user("over", jira=_day(31)))
    assert _emails(ws, days=30) == ["exact@acme.com", "over@acme.com"]


def test_latest_activity_across_products_counts(load: Callable[..., Workspace]) -> None:
    ws = load(
        _user("mixed", jira=_day(400), confluence=_day(3)),
        _user("stale", jira=_day(400), confluence=_day(90)),
    )
    assert _emails(ws, days=30) == ["stale@acme.com"]


def test_product_filter_uses_only_that_product(load: Callable[..., Workspace]) -> None:
    ws = load(_user("mixed", jira=_day(400), confluence=_day(3)))
    assert _emails(ws, days=30, product="jira") == ["mixed@acme.com"]
    assert _emails(ws, days=30, product="Confluence") == []
    with pytest.raises(UserError, match="Unknown product 'Bitbucket'"):
        _emails(ws, product="Bitbucket")


def test_never_seen_users(load: Callable[..., Workspace]) -> None:
    ws = load(
        _user("new", added=_day(29)),
        _user("old", added=_day(30)),
        _user("unknown"),
    )
    assert _emails(ws, days=30) == ["old@acme.com", "unknown@acme.com"]
    outcome = run_cleanup(ws, "t", criteria(days=30), Action.REVIEW, dry_run=True)
    assert outcome.rows["last_seen"].isna().all()
    assert outcome.rows["days_inactive"].isna().all()


def test_only_active_members_of_target_groups(load: Callable[..., Workspace]) -> None:
    ws = load(
        _user("gone", status="Inactive", jira=_day(90)),
        _user("other", groups="confluence-users", jira=_day(90)),
        _user("target", jira=_day(90)),
    )
    assert _emails(ws) == ["target@acme.com"]


def test_member_of_domains_and_exclusions(load: Callable[..., Workspace]) -> None:
    ws = load(
        _user("student", groups="jira-users,summer-students", jira=_day(90)),
        _user("staff", jira=_day(90)),
        _user("vendor", groups="jira-users,summer-students", jira=_day(90), email="vendor@partner.com"),
        _user("admin", groups="jira-users,site-admins", jira=_day(90)),
    )
    assert _emails(ws, member_of=("Summer-Students",)) == ["student@acme.com", "vendor@partner.com"]
    assert _emails(ws, domains=("@Partner.com",)) == ["vendor@partner.com"]
    assert _emails(ws, exclude_groups=("site-admins",)) == [
        "staff@acme.com",
        "student@acme.com",
        "vendor@partner.com",
    ]
    assert _emails(ws, exclude_users=("STAFF@acme.com",)) == [
        "admin@acme.com",
        "student@acme.com",
        "vendor@partner.com",
    ]


def test_global_protection_applies_to_every_run(load: Callable[..., Workspace]) -> None:
    ws = load(
        _user("staff", jira=_day(90)),
        _user("admin", groups="jira-users,site-admins", jira=_day(90)),
        _user("bot", jira=_day(90)),
    )
    ws.save_protection(Protection(users=("Bot@ACME.com",), groups=("site-admins", "deleted-group")))
    assert _emails(ws) == ["staff@acme.com"]
    assert run_cleanup(ws, "count", criteria(), Action.REVIEW, dry_run=True).affected_users == 1


def test_entra_action_rows_per_target_group(load: Callable[..., Workspace]) -> None:
    ws = load(
        _user("ann", groups="Entra-Jira,Entra-Conf,jira-users", jira=_day(90)),
        _user("bob+x", groups="Entra-Jira", jira=_day(90)),
        _user("cat", groups="Entra-Jira", jira=_day(5)),
    )
    ws.save_entra_settings(entra("entra-jira", "Entra-Conf"))
    outcome = run_cleanup(ws, "E", criteria("Entra-Jira", "Entra-Conf", "jira-users"), Action.ENTRA)
    rows = outcome.rows
    table = sorted(
        zip(
            rows["group"],
            rows["email"],
            rows["action"],
            rows["upn"].fillna("-"),
            rows["skip_reason"].fillna("-"),
            strict=True,
        )
    )
    assert table == [
        ("Entra-Conf", "ann@acme.com", "entra", "ann@acme.com", "-"),
        ("Entra-Jira", "ann@acme.com", "entra", "ann@acme.com", "-"),
        ("Entra-Jira", "bob+x@acme.com", "entra", "-", "invalid character '+' in UPN"),
        ("jira-users", "ann@acme.com", "atlassian", "-", "-"),
    ]
    assert outcome.affected_users == 2
    assert outcome.idp_groups == {"Entra-Conf": 1, "Entra-Jira": 1}
    run = ws.run(outcome.run_id or 0)
    assert run.idp_groups == {"Entra-Conf": 1, "Entra-Jira": 1}
    assert run.has_idp_rows


def test_rows_are_in_group_order_then_by_email_ignoring_case_without_email_last(
    load: Callable[..., Workspace],
) -> None:
    ws = load(
        _user("nomail", email="", groups="b-group"),
        _user("zed", email="Zed@acme.com", groups="a-group,b-group"),
        _user("amy", email="amy@acme.com", groups="b-group"),
        _user("bea", email="BEA@acme.com", groups="a-group,b-group"),
    )
    outcome = run_cleanup(ws, "t", criteria("b-group", "a-group"), Action.REVIEW, dry_run=True)
    assert list(zip(outcome.rows["group"], outcome.rows["email"].fillna("-"), strict=True)) == [
        ("b-group", "amy@acme.com"),
        ("b-group", "BEA@acme.com"),
        ("b-group", "Zed@acme.com"),
        ("b-group", "-"),
        ("a-group", "BEA@acme.com"),
        ("a-group", "Zed@acme.com"),
    ]
    assert outcome.rows["account_id"].tolist() == [
        "id-amy",
        "id-bea",
        "id-zed",
        "id-nomail",
        "id-bea",
        "id-zed",
    ]


def test_review_action_records_rows_without_idp(load: Callable[..., Workspace]) -> None:
    ws = load(_user("ann", groups="Entra-Jira", jira=_day(90)))
    ws.save_entra_settings(entra("Entra-Jira"))
    outcome = run_cleanup(ws, "R", criteria("Entra-Jira"), Action.REVIEW)
    assert outcome.rows["action"].tolist() == ["review"]
    assert not ws.run(outcome.run_id or 0).has_idp_rows


def test_entra_action_refused_until_configured(load: Callable[..., Workspace]) -> None:
    ws = load(_user("ann", jira=_day(90)))
    with pytest.raises(RefusedError, match="Microsoft Entra ID"):
        run_cleanup(ws, "E", criteria(), Action.ENTRA)
    ws.save_entra_settings(entra("jira-users", provisioning_enabled=False))
    with pytest.raises(RefusedError):
        run_cleanup(ws, "E", criteria(), Action.ENTRA)
    assert ws.runs() == []


def test_dry_run_records_nothing(load: Callable[..., Workspace]) -> None:
    ws = load(_user("ann", jira=_day(90)))
    outcome = run_cleanup(ws, "D", criteria(), Action.REVIEW, dry_run=True)
    assert outcome.run_id is None
    assert outcome.affected_users == 1
    assert ws.runs() == []


@pytest.mark.parametrize(
    ("name", "crit", "message"),
    [
        ("", criteria(), "name"),
        ("x", criteria("nope"), "Unknown target group 'nope'"),
        ("x", criteria(member_of=("nope",)), "Unknown group 'nope'"),
        ("x", criteria(days=-1), "cannot be negative"),
    ],
)
def test_invalid_requests(load: Callable[..., Workspace], name: str, crit: object, message: str) -> None:
    ws = load(_user("ann", jira=_day(90)))
    with pytest.raises(UserError, match=message):
        run_cleanup(ws, name, crit, Action.REVIEW)  # type: ignore[arg-type]


def test_no_target_group_is_refused(load: Callable[..., Workspace]) -> None:
    from app.core.models import Criteria

    ws = load(_user("ann", jira=_day(90)))
    with pytest.raises(UserError, match="at least one target group"):
        run_cleanup(ws, "x", Criteria(target_groups=(), inactive_days=1, as_of=AS_OF), Action.REVIEW)


def test_history_snapshot_survives_reimport(load: Callable[..., Workspace], write_file: WriteFile) -> None:
    ws = load(_user("ann", jira=_day(90)))
    outcome = run_cleanup(ws, "snap", criteria(), Action.REVIEW)
    import_file(ws, write_file(atlassian(_user("zed", jira=_day(1))), name="next.csv"))
    rows = ws.run_rows(outcome.run_id or 0)
    assert rows["email"].tolist() == ["ann@acme.com"]
    assert rows["days_inactive"].tolist() == [90]
    assert ws.run(outcome.run_id or 0).criteria == criteria()


def test_cancel_after_recording_does_not_report_cancelled(load: Callable[..., Workspace]) -> None:
    from app.core.progress import Progress

    ws = load(_user("ann", jira=_day(90)))
    messages: list[str] = []
    progress = Progress()

    def cancel_once_recorded(fraction: float, message: str) -> None:
        messages.append(message)
        if message == "Recording the cleanup":
            progress.cancel()

    progress.callback = cancel_once_recorded
    outcome = run_cleanup(ws, "late cancel", criteria(), Action.REVIEW, progress=progress)
    assert outcome.run_id is not None
    assert ws.run(outcome.run_id).name == "late cancel"
    assert messages[-1] == "Done"
