"""The History table: one row per recorded cleanup run (``Workspace.runs()``).

A read-only model in vorta's style: ``COL_*`` constants, translatable headers marked with
``QT_TRANSLATE_NOOP``, ``set_rows`` inside a model reset, a sort role with native values
and an object role, and a proxy that sorts on the sort role and filters on all columns.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLocale,
    QSortFilterProxyModel,
    Qt,
)

from app.core.models import Action, RunSummary
from app.ui.table_model import Index, ReadOnlyTableModel

COL_NAME = 0
COL_RUN_AT = 1
COL_ACTION = 2
COL_CRITERIA = 3
COL_AFFECTED = 4
COL_IDP_GROUPS = 5
COL_STATUS = 6

CONTEXT = "HistoryModel"
HEADERS = (
    QT_TRANSLATE_NOOP("HistoryModel", "Name"),
    QT_TRANSLATE_NOOP("HistoryModel", "Run at"),
    QT_TRANSLATE_NOOP("HistoryModel", "Action"),
    QT_TRANSLATE_NOOP("HistoryModel", "Criteria"),
    QT_TRANSLATE_NOOP("HistoryModel", "Affected users"),
    QT_TRANSLATE_NOOP("HistoryModel", "Entra-synced groups"),
    QT_TRANSLATE_NOOP("HistoryModel", "Status"),
)
ACTION_LABELS = {
    Action.REVIEW: QT_TRANSLATE_NOOP("HistoryModel", "Add to list for review"),
    Action.ENTRA: QT_TRANSLATE_NOOP("HistoryModel", "Microsoft Entra ID action"),
}

#: Native value to sort on (numbers, ISO timestamps, case-folded text).
SortRole = Qt.ItemDataRole.UserRole + 1
#: The row's :class:`RunSummary`.
RunRole = Qt.ItemDataRole.UserRole + 2
#: The row's run id.
RunIdRole = Qt.ItemDataRole.UserRole + 3

_NUMERIC = (COL_AFFECTED,)


def tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def action_label(action: Action) -> str:
    return tr(str(ACTION_LABELS.get(action, str(action))))


def idp_groups_text(run: RunSummary) -> str:
    if not run.idp_groups:
        return "—"
    names = sorted(run.idp_groups, key=str.casefold)
    if len(names) <= 2:
        return ", ".join(f"{name} ({run.idp_groups[name]})" for name in names)
    return QCoreApplication.translate("HistoryModel", "{count} groups ({rows} rows)").format(
        count=len(names), rows=sum(run.idp_groups.values())
    )


def idp_groups_tooltip(run: RunSummary) -> str:
    if not run.idp_groups:
        return QCoreApplication.translate("HistoryModel", "No Microsoft Entra ID rows in this run")
    lines = [
        QCoreApplication.translate("HistoryModel", "{group}: {rows} users to remove in Entra ID").format(
            group=name, rows=rows
        )
        for name, rows in sorted(run.idp_groups.items(), key=lambda kv: kv[0].casefold())
    ]
    return "\n".join(lines)


class HistoryModel(ReadOnlyTableModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._runs: list[RunSummary] = []
        self._locale = QLocale()

    # -- data in -----------------------------------------------------------------------

    def set_rows(self, runs: Sequence[RunSummary]) -> None:
        self.beginResetModel()
        self._runs = list(runs)
        self.endResetModel()

    def runs(self) -> list[RunSummary]:
        return list(self._runs)

    def run_at_row(self, row: int) -> RunSummary:
        return self._runs[row]

    def row_of(self, run_id: int) -> int | None:
        for row, run in enumerate(self._runs):
            if run.id == run_id:
                return row
        return None

    def update_run(self, run: RunSummary) -> None:
        """Replace one run (e.g. its status after an export) without a reset."""
        row = self.row_of(run.id)
        if row is None:
            return
        self._runs[row] = run
        self.dataChanged.emit(self.index(row, 0), self.index(row, self.columnCount() - 1))

    # -- ReadOnlyTableModel -------------------------------------------------------------

    def row_total(self) -> int:
        return len(self._runs)

    def column_labels(self) -> Sequence[str]:
        return [tr(str(header)) for header in HEADERS]

    def right_aligned(self, column: int) -> bool:
        return column in _NUMERIC

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._runs):
            return None
        run = self._runs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(run, column)
        if role == SortRole:
            return self._sort_value(run, column)
        if role == RunRole:
            return run
        if role == RunIdRole:
            return run.id
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == COL_CRITERIA:
                return run.criteria.summary()
            if column == COL_IDP_GROUPS:
                return idp_groups_tooltip(run)
            if column == COL_NAME:
                return run.name
            return None
        if role == Qt.ItemDataRole.TextAlignmentRole and column in _NUMERIC:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, run: RunSummary, column: int) -> str:
        if column == COL_NAME:
            return run.name
        if column == COL_RUN_AT:
            return run.run_at.strftime("%Y-%m-%d %H:%M")
        if column == COL_ACTION:
            return action_label(run.action)
        if column == COL_CRITERIA:
            return run.criteria.summary()
        if column == COL_AFFECTED:
            return self._locale.toString(run.affected_users)
        if column == COL_IDP_GROUPS:
            return idp_groups_text(run)
        if column == COL_STATUS:
            return run.status
        return ""

    @staticmethod
    def _sort_value(run: RunSummary, column: int) -> Any:
        if column == COL_NAME:
            return run.name.casefold()
        if column == COL_RUN_AT:
            return run.run_at.isoformat()
        if column == COL_ACTION:
            return str(run.action)
        if column == COL_CRITERIA:
            return run.criteria.summary().casefold()
        if column == COL_AFFECTED:
            return run.affected_users
        if column == COL_IDP_GROUPS:
            return sum(run.idp_groups.values())
        if column == COL_STATUS:
            return run.status
        return None


class HistoryProxyModel(QSortFilterProxyModel):
    """Sorts on :data:`SortRole`; the text filter matches any column, ignoring case."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSortRole(SortRole)
        self.setFilterKeyColumn(-1)
        self.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setSortCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setDynamicSortFilter(True)

    def set_filter_text(self, text: str) -> None:
        self.setFilterFixedString(text.strip())
