"""Graph walks shared by the checks: iterative, so a chain of any length never meets the recursion limit."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence


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


def strong_components(nodes: Iterable[str], edges: Mapping[str, Sequence[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components, without recursion (a chain can be 100,000 long), in the
    order Tarjan finishes them: each component after every component it reaches. A node may be missing
    from `edges` (no edges out); the nodes it reaches need not be in `nodes`."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        work: list[tuple[str, int]] = [(root, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            targets = edges.get(node, ())
            if i < len(targets):
                work.append((node, i + 1))
                nxt = targets[i]
                if nxt not in index:
                    work.append((nxt, 0))
                elif nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
                continue
            if low[node] == index[node]:
                component: list[str] = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                components.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return components
