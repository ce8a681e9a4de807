"""Extract the UI's translatable strings into a Qt Linguist file (no languages ship yet).

    python -m app.ui.translations --update

runs ``pyside6-lupdate`` over ``app/ui/*.py`` and writes
``resources/translations/user_cleanup_en.ts`` (the source-language catalogue that
translators start from). Run it after changing user-visible strings and commit the file.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = Path(__file__).resolve().parent
TS_FILE = ROOT / "resources" / "translations" / "user_cleanup_en.ts"


def lupdate_command() -> list[str]:
    """``pyside6-lupdate`` next to this interpreter (a venv), else from PATH."""
    local = Path(sys.executable).with_name("pyside6-lupdate")
    found = str(local) if local.exists() else shutil.which("pyside6-lupdate")
    if found is None:
        raise SystemExit("pyside6-lupdate not found: install PySide6 (pyside6-essentials)")
    return [found]


def update(ts_file: Path = TS_FILE) -> Path:
    sources = sorted(str(p) for p in SOURCES.glob("*.py") if p.name != "translations.py")
    ts_file.parent.mkdir(parents=True, exist_ok=True)
    command = [*lupdate_command(), "-no-obsolete", "-source-language", "en", *sources, "-ts", str(ts_file)]
    subprocess.run(command, check=True)
    return ts_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--update", action="store_true", help="(re)write the .ts file from the sources")
    parser.add_argument("--ts", type=Path, default=TS_FILE, help="the .ts file to write")
    args = parser.parse_args(argv)
    if not args.update:
        parser.print_help()
        return 0
    print(update(args.ts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
