"""The one place that shows message boxes, file choosers and the crash dialog.

Call these through the module (``dialogs.info(...)``, never ``from ... import info``)
so that tests can replace them in one place (see ``tests/ui/conftest.py``).

Last-used folders are remembered in QSettings under ``folders/<settings_key>``.
"""

from __future__ import annotations

import logging
import platform
import sys
import traceback
from pathlib import Path

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QSettings, Qt, QUrl, qVersion
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

import app
from app.core.errors import UserError
from app.logging_setup import log_file

log = logging.getLogger(__name__)

FOLDERS_GROUP = "folders"


def _tr(text: str) -> str:
    return QApplication.translate("dialogs", text)


def _box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    details: str | None = None,
) -> QMessageBox:
    box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    box.setAccessibleName(title)
    if details:
        box.setDetailedText(details)
    return box


def info(parent: QWidget | None, title: str, text: str) -> None:
    _box(parent, QMessageBox.Icon.Information, title, text).exec()


def warn(parent: QWidget | None, title: str, text: str) -> None:
    log.info("Warning shown: %s: %s", title, text)
    _box(parent, QMessageBox.Icon.Warning, title, text).exec()


def error(parent: QWidget | None, title: str, text: str, details: str | None = None) -> None:
    log.info("Error shown: %s: %s", title, text)
    _box(parent, QMessageBox.Icon.Critical, title, text, details).exec()


def _question(parent: QWidget | None, title: str, text: str) -> QMessageBox:
    """A question box without buttons yet (the caller adds its own)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, parent)
    box.setAccessibleName(title)
    return box


def confirm(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    ok_text: str | None = None,
    destructive: bool = False,
) -> bool:
    """Ask a yes/no question; the safe answer (No/Cancel) is the default."""
    box = _question(parent, title, text)
    ok = box.addButton(ok_text or _tr("OK"), QMessageBox.ButtonRole.AcceptRole)
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    if destructive:
        box.setIcon(QMessageBox.Icon.Warning)
    box.exec()
    return box.clickedButton() is ok


def choose(
    parent: QWidget | None,
    title: str,
    text: str,
    choices: list[str],
) -> int | None:
    """Offer several labelled buttons; returns the index chosen, or None on Cancel."""
    box = _question(parent, title, text)
    buttons = [box.addButton(label, QMessageBox.ButtonRole.AcceptRole) for label in choices]
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setEscapeButton(cancel)
    box.exec()
    clicked = box.clickedButton()
    for index, button in enumerate(buttons):
        if clicked is button:
            return index
    return None


# -- folders and files ---------------------------------------------------------------


def last_folder(settings_key: str) -> Path | None:
    value = QSettings().value(f"{FOLDERS_GROUP}/{settings_key}", "")
    if value and Path(str(value)).is_dir():
        return Path(str(value))
    return None


def remember_folder(settings_key: str, folder: Path) -> None:
    QSettings().setValue(f"{FOLDERS_GROUP}/{settings_key}", str(folder))


def _start_dir(settings_key: str) -> str:
    folder = last_folder(settings_key)
    return str(folder) if folder else str(Path.home())


def choose_folder(parent: QWidget | None, title: str, settings_key: str) -> Path | None:
    chosen = QFileDialog.getExistingDirectory(parent, title, _start_dir(settings_key))
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(settings_key, path)
    return path


def choose_open_file(
    parent: QWidget | None,
    title: str,
    settings_key: str,
    name_filter: str = "",
) -> Path | None:
    chosen, _ = QFileDialog.getOpenFileName(parent, title, _start_dir(settings_key), name_filter)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(settings_key, path.parent)
    return path


def choose_save_file(
    parent: QWidget | None,
    title: str,
    settings_key: str,
    default_name: str = "",
    name_filter: str = "",
) -> Path | None:
    start = Path(_start_dir(settings_key)) / default_name if default_name else Path(_start_dir(settings_key))
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(start), name_filter)
    if not chosen:
        return None
    path = Path(chosen)
    remember_folder(settings_key, path.parent)
    return path


def open_folder(path: Path) -> bool:
    """Show a folder in the platform's file manager."""
    return bool(QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))))


def copy_text(text: str) -> None:
    QGuiApplication.clipboard().setText(text)


# -- errors from workers and the crash dialog -----------------------------------------


def show_failure(parent: QWidget | None, title: str, exc: BaseException) -> None:
    """What to do with a ``Worker.failed`` exception: the message for a UserError,
    the crash dialog for a bug."""
    if isinstance(exc, UserError):
        error(parent, title, str(exc))
    else:
        crash(parent, exc)


def environment_report() -> str:
    return "\n".join(
        [
            f"{app.APP_NAME} {app.__version__}",
            f"Python {platform.python_version()} ({sys.executable})",
            f"Qt {qVersion()}, PySide6 {pyside_version}",
            f"OS {platform.platform()}",
        ]
    )


def crash_details(exc: BaseException) -> str:
    trace = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    return f"{environment_report()}\n\n{trace}"


class CrashDialog(QDialog):
    """An unexpected error: a short apology, the details to copy, and where the log is."""

    def __init__(self, details: str, parent: QWidget | None = None, log_file: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Unexpected error"))
        self.setAccessibleName(self.tr("Unexpected error"))
        self.resize(640, 420)
        self.details = details
        layout = QVBoxLayout(self)
        intro = self.tr(
            "Something went wrong inside {app}. Your workspace was not changed by the failed step. "
            "Please send the details below to support."
        ).format(app=app.APP_NAME)
        if log_file is not None:
            intro += " " + self.tr("The full log is in {path}.").format(path=log_file)
        message = QLabel(intro, self)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(message)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("crashDetails")
        self.text.setAccessibleName(self.tr("Error details"))
        self.text.setReadOnly(True)
        self.text.setPlainText(details)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        layout.addWidget(self.text, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.copy_button = QPushButton(self.tr("Copy details"), self)
        self.copy_button.setAccessibleName(self.tr("Copy error details to the clipboard"))
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.copy_button.clicked.connect(lambda: copy_text(self.details))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)


def crash(parent: QWidget | None, exc: BaseException | str) -> None:
    """Show the crash dialog for an unexpected exception (or preformatted details)."""
    details = exc if isinstance(exc, str) else crash_details(exc)
    dialog = CrashDialog(details, parent, log_file())
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.exec()
