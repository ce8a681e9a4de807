"""Shared fixtures for the Qt tests.

- Qt runs offscreen unless ``QT_QPA_PLATFORM`` is already set.
- QSettings go to ``tmp_path`` (INI format) for every test: nothing touches the real profile.
- Every function of ``app.ui.dialogs`` that would open a modal window is replaced by a
  recorder (``fake_dialogs``): no test can block on a message box or file chooser, and
  tests assert on what would have been shown, and choose the answers.
- After each test: no worker is still running, and no top-level widget was leaked.
"""

from __future__ import annotations

import gc
import os
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QSettings
from PySide6.QtWidgets import QApplication

import app
from app.ui import dialogs, worker

#: Qt messages that are not problems of ours (asked to move into pyproject's qt_log_ignore):
#: the offscreen platform plugin cannot raise windows or propagate size hints.
QT_LOG_IGNORE = (r"This plugin does not support (propagateSizeHints|raise)\(\)",)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.gui)
            # The offscreen platform plugin says this whenever a window resizes itself.
            item.add_marker(pytest.mark.qt_log_ignore(*QT_LOG_IGNORE, extend=True))


@pytest.fixture(scope="session", autouse=True)
def _app_identity(qapp: QApplication) -> None:
    QCoreApplication.setOrganizationName(app.ORG_NAME)
    QCoreApplication.setApplicationName(app.APP_NAME)
    QCoreApplication.setApplicationVersion(app.__version__)


@pytest.fixture(autouse=True)
def settings_dir(tmp_path: Path) -> Path:
    """QSettings for this test live in ``tmp_path/settings``."""
    folder = tmp_path / "settings"
    folder.mkdir()
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.SystemScope, str(folder / "system"))
    QSettings().clear()
    return folder


# -- dialogs -----------------------------------------------------------------------------

#: Functions of app.ui.dialogs that open a window; each is replaced by a recorder.
PATCHED_DIALOGS = (
    "info",
    "warn",
    "error",
    "confirm",
    "choose",
    "choose_folder",
    "choose_open_file",
    "choose_save_file",
    "crash",
    "open_folder",
)


@dataclass
class DialogCall:
    name: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]

    @property
    def title(self) -> str:
        return str(self.args[1]) if len(self.args) > 1 else ""

    @property
    def text(self) -> str:
        return str(self.args[2]) if len(self.args) > 2 else ""


@dataclass
class FakeDialogs:
    """Records every dialog the code under test would show, and answers it.

    ``answers[name]`` is the return value of that function; a list is consumed one
    item per call; a callable is called with the same arguments.
    A ``crash`` fails the test unless ``expect_crash`` is set.
    """

    calls: list[DialogCall] = field(default_factory=list)
    answers: dict[str, Any] = field(
        default_factory=lambda: {
            "confirm": True,
            "choose": None,
            "choose_folder": None,
            "choose_open_file": None,
            "choose_save_file": None,
            "open_folder": True,
        }
    )
    expect_crash: bool = False

    def record(self, name: str) -> Callable[..., Any]:
        def fake(*args: Any, **kwargs: Any) -> Any:
            self.calls.append(DialogCall(name, args, kwargs))
            answer = self.answers.get(name)
            if isinstance(answer, list):
                return answer.pop(0)
            if callable(answer):
                return answer(*args, **kwargs)
            return answer

        return fake

    def of(self, name: str) -> list[DialogCall]:
        return [call for call in self.calls if call.name == name]

    def names(self) -> list[str]:
        return [call.name for call in self.calls]


@pytest.fixture(autouse=True)
def fake_dialogs(monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeDialogs]:
    fake = FakeDialogs()
    for name in PATCHED_DIALOGS:
        monkeypatch.setattr(dialogs, name, fake.record(name))
    yield fake
    crashes = fake.of("crash")
    if crashes and not fake.expect_crash:
        details = crashes[0].args[1] if len(crashes[0].args) > 1 else ""
        pytest.fail(f"unexpected crash dialog: {details!r}")


# -- workers and leaks -----------------------------------------------------------------


@pytest.fixture(autouse=True)
def _no_running_workers(qapp: QApplication) -> Iterator[None]:
    yield
    left = worker.running_workers()
    assert worker.shutdown(10_000), "background work did not stop"
    QCoreApplication.processEvents()
    assert not left or all(not w.is_running for w in left), f"workers still running: {left}"


@pytest.fixture(autouse=True)
def _no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    """Fail when a test leaves a visible top-level widget behind (napari's check)."""
    before = {id(w) for w in QApplication.topLevelWidgets()}
    yield
    # pytest-qt closes and deleteLater()s widgets registered with qtbot.addWidget
    # before fixtures tear down; flush those deletions before looking.
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    leaked = [w for w in QApplication.topLevelWidgets() if id(w) not in before and w.isVisible()]
    for widget in leaked:
        widget.close()
        widget.deleteLater()
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert not leaked, f"leaked top-level widgets: {[type(w).__name__ for w in leaked]}"


# -- workspaces -----------------------------------------------------------------------


@pytest.fixture
def workspace(tmp_path: Path) -> Iterator[Any]:
    """An empty, open workspace in ``tmp_path/workspace``."""
    from app.core.store import Workspace

    ws = Workspace.open(tmp_path / "workspace")
    yield ws
    ws.close()


@pytest.fixture(scope="session")
def _demo_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo workspace is built once per session and copied for each test."""
    from app.core.demo import build_demo
    from app.core.store import Workspace

    folder = tmp_path_factory.mktemp("demo-template")
    with Workspace.open(folder) as ws:
        build_demo(ws)
    return folder


@pytest.fixture
def demo_workspace(tmp_path: Path, _demo_template: Path) -> Iterator[Any]:
    """A workspace filled by ``app.core.demo.build_demo`` (users, groups, Entra, runs)."""
    from app import paths
    from app.core.store import Workspace

    folder = tmp_path / "demo-workspace"
    folder.mkdir()
    source = paths.workspace_file(_demo_template)
    shutil.copy2(source, paths.workspace_file(folder))
    ws = Workspace.open(folder)
    yield ws
    ws.close()


#: Four users in licensing and Entra-named groups; dave has never been seen and is on
#: another domain. Test modules override ``users_csv`` to add rows.
USERS_CSV = """\
email,display_name,status,last_active,created,groups
alice@contoso.com,Alice,active,2023-01-05,2020-01-01,jira-software-users;entra-jira
bob@contoso.com,Bob,active,2023-02-01,2020-01-01,jira-software-users;entra-jira;entra-conf
carol@contoso.com,Carol,active,2026-10-01,2020-01-01,jira-software-users;entra-conf
dave@fabrikam.com,Dave,active,,2020-01-01,confluence-users;entra-conf
"""


@pytest.fixture
def users_csv() -> str:
    """The users file ``users_workspace`` imports."""
    return USERS_CSV


@pytest.fixture
def users_workspace(workspace: Any, tmp_path: Path, users_csv: str) -> Any:
    """``workspace`` with ``users_csv`` imported."""
    from app.core.importers import import_file

    source = tmp_path / "users.csv"
    source.write_text(users_csv, encoding="utf-8")
    import_file(workspace, source)
    return workspace
