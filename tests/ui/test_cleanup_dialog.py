"""CleanupDialog: form, Entra availability, live count, dry run, Run now, inline errors."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from PySide6.QtCore import QDate, Qt

from app.core.models import Action, EntraSettings, RowAction
from app.ui import cleanup_dialog
from app.ui.cleanup_dialog import CleanupDialog, CountSummary

AS_OF = QDate(2026, 11, 1)


@pytest.fixture
def users_csv(users_csv: str) -> str:
    """The shared users plus erin, who is not active."""
    return users_csv + "erin@contoso.com,Erin,inactive,2022-01-01,2020-01-01,jira-software-users\n"


@pytest.fixture(autouse=True)
def _fast_debounce(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cleanup_dialog, "COUNT_DEBOUNCE_MS", 10)


def _dialog(qtbot: Any, ws: Any) -> CleanupDialog:
    dialog = CleanupDialog(ws)
    qtbot.addWidget(dialog)
    dialog.as_of.setDate(AS_OF)
    return dialog


def _count_is(qtbot: Any, dialog: CleanupDialog, expected: int) -> None:
    qtbot.waitUntil(lambda: dialog.last_count == expected and dialog.count_label.text() == f"{expected:,}")


def test_licensing_groups_first_and_entra_disabled_with_reason(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    assert dialog.windowTitle() == "New cleanup"
    assert dialog.targets.keys() == [
        "confluence-users",
        "jira-software-users",
        "entra-conf",
        "entra-jira",
    ]
    assert dialog.review_radio.isChecked()
    assert not dialog.entra_radio.isEnabled()
    assert "not configured" in dialog.entra_reason.text()
    assert not dialog.entra_reason.isHidden()
    assert not dialog.idp_button.isHidden()


def test_identity_providers_link_enables_entra(
    qtbot: Any, users_workspace: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fake_exec(idp: Any) -> int:
        idp.entra.provisioning.setChecked(True)
        idp.entra.groups.set_checked(["entra-jira"])
        assert idp.save()
        return 1

    monkeypatch.setattr(cleanup_dialog.IdentityProvidersDialog, "exec", fake_exec)
    dialog = _dialog(qtbot, users_workspace)
    dialog.idp_button.click()
    assert dialog.entra_radio.isEnabled()
    assert dialog.entra_reason.isHidden()


def test_live_count_debounced_and_follows_the_form(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    assert dialog.last_count is None  # no target group yet: nothing to count
    dialog.targets.set_checked(["jira-software-users"])
    # alice and bob (inactive); carol was seen recently, erin is not active.
    _count_is(qtbot, dialog, 2)
    dialog.days.setValue(1380)
    _count_is(qtbot, dialog, 1)
    dialog.days.setValue(90)
    dialog.targets.set_checked(["confluence-users"])
    _count_is(qtbot, dialog, 3)  # + dave, never seen
    dialog.exclude_users.setPlainText("ALICE@contoso.com")
    _count_is(qtbot, dialog, 2)
    dialog.domains.setText("fabrikam.com")
    _count_is(qtbot, dialog, 1)


def test_stale_count_is_ignored(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.targets.set_checked(["jira-software-users"])
    _count_is(qtbot, dialog, 2)
    # A result computed for an older form state must not overwrite the label.
    dialog._on_counted((dialog._count_generation - 1, CountSummary(99)))
    assert dialog.last_count == 2
    assert "99" not in dialog.count_label.text()


def test_validation_is_inline(qtbot: Any, users_workspace: Any, fake_dialogs: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.run_button.click()
    assert "display name" in dialog.error_label.text()
    assert not dialog.error_label.isHidden()
    dialog.name.setText("Q4")
    dialog.run_button.click()
    assert "target licensing group" in dialog.error_label.text()
    dialog.targets.set_checked(["jira-software-users"])
    dialog.domains.setText("not a domain")
    dialog.run_button.click()
    assert "not a domain name" in dialog.error_label.text()
    assert users_workspace.runs() == []
    assert fake_dialogs.calls == []


def test_dry_run_shows_rows_without_recording(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.name.setText("Q4 review")
    dialog.targets.set_checked(["jira-software-users"])
    with qtbot.waitSignal(dialog.dry_run_model.modelReset):
        dialog.dry_run_button.click()
    model = dialog.dry_run_model
    assert model.rowCount() == 2
    emails = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert emails == ["alice@contoso.com", "bob@contoso.com"]
    assert model.index(0, 3).data() == "Review"
    assert not dialog.dry_run_view.isHidden()
    assert users_workspace.runs() == []
    qtbot.waitUntil(lambda: not dialog.is_busy())


def test_run_now_records_and_emits(qtbot: Any, users_workspace: Any) -> None:
    users_workspace.save_entra_settings(
        EntraSettings(provisioning_enabled=True, synced_groups=("entra-jira", "entra-conf"))
    )
    dialog = _dialog(qtbot, users_workspace)
    assert dialog.entra_radio.isEnabled()
    dialog.name.setText("Entra Q4")
    dialog.targets.set_checked(["entra-jira", "entra-conf"])
    dialog.entra_radio.click()
    dialog.show()
    with qtbot.waitSignal(dialog.runCreated) as blocker:
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # the default button is Run now
    run_id = blocker.args[0]
    qtbot.waitUntil(lambda: not dialog.isVisible())
    run = users_workspace.run(run_id)
    assert run.name == "Entra Q4"
    assert run.action is Action.ENTRA
    assert run.criteria.as_of == dt.date(2026, 11, 1)
    assert run.idp_groups == {"entra-conf": 2, "entra-jira": 2}


def test_core_refusal_is_shown_inline(qtbot: Any, users_workspace: Any) -> None:
    users_workspace.save_entra_settings(
        EntraSettings(provisioning_enabled=True, synced_groups=("entra-jira",))
    )
    dialog = _dialog(qtbot, users_workspace)
    dialog.name.setText("x")
    dialog.targets.set_checked(["entra-jira"])
    dialog.entra_radio.setChecked(True)
    # Entra configuration removed behind the dialog's back: the core refuses the run.
    users_workspace.save_entra_settings(EntraSettings())
    dialog.run_button.click()
    qtbot.waitUntil(lambda: "Microsoft Entra ID action needs" in dialog.error_label.text())
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert users_workspace.runs() == []


@pytest.fixture
def keep_alive() -> Iterator[list[object]]:
    """Holds objects until the fixtures requested after this one are torn down."""
    kept: list[object] = []
    yield kept
    kept.clear()


def test_dry_run_model_passes_qtmodeltester(
    qtbot: Any, users_workspace: Any, keep_alive: list[object], qtmodeltester: Any
) -> None:
    dialog = _dialog(qtbot, users_workspace)
    # The tester disconnects from the model when it is torn down; the model is the dialog's
    # child, and the dialog (no parent) is deleted as soon as nothing refers to it.
    keep_alive.append(dialog)
    dialog.name.setText("Q4 review")
    dialog.targets.set_checked(["jira-software-users", "confluence-users"])
    with qtbot.waitSignal(dialog.dry_run_model.modelReset):
        dialog.dry_run_button.click()
    qtbot.waitUntil(lambda: not dialog.is_busy())
    assert dialog.dry_run_model.index(0, 4).data() in ("Never", "2023-01-05")
    qtmodeltester.check(dialog.dry_run_model, force_py=True)


def test_summary_breaks_rows_down_by_group_and_action(qtbot: Any, users_workspace: Any) -> None:
    users_workspace.save_entra_settings(
        EntraSettings(
            provisioning_enabled=True,
            synced_groups=("entra-jira", "entra-conf"),
            verified_domains=("contoso.com",),  # dave@fabrikam.com is skipped
        )
    )
    dialog = _dialog(qtbot, users_workspace)
    dialog.targets.set_checked(["entra-jira", "entra-conf", "jira-software-users"])
    # Review: alice, bob in entra-jira; bob, dave in entra-conf; alice, bob in jira-software-users.
    _count_is(qtbot, dialog, 3)
    summary = dialog.last_summary
    assert summary is not None
    assert summary.rows == 6
    assert summary.rows_for(RowAction.REVIEW) == 6
    assert "Rows per target group" in dialog.breakdown_label.text()
    assert "Remove in Atlassian" not in dialog.breakdown_label.text()

    dialog.entra_radio.click()
    qtbot.waitUntil(
        lambda: dialog.last_summary is not None and dialog.last_summary.rows_for(RowAction.ENTRA) == 4
    )
    summary = dialog.last_summary
    assert summary.rows_for(RowAction.ATLASSIAN) == 2
    assert ("entra-conf", "entra", 2, 1) in summary.groups
    text = dialog.breakdown_label.text()
    assert "Remove in Microsoft Entra ID" in text
    assert "Remove in Atlassian" in text
    assert "(1 skipped)" in text
    assert not dialog.breakdown_label.isHidden()


def test_validation_message_sits_beside_the_buttons(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.show()
    qtbot.waitExposed(dialog)
    dialog.run_button.click()
    assert not dialog.error_label.isHidden()
    label_box = dialog.error_label.geometry()
    buttons_box = dialog.buttons.geometry()
    assert dialog.error_label.parentWidget() is dialog
    # Same row as the buttons, to their left.
    assert label_box.bottom() >= buttons_box.top()
    assert label_box.top() <= buttons_box.bottom()
    assert label_box.right() <= buttons_box.left()


def test_escape_closes_the_dialog(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
