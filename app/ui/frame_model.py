"""A generic, read-only, lazily paged table model over a pandas DataFrame.

In spyder's style: rows are handed to the view in chunks through ``canFetchMore`` /
``fetchMore``; cells are read with ``DataFrame.iat`` and formatted only in ``data()``;
nothing is computed per row when the frame is set. Sorting and filtering are done in
pandas (vectorised) and followed by a model reset, so a 300,000-row frame opens at once.

Reuse::

    model = DataFrameModel(columns=[("email", "Email"), ("days_inactive", "Days inactive")])
    model.set_frame(frame)
    view.setModel(model); view.setSortingEnabled(True)  # sort() is done in pandas
    filter_box.textChanged.connect(model.set_filter)

``set_formatter(column, fn)`` changes how one column is displayed and
``set_role_hook(role, fn(frame, row, column))`` adds any other role (e.g. a font for
some rows); both run only for the cells being painted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt

from app.ui.table_model import Index, ReadOnlyTableModel

Formatter = Callable[[Any], str]
RoleHook = Callable[[pd.DataFrame, int, int], Any]

#: Rows handed to the view per fetchMore.
CHUNK_ROWS = 1000
#: The frame row label (``frame.index``) of the row.
RowKeyRole = Qt.ItemDataRole.UserRole + 10
#: The raw cell value (None for missing).
ValueRole = Qt.ItemDataRole.UserRole + 11


def is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def default_format(value: Any) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


class DataFrameModel(ReadOnlyTableModel):
    ROW_NUMBERS = True

    def __init__(
        self,
        frame: pd.DataFrame | None = None,
        *,
        columns: Sequence[tuple[str, str]] | None = None,
        chunk_rows: int = CHUNK_ROWS,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._columns_spec = list(columns) if columns is not None else None
        self._chunk = max(1, chunk_rows)
        self._source = pd.DataFrame()
        self._view = pd.DataFrame()
        self._keys: list[str] = []
        self._positions: list[int] = []
        self._resetting = False
        self._has_frame = False
        self._labels: list[str] = []
        self._loaded = 0
        self._filter = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._formatters: dict[str, Formatter] = {}
        self._hooks: dict[int, RoleHook] = {}
        self._right_aligned: set[str] = set()
        if self._columns_spec is not None:  # headers (and column widths) before any data
            self._keys = [key for key, _ in self._columns_spec]
            self._labels = [label for _, label in self._columns_spec]
            self._positions = [-1] * len(self._keys)
        if frame is not None:
            self.set_frame(frame)

    # -- configuration -----------------------------------------------------------------

    def set_formatter(self, column: str, formatter: Formatter) -> None:
        self._formatters[column] = formatter

    def set_role_hook(self, role: int, hook: RoleHook) -> None:
        self._hooks[int(role)] = hook

    def set_right_aligned(self, columns: Sequence[str]) -> None:
        self._right_aligned = set(columns)

    # -- data in -----------------------------------------------------------------------

    def set_frame(self, frame: pd.DataFrame) -> None:
        """Show ``frame`` (kept by reference; not copied). Sort and filter are re-applied."""
        self.beginResetModel()
        self._source = frame
        self._has_frame = True
        if self._columns_spec is not None:
            self._keys = [key for key, _ in self._columns_spec]
            self._labels = [label for _, label in self._columns_spec]
        else:
            self._keys = [str(c) for c in frame.columns]
            self._labels = list(self._keys)
        self._apply_view()
        self._end_reset()

    @property
    def source_frame(self) -> pd.DataFrame:
        return self._source

    @property
    def frame(self) -> pd.DataFrame:
        """The rows in display order (after filter and sort), all of them, loaded or not."""
        return self._view

    @property
    def total_rows(self) -> int:
        return len(self._view)

    @property
    def loaded_rows(self) -> int:
        return self._loaded

    def column_key(self, column: int) -> str:
        return self._keys[column]

    def row_values(self, row: int) -> dict[str, Any]:
        record = self._view.iloc[row]
        return {key: (None if is_missing(record.get(key)) else record.get(key)) for key in self._keys}

    # -- filter and sort (pandas, vectorised) ------------------------------------------

    def set_filter(self, text: str) -> None:
        """Keep rows where any shown column contains ``text`` (case-insensitive)."""
        text = text.strip()
        if text == self._filter:
            return
        self.beginResetModel()
        self._filter = text
        self._apply_view()
        self._end_reset()

    @property
    def filter_text(self) -> str:
        return self._filter

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self._keys) or not self._has_frame:
            # Views sort once when sorting is switched on; before any data that would
            # silently reorder the first frame, so it is ignored.
            return
        self.beginResetModel()
        self._sort = (column, order)
        self._apply_view()
        self._end_reset()

    def _apply_view(self) -> None:
        frame = self._source
        present = [key for key in self._keys if key in frame.columns]
        if self._filter and len(frame) and present:
            needle = self._filter.casefold()
            mask = pd.Series(False, index=frame.index)
            for key in present:
                text = frame[key].astype("string").str.casefold()
                mask |= text.str.contains(needle, regex=False).fillna(False).astype(bool)
            frame = frame[mask]
        if self._sort is not None and len(frame):
            column, order = self._sort
            key = self._keys[column]
            if key in frame.columns:
                ascending = order == Qt.SortOrder.AscendingOrder
                series = frame[key]
                if series.dtype == object or pd.api.types.is_string_dtype(series):
                    sort_key = series.astype("string").str.casefold()
                else:
                    sort_key = series
                order_index = sort_key.sort_values(
                    ascending=ascending, kind="mergesort", na_position="last"
                ).index
                frame = frame.loc[order_index]
        self._view = frame
        columns = list(frame.columns)
        self._positions = [columns.index(key) if key in columns else -1 for key in self._keys]
        self._loaded = min(len(frame), self._chunk)

    def _end_reset(self) -> None:
        # Views and testers may call fetchMore() from their modelReset slot; inserting rows
        # while other slots still see the reset in flight breaks the model contract.
        self._resetting = True
        try:
            self.endResetModel()
        finally:
            self._resetting = False

    # -- lazy loading --------------------------------------------------------------------

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._resetting and self._loaded < len(self._view)

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._resetting:
            return
        remaining = len(self._view) - self._loaded
        if remaining <= 0:
            return
        count = min(self._chunk, remaining)
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    def fetch_all(self) -> None:
        while self.canFetchMore():
            self.fetchMore()

    # -- ReadOnlyTableModel -------------------------------------------------------------

    def row_total(self) -> int:
        return self._loaded

    def column_labels(self) -> Sequence[str]:
        return self._labels

    def _value(self, row: int, column: int) -> Any:
        position = self._positions[column]
        if position < 0:
            return None
        try:
            return self._view.iat[row, position]
        except (IndexError, ValueError):
            return self._view.iloc[row, position]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < self._loaded and 0 <= column < len(self._keys)):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            value = self._value(row, column)
            formatter = self._formatters.get(self._keys[column], default_format)
            return formatter(None if is_missing(value) else value)
        if role == ValueRole:
            value = self._value(row, column)
            return None if is_missing(value) else value
        if role == RowKeyRole:
            return self._view.index[row]
        if role == Qt.ItemDataRole.TextAlignmentRole and self._keys[column] in self._right_aligned:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        hook = self._hooks.get(int(role))
        if hook is not None:
            return hook(self._view, row, column)
        return None
