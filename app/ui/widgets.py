"""Widgets and helpers shared by the dialogs.

- :class:`CheckList`: the searchable, checkable list of groups (New cleanup, Identity
  providers, Export data, Settings).
- Saving and restoring window geometry, splitters and header state in QSettings.
- Small builders: the filter box and the Entra template chooser.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from PySide6.QtCore import (
    QByteArray,
    QCoreApplication,
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
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.core.models import EntraTemplate

#: Item data role holding a row's key (the group name) in a :class:`CheckList`.
KeyRole = Qt.ItemDataRole.UserRole + 1


def _restore(key: str, name: str, apply: Callable[[QByteArray], object]) -> None:
    value = QSettings().value(f"{key}/{name}")
    if isinstance(value, QByteArray | bytes) and value:
        apply(QByteArray(value))


def restore_geometry(widget: QWidget, key: str) -> None:
    _restore(key, "geometry", widget.restoreGeometry)


def save_geometry(widget: QWidget, key: str) -> None:
    QSettings().setValue(f"{key}/geometry", widget.saveGeometry())


def restore_splitter(splitter: QSplitter, key: str) -> None:
    _restore(key, "splitter", splitter.restoreState)


def save_splitter(splitter: QSplitter, key: str) -> None:
    QSettings().setValue(f"{key}/splitter", splitter.saveState())


def restore_state(widget: QWidget, key: str, header: QHeaderView | None = None) -> None:
    """Window geometry and (optionally) a header's column widths and order."""
    restore_geometry(widget, key)
    if header is not None:
        _restore(key, "header", header.restoreState)


def save_state(widget: QWidget, key: str, header: QHeaderView | None = None) -> None:
    save_geometry(widget, key)
    if header is not None:
        QSettings().setValue(f"{key}/header", header.saveState())


def filter_box(parent: QWidget, placeholder: str, accessible: str) -> QLineEdit:
    box = QLineEdit(parent)
    box.setPlaceholderText(placeholder)
    box.setAccessibleName(accessible)
    box.setClearButtonEnabled(True)
    return box


def template_combo(parent: QWidget, current: EntraTemplate) -> QComboBox:
    """The Entra CSV template variant chooser (Identity providers, Export data)."""
    combo = QComboBox(parent)
    combo.addItem(
        QCoreApplication.translate("TemplateCombo", "Current (header row only)"), EntraTemplate.CURRENT.value
    )
    combo.addItem(
        QCoreApplication.translate("TemplateCombo", "Legacy (version:v1.0 row before the header)"),
        EntraTemplate.LEGACY.value,
    )
    combo.setAccessibleName(QCoreApplication.translate("TemplateCombo", "Template variant"))
    combo.setCurrentIndex(max(0, combo.findData(current.value)))
    return combo


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

        self.search = filter_box(
            self, search_placeholder or self.tr("Search groups"), self.tr("Search %s") % name
        )
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

    def set_checked(self, keys: str | Iterable[str], checked: bool = True) -> None:
        """Check (or uncheck) the rows with these keys; one key may be given as a string."""
        wanted = {keys.casefold()} if isinstance(keys, str) else {k.casefold() for k in keys}
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
