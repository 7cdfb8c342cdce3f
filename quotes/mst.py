"""The dependency parser's decoder: the maximum spanning tree of a sentence's arc scores, found in numpy.

stanza's parser scores every (dependent, head) pair and decodes each sentence with Chu-Liu-Edmonds,
penalising arcs from the root so that the tree has exactly one (`chuliu_edmonds_one_root`). Its decoder is
written over numpy scalars, a recursive Tarjan per contraction, and the root penalty leaves a cycle to
contract at almost every step: on news text it took two thirds of the parser's time, more than the network.
`one_root` takes the same scores, applies the same penalty and returns the same tree (the maximum spanning
tree is unique unless two trees score exactly alike), contracting each cycle with array operations and
finding cycles in a plain list walk. `install` puts it in place of stanza's for this process.
"""

from __future__ import annotations

import numpy as np

NEG = -np.inf


def _cycle(heads: list[int]) -> list[int] | None:
    """The nodes of one cycle of a head assignment (node 0 is the root and heads nothing), or None."""
    state = [0] * len(heads)  # 0 unseen, 1 on the path being walked, 2 known to reach the root
    state[0] = 2
    for start in range(1, len(heads)):
        path, v = [], start
        while state[v] == 0:
            state[v] = 1
            path.append(v)
            v = heads[v]
        if state[v] == 1:
            return path[path.index(v):]
        for u in path:
            state[u] = 2
    return None


def arborescence(scores: np.ndarray) -> np.ndarray:
    """Heads of the maximum spanning tree rooted at node 0: `scores[d, h]` is the score of h heading d.
    Returns an array whose entry d is the head of d (entry 0 is 0)."""
    s = np.array(scores, dtype=np.float64)
    stack = []
    while True:
        np.fill_diagonal(s, NEG)
        s[0] = NEG
        heads = s.argmax(axis=1)
        heads[0] = 0
        cycle = _cycle(heads.tolist())
        if cycle is None:
            break
        cyc = np.array(cycle)
        inside = np.zeros(len(s), dtype=bool)
        inside[cyc] = True
        rest = np.flatnonzero(~inside)  # node 0 first
        m = len(rest)
        # an arc into the cycle replaces the cycle arc of the node it enters; an arc out leaves its best node
        enter = s[cyc][:, rest] - s[cyc, heads[cyc]][:, None]
        leave = s[rest][:, cyc]
        enter_best, leave_best = enter.argmax(axis=0), leave.argmax(axis=1)
        new = np.empty((m + 1, m + 1))
        new[:m, :m] = s[rest][:, rest]
        new[m, :m] = enter[enter_best, np.arange(m)]
        new[:m, m] = leave[np.arange(m), leave_best]
        stack.append((heads, rest, cyc, enter_best, leave_best))
        s = new
    tree = heads
    while stack:
        heads, rest, cyc, enter_best, leave_best = stack.pop()
        m = len(rest)
        full = heads.copy()  # the cycle's own arcs, but for the one the tree enters by
        outer = tree[:m]
        full[rest] = np.where(outer == m, cyc[leave_best], rest[np.minimum(outer, m - 1)])
        full[cyc[enter_best[tree[m]]]] = rest[tree[m]]
        full[0] = 0
        tree = full
    return tree


def one_root(scores: np.ndarray) -> np.ndarray:
    """stanza's `chuliu_edmonds_one_root`, same arguments and result: root arcs are penalised by the lowest
    score times the sentence length, so the best tree has exactly one. The penalty is the same for every tree
    with one root arc, so when the best tree without it has one root arc it is that tree: it is tried first,
    and usually holds (few cycles to contract without the penalty, one per word with it)."""
    s = np.array(scores, dtype=np.float64)
    tree = arborescence(s)
    if np.count_nonzero(tree[1:] == 0) == 1:
        return tree
    s[:, 0] += s[np.isfinite(s)].min() * s.shape[0]
    return arborescence(s)


def install() -> None:
    """Decode stanza's dependency parses with `one_root` in this process (stanza 1.15's parser looks the
    decoder up by name in its model module at each batch)."""
    from stanza.models.depparse import model

    if hasattr(model, "chuliu_edmonds_one_root"):
        model.chuliu_edmonds_one_root = one_root
