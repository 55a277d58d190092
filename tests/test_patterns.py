"""argmap.core.patterns.later: a pattern compiled on first use answers as re.compile's does."""

from __future__ import annotations

import re

from argmap.core.patterns import later


def test_a_later_pattern_is_compiled_on_first_use_and_answers_as_the_compiled_one() -> None:
    text = "a-b  c\u2212d"
    pattern = r"[\s\-\u2212]+"
    lazy, compiled = later(pattern), re.compile(pattern)
    assert lazy.pattern == pattern and "sub" not in vars(lazy)  # nothing compiled yet
    assert lazy.sub(" ", text) == compiled.sub(" ", text) == "a b c d"
    assert lazy.findall(text) == compiled.findall(text) and lazy.flags == compiled.flags
    assert vars(lazy)["sub"] == compiled.sub  # the compiled pattern's own method, from the first use on
    marker = later(rb"#\s*argmap")
    assert marker.search(b"x # argmap") is not None and marker.pattern.decode() == r"#\s*argmap"
