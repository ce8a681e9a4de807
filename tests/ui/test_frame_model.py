"""The generic lazy DataFrame model: paging, formatting, pandas sort and filter."""

from __future__ import annotations

import time

import pandas as pd
from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QTableView

from app.ui.frame_model import DataFrameModel, RowKeyRole, ValueRole


def users(n: int) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "email": [f"user{i:06d}@example.com" for i in range(n)],
            "display_name": [f"User {i}" for i in range(n)],
            "days_inactive": pd.array([i % 400 if i % 7 else None for i in range(n)], dtype="Int64"),
            "last_seen": [None if i % 7 == 0 else "2025-01-02" for i in range(n)],
        }
    )


COLUMNS = [
    ("email", "Email"),
    ("display_name", "Name"),
    ("days_inactive", "Days inactive"),
]


def test_passes_qtmodeltester(qtmodeltester):
    model = DataFrameModel(users(2500), columns=COLUMNS, chunk_rows=1000)
    qtmodeltester.check(model)
    model.fetchMore()
    model.sort(2, Qt.SortOrder.DescendingOrder)
    model.set_filter("user0001")
    qtmodeltester.check(model)


def test_rows_are_handed_out_in_chunks(qtbot):
    model = DataFrameModel(users(2500), columns=COLUMNS, chunk_rows=1000)
    assert model.rowCount() == 1000
    assert model.total_rows == 2500
    assert model.canFetchMore(QModelIndex())
    with qtbot.waitSignal(model.rowsInserted) as blocker:
        model.fetchMore(QModelIndex())
    assert blocker.args[1:] == [1000, 1999]
    model.fetchMore(QModelIndex())
    assert model.rowCount() == 2500
    assert not model.canFetchMore(QModelIndex())


def test_headers_and_cells_are_formatted(qtbot):
    model = DataFrameModel(users(10), columns=COLUMNS)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == [
        "Email",
        "Name",
        "Days inactive",
    ]
    assert model.headerData(0, Qt.Orientation.Vertical) == "1"
    assert model.data(model.index(1, 0)) == "user000001@example.com"
    assert model.data(model.index(1, 2)) == "1"
    assert model.data(model.index(0, 2)) == ""  # <NA> shows as empty
    assert model.data(model.index(0, 2), ValueRole) is None
    model.set_formatter("days_inactive", lambda v: "never" if v is None else f"{v} d")
    assert model.data(model.index(0, 2)) == "never"
    assert model.data(model.index(3, 2)) == "3 d"


def test_all_columns_by_default_and_missing_columns_are_blank(qtbot):
    model = DataFrameModel(users(3))
    assert model.columnCount() == 4
    assert model.headerData(3, Qt.Orientation.Horizontal) == "last_seen"
    partial = DataFrameModel(users(3), columns=[("email", "Email"), ("upn", "UPN")])
    assert partial.data(partial.index(0, 1)) == ""


def test_sort_is_done_in_pandas_with_missing_last(qtbot):
    model = DataFrameModel(users(20), columns=COLUMNS)
    model.sort(2, Qt.SortOrder.DescendingOrder)
    shown = [model.data(model.index(r, 2)) for r in range(model.rowCount())]
    assert shown[0] == "19"
    assert shown[-3:] == ["", "", ""]  # rows 0, 7, 14 have no value
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert model.data(model.index(0, 0)) == "user000019@example.com"
    assert model.data(model.index(0, 0), RowKeyRole) == 19


def test_filter_matches_any_shown_column_ignoring_case(qtbot):
    model = DataFrameModel(users(50), columns=COLUMNS)
    with qtbot.waitSignal(model.modelReset):
        model.set_filter("USER 4")
    assert [model.data(model.index(r, 1)) for r in range(model.rowCount())] == ["User 4"] + [
        f"User {i}" for i in range(40, 50)
    ]
    model.set_filter("")
    assert model.total_rows == 50
    assert model.filter_text == ""


def test_role_hook_and_alignment(qtbot):
    model = DataFrameModel(users(8), columns=COLUMNS)
    bold = QFont()
    bold.setBold(True)
    model.set_role_hook(
        Qt.ItemDataRole.FontRole,
        lambda frame, row, col: bold if pd.isna(frame["days_inactive"].iat[row]) else None,
    )
    model.set_right_aligned(["days_inactive"])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) == bold
    assert model.data(model.index(1, 0), Qt.ItemDataRole.FontRole) is None
    assert model.data(model.index(1, 2), Qt.ItemDataRole.TextAlignmentRole) == int(
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    )
    assert model.row_values(0) == {
        "email": "user000000@example.com",
        "display_name": "User 0",
        "days_inactive": None,
    }


def test_300k_rows_open_and_scroll_to_the_end_quickly(qtbot):
    frame = users(300_000)
    view = QTableView()
    qtbot.addWidget(view)
    began = time.perf_counter()
    model = DataFrameModel(frame, columns=COLUMNS)
    view.setModel(model)
    view.resize(800, 600)
    view.show()
    view.scrollToBottom()
    opened = time.perf_counter() - began
    assert model.rowCount() <= 2000  # only the visible chunks
    assert opened < 1.0
    began = time.perf_counter()
    model.sort(0, Qt.SortOrder.DescendingOrder)
    assert time.perf_counter() - began < 2.0
    assert model.data(model.index(0, 0)) == "user299999@example.com"


def test_headers_exist_before_data_and_an_early_sort_is_ignored(qtbot):
    model = DataFrameModel(columns=COLUMNS)
    assert model.columnCount() == 3
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Email"
    model.sort(0, Qt.SortOrder.DescendingOrder)  # what a view does when sorting is enabled
    model.set_frame(users(3))
    assert [model.data(model.index(r, 0)) for r in range(3)] == [
        f"user00000{i}@example.com" for i in range(3)
    ]
