"""The column codec round-trips any text and integer column exactly."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.columns import decode_frame, decode_text, encode_frame, encode_text

TEXT = st.lists(st.one_of(st.none(), st.text(max_size=12)), max_size=40)


@given(TEXT)
def test_text_round_trip(values: list[str | None]) -> None:
    assert decode_text(encode_text(values)) == values


def test_text_with_nul_falls_back_but_round_trips() -> None:
    values = ["a\x00b", None, ""]
    blob = encode_text(values)
    assert blob[:1] == b"S"
    assert decode_text(blob) == values


@given(st.lists(st.one_of(st.none(), st.text(max_size=12)), min_size=1, max_size=40), st.data())
def test_chosen_rows_decode_like_all_rows(values: list[str | None], data: st.DataObject) -> None:
    # few rows (sliced one by one) and many rows (split whole) take different paths
    positions = data.draw(st.lists(st.integers(0, len(values) - 1), max_size=2 * len(values)))
    chosen = np.array(positions, dtype=np.int64)
    expected = [values[i] for i in positions]
    assert decode_text(encode_text(values), chosen) == expected
    assert decode_text(encode_text(["a\x00", *values]), chosen + 1) == expected  # JSON fallback


@given(st.lists(st.sampled_from(["active", "inactive", "suspended", None]), max_size=40), st.data())
def test_categorical_text_round_trips_as_codes(values: list[str | None], data: st.DataObject) -> None:
    blob = encode_text(pd.Series(pd.Categorical(values)))
    assert blob[:1] == b"C"
    assert decode_text(blob) == values
    positions = data.draw(st.lists(st.integers(0, max(len(values) - 1, 0)), max_size=len(values)))
    assert decode_text(blob, np.array(positions, dtype=np.int64)) == [values[i] for i in positions]


@settings(max_examples=50)
@given(TEXT, st.lists(st.one_of(st.none(), st.integers(-100_000, 100_000)), max_size=40))
def test_frame_round_trip(texts: list[str | None], numbers: list[int | None]) -> None:
    size = min(len(texts), len(numbers))
    frame = pd.DataFrame(
        {"t": pd.Series(texts[:size], dtype=object), "n": pd.array(numbers[:size], dtype="Int64")}
    )
    back = decode_frame(encode_frame(frame, integer_columns=("n",)), ["t", "n"], integer_columns=("n",))
    assert back["t"].tolist() == texts[:size]
    assert [None if pd.isna(v) else int(v) for v in back["n"]] == numbers[:size]
