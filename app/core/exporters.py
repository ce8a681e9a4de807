"""Files the admin takes away: Entra bulk "Remove members" CSVs and affected-user lists.

Entra file format (pinned by golden-byte tests): UTF-8 without BOM, CRLF between lines, the
header ``Member object ID or user principal name [memberObjectIdOrUpn] Required`` (preceded by
``version:v1.0`` in the legacy template), then one UPN per line, de-duplicated case-insensitively
and sorted, nothing after the last UPN. Every file is written to a temporary name and renamed, and
a batch checks and writes all its files before renaming any, so a failure leaves the folder as
it was.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import secrets
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from app.core.errors import OutputError, RefusedError, UserError
from app.core.models import EntraTemplate, RowAction
from app.core.progress import Progress
from app.core.store import RUN_ROW_COLUMNS, EntraList, Workspace
from app.core.upn import unique_sorted_upns

ENTRA_HEADER = "Member object ID or user principal name [memberObjectIdOrUpn] Required"
ENTRA_VERSION_ROW = "version:v1.0"
CRLF = "\r\n"
MAX_STEM = 100
_UNSAFE = re.compile(r'[<>:"/\\|?*\x00-\x1f\x7f]')
_RESERVED = {"CON", "PRN", "AUX", "NUL"} | {f"{d}{i}" for d in ("COM", "LPT") for i in "123456789¹²³"}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_CREATE_NEW = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)


@dataclass(frozen=True)
class PlannedFile:
    """One file to write: ``rows`` UPNs, sorted, UTF-8, joined by CRLF in ``lines``."""

    group: str
    name: str
    lines: bytes
    rows: int

    @property
    def upns(self) -> tuple[str, ...]:
        return tuple(EntraList(self.lines, self.rows).upns)

    def content(self, template: EntraTemplate = EntraTemplate.CURRENT) -> bytes:
        return b"".join(self.parts(template))

    def parts(self, template: EntraTemplate = EntraTemplate.CURRENT) -> tuple[bytes, bytes]:
        """:meth:`content` as header and body, to write without joining megabytes first."""
        return _entra_csv(self.lines, template)


@dataclass(frozen=True)
class WrittenFile:
    group: str
    path: Path
    rows: int


class SkippedRow(NamedTuple):
    email: str | None
    group: str
    reason: str


@dataclass
class EntraExportResult:
    files: list[WrittenFile] = field(default_factory=list)
    lists: dict[str, EntraList] = field(default_factory=dict, repr=False)  # of the chosen groups

    @cached_property
    def skipped(self) -> list[SkippedRow]:
        """Users of the chosen groups who are in no file (no valid UPN), with the reason."""
        return [
            SkippedRow(email, group, reason)
            for group, kept in self.lists.items()
            for email, reason in kept.skipped
        ]

    def to_json(self) -> dict[str, Any]:
        return {
            "files": [{"group": f.group, "path": str(f.path), "rows": f.rows} for f in self.files],
            "skipped": [{"email": s.email, "group": s.group, "reason": s.reason} for s in self.skipped],
        }


# -- the Entra file ---------------------------------------------------------------------
def entra_csv_bytes(upns: Iterable[str], template: EntraTemplate = EntraTemplate.CURRENT) -> bytes:
    return b"".join(_entra_csv(EntraList.of(list(upns)).lines, template))


def _entra_csv(lines: bytes, template: EntraTemplate) -> tuple[bytes, bytes]:
    """The file for UPNs joined by CRLF (as a run stores them): its header lines and body."""
    head = [ENTRA_VERSION_ROW] if template is EntraTemplate.LEGACY else []
    head.append(ENTRA_HEADER)
    if lines:
        head.append("")
    return CRLF.join(head).encode("utf-8"), lines


def safe_file_stem(name: str) -> str:
    """A file name stem that is valid on Windows, macOS and Linux."""
    stem = _UNSAFE.sub("_", name).strip().rstrip(". ")
    if stem.startswith("."):
        stem = "_" + stem[1:]
    stem = stem[:MAX_STEM].rstrip(". ") or "group"
    if stem.split(".")[0].strip().upper() in _RESERVED:
        stem = "_" + stem
    return stem


def _unique_names(stems: Sequence[str]) -> list[str]:
    taken: set[str] = set()
    names = []
    for stem in stems:
        name, n = f"{stem}.csv", 1
        while name.casefold() in taken:
            n += 1
            name = f"{stem} ({n}).csv"
        taken.add(name.casefold())
        names.append(name)
    return names


def entra_group_rows(rows: pd.DataFrame, group: str) -> pd.DataFrame:
    """The Entra rows of one group: exportable and skipped, for the preview."""
    return rows[(rows["action"] == RowAction.ENTRA.value) & (rows["group"] == group)]


def entra_groups(rows: pd.DataFrame) -> list[str]:
    entra = rows[rows["action"] == RowAction.ENTRA.value]
    return sorted(set(entra["group"]), key=str.casefold)


def plan_entra_files(
    rows: pd.DataFrame,
    *,
    groups: Iterable[str] | None = None,
    max_rows: int,
) -> list[PlannedFile]:
    """One file per group (split into numbered parts above ``max_rows``), names unique."""
    chosen = list(groups) if groups is not None else entra_groups(rows)
    lists = {g: EntraList.of(unique_sorted_upns(entra_group_rows(rows, g)["upn"].dropna())) for g in chosen}
    return plan_files(lists, max_rows=max_rows)


def plan_files(lists: dict[str, EntraList], *, max_rows: int) -> list[PlannedFile]:
    """Files for sorted, de-duplicated UPN lists, in the order given; empty lists get none."""
    if max_rows < 1:
        raise UserError("Rows per file must be at least 1.")
    pieces: list[tuple[str, str, bytes, int]] = []
    for group, kept in lists.items():
        if not kept.rows:
            continue
        parts = _split_lines(kept, max_rows)
        stem = safe_file_stem(group)
        for i, (lines, rows) in enumerate(parts):
            part_stem = stem if len(parts) == 1 else f"{stem} (part {i + 1} of {len(parts)})"
            pieces.append((group, part_stem, lines, rows))
    names = _unique_names([stem for _, stem, _, _ in pieces])
    return [
        PlannedFile(group=g, name=n, lines=b, rows=r) for (g, _, b, r), n in zip(pieces, names, strict=True)
    ]


def _split_lines(kept: EntraList, max_rows: int) -> list[tuple[bytes, int]]:
    """A list's lines in pieces of at most ``max_rows``, with their sizes."""
    if kept.rows <= max_rows:
        return [(kept.lines, kept.rows)]
    line_feeds = np.flatnonzero(np.frombuffer(kept.lines, dtype=np.uint8) == ord("\n"))
    pieces, start = [], 0
    for cut in line_feeds[max_rows - 1 :: max_rows].tolist():  # the CRLF after each full piece
        pieces.append((kept.lines[start : cut - 1], max_rows))
        start = cut + 1
    pieces.append((kept.lines[start:], kept.rows - max_rows * len(pieces)))
    return pieces


def existing_files(out_dir: Path, plan: Iterable[PlannedFile]) -> list[Path]:
    return [out_dir / p.name for p in plan if (out_dir / p.name).exists()]


# -- writing ----------------------------------------------------------------------------
TEMP_PREFIX, TEMP_SUFFIX = ".~user-cleanup-", ".tmp"
#: A temporary this old was left by a process that died (SIGKILL, power cut) mid-write; a live
#: write renames its temporaries within seconds.
STALE_TEMP_SECONDS = 600


def _prepare_folder(out_dir: Path) -> None:
    try:
        if out_dir.exists() and not out_dir.is_dir():
            raise OutputError(f"The output folder {out_dir} is a file, not a folder.")
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"Cannot create the output folder {out_dir}: {exc.strerror or exc}.") from exc


def remove_stale_temporaries(out_dir: Path, *, older_than: float = STALE_TEMP_SECONDS) -> list[Path]:
    """Delete our own temporaries (``.~user-cleanup-*.tmp``) that a killed write left behind.

    They never carry a final name, so they are only clutter; ones younger than ``older_than``
    seconds may belong to a write in progress and are kept."""
    removed = []
    limit = time.time() - older_than
    try:
        for entry in out_dir.glob(f"{TEMP_PREFIX}*{TEMP_SUFFIX}"):
            try:
                if entry.is_file() and entry.stat().st_mtime < limit:
                    entry.unlink()
                    removed.append(entry)
            except OSError:
                continue
    except OSError:
        pass
    return removed


def _new_temporary(out_dir: Path) -> tuple[Path, int]:
    """Create a temporary in ``out_dir`` with the permissions a plain ``open()`` gives."""
    while True:
        path = out_dir / f"{TEMP_PREFIX}{secrets.token_hex(8)}{TEMP_SUFFIX}"
        try:
            return path, os.open(path, _CREATE_NEW, 0o666)
        except FileExistsError:  # a 64-bit random name taken: try another
            continue


def write_files(
    out_dir: Path,
    files: Sequence[tuple[str, bytes | Sequence[bytes]]],
    *,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> list[Path]:
    """Write all ``(name, content)`` pairs or none: temporaries first, then renames. A
    content is bytes or a sequence of parts written one after the other."""
    progress = progress or Progress()
    _prepare_folder(out_dir)
    remove_stale_temporaries(out_dir)
    targets = [out_dir / name for name, _ in files]
    if not overwrite:
        try:
            clashes = [t.name for t in targets if t.exists()]
        except OSError as exc:  # e.g. a file name too long for this file system
            raise OutputError(
                f"Cannot write to {out_dir}: {exc.strerror or exc}. No file was saved."
            ) from exc
        if clashes:
            raise OutputError(
                f"{len(clashes)} file(s) already exist in {out_dir} ({', '.join(clashes[:3])}"
                f"{', …' if len(clashes) > 3 else ''}); "
                "choose another folder or allow overwriting (--overwrite)."
            )
    temporaries: list[Path] = []
    renamed = 0
    try:
        for i, (name, content) in enumerate(files):
            progress.step(i / max(len(files), 1), f"Writing {name}")
            temporary, descriptor = _new_temporary(out_dir)
            temporaries.append(temporary)
            with os.fdopen(descriptor, "wb") as handle:
                for part in (content,) if isinstance(content, bytes) else content:
                    handle.write(part)
                handle.flush()
                os.fsync(handle.fileno())
        progress.check()
        for temporary, target in zip(temporaries, targets, strict=True):
            os.replace(temporary, target)
            renamed += 1
    except OSError as exc:
        raise OutputError(f"Cannot write to {out_dir}: {exc.strerror or exc}. No file was saved.") from exc
    finally:
        for temporary in temporaries[renamed:]:
            temporary.unlink(missing_ok=True)
    progress.report(1.0, f"Saved {len(files)} file(s)")
    return targets


def write_entra_exports(
    ws: Workspace,
    run_id: int,
    out_dir: Path | str,
    *,
    groups: Iterable[str] | None = None,
    template: EntraTemplate | None = None,
    max_rows: int | None = None,
    overwrite: bool = False,
    progress: Progress | None = None,
) -> EntraExportResult:
    """Write one Entra "Remove members" file per selected Entra-synced group of a run."""
    out_dir = Path(out_dir)
    run = ws.run(run_id)
    if not run.has_idp_rows:
        raise RefusedError(
            f"Cleanup {run_id} ('{run.name}') has no rows for an Entra-synced group, so there is "
            "nothing to export for Microsoft Entra ID."
        )
    settings = ws.entra_settings()
    template = template or settings.template
    lists = ws.entra_lists(run_id)
    available = {g.casefold(): g for g in sorted(lists, key=str.casefold)}
    chosen = list(available.values())
    if groups is not None:
        chosen = []
        for group in groups:
            if group.casefold() not in available:
                raise UserError(
                    f"Cleanup {run_id} has no Entra rows for group '{group}' "
                    f"(it has: {', '.join(available.values())})."
                )
            chosen.append(available[group.casefold()])
    plan = plan_files({g: lists[g] for g in chosen}, max_rows=max_rows or settings.max_rows)
    written = write_files(
        out_dir, [(p.name, p.parts(template)) for p in plan], overwrite=overwrite, progress=progress
    )
    result = EntraExportResult(
        files=[
            WrittenFile(group=p.group, path=path, rows=p.rows) for p, path in zip(plan, written, strict=True)
        ],
        lists={g: lists[g] for g in chosen},
    )
    ws.record_export(run_id, [(f.group, f.path, f.rows) for f in result.files])
    return result


# -- affected users ---------------------------------------------------------------------
def _records(rows: pd.DataFrame) -> list[dict[str, Any]]:
    frame = rows[RUN_ROW_COLUMNS].astype(object)
    frame = frame.where(frame.notna(), None)
    return [
        {str(k): (int(v) if k == "days_inactive" and v is not None else v) for k, v in r.items()}
        for r in frame.to_dict(orient="records")
    ]


def neutralise_formula(value: Any) -> Any:
    """Prefix a quote to text a spreadsheet would otherwise run as a formula."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def users_csv_bytes(rows: pd.DataFrame) -> bytes:
    """UTF-8 with BOM (so Excel shows accented names), CRLF, formulas neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(RUN_ROW_COLUMNS)
    for record in _records(rows):
        writer.writerow(neutralise_formula(v) for v in record.values())
    return buffer.getvalue().encode("utf-8-sig")


def users_json_bytes(rows: pd.DataFrame) -> bytes:
    return (json.dumps(_records(rows), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def write_users_csv(rows: pd.DataFrame, path: Path | str, *, overwrite: bool = True) -> Path:
    path = Path(path)
    return write_files(path.parent, [(path.name, users_csv_bytes(rows))], overwrite=overwrite)[0]


def write_users_json(rows: pd.DataFrame, path: Path | str, *, overwrite: bool = True) -> Path:
    path = Path(path)
    return write_files(path.parent, [(path.name, users_json_bytes(rows))], overwrite=overwrite)[0]
