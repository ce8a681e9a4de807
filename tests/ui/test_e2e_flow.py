"""The whole flow through the widgets, ending in the Entra files' exact bytes.

Configure Entra (Identity providers) → New cleanup with the Microsoft Entra ID action →
Run now → History selects the run → Export data → Identity provider exports → pick two
groups → Save selected.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate, Qt

from app.core.importers import import_file
from app.ui import cleanup_dialog
from app.ui.cleanup_dialog import CleanupDialog
from app.ui.export_dialog import ExportDialog
from app.ui.idp_dialog import IdentityProvidersDialog
from app.ui.main_window import MainWindow

# Unsorted and mixed-case on purpose: the files must list lower-case UPNs, sorted.
USERS_CSV = """\
email,display_name,status,last_active,created,groups
zoe@contoso.com,Zoe,active,2023-03-01,2020-01-01,jira-software-users;Entra Jira
Bob@Contoso.com,Bob,active,2023-02-01,2020-01-01,jira-software-users;Entra Jira;entra-conf
alice@contoso.com,Alice,active,2023-01-05,2020-01-01,jira-software-users;Entra Jira
carol@contoso.com,Carol,active,2026-10-01,2020-01-01,jira-software-users;entra-conf
dave@contoso.com,Dave,active,,2020-01-01,confluence-users;entra-conf
erin@contoso.com,Erin,inactive,2022-01-01,2020-01-01,entra-conf
frank@contoso.com,Frank,active,2023-01-01,2020-01-01,entra-unused
"""


def expected_file(upns: list[str]) -> bytes:
    """The Entra "Remove members" CSV, built independently of the exporter."""
    header = "Member object ID or user principal name [memberObjectIdOrUpn] Required"
    return "\r\n".join([header, *upns]).encode("ascii")


def test_configure_run_and_export_entra_files(
    qtbot: Any, workspace: Any, tmp_path: Path, fake_dialogs: Any, monkeypatch: Any
) -> None:
    monkeypatch.setattr(cleanup_dialog, "COUNT_DEBOUNCE_MS", 10)
    source = tmp_path / "users.csv"
    source.write_text(USERS_CSV, encoding="utf-8")
    import_file(workspace, source)
    out = tmp_path / "entra files"
    out.mkdir()
    fake_dialogs.answers["choose_folder"] = out

    window = MainWindow(workspace)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.is_loading)

    # 1. Identity providers: provisioning on, two groups synced, Save.
    window.idp_action.trigger()
    idp = window.dialog("idp")
    assert isinstance(idp, IdentityProvidersDialog)
    qtbot.waitExposed(idp)
    page = idp.entra
    page.provisioning.click()
    qtbot.keyClicks(page.groups.search, "entra")
    assert page.groups.proxy.rowCount() == 3
    page.groups.set_current("Entra Jira")
    qtbot.keyClick(page.groups.view, Qt.Key.Key_Space)
    page.groups.set_current("entra-conf")
    qtbot.keyClick(page.groups.view, Qt.Key.Key_Space)
    assert page.groups.checked() == ["Entra Jira", "entra-conf"]
    with qtbot.waitSignal(idp.finished):
        idp.save_button.click()
    assert workspace.entra_settings().configured

    # 2. New cleanup with the Microsoft Entra ID action; Run now.
    window.new_cleanup_action.trigger()
    form = window.dialog("cleanup")
    assert isinstance(form, CleanupDialog)
    qtbot.waitExposed(form)
    assert form.entra_radio.isEnabled()
    qtbot.keyClicks(form.name, "Entra removals Q4")
    form.as_of.setDate(QDate(2026, 11, 1))
    form.targets.set_checked(["Entra Jira", "entra-conf", "jira-software-users"])
    form.entra_radio.click()
    qtbot.waitUntil(lambda: form.last_count == 4)  # zoe, bob, alice, dave
    with qtbot.waitSignal(form.runCreated) as created:
        form.run_button.click()
    run_id = created.args[0]

    # 3. History selects the new run.
    qtbot.waitUntil(lambda: window.selected_run() is not None and not window.is_loading)
    assert window.selected_run().id == run_id
    assert window.export_action.isEnabled()

    # 4. Export data → Identity provider exports → two groups → Save selected.
    window.export_action.trigger()
    export = window.dialog("export")
    assert isinstance(export, ExportDialog)
    qtbot.waitExposed(export)
    assert export.option_labels() == [
        "Affected users (CSV)",
        "Affected users (JSON)",
        "Identity provider exports",
    ]
    export.show_option(2)
    ip = export.idp_page
    assert ip is not None
    qtbot.waitUntil(lambda: export.rows_loaded() and not export.is_busy())
    assert ip.groups.keys() == ["Entra Jira", "entra-conf"]
    ip.groups.none_button.click()
    ip.groups.set_checked(["Entra Jira", "entra-conf"])
    ip.folder_button.click()
    assert ip.folder_edit.text() == str(out)
    ip.save_button.click()
    qtbot.waitUntil(lambda: not ip.result.isHidden())
    assert not export.is_busy()

    # The files' exact bytes.
    assert sorted(p.name for p in out.iterdir()) == ["Entra Jira.csv", "entra-conf.csv"]
    jira = (out / "Entra Jira.csv").read_bytes()
    conf = (out / "entra-conf.csv").read_bytes()
    # UPN = email lower-cased (app/core/upn.py), sorted.
    assert jira == expected_file(["alice@contoso.com", "bob@contoso.com", "zoe@contoso.com"])
    assert conf == expected_file(["bob@contoso.com", "dave@contoso.com"])
    for data in (jira, conf):
        assert not data.startswith(b"\xef\xbb\xbf")
        assert not data.endswith(b"\n")
        assert b"\n" not in data.replace(b"\r\n", b"")
    assert fake_dialogs.of("error") == []
    export.close()
    qtbot.waitUntil(lambda: window.dialog("export") is None)
