"""Dialogs are freed by reference counting, never by the cyclic garbage collector.

A child widget that keeps a strong Python reference to its parentless dialog (the Export
data pages once held ``self.dialog``) puts the dialog in a reference cycle through
shiboken's parent-child links. The cyclic GC then clears the wrappers in arbitrary order;
shiboken 6.11 gives a cleared child wrapper the ownership of its C++ widget back, so the
page stack deleted itself, its pages dropped the last reference to the dialog, and the
dialog deleted the half-destroyed stack again: a segfault in ``QWidget::~QWidget``,
whenever a collection ran (after a test, or on any thread while a worker allocated).
"""

from __future__ import annotations

import gc
import weakref
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from app.core.progress import Progress
from app.ui import worker
from app.ui.cleanup_dialog import CleanupDialog
from app.ui.dialogs import CrashDialog
from app.ui.export_dialog import ExportDialog
from app.ui.idp_dialog import IdentityProvidersDialog
from app.ui.import_flow import ColumnMappingDialog
from app.ui.window_dialogs import AboutDialog, AffectedUsersDialog, LogDialog, SettingsDialog


def _run_id(ws: Any, *, idp: bool) -> int:
    return next(r.id for r in ws.runs() if r.has_idp_rows == idp)


#: Every dialog of the app, built without a parent (as tests and the crash above do).
DIALOGS: dict[str, Callable[[Any, Path], QDialog]] = {
    "identity providers": lambda ws, tmp: IdentityProvidersDialog(ws),
    "export data": lambda ws, tmp: ExportDialog(ws, _run_id(ws, idp=True)),
    "export data without idp rows": lambda ws, tmp: ExportDialog(ws, _run_id(ws, idp=False)),
    "settings": lambda ws, tmp: SettingsDialog(ws),
    "log": lambda ws, tmp: LogDialog(None, path=tmp / "missing.log"),
    "about": lambda ws, tmp: AboutDialog(None, tmp),
    "affected users": lambda ws, tmp: AffectedUsersDialog(ws, ws.runs()[0]),
    "new cleanup": lambda ws, tmp: CleanupDialog(ws),
    "column mapping": lambda ws, tmp: ColumnMappingDialog(tmp / "users.csv", ["mail", "name"]),
    "crash": lambda ws, tmp: CrashDialog("Traceback: details"),
}


def _open(qtbot: Any, dialog: QDialog) -> None:
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: not worker.running_workers())


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_escape_closes(qtbot: Any, demo_workspace: Any, tmp_path: Path, name: str) -> None:
    """The repro of the crash: the dialog is dropped when the test returns, and pytest-qt's
    event processing runs the collection that used to segfault."""
    dialog = DIALOGS[name](demo_workspace, tmp_path)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


@pytest.fixture
def saved_garbage() -> Iterator[list[Any]]:
    """The cyclic GC saves what it finds unreachable in ``gc.garbage`` instead of clearing it
    (clearing is what crashed), so a cycle can be asserted on without running into it.
    (It still clears the weak references to what it saves.)"""
    gc.collect()
    was_enabled = gc.isenabled()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        yield gc.garbage
    finally:
        gc.set_debug(0)
        # Delete the C++ side of every saved window first: its wrappers become invalid, and
        # collecting them later deletes nothing.
        for obj in gc.garbage:
            if isinstance(obj, QWidget) and shiboken6.isValid(obj) and obj.parent() is None:
                shiboken6.delete(obj)
        gc.garbage.clear()
        if was_enabled:
            gc.enable()


def _live_widgets(objects: list[Any]) -> list[str]:
    return [type(obj).__name__ for obj in objects if isinstance(obj, QWidget) and shiboken6.isValid(obj)]


@pytest.mark.parametrize("name", sorted(DIALOGS))
def test_closed_dialog_is_not_in_a_reference_cycle(
    qtbot: Any, demo_workspace: Any, tmp_path: Path, name: str, saved_garbage: list[Any]
) -> None:
    dialog = DIALOGS[name](demo_workspace, tmp_path)
    _open(qtbot, dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    ref = weakref.ref(dialog)
    del dialog
    gc.collect()
    assert _live_widgets(saved_garbage) == [], f"{name}: only the cyclic GC would free these"
    alive = ref()
    if alive is not None:  # kept by a signal connection (not a cycle): Qt deletes it later
        alive.deleteLater()


def test_collections_while_work_runs_do_not_crash(qtbot: Any, demo_workspace: Any) -> None:
    """What the worker module once paused the GC for: a collection on any thread (here both
    the UI thread and the worker's) while dropped dialogs are waiting to be freed."""
    run_id = _run_id(demo_workspace, idp=True)
    for _ in range(3):
        dialog = ExportDialog(demo_workspace, run_id)
        _open(qtbot, dialog)
        assert dialog.rows_loaded()
        dialog.reject()
        del dialog

    def allocate(progress: Progress) -> int:
        # Container-heavy work, like pandas': it starts collections of every generation on
        # the worker's thread, while the UI thread's own allocations start them there.
        rows = [{"row": i, "cells": [i]} for i in range(200_000)]
        progress.check()
        return len(rows)

    job = worker.Worker(allocate, name="allocate")
    assert gc.isenabled()
    with qtbot.waitSignal(job.finished, timeout=30_000) as finished:
        job.start()
    assert finished.args == [200_000]
    gc.collect()
