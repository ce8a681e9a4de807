"""The one helper that runs slow work off the UI thread.

Every long operation (import, cleanup, counting, export, demo build) is a plain
Qt-free callable ``fn(progress: Progress) -> T`` from ``app.core``. :class:`Worker`
runs it on a background thread and reports back through queued signals::

    worker = Worker(lambda progress: import_file(ws, path, progress=progress))
    worker.progress.connect(bar.update)          # (fraction 0..1, message)
    worker.finished.connect(self._on_imported)   # the callable's return value
    worker.failed.connect(self._on_failed)       # the exception (see is_user_error)
    worker.cancelled.connect(self._on_cancelled) # the callable raised Cancelled
    worker.start()

Exactly one of ``finished``, ``failed`` or ``cancelled`` is emitted, then ``ended``.
The callable never touches widgets. ``cancel()`` may be called at any time; the core
checks it at its next ``progress.step``/``check``.

Running workers are kept alive by a module registry (so a dialog that closes while its
worker runs does not delete the worker under the thread). :func:`shutdown` cancels them
all and waits, and is called when the main window closes.
"""

from __future__ import annotations

import logging
import threading
import time
import weakref
from collections import deque
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QProgressDialog,
    QPushButton,
    QWidget,
)

from app.core.errors import Cancelled, UserError
from app.core.progress import Progress

log = logging.getLogger(__name__)

#: Progress signals are throttled to at most one per this many seconds (the last one
#: before the end is always delivered through ``finished``).
PROGRESS_INTERVAL_S = 0.03
#: Resolution of progress bars driven by a worker.
PROGRESS_STEPS = 1000

_running: set[Worker] = set()
_running_lock = threading.Lock()
# Ended workers are kept here a little longer, so that the last reference to a worker is
# normally dropped on the UI thread (its own) rather than by the worker thread returning.
_retired: deque[Worker] = deque(maxlen=16)
_threads: set[threading.Thread] = set()
_threads_lock = threading.Lock()


def is_user_error(exc: BaseException) -> bool:
    """True for problems the admin can fix (show the message); False for bugs (crash report)."""
    return isinstance(exc, UserError)


def running_workers() -> list[Worker]:
    with _running_lock:
        return list(_running)


def cancel_all() -> None:
    """Ask every running worker to stop at its next progress step."""
    for worker in running_workers():
        worker.cancel()


def wait_all(timeout_ms: int = 10_000) -> bool:
    """Wait for every running worker's thread to return. True if all did in time."""
    deadline = time.monotonic() + timeout_ms / 1000
    with _threads_lock:
        threads = list(_threads)
    for thread in threads:
        thread.join(max(0.0, deadline - time.monotonic()))
    return not any(t.is_alive() for t in threads)


def shutdown(timeout_ms: int = 10_000) -> bool:
    """Cancel all running work and wait for it (used when the main window closes)."""
    busy = running_workers()
    if busy:
        log.info("Cancelling %d running task(s) before closing", len(busy))
    cancel_all()
    done = wait_all(timeout_ms)
    if not done:
        log.warning("Background work did not stop within %d ms", timeout_ms)
    return done


class Worker(QObject):
    """Runs ``fn(progress)`` on a background thread; see the module docstring."""

    started = Signal()
    progress = Signal(float, str)
    finished = Signal(object)
    failed = Signal(object)  # the Exception; ``is_user_error`` tells UserError from bug
    cancelled = Signal()
    ended = Signal()  # after any of finished / failed / cancelled

    def __init__(
        self,
        fn: Callable[[Progress], Any],
        *,
        name: str = "",
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._fn = fn
        self.name = name or getattr(fn, "__name__", "task")
        self.setObjectName(f"Worker:{self.name}")
        # Weakly: a bound method would make worker and progress a reference cycle, left to the
        # cyclic GC (which may run on any thread) instead of being freed on the UI thread.
        report = weakref.WeakMethod(self._report)

        def forward(fraction: float, message: str) -> None:
            method = report()
            if method is not None:
                method(fraction, message)

        self._progress = Progress(callback=forward)
        self._last_emit = 0.0
        self._state = "idle"  # idle, running, finished, failed, cancelled
        self.result: Any = None
        self.error: BaseException | None = None
        self.ended.connect(self._forget, Qt.ConnectionType.QueuedConnection)

    # -- public API ------------------------------------------------------------------

    @property
    def state(self) -> str:
        return self._state

    @property
    def is_running(self) -> bool:
        return self._state == "running"

    @property
    def is_cancel_requested(self) -> bool:
        return self._progress.cancelled

    def start(self) -> Worker:
        if self._state != "idle":
            raise RuntimeError(f"worker {self.name!r} was already started")
        self._state = "running"
        with _running_lock:
            _running.add(self)
        log.debug("Starting %s", self.name)
        # A plain Python thread, not a QThreadPool one: PySide wrappers and pandas objects
        # touched from Qt-owned threads crashed the garbage collector on the UI thread.
        thread = threading.Thread(target=self._run_thread, name=f"worker-{self.name}", daemon=True)
        with _threads_lock:
            _threads.add(thread)
        thread.start()
        return self

    @Slot()
    def cancel(self) -> None:
        """Ask the work to stop; it does at its next progress step."""
        if self._state in ("idle", "running"):
            log.debug("Cancel requested for %s", self.name)
        self._progress.cancel()

    # -- worker thread ----------------------------------------------------------------

    def _report(self, fraction: float, message: str) -> None:
        now = time.monotonic()
        if now - self._last_emit >= PROGRESS_INTERVAL_S or fraction >= 1.0:
            self._last_emit = now
            self.progress.emit(float(fraction), message)

    def _run_thread(self) -> None:
        try:
            self._execute()
        finally:
            with _threads_lock:
                _threads.discard(threading.current_thread())

    def _execute(self) -> None:
        self.started.emit()
        began = time.perf_counter()
        try:
            if self._progress.cancelled:
                raise Cancelled()
            result = self._fn(self._progress)
        except Cancelled:
            self._state = "cancelled"
            log.info("%s cancelled", self.name)
            self.cancelled.emit()
        except Exception as exc:  # reported through the failed signal
            self._state = "failed"
            self.error = exc
            if is_user_error(exc):
                log.warning("%s failed: %s", self.name, exc)
            else:
                log.error("%s failed with an unexpected error", self.name, exc_info=exc)
            self.failed.emit(exc)
        else:
            self._state = "finished"
            self.result = result
            log.debug("%s finished in %.3f s", self.name, time.perf_counter() - began)
            self.finished.emit(result)
        finally:
            self.ended.emit()

    # -- UI thread ------------------------------------------------------------------

    @Slot()
    def _forget(self) -> None:
        with _running_lock:
            _running.discard(self)
        _retired.append(self)


class ProgressPanel(QWidget):
    """An inline progress bar, message and Cancel button that follows one worker at a time.

    Hidden while idle. Put it at the bottom of a dialog and call :meth:`attach`.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._worker: Worker | None = None
        self.label = QLabel(self)
        self.label.setAccessibleName(self.tr("Progress message"))
        self.bar = QProgressBar(self)
        self.bar.setRange(0, PROGRESS_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Progress"))
        self.cancel_button = QPushButton(self.tr("Cancel"), self)
        self.cancel_button.setAccessibleName(self.tr("Cancel the running task"))
        self.cancel_button.clicked.connect(self.cancel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.label, 1)
        layout.addWidget(self.bar, 2)
        layout.addWidget(self.cancel_button)
        self.hide()

    @property
    def worker(self) -> Worker | None:
        return self._worker

    def attach(self, worker: Worker, message: str = "") -> None:
        """Follow ``worker`` (started or not) until it ends."""
        self._worker = worker
        self.label.setText(message)
        self.bar.setValue(0)
        self.cancel_button.setEnabled(True)
        worker.progress.connect(self._on_progress)
        worker.ended.connect(self._on_ended)
        self.show()

    @Slot()
    def cancel(self) -> None:
        if self._worker is not None:
            self._worker.cancel()
            self.cancel_button.setEnabled(False)
            self.label.setText(self.tr("Cancelling…"))

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self.bar.setValue(round(fraction * PROGRESS_STEPS))
        if message and not (self._worker and self._worker.is_cancel_requested):
            self.label.setText(message)

    @Slot()
    def _on_ended(self) -> None:
        self._worker = None
        self.hide()


class WorkerProgressDialog(QProgressDialog):
    """A window-modal progress dialog with Cancel, wired to one worker; it closes
    and deletes itself when the worker ends."""

    def __init__(
        self,
        worker: Worker,
        parent: QWidget | None,
        title: str,
        label: str = "",
        *,
        minimum_duration_ms: int = 400,
    ) -> None:
        super().__init__(label, self.tr("Cancel"), 0, PROGRESS_STEPS, parent)
        self.setWindowTitle(title)
        self.setObjectName("workerProgressDialog")
        self.setAccessibleName(title)
        self.setWindowModality(Qt.WindowModality.WindowModal)
        self.setMinimumDuration(minimum_duration_ms)
        self.setAutoClose(False)
        self.setAutoReset(False)
        self.setValue(0)
        self._worker = worker
        self.canceled.connect(self._cancel)
        worker.progress.connect(self._on_progress)
        worker.ended.connect(self._on_ended)

    @Slot()
    def _cancel(self) -> None:
        self._worker.cancel()
        self.setLabelText(self.tr("Cancelling…"))

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        if self.wasCanceled():
            return
        self.setValue(round(fraction * PROGRESS_STEPS))
        if message:
            self.setLabelText(message)

    @Slot()
    def _on_ended(self) -> None:
        self.canceled.disconnect(self._cancel)
        self.close()
        self.deleteLater()
