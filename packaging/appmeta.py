"""Read the app's name, id and version from app/__init__.py without importing the app.

The one place these live is app/__init__.py; build.py, smoke.py, bench/startup.py
and app.spec read them through this module so that nothing else repeats them.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class AppMeta:
    version: str  # __version__, e.g. "1.0.0"
    name: str  # APP_NAME, e.g. "User Cleanup"
    app_id: str  # APP_ID, e.g. "user-cleanup": executable, folder and package name


def read_app_meta(root: Path = ROOT) -> AppMeta:
    """Parse the string constants of app/__init__.py."""
    tree = ast.parse((root / "app" / "__init__.py").read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Constant):
            value = node.value.value
            for target in node.targets:
                if isinstance(target, ast.Name) and isinstance(value, str):
                    found[target.id] = value
    return AppMeta(version=found["__version__"], name=found["APP_NAME"], app_id=found["APP_ID"])
