"""Average-link clustering over a sparse graph of article similarities, with cannot-link constraints.

Agglomerative clustering with average linkage is what a reader does when deciding that articles tell one
story: a new report joins a story when it resembles the story's reports on the whole, not just one of
them (single link chains one shooting to the next). The textbook algorithm needs every pair; here only
the pairs that blocking and the top-k cut let through carry a similarity, and a missing pair counts as 0,
so the cost grows with the number of candidate pairs.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Mapping, Sequence


def average_link(
    sizes: Sequence[int],
    edges: Mapping[tuple[int, int], float],
    threshold: float,
    allowed: Callable[[int, int], bool],
) -> list[int]:
    """Merge groups while the best average similarity between two of them reaches ``threshold``.

    Args:
        sizes: how many items each starting group holds (group ``i`` is ``sizes[i]`` items).
        edges: ``(i, j) -> sum of item similarities between groups i and j``; absent pairs sum to 0.
        threshold: the smallest average item similarity at which two groups merge.
        allowed: called with the representatives of two clusters just before merging them, which happens
            only when it returns true (so a caller may update its own per-cluster state there); once
            false for a pair it must stay false for any clusters containing them, as cannot-links do.

    Returns:
        For each starting group, the starting group that represents its final cluster (the smallest).
    """
    size = list(sizes)
    adj: list[dict[int, float]] = [{} for _ in size]
    for (i, j), s in edges.items():
        if i != j:
            adj[i][j] = adj[i].get(j, 0.0) + s
            adj[j][i] = adj[j].get(i, 0.0) + s
    version = [0] * len(size)
    alive = [True] * len(size)
    heap: list[tuple[float, int, int, int, int]] = []

    def push(i: int, j: int) -> None:
        a, b = (i, j) if i < j else (j, i)
        score = adj[a][b] / (size[a] * size[b])
        if score >= threshold:
            heapq.heappush(heap, (-score, a, b, version[a], version[b]))

    for i, row in enumerate(adj):
        for j in row:
            if i < j:
                push(i, j)
    parent = list(range(len(size)))
    refused: set[tuple[int, int]] = set()
    while heap:
        _, a, b, va, vb = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or version[a] != va or version[b] != vb or (a, b) in refused:
            continue
        if not allowed(a, b):
            refused.add((a, b))
            continue
        # b folds into a (a < b), so the representative is always the smallest starting group.
        alive[b] = False
        parent[b] = a
        size[a] += size[b]
        version[a] += 1
        row_b, adj[b] = adj[b], {}
        for k, s in row_b.items():
            if k == a:
                continue
            adj[k].pop(b)
            adj[a][k] = adj[a].get(k, 0.0) + s
            adj[k][a] = adj[a][k]
        adj[a].pop(b, None)
        for k in adj[a]:
            push(a, k)

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    return [root(i) for i in range(len(size))]
