"""The real dialog helpers (the autouse fake is bypassed here) and the fake itself."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from app.core.errors import UserError
from app.ui import dialogs

# The real functions, captured before the autouse fixture replaces them.
REAL = {
    name: getattr(dialogs, name)
    for name in (
        "info",
        "error",
        "confirm",
        "choose",
        "crash",
        "choose_folder",
        "choose_open_file",
        "choose_save_file",
    )
}


def answer_modal(qtbot, act) -> None:
    """Run ``act(modal_widget)`` as soon as a modal dialog is up."""

    def poll() -> None:
        widget = QApplication.activeModalWidget()
        if widget is None:
            QTimer.singleShot(5, poll)
            return
        act(widget)

    QTimer.singleShot(0, poll)


def test_confirm_is_true_only_for_the_ok_button(qtbot):
    def click(text: str):
        def act(box: QMessageBox) -> None:
            assert box.windowTitle() == "Overwrite?"
            assert box.text() == "3 files exist."
            assert box.defaultButton() is box.button(QMessageBox.StandardButton.Cancel)
            (button,) = [b for b in box.buttons() if b.text().replace("&", "") == text]
            button.click()

        return act

    answer_modal(qtbot, click("Overwrite"))
    assert REAL["confirm"](None, "Overwrite?", "3 files exist.", ok_text="Overwrite") is True
    answer_modal(qtbot, click("Cancel"))
    assert REAL["confirm"](None, "Overwrite?", "3 files exist.", ok_text="Overwrite") is False


def test_choose_returns_the_index_or_none(qtbot):
    def pick(label: str):
        def act(box: QMessageBox) -> None:
            (button,) = [b for b in box.buttons() if b.text().replace("&", "") == label]
            button.click()

        return act

    answer_modal(qtbot, pick("Start fresh"))
    assert REAL["choose"](None, "Workspace", "Damaged.", ["Start fresh", "Quit"]) == 0
    answer_modal(qtbot, pick("Cancel"))
    assert REAL["choose"](None, "Workspace", "Damaged.", ["Start fresh", "Quit"]) is None


def test_error_shows_details_and_info_shows_text(qtbot):
    seen: dict[str, str] = {}

    def act(box: QMessageBox) -> None:
        seen["title"] = box.windowTitle()
        seen["text"] = box.text()
        seen["details"] = box.detailedText()
        seen["icon"] = box.icon().name
        box.accept()

    answer_modal(qtbot, act)
    REAL["error"](None, "Import failed", "users.csv, line 3: bad date", details="row: x")
    assert seen == {
        "title": "Import failed",
        "text": "users.csv, line 3: bad date",
        "details": "row: x",
        "icon": "Critical",
    }


def test_folder_choice_is_remembered_per_key(qtbot, tmp_path, monkeypatch):
    chosen = tmp_path / "exports"
    chosen.mkdir()
    starts: list[str] = []

    def fake_dir(parent, title, start):
        starts.append(start)
        return str(chosen)

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(fake_dir))
    assert REAL["choose_folder"](None, "Destination", "export") == chosen
    assert QSettings().value("folders/export") == str(chosen)
    assert REAL["choose_folder"](None, "Destination", "export") == chosen
    assert starts == [str(Path.home()), str(chosen)]


def test_open_and_save_file_remember_the_parent_folder(qtbot, tmp_path, monkeypatch):
    csv = tmp_path / "in" / "users.csv"
    csv.parent.mkdir()
    csv.write_text("email\n")
    out = tmp_path / "out"
    out.mkdir()
    save_starts: list[str] = []
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(csv), "")))

    def fake_save(parent, title, start, name_filter):
        save_starts.append(start)
        return (str(out / "affected.csv"), name_filter)

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    assert REAL["choose_open_file"](None, "Import", "import", "CSV (*.csv)") == csv
    assert dialogs.last_folder("import") == csv.parent
    assert REAL["choose_save_file"](None, "Save", "import", "affected.csv") == out / "affected.csv"
    assert save_starts == [str(csv.parent / "affected.csv")]
    assert dialogs.last_folder("import") == out


def test_cancelled_file_dialog_returns_none_and_remembers_nothing(qtbot, monkeypatch):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: ("", "")))
    assert REAL["choose_open_file"](None, "Import", "import") is None
    assert QSettings().value("folders/import") is None


def test_a_vanished_remembered_folder_is_forgotten(tmp_path):
    dialogs.remember_folder("export", tmp_path / "gone")
    assert dialogs.last_folder("export") is None


def test_crash_dialog_shows_traceback_and_copies_it(qtbot):
    try:
        raise ValueError("boom in the engine")
    except ValueError as exc:
        details = dialogs.crash_details(exc)
    dialog = dialogs.CrashDialog(details, None, Path("/logs/user-cleanup.log"))
    qtbot.addWidget(dialog)
    text = dialog.text.toPlainText()
    assert "ValueError: boom in the engine" in text
    assert "test_crash_dialog_shows_traceback_and_copies_it" in text  # the frame
    assert "User Cleanup" in text
    assert "Qt " in text
    assert dialog.text.isReadOnly()
    QGuiApplication.clipboard().clear()
    qtbot.mouseClick(
        dialog.copy_button,
        Qt.MouseButton.LeftButton,
    )
    assert QGuiApplication.clipboard().text() == details


def test_show_failure_routes_user_errors_and_bugs(fake_dialogs):
    fake_dialogs.expect_crash = True
    dialogs.show_failure(None, "Import failed", UserError("no email column"))
    dialogs.show_failure(None, "Import failed", KeyError("x"))
    assert fake_dialogs.names() == ["error", "crash"]
    assert fake_dialogs.of("error")[0].text == "no email column"


def test_fake_dialogs_answers_in_order(fake_dialogs):
    fake_dialogs.answers["confirm"] = [True, False]
    assert dialogs.confirm(None, "a", "b") is True
    assert dialogs.confirm(None, "a", "c") is False
    assert [c.text for c in fake_dialogs.of("confirm")] == ["b", "c"]


@pytest.mark.parametrize("name", ["info", "warn", "error", "confirm", "choose_folder", "crash"])
def test_every_modal_helper_is_patched(name):
    assert getattr(dialogs, name) is not REAL.get(name, object())
    assert getattr(dialogs, name).__qualname__.endswith("record.<locals>.fake")
