"""ExportDialog and the preview model: options, Entra exports, preview, overwrite, results."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QGuiApplication

from app.core.engine import run_cleanup
from app.core.models import Action, Criteria, EntraSettings
from app.ui import export_dialog, preview_model
from app.ui.export_dialog import ExportDialog
from app.ui.preview_model import (
    COL_DAYS,
    COL_LAST_SEEN,
    COL_NAME,
    COL_STATUS,
    COL_UPN,
    PreviewModel,
    SkippedRole,
)

HEADER = b"Member object ID or user principal name [memberObjectIdOrUpn] Required"


@pytest.fixture
def users_workspace(users_workspace: Any) -> Any:
    """The shared users, with entra-jira and entra-conf synced from Entra ID."""
    workspace = users_workspace
    workspace.save_entra_settings(
        EntraSettings(
            provisioning_enabled=True,
            synced_groups=("entra-jira", "entra-conf"),
            verified_domains=("contoso.com",),  # dave@fabrikam.com is skipped
        )
    )
    return workspace


def _run(ws: Any, action: Action, targets: tuple[str, ...]) -> int:
    criteria = Criteria(target_groups=targets, inactive_days=90, as_of=dt.date(2026, 11, 1))
    outcome = run_cleanup(ws, "Q4", criteria, action)
    assert outcome.run_id is not None
    return outcome.run_id


def _open(qtbot: Any, ws: Any, run_id: int) -> ExportDialog:
    dialog = ExportDialog(ws, run_id)
    qtbot.addWidget(dialog)
    if dialog.idp_page is not None:
        qtbot.waitUntil(dialog.rows_loaded)
        qtbot.waitUntil(lambda: not dialog.is_busy())
    return dialog


# -- the dialog -----------------------------------------------------------------------


def test_review_run_explains_why_no_idp_exports(qtbot: Any, users_workspace: Any) -> None:
    run_id = _run(users_workspace, Action.REVIEW, ("entra-jira",))
    dialog = _open(qtbot, users_workspace, run_id)
    assert dialog.windowTitle() == "Export data"
    assert dialog.option_labels() == ["Affected users (CSV)", "Affected users (JSON)"]
    assert dialog.idp_page is None
    assert '"Add to list for review"' in dialog.idp_unavailable.text()


def test_entra_run_without_synced_rows_explains(qtbot: Any, users_workspace: Any) -> None:
    run_id = _run(users_workspace, Action.ENTRA, ("jira-software-users",))
    dialog = _open(qtbot, users_workspace, run_id)
    assert "Identity provider exports" not in dialog.option_labels()
    assert "none of this cleanup's target groups" in dialog.idp_unavailable.text()


def test_groups_preview_and_skipped_rows(qtbot: Any, users_workspace: Any) -> None:
    run_id = _run(users_workspace, Action.ENTRA, ("entra-jira", "entra-conf"))
    dialog = _open(qtbot, users_workspace, run_id)
    assert dialog.option_labels()[-1] == "Identity provider exports"
    page = dialog.idp_page
    assert page is not None
    assert dialog.pages.currentWidget() is page
    rows = [
        tuple(page.groups.model.item(r, c).data(Qt.ItemDataRole.DisplayRole) for c in range(3))
        for r in range(page.groups.model.rowCount())
    ]
    assert rows == [("entra-conf", 1, 1), ("entra-jira", 2, 0)]
    assert page.groups.current() == "entra-conf"
    model = page.model
    assert model.rowCount() == 2
    by_upn = {model.index(r, COL_UPN).data(): r for r in range(model.rowCount())}
    dave = by_upn["dave@fabrikam.com"]
    assert model.index(dave, COL_STATUS).data().startswith("Skipped: ")
    assert model.index(dave, COL_STATUS).data(SkippedRole) is True
    assert model.index(dave, COL_STATUS).data(Qt.ItemDataRole.DecorationRole) is not None
    assert model.index(dave, COL_LAST_SEEN).data() == "Never"
    assert model.index(by_upn["bob@contoso.com"], COL_STATUS).data() == "Will be removed"
    assert model.index(by_upn["bob@contoso.com"], COL_DAYS).data() == "1,369"
    assert "1 skipped" in page.preview_count.text()

    page.groups.set_current("entra-jira")
    assert [model.index(r, COL_NAME).data() for r in range(model.rowCount())] == [
        "Alice",
        "Bob",
    ]
    qtbot.keyClicks(page.search, "BOB")
    qtbot.waitUntil(lambda: model.rowCount() == 1)
    assert model.index(0, COL_UPN).data() == "bob@contoso.com"
    assert page.preview_count.text().startswith("1 of 2")


def test_save_selected_writes_reports_and_asks_before_overwrite(
    qtbot: Any, users_workspace: Any, fake_dialogs: Any, tmp_path: Path
) -> None:
    run_id = _run(users_workspace, Action.ENTRA, ("entra-jira", "entra-conf"))
    out = tmp_path / "out"
    out.mkdir()
    fake_dialogs.answers["choose_folder"] = out
    dialog = _open(qtbot, users_workspace, run_id)
    page = dialog.idp_page
    assert page is not None
    assert page.groups.checked() == ["entra-conf", "entra-jira"]  # all, to start with
    assert page.save_button.isEnabled()
    page.groups.none_button.click()
    assert page.groups.checked() == []
    assert not page.save_button.isEnabled()
    page.groups.all_button.click()
    assert page.save_button.isEnabled()
    page.folder_button.click()
    assert page.folder_edit.text() == str(out)
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.result.isHidden() and not dialog.is_busy())
    assert sorted(p.name for p in out.iterdir()) == ["entra-conf.csv", "entra-jira.csv"]
    assert (out / "entra-jira.csv").read_bytes() == HEADER + b"\r\nalice@contoso.com\r\nbob@contoso.com"
    assert "entra-jira.csv (2 rows)" in page.result_label.text()
    assert "1 user(s) skipped" in page.result_label.text()
    assert fake_dialogs.of("confirm") == []

    page.open_button.click()
    assert fake_dialogs.of("open_folder")[0].args == (out,)
    page.copy_button.click()
    assert QGuiApplication.clipboard().text() == str(out)

    # Second save into the same folder: asked first; "No" leaves files alone.
    (out / "entra-jira.csv").write_bytes(b"old")
    fake_dialogs.answers["confirm"] = False
    page.save_button.click()
    assert len(fake_dialogs.of("confirm")) == 1
    assert "entra-jira.csv" in fake_dialogs.of("confirm")[0].text
    assert not dialog.is_busy()
    assert (out / "entra-jira.csv").read_bytes() == b"old"
    fake_dialogs.answers["confirm"] = True
    page.result.hide()
    page.save_button.click()
    qtbot.waitUntil(lambda: not page.result.isHidden() and not dialog.is_busy())
    assert (out / "entra-jira.csv").read_bytes().endswith(b"bob@contoso.com")
    dialog.reject()

    # The folder is remembered for the next dialog.
    again = _open(qtbot, users_workspace, run_id)
    assert again.idp_page is not None
    assert again.idp_page.folder_edit.text() == str(out)
    assert QSettings().value("folders/" + export_dialog.FOLDER_KEY) == str(out)


def test_export_failure_is_shown(qtbot: Any, users_workspace: Any, fake_dialogs: Any, tmp_path: Path) -> None:
    run_id = _run(users_workspace, Action.ENTRA, ("entra-jira",))
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog = _open(qtbot, users_workspace, run_id)
    page = dialog.idp_page
    assert page is not None
    page.folder = blocker  # a file, not a folder: the core refuses
    page.groups.set_checked(["entra-jira"])
    page.save_button.click()
    qtbot.waitUntil(lambda: bool(fake_dialogs.of("error")))
    assert "is a file, not a folder" in fake_dialogs.of("error")[0].text
    qtbot.waitUntil(lambda: not dialog.is_busy())


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_affected_users_files(
    qtbot: Any, users_workspace: Any, fake_dialogs: Any, tmp_path: Path, fmt: str
) -> None:
    run_id = _run(users_workspace, Action.REVIEW, ("jira-software-users",))
    target = tmp_path / f"users.{fmt}"
    fake_dialogs.answers["choose_save_file"] = target
    dialog = _open(qtbot, users_workspace, run_id)
    page = dialog.csv_page if fmt == "csv" else dialog.json_page
    dialog.show_option(0 if fmt == "csv" else 1)
    page.save_button.click()
    qtbot.waitUntil(lambda: dialog.last_saved == [target])
    data = target.read_bytes()
    if fmt == "json":
        assert [r["email"] for r in json.loads(data)] == [
            "alice@contoso.com",
            "bob@contoso.com",
        ]
    else:
        assert b"alice@contoso.com" in data
        assert b"bob@contoso.com" in data
    qtbot.waitUntil(lambda: not dialog.is_busy())


# -- the preview model ----------------------------------------------------------------


def _frame(n: int) -> pd.DataFrame:
    upn = pd.Series([f"user{i:06d}@contoso.com" for i in range(n)], dtype="str")
    skip = pd.Series([None] * n, dtype="object")
    skip[::7] = "no verified domain"
    return pd.DataFrame(
        {
            "account_id": upn,
            "email": upn,
            "display_name": "Name " + upn.str[4:10],
            "group": "g",
            "action": "entra",
            "upn": upn.where(skip.isna(), None),
            "skip_reason": skip,
            "last_seen": pd.Series(["2024-01-02"] * n, dtype="object"),
            "days_inactive": pd.Series(np.arange(n) % 500, dtype="Int64"),
        }
    )


def test_preview_model_passes_qtmodeltester(qtmodeltester: Any) -> None:
    model = PreviewModel()
    model.set_frame(_frame(2500))
    qtmodeltester.check(model, force_py=True)
    model.fetchMore(model.index(-1, -1))
    model.set_search("user0001")
    qtmodeltester.check(model, force_py=True)


def test_preview_model_is_lazy_and_searches_everything(qtbot: Any) -> None:
    model = PreviewModel()
    model.set_frame(_frame(3500))
    assert model.rowCount() == preview_model.CHUNK
    assert model.canFetchMore(model.index(-1, -1))
    model.fetchMore(model.index(-1, -1))
    assert model.rowCount() == 2 * preview_model.CHUNK
    # The search covers rows not fetched yet.
    model.set_search("USER0034")
    assert model.visible_rows() == 100
    assert model.index(0, COL_UPN).data() == "user003400@contoso.com"
    model.set_search("")
    assert model.visible_rows() == 3500
    assert model.index(0, COL_UPN).data() == "user000000@contoso.com"
    # Skipped rows show the email in the UPN column.
    assert model.index(7, COL_STATUS).data() == "Skipped: no verified domain"


def test_preview_model_sorts_whole_frame(qtbot: Any) -> None:
    model = PreviewModel()
    model.set_frame(_frame(2000))
    model.sort(COL_DAYS, Qt.SortOrder.DescendingOrder)
    assert model.index(0, COL_DAYS).data() == "499"
    model.sort(COL_UPN, Qt.SortOrder.DescendingOrder)
    assert model.index(0, COL_UPN).data() == "user001999@contoso.com"


def test_preview_model_large_frames_work_in_a_worker(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview_model, "ASYNC_THRESHOLD", 100)
    model = PreviewModel()
    model.set_frame(_frame(3000))
    with qtbot.waitSignal(model.viewApplied):
        model.set_search("user00")
        model.set_search("user0029")  # supersedes the first request
    qtbot.waitUntil(lambda: not model.is_busy())
    assert model.search_text() == "user0029"
    assert model.visible_rows() == 100
    with qtbot.waitSignal(model.viewApplied):
        model.sort(COL_UPN, Qt.SortOrder.DescendingOrder)
    assert model.index(0, COL_UPN).data() == "user002999@contoso.com"
    qtbot.waitUntil(lambda: not model.is_busy())


def test_preview_columns_fit_with_status_in_view(qtbot: Any, users_workspace: Any) -> None:
    run_id = _run(users_workspace, Action.ENTRA, ("entra-jira", "entra-conf"))
    dialog = _open(qtbot, users_workspace, run_id)
    dialog.show()
    qtbot.waitExposed(dialog)
    page = dialog.idp_page
    assert page is not None
    table = page.table
    header = table.horizontalHeader()
    # Every column, Status last, fits in the viewport: no horizontal scrolling to see why
    # a user is skipped.
    right = header.sectionViewportPosition(COL_STATUS) + header.sectionSize(COL_STATUS)
    assert right <= table.viewport().width()
    metrics = table.fontMetrics()
    assert header.sectionSize(COL_UPN) > metrics.horizontalAdvance("bob@contoso.com")
    assert header.sectionSize(COL_LAST_SEEN) >= metrics.horizontalAdvance("2026-11-01")
    dialog.close()
