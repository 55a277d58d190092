"""files.bounded.read_at_most reads what `read(limit + 1)` would, whatever size the stat said (a file that
grew or shrank since): the loader, the cache and the suppression scan all read maps through it; and
read_regular is the one way they open a file (never a fifo or a device, never one over the limit); and
utf8_text decodes what they read as the utf-8-sig codec does."""

from __future__ import annotations

import io
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from argmap.files.bounded import BOM, read_at_most, read_regular, utf8_text


@given(st.binary(max_size=300), st.integers(0, 300), st.integers(0, 300))
def test_it_reads_what_a_read_of_the_limit_would(content: bytes, size: int, limit: int) -> None:
    assert read_at_most(io.BytesIO(content), size, limit) == io.BytesIO(content).read(limit + 1)


@pytest.mark.parametrize("raw", [b"", b"a: 1\n", b"\xef\xbb\xbfa: 1\n", b"\xef\xbb\xbf", b"\xef\xbb", b"\xef\xbb\xbf\xef\xbb\xbfx",
                                 b"a\n\xffb", b"\xef\xbb\xbfa\n\xffb", b"\xef\xbb\xbf\xc3", "é\u2028".encode()],
                         ids=repr)
@pytest.mark.parametrize("errors", ["strict", "replace"])
def test_utf8_text_is_the_utf8_sig_codec(raw: bytes, errors: str) -> None:
    # The same text, and the same error at the same offset (counted after a BOM), as the codec it stands for.
    assert _outcome(lambda: utf8_text(raw, errors)) == _outcome(lambda: raw.decode("utf-8-sig", errors))


@given(st.booleans(), st.binary(max_size=40), st.sampled_from(["strict", "replace"]))
def test_utf8_text_is_the_utf8_sig_codec_on_any_bytes(bom: bool, rest: bytes, errors: str) -> None:
    raw = BOM + rest if bom else rest
    assert _outcome(lambda: utf8_text(raw, errors)) == _outcome(lambda: raw.decode("utf-8-sig", errors))


def _outcome(decode: Callable[[], str]) -> object:
    try:
        return decode()
    except UnicodeDecodeError as error:
        return (error.start, error.end, error.reason, error.object)


def test_read_regular_reads_a_file_within_the_limit_and_no_other(tmp_path: Path) -> None:
    small, large, fifo = tmp_path / "small", tmp_path / "large", tmp_path / "fifo"
    small.write_bytes(b"abc")
    large.write_bytes(b"x" * 11)
    os.mkfifo(fifo)  # opened, it would block: it must not be opened at all
    raw, info = read_regular(str(small), 10)
    assert raw == b"abc" and info.st_ino == os.stat(small).st_ino
    raw, info = read_regular(str(large), 10)
    assert raw is None and info.st_size == 11
    raw, info = read_regular(str(fifo), 10)
    assert raw is None and stat.S_ISFIFO(info.st_mode)
    raw, info = read_regular(str(tmp_path), 10)
    assert raw is None and stat.S_ISDIR(info.st_mode)
    with pytest.raises(OSError):
        read_regular(str(tmp_path / "missing"), 10)
