"""The worker helper: results, progress, errors, cancel and shutdown, all through signals."""

from __future__ import annotations

import gc
import threading

import pytest
from PySide6.QtCore import QThread
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot

from app.core.errors import InputFileError
from app.core.progress import Progress
from app.ui import worker as worker_mod
from app.ui.worker import ProgressPanel, Worker, WorkerProgressDialog, is_user_error


def test_finished_carries_the_result_and_runs_off_the_ui_thread(qtbot):
    seen_threads: list[object] = []

    def fn(progress: Progress) -> int:
        seen_threads.append(QThread.currentThread())
        return 6 * 7

    w = Worker(fn, name="answer")
    with qtbot.waitSignal(w.finished, timeout=5000) as blocker:
        w.start()
    assert blocker.args == [42]
    assert w.state == "finished"
    assert w.result == 42
    assert seen_threads
    assert seen_threads[0] is not QApplication.instance().thread()


def test_progress_arrives_on_the_ui_thread_in_order(qtbot, monkeypatch):
    monkeypatch.setattr(worker_mod, "PROGRESS_INTERVAL_S", 0.0)
    received: list[tuple[float, str, bool]] = []
    ui_thread = QApplication.instance().thread()

    def on_progress(fraction: float, message: str) -> None:
        received.append((fraction, message, QThread.currentThread() is ui_thread))

    def fn(progress: Progress) -> None:
        for i in range(5):
            progress.step(i / 4, f"step {i}")

    w = Worker(fn)
    w.progress.connect(on_progress)
    with qtbot.waitSignal(w.ended, timeout=5000):
        w.start()
    qtbot.waitUntil(lambda: len(received) == 5)
    assert [r[:2] for r in received] == [(i / 4, f"step {i}") for i in range(5)]
    assert all(r[2] for r in received)


def test_user_error_and_bug_are_told_apart(qtbot):
    def bad_input(progress: Progress) -> None:
        raise InputFileError("users.csv", "no email column", line=1)

    def bug(progress: Progress) -> None:
        raise KeyError("oops")

    w1 = Worker(bad_input)
    with qtbot.waitSignal(w1.failed, timeout=5000) as blocker:
        w1.start()
    (exc,) = blocker.args
    assert isinstance(exc, InputFileError)
    assert is_user_error(exc)
    assert "users.csv, line 1" in str(exc)

    w2 = Worker(bug)
    with qtbot.waitSignal(w2.failed, timeout=5000) as blocker:
        w2.start()
    (exc,) = blocker.args
    assert isinstance(exc, KeyError)
    assert not is_user_error(exc)
    assert exc.__traceback__ is not None  # the crash dialog can show where
    assert w2.state == "failed"


def test_cancel_stops_at_the_next_step_and_emits_cancelled(qtbot):
    started = threading.Event()
    release = threading.Event()
    steps: list[int] = []

    def fn(progress: Progress) -> str:
        started.set()
        release.wait(5)
        for i in range(100):
            progress.step(i / 100, "working")
            steps.append(i)
        return "not cancelled"

    w = Worker(fn)
    finished: list[object] = []
    w.finished.connect(finished.append)
    w.start()
    assert started.wait(5)
    w.cancel()
    # Release inside the block: the queued signal must not be emitted before
    # waitSignal connects to it.
    with qtbot.waitSignal(w.cancelled, timeout=5000):
        release.set()
    assert steps == []
    assert finished == []
    assert w.state == "cancelled"


def test_cancel_before_the_thread_starts_never_runs_the_function(qtbot):
    ran: list[bool] = []
    w = Worker(lambda progress: ran.append(True))
    w.cancel()
    with qtbot.waitSignal(w.cancelled, timeout=5000):
        w.start()
    assert ran == []


def test_ended_follows_every_outcome_and_registry_forgets(qtbot):
    w = Worker(lambda progress: None)
    order: list[str] = []
    w.finished.connect(lambda _: order.append("finished"))
    w.ended.connect(lambda: order.append("ended"))
    with qtbot.waitSignal(w.ended, timeout=5000):
        w.start()
    assert order == ["finished", "ended"]
    qtbot.waitUntil(lambda: w not in worker_mod.running_workers())


def test_a_worker_cannot_be_started_twice(qtbot):
    w = Worker(lambda progress: None)
    with qtbot.waitSignal(w.ended, timeout=5000):
        w.start()
    with pytest.raises(RuntimeError, match="already started"):
        w.start()


def test_shutdown_cancels_and_waits_for_running_work(qtbot):
    started = threading.Event()

    def long_task(progress: Progress) -> None:
        started.set()
        while True:  # only Cancel ends it
            progress.step(0.5, "waiting")
            threading.Event().wait(0.005)

    w = Worker(long_task, name="long")
    w.start()
    assert started.wait(5)
    assert w in worker_mod.running_workers()
    assert worker_mod.shutdown(5000) is True
    assert w.state == "cancelled"
    assert w.is_cancel_requested


def test_progress_panel_follows_worker_and_cancels(qtbot, monkeypatch):
    monkeypatch.setattr(worker_mod, "PROGRESS_INTERVAL_S", 0.0)
    panel = ProgressPanel()
    qtbot.addWidget(panel)
    panel.show()
    reached_half = threading.Event()

    def fn(progress: Progress) -> None:
        progress.step(0.5, "halfway")
        reached_half.set()
        while True:
            progress.step(0.5, "halfway")
            threading.Event().wait(0.005)

    w = Worker(fn)
    panel.attach(w, "Importing")
    assert panel.isVisible()
    assert panel.label.text() == "Importing"
    w.start()
    qtbot.waitUntil(lambda: panel.bar.value() == 500)
    assert panel.label.text() == "halfway"
    with qtbot.waitSignal(w.cancelled, timeout=5000):
        qtbot.mouseClick(panel.cancel_button, qtbot_button())
    qtbot.waitUntil(lambda: not panel.isVisible())
    assert panel.worker is None


def test_progress_dialog_cancel_button_cancels_the_worker(qtbot, monkeypatch):
    monkeypatch.setattr(worker_mod, "PROGRESS_INTERVAL_S", 0.0)

    def fn(progress: Progress) -> None:
        while True:
            progress.step(0.25, "quarter")
            threading.Event().wait(0.005)

    w = Worker(fn)
    dialog = WorkerProgressDialog(w, None, "Importing users", minimum_duration_ms=0)
    w.start()
    qtbot.waitUntil(lambda: dialog.value() == 250)
    assert dialog.labelText() == "quarter"
    qtbot.waitUntil(dialog.isVisible)
    (button,) = dialog.findChildren(QPushButton)
    assert button.text() == "Cancel"
    with qtbot.waitSignal(w.cancelled, timeout=5000):
        qtbot.mouseClick(button, qtbot_button())
    qtbot.waitUntil(lambda: not dialog.isVisible())


def qtbot_button():
    from PySide6.QtCore import Qt

    return Qt.MouseButton.LeftButton


def test_cyclic_gc_stays_on_while_work_runs(qtbot: QtBot) -> None:
    # It was paused once, for a crash whose cause was a dialog in a reference cycle
    # (see tests/ui/test_dialog_lifetime.py).
    release = threading.Event()
    worker = Worker(lambda progress: release.wait(timeout=10), name="hold")
    with qtbot.waitSignal(worker.started):
        worker.start()
    assert gc.isenabled()
    with qtbot.waitSignal(worker.ended):
        release.set()
    assert gc.isenabled()
