"""The main window's own dialogs: a run's affected users, Settings, Log and About.

All are non-blocking (``open()``/``show()``); state (geometry, column widths) is kept in
QSettings under the dialog's ``SETTINGS_KEY``.
"""

from __future__ import annotations

import logging
import platform
from pathlib import Path

import pandas as pd
from PySide6 import __version__ as pyside_version
from PySide6.QtCore import (
    Qt,
    Slot,
    qVersion,
)
from PySide6.QtGui import QFontDatabase, QIcon
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

import app
from app import paths
from app.core.errors import UserError
from app.core.models import Protection, RowAction, RunSummary
from app.core.store import Workspace
from app.logging_setup import log_file
from app.ui import dialogs
from app.ui.frame_model import DataFrameModel
from app.ui.history_model import action_label
from app.ui.widgets import CheckList, filter_box, restore_state, save_state
from app.ui.worker import ProgressPanel, Worker

log = logging.getLogger(__name__)

#: How much of the log file the Log window shows (its end).
LOG_TAIL_BYTES = 1_000_000


# -- affected users -------------------------------------------------------------------

ROW_ACTION_LABELS = {
    RowAction.REVIEW.value: "Review",
    RowAction.ENTRA.value: "Remove in Entra ID",
    RowAction.ATLASSIAN.value: "Remove in Atlassian",
}


class AffectedUsersDialog(QDialog):
    """A read-only table of one run's rows (``Workspace.run_rows``), loaded in a worker."""

    SETTINGS_KEY = "AffectedUsersDialog"
    COLUMNS = (
        ("email", "Email"),
        ("display_name", "Display name"),
        ("group", "Group"),
        ("action", "Action"),
        ("last_seen", "Last seen"),
        ("days_inactive", "Days inactive"),
        ("upn", "UPN"),
        ("skip_reason", "Skipped because"),
    )

    def __init__(self, workspace: Workspace, run: RunSummary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.run = run
        self.setObjectName("affectedUsersDialog")
        self.setWindowTitle(self.tr("Affected users — {name}").format(name=run.name))
        self.setAccessibleName(self.windowTitle())
        self.resize(1100, 600)

        summary = QLabel(
            self.tr("{action}, run {when}: {criteria}").format(
                action=action_label(run.action),
                when=run.run_at.strftime("%Y-%m-%d %H:%M"),
                criteria=run.criteria.summary(),
            ),
            self,
        )
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.filter = filter_box(
            self,
            self.tr("Search email, name, group…"),
            self.tr("Search affected users"),
        )
        self.count_label = QLabel(self.tr("Loading…"), self)
        self.count_label.setAccessibleName(self.tr("Number of rows"))

        self.model = DataFrameModel(
            columns=[(key, self.tr(label)) for key, label in self.COLUMNS], parent=self
        )
        # Translated here, not in the formatters: the model is a child of this dialog, and a
        # formatter referring to the dialog (self) would put it in a reference cycle (see
        # export_dialog._Page).
        action_labels = {value: self.tr(label) for value, label in ROW_ACTION_LABELS.items()}
        never = self.tr("never")
        self.model.set_formatter("action", lambda v: action_labels.get(v, v or ""))
        self.model.set_formatter("last_seen", lambda v: never if v is None else str(v))
        self.model.set_right_aligned(["days_inactive"])
        self.table = QTableView(self)
        self.table.setObjectName("affectedUsersTable")
        self.table.setAccessibleName(self.tr("Affected users"))
        self.table.setModel(self.model)
        # No sort until the admin clicks a header: rows keep the cleanup's own order.
        self.table.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((250, 160, 200, 140, 90, 100, 250)):
            self.table.setColumnWidth(column, width)
        self.filter.textChanged.connect(self._filter_changed)

        self.progress = ProgressPanel(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)

        top = QHBoxLayout()
        top.addWidget(self.filter, 1)
        top.addWidget(self.count_label)
        layout = QVBoxLayout(self)
        layout.addWidget(summary)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.progress)
        layout.addWidget(buttons)
        restore_state(self, self.SETTINGS_KEY, self.table.horizontalHeader())

        self.worker = Worker(lambda progress: workspace.run_rows(run.id), name=f"run-rows-{run.id}")
        self.worker.finished.connect(self._loaded)
        self.worker.failed.connect(self._failed)
        self.progress.attach(self.worker, self.tr("Loading affected users…"))
        self.worker.start()

    @Slot(object)
    def _loaded(self, frame: pd.DataFrame) -> None:
        self.model.set_frame(frame)
        self._update_count()

    @Slot(object)
    def _failed(self, exc: BaseException) -> None:
        self.count_label.setText(self.tr("Could not load the rows"))
        dialogs.show_failure(self, self.tr("Affected users"), exc)

    @Slot(str)
    def _filter_changed(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        total = len(self.model.source_frame)
        shown = self.model.total_rows
        if shown == total:
            self.count_label.setText(self.tr("{n} rows").format(n=total))
        else:
            self.count_label.setText(self.tr("{shown} of {n} rows").format(shown=shown, n=total))

    def done(self, result: int) -> None:
        self.worker.cancel()
        save_state(self, self.SETTINGS_KEY, self.table.horizontalHeader())
        super().done(result)


# -- settings ---------------------------------------------------------------------------


class SettingsDialog(QDialog):
    """Global protected users and groups, and which groups grant product licences."""

    SETTINGS_KEY = "SettingsDialog"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.setAccessibleName(self.tr("Settings"))
        self.resize(640, 560)

        protection = workspace.protection()
        groups = workspace.groups()
        self._licensing_before = {g.name for g in groups if g.licensing}

        self.tabs = QTabWidget(self)
        protected_page = QWidget(self.tabs)
        users_label = QLabel(self.tr("Users never affected by any cleanup (one email address per line):"))
        users_label.setWordWrap(True)
        self.protected_users = QPlainTextEdit(protected_page)
        self.protected_users.setAccessibleName(self.tr("Protected users"))
        self.protected_users.setPlaceholderText("admin@example.com")
        self.protected_users.setPlainText("\n".join(protection.users))
        self.protected_users.setTabChangesFocus(True)
        users_label.setBuddy(self.protected_users)
        groups_label = QLabel(self.tr("Members of these groups are never affected:"))
        self.protected_groups = CheckList(
            [self.tr("Group"), self.tr("Members")], name=self.tr("Protected groups"), parent=protected_page
        )
        self.protected_groups.set_rows(((g.name, g.members) for g in groups), protection.groups)
        groups_label.setBuddy(self.protected_groups.search)
        page_layout = QVBoxLayout(protected_page)
        page_layout.addWidget(users_label)
        page_layout.addWidget(self.protected_users, 1)
        page_layout.addWidget(groups_label)
        page_layout.addWidget(self.protected_groups, 2)
        self.tabs.addTab(protected_page, self.tr("Protected users and groups"))

        licensing_page = QWidget(self.tabs)
        licensing_label = QLabel(
            self.tr(
                "Licensing groups grant access to a product (for example jira-software-users). "
                "They are offered as targets in New cleanup."
            )
        )
        licensing_label.setWordWrap(True)
        self.licensing = CheckList(
            [self.tr("Group"), self.tr("Members")], name=self.tr("Licensing groups"), parent=licensing_page
        )
        self.licensing.set_rows(((g.name, g.members) for g in groups), self._licensing_before)
        licensing_layout = QVBoxLayout(licensing_page)
        licensing_layout.addWidget(licensing_label)
        licensing_layout.addWidget(self.licensing, 1)
        self.tabs.addTab(licensing_page, self.tr("Licensing groups"))
        if not groups:
            note = self.tr("Import users first; the groups come from the import.")
            self.protected_groups.search.setPlaceholderText(note)
            self.licensing.search.setPlaceholderText(note)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        restore_state(self, self.SETTINGS_KEY)

    def protected_user_lines(self) -> list[str]:
        return [line.strip() for line in self.protected_users.toPlainText().splitlines() if line.strip()]

    @Slot()
    def save(self) -> bool:
        users = self.protected_user_lines()
        invalid = [u for u in users if "@" not in u or " " in u or u.startswith("@") or u.endswith("@")]
        if invalid:
            dialogs.error(
                self,
                self.tr("Settings"),
                self.tr("These protected users are not email addresses: {users}").format(
                    users=", ".join(invalid)
                ),
            )
            self.tabs.setCurrentIndex(0)
            self.protected_users.setFocus()
            return False
        licensing_now = set(self.licensing.checked())
        added = sorted(licensing_now - self._licensing_before)
        removed = sorted(self._licensing_before - licensing_now)
        try:
            self.workspace.save_protection(
                Protection(users=tuple(users), groups=tuple(self.protected_groups.checked()))
            )
            if added:
                self.workspace.set_licensing(added, True)
            if removed:
                self.workspace.set_licensing(removed, False)
        except UserError as exc:
            dialogs.error(self, self.tr("Settings"), str(exc))
            return False
        log.info(
            "Settings saved: %d protected users, licensing +%d -%d",
            len(users),
            len(added),
            len(removed),
        )
        self.accept()
        return True

    def done(self, result: int) -> None:
        save_state(self, self.SETTINGS_KEY)
        super().done(result)


# -- log ----------------------------------------------------------------------------------


class LogDialog(QDialog):
    """The end of the rotating log file, with Reload, Copy and Open folder."""

    SETTINGS_KEY = "LogDialog"

    def __init__(self, parent: QWidget | None = None, path: Path | None = None) -> None:
        super().__init__(parent)
        self.path = path or log_file()
        self.setObjectName("logDialog")
        self.setWindowTitle(self.tr("Log"))
        self.setAccessibleName(self.tr("Log"))
        self.resize(900, 560)
        self.location = QLabel(self)
        self.location.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.text = QPlainTextEdit(self)
        self.text.setObjectName("logText")
        self.text.setAccessibleName(self.tr("Log messages"))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.text.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.reload_button = QPushButton(self.tr("Reload"), self)
        self.copy_button = QPushButton(self.tr("Copy all"), self)
        self.folder_button = QPushButton(self.tr("Open log folder"), self)
        for button in (self.reload_button, self.copy_button, self.folder_button):
            self.buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        self.reload_button.clicked.connect(self.reload)
        self.copy_button.clicked.connect(lambda: dialogs.copy_text(self.text.toPlainText()))
        self.folder_button.clicked.connect(lambda: dialogs.open_folder(self.path.parent))
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.location)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.buttons)
        restore_state(self, self.SETTINGS_KEY)
        self.reload()

    @Slot()
    def reload(self) -> None:
        self.location.setText(self.tr("Log file: {path}").format(path=self.path))
        try:
            with self.path.open("rb") as handle:
                size = handle.seek(0, 2)
                handle.seek(max(0, size - LOG_TAIL_BYTES))
                data = handle.read()
        except FileNotFoundError:
            self.text.setPlainText(self.tr("Nothing has been logged yet."))
            return
        except OSError as exc:
            self.text.setPlainText(self.tr("The log file cannot be read: {error}").format(error=exc.strerror))
            return
        text = data.decode("utf-8", errors="replace")
        if len(data) >= LOG_TAIL_BYTES:
            text = text.split("\n", 1)[-1]
        self.text.setPlainText(text)
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)

    def done(self, result: int) -> None:
        save_state(self, self.SETTINGS_KEY)
        super().done(result)


# -- about ------------------------------------------------------------------------------


LICENCE_FILES = ("THIRD_PARTY_NOTICES.txt", "LGPL-3.0.txt", "GPL-3.0.txt")


def notices_text() -> str | None:
    """The third-party notices followed by the full LGPL and GPL texts they refer to."""
    parts = []
    for name in LICENCE_FILES:
        try:
            parts.append(paths.resource_path(f"licenses/{name}").read_text(encoding="utf-8"))
        except OSError:
            continue
    return ("\n\n" + "=" * 72 + "\n\n").join(parts) or None


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, workspace_folder: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About {app}").format(app=app.APP_NAME))
        self.setAccessibleName(self.windowTitle())
        self.resize(640, 520)
        icon = QLabel(self)
        window_icon = self.windowIcon() if not self.windowIcon().isNull() else QIcon()
        if not window_icon.isNull():
            icon.setPixmap(window_icon.pixmap(64, 64))
        title = QLabel(f"<h2>{app.APP_NAME}</h2>", self)
        self.version_label = QLabel(self)
        self.version_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        lines = [
            self.tr("Version {version}").format(version=app.__version__),
            self.tr("Qt {qt}, PySide6 {pyside}, Python {python}").format(
                qt=qVersion(), pyside=pyside_version, python=platform.python_version()
            ),
        ]
        if workspace_folder is not None:
            lines.append(self.tr("Workspace: {folder}").format(folder=workspace_folder))
        self.version_label.setText("\n".join(lines))
        header = QHBoxLayout()
        header.addWidget(icon)
        text_column = QVBoxLayout()
        text_column.addWidget(title)
        text_column.addWidget(self.version_label)
        header.addLayout(text_column, 1)
        notices_label = QLabel(self.tr("Third-party software and licences:"), self)
        self.notices = QPlainTextEdit(self)
        self.notices.setObjectName("licenceNotices")
        self.notices.setAccessibleName(self.tr("Licence notices"))
        self.notices.setReadOnly(True)
        notices = notices_text()
        self.notices.setPlainText(
            notices
            if notices is not None
            else self.tr(
                "This build uses Qt for Python (PySide6, LGPL-3.0), pandas, NumPy, platformdirs, "
                "httpx and filelock. Their licence notices are not bundled with this build."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(notices_label)
        layout.addWidget(self.notices, 1)
        layout.addWidget(buttons)
