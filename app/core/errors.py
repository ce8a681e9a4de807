"""Typed errors. A :class:`UserError` is something the admin can fix (exit 2, a dialog);
anything else is a bug (exit 1, a crash report)."""

from __future__ import annotations

from pathlib import Path


class UserError(Exception):
    """A problem with the user's input or request, shown as one clear sentence."""


class InputFileError(UserError):
    """An input file cannot be imported. Names the file and, where known, line and column."""

    def __init__(
        self,
        path: Path | str,
        message: str,
        *,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.path = Path(path)
        self.reason = message
        self.line = line
        self.column = column
        where = self.path.name
        if line is not None:
            where += f", line {line}"
            if column is not None:
                where += f", column {column}"
        super().__init__(f"{where}: {message}")


class UnknownLayoutError(InputFileError):
    """The file is a readable CSV but its columns match no known export; map them by hand."""

    def __init__(self, path: Path | str, headers: list[str]) -> None:
        self.headers = headers
        super().__init__(
            path,
            "the columns match neither the Atlassian 'Export users' file nor the generic "
            "format (email, display_name, status, last_active, created, groups)",
            line=1,
        )


class RefusedError(UserError):
    """A request that the current configuration does not allow (e.g. Entra not configured)."""


class OutputError(UserError):
    """An output file or folder cannot be written; nothing partial is left behind."""


class WorkspaceError(UserError):
    """The workspace cannot be opened as it is."""


class WorkspaceInUseError(WorkspaceError):
    """Another User Cleanup instance holds the workspace lock."""


class WorkspaceCorruptError(WorkspaceError):
    """The workspace file is damaged or belongs to another program; it can be set aside."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        super().__init__(
            f"The workspace file {path} cannot be opened ({detail}). "
            "It can be kept aside under a new name and a fresh workspace started."
        )


class Cancelled(Exception):
    """Raised inside long work when the user pressed Cancel. Nothing was changed."""
