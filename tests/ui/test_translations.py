"""The pyside6-lupdate step: every tr() string lands in a named context."""

from __future__ import annotations

import re
from pathlib import Path

from app.ui import translations


def test_update_writes_a_ts_file_with_class_contexts(tmp_path: Path) -> None:
    ts = translations.update(tmp_path / "user_cleanup_en.ts")
    text = ts.read_text(encoding="utf-8")
    contexts = set(re.findall(r"<context>\s*<name>([^<]*)</name>", text))
    assert {"CleanupDialog", "IdpExportsPage", "HistoryModel", "ImportFlow", "TemplateCombo"} <= contexts
    assert "" not in contexts  # a string no translator could place
    assert "Microsoft Entra ID action" in text
