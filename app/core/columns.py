"""Column blobs: how the workspace stores snapshots that are only ever written and read whole.

The directory (users, group members, last-seen days) is replaced as a whole on every import and
read as a whole by every cleanup, and a run's rows never change once recorded. Storing such data
column by column in a few BLOBs, instead of millions of SQLite rows, makes a 300,000-user import
and cleanup a matter of a second. Integers are little-endian int32 arrays; text columns are the
strings joined by NUL after a bitmap of missing values, or for a categorical (a status) its
categories and a code per row; a run snapshot is its columns, labelled and zlib-compressed.
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


_SEPARATOR = "\x00"
_JOINED, _JSON, _CODED = b"J", b"S", b"C"


def encode_text(values: pd.Series | Sequence[str | None]) -> bytes:
    """Strings joined by NUL after a bitmap of missing values (about twice as fast as JSON
    both ways); JSON for the rare column whose text itself holds a NUL; a categorical as its
    categories and one code per row."""
    if isinstance(values, pd.Series) and isinstance(values.dtype, pd.CategoricalDtype):
        return _encode_coded(values)
    if isinstance(values, pd.Series):
        objects = values.to_numpy(dtype=object, copy=True)
        missing = pd.isna(objects)
        objects[missing] = ""
        texts = objects.tolist()
    else:
        missing = np.fromiter((v is None for v in values), dtype=bool, count=len(values))
        texts = ["" if v is None else v for v in values]
    joined = _SEPARATOR.join(texts)
    if joined.count(_SEPARATOR) != max(len(texts) - 1, 0):
        items = [None if gone else text for text, gone in zip(texts, missing, strict=True)]
        return _JSON + json.dumps(items, ensure_ascii=False).encode("utf-8")
    header = len(texts).to_bytes(8, "little") + np.packbits(missing).tobytes()
    return _JOINED + header + joined.encode("utf-8")


def decode_text(data: bytes, positions: np.ndarray | None = None) -> list[str | None]:
    """The strings, or only those at ``positions`` (then only those are made into ``str``)."""
    if data[:1] == _JSON:
        items: list[str | None] = json.loads(data[1:])
        return items if positions is None else [items[i] for i in positions]
    if data[:1] == _CODED:
        return _decode_coded(data, positions)
    count = int.from_bytes(data[1:9], "little")
    mask_bytes = (count + 7) // 8
    missing = np.unpackbits(np.frombuffer(data, dtype=np.uint8, count=mask_bytes, offset=9))[:count]
    start = 9 + mask_bytes
    texts: list[str | None] = []
    if positions is not None and len(positions) < count // 2:
        missing = missing[positions]
        texts.extend(_items_at(data, start, positions))
    elif count:
        texts.extend(data[start:].decode("utf-8").split(_SEPARATOR))
        if positions is not None:
            missing = missing[positions]
            texts = [texts[i] for i in positions.tolist()]
    for i in np.flatnonzero(missing):
        texts[i] = None
    return texts


def _items_at(data: bytes, start: int, positions: np.ndarray) -> list[str]:
    """The NUL-separated items from ``data[start:]`` at ``positions`` (a vector scan for the
    separators, then one slice per chosen item)."""
    ends = np.flatnonzero(np.frombuffer(data, dtype=np.uint8, offset=start) == 0)
    ends = np.append(ends, len(data) - start) + start
    starts = np.concatenate(([start], ends[:-1] + 1))
    return [
        data[a:b].decode("utf-8")
        for a, b in zip(starts[positions].tolist(), ends[positions].tolist(), strict=True)
    ]


def _encode_coded(values: pd.Series) -> bytes:
    """A categorical column: its categories as JSON, then one int32 code per row (-1 missing)."""
    categories = json.dumps([str(c) for c in values.cat.categories], ensure_ascii=False).encode("utf-8")
    codes = values.cat.codes.to_numpy(dtype=INT)
    return (
        _CODED
        + len(codes).to_bytes(8, "little")
        + len(categories).to_bytes(8, "little")
        + categories
        + codes.tobytes()
    )


def _decode_coded(data: bytes, positions: np.ndarray | None) -> list[str | None]:
    size = int.from_bytes(data[9:17], "little")
    names = np.array([*json.loads(data[17 : 17 + size]), None], dtype=object)  # code -1: None
    codes = np.frombuffer(data, dtype=INT, offset=17 + size)
    result: list[str | None] = names[codes if positions is None else codes[positions]].tolist()
    return result


def encode_frame(frame: pd.DataFrame, integer_columns: Sequence[str] = ()) -> bytes:
    """A frame of text and nullable integer columns, compressed."""
    parts = []
    for name in frame.columns:
        column = frame[name]
        if name in integer_columns:
            numbers = pd.to_numeric(column).to_numpy(dtype="float64", na_value=np.nan)
            blob = b"I" + encode_days(numbers)
        else:
            blob = b"T" + encode_text(column)
        label = str(name).encode("utf-8")
        parts += [len(label).to_bytes(2, "little"), label, len(blob).to_bytes(8, "little"), blob]
    return zlib.compress(b"".join(parts), 1)


def decode_frame(data: bytes, columns: Sequence[str], integer_columns: Sequence[str] = ()) -> pd.DataFrame:
    raw = zlib.decompress(data)
    stored: dict[str, pd.Series] = {}
    at = 0
    while at < len(raw):
        size = int.from_bytes(raw[at : at + 2], "little")
        name = raw[at + 2 : at + 2 + size].decode("utf-8")
        at += 2 + size
        length = int.from_bytes(raw[at : at + 8], "little")
        blob = raw[at + 8 : at + 8 + length]
        at += 8 + length
        if blob[:1] == b"I":
            stored[name] = pd.Series(pd.array(decode_days(blob[1:]), dtype="Float64")).astype("Int64")
        else:
            stored[name] = pd.Series(decode_text(blob[1:]), dtype=object)
    frame = pd.DataFrame({name: stored[name] for name in columns})
    for name in integer_columns:
        frame[name] = frame[name].astype("Int64")
    return frame
