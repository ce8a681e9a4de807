"""Import users through the window: progress, summary, errors, column mapping, Cancel, drop."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QPushButton

from app.ui import import_flow
from app.ui.import_flow import ColumnMappingDialog
from app.ui.main_window import PAGE_HISTORY, MainWindow

GENERIC = (
    "email,display_name,status,last_active,created,groups\n"
    "a@x.com,Ann,active,2024-05-01,2020-01-01,jira-users;team a\n"
    "b@x.com,Bea,inactive,2024-05-02,,jira-users\n"
    ",Nobody,active,2024-05-02,,\n"
)
UNKNOWN = "Mail,Full name,Logon,Team\nc@x.com,Cy,2024-01-01,ops|dev\nd@x.com,Di,2024-02-01,ops\n"


@pytest.fixture
def window(qtbot, workspace):
    win = MainWindow(workspace)
    qtbot.addWidget(win)
    with qtbot.waitSignal(win.refreshed, timeout=10_000):
        win.show()
    return win


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_import_runs_in_a_worker_and_summarises(window, workspace, tmp_path, qtbot, fake_dialogs):
    path = write(tmp_path, "users.csv", GENERIC)
    fake_dialogs.answers["choose_open_file"] = path
    with qtbot.waitSignal(window.import_flow.imported, timeout=10_000) as blocker:
        window.import_action.trigger()
    summary = blocker.args[0]
    assert (summary.users, summary.rows_without_email) == (3, 1)
    (info,) = fake_dialogs.of("info")
    assert info.title == "Import finished"
    for line in ("users.csv was imported.", "Users: 3", "Groups: 2", "Rows without an email address: 1"):
        assert line in info.text
    assert "Warnings:" in info.text
    with qtbot.waitSignal(window.refreshed, timeout=10_000):
        pass
    assert workspace.info().users == 3
    assert window.users_label.text() == "3 users"
    assert window.import_label.text().startswith("Last import: ")
    assert window.pages.currentIndex() == PAGE_HISTORY


def test_a_bad_file_names_the_place_and_changes_nothing(window, workspace, tmp_path, qtbot, fake_dialogs):
    window.start_import(write(tmp_path, "good.csv", GENERIC))
    qtbot.waitUntil(lambda: not window.import_flow.busy, timeout=10_000)
    before = workspace.users_frame()
    bad = write(tmp_path, "bad.csv", "email,display_name\na@x.com,A\nb@x.com,B,extra\n")
    with qtbot.waitSignal(window.import_flow.ended, timeout=10_000):
        window.start_import(bad)
    (error,) = fake_dialogs.of("error")
    assert error.title == "Import failed"
    assert error.text.startswith("bad.csv, line 3, column 3: ")
    assert error.text.endswith("The workspace was not changed.")
    assert workspace.users_frame().equals(before)


def test_unknown_layout_asks_for_the_columns_then_imports(window, workspace, tmp_path, qtbot, fake_dialogs):
    path = write(tmp_path, "hr.csv", UNKNOWN)
    window.start_import(path)
    qtbot.waitUntil(lambda: window.import_flow.mapping_dialog is not None, timeout=10_000)
    dialog = window.import_flow.mapping_dialog
    assert isinstance(dialog, ColumnMappingDialog)
    assert dialog.email.currentData() == "Mail"
    assert dialog.display_name.currentData() == "Full name"
    assert dialog.groups.currentData() == "Team"
    assert dialog.last_seen_columns() == ("Logon",)
    dialog.separator.setText("|")
    with qtbot.waitSignal(window.import_flow.imported, timeout=10_000) as blocker:
        dialog.ok_button.click()
    assert blocker.args[0].users == 2
    assert blocker.args[0].groups == 2
    assert sorted(workspace.users_frame()["email"]) == ["c@x.com", "d@x.com"]
    assert {g.name: g.members for g in workspace.groups()} == {"dev": 1, "ops": 2}


def test_mapping_needs_an_email_column(qtbot, tmp_path):
    dialog = ColumnMappingDialog(tmp_path / "x.csv", ["Name", "Other"])
    qtbot.addWidget(dialog)
    assert dialog.email.currentData() == ""
    assert not dialog.ok_button.isEnabled()
    dialog.email.setCurrentIndex(dialog.email.findData("Other"))
    assert dialog.ok_button.isEnabled()
    assert dialog.mapping().email == "Other"


def test_cancelling_the_mapping_imports_nothing(window, workspace, tmp_path, qtbot, fake_dialogs):
    window.start_import(write(tmp_path, "hr.csv", UNKNOWN))
    qtbot.waitUntil(lambda: window.import_flow.mapping_dialog is not None, timeout=10_000)
    with qtbot.waitSignal(window.import_flow.cancelled):
        window.import_flow.mapping_dialog.reject()
    assert workspace.info().users == 0
    assert "cancelled" in window.statusBar().currentMessage()
    assert fake_dialogs.calls == []


def test_cancel_button_stops_the_import(window, workspace, tmp_path, qtbot, monkeypatch, fake_dialogs):
    started = threading.Event()

    def slow_import(ws, path, *, mapping=None, progress=None):
        started.set()
        while True:
            progress.step(0.3, "Parsing CSV")
            threading.Event().wait(0.005)

    monkeypatch.setattr(import_flow, "import_file", slow_import)
    window.start_import(write(tmp_path, "users.csv", GENERIC))
    assert started.wait(5)
    progress_dialog = window.import_flow.progress_dialog
    qtbot.waitUntil(progress_dialog.isVisible, timeout=5000)
    (cancel,) = progress_dialog.findChildren(QPushButton)
    with qtbot.waitSignal(window.import_flow.cancelled, timeout=5000):
        qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    assert window.statusBar().currentMessage() == "Import cancelled; the workspace was not changed."
    assert fake_dialogs.calls == []
    assert not window.import_flow.busy


def test_a_bug_during_import_shows_the_crash_dialog(window, tmp_path, qtbot, monkeypatch, fake_dialogs):
    fake_dialogs.expect_crash = True

    def broken(ws, path, *, mapping=None, progress=None):
        raise AttributeError("bug in the importer")

    monkeypatch.setattr(import_flow, "import_file", broken)
    with qtbot.waitSignal(window.import_flow.ended, timeout=5000):
        window.start_import(write(tmp_path, "users.csv", GENERIC))
    (crash,) = fake_dialogs.of("crash")
    assert isinstance(crash.args[1], AttributeError)


def _drag_events(path: Path) -> tuple[QDragEnterEvent, QDropEvent, QMimeData]:
    # The events only point at the mime data: the caller must keep it alive.
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    args = (Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    try:  # PySide6 >= 6.12 takes a QPointF (the QPoint form is deprecated there)
        enter = QDragEnterEvent(QPointF(10, 10), *args)
    except TypeError:  # older PySide6: QPoint only
        enter = QDragEnterEvent(QPoint(10, 10), *args)
    drop = QDropEvent(QPointF(10, 10), *args)
    return enter, drop, mime


def test_dropping_a_csv_imports_it(window, workspace, tmp_path, qtbot):
    enter, drop, _mime = _drag_events(write(tmp_path, "dropped.csv", GENERIC))
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    with qtbot.waitSignal(window.import_flow.imported, timeout=10_000):
        QApplication.sendEvent(window, drop)
    assert workspace.info().users == 3


def test_other_files_are_not_accepted_for_drop(window, tmp_path):
    enter, _drop, _mime = _drag_events(write(tmp_path, "notes.pdf", "x"))
    QApplication.sendEvent(window, enter)
    assert not enter.isAccepted()
