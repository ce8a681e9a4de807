"""Render the main window and every dialog to PNG, offscreen, on a throw-away demo workspace.

    python -m app.ui.screenshots [--out docs/screenshots]

Nothing of the user's is touched: the workspace and QSettings live in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QWidget


def wait_until(condition: Callable[[], bool], timeout_s: float = 30.0) -> bool:
    """Run the event loop until ``condition()`` holds (a script, not a test: polling is fine)."""
    deadline = time.monotonic() + timeout_s
    loop = QEventLoop()
    while not condition():
        if time.monotonic() > deadline:
            return False
        QTimer.singleShot(20, loop.quit)
        loop.exec()
    return True


def settle(ms: int = 100) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


def save(widget: QWidget, out: Path, name: str) -> Path:
    widget.show()
    settle()
    path = out / f"{name}.png"
    if not widget.grab().save(str(path)):
        raise OSError(f"cannot write {path}")
    print(path)
    return path


def render_all(out: Path) -> list[Path]:
    from app.core.demo import build_demo
    from app.core.models import Action
    from app.core.store import Workspace
    from app.ui.application import create_application
    from app.ui.cleanup_dialog import CleanupDialog
    from app.ui.export_dialog import ExportDialog
    from app.ui.idp_dialog import IdentityProvidersDialog
    from app.ui.import_flow import ColumnMappingDialog
    from app.ui.main_window import MainWindow
    from app.ui.window_dialogs import AboutDialog, AffectedUsersDialog, LogDialog, SettingsDialog

    create_application()
    written: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="user-cleanup-screens-") as tmp_name:
        tmp = Path(tmp_name)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp / "settings"))

        with Workspace.open(tmp / "empty") as empty:
            window = MainWindow(empty)
            window.resize(1100, 680)
            wait_until(lambda: not window.is_loading)
            written.append(save(window, out, "start-page"))
            window.close()

        ws = Workspace.open(tmp / "demo")
        build_demo(ws)
        window = MainWindow(ws)
        window.resize(1280, 760)
        window.show()
        wait_until(lambda: not window.is_loading)
        entra_run = next(run for run in ws.runs() if run.action is Action.ENTRA and run.has_idp_rows)
        window.select_run(entra_run.id)
        written.append(save(window, out, "main-window"))

        users = AffectedUsersDialog(ws, entra_run, window)
        wait_until(lambda: users.model.total_rows > 0)
        written.append(save(users, out, "affected-users"))
        users.close()

        settings = SettingsDialog(ws, window)
        written.append(save(settings, out, "settings"))
        settings.close()

        log_path = tmp / "user-cleanup.log"
        log_path.write_text(
            "2026-12-04 09:00:01 INFO app.ui.application: Window shown 812 ms after start\n"
            "2026-12-04 09:00:02 INFO app.ui.worker: import-users finished\n",
            encoding="utf-8",
        )
        log_dialog = LogDialog(window, path=log_path)
        written.append(save(log_dialog, out, "log"))
        log_dialog.close()

        about = AboutDialog(window, ws.folder)
        written.append(save(about, out, "about"))
        about.close()

        mapping = ColumnMappingDialog(
            tmp / "hr-export.csv",
            ["Mail", "Full name", "Account state", "Last logon", "Hired", "Teams"],
            window,
        )
        written.append(save(mapping, out, "column-mapping"))
        mapping.close()

        idp = IdentityProvidersDialog(ws, window)
        written.append(save(idp, out, "identity-providers"))
        idp.close()

        cleanup = CleanupDialog(ws, window)
        cleanup.show()
        # A realistic state: named, two target groups, the Entra action, counted.
        cleanup.name.setText("Inactive Jira users, Q4")
        cleanup.targets.set_checked(["Atlassian-Jira-Users", "jira-software-users"])
        if cleanup.entra_radio.isEnabled():
            cleanup.entra_radio.setChecked(True)
        cleanup.count_timer.stop()
        cleanup.refresh_count()
        wait_until(lambda: cleanup.last_summary is not None and not cleanup.count_timer.isActive(), 20)
        written.append(save(cleanup, out, "new-cleanup"))
        cleanup.close()

        export = ExportDialog(ws, entra_run.id, window)
        export.show()
        wait_until(export.rows_loaded, 20)
        written.append(save(export, out, "export-data"))
        export.close()

        window.close()
        from app.ui.worker import shutdown

        shutdown()
        ws.close()
        QCoreApplication.processEvents()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"), help="folder for the PNG files")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    written = render_all(args.out)
    print(f"{len(written)} screenshots in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
