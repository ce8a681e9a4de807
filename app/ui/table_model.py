"""The read-only table model base shared by the History, affected-users and preview tables.

Subclasses say how many rows are available (:meth:`row_total`), what the column headers
are (:meth:`column_labels`) and which columns are numbers (:meth:`right_aligned`); the
Qt boilerplate (counts guarded on ``parent.isValid()``, flags, header data) lives here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

Index = QModelIndex | QPersistentModelIndex

#: Alignment of number columns (cells and headers).
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class ReadOnlyTableModel(QAbstractTableModel):
    """A flat, read-only, selectable table."""

    #: Show 1-based row numbers in the vertical header.
    ROW_NUMBERS = False

    def row_total(self) -> int:
        """Rows currently available to views (subclasses say how many; the base is empty)."""
        return 0

    def column_labels(self) -> Sequence[str]:
        """The (translated) horizontal header labels (subclasses name their columns)."""
        return ()

    def right_aligned(self, column: int) -> bool:
        """True for number columns."""
        return False

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.row_total()

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.column_labels())

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal:
            labels = self.column_labels()
            if not 0 <= section < len(labels):
                return None
            if role == Qt.ItemDataRole.DisplayRole:
                return labels[section]
            if role == Qt.ItemDataRole.TextAlignmentRole and self.right_aligned(section):
                return RIGHT_ALIGNED
            return None
        if self.ROW_NUMBERS and role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.row_total():
            return str(section + 1)
        return None
