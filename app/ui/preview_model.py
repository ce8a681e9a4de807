"""The lazy preview of one group's Entra rows (Export data → Identity provider exports).

A group can hold hundreds of thousands of rows, so this model does nothing per row in
Python when it is given a frame: it keeps the frame's columns as numpy arrays and an
integer array of the rows in view (filtered and sorted), hands them to the view in
chunks through ``canFetchMore``/``fetchMore``, and formats a cell only when ``data()``
asks for it. Searching and sorting are vectorised pandas/numpy operations followed by
a model reset. On large frames those run in the shared :class:`~app.ui.worker.Worker`
(the newest request wins; stale results are dropped), on small ones inline.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from PySide6.QtCore import (
    QModelIndex,
    Qt,
    Signal,
    Slot,
)
from PySide6.QtGui import QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QStyle

from app.core.progress import Progress
from app.ui.table_model import RIGHT_ALIGNED, Index, ReadOnlyTableModel
from app.ui.worker import Worker

COL_UPN, COL_NAME, COL_LAST_SEEN, COL_DAYS, COL_STATUS = range(5)
COLUMN_COUNT = 5

#: Rows handed to the view per ``fetchMore``.
CHUNK = 1000
#: Frames with more rows than this are searched and sorted in a worker.
ASYNC_THRESHOLD = 50_000

#: Data roles beyond Qt's own.
SkippedRole = Qt.ItemDataRole.UserRole + 1  # bool: the row is not exported
SortRole = Qt.ItemDataRole.UserRole + 2  # a native value to compare on
RowRole = Qt.ItemDataRole.UserRole + 3  # the row as a dict of the frame's columns

#: Columns of ``Workspace.run_rows``/``entra_group_rows`` the preview reads. Missing
#: ones are treated as empty, so a partial frame still shows.
_FIELDS = ("upn", "email", "display_name", "last_seen", "days_inactive", "skip_reason")


def _is_missing(value: object) -> bool:
    if value is None:
        return True
    try:
        return bool(pd.isna(value))  # type: ignore[call-overload]  # NaN, NaT, pd.NA
    except (TypeError, ValueError):
        return False


def _text(frame: pd.DataFrame, name: str) -> pd.Series:
    """A column as lower-case strings, missing values as ''."""
    if name not in frame.columns:
        return pd.Series([""] * len(frame), dtype="str", index=frame.index)
    return frame[name].astype("str").where(frame[name].notna(), "").str.lower()


def search_haystack(frame: pd.DataFrame) -> pd.Series:
    """One lower-case string per row (UPN, email, display name) to search in."""
    sep = "\x00"
    return _text(frame, "upn") + sep + _text(frame, "email") + sep + _text(frame, "display_name")


def sort_order(frame: pd.DataFrame, column: int, order: Qt.SortOrder) -> np.ndarray:
    """Frame positions sorted on ``column`` (stable; missing values first ascending)."""
    n = len(frame)
    if column == COL_DAYS:
        if "days_inactive" not in frame.columns:
            keys: np.ndarray = np.zeros(n)
        else:
            numeric = pd.to_numeric(frame["days_inactive"], errors="coerce")
            keys = numeric.fillna(-1).to_numpy(dtype=float)
    else:
        if column == COL_UPN:
            upn = _text(frame, "upn")
            series = upn.where(upn != "", _text(frame, "email"))
        elif column == COL_NAME:
            series = _text(frame, "display_name")
        elif column == COL_LAST_SEEN:
            series = _text(frame, "last_seen")
        else:
            series = _text(frame, "skip_reason")
        keys = series.to_numpy(dtype=object)
    positions = np.argsort(keys, kind="stable").astype(np.int64, copy=False)
    if order == Qt.SortOrder.DescendingOrder:
        positions = positions[::-1].copy()
    return positions


def filter_positions(haystack: pd.Series, order: np.ndarray, text: str) -> np.ndarray:
    """The positions of ``order`` whose haystack contains ``text`` (any case, literally)."""
    needle = text.strip().lower()
    if not needle or len(order) == 0:
        return order
    mask = haystack.str.contains(needle, regex=False, na=False).to_numpy(dtype=bool)
    return order[mask[order]]


class PreviewModel(ReadOnlyTableModel):
    """Read-only, lazily fetched table over a pandas DataFrame of run rows.

    ``set_search`` and ``sort`` may finish later (on large frames);
    ``viewApplied`` is emitted each time the rows in view change.
    """

    viewApplied = Signal()
    busyChanged = Signal(bool)

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._frame = pd.DataFrame(columns=list(_FIELDS))
        self._arrays: dict[str, np.ndarray] = {}
        self._skipped = np.zeros(0, dtype=bool)
        self._haystack: pd.Series | None = None
        self._order = np.zeros(0, dtype=np.int64)  # sorted positions, unfiltered
        self._view = np.zeros(0, dtype=np.int64)  # positions in view (sorted, filtered)
        self._loaded = 0
        self._search = ""
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self._generation = 0
        self._worker: Worker | None = None
        self._warning_icon: Any = None
        self.set_frame(self._frame)

    # -- data in --------------------------------------------------------------------

    def set_frame(self, frame: pd.DataFrame) -> None:
        """Show ``frame`` (columns as in ``RUN_ROW_COLUMNS``), unsorted, with the current
        search kept. Cost when there is no search: a few zero-copy array views."""
        self._generation += 1  # drop results computed for the previous frame
        self._cancel_worker()
        frame = frame.reset_index(drop=True)
        n = len(frame)
        self.beginResetModel()
        self._frame = frame
        self._arrays = {
            name: frame[name].to_numpy() if name in frame.columns else np.full(n, None, object)
            for name in _FIELDS
        }
        if "skip_reason" in frame.columns:
            self._skipped = frame["skip_reason"].notna().to_numpy(dtype=bool)
        else:
            self._skipped = np.zeros(n, dtype=bool)
        self._haystack = None
        self._order = np.arange(n, dtype=np.int64)
        self._sort = None
        self._view = self._order
        self._loaded = min(CHUNK, n)
        self.endResetModel()
        if self._search:
            search, self._search = self._search, ""
            self.set_search(search)
        else:
            self.viewApplied.emit()

    def set_search(self, text: str) -> None:
        """Keep only rows whose UPN, email or display name contains ``text`` (any case)."""
        text = text.strip()
        if text == self._search:
            return
        self._search = text
        self._recompute(sort=self._sort)

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the whole frame (not just the fetched rows) with one vectorised argsort."""
        if not 0 <= column < COLUMN_COUNT or self._sort == (column, order):
            return
        self._recompute(sort=(column, order))

    def is_busy(self) -> bool:
        return self._worker is not None

    def _recompute(self, *, sort: tuple[int, Qt.SortOrder] | None) -> None:
        self._generation += 1
        generation = self._generation
        frame, search = self._frame, self._search
        haystack = self._haystack
        order = self._order if sort == self._sort else None

        def compute(progress: Progress | None = None) -> tuple[Any, ...]:
            new_order = order
            if new_order is None:
                assert sort is not None
                new_order = sort_order(frame, *sort)
            if progress is not None:
                progress.check()
            hay = haystack
            if search and hay is None:
                hay = search_haystack(frame)
            view = new_order
            if search and hay is not None:
                view = filter_positions(hay, new_order, search)
            return generation, sort, new_order, hay, view

        self._cancel_worker()
        if len(frame) <= ASYNC_THRESHOLD:
            self._apply(compute())
            return
        worker = Worker(compute, name="preview-view")
        worker.finished.connect(self._apply)
        worker.ended.connect(self._on_worker_ended)
        self._worker = worker
        self.busyChanged.emit(True)
        worker.start()

    def _cancel_worker(self) -> None:
        if self._worker is not None:
            self._worker.cancel()

    @Slot()
    def _on_worker_ended(self) -> None:
        worker = self.sender()
        if worker is self._worker:
            self._worker = None
            self.busyChanged.emit(False)

    @Slot(object)
    def _apply(self, result: tuple[Any, ...]) -> None:
        generation, sort, order, haystack, view = result
        if generation != self._generation:
            return  # a newer request (or frame) superseded this one
        # With lazy fetching a re-order is a reset: start again from the first chunk.
        self.beginResetModel()
        self._sort = sort
        self._order = order
        if haystack is not None:
            self._haystack = haystack
        self._view = view
        self._loaded = min(CHUNK, len(view))
        self.endResetModel()
        self.viewApplied.emit()

    # -- facts for the dialog -------------------------------------------------------

    @property
    def frame(self) -> pd.DataFrame:
        return self._frame

    def total_rows(self) -> int:
        return len(self._frame)

    def visible_rows(self) -> int:
        """Rows matching the search (fetched or not)."""
        return len(self._view)

    def skipped_rows(self) -> int:
        return int(self._skipped.sum())

    def search_text(self) -> str:
        return self._search

    def position(self, row: int) -> int:
        """The frame position shown at view ``row``."""
        return int(self._view[row])

    # -- ReadOnlyTableModel ---------------------------------------------------------

    def row_total(self) -> int:
        return self._loaded

    def column_labels(self) -> Sequence[str]:
        return (
            self.tr("User principal name"),
            self.tr("Display name"),
            self.tr("Last seen"),
            self.tr("Days inactive"),
            self.tr("Status"),
        )

    def right_aligned(self, column: int) -> bool:
        return column == COL_DAYS

    def canFetchMore(self, parent: Index) -> bool:
        return not parent.isValid() and self._loaded < len(self._view)

    def fetchMore(self, parent: Index) -> None:
        if parent.isValid():
            return
        remaining = len(self._view) - self._loaded
        if remaining <= 0:
            return
        count = min(CHUNK, remaining)
        self.beginInsertRows(QModelIndex(), self._loaded, self._loaded + count - 1)
        self._loaded += count
        self.endInsertRows()

    def fetch_all(self) -> None:
        """Make every row in view available (for tests and 'scroll to end')."""
        if self._loaded < len(self._view):
            self.beginInsertRows(QModelIndex(), self._loaded, len(self._view) - 1)
            self._loaded = len(self._view)
            self.endInsertRows()

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if not (0 <= row < self._loaded and 0 <= column < COLUMN_COUNT):
            return None
        pos = int(self._view[row])
        skipped = bool(self._skipped[pos])
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self._display(pos, column, skipped)
        if role == SortRole:
            return self._sort_value(pos, column)
        if role == SkippedRole:
            return skipped
        if role == RowRole:
            return {name: self._arrays[name][pos] for name in _FIELDS}
        if role == Qt.ItemDataRole.ToolTipRole:
            if skipped:
                return self.tr("Not exported: %s") % self._arrays["skip_reason"][pos]
            if column == COL_UPN:
                email = self._arrays["email"][pos]
                return self.tr("Atlassian account: %s") % email if email else None
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column == COL_DAYS:
            return RIGHT_ALIGNED
        if not skipped:
            return None
        # Skipped rows: a warning icon from the current style, dimmed text taken from the
        # current palette (so it stays readable in light and dark themes) and italics.
        if role == Qt.ItemDataRole.DecorationRole and column == COL_STATUS:
            return self._icon()
        if role == Qt.ItemDataRole.ForegroundRole:
            return QGuiApplication.palette().brush(QPalette.ColorRole.PlaceholderText)
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _icon(self) -> Any:
        if self._warning_icon is None:
            style = QApplication.style()
            self._warning_icon = style.standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        return self._warning_icon

    def _display(self, pos: int, column: int, skipped: bool) -> str:
        if column == COL_UPN:
            upn = self._arrays["upn"][pos]
            if not _is_missing(upn) and upn:
                return str(upn)
            email = self._arrays["email"][pos]
            return "" if _is_missing(email) else str(email)
        if column == COL_NAME:
            name = self._arrays["display_name"][pos]
            return "" if _is_missing(name) else str(name)
        if column == COL_LAST_SEEN:
            seen = self._arrays["last_seen"][pos]
            return self.tr("Never") if _is_missing(seen) or seen == "" else str(seen)[:10]
        if column == COL_DAYS:
            days = self._arrays["days_inactive"][pos]
            return "" if _is_missing(days) else f"{int(days):,}"
        # COL_STATUS
        if skipped:
            return self.tr("Skipped: %s") % self._arrays["skip_reason"][pos]
        return self.tr("Will be removed")

    def _sort_value(self, pos: int, column: int) -> Any:
        if column == COL_DAYS:
            days = self._arrays["days_inactive"][pos]
            return -1 if _is_missing(days) else int(days)
        return self._display(pos, column, bool(self._skipped[pos])).casefold()
