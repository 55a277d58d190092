"""Counting words in what argmap prints: '1 stance moved', '2 stances moved' (one place for plurals)."""

from __future__ import annotations


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 stance', '2 stances', '1000 agents'; `many` for irregular plurals ('1 analysis', '2 analyses')."""
    return f"{n} {word if n == 1 else (many or word + 's')}"
