"""Read user exports into a :class:`~app.core.models.Directory`.

Two layouts are recognised by their column names (never by position):

* Atlassian Administration "Export users" files, both generations: ``email``, ``User id``,
  ``User name``, ``User status``, ``Added to org``, any number of ``Last seen in <Product> - <site>``
  columns, groups as one comma-separated column or pivoted ``Group 1`` … ``Group n`` columns.
* The generic format: ``email``, ``display_name``, ``status``, ``last_active`` (ISO date or
  date-time), ``created``, ``groups`` (``;``-separated).

Anything else can be imported with an explicit :class:`ColumnMapping`. Encodings: UTF-8 with or
without BOM, UTF-16 (Excel "Unicode text"), Windows-1252; delimiters: comma, semicolon or tab.
Every failure is an :class:`InputFileError` naming the file, line and column.
"""

from __future__ import annotations

import codecs
import csv
import io
import mmap
import re
import sys
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from app.core.errors import InputFileError, UnknownLayoutError
from app.core.models import Directory, ImportSummary
from app.core.progress import Progress

if TYPE_CHECKING:
    from app.core.store import Workspace

FORMATS = ("auto", "atlassian", "generic")
NEVER = {"", "never accessed", "never logged in", "never", "none", "-", "n/a"}
ACTIVE = {"", "active", "yes", "true", "1", "enabled"}
INACTIVE = {"no", "false", "0", "disabled", "deactivated"}
_EPOCH = pd.Timestamp("1970-01-01")
_LAST_SEEN = re.compile(r"^last seen in (?P<product>.+?)(?: - (?P<site>.+))?$", re.IGNORECASE)
_LAST_ACTIVE = re.compile(r"^last active( date)?( \[utc\])?$", re.IGNORECASE)
_PIVOT_GROUP = re.compile(r"^group \d+$", re.IGNORECASE)

_ATLASSIAN_ALIASES = {
    "email": ("email", "email address", "e-mail"),
    "account_id": ("user id", "id", "atlassian id", "account id"),
    "display_name": ("user name", "name", "full name", "full_name", "display name"),
    "status": ("user status", "status", "active", "account status"),
    "added": ("added to org", "created"),
    "groups": ("group membership", "groups", "group names"),
}
_ATLASSIAN_MARKERS = ("user id", "user status", "added to org", "group membership", "user name")


@dataclass(frozen=True)
class ColumnMapping:
    """Which column holds what. ``last_seen`` may name several columns (one per product)."""

    email: str
    display_name: str | None = None
    status: str | None = None
    last_seen: tuple[str, ...] = ()
    added: str | None = None
    groups: str | None = None
    groups_separator: str = ","
    account_id: str | None = None
    pivot_groups: tuple[str, ...] = ()


# -- reading the file -----------------------------------------------------------------
def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def read_text(path: Path) -> str:
    """Decode the file, trying the encodings admins' tools actually write."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputFileError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    if raw.startswith(codecs.BOM_UTF8):
        candidates = [("utf-8-sig", raw)]
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        candidates = [("utf-16", raw)]
    elif len(raw) >= 4 and raw[1] == 0 and raw[3] == 0 and raw[0] != 0:
        candidates = [("utf-16-le", raw)]
    elif len(raw) >= 4 and raw[0] == 0 and raw[2] == 0 and raw[1] != 0:
        candidates = [("utf-16-be", raw)]
    else:
        candidates = [("utf-8", raw), ("cp1252", raw)]
    text: str | None = None
    first_error: UnicodeDecodeError | None = None
    for encoding, data in candidates:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
    if text is None:
        assert first_error is not None
        prefix = raw[: first_error.start].decode("latin-1")
        line, column = _position(prefix, len(prefix))
        raise InputFileError(
            path,
            f"byte 0x{raw[first_error.start]:02x} is not valid text; save the file as CSV in "
            "UTF-8, UTF-16 or Windows-1252",
            line=line,
            column=column,
        )
    nul = text.find("\x00")
    if nul >= 0:
        line, column = _position(text, nul)
        raise InputFileError(
            path,
            "the file contains a NUL character; is it a spreadsheet or a binary file? Save it as CSV",
            line=line,
            column=column,
        )
    if not text.strip():
        raise InputFileError(path, "the file is empty")
    return text


class _Source:
    """A file to parse: its encoding and first line. A UTF-8 file is parsed from its path
    (pandas reads a path faster than an in-memory copy); its bytes and decoded text, which can
    take four times the file's size in memory, are only read again when an error needs a line
    and column. Other encodings are parsed from ``data``, the text re-encoded as UTF-8."""

    def __init__(
        self, path: Path, encoding: str, header: str, data: bytes | None = None, text: str | None = None
    ) -> None:
        self.path = path
        self.encoding = encoding
        self.header = header
        self.data = data
        self._text = text

    @property
    def text(self) -> str:
        if self._text is None:
            raw = self.data
            if raw is None:
                try:
                    raw = self.path.read_bytes()
                except OSError as exc:
                    raise InputFileError(self.path, f"cannot read the file ({exc.strerror or exc})") from exc
            try:
                self._text = raw.decode(self.encoding)
            except UnicodeDecodeError:  # not UTF-8 after all: Windows-1252, or a clear error
                self._text = read_text(self.path)
        return self._text


_HEAD = 65536  # bytes read to recognise the encoding and the header line


def _first_line(head: bytes, encoding: str) -> str:
    end = head.find(b"\n")
    return (head if end < 0 else head[:end]).decode(encoding, errors="replace")


def read_source(path: Path) -> _Source:
    """Like :func:`read_text` (same checks, same errors) without decoding UTF-8 files whole.

    Only the head of the file is read; a memory map finds a NUL byte anywhere in the rest."""
    try:
        with path.open("rb") as handle:
            head = handle.read(_HEAD)
            if len(head) == _HEAD:
                with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as view:
                    has_nul = view.find(b"\x00") >= 0
            else:
                has_nul = b"\x00" in head
    except (OSError, ValueError) as exc:  # ValueError: mmap of a file emptied meanwhile
        raise InputFileError(path, f"cannot read the file ({getattr(exc, 'strerror', None) or exc})") from exc
    utf16 = head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        len(head) >= 4 and ((head[1] == 0 and head[3] == 0) != (head[0] == 0 and head[2] == 0))
    )
    encoding = "utf-8-sig" if head.startswith(codecs.BOM_UTF8) else "utf-8"
    nearly_blank = (len(head) < 4096 and len(head.strip()) < 16) or not head[:4096].strip()
    if utf16 or has_nul or nearly_blank:  # read_text judges these
        return _decoded_source(path)
    return _Source(path, encoding, _first_line(head, encoding))  # UTF-8 is checked while parsing


def _decoded_source(path: Path) -> _Source:
    """The rare cases (UTF-16, Windows-1252) and every encoding error with its position."""
    text = read_text(path)
    data = text.encode("utf-8")
    return _Source(path, "utf-8", _first_line(data[:_HEAD], "utf-8"), data, text)


def _delimiter(text: str) -> str:
    header = text.lstrip("\ufeff").split("\n", 1)[0]
    counts = {d: header.count(d) for d in ("\t", ";", ",")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _locate_csv_error(path: Path, text: str, delimiter: str, fallback: str) -> InputFileError:
    """Re-read with the strict csv module to say where a malformed record is."""
    csv.field_size_limit(sys.maxsize)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    width = None
    start = 1
    try:
        for record in reader:
            if width is None:
                width = len(record)
            elif len(record) > width:
                return InputFileError(
                    path,
                    f"{len(record)} fields where the header has {width}; "
                    "is a value with the separator missing its quotes?",
                    line=start,
                    column=width + 1,
                )
            start = reader.line_num + 1
    except csv.Error as exc:
        detail = str(exc)
        if "unexpected end of data" in detail or "EOF" in detail:
            detail = "a quoted value is never closed"
        return InputFileError(path, f"malformed CSV: {detail}", line=start, column=1)
    return InputFileError(path, f"malformed CSV: {fallback}")


def _parse_source(source: _Source, *, nrows: int | None = None) -> pd.DataFrame:
    """The file's cells as ``str`` objects (object dtype); blank cells are empty strings."""
    path = source.path
    delimiter = _delimiter(source.header)
    try:
        frame = pd.read_csv(
            str(path) if source.data is None else io.BytesIO(source.data),
            encoding=source.encoding,
            sep=delimiter,
            dtype=object,
            keep_default_na=False,
            na_filter=False,
            skip_blank_lines=True,
            engine="c",
            nrows=nrows,
        )
    except UnicodeDecodeError:
        if source._text is not None:
            raise InputFileError(path, "the file cannot be decoded as text") from None
        return _parse_source(_decoded_source(path), nrows=nrows)  # not UTF-8: Windows-1252, or an error
    except OSError as exc:  # the file went away or became unreadable since it was checked
        raise InputFileError(path, f"cannot read the file ({exc.strerror or exc})") from exc
    except pd.errors.EmptyDataError:
        raise InputFileError(path, "the file is empty") from None
    except (pd.errors.ParserError, ValueError) as exc:
        raise _locate_csv_error(path, source.text, delimiter, str(exc)) from None
    frame.columns = [str(c).strip().lstrip("\ufeff") for c in frame.columns]
    return frame


def _strip(values: pd.Series, blank: str | None = "") -> pd.Series:
    """``str.strip`` of every cell, as plain ``str`` objects (faster than ``.str.strip()``);
    cells that are blank after stripping become ``blank``."""
    cells = values.to_numpy(dtype=object)
    try:
        stripped = np.array(list(map(str.strip, cells)), dtype=object)
    except TypeError:  # a cell that is not text
        stripped = np.array([_cell(v) for v in cells], dtype=object)
    if blank != "" and len(stripped):
        stripped[stripped == ""] = blank
    return pd.Series(stripped, index=values.index, dtype=object)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(value).strip()


def read_headers(path: Path | str) -> list[str]:
    """The column names of a file, for the column-mapping step."""
    return list(_parse_source(read_source(Path(path)), nrows=0).columns)


# -- recognising the layout -------------------------------------------------------------
def _find(headers: list[str], aliases: tuple[str, ...]) -> str | None:
    by_key = {" ".join(h.casefold().split()): h for h in headers}
    for alias in aliases:
        if alias in by_key:
            return by_key[alias]
    return None


def _atlassian_mapping(headers: list[str]) -> ColumnMapping | None:
    email = _find(headers, _ATLASSIAN_ALIASES["email"])
    if email is None:
        return None
    last_seen = tuple(h for h in headers if _LAST_SEEN.match(h) or _LAST_ACTIVE.match(h))
    return ColumnMapping(
        email=email,
        account_id=_find(headers, _ATLASSIAN_ALIASES["account_id"]),
        display_name=_find(headers, _ATLASSIAN_ALIASES["display_name"]),
        status=_find(headers, _ATLASSIAN_ALIASES["status"]),
        added=_find(headers, _ATLASSIAN_ALIASES["added"]),
        groups=_find(headers, _ATLASSIAN_ALIASES["groups"]),
        groups_separator=",",
        last_seen=last_seen,
        pivot_groups=tuple(h for h in headers if _PIVOT_GROUP.match(h.strip())),
    )


def _generic_mapping(headers: list[str]) -> ColumnMapping | None:
    email = _find(headers, ("email",))
    if email is None:
        return None
    last_active = _find(headers, ("last_active",))
    return ColumnMapping(
        email=email,
        display_name=_find(headers, ("display_name",)),
        status=_find(headers, ("status",)),
        last_seen=(last_active,) if last_active else (),
        added=_find(headers, ("created",)),
        groups=_find(headers, ("groups",)),
        groups_separator=";",
    )


def detect_layout(path: Path, headers: list[str], fmt: str = "auto") -> tuple[ColumnMapping, str]:
    """Pick the mapping for ``fmt`` (or recognise it for ``auto``)."""
    if fmt not in FORMATS:
        raise InputFileError(path, f"unknown format '{fmt}' (use {', '.join(FORMATS)})")
    keys = {" ".join(h.casefold().split()) for h in headers}
    if fmt == "auto":
        atlassian = any(m in keys for m in _ATLASSIAN_MARKERS) or any(_LAST_SEEN.match(h) for h in headers)
        generic = bool(keys & {"last_active", "display_name", "created"})
        fmt = "atlassian" if atlassian else "generic" if generic else ""
        if not fmt:
            raise UnknownLayoutError(path, headers)
    mapping = _atlassian_mapping(headers) if fmt == "atlassian" else _generic_mapping(headers)
    if mapping is None:
        raise InputFileError(
            path,
            f"there is no email column (columns found: {', '.join(headers[:12])})",
            line=1,
        )
    return mapping, fmt


# -- converting values ------------------------------------------------------------------
def _record_lines(text: str, rows: int) -> list[int]:
    """The line each data record starts on (records can span lines inside quotes)."""
    newlines = text.count("\n")
    if newlines in (rows, rows + 1) and '"' not in text:
        return list(range(2, rows + 2))
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    starts = []
    start = 1
    for _ in reader:
        starts.append(start)
        start = reader.line_num + 1
    return starts[1:] + [start] * max(0, rows - len(starts) + 1)


class _Table:
    """The parsed frame plus what is needed to point at a cell in the file."""

    def __init__(self, path: Path, source: _Source, frame: pd.DataFrame) -> None:
        self.path = path
        self.source = source
        self.frame = frame
        self.columns = list(frame.columns)
        self._day_of: dict[str, float] = {}  # a date cell as written -> day number (NaN: never)

    def error(self, row: int, column: str, message: str) -> InputFileError:
        line = _record_lines(self.source.text, len(self.frame))[row]
        return InputFileError(self.path, message, line=line, column=self.columns.index(column) + 1)

    def column(self, name: str | None, blank: str | None = "") -> pd.Series:
        """A column's cells, stripped; blank cells (and a missing column) are ``blank``."""
        if name is None:
            return pd.Series([blank] * len(self.frame), index=self.frame.index, dtype=object)
        return _strip(self.raw(name), blank)

    def raw(self, name: str) -> pd.Series:
        """A column as read (cells not stripped)."""
        if name not in self.frame.columns:
            raise InputFileError(self.path, f"there is no column '{name}'", line=1)
        return self.frame[name]

    def days(self, name: str) -> pd.Series:
        """Day numbers (float, NaN = never) from ``3 Jan 2024``-style or ISO dates.

        An export has a few thousand distinct dates in 100,000s of rows, mostly the same in
        every date column: each distinct cell is parsed once per file."""
        column = self.raw(name)
        codes, uniques = pd.factorize(column)
        cells = [str(u) for u in uniques]
        new = [cell for cell in cells if cell not in self._day_of]
        if new:
            self._day_of.update(zip(new, self._parse_days(new), strict=True))
        days = np.array([self._day_of[cell] for cell in cells] or [np.nan], dtype="float64")
        bad = np.isinf(days)
        if bad.any():
            row = int(np.isin(codes, np.flatnonzero(bad)).nonzero()[0][0])
            raise self.error(
                row,
                name,
                f"'{_cell(column.iloc[row])}' in column '{name}' is not a date "
                "(expected a date such as '3 Jan 2024' or '2024-01-03', or 'Never accessed')",
            )
        return pd.Series(days[codes], index=column.index, dtype="float64")

    @staticmethod
    def _parse_days(cells: list[str]) -> np.ndarray:
        """Day numbers of date cells: NaN for "never", infinity for what is not a date."""
        values = _strip(pd.Series(cells, dtype=object))
        result = np.full(len(cells), np.inf)
        result[values.str.casefold().isin(NEVER).to_numpy()] = np.nan
        todo = np.isinf(result)
        for fmt in ("%d %b %Y", "%d %B %Y", "%Y-%m-%d", "ISO8601"):
            if not todo.any():
                break
            parsed = pd.to_datetime(values[todo], format=fmt, errors="coerce", utc=fmt == "ISO8601")
            if fmt == "ISO8601":
                parsed = parsed.dt.tz_convert(None)
            ok = parsed.notna().to_numpy()
            positions = np.flatnonzero(todo)[ok]
            result[positions] = (parsed[ok].dt.normalize() - _EPOCH).dt.days.to_numpy(dtype="float64")
            todo[positions] = False
        return result


def _status(values: pd.Series) -> pd.Series:
    """``active``, ``inactive`` or the cell as written (casefolded), as a categorical; each
    distinct cell is looked at once."""
    codes, uniques = pd.factorize(values)
    lowered = [_cell(u).casefold() for u in uniques]
    names = ["active" if v in ACTIVE else "inactive" if v in INACTIVE else v for v in lowered]
    name_codes, distinct = pd.factorize(pd.Series(names, dtype=object))
    return pd.Series(_categorical(name_codes[codes], [str(n) for n in distinct]), index=values.index)


def _split_lists(values: pd.Series, separator: str) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """(row position, name code, names) for each name in a column of separated lists, in row
    order; ``names[code]`` is the name.

    Each distinct list is split once (an export has far fewer distinct lists than rows);
    blank names and repeats within a cell are dropped."""
    codes, uniques = pd.factorize(values)
    code_of: dict[str, int] = {}
    lists = [
        [
            code_of.setdefault(name, len(code_of))
            for name in dict.fromkeys(p for p in (part.strip() for part in str(text).split(separator)) if p)
        ]
        for text in uniques
    ]
    lengths = np.fromiter(map(len, lists), dtype=np.int64, count=len(lists))
    names = np.fromiter(chain.from_iterable(lists), dtype=np.int64, count=int(lengths.sum()))
    starts = np.cumsum(lengths) - lengths
    per_row = lengths[codes]
    total = int(per_row.sum())
    rows = np.repeat(np.arange(len(codes), dtype=np.int64), per_row)
    within = np.arange(total, dtype=np.int64) - np.repeat(np.cumsum(per_row) - per_row, per_row)
    return rows, names[np.repeat(starts[codes], per_row) + within], list(code_of)


def _concat(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _categorical(codes: np.ndarray, names: list[str]) -> pd.Categorical[Any]:
    return pd.Categorical.from_codes(codes, dtype=pd.CategoricalDtype(names))


def _memberships(table: _Table, mapping: ColumnMapping) -> pd.DataFrame:
    """user (row position), group (categorical); users ascending within each source column."""
    users: list[np.ndarray] = []
    codes: list[np.ndarray] = []
    code_of: dict[str, int] = {}

    def add(rows: np.ndarray, name_codes: np.ndarray, names: list[str]) -> None:
        recode = np.array([code_of.setdefault(n, len(code_of)) for n in names], dtype=np.int64)
        users.append(rows)
        codes.append(recode[name_codes] if len(recode) else name_codes)

    if mapping.groups:
        add(*_split_lists(table.raw(mapping.groups), mapping.groups_separator))
    for name in mapping.pivot_groups:
        column = table.column(name)
        keep = (column != "").to_numpy()
        cell_codes, uniques = pd.factorize(column[keep])
        add(np.flatnonzero(keep), cell_codes.astype(np.int64), [str(u) for u in uniques])
    frame = pd.DataFrame({"user": _concat(users), "group": _categorical(_concat(codes), list(code_of))})
    if len(users) > 1:
        frame = frame.drop_duplicates(ignore_index=True)
    return frame


def _source(column: str) -> tuple[str, str]:
    match = _LAST_SEEN.match(column)
    if match:
        return match["product"].strip(), (match["site"] or "").strip()
    if _LAST_ACTIVE.match(column) or column.casefold() == "last_active":
        return "", ""
    return column, ""


def _activity(table: _Table, mapping: ColumnMapping) -> pd.DataFrame:
    """user, product, site (both categorical), last_seen; never-seen users have no row.

    Rows come per source (product and site) with users ascending; where two columns are the
    same source, the later day of each user is kept."""
    users: list[np.ndarray] = []
    days: list[np.ndarray] = []
    source_of_rows: list[np.ndarray] = []
    sources: dict[tuple[str, str], int] = {}
    for name in mapping.last_seen:
        seen = table.days(name).to_numpy()
        known = np.flatnonzero(~np.isnan(seen))
        users.append(known)
        days.append(seen[known].astype(np.int64))
        code = sources.setdefault(_source(name), len(sources))
        source_of_rows.append(np.full(len(known), code, dtype=np.int64))
    products = list(dict.fromkeys(product for product, _ in sources))
    sites = list(dict.fromkeys(site for _, site in sources))
    product_codes = np.array([products.index(p) for p, _ in sources], dtype=np.int64)
    site_codes = np.array([sites.index(s) for _, s in sources], dtype=np.int64)
    source = _concat(source_of_rows)
    activity = pd.DataFrame(
        {
            "user": _concat(users),
            "product": _categorical(product_codes[source], products),
            "site": _categorical(site_codes[source], sites),
            "last_seen": _concat(days),
        }
    )
    if len(sources) < len(mapping.last_seen):  # a source in two columns: keep the later day
        activity["source"] = source
        activity = activity.sort_values(["source", "user", "last_seen"], kind="stable")
        activity = activity.drop_duplicates(["source", "user"], keep="last").drop(columns="source")
    return activity.reset_index(drop=True)


def read_directory(
    path: Path | str,
    *,
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
) -> Directory:
    """Parse a user export. Raises :class:`InputFileError` (or :class:`UnknownLayoutError`)."""
    path = Path(path)
    progress = progress or Progress()
    progress.step(0.0, "Reading the file")
    source = read_source(path)
    progress.step(0.15, "Parsing CSV")
    frame = _parse_source(source)
    if frame.empty and len(frame.columns) == 0:
        raise InputFileError(path, "the file has no columns")
    table = _Table(path, source, frame.reset_index(drop=True))
    del frame
    if mapping is None:
        mapping, fmt = detect_layout(path, table.columns, fmt)
    else:
        fmt = "mapped"
    progress.step(0.35, "Reading dates and groups")
    email = table.column(mapping.email, blank=None)
    users = pd.DataFrame(
        {
            "account_id": table.column(mapping.account_id, blank=None),
            "display_name": table.column(mapping.display_name),
            "email": email,
            "status": _status(table.raw(mapping.status) if mapping.status else table.column(None)),
        }
    )
    users["added_to_org"] = table.days(mapping.added) if mapping.added else float("nan")
    activity = _activity(table, mapping)
    progress.step(0.55, "Reading group memberships")
    memberships = _memberships(table, mapping)
    warnings = []
    without_email = int(email.isna().sum())
    if without_email:
        warnings.append(f"{without_email} rows have no email address; they can never be exported")
    if not mapping.last_seen:
        warnings.append("the file has no last-seen column: every user counts as never seen")
    return Directory(
        users=users,
        memberships=memberships,
        activity=activity,
        format=fmt,
        rows_without_email=without_email,
        warnings=warnings,
    )


def import_file(
    workspace: Workspace,
    path: Path | str,
    *,
    fmt: str = "auto",
    mapping: ColumnMapping | None = None,
    progress: Progress | None = None,
) -> ImportSummary:
    """Replace the workspace's users with the file's, in one transaction."""
    progress = progress or Progress()
    directory = read_directory(path, fmt=fmt, mapping=mapping, progress=progress)
    progress.step(0.7, "Saving to the workspace")
    summary = workspace.replace_directory(directory, source=str(Path(path).resolve()))
    progress.report(1.0, "Imported")
    return summary
