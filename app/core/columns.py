"""Column blobs: how the workspace stores snapshots that are only ever written and read whole.

The directory (users, group members, last-seen days) is replaced as a whole on every import and
read as a whole by every cleanup, and a run's rows never change once recorded. Storing such data
column by column in a few BLOBs, instead of millions of SQLite rows, makes a 300,000-user import
and cleanup a matter of a second. Integers are little-endian int32 arrays; text columns are
JSON arrays (``null`` for missing values); run snapshots are zlib-compressed JSON.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

INT = np.dtype("<i4")
MISSING_DAY = int(np.iinfo(INT).min)  # a day number that cannot occur


def encode_ints(values: np.ndarray | Sequence[int]) -> bytes:
    return np.asarray(values, dtype=INT).tobytes()


def decode_ints(data: bytes) -> np.ndarray:
    return np.frombuffer(data, dtype=INT)


def encode_days(days: pd.Series | np.ndarray) -> bytes:
    """Day numbers as floats with NaN for unknown."""
    values = np.asarray(days, dtype="float64")
    return encode_ints(np.where(np.isnan(values), MISSING_DAY, values).astype(INT))


def decode_days(data: bytes) -> np.ndarray:
    """Back to float64 with NaN for unknown."""
    ints = decode_ints(data)
    return np.where(ints == MISSING_DAY, np.nan, ints.astype("float64"))


def nullable_list(values: pd.Series) -> list[Any]:
    """Python values with None for every missing value (NaN, NA, None)."""
    objects = values.astype(object)
    return objects.where(objects.notna(), None).tolist()


def encode_text(values: pd.Series | Sequence[str | None]) -> bytes:
    items = nullable_list(values) if isinstance(values, pd.Series) else list(values)
    return json.dumps(items, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def decode_text(data: bytes) -> list[str | None]:
    items: list[str | None] = json.loads(data)
    return items


def encode_frame(frame: pd.DataFrame, integer_columns: Sequence[str] = ()) -> bytes:
    """A small-to-large frame of text and nullable integer columns, compressed."""
    columns: dict[str, list[Any]] = {}
    for name in frame.columns:
        values = nullable_list(frame[name])
        if name in integer_columns:
            values = [None if v is None else int(v) for v in values]
        columns[str(name)] = values
    payload = json.dumps(columns, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    return zlib.compress(payload, 1)


def decode_frame(data: bytes, columns: Sequence[str], integer_columns: Sequence[str] = ()) -> pd.DataFrame:
    stored: dict[str, list[Any]] = json.loads(zlib.decompress(data))
    frame = pd.DataFrame({name: pd.Series(stored[name], dtype=object) for name in columns})
    for name in integer_columns:
        frame[name] = frame[name].astype("Int64")
    return frame
