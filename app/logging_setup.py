"""Logging is configured once, at start-up, by :func:`configure_logging`."""

from __future__ import annotations

import logging
import logging.handlers
import sys
from pathlib import Path

from app import paths

LOG_FILE_NAME = "user-cleanup.log"
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


def log_file() -> Path:
    return paths.log_dir() / LOG_FILE_NAME


def configure_logging(*, console: bool = False, level: int = logging.INFO) -> None:
    """A rotating file in the platform log folder, plus stderr when ``console``.

    Safe to call more than once: later calls replace the handlers of earlier ones.
    """
    root = logging.getLogger()
    for handler in list(root.handlers):
        if getattr(handler, "_user_cleanup", False):
            root.removeHandler(handler)
            handler.close()
    handlers: list[logging.Handler] = []
    try:
        log_file().parent.mkdir(parents=True, exist_ok=True)
        handlers.append(
            logging.handlers.RotatingFileHandler(
                log_file(), maxBytes=2_000_000, backupCount=5, encoding="utf-8"
            )
        )
    except OSError as exc:  # a read-only home must not stop the app
        print(f"warning: cannot write the log file ({exc})", file=sys.stderr)
    if console:
        handlers.append(logging.StreamHandler(sys.stderr))
    for handler in handlers:
        handler.setFormatter(logging.Formatter(_FORMAT))
        handler._user_cleanup = True  # type: ignore[attr-defined]
        root.addHandler(handler)
    root.setLevel(level)
