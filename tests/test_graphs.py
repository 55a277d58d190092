"""argmap/core/graphs.py: the one Tarjan and the one cycle walk the checks and `evaluate` share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.core.graphs import cycles, strong_components
from tests.profiles import scaled

graphs = st.integers(1, 12).flatmap(lambda n: st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)),
                                                       max_size=3 * n).map(lambda edges, n=n: (n, edges)))


def adjacency(n: int, edges: list[tuple[int, int]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {str(i): [] for i in range(n)}
    for a, b in edges:
        out[str(a)].append(str(b))
    return out


def reach(graph: dict[str, list[str]], start: str) -> set[str]:
    seen, todo = {start}, [start]
    while todo:
        for nxt in graph[todo.pop()]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


@scaled(2)
@given(graphs)
def test_components_are_mutual_reachability_in_finishing_order(case: tuple[int, list[tuple[int, int]]]) -> None:
    graph = adjacency(*case)
    components = strong_components(graph, graph)
    assert sorted(node for c in components for node in c) == sorted(graph)
    reached = {node: reach(graph, node) for node in graph}
    where = {node: i for i, c in enumerate(components) for node in c}
    for a in graph:
        for b in graph:
            assert (where[a] == where[b]) == (b in reached[a] and a in reached[b])
            if b in reached[a] and where[a] != where[b]:
                assert where[b] < where[a]  # a component comes after every component it reaches


def test_a_long_chain_needs_no_recursion() -> None:
    n = 100_000
    graph = {str(i): [str(i + 1)] for i in range(n)} | {str(n): ["0"]}
    assert [len(c) for c in strong_components(graph, graph)] == [n + 1]
    assert len(next(cycles(graph))) == n + 2


def test_nodes_missing_from_the_edges_have_none() -> None:
    assert strong_components(["a"], {"a": ["b"]}) == [["b"], ["a"]]
