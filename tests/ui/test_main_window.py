"""The main window: History, actions, selection, dialogs, state, demo and start-up."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QtMsgType
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QPushButton, QTableView

from app import paths
from app.core.engine import run_cleanup
from app.core.errors import UserError
from app.core.models import Action, Criteria
from app.core.store import Workspace
from app.ui import application, window_dialogs
from app.ui import history_model as hm
from app.ui.main_window import PAGE_HISTORY, PAGE_START, MainWindow
from app.ui.window_dialogs import AboutDialog, AffectedUsersDialog, LogDialog, SettingsDialog


@pytest.fixture
def make_window(qtbot):
    def make(ws: Workspace) -> MainWindow:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.refreshed, timeout=10_000):
            window.show()
        return window

    return make


def shown_names(window: MainWindow) -> list[str]:
    proxy = window.history_page.proxy
    return [proxy.index(r, hm.COL_NAME).data() for r in range(proxy.rowCount())]


def test_empty_workspace_shows_the_start_page(make_window, workspace):
    window = make_window(workspace)
    assert window.windowTitle() == f"User Cleanup — {workspace.folder}"
    assert window.pages.currentIndex() == PAGE_START
    assert window.start_page.import_button.text() == "Import users…"
    assert window.start_page.demo_button.text() == "Open demo workspace"
    assert window.users_label.text() == "0 users"
    assert window.import_label.text() == "Never imported"
    assert not window.export_action.isEnabled()


def test_history_lists_the_runs_newest_first_with_status_bar(make_window, demo_workspace):
    window = make_window(demo_workspace)
    runs = demo_workspace.runs()
    assert window.pages.currentIndex() == PAGE_HISTORY
    assert shown_names(window) == [r.name for r in runs]
    info = demo_workspace.info()
    assert window.users_label.text() == f"{info.users:,} users"
    assert window.import_label.text() == f"Last import: {info.last_import_at:%Y-%m-%d %H:%M}"
    assert str(demo_workspace.folder) in window.workspace_label.text()


def test_export_is_enabled_only_with_a_selected_run(make_window, demo_workspace):
    window = make_window(demo_workspace)
    assert not window.export_action.isEnabled()
    assert not window.history_page.details.export_button.isEnabled()
    run = demo_workspace.runs()[1]
    window.select_run(run.id)
    assert window.selected_run() == run
    assert window.export_action.isEnabled()
    assert window.history_page.details.title.text() == run.name
    window.history.clearSelection()
    assert not window.export_action.isEnabled()


def test_shortcuts_of_the_main_actions(make_window, workspace):
    window = make_window(workspace)
    assert window.import_action.shortcut() == QKeySequence("Ctrl+I")
    assert window.new_cleanup_action.shortcut() == QKeySequence("Ctrl+N")
    assert window.export_action.shortcut() == QKeySequence("Ctrl+E")
    toolbar_texts = [a.text().replace("&", "") for a in window.toolbar.actions() if a.text()]
    assert toolbar_texts[:4] == ["Import users…", "New cleanup…", "Identity providers…", "Export data…"]
    menus = [a.text().replace("&", "") for a in window.menuBar().actions()]
    assert menus == ["File", "Cleanup", "Settings", "Help"]


def test_keyboard_shortcut_triggers_the_action(make_window, workspace, fake_dialogs, qtbot):
    window = make_window(workspace)
    window.activateWindow()
    window.setFocus()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    assert [c.name for c in fake_dialogs.calls] == ["choose_open_file"]


def test_filter_box_filters_the_history(make_window, demo_workspace, qtbot):
    window = make_window(demo_workspace)
    qtbot.keyClicks(window.history_page.filter, "quarterly")
    assert shown_names(window) == ["Quarterly licence review"]
    window.history_page.filter.clear()
    assert len(shown_names(window)) == len(demo_workspace.runs())


def test_double_click_opens_the_runs_affected_users(make_window, demo_workspace, qtbot):
    window = make_window(demo_workspace)
    run = demo_workspace.runs()[0]
    window.select_run(run.id)
    index = window.history.selectionModel().currentIndex()
    rect = window.history.visualRect(index)
    qtbot.mouseClick(window.history.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.history.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    dialog = window.dialog(f"users-{run.id}")
    assert isinstance(dialog, AffectedUsersDialog)
    qtbot.waitUntil(lambda: dialog.model.total_rows > 0, timeout=10_000)
    expected = demo_workspace.run_rows(run.id)
    assert dialog.model.total_rows == len(expected)
    assert dialog.count_label.text() == f"{len(expected)} rows"
    assert dialog.model.data(dialog.model.index(0, 0)) == expected["email"].iloc[0]
    window.show_affected_users(run)  # a second request raises the same dialog
    assert window.dialog(f"users-{run.id}") is dialog
    dialog.close()


def test_run_created_in_the_cleanup_dialog_is_selected(make_window, demo_workspace, qtbot):
    pytest.importorskip("app.ui.cleanup_dialog")
    window = make_window(demo_workspace)
    window.new_cleanup()
    dialog = window.dialog("cleanup")
    assert dialog is not None
    criteria = Criteria(
        target_groups=("jira-software-users",),
        inactive_days=200,
        as_of=demo_workspace.runs()[0].criteria.as_of,
    )
    outcome = run_cleanup(demo_workspace, "Made in the test", criteria, Action.REVIEW)
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        dialog.runCreated.emit(outcome.run_id)
    assert window.selected_run().id == outcome.run_id
    assert window.selected_run().name == "Made in the test"
    dialog.close()


def test_export_opens_the_export_dialog_for_the_selected_run(make_window, demo_workspace):
    export_dialog = pytest.importorskip("app.ui.export_dialog")
    window = make_window(demo_workspace)
    run = demo_workspace.runs()[0]
    window.select_run(run.id)
    window.export_action.trigger()
    dialog = window.dialog("export")
    assert isinstance(dialog, export_dialog.ExportDialog)
    dialog.close()


def test_a_missing_dialog_module_is_reported_not_crashed(
    make_window, demo_workspace, fake_dialogs, monkeypatch
):
    monkeypatch.setitem(sys.modules, "app.ui.idp_dialog", None)  # makes the import fail
    window = make_window(demo_workspace)
    window.idp_action.trigger()
    (call,) = fake_dialogs.of("error")
    assert "not available" in call.text
    assert window.dialog("idp") is None


def test_settings_save_protection_and_licensing(make_window, demo_workspace, qtbot, fake_dialogs):
    window = make_window(demo_workspace)
    window.settings_action.trigger()
    dialog = window.dialog("settings")
    assert isinstance(dialog, SettingsDialog)
    groups = {g.name: g for g in demo_workspace.groups()}
    some_group = next(name for name, g in groups.items() if not g.licensing)
    dialog.protected_users.setPlainText("boss@contoso.com\nnot-an-email\n")
    assert dialog.save() is False
    assert "not-an-email" in fake_dialogs.of("error")[0].text
    dialog.protected_users.setPlainText("boss@contoso.com\nCFO@Contoso.com")
    dialog.protected_groups.set_checked(some_group, True)
    dialog.licensing.set_checked(some_group, True)
    with qtbot.waitSignal(dialog.accepted):
        assert dialog.save() is True
    protection = demo_workspace.protection()
    assert protection.users == ("boss@contoso.com", "cfo@contoso.com")
    assert some_group in protection.groups
    assert {g.name: g.licensing for g in demo_workspace.groups()}[some_group] is True


def test_log_window_shows_the_end_of_the_log(qtbot, tmp_path, monkeypatch):
    log_file = tmp_path / "logs" / "user-cleanup.log"
    dialog = LogDialog(None, path=log_file)
    qtbot.addWidget(dialog)
    assert dialog.text.toPlainText() == "Nothing has been logged yet."
    log_file.parent.mkdir()
    log_file.write_text("first line\n" + "x" * 10 + "\nlast line\n", encoding="utf-8")
    dialog.reload_button.click()
    assert dialog.text.toPlainText().endswith("last line\n")
    monkeypatch.setattr(window_dialogs, "LOG_TAIL_BYTES", 15)
    dialog.reload()
    assert dialog.text.toPlainText() == "last line\n"  # the cut first line is dropped


def test_about_shows_version_qt_and_notices(qtbot):
    from PySide6.QtCore import qVersion

    import app

    dialog = AboutDialog(None, Path("/ws"))
    qtbot.addWidget(dialog)
    text = dialog.version_label.text()
    assert f"Version {app.__version__}" in text
    assert f"Qt {qVersion()}" in text
    shown = dialog.notices.toPlainText()
    notices = paths.resource_path("licenses/THIRD_PARTY_NOTICES.txt").read_text(encoding="utf-8")
    assert shown.startswith(notices)
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in shown
    assert "GNU GENERAL PUBLIC LICENSE" in shown


def test_application_icon_has_every_shipped_size(qtbot):
    from app.ui.application import app_icon

    sizes = {(s.width(), s.height()) for s in app_icon().availableSizes()}
    assert {(16, 16), (32, 32), (256, 256)} <= sizes


def test_window_state_is_remembered(qtbot, demo_workspace, make_window):
    window = make_window(demo_workspace)
    window.resize(760, 540)  # the offscreen screen is 800 x 600; restoreGeometry clamps to it
    window.history.setColumnWidth(hm.COL_NAME, 333)
    window.history_page.splitter.setSizes([700, 250])
    sizes = window.history_page.splitter.sizes()
    window.close()
    assert QSettings().contains("MainWindow/geometry")
    again = make_window(demo_workspace)
    assert (again.size().width(), again.size().height()) == (760, 540)
    assert again.history.columnWidth(hm.COL_NAME) == 333
    assert again.history_page.splitter.sizes() == sizes


def test_widgets_have_accessible_names(make_window, demo_workspace):
    window = make_window(demo_workspace)
    unnamed = [
        w.objectName() or type(w).__name__
        for w in window.findChildren(QLineEdit) + window.findChildren(QTableView)
        if not w.accessibleName()
    ]
    unnamed += [b.text() for b in window.findChildren(QPushButton) if not (b.accessibleName() or b.text())]
    assert unnamed == []


def test_open_demo_builds_it_in_a_worker_and_switches(make_window, workspace, qtbot, tmp_path, monkeypatch):
    demo_folder = tmp_path / "demo"
    monkeypatch.setattr(paths, "demo_data_dir", lambda: demo_folder)
    window = make_window(workspace)
    with qtbot.waitSignal(window.workspaceChanged, timeout=60_000) as blocker:
        window.start_page.demo_button.click()
    demo = blocker.args[0]
    assert demo.folder == demo_folder
    assert window.workspace is demo
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    assert window.pages.currentIndex() == PAGE_HISTORY
    assert len(shown_names(window)) == len(demo.runs()) > 0
    assert window.windowTitle().endswith(str(demo_folder))
    window.close()  # the window owns the demo workspace and releases its lock
    Workspace.open(demo_folder).close()


def test_closing_the_window_cancels_running_work(make_window, workspace, qtbot):
    import threading

    from app.ui.worker import Worker

    window = make_window(workspace)
    started = threading.Event()

    def endless(progress):
        started.set()
        while True:
            progress.step(0.1, "busy")
            threading.Event().wait(0.005)

    worker = Worker(endless).start()
    assert started.wait(5)
    window.close()
    assert worker.state == "cancelled"


# -- start-up (app.ui.application) ------------------------------------------------------------


def test_damaged_workspace_can_be_kept_aside(tmp_path, fake_dialogs):
    folder = tmp_path / "ws"
    folder.mkdir()
    paths.workspace_file(folder).write_bytes(b"this is not sqlite" * 100)
    fake_dialogs.answers["choose"] = 0
    ws = application.open_workspace(folder)
    assert ws is not None
    ws.close()
    kept = list(folder.glob("workspace.sqlite3.unusable-*"))
    assert len(kept) == 1
    assert kept[0].read_bytes().startswith(b"this is not sqlite")
    assert "kept as" in fake_dialogs.of("info")[0].text


def test_damaged_workspace_quit_leaves_it_alone(tmp_path, fake_dialogs):
    folder = tmp_path / "ws"
    folder.mkdir()
    paths.workspace_file(folder).write_bytes(b"junk" * 500)
    fake_dialogs.answers["choose"] = 1
    assert application.open_workspace(folder) is None
    assert paths.workspace_file(folder).read_bytes() == b"junk" * 500


def test_workspace_in_use_is_explained(workspace, fake_dialogs):
    assert application.open_workspace(workspace.folder) is None
    assert "in use" in fake_dialogs.of("error")[0].text


def test_excepthook_logs_critical_and_shows_the_crash_dialog(qapp, fake_dialogs, caplog):
    fake_dialogs.expect_crash = True
    try:
        raise ZeroDivisionError("bug")
    except ZeroDivisionError as exc:
        with caplog.at_level(logging.CRITICAL):
            application.excepthook(type(exc), exc, exc.__traceback__)
    assert [r.levelno for r in caplog.records] == [logging.CRITICAL]
    (call,) = fake_dialogs.of("crash")
    assert isinstance(call.args[1], ZeroDivisionError)
    application.excepthook(UserError, UserError("fix it"), None)
    assert fake_dialogs.of("error")[0].text == "fix it"


def test_thread_exceptions_reach_the_crash_dialog_on_the_ui_thread(qapp, qtbot, fake_dialogs):
    import threading

    fake_dialogs.expect_crash = True
    application.install_exception_hooks()
    try:
        thread = threading.Thread(target=lambda: 1 / 0, name="bad-thread")
        thread.start()
        thread.join()
        qtbot.waitUntil(lambda: bool(fake_dialogs.of("crash")))
    finally:
        application.uninstall_exception_hooks()
    assert isinstance(fake_dialogs.of("crash")[0].args[1], ZeroDivisionError)


def test_qt_messages_go_to_logging(caplog):
    with caplog.at_level(logging.DEBUG, logger="qt"):
        application.qt_message_handler(QtMsgType.QtWarningMsg, None, "QPainter is not active")
    assert [(r.name, r.levelno, r.getMessage()) for r in caplog.records] == [
        ("qt", logging.WARNING, "QPainter is not active")
    ]


def test_application_identity(qapp):
    application.create_application()
    assert QApplication.organizationName() == "User Cleanup"
    assert QApplication.applicationName() == "User Cleanup"
    icon = paths.resource_path("icons/hicolor/256x256/apps/user-cleanup.png")
    assert QApplication.windowIcon().isNull() is not icon.exists()
