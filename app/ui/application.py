"""Start the desktop application: ``run_gui(folder)`` (called by ``app.cli``).

Creates the QApplication, routes Qt messages and uncaught exceptions (main and other
threads) into logging and the crash dialog, opens the workspace (offering to set a
damaged file aside), and shows the main window. History loads after the first paint.

``USER_CLEANUP_BENCH_FIRST_PAINT=1`` prints ``first-paint-ms <ms>`` (measured from
``app.STARTED_AT``) once the window has painted, and quits with 0.
"""

from __future__ import annotations

import logging
import os
import sys
import threading
import time
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer, QtMsgType, qInstallMessageHandler
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QWidget

import app
from app import paths
from app.core.errors import UserError, WorkspaceCorruptError, WorkspaceInUseError
from app.core.store import Workspace
from app.ui import dialogs

log = logging.getLogger(__name__)
qt_log = logging.getLogger("qt")

BENCH_ENV = "USER_CLEANUP_BENCH_FIRST_PAINT"

_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}


def qt_message_handler(mode: QtMsgType, context: Any, message: str) -> None:
    """Qt's own warnings go to the same log as ours."""
    where = ""
    if context is not None and getattr(context, "file", None):
        where = f" ({context.file}:{context.line})"
    qt_log.log(_QT_LEVELS.get(mode, logging.WARNING), "%s%s", message, where)


# -- uncaught exceptions --------------------------------------------------------------------

_showing_crash = False


def _main_window() -> QWidget | None:
    instance = QApplication.instance()
    if not isinstance(instance, QApplication):
        return None
    return instance.activeWindow() or next(
        (w for w in instance.topLevelWidgets() if w.objectName() == "mainWindow"), None
    )


def show_crash(exc: BaseException) -> None:
    """Log at CRITICAL and show the crash dialog (once at a time)."""
    global _showing_crash
    log.critical("Uncaught exception", exc_info=(type(exc), exc, exc.__traceback__))
    if QApplication.instance() is None or _showing_crash:
        return
    _showing_crash = True
    try:
        dialogs.crash(_main_window(), exc)
    finally:
        _showing_crash = False


def excepthook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
    if issubclass(exc_type, KeyboardInterrupt):
        sys.__excepthook__(exc_type, exc, tb)
        return
    if exc.__traceback__ is None and tb is not None:
        exc = exc.with_traceback(tb)
    if isinstance(exc, UserError):  # a UserError that escaped a slot: show it as such
        log.warning("Unhandled user error: %s", exc)
        dialogs.error(_main_window(), app.APP_NAME, str(exc))
        return
    show_crash(exc)


class _CrashRelay(QObject):
    """Carries exceptions from other threads to the UI thread's crash dialog."""

    def event(self, event: QEvent) -> bool:
        if isinstance(event, _CrashEvent):
            show_crash(event.exc)
            return True
        return super().event(event)


class _CrashEvent(QEvent):
    TYPE = QEvent.Type(QEvent.registerEventType())

    def __init__(self, exc: BaseException) -> None:
        super().__init__(self.TYPE)
        self.exc = exc


_relay: _CrashRelay | None = None


def threading_excepthook(args: threading.ExceptHookArgs) -> None:
    if args.exc_type is SystemExit or args.exc_value is None:
        return
    exc = args.exc_value
    thread = args.thread.name if args.thread else "?"
    log.critical(
        "Uncaught exception in thread %s",
        thread,
        exc_info=(args.exc_type, exc, args.exc_traceback),
    )
    if _relay is not None:
        QApplication.postEvent(_relay, _CrashEvent(exc))


def install_exception_hooks() -> None:
    global _relay
    _relay = _CrashRelay()
    sys.excepthook = excepthook
    threading.excepthook = threading_excepthook


def uninstall_exception_hooks() -> None:
    global _relay
    sys.excepthook = sys.__excepthook__
    threading.excepthook = threading.__excepthook__
    _relay = None


# -- start-up ------------------------------------------------------------------------------


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    qapp = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    qapp.setOrganizationName(app.ORG_NAME)
    qapp.setApplicationName(app.APP_NAME)
    qapp.setApplicationDisplayName(app.APP_NAME)
    qapp.setApplicationVersion(app.__version__)
    qapp.setDesktopFileName(app.APP_ID)
    qapp.setWindowIcon(app_icon())
    return qapp


def app_icon() -> QIcon:
    """The application icon in every size resources/ ships (see packaging/make_icons.py)."""
    icon = QIcon()
    for size_dir in sorted(paths.resource_path("icons/hicolor").glob("*x*")):
        png = size_dir / "apps" / "user-cleanup.png"
        if png.exists():
            icon.addFile(str(png))
    return icon


def open_workspace(folder: Path, parent: QWidget | None = None) -> Workspace | None:
    """Open the workspace; explain an unusable one and offer to set it aside. None = give up."""
    while True:
        try:
            return Workspace.open(folder)
        except WorkspaceInUseError as exc:
            dialogs.error(parent, app.APP_NAME, str(exc))
            return None
        except WorkspaceCorruptError as exc:
            choice = dialogs.choose(
                parent,
                QApplication.translate("application", "Workspace cannot be opened"),
                str(exc),
                [
                    QApplication.translate("application", "Keep it aside and start fresh"),
                    QApplication.translate("application", "Quit"),
                ],
            )
            if choice != 0:
                return None
            kept = Workspace.set_aside(folder)
            log.warning("Damaged workspace kept aside as %s", kept)
            dialogs.info(
                parent,
                app.APP_NAME,
                QApplication.translate("application", "The damaged file was kept as {path}.").format(
                    path=kept
                ),
            )
        except UserError as exc:
            dialogs.error(parent, app.APP_NAME, str(exc))
            return None


class _FirstPaint(QObject):
    """Prints the time to the main window's first paint, then quits."""

    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._done = False
        window.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and not self._done:
            self._done = True
            # Let this paint finish, then report.
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        elapsed_ms = (time.perf_counter() - app.STARTED_AT) * 1000
        print(f"first-paint-ms {elapsed_ms:.0f}", flush=True)
        QApplication.quit()


def run_gui(folder: Path) -> int:
    """Open the window on the workspace in ``folder``; returns the exit code."""
    from app.ui.main_window import MainWindow

    qapp = create_application()
    previous_handler = qInstallMessageHandler(qt_message_handler)
    install_exception_hooks()
    bench = os.environ.get(BENCH_ENV) == "1"
    try:
        workspace = open_workspace(Path(folder))
        if workspace is None:
            return 2
        window = MainWindow(workspace, owns_workspace=True)
        if bench:
            _FirstPaint(window)
        window.show()
        log.info(
            "Window shown %.0f ms after start",
            (time.perf_counter() - app.STARTED_AT) * 1000,
        )
        code = qapp.exec()
        if window.isVisible():  # quit() without a close (bench): still shut down cleanly
            window.close()
        return int(code)
    except Exception as exc:
        log.critical("Start-up failed", exc_info=exc)
        traceback.print_exc()
        return 1
    finally:
        uninstall_exception_hooks()
        qInstallMessageHandler(previous_handler)
