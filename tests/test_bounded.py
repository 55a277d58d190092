"""files.bounded.read_at_most reads what `read(limit + 1)` would, whatever size the stat said (a file that
grew or shrank since): the loader, the cache and the suppression scan all read maps through it."""

from __future__ import annotations

import io

from hypothesis import given
from hypothesis import strategies as st

from argmap.files.bounded import read_at_most


@given(st.binary(max_size=300), st.integers(0, 300), st.integers(0, 300))
def test_it_reads_what_a_read_of_the_limit_would(content: bytes, size: int, limit: int) -> None:
    assert read_at_most(io.BytesIO(content), size, limit) == io.BytesIO(content).read(limit + 1)
