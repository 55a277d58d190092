"""Seriation for the agreement heat map: agents ordered so that allies sit together.

Average-linkage hierarchical clustering on the distance 1 − agreement (pairs with no shared question
count as far apart, distance 1), by the nearest-neighbour chain algorithm (O(n²) time, the same tree as
merging the closest pair each time, for a reducible linkage such as the average); the order is the
tree's leaves, left to right. Ties go to the lower index, so the order is reproducible.
"""

from __future__ import annotations

from collections.abc import Callable


def order(n: int, distance: Callable[[int, int], float]) -> list[int]:
    """The indices 0..n-1 in dendrogram leaf order under average linkage."""
    if n <= 2:
        return list(range(n))
    d = [[0.0 if i == j else distance(i, j) for j in range(n)] for i in range(n)]
    size = [1] * n
    leaves: list[list[int]] = [[i] for i in range(n)]
    active = set(range(n))
    chain: list[int] = []
    while len(active) > 1:
        if not chain:
            chain.append(min(active))
        a = chain[-1]
        previous = chain[-2] if len(chain) > 1 else None
        best = previous if previous is not None else -1
        best_d = d[a][previous] if previous is not None else float("inf")
        for b in sorted(active):
            if b != a and d[a][b] < best_d:
                best, best_d = b, d[a][b]
        if best == previous:
            chain.pop()
            chain.pop()
            low, high = min(a, best), max(a, best)
            for k in active:  # Lance-Williams: the merged cluster's distance is the size-weighted mean
                if k not in (low, high):
                    merged = (size[low] * d[low][k] + size[high] * d[high][k]) / (size[low] + size[high])
                    d[low][k] = d[k][low] = merged
            leaves[low] = leaves[low] + leaves[high]
            size[low] += size[high]
            active.discard(high)
        else:
            chain.append(best)
    return leaves[active.pop()]
