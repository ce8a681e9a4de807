"""The History model and its proxy: columns, roles, sorting and filtering."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt

from app.core.models import Action, Criteria, RunSummary
from app.ui import history_model as hm


def run(
    run_id: int,
    name: str,
    day: int,
    affected: int,
    idp: dict[str, int] | None = None,
    action=Action.ENTRA,
) -> RunSummary:
    return RunSummary(
        id=run_id,
        name=name,
        run_at=dt.datetime(2026, 3, day, 9, 30),
        action=action,
        criteria=Criteria(
            target_groups=("jira-software-users",),
            inactive_days=90,
            as_of=dt.date(2026, 3, day),
        ),
        affected_users=affected,
        idp_groups=idp or {},
        status="completed",
    )


RUNS = [
    run(3, "Quarterly Jira", 20, 1200, {"entra-jira": 900, "entra-conf": 250}),
    run(2, "confluence review", 10, 45, action=Action.REVIEW),
    run(1, "Big sweep", 1, 30000, {"a": 1, "b": 2, "c": 3}),
]


def test_passes_qtmodeltester(qtmodeltester):
    model = hm.HistoryModel()
    model.set_rows(RUNS)
    qtmodeltester.check(model, force_py=True)
    proxy = hm.HistoryProxyModel()
    proxy.setSourceModel(model)
    proxy.sort(hm.COL_AFFECTED)
    proxy.set_filter_text("jira")
    qtmodeltester.check(proxy, force_py=True)


def test_columns_show_what_the_issue_asks_for(qtbot):
    model = hm.HistoryModel()
    model.set_rows(RUNS)
    headers = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(model.columnCount())]
    assert headers == [
        "Name",
        "Run at",
        "Action",
        "Criteria",
        "Affected users",
        "Entra-synced groups",
        "Status",
    ]
    row = [model.data(model.index(0, c)) for c in range(model.columnCount())]
    assert row[hm.COL_NAME] == "Quarterly Jira"
    assert row[hm.COL_RUN_AT] == "2026-03-20 09:30"
    assert row[hm.COL_ACTION] == "Microsoft Entra ID action"
    assert row[hm.COL_CRITERIA] == "jira-software-users; ≥ 90 days inactive"
    assert row[hm.COL_AFFECTED].replace(",", "").replace("\u00a0", "") == "1200"
    assert row[hm.COL_IDP_GROUPS] == "entra-conf (250), entra-jira (900)"
    assert row[hm.COL_STATUS] == "completed"
    assert model.data(model.index(1, hm.COL_ACTION)) == "Add to list for review"
    assert model.data(model.index(1, hm.COL_IDP_GROUPS)) == "—"
    assert model.data(model.index(2, hm.COL_IDP_GROUPS)) == "3 groups (6 rows)"
    assert "entra-jira: 900" in model.data(model.index(0, hm.COL_IDP_GROUPS), Qt.ItemDataRole.ToolTipRole)


def test_object_and_id_roles(qtbot):
    model = hm.HistoryModel()
    model.set_rows(RUNS)
    assert model.data(model.index(1, 3), hm.RunRole) is RUNS[1]
    assert model.data(model.index(2, 0), hm.RunIdRole) == 1
    assert model.row_of(2) == 1
    assert model.row_of(99) is None


def test_proxy_sorts_numbers_numerically_and_dates_chronologically(qtbot):
    model = hm.HistoryModel()
    model.set_rows(RUNS)
    proxy = hm.HistoryProxyModel()
    proxy.setSourceModel(model)

    def names() -> list[str]:
        return [proxy.data(proxy.index(r, hm.COL_NAME)) for r in range(proxy.rowCount())]

    proxy.sort(hm.COL_AFFECTED, Qt.SortOrder.AscendingOrder)
    assert names() == [
        "confluence review",
        "Quarterly Jira",
        "Big sweep",
    ]  # 45 < 1200 < 30000
    proxy.sort(hm.COL_RUN_AT, Qt.SortOrder.AscendingOrder)
    assert names() == ["Big sweep", "confluence review", "Quarterly Jira"]
    proxy.sort(hm.COL_NAME, Qt.SortOrder.AscendingOrder)
    assert names() == [
        "Big sweep",
        "confluence review",
        "Quarterly Jira",
    ]  # case-insensitive


def test_proxy_filter_matches_any_column(qtbot):
    model = hm.HistoryModel()
    model.set_rows(RUNS)
    proxy = hm.HistoryProxyModel()
    proxy.setSourceModel(model)
    proxy.set_filter_text("ENTRA-CONF")
    assert proxy.rowCount() == 1
    proxy.set_filter_text("review")
    assert [proxy.data(proxy.index(r, 0)) for r in range(proxy.rowCount())] == ["confluence review"]
    proxy.set_filter_text("  ")
    assert proxy.rowCount() == 3


def test_update_run_emits_data_changed_for_one_row(qtbot):
    model = hm.HistoryModel()
    model.set_rows(RUNS)
    changed = RunSummary(**{**RUNS[1].__dict__, "status": "exported (2 files)"})
    with qtbot.waitSignal(model.dataChanged) as blocker:
        model.update_run(changed)
    top_left, bottom_right = blocker.args[:2]
    assert (top_left.row(), bottom_right.row()) == (1, 1)
    assert model.data(model.index(1, hm.COL_STATUS)) == "exported (2 files)"


def test_many_rows_reset_in_one_go(qtbot):
    model = hm.HistoryModel()
    many = [run(i, f"run {i}", 1 + i % 28, i) for i in range(5000)]
    with qtbot.waitSignal(model.modelReset):
        model.set_rows(many)
    assert model.rowCount() == 5000
