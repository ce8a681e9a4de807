"""IdentityProvidersDialog: the Microsoft Entra ID page, explicit Save, Cancel discards."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from app.core.models import EntraTemplate
from app.ui.idp_dialog import IdentityProvidersDialog


def _dialog(qtbot: Any, ws: Any) -> IdentityProvidersDialog:
    dialog = IdentityProvidersDialog(ws)
    qtbot.addWidget(dialog)
    return dialog


def test_lists_groups_with_member_counts_and_filters(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    groups = dialog.entra.groups
    assert dialog.windowTitle() == "Identity providers"
    assert groups.keys() == [
        "confluence-users",
        "entra-conf",
        "entra-jira",
        "jira-software-users",
    ]
    counts = {
        groups.model.item(r, 0).text(): groups.model.item(r, 1).data(Qt.ItemDataRole.DisplayRole)
        for r in range(groups.model.rowCount())
    }
    assert counts == {
        "confluence-users": 1,
        "entra-conf": 3,
        "entra-jira": 2,
        "jira-software-users": 3,
    }
    qtbot.keyClicks(groups.search, "ENTRA")
    assert groups.proxy.rowCount() == 2
    # "Select all" checks only what the search shows.
    groups.all_button.click()
    assert groups.checked() == ["entra-conf", "entra-jira"]
    groups.none_button.click()
    assert groups.checked() == []


def test_save_stores_settings(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    page = dialog.entra
    assert not page.provisioning.isChecked()
    page.provisioning.click()
    page.groups.set_checked(["entra-jira", "ENTRA-CONF"])
    page.template.setCurrentIndex(page.template.findData(EntraTemplate.LEGACY.value))
    page.max_rows.setValue(500)
    page.rewrites.setPlainText("old.contoso.com = contoso.com\n\n")
    page.verified.setPlainText("contoso.com, fabrikam.com")
    assert "can be used" in page.status.text()
    with qtbot.waitSignal(dialog.accepted):
        dialog.save_button.click()
    saved = users_workspace.entra_settings()
    assert saved.provisioning_enabled
    assert set(saved.synced_groups) == {"entra-jira", "entra-conf"}
    assert saved.configured
    assert saved.template is EntraTemplate.LEGACY
    assert saved.max_rows == 500
    assert saved.upn_domain_rewrites == (("old.contoso.com", "contoso.com"),)
    assert saved.verified_domains == ("contoso.com", "fabrikam.com")
    # Re-opening shows what was saved.
    again = _dialog(qtbot, users_workspace)
    assert again.entra.provisioning.isChecked()
    assert again.entra.groups.checked() == ["entra-conf", "entra-jira"]
    assert again.entra.max_rows.value() == 500


def test_invalid_input_is_shown_and_nothing_saved(
    qtbot: Any, users_workspace: Any, fake_dialogs: Any
) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.entra.provisioning.setChecked(True)
    dialog.entra.groups.set_checked(["entra-jira"])
    dialog.entra.verified.setPlainText("not a domain")
    dialog.show()
    dialog.save_button.click()
    errors = fake_dialogs.of("error")
    assert len(errors) == 1
    assert "not a domain" in errors[0].text
    assert dialog.isVisible()
    assert not users_workspace.entra_settings().provisioning_enabled

    dialog.entra.verified.setPlainText("")
    dialog.entra.rewrites.setPlainText("contoso.com")  # no '='
    dialog.save_button.click()
    assert "line 1" in fake_dialogs.of("error")[1].text
    assert not users_workspace.entra_settings().provisioning_enabled
    dialog.reject()


def test_cancel_discards(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.entra.provisioning.setChecked(True)
    dialog.entra.groups.set_checked(["entra-jira"])
    with qtbot.waitSignal(dialog.rejected):
        dialog.cancel_button.click()
    assert users_workspace.entra_settings().synced_groups == ()
    assert not users_workspace.entra_settings().provisioning_enabled


def test_keyboard_space_checks_a_group(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.show()
    qtbot.waitExposed(dialog)
    groups = dialog.entra.groups
    groups.view.setFocus()
    groups.set_current("entra-jira")
    qtbot.keyClick(groups.view, Qt.Key.Key_Space)
    assert groups.checked() == ["entra-jira"]
    dialog.reject()


def test_geometry_is_remembered(qtbot: Any, users_workspace: Any) -> None:
    dialog = _dialog(qtbot, users_workspace)
    dialog.resize(701, 455)
    dialog.reject()
    again = _dialog(qtbot, users_workspace)
    assert (again.width(), again.height()) == (701, 455)
