"""The main window: "Scheduling and cleanup" with the History table, or a start page
for an empty workspace; the actions, menus, toolbar and status bar.

The window never blocks: History is loaded in a worker (:meth:`MainWindow.refresh` emits
``refreshed`` when the table is up to date), imports and the demo build run in workers.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

import app
from app import paths
from app.core.errors import UserError
from app.core.models import RunSummary, WorkspaceInfo
from app.core.progress import Progress
from app.core.store import Workspace
from app.ui import dialogs
from app.ui import history_model as hm
from app.ui.import_flow import ImportFlow
from app.ui.window_dialogs import (
    AboutDialog,
    AffectedUsersDialog,
    LogDialog,
    SettingsDialog,
    filter_box,
)
from app.ui.worker import Worker, WorkerProgressDialog, shutdown

log = logging.getLogger(__name__)

SETTINGS_KEY = "MainWindow"
PAGE_START = 0
PAGE_HISTORY = 1
IMPORTABLE_SUFFIXES = (".csv", ".txt", ".tsv")


def _heading(text: str, parent: QWidget, level: int = 1) -> QLabel:
    label = QLabel(text, parent)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * (1.6 if level == 1 else 1.2))
    font.setBold(True)
    label.setFont(font)
    label.setAccessibleName(text)
    return label


class StartPage(QWidget):
    """Shown while the workspace is empty: import a file or try the demo."""

    importRequested = Signal()
    demoRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        title = _heading(self.tr("Welcome to {app}").format(app=app.APP_NAME), self)
        title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        intro = QLabel(
            self.tr(
                "Find Jira and Confluence users who have been inactive for too long, review them, "
                "and produce the files to remove them from Microsoft Entra ID groups.\n\n"
                "Start with the users export of your Atlassian organisation "
                "(admin.atlassian.com → Directory → Users → Export users), "
                "or look around in a demo workspace first."
            ),
            self,
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        intro.setFixedWidth(600)
        intro.setMinimumHeight(intro.heightForWidth(600))  # alignment in a box layout ignores it
        self.import_button = QPushButton(self.tr("Import users…"), self)
        self.import_button.setObjectName("startImportButton")
        self.import_button.setAccessibleName(self.tr("Import users from a CSV file"))
        self.import_button.setDefault(True)
        self.import_button.setMinimumHeight(40)
        self.demo_button = QPushButton(self.tr("Open demo workspace"), self)
        self.demo_button.setObjectName("startDemoButton")
        self.demo_button.setAccessibleName(self.tr("Open a demo workspace with sample users and cleanups"))
        self.demo_button.setMinimumHeight(40)
        self.import_button.clicked.connect(self.importRequested)
        self.demo_button.clicked.connect(self.demoRequested)
        hint = QLabel(self.tr("You can also drop a CSV file anywhere on this window."), self)
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        hint.setEnabled(False)

        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addSpacing(12)
        buttons.addWidget(self.demo_button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addStretch(2)
        column.addWidget(title)
        column.addSpacing(12)
        column.addWidget(intro, 0, Qt.AlignmentFlag.AlignHCenter)
        column.addSpacing(24)
        column.addLayout(buttons)
        column.addSpacing(12)
        column.addWidget(hint)
        column.addStretch(3)


class RunDetails(QFrame):
    """The selected run, beside the History table, with its two most used buttons."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("runDetails")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.title = _heading(self.tr("No cleanup selected"), self, level=2)
        self.title.setWordWrap(True)
        self.body = QLabel(self.tr("Select a cleanup in the History to see its details."), self)
        self.body.setWordWrap(True)
        self.body.setTextFormat(Qt.TextFormat.PlainText)
        self.body.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.body.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.body.setAccessibleName(self.tr("Selected cleanup details"))
        self.users_button = QPushButton(self.tr("Show affected users…"), self)
        self.export_button = QPushButton(self.tr("Export data…"), self)
        self.users_button.setAccessibleName(self.tr("Show the affected users of the selected cleanup"))
        self.export_button.setAccessibleName(self.tr("Export data of the selected cleanup"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.body, 1)
        layout.addWidget(self.users_button)
        layout.addWidget(self.export_button)
        self.show_run(None)

    def show_run(self, run: RunSummary | None) -> None:
        self.users_button.setEnabled(run is not None)
        self.export_button.setEnabled(run is not None)
        if run is None:
            self.title.setText(self.tr("No cleanup selected"))
            self.body.setText(self.tr("Select a cleanup in the History to see its details."))
            return
        self.title.setText(run.name)
        c = run.criteria
        lines = [
            self.tr("Run at: {when}").format(when=run.run_at.strftime("%Y-%m-%d %H:%M")),
            self.tr("Action: {action}").format(action=hm.action_label(run.action)),
            self.tr("Affected users: {n}").format(n=run.affected_users),
            self.tr("Status: {status}").format(status=run.status),
            "",
            self.tr("Target groups: {groups}").format(groups=", ".join(c.target_groups)),
            self.tr("Inactive for at least {days} days as of {date}").format(
                days=c.inactive_days, date=c.as_of.isoformat()
            ),
        ]
        if c.member_of:
            lines.append(self.tr("Part of: {groups}").format(groups=", ".join(c.member_of)))
        if c.domains:
            lines.append(self.tr("Domains: {domains}").format(domains=", ".join(c.domains)))
        if c.exclude_groups or c.exclude_users:
            lines.append(
                self.tr("Excluded: {n} groups, {m} users").format(
                    n=len(c.exclude_groups), m=len(c.exclude_users)
                )
            )
        if c.product:
            lines.append(self.tr("Product: {product}").format(product=c.product))
        lines.append("")
        if run.idp_groups:
            lines.append(self.tr("Microsoft Entra ID removals:"))
            for group, rows in sorted(run.idp_groups.items(), key=lambda kv: kv[0].casefold()):
                lines.append(f"  • {group}: {rows}")
        else:
            lines.append(self.tr("No Microsoft Entra ID removals in this cleanup."))
        self.body.setText("\n".join(lines))


class HistoryPage(QWidget):
    """ "Scheduling and cleanup": the History table with its filter and the run details."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("historyPage")
        title = _heading(self.tr("Scheduling and cleanup"), self)
        history_label = _heading(self.tr("History"), self, level=2)
        self.filter = filter_box(self, self.tr("Filter the history…"), self.tr("Filter the cleanup history"))
        self.filter.setMaximumWidth(360)
        self.model = hm.HistoryModel(self)
        self.proxy = hm.HistoryProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.filter.textChanged.connect(self.proxy.set_filter_text)

        self.table = QTableView(self)
        self.table.setObjectName("historyTable")
        self.table.setAccessibleName(self.tr("Cleanup history"))
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(hm.COL_RUN_AT, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setHighlightSections(False)
        for column, width in (
            (hm.COL_NAME, 190),
            (hm.COL_RUN_AT, 115),
            (hm.COL_ACTION, 165),
            (hm.COL_CRITERIA, 150),
            (hm.COL_AFFECTED, 100),
            (hm.COL_IDP_GROUPS, 170),
        ):
            self.table.setColumnWidth(column, width)
        self.placeholder = QLabel(self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.placeholder.setWordWrap(True)
        self.placeholder.setEnabled(False)

        self.details = RunDetails(self)
        table_box = QWidget(self)
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.table, 1)
        table_layout.addWidget(self.placeholder)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("historySplitter")
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(self.details)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setChildrenCollapsible(False)

        top = QHBoxLayout()
        top.addWidget(history_label)
        top.addStretch(1)
        top.addWidget(self.filter)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addWidget(self.splitter, 1)
        self.proxy.modelReset.connect(self._update_placeholder)
        self.proxy.rowsInserted.connect(self._update_placeholder)
        self.proxy.rowsRemoved.connect(self._update_placeholder)
        self.proxy.layoutChanged.connect(self._update_placeholder)
        self._loading = True
        self._update_placeholder()

    def set_loading(self, loading: bool) -> None:
        self._loading = loading
        self._update_placeholder()

    @Slot()
    def _update_placeholder(self) -> None:
        if self.proxy.rowCount():
            self.placeholder.hide()
            return
        if self._loading:
            text = self.tr("Loading the history…")
        elif self.model.rowCount():
            text = self.tr("No cleanup matches the filter.")
        else:
            text = self.tr("No cleanups yet. Use New cleanup… to find inactive users.")
        self.placeholder.setText(text)
        self.placeholder.show()

    def selected_run(self) -> RunSummary | None:
        index = self.table.selectionModel().currentIndex()
        if not index.isValid() or not self.table.selectionModel().isRowSelected(index.row(), QModelIndex()):
            return None
        return index.data(hm.RunRole)

    def select_run(self, run_id: int) -> bool:
        row = self.model.row_of(run_id)
        if row is None:
            return False
        source = self.model.index(row, 0)
        index = self.proxy.mapFromSource(source)
        if not index.isValid():  # hidden by the filter: show it
            self.filter.clear()
            index = self.proxy.mapFromSource(source)
        self.table.selectionModel().setCurrentIndex(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True


class MainWindow(QMainWindow):
    """``MainWindow(workspace)``; the caller keeps ownership of the workspace unless
    ``owns_workspace`` (then the window closes it, and any workspace it switches to)."""

    refreshed = Signal()
    workspaceChanged = Signal(object)

    def __init__(
        self,
        workspace: Workspace,
        *,
        owns_workspace: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.workspace = workspace
        self._owns_workspace = owns_workspace
        self._refresh_generation = 0
        self._refresh_worker: Worker | None = None
        self._pending_selection: int | None = None
        self._dialogs: dict[str, QDialog] = {}
        self._info: WorkspaceInfo | None = None
        self._demo_worker: Worker | None = None
        self.import_flow = ImportFlow(self)
        self.import_flow.imported.connect(self._imported)

        self.setAcceptDrops(True)
        self.resize(1240, 760)
        self.setMinimumSize(720, 480)

        self.pages = QStackedWidget(self)
        self.start_page = StartPage(self.pages)
        self.history_page = HistoryPage(self.pages)
        self.pages.addWidget(self.start_page)
        self.pages.addWidget(self.history_page)
        self.setCentralWidget(self.pages)
        self.history = self.history_page.table

        self._make_actions()
        self._make_menus_and_toolbar()
        self._make_status_bar()

        self.start_page.importRequested.connect(self.import_users)
        self.start_page.demoRequested.connect(self.open_demo)
        self.history.doubleClicked.connect(self._activated)
        self.history.activated.connect(self._activated)
        self.history.selectionModel().selectionChanged.connect(self._selection_changed)
        self.history_page.proxy.modelReset.connect(self._selection_changed)
        self.history_page.details.users_button.clicked.connect(self.show_affected_users)
        self.history_page.details.export_button.clicked.connect(self.export_data)

        self._apply_workspace_title()
        self.pages.setCurrentIndex(PAGE_START if workspace.is_empty() else PAGE_HISTORY)
        self._restore_state()
        self._selection_changed()
        self.refresh()

    # -- construction ----------------------------------------------------------------------

    def _action(
        self,
        text: str,
        slot: Any,
        *,
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        icon: QStyle.StandardPixmap | None = None,
        tip: str = "",
        name: str = "",
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if tip:
            action.setStatusTip(tip)
            action.setToolTip(
                f"{tip} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})"
                if shortcut is not None
                else tip
            )
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _make_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.import_action = self._action(
            self.tr("&Import users…"),
            self.import_users,
            shortcut="Ctrl+I",
            icon=sp.SP_DialogOpenButton,
            tip=self.tr("Import the users export of your Atlassian organisation"),
            name="importAction",
        )
        self.new_cleanup_action = self._action(
            self.tr("&New cleanup…"),
            self.new_cleanup,
            shortcut="Ctrl+N",
            icon=sp.SP_FileDialogNewFolder,
            tip=self.tr("Find inactive users and record a cleanup"),
            name="newCleanupAction",
        )
        self.idp_action = self._action(
            self.tr("Identity &providers…"),
            self.identity_providers,
            shortcut="Ctrl+Shift+P",
            icon=sp.SP_DriveNetIcon,
            tip=self.tr("Configure Microsoft Entra ID"),
            name="identityProvidersAction",
        )
        self.export_action = self._action(
            self.tr("&Export data…"),
            self.export_data,
            shortcut="Ctrl+E",
            icon=sp.SP_DialogSaveButton,
            tip=self.tr("Export the selected cleanup's users and Entra ID files"),
            name="exportAction",
        )
        self.users_action = self._action(
            self.tr("Show &affected users…"),
            self.show_affected_users,
            shortcut="Ctrl+U",
            icon=sp.SP_FileDialogDetailedView,
            tip=self.tr("List the users of the selected cleanup"),
            name="affectedUsersAction",
        )
        self.settings_action = self._action(
            self.tr("&Settings…"),
            self.open_settings,
            shortcut=QKeySequence.StandardKey.Preferences,
            icon=sp.SP_FileDialogListView,
            tip=self.tr("Protected users and groups, licensing groups"),
            name="settingsAction",
        )
        if self.settings_action.shortcut().isEmpty():
            self.settings_action.setShortcut(QKeySequence("Ctrl+,"))
        self.log_action = self._action(
            self.tr("&Log"),
            self.show_log,
            shortcut="Ctrl+L",
            icon=sp.SP_FileDialogContentsView,
            tip=self.tr("Show the application log"),
            name="logAction",
        )
        self.about_action = self._action(
            self.tr("&About {app}").format(app=app.APP_NAME),
            self.show_about,
            icon=sp.SP_MessageBoxInformation,
            tip=self.tr("Version and licences"),
            name="aboutAction",
        )
        self.about_action.setMenuRole(QAction.MenuRole.AboutRole)
        self.demo_action = self._action(
            self.tr("Open &demo workspace"),
            self.open_demo,
            tip=self.tr("Try the app on sample data"),
            name="demoAction",
        )
        self.refresh_action = self._action(
            self.tr("&Refresh"),
            self.refresh,
            shortcut=QKeySequence.StandardKey.Refresh,
            name="refreshAction",
        )
        self.filter_action = self._action(
            self.tr("&Find in history"),
            self._focus_filter,
            shortcut=QKeySequence.StandardKey.Find,
            name="findAction",
        )
        self.quit_action = self._action(
            self.tr("&Quit"),
            self.close,
            shortcut=QKeySequence.StandardKey.Quit,
            name="quitAction",
        )
        self.quit_action.setMenuRole(QAction.MenuRole.QuitRole)

    def _make_menus_and_toolbar(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        file_menu.addAction(self.import_action)
        file_menu.addAction(self.demo_action)
        file_menu.addSeparator()
        file_menu.addAction(self.quit_action)
        cleanup_menu = bar.addMenu(self.tr("&Cleanup"))
        cleanup_menu.addAction(self.new_cleanup_action)
        cleanup_menu.addAction(self.users_action)
        cleanup_menu.addAction(self.export_action)
        cleanup_menu.addSeparator()
        cleanup_menu.addAction(self.filter_action)
        cleanup_menu.addAction(self.refresh_action)
        settings_menu = bar.addMenu(self.tr("&Settings"))
        settings_menu.addAction(self.idp_action)
        settings_menu.addAction(self.settings_action)
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(self.log_action)
        help_menu.addAction(self.about_action)

        self.toolbar = QToolBar(self.tr("Main toolbar"), self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for action in (
            self.import_action,
            self.new_cleanup_action,
            self.idp_action,
            self.export_action,
        ):
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        for action in (self.settings_action, self.log_action, self.about_action):
            self.toolbar.addAction(action)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.toolbar)

    def _make_status_bar(self) -> None:
        status = self.statusBar()
        self.workspace_label = QLabel(self)
        self.workspace_label.setObjectName("statusWorkspace")
        self.workspace_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.users_label = QLabel(self)
        self.users_label.setObjectName("statusUsers")
        self.import_label = QLabel(self)
        self.import_label.setObjectName("statusLastImport")
        self.workspace_label.setAccessibleName(self.tr("Workspace folder"))
        self.users_label.setAccessibleName(self.tr("Number of users"))
        self.import_label.setAccessibleName(self.tr("Last import"))
        status.addPermanentWidget(self.workspace_label, 1)
        status.addPermanentWidget(self.users_label)
        status.addPermanentWidget(self.import_label)

    # -- state -------------------------------------------------------------------------------

    def _restore_state(self) -> None:
        settings = QSettings()
        for key, restore in (
            ("geometry", self.restoreGeometry),
            ("state", self.restoreState),
            ("splitter", self.history_page.splitter.restoreState),
            ("historyHeader", self.history.horizontalHeader().restoreState),
        ):
            value = settings.value(f"{SETTINGS_KEY}/{key}")
            if isinstance(value, QByteArray | bytes) and value:
                restore(QByteArray(value))
        if not settings.contains(f"{SETTINGS_KEY}/splitter"):
            self.history_page.splitter.setSizes([960, 280])

    def save_state(self) -> None:
        settings = QSettings()
        settings.setValue(f"{SETTINGS_KEY}/geometry", self.saveGeometry())
        settings.setValue(f"{SETTINGS_KEY}/state", self.saveState())
        settings.setValue(f"{SETTINGS_KEY}/splitter", self.history_page.splitter.saveState())
        settings.setValue(f"{SETTINGS_KEY}/historyHeader", self.history.horizontalHeader().saveState())

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        for dialog in list(self._dialogs.values()):
            dialog.close()
        shutdown()
        if self._owns_workspace:
            self.workspace.close()
        super().closeEvent(event)

    # -- workspace and refresh -------------------------------------------------------------

    def _apply_workspace_title(self) -> None:
        self.setWindowTitle(f"{app.APP_NAME} — {self.workspace.folder}")
        self.workspace_label.setText(self.tr("Workspace: {folder}").format(folder=self.workspace.folder))
        self.workspace_label.setToolTip(str(self.workspace.path))

    def set_workspace(self, workspace: Workspace, *, owned: bool = True) -> None:
        """Switch the window to another (open) workspace."""
        if workspace is self.workspace:
            return
        for dialog in list(self._dialogs.values()):
            dialog.close()
        previous, previously_owned = self.workspace, self._owns_workspace
        self.workspace = workspace
        self._owns_workspace = owned
        if previously_owned:
            previous.close()
        log.info("Switched to workspace %s", workspace.folder)
        self.history_page.model.set_rows([])
        self._apply_workspace_title()
        self.pages.setCurrentIndex(PAGE_START if workspace.is_empty() else PAGE_HISTORY)
        self.workspaceChanged.emit(workspace)
        self.refresh()

    @property
    def is_loading(self) -> bool:
        return self._refresh_worker is not None

    @Slot()
    def refresh(self) -> None:
        """Reload History and the status bar in a worker; ``refreshed`` follows."""
        self._refresh_generation += 1
        generation = self._refresh_generation
        ws = self.workspace

        def load(progress: Progress) -> tuple[WorkspaceInfo, list[RunSummary]]:
            return ws.info(), ws.runs()

        worker = Worker(load, name="load-history")
        worker.finished.connect(lambda result: self._loaded(generation, ws, result))
        worker.failed.connect(lambda exc: self._load_failed(generation, exc))
        self._refresh_worker = worker
        self.history_page.set_loading(True)
        worker.start()

    def _loaded(
        self,
        generation: int,
        ws: Workspace,
        result: tuple[WorkspaceInfo, list[RunSummary]],
    ) -> None:
        if generation != self._refresh_generation or ws is not self.workspace:
            return  # a newer refresh is on its way
        info, runs = result
        self._refresh_worker = None
        self._info = info
        selected = self.history_page.selected_run()
        keep = self._pending_selection or (selected.id if selected else None)
        self._pending_selection = None
        self.history_page.model.set_rows(runs)
        self.history_page.set_loading(False)
        empty = info.users == 0 and info.cleanups == 0
        self.pages.setCurrentIndex(PAGE_START if empty else PAGE_HISTORY)
        self._update_status(info)
        if keep is not None:
            self.history_page.select_run(keep)
        self._selection_changed()
        self.refreshed.emit()

    def _load_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._refresh_generation:
            return
        self._refresh_worker = None
        self.history_page.set_loading(False)
        dialogs.show_failure(self, self.tr("History"), exc)
        self.refreshed.emit()

    def _update_status(self, info: WorkspaceInfo) -> None:
        self.users_label.setText(self.tr("{n} users").format(n=f"{info.users:,}"))
        if info.last_import_at is None:
            self.import_label.setText(self.tr("Never imported"))
            self.import_label.setToolTip("")
        else:
            self.import_label.setText(
                self.tr("Last import: {when}").format(when=info.last_import_at.strftime("%Y-%m-%d %H:%M"))
            )
            self.import_label.setToolTip(info.last_import_file or "")

    # -- selection -----------------------------------------------------------------------------

    def selected_run(self) -> RunSummary | None:
        return self.history_page.selected_run()

    def select_run(self, run_id: int) -> None:
        """Select a run in History (after the next refresh if it is not loaded yet)."""
        self.pages.setCurrentIndex(PAGE_HISTORY)
        if not self.history_page.select_run(run_id) or self.is_loading:
            self._pending_selection = run_id
        self.history.setFocus()

    @Slot()
    def _selection_changed(self, *_: Any) -> None:
        run = self.selected_run()
        self.export_action.setEnabled(run is not None)
        self.users_action.setEnabled(run is not None)
        self.history_page.details.show_run(run)

    @Slot(QModelIndex)
    def _activated(self, index: QModelIndex) -> None:
        run = index.data(hm.RunRole)
        if run is not None:
            self.show_affected_users(run)

    @Slot()
    def _focus_filter(self) -> None:
        if self.pages.currentIndex() == PAGE_HISTORY:
            self.history_page.filter.setFocus()
            self.history_page.filter.selectAll()

    # -- dialogs ---------------------------------------------------------------------------------

    def dialog(self, kind: str) -> QDialog | None:
        """The open dialog of that kind ("idp", "cleanup", "export", "settings", "log", "about",
        "users-<run id>"), if any."""
        return self._dialogs.get(kind)

    def _show_dialog(self, kind: str, dialog: QDialog, *, modal: bool = True) -> QDialog:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self._dialogs[kind] = dialog
        dialog.finished.connect(lambda _result: self._dialog_closed(kind, dialog))
        if modal:
            dialog.open()
        else:
            dialog.show()
        return dialog

    def _dialog_closed(self, kind: str, dialog: QDialog) -> None:
        if self._dialogs.get(kind) is dialog:
            del self._dialogs[kind]

    def _raise_existing(self, kind: str) -> bool:
        existing = self._dialogs.get(kind)
        if existing is None:
            return False
        existing.raise_()
        existing.activateWindow()
        return True

    def _missing_part(self, what: str, exc: ImportError) -> None:
        log.error("Cannot load %s: %s", what, exc)
        dialogs.error(
            self,
            what,
            self.tr("This part of {app} is not available in this build ({error}).").format(
                app=app.APP_NAME, error=exc
            ),
        )

    @Slot()
    def identity_providers(self) -> None:
        if self._raise_existing("idp"):
            return
        try:
            from app.ui.idp_dialog import IdentityProvidersDialog
        except ImportError as exc:
            self._missing_part(self.tr("Identity providers"), exc)
            return
        dialog = IdentityProvidersDialog(self.workspace, self)
        dialog.accepted.connect(self.refresh)
        self._show_dialog("idp", dialog)

    @Slot()
    def new_cleanup(self) -> None:
        if self._raise_existing("cleanup"):
            return
        try:
            from app.ui.cleanup_dialog import CleanupDialog
        except ImportError as exc:
            self._missing_part(self.tr("New cleanup"), exc)
            return
        dialog = CleanupDialog(self.workspace, self)
        dialog.runCreated.connect(self._run_created)
        self._show_dialog("cleanup", dialog)

    @Slot(int)
    def _run_created(self, run_id: int) -> None:
        self._pending_selection = run_id
        self.pages.setCurrentIndex(PAGE_HISTORY)
        self.refresh()

    @Slot()
    def export_data(self) -> None:
        run = self.selected_run()
        if run is None:
            self.statusBar().showMessage(self.tr("Select a cleanup in the History first."), 5000)
            return
        if self._raise_existing("export"):
            return
        try:
            from app.ui.export_dialog import ExportDialog
        except ImportError as exc:
            self._missing_part(self.tr("Export data"), exc)
            return
        dialog = ExportDialog(self.workspace, run.id, self)
        dialog.finished.connect(lambda _result: self.refresh())  # status shows exports
        self._show_dialog("export", dialog)

    @Slot()
    def show_affected_users(self, run: RunSummary | None = None) -> None:
        run = run if isinstance(run, RunSummary) else self.selected_run()
        if run is None:
            return
        kind = f"users-{run.id}"
        if self._raise_existing(kind):
            return
        self._show_dialog(kind, AffectedUsersDialog(self.workspace, run, self), modal=False)

    @Slot()
    def open_settings(self) -> None:
        if self._raise_existing("settings"):
            return
        dialog = SettingsDialog(self.workspace, self)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(self.tr("Settings saved."), 5000))
        self._show_dialog("settings", dialog)

    @Slot()
    def show_log(self) -> None:
        if self._raise_existing("log"):
            return
        self._show_dialog("log", LogDialog(self), modal=False)

    @Slot()
    def show_about(self) -> None:
        if self._raise_existing("about"):
            return
        self._show_dialog("about", AboutDialog(self, self.workspace.folder))

    # -- import --------------------------------------------------------------------------------

    @Slot()
    def import_users(self) -> None:
        path = dialogs.choose_open_file(
            self,
            self.tr("Import users"),
            "import",
            self.tr("CSV files (*.csv *.txt *.tsv);;All files (*)"),
        )
        if path is not None:
            self.start_import(path)

    def start_import(self, path: Path) -> None:
        if self.import_flow.busy:
            self.statusBar().showMessage(self.tr("An import is already running."), 5000)
            return
        self.import_flow.start(self.workspace, path)

    @Slot(object)
    def _imported(self, summary: object) -> None:
        self.statusBar().showMessage(self.tr("Users imported."), 5000)
        self.pages.setCurrentIndex(PAGE_HISTORY)
        self.refresh()

    @staticmethod
    def _dropped_file(event: QDragEnterEvent | QDropEvent) -> Path | None:
        mime = event.mimeData()
        if not mime.hasUrls():
            return None
        urls = [url for url in mime.urls() if url.isLocalFile()]
        if len(urls) != 1:
            return None
        path = Path(urls[0].toLocalFile())
        return path if path.suffix.lower() in IMPORTABLE_SUFFIXES else None

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_file(event) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = self._dropped_file(event)
        if path is None:
            event.ignore()
            return
        event.acceptProposedAction()
        # Leave the drag-and-drop machinery before the import starts.
        QTimer.singleShot(0, lambda: self.start_import(path))

    # -- demo ------------------------------------------------------------------------------------

    @Slot()
    def open_demo(self) -> None:
        folder = paths.demo_data_dir()
        if Path(self.workspace.folder).resolve() == folder.resolve():
            self.statusBar().showMessage(self.tr("This is the demo workspace."), 5000)
            return
        if self._demo_worker is not None:
            return
        try:
            demo = Workspace.open(folder)
        except UserError as exc:
            dialogs.error(self, self.tr("Demo workspace"), str(exc))
            return
        if not demo.is_empty():
            self.set_workspace(demo)
            return

        def build(progress: Progress) -> Workspace:
            from app.core.demo import build_demo

            build_demo(demo, progress=progress)
            return demo

        worker = Worker(build, name="build-demo")
        worker.finished.connect(self._demo_ready)
        worker.failed.connect(lambda exc: self._demo_failed(demo, exc))
        worker.cancelled.connect(lambda: self._demo_failed(demo, None))
        self._demo_worker = worker
        WorkerProgressDialog(
            worker,
            self,
            self.tr("Demo workspace"),
            self.tr("Creating the demo workspace…"),
        )
        worker.start()

    @Slot(object)
    def _demo_ready(self, demo: Workspace) -> None:
        self._demo_worker = None
        self.set_workspace(demo)
        self.statusBar().showMessage(self.tr("Demo workspace ready: try Export data… on a cleanup."), 8000)

    def _demo_failed(self, demo: Workspace, exc: BaseException | None) -> None:
        self._demo_worker = None
        demo.close()
        if exc is not None:
            dialogs.show_failure(self, self.tr("Demo workspace"), exc)
