"""The dependency parser's decoder: the maximum spanning tree of a sentence's arc scores, found in numpy.

stanza's parser scores every (dependent, head) pair and decodes each sentence with Chu-Liu-Edmonds,
penalising arcs from the root so that the tree has exactly one (`chuliu_edmonds_one_root`). Its decoder is
written over numpy scalars, a recursive Tarjan per contraction, and the root penalty leaves a cycle to
contract at almost every step: on news text it took two thirds of the parser's time, more than the network.
`one_root` takes the same scores, applies the same penalty and returns the same tree (the maximum spanning
tree is unique unless two trees score exactly alike), contracting each cycle with array operations and
finding cycles in a plain list walk.

stanza also scores every label of every (dependent, head) pair, a tensor of n² × 51 per sentence, padded to the
batch's longest, and takes its log-softmax, though a label is read only for the arc the tree keeps. `predict`
scores the labels of the tree's arcs alone, with the same weights: the same sums in another order, so a label
can differ only where two labels tie to the last bits of a float (checked over every text this project parses).
`install` puts both in place of stanza's for this process.
"""

from __future__ import annotations

from typing import Any

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


def arcs(self: Any, *inputs: Any, resolve_head_constraints: bool = False) -> list[list[list[Any]]]:
    """stanza 1.15's `GraphParser.predict` (same inputs, same result), labelling only the tree's arcs."""
    import torch
    import torch.nn.functional as F
    from stanza.models.common.vocab import VOCAB_PREFIX_SIZE

    if resolve_head_constraints or self.args.get("use_arc_embedding") or self.training:
        return _ORIGINAL["predict"](self, *inputs, resolve_head_constraints=resolve_head_constraints)
    word, sentlens = inputs[0], inputs[12]
    hidden = self.drop(self.embed(*inputs))
    scores = self.unlabeled(hidden, hidden).squeeze(3)
    offset = (torch.arange(word.size(1)).view(1, 1, -1) - torch.arange(word.size(1)).view(1, -1, 1)).expand(
        word.size(0), -1, -1)
    if self.args["linearization"]:
        scores += F.logsigmoid(self.linearization(hidden, hidden).squeeze(3) * torch.sign(offset).float())
    if self.args["distance"]:
        pred = 1 + F.softplus(self.distance(hidden, hidden).squeeze(3))
        scores += -torch.log((torch.abs(offset).float() - pred) ** 2 / 2 + 1)
    scores.masked_fill_(torch.eye(word.size(1), dtype=torch.bool).unsqueeze(0), -float("inf"))
    logp = F.log_softmax(scores, 2).numpy()
    trees = [one_root(logp[i][:n, :n]) for i, n in enumerate(sentlens)]
    rows = torch.tensor([i for i, n in enumerate(sentlens) for _ in range(1, n)], dtype=torch.long)
    deps = torch.tensor([d for n in sentlens for d in range(1, n)], dtype=torch.long)
    heads = torch.tensor([int(h) for t in trees for h in t[1:]], dtype=torch.long)
    names = self.vocab["deprel"].unmap((pair_scores(self.deprel, hidden, rows, deps, heads).argmax(1)
                                        + VOCAB_PREFIX_SIZE).tolist())
    result, k = [], 0
    for t, n in zip(trees, sentlens, strict=True):
        result.append([[int(h), names[k + j]] for j, h in enumerate(t[1:])])
        k += n - 1
    return result


def pair_scores(scorer: Any, hidden: Any, rows: Any, deps: Any, heads: Any) -> Any:
    """What a stanza DeepBiaffineScorer gives for `scorer(hidden, hidden)[rows, deps, heads]`, computed for
    those pairs alone: one row of label scores for each (sentence, dependent, head). The weights are contracted
    with each distinct head first (a tree has about four heads in ten words), then with each dependent."""
    import torch

    pairs = rows * hidden.size(1) + heads
    distinct, which = torch.unique(pairs, return_inverse=True)
    dep = scorer.hidden_func(scorer.W1(hidden))[rows, deps]
    head = scorer.hidden_func(scorer.W2(hidden))[distinct // hidden.size(1), distinct % hidden.size(1)]
    bilinear = scorer.scorer.W_bilin
    per_head = torch.einsum("IJO,KJ->KIO", bilinear.weight, torch.cat([head, head.new_ones(len(head), 1)], 1))
    return torch.einsum("PI,PIO->PO", torch.cat([dep, dep.new_ones(len(dep), 1)], 1), per_head[which]) + bilinear.bias


_ORIGINAL: dict[str, Any] = {}


def install() -> None:
    """Decode stanza's dependency parses with `one_root`, and label only the kept arcs, in this process
    (stanza 1.15's parser looks the decoder up by name in its model module at each batch)."""
    from stanza.models.depparse import model

    from .lean import patch

    if getattr(model, "chuliu_edmonds_one_root", one_root) is not one_root:
        patch(model, "chuliu_edmonds_one_root", one_root)
    if "predict" not in _ORIGINAL:
        _ORIGINAL["predict"] = model.GraphParser.predict
        patch(model.GraphParser, "predict", arcs)


def forget() -> None:
    """Forget what `install` kept of stanza's (after `lean.restore` put it back)."""
    _ORIGINAL.clear()
