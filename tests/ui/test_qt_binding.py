"""Guards against a Qt binding release that corrupts the interpreter (PySide6 6.12.0)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal
from pytestqt.qtbot import QtBot


class _Emitter(QObject):
    value = Signal(object)


def test_signal_emits_do_not_leak_references_to_true(qtbot: QtBot) -> None:
    emitter = _Emitter()
    received: list[object] = []
    emitter.value.connect(received.append)
    before = sys.getrefcount(True)
    for i in range(2_000):
        emitter.value.emit(i)
    assert len(received) == 2_000
    assert abs(sys.getrefcount(True) - before) < 50
