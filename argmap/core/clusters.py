"""Clusters of claims joined by `same` links: one point made in several maps. Union-find, so that a
corpus of any size clusters in near-linear time."""

from __future__ import annotations

from collections.abc import Iterable


def split(endpoint: str) -> tuple[str, str]:
    """`MAP-ID#CLAIM-ID` as (map id, claim id); ("", "") for anything else."""
    map_id, sep, claim = endpoint.partition("#")
    return (map_id, claim) if sep and map_id and claim else ("", "")


class Clusters:
    """Union-find over endpoints: `find` gives a cluster's representative (the first member added)."""

    def __init__(self, pairs: Iterable[tuple[str, str]] = ()) -> None:
        self._parent: dict[str, str] = {}
        for a, b in pairs:
            self.join(a, b)

    def add(self, item: str) -> None:
        self._parent.setdefault(item, item)

    def find(self, item: str) -> str:
        parent = self._parent.setdefault(item, item)
        root = item
        while parent != root:
            root, parent = parent, self._parent[parent]
        while item != root:  # path compression: later finds are one step
            self._parent[item], item = root, self._parent[item]
        return root

    def join(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self._parent[rb] = ra

    def groups(self) -> list[list[str]]:
        """Every cluster of two or more members, members in the order they were first seen."""
        out: dict[str, list[str]] = {}
        for item in self._parent:
            out.setdefault(self.find(item), []).append(item)
        return [members for members in out.values() if len(members) > 1]
