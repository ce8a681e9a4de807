"""``user-cleanup --self-test``: prove an installed or frozen build does its main job.

Offscreen, on a throw-away demo workspace: open the main window, run a cleanup with the
Microsoft Entra ID action, select it in History, write the identity provider exports and
check every file byte for byte. Exit 0 when all is well, 1 otherwise.
"""

from __future__ import annotations

import datetime as dt
import os
import tempfile
from pathlib import Path

from app import APP_NAME, __version__
from app.core.demo import ENTRA_GROUPS, build_demo
from app.core.engine import run_cleanup
from app.core.exporters import CRLF, ENTRA_HEADER, EntraExportResult, write_entra_exports
from app.core.models import Action, Criteria, EntraSettings
from app.core.store import Workspace
from app.core.upn import entra_upn

SELF_TEST_USERS = 600


class SelfTestFailure(Exception):
    pass


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise SelfTestFailure(message)


def check_entra_files(result: EntraExportResult, settings: EntraSettings) -> int:
    """Every file: exact header, CRLF, no BOM, sorted unique valid UPNs. Returns rows checked."""
    rows = 0
    _check(bool(result.files), "no identity provider export was written")
    for file in result.files:
        data = file.path.read_bytes()
        _check(not data.startswith(b"\xef\xbb\xbf"), f"{file.path.name} starts with a BOM")
        text = data.decode("utf-8")
        lines = text.split(CRLF)
        _check("\n" not in "".join(lines), f"{file.path.name} has a bare line feed")
        _check(lines[0] == ENTRA_HEADER, f"{file.path.name} has the wrong header")
        upns = lines[1:]
        _check(len(upns) == file.rows, f"{file.path.name} has {len(upns)} rows, expected {file.rows}")
        _check(upns == sorted(set(upns)), f"{file.path.name} is not sorted and de-duplicated")
        for upn in upns:
            _check(entra_upn(upn, settings) == (upn, None), f"{file.path.name}: invalid UPN {upn!r}")
        rows += len(upns)
    return rows


def _show_window_and_select(ws: Workspace, run_id: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from app.ui.main_window import MainWindow

    qapp = QApplication.instance() or QApplication([APP_NAME])
    window = MainWindow(ws)
    window.show()
    loop = QEventLoop()
    window.refreshed.connect(loop.quit)
    QTimer.singleShot(20_000, loop.quit)
    window.refresh()
    loop.exec()
    _check(APP_NAME in window.windowTitle(), "the main window has no title")
    window.select_run(run_id)
    selected = window.selected_run()
    _check(selected is not None and selected.id == run_id, "the new cleanup is not in History")
    window.close()
    qapp.processEvents()


def run_self_test() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    try:
        with (
            tempfile.TemporaryDirectory(prefix="user-cleanup-selftest-") as tmp,
            Workspace.open(Path(tmp) / "workspace") as ws,
        ):
            build_demo(ws, users=SELF_TEST_USERS)
            criteria = Criteria(target_groups=ENTRA_GROUPS, inactive_days=30, as_of=dt.date.today())
            outcome = run_cleanup(ws, "Self-test", criteria, Action.ENTRA)
            if outcome.run_id is None or not outcome.idp_groups:
                raise SelfTestFailure("the cleanup has no Entra rows")
            _show_window_and_select(ws, outcome.run_id)
            result = write_entra_exports(ws, outcome.run_id, Path(tmp) / "exports")
            rows = check_entra_files(result, ws.entra_settings())
    except SelfTestFailure as exc:
        print(f"self-test FAILED: {exc}")
        return 1
    print(f"self-test passed: {APP_NAME} {__version__}, {len(result.files)} Entra files, {rows} rows checked")
    return 0
