"""app/core must stay free of Qt so the CLI, the benchmarks and the tests run without it."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import app.core

CORE = Path(app.core.__file__).parent


def _is_gui_module(name: str) -> bool:
    return name.split(".")[0] in {"PySide6", "shiboken6"} or name.startswith("app.ui")


def test_core_sources_import_no_qt() -> None:
    offenders = []
    for source in CORE.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                names = [node.module or ""]
            offenders += [f"{source.name}: {n}" for n in names if _is_gui_module(n)]
    assert offenders == []


def test_importing_core_and_cli_loads_no_qt() -> None:
    modules = [f"app.core.{p.stem}" for p in CORE.glob("*.py") if p.stem != "__init__"] + ["app.cli"]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + (
            "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'app.ui')))\n"
            "print(bad)\nraise SystemExit(1 if bad else 0)\n"
        )
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
