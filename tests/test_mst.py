"""quotes.mst: the same trees as stanza's own decoder, from the same scores."""

from pathlib import Path

import numpy as np
import pytest
from stanza.models.common.chuliu_edmonds import chuliu_edmonds_one_root as stanza_decoder
from stanza.models.depparse import model as depparse_model

from quotes import mst


def log_softmax(x: np.ndarray) -> np.ndarray:
    """Scores shaped like the parser's: each dependent's row is a log distribution over heads."""
    return (x - np.log(np.exp(x).sum(axis=1, keepdims=True))).astype(np.float32)


def is_tree(heads: np.ndarray) -> bool:
    """Every word reaches the root, and exactly one word hangs from it."""
    for d in range(1, len(heads)):
        seen, v = set(), d
        while v != 0:
            if v in seen:
                return False
            seen.add(v)
            v = heads[v]
    return int(np.count_nonzero(heads[1:] == 0)) == 1


@pytest.mark.parametrize("spread", [0.5, 2.0, 8.0])
def test_the_same_tree_as_stanzas_decoder(spread):
    rng = np.random.default_rng(int(spread * 10))
    for _ in range(150):
        n = int(rng.integers(2, 45))
        scores = log_softmax(rng.normal(size=(n, n)) * spread)
        ours = mst.one_root(scores.copy())
        assert is_tree(ours)
        assert np.array_equal(ours, stanza_decoder(scores.copy()))


def test_a_best_tree_with_two_roots_is_not_taken():
    # without the root penalty words 1 and 2 both hang from the root; with it, one of them must not
    scores = np.log(np.array([
        [1.0, 1e-9, 1e-9],
        [0.9, 1e-9, 0.1],
        [0.6, 0.4, 1e-9],
    ]))
    heads = mst.one_root(scores)
    assert list(heads) == [0, 0, 1] == list(stanza_decoder(scores.copy()))
    assert list(mst.arborescence(scores)) == [0, 0, 0]


def test_a_cycle_is_broken_where_it_costs_least():
    # 1 and 2 prefer each other; entering the cycle at 2 from the root costs less than at 1
    scores = np.log(np.array([
        [1.0, 1e-9, 1e-9],
        [0.2, 1e-9, 0.8],
        [0.4, 0.6, 1e-9],
    ]))
    assert list(mst.one_root(scores)) == [0, 2, 0] == list(stanza_decoder(scores.copy()))


def test_install_replaces_stanzas_decoder(monkeypatch):
    monkeypatch.setattr(depparse_model, "chuliu_edmonds_one_root", stanza_decoder)
    mst.install()
    assert depparse_model.chuliu_edmonds_one_root is mst.one_root


def test_label_scores_of_chosen_pairs_are_the_pairwise_scorers():
    import torch
    from stanza.models.common.biaffine import DeepBiaffineScorer

    torch.manual_seed(3)
    scorer = DeepBiaffineScorer(12, 12, 8, 5, pairwise=True).eval()
    for p in scorer.parameters():
        torch.nn.init.normal_(p)  # stanza starts the bilinear weights at zero: any ranking would pass
    hidden = torch.randn(3, 7, 12)  # three sentences padded to seven positions
    rows, deps, heads = (torch.tensor([0, 0, 0, 1, 2, 2, 2]), torch.tensor([1, 2, 3, 3, 1, 6, 2]),
                         torch.tensor([2, 0, 2, 5, 6, 0, 6]))  # heads shared within a sentence, not across
    with torch.no_grad():
        full = scorer(hidden, hidden)[rows, deps, heads]
        assert torch.allclose(mst.pair_scores(scorer, hidden, rows, deps, heads), full, atol=1e-4)
        assert torch.equal(mst.pair_scores(scorer, hidden, rows, deps, heads).argmax(1), full.argmax(1))


def test_install_labels_only_the_kept_arcs(monkeypatch):
    monkeypatch.setattr(depparse_model.GraphParser, "predict", mst._ORIGINAL.get("predict",
                                                                                depparse_model.GraphParser.predict))
    mst._ORIGINAL.clear()
    mst.install()
    assert depparse_model.GraphParser.predict is mst.arcs and mst._ORIGINAL["predict"] is not mst.arcs


def test_the_parser_gives_the_same_trees_and_labels_as_stanzas_predict(extractor):
    from quotes.parse import to_json

    text = (Path(__file__).resolve().parent.parent / "corpus" / "okafor-trial-day-three.txt").read_text("utf-8")
    parser = extractor.parser
    ours = to_json(parser.parse_many([text])[0])
    graph = depparse_model.GraphParser
    graph.predict = mst._ORIGINAL["predict"]
    try:
        theirs = to_json(parser.parse_many([text])[0])
    finally:
        graph.predict = mst.arcs
    assert ours == theirs and len(ours["words"]) > 200
