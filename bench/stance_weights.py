"""The learned weighting of the stance rule's evidence: trained on Emergent train, held-out figures by k-fold.

usage: python bench/stance_weights.py [--folds K] [--write]

Each (headline, claim) pair of `../shared/data/emergent/train.csv` is parsed and read as `quotes stance` reads
it; its evidence (quotes.stances.features: whether it refutes the claim, its hedges, hearsay, questions, how
much of the claim it covers) is what a multinomial logistic regression weighs. The folds split by claim, so a
held-out headline's claim is never seen in training. Prints the rule's figures and the weighting's held-out
accuracy and macro-F1 over all folds; `--write` fits on every pair and writes the weights into the [weights]
table at the end of grammars/stance.toml. The lexicon the evidence is read with was itself written against
these headlines: the held-out figures measure the weighting, not the word lists.
"""

from __future__ import annotations

import argparse
import csv
import random
import re
from pathlib import Path

import attrs
import numpy as np

from quotes import Extractor
from quotes.evaluate import stance_scores
from quotes.grammar import FEATURES
from quotes.stances import decide, features, read

ROOT = Path(__file__).resolve().parent.parent
EMERGENT = ROOT.parent / "shared" / "data" / "emergent" / "train.csv"
LABELS = ("support", "oppose", "neutral")
GOLD = {"for": "support", "against": "oppose", "observing": "neutral"}


def evidence(rows: list[dict[str, str]]) -> tuple[np.ndarray, list[str]]:
    """The feature matrix of the pairs, and the rule's label for each (the grammar's weights left out)."""
    ex = Extractor()
    grammar = ex.grammar
    texts = list(dict.fromkeys(t for r in rows for t in (r["articleHeadline"], r["claimHeadline"])))
    parsed = dict(zip(texts, ex.parser.parse_many(texts), strict=True))
    plain = attrs.evolve(grammar, stance=attrs.evolve(grammar.stance, weights={}))  # the rule alone
    X, rule = [], []
    for r in rows:
        c, s = parsed[r["claimHeadline"]], parsed[r["articleHeadline"]]
        claim = read(c, range(len(c.words)), grammar)
        stmt = read(s, range(len(s.words)), grammar, claim)
        f = features(stmt, claim, grammar)
        X.append([f[k] for k in FEATURES])
        rule.append(decide(f, len(stmt.flips), plain)[0])
    return np.array(X), rule


def fit(X: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 2000, rate: float = 0.5) -> np.ndarray:
    """Multinomial logistic regression by gradient descent; the bias (feature 0) is not penalised."""
    W = np.zeros((X.shape[1], len(LABELS)))
    Y = np.eye(len(LABELS))[y]
    penalty = np.ones((X.shape[1], 1))
    penalty[0] = 0.0
    for _ in range(steps):
        Z = X @ W
        P = np.exp(Z - Z.max(1, keepdims=True))
        P /= P.sum(1, keepdims=True)
        W -= rate * (X.T @ (P - Y) + l2 * penalty * W) / len(y)
    return W


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--folds", type=int, default=10)
    ap.add_argument("--write", action="store_true", help="fit on all pairs and write grammars/stance.toml [weights]")
    args = ap.parse_args()
    with EMERGENT.open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    X, rule = evidence(rows)
    gold = [GOLD[r["articleHeadlineStance"]] for r in rows]
    y = np.array([LABELS.index(g) for g in gold])
    claims = sorted({r["claimId"] for r in rows})
    random.Random(0).shuffle(claims)
    fold = {c: k % args.folds for k, c in enumerate(claims)}
    held = np.zeros(len(y), dtype=int)
    for k in range(args.folds):
        train = np.array([fold[r["claimId"]] != k for r in rows])
        held[~train] = (X[~train] @ fit(X[train], y[train])).argmax(1)
    r = stance_scores(gold, rule)
    print(f"pairs {len(rows):,}, claims {len(claims)}, {args.folds} folds by claim")
    print(f"rule (its word lists written against these pairs): accuracy {r['accuracy']:.3f} "
          f"macro-F1 {r['macro_f1']:.3f}")
    h = stance_scores(gold, [LABELS[i] for i in held])
    print(f"learned weighting, held out:                       accuracy {h['accuracy']:.3f} "
          f"macro-F1 {h['macro_f1']:.3f}")
    if args.write:
        W = fit(X, y)
        lines = ["[weights]  # written by bench/stance_weights.py: fitted on Emergent train"]
        for j, label in enumerate(LABELS):
            lines.append(f"{label} = {{ " + ", ".join(f"{k} = {W[i, j]:.4f}" for i, k in enumerate(FEATURES)) + " }")
        path = ROOT / "grammars" / "stance.toml"
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\n\[weights\].*\Z", "", text, flags=re.S).rstrip("\n")
        path.write_text(text + "\n\n" + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"weights written to {path}")


if __name__ == "__main__":
    main()
