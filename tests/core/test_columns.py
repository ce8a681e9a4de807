"""The column codec round-trips any text and integer column exactly."""

from __future__ import annotations

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
