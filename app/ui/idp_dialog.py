"""Identity providers: the "Microsoft Entra ID" page.

Also home of :class:`CheckList`, the searchable checkable list of groups that the
cleanup and export dialogs reuse.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QItemSelectionModel,
    QModelIndex,
    QSettings,
    QSortFilterProxyModel,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.errors import UserError
from app.core.models import EntraSettings, EntraTemplate
from app.core.store import Workspace
from app.ui import dialogs

log = logging.getLogger(__name__)

#: Item data role holding a row's key (the group name) in a :class:`CheckList`.
KeyRole = Qt.ItemDataRole.UserRole + 1


def restore_geometry(widget: QWidget, key: str) -> None:
    value = QSettings().value(f"{key}/geometry")
    if isinstance(value, QByteArray | bytes) and value:
        widget.restoreGeometry(QByteArray(value))


def save_geometry(widget: QWidget, key: str) -> None:
    QSettings().setValue(f"{key}/geometry", widget.saveGeometry())


def restore_splitter(splitter: QSplitter, key: str) -> None:
    value = QSettings().value(f"{key}/splitter")
    if isinstance(value, QByteArray | bytes) and value:
        splitter.restoreState(QByteArray(value))


def save_splitter(splitter: QSplitter, key: str) -> None:
    QSettings().setValue(f"{key}/splitter", splitter.saveState())


def split_lines(text: str) -> list[str]:
    """Entries typed one per line or separated by commas/semicolons, blanks dropped."""
    parts: list[str] = []
    for line in text.replace(";", "\n").replace(",", "\n").splitlines():
        line = line.strip()
        if line:
            parts.append(line)
    return parts


class CheckList(QWidget):
    """A searchable list with a check box per row and extra read-only columns.

    Rows are ``(key, *values)``; the key is the first column's text. Numbers are stored
    as numbers so that sorting by them works.
    """

    changed = Signal()  # the set of checked rows changed
    currentChanged = Signal(str)  # the key of the current row ('' when none)

    def __init__(
        self,
        headers: Sequence[str],
        *,
        name: str,
        search_placeholder: str = "",
        select_buttons: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(name)
        self.model = QStandardItemModel(0, len(headers), self)
        self.model.setHorizontalHeaderLabels(list(headers))
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(0)

        self.search = QLineEdit(self)
        self.search.setPlaceholderText(search_placeholder or self.tr("Search groups"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search %s") % name)
        self.search.textChanged.connect(self.proxy.setFilterFixedString)

        self.view = QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setRootIsDecorated(False)
        self.view.setUniformRowHeights(True)
        self.view.setAllColumnsShowFocus(True)
        self.view.setSortingEnabled(False)
        self.view.header().setSortIndicatorShown(True)
        self.view.header().setSectionsClickable(True)
        self.view.header().sortIndicatorChanged.connect(self.proxy.sort)
        self.view.header().setStretchLastSection(False)
        self.view.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setAccessibleName(name)
        self.view.selectionModel().currentRowChanged.connect(self._on_current)
        self.model.itemChanged.connect(self._on_item_changed)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bottom = QHBoxLayout()
        self.all_button = QPushButton(self.tr("Select all"), self)
        self.all_button.setAccessibleName(self.tr("Check every listed row"))
        self.all_button.clicked.connect(lambda: self.set_all(True))
        self.none_button = QPushButton(self.tr("Select none"), self)
        self.none_button.setAccessibleName(self.tr("Uncheck every row"))
        self.none_button.clicked.connect(lambda: self.set_all(False))
        bottom.addWidget(self.all_button)
        bottom.addWidget(self.none_button)
        bottom.addStretch(1)
        self.all_button.setVisible(select_buttons)
        self.none_button.setVisible(select_buttons)
        # Search above, select all/none below: fits narrow panes without squeezing either.
        layout.addWidget(self.search)
        layout.addWidget(self.view, 1)
        layout.addLayout(bottom)
        self.setFocusProxy(self.search)
        self._bulk = False

    # -- rows ---------------------------------------------------------------------

    def set_rows(self, rows: Iterable[Sequence[Any]], checked: Iterable[str] = ()) -> None:
        wanted = {name.casefold() for name in checked}
        self._bulk = True
        try:
            self.model.removeRows(0, self.model.rowCount())
            for row in rows:
                key = str(row[0])
                first = QStandardItem(key)
                first.setData(key, KeyRole)
                first.setCheckable(True)
                first.setEditable(False)
                first.setCheckState(
                    Qt.CheckState.Checked if key.casefold() in wanted else Qt.CheckState.Unchecked
                )
                items = [first]
                for value in row[1:]:
                    item = QStandardItem()
                    item.setData(value, Qt.ItemDataRole.DisplayRole)
                    item.setEditable(False)
                    if isinstance(value, int | float):
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    items.append(item)
                self.model.appendRow(items)
        finally:
            self._bulk = False
        for column in range(1, self.model.columnCount()):
            self.view.resizeColumnToContents(column)
        self.changed.emit()

    def keys(self) -> list[str]:
        return [str(self.model.item(r, 0).data(KeyRole)) for r in range(self.model.rowCount())]

    def checked(self) -> list[str]:
        """Checked keys in list order."""
        return [
            str(self.model.item(r, 0).data(KeyRole))
            for r in range(self.model.rowCount())
            if self.model.item(r, 0).checkState() == Qt.CheckState.Checked
        ]

    def set_checked(self, keys: Iterable[str], checked: bool = True) -> None:
        wanted = {k.casefold() for k in keys}
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self._bulk = True
        try:
            for r in range(self.model.rowCount()):
                item = self.model.item(r, 0)
                if str(item.data(KeyRole)).casefold() in wanted:
                    item.setCheckState(state)
        finally:
            self._bulk = False
        self.changed.emit()

    @Slot(bool)
    def set_all(self, checked: bool) -> None:
        """Check the rows matching the search (all rows when unchecking)."""
        state = Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked
        self._bulk = True
        try:
            if checked:
                for r in range(self.proxy.rowCount()):
                    source = self.proxy.mapToSource(self.proxy.index(r, 0))
                    self.model.itemFromIndex(source).setCheckState(state)
            else:
                for r in range(self.model.rowCount()):
                    self.model.item(r, 0).setCheckState(state)
        finally:
            self._bulk = False
        self.changed.emit()

    def current(self) -> str:
        index = self.view.currentIndex()
        if not index.isValid():
            return ""
        return str(self.proxy.index(index.row(), 0).data(KeyRole))

    def set_current(self, key: str) -> None:
        for r in range(self.proxy.rowCount()):
            index = self.proxy.index(r, 0)
            if str(index.data(KeyRole)).casefold() == key.casefold():
                self.view.selectionModel().setCurrentIndex(
                    index,
                    QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows,
                )
                return

    # -- slots --------------------------------------------------------------------

    @Slot(QStandardItem)
    def _on_item_changed(self, item: QStandardItem) -> None:
        if item.column() == 0 and not self._bulk:
            self.changed.emit()

    @Slot(QModelIndex, QModelIndex)
    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.currentChanged.emit(
            str(self.proxy.index(current.row(), 0).data(KeyRole)) if current.isValid() else ""
        )


class EntraPage(QWidget):
    """The form of the "Microsoft Entra ID" page."""

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Microsoft Entra ID"))
        layout = QVBoxLayout(self)
        title = QLabel(self.tr("<b>Microsoft Entra ID</b>"), self)
        layout.addWidget(title)
        intro = QLabel(
            self.tr(
                "When Atlassian users are provisioned from Microsoft Entra ID, members of "
                "synced groups must be removed in Entra ID, not in Atlassian. Mark the groups "
                "that come from Entra ID; cleanups with the Microsoft Entra ID action then "
                "produce bulk-removal files for them."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        self.provisioning = QCheckBox(self.tr("Is user provisioning enabled?"), self)
        self.provisioning.setAccessibleName(self.tr("Is user provisioning enabled?"))
        layout.addWidget(self.provisioning)

        groups_label = QLabel(self.tr("Groups synced from Entra ID:"), self)
        layout.addWidget(groups_label)
        self.groups = CheckList(
            [self.tr("Group"), self.tr("Members")],
            name=self.tr("Groups synced from Entra ID"),
            search_placeholder=self.tr("Search groups"),
            parent=self,
        )
        groups_label.setBuddy(self.groups.search)
        layout.addWidget(self.groups, 1)
        self.groups_count = QLabel(self)
        layout.addWidget(self.groups_count)

        form = QFormLayout()
        self.template = QComboBox(self)
        self.template.addItem(self.tr("Current (header row only)"), EntraTemplate.CURRENT.value)
        self.template.addItem(
            self.tr("Legacy (version:v1.0 row before the header)"),
            EntraTemplate.LEGACY.value,
        )
        self.template.setAccessibleName(self.tr("Template variant"))
        form.addRow(self.tr("&Template variant:"), self.template)
        self.max_rows = QSpinBox(self)
        self.max_rows.setRange(1, 1_000_000)
        self.max_rows.setGroupSeparatorShown(True)
        self.max_rows.setAccessibleName(self.tr("Rows per file"))
        form.addRow(self.tr("&Rows per file:"), self.max_rows)
        self.rewrites = QPlainTextEdit(self)
        self.rewrites.setPlaceholderText(self.tr("old.example.com=new.example.com (one per line)"))
        self.rewrites.setAccessibleName(self.tr("UPN domain rewrites"))
        self.rewrites.setTabChangesFocus(True)
        self.rewrites.setMaximumHeight(70)
        form.addRow(self.tr("&UPN domain rewrites:"), self.rewrites)
        self.verified = QPlainTextEdit(self)
        self.verified.setPlaceholderText(self.tr("contoso.com (one per line)"))
        self.verified.setAccessibleName(self.tr("Verified domains"))
        self.verified.setTabChangesFocus(True)
        self.verified.setMaximumHeight(70)
        form.addRow(self.tr("&Verified domains:"), self.verified)
        layout.addLayout(form)

        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.status.setAccessibleName(self.tr("Entra ID status"))
        layout.addWidget(self.status)

        self.provisioning.toggled.connect(self._update_status)
        self.groups.changed.connect(self._update_status)
        self.load(workspace)

    def load(self, workspace: Workspace) -> None:
        settings = workspace.entra_settings()
        self.provisioning.setChecked(settings.provisioning_enabled)
        self.groups.set_rows(((g.name, g.members) for g in workspace.groups()), settings.synced_groups)
        self.template.setCurrentIndex(max(0, self.template.findData(settings.template.value)))
        self.max_rows.setValue(settings.max_rows)
        self.rewrites.setPlainText("\n".join(f"{a}={b}" for a, b in settings.upn_domain_rewrites))
        self.verified.setPlainText("\n".join(settings.verified_domains))
        self._update_status()

    def settings(self) -> EntraSettings:
        """The form as settings; raises UserError for a malformed rewrite line."""
        rewrites: list[tuple[str, str]] = []
        for number, line in enumerate(self.rewrites.toPlainText().splitlines(), start=1):
            line = line.strip()
            if not line:
                continue
            old, sep, new = line.partition("=")
            if not sep or not old.strip() or not new.strip():
                raise UserError(
                    self.tr("UPN domain rewrites, line %d: write old.domain=new.domain.") % number
                )
            rewrites.append((old.strip(), new.strip()))
        return EntraSettings(
            provisioning_enabled=self.provisioning.isChecked(),
            synced_groups=tuple(self.groups.checked()),
            template=EntraTemplate(self.template.currentData()),
            max_rows=self.max_rows.value(),
            upn_domain_rewrites=tuple(rewrites),
            verified_domains=tuple(split_lines(self.verified.toPlainText())),
        )

    @Slot()
    def _update_status(self) -> None:
        count = len(self.groups.checked())
        self.groups_count.setText(self.tr("%n group(s) marked as synced from Entra ID", "", count))
        if not self.provisioning.isChecked():
            text = self.tr(
                "Provisioning is off: the Microsoft Entra ID action stays unavailable in cleanups."
            )
        elif count == 0:
            text = self.tr(
                "Mark at least one group synced from Entra ID to use the Microsoft Entra ID action."
            )
        else:
            text = self.tr("The Microsoft Entra ID action can be used in cleanups.")
        self.status.setText(text)


class IdentityProvidersDialog(QDialog):
    """Configure identity providers; Save stores and validates, Cancel discards."""

    SETTINGS_KEY = "IdentityProvidersDialog"

    def __init__(self, workspace: Workspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.setObjectName("identityProvidersDialog")
        self.setWindowTitle(self.tr("Identity providers"))
        self.setAccessibleName(self.tr("Identity providers"))
        self.resize(820, 640)
        self.saved_settings: EntraSettings | None = None

        self.providers = QListWidget(self)
        self.providers.setAccessibleName(self.tr("Identity providers"))
        self.providers.addItem(self.tr("Microsoft Entra ID"))
        self.pages = QStackedWidget(self)
        self.entra = EntraPage(workspace, self)
        self.pages.addWidget(self.entra)
        self.providers.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.providers.setCurrentRow(0)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.providers)
        self.splitter.addWidget(self.pages)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([180, 640])
        self.splitter.setChildrenCollapsible(False)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel,
            self,
        )
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setAccessibleName(self.tr("Save identity provider settings"))
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addWidget(self.buttons)
        restore_geometry(self, self.SETTINGS_KEY)
        restore_splitter(self.splitter, self.SETTINGS_KEY)
        self.entra.provisioning.setFocus()

    @Slot()
    def save(self) -> bool:
        """Validate and store the settings; on success the dialog closes."""
        try:
            settings = self.entra.settings()
            self.saved_settings = self.workspace.save_entra_settings(settings)
        except UserError as exc:
            dialogs.error(self, self.tr("Identity providers"), str(exc))
            return False
        log.info(
            "Entra settings saved: provisioning=%s, %d synced group(s)",
            self.saved_settings.provisioning_enabled,
            len(self.saved_settings.synced_groups),
        )
        self.accept()
        return True

    def done(self, result: int) -> None:
        save_geometry(self, self.SETTINGS_KEY)
        save_splitter(self.splitter, self.SETTINGS_KEY)
        super().done(result)
