"""Import users: the worker with progress and Cancel, the column-mapping step for
unknown layouts, and the summary or the error (which names file, line and column).

The core imports in one transaction, so on any error or Cancel the workspace is as it was.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UnknownLayoutError, UserError
from app.core.importers import ColumnMapping, import_file, read_headers
from app.core.models import ImportSummary
from app.core.progress import Progress
from app.core.store import Workspace
from app.ui import dialogs
from app.ui.worker import Worker, WorkerProgressDialog

log = logging.getLogger(__name__)

NONE_CHOICE = ""

#: Header patterns used to preselect the mapping (the admin can change every choice).
GUESSES: dict[str, re.Pattern[str]] = {
    "email": re.compile(r"mail|upn|user principal", re.IGNORECASE),
    "display_name": re.compile(r"^(display ?name|full ?name|name|user ?name)$", re.IGNORECASE),
    "status": re.compile(r"status|state|active$|enabled", re.IGNORECASE),
    "last_seen": re.compile(r"last|seen|login|logon|activity", re.IGNORECASE),
    "added": re.compile(r"added|created|joined|since|hired|start", re.IGNORECASE),
    "groups": re.compile(r"group|team|membership", re.IGNORECASE),
    "account_id": re.compile(r"account ?id|user ?id|^id$", re.IGNORECASE),
}


def guess(headers: Sequence[str], field: str, taken: set[str]) -> str:
    pattern = GUESSES[field]
    for header in headers:
        if header not in taken and pattern.search(header.strip()):
            return header
    return NONE_CHOICE


class ColumnMappingDialog(QDialog):
    """Say which column holds what, for a CSV whose layout is not recognised."""

    def __init__(self, path: Path, headers: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.path = path
        self.headers = list(headers)
        self.setObjectName("columnMappingDialog")
        self.setWindowTitle(self.tr("Map the columns of {file}").format(file=path.name))
        self.setAccessibleName(self.tr("Map columns"))
        self.resize(560, 480)

        intro = QLabel(
            self.tr(
                "The columns of {file} do not match the Atlassian users export or the generic format. "
                "Choose which column holds what; only the email address is required."
            ).format(file=path.name),
            self,
        )
        intro.setWordWrap(True)

        taken: set[str] = set()
        self.email = self._combo(self.tr("Email address column"), "email", taken, optional=False)
        self.display_name = self._combo(self.tr("Display name column"), "display_name", taken)
        self.status = self._combo(self.tr("Status column"), "status", taken)
        self.added = self._combo(self.tr("Added to the organisation column"), "added", taken)
        self.groups = self._combo(self.tr("Groups column"), "groups", taken)
        self.account_id = self._combo(self.tr("Account ID column"), "account_id", taken)
        self.separator = QLineEdit(self)
        self.separator.setMaxLength(3)
        self.separator.setAccessibleName(self.tr("Separator between group names"))
        self.separator.setText(",")
        self.separator.setMaximumWidth(60)

        self.last_seen = QListWidget(self)
        self.last_seen.setAccessibleName(self.tr("Last seen columns"))
        self.last_seen.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for header in self.headers:
            item = QListWidgetItem(header, self.last_seen)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            checked = header not in taken and bool(GUESSES["last_seen"].search(header))
            item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)

        form = QFormLayout()
        form.addRow(self.tr("&Email address:"), self.email)
        form.addRow(self.tr("&Display name:"), self.display_name)
        form.addRow(self.tr("&Status:"), self.status)
        form.addRow(self.tr("&Last seen (one or more):"), self.last_seen)
        form.addRow(self.tr("&Added to organisation:"), self.added)
        form.addRow(self.tr("&Groups:"), self.groups)
        form.addRow(self.tr("Group &separator:"), self.separator)
        form.addRow(self.tr("Account &ID:"), self.account_id)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.email.currentIndexChanged.connect(self._validate)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form, 1)
        layout.addWidget(self.buttons)
        self._validate()
        self.email.setFocus()

    def _combo(self, accessible: str, field: str, taken: set[str], *, optional: bool = True) -> QComboBox:
        combo = QComboBox(self)
        combo.setAccessibleName(accessible)
        combo.addItem(self.tr("(none)") if optional else self.tr("(choose a column)"), NONE_CHOICE)
        for header in self.headers:
            combo.addItem(header, header)
        chosen = guess(self.headers, field, taken)
        if chosen:
            taken.add(chosen)
            combo.setCurrentIndex(combo.findData(chosen))
        return combo

    @staticmethod
    def _value(combo: QComboBox) -> str | None:
        return combo.currentData() or None

    @Slot()
    def _validate(self) -> None:
        self.ok_button.setEnabled(self._value(self.email) is not None)

    def last_seen_columns(self) -> tuple[str, ...]:
        return tuple(
            self.last_seen.item(row).text()
            for row in range(self.last_seen.count())
            if self.last_seen.item(row).checkState() == Qt.CheckState.Checked
        )

    def set_last_seen(self, columns: Sequence[str]) -> None:
        for row in range(self.last_seen.count()):
            item = self.last_seen.item(row)
            item.setCheckState(Qt.CheckState.Checked if item.text() in columns else Qt.CheckState.Unchecked)

    def mapping(self) -> ColumnMapping:
        email = self._value(self.email)
        if email is None:
            raise UserError(self.tr("Choose the column that holds the email addresses."))
        return ColumnMapping(
            email=email,
            display_name=self._value(self.display_name),
            status=self._value(self.status),
            last_seen=self.last_seen_columns(),
            added=self._value(self.added),
            groups=self._value(self.groups),
            groups_separator=self.separator.text() or ",",
            account_id=self._value(self.account_id),
        )


def summary_text(summary: ImportSummary, path: Path) -> str:
    lines = [
        QCoreApplication.translate("ImportFlow", "{file} was imported.").format(file=path.name),
        "",
        QCoreApplication.translate("ImportFlow", "Users: {n}").format(n=f"{summary.users:,}"),
        QCoreApplication.translate("ImportFlow", "Groups: {n}").format(n=f"{summary.groups:,}"),
        QCoreApplication.translate("ImportFlow", "Group memberships: {n}").format(
            n=f"{summary.memberships:,}"
        ),
        QCoreApplication.translate("ImportFlow", "Rows without an email address: {n}").format(
            n=f"{summary.rows_without_email:,}"
        ),
    ]
    if summary.warnings:
        lines += ["", QCoreApplication.translate("ImportFlow", "Warnings:")] + [
            f"• {w}" for w in summary.warnings
        ]
    return "\n".join(lines)


class ImportFlow(QObject):
    """One import at a time: ``start(workspace, path)``; ``imported(ImportSummary)`` on success."""

    imported = Signal(object)
    cancelled = Signal()
    ended = Signal()

    def __init__(self, parent: QMainWindow) -> None:
        super().__init__(parent)
        self.worker: Worker | None = None
        self.mapping_dialog: ColumnMappingDialog | None = None
        self.progress_dialog: WorkerProgressDialog | None = None

    @property
    def _window(self) -> QMainWindow:
        # Looked up, never stored: a child's strong reference back to its window would put
        # the window in a reference cycle (see export_dialog._Page for the crash that causes).
        return cast(QMainWindow, self.parent())

    @staticmethod
    def tr_static(text: str) -> str:
        from PySide6.QtCore import QCoreApplication

        return QCoreApplication.translate("ImportFlow", text)

    @property
    def busy(self) -> bool:
        return self.worker is not None or self.mapping_dialog is not None

    def start(self, workspace: Workspace, path: Path, mapping: ColumnMapping | None = None) -> Worker:
        path = Path(path)
        log.info("Importing %s%s", path, " with a column mapping" if mapping else "")

        def work(progress: Progress) -> ImportSummary:
            return import_file(workspace, path, mapping=mapping, progress=progress)

        worker = Worker(work, name="import-users")
        worker.finished.connect(lambda summary: self._finished(path, summary))
        worker.failed.connect(lambda exc: self._failed(workspace, path, exc))
        worker.cancelled.connect(self._cancelled)
        self.worker = worker
        self.progress_dialog = WorkerProgressDialog(
            worker,
            self._window,
            self.tr("Import users"),
            self.tr("Importing {file}…").format(file=path.name),
        )
        worker.start()
        return worker

    def _finished(self, path: Path, summary: ImportSummary) -> None:
        self.worker = None
        log.info("Imported %s: %d users, %d groups", path, summary.users, summary.groups)
        self.imported.emit(summary)
        dialogs.info(self._window, self.tr("Import finished"), summary_text(summary, path))
        self.ended.emit()

    def _cancelled(self) -> None:
        self.worker = None
        self._window.statusBar().showMessage(
            self.tr("Import cancelled; the workspace was not changed."), 8000
        )
        self.cancelled.emit()
        self.ended.emit()

    def _failed(self, workspace: Workspace, path: Path, exc: BaseException) -> None:
        self.worker = None
        if isinstance(exc, UnknownLayoutError):
            self._ask_mapping(workspace, path, exc.headers)
            return
        if isinstance(exc, UserError):
            dialogs.error(
                self._window,
                self.tr("Import failed"),
                self.tr("{problem}\n\nThe workspace was not changed.").format(problem=exc),
            )
        else:
            dialogs.crash(self._window, exc)
        self.ended.emit()

    def _ask_mapping(self, workspace: Workspace, path: Path, headers: Sequence[str]) -> None:
        if not headers:
            try:
                headers = read_headers(path)
            except UserError as exc:
                dialogs.error(self._window, self.tr("Import failed"), str(exc))
                self.ended.emit()
                return
        dialog = ColumnMappingDialog(path, headers, self._window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.mapping_dialog = dialog

        def accepted() -> None:
            self.mapping_dialog = None
            self.start(workspace, path, dialog.mapping())

        def rejected() -> None:
            self.mapping_dialog = None
            self._window.statusBar().showMessage(
                self.tr("Import cancelled; the workspace was not changed."), 8000
            )
            self.cancelled.emit()
            self.ended.emit()

        dialog.accepted.connect(accepted)
        dialog.rejected.connect(rejected)
        dialog.open()
