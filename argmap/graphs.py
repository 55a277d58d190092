"""Graph walks shared by the checks: iterative, so a chain of any length never meets the recursion limit."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence


def cycles(edges: Mapping[str, Sequence[str]]) -> Iterator[list[str]]:
    """Each cycle that a depth-first search closes, once, as the path round it with its first node repeated
    at the end (`[a, b, a]`); linear in the graph. Every node must be a key of `edges`."""
    state: dict[str, int] = {}  # 1 on the stack, 2 done
    for root in edges:
        if state.get(root):
            continue
        stack: list[tuple[str, int]] = [(root, 0)]
        path: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            targets = edges[node]
            if index < len(targets):
                stack.append((node, index + 1))
                nxt = targets[index]
                if state.get(nxt) == 1:
                    yield [*path[path.index(nxt):], nxt]
                elif not state.get(nxt):
                    stack.append((nxt, 0))
            else:
                state[node] = 2
                path.pop()
