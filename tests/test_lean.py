"""quotes.lean computes what stanza computes: the same tensors, ids, strings and word vectors (no model files:
stanza's own classes, built small)."""

import random

import pytest
import torch

from quotes import lean

lean.install()


def test_padded_is_stanzas_tensor():
    rng = random.Random(7)
    words = [[rng.randrange(1, 90) for _ in range(rng.randrange(1, 9))] for _ in range(6)]
    # stanza's own takes three levels only when the innermost lists are of one length
    chars = [[[rng.randrange(1, 90) for _ in range(5)] for _ in range(rng.randrange(1, 5))] for _ in range(4)]
    for rows, batch in ((words, 6), (words, 8), (chars, 4), ([[3]], 1)):
        assert torch.equal(lean.padded(rows, batch), lean._ORIGINAL["get_long_tensor"](rows, batch))
        assert torch.equal(lean.padded(rows, batch, 2), lean._ORIGINAL["get_long_tensor"](rows, batch, 2))


def test_stanzas_modules_use_it():
    from stanza.models.common import char_model
    from stanza.models.pos import data

    assert data.get_long_tensor is lean.padded and char_model.get_long_tensor is lean.padded


def test_remembered_features_are_the_computed_ones_and_stay_so():
    from stanza.models.pos.vocab import FeatureVocab

    rows = [[("a", "Number=Sing|Person=3"), ("b", "Number=Plur"), ("c", "_")], [("d", "Mood=Ind|Tense=Past")]]
    vocab = FeatureVocab(rows, "en", idx=1)
    for feats in ("Number=Sing|Person=3", "Number=Plur", "Tense=Past|Mood=Ind", "_", "Number=Dual"):
        ids = vocab.unit2id(feats)
        ids.append(99)  # a caller that changes what it got does not change the memo
        assert vocab.unit2id(feats) == ids[:-1]
        assert vocab.id2unit(ids[:-1]) == vocab.id2unit(tuple(ids[:-1])) == _formatted(vocab, ids[:-1])
    assert vocab.id2unit(vocab.unit2id("Tense=Past|Mood=Ind")) == "Mood=Ind|Tense=Past"


def _formatted(vocab, ids):
    """What stanza's CompositeVocab.id2unit writes, computed here by hand."""
    from stanza.models.common.vocab import EMPTY_ID

    parts = [f"{k}={vocab._id2unit[k][v]}" for v, k in zip(ids, vocab._id2unit, strict=False) if v != EMPTY_ID]
    return "|".join(parts) or "_"


def test_a_class_that_answers_otherwise_keeps_its_answer():
    from stanza.models.pos.vocab import WordVocab

    vocab = WordVocab([[("the",), ("_",), ("dog",)]], "en", idx=0, ignore=["_"])
    assert vocab.unit2id("_") == vocab._unit2id["<EMPTY>"] != vocab.map(["<UNK>"])[0]
    assert vocab.map(["dog", "cat", "_"]) == [vocab._unit2id["dog"], vocab._unit2id["<UNK>"], vocab._unit2id["<EMPTY>"]]


@pytest.mark.parametrize("pad", [False, True])
def test_word_vectors_are_the_character_lstms(pad):
    from stanza.models.common.char_model import CharacterModel

    torch.manual_seed(3)
    args = {"char_emb_dim": 8, "char_hidden_dim": 12, "char_num_layers": 1, "dropout": 0.0, "char_rec_dropout": 0}
    model = CharacterModel(args, {"char": range(30)}, pad=pad).eval()
    torch.nn.init.normal_(model.char_attn.weight)
    # two sentences, five words, `7 8 9` twice: sorted longest first as stanza's batches are
    words = [[7, 8, 9, 4], [7, 8, 9], [7, 8, 9], [5, 6], [3]]
    chars = lean.padded(words, len(words))
    call = ([len(w) for w in words], [4, 0, 2, 1, 3], [3, 2])
    with torch.no_grad():
        want = lean._ORIGINAL["char_forward"](model, chars, None, call[1], call[2], call[0])
        got = model(chars, None, call[1], call[2], call[0])
        again = model(chars, None, call[1], call[2], call[0])  # every word remembered now
    if not pad:
        want, got, again = want.data, got.data, again.data
    assert torch.allclose(got, want, atol=1e-6) and torch.equal(got, again)
    assert len(model.__dict__["_lean_words"]) == 4


def test_the_word_memo_is_bounded(monkeypatch):
    from stanza.models.common.char_model import CharacterModel

    monkeypatch.setattr(lean, "WORDS", 2)
    args = {"char_emb_dim": 4, "char_hidden_dim": 6, "char_num_layers": 1, "dropout": 0.0, "char_rec_dropout": 0}
    model = CharacterModel(args, {"char": range(30)}).eval()
    for word in ([3, 4], [5, 6], [7, 8], [9, 10]):
        with torch.no_grad():
            model(lean.padded([word], 1), None, [0], [1], [2])
    assert len(model.__dict__["_lean_words"]) <= 3  # started again once it held more than two


def test_the_lemmatizers_first_batch_is_built_only_where_its_tensors_are_read():
    from stanza.models.common.doc import Document
    from stanza.pipeline import lemma_processor

    lean.install()
    assert lemma_processor.DataLoader is lean._lemma_batches
    doc = Document([[{"id": (1,), "text": "Officers", "upos": "NOUN"}, {"id": (2,), "text": "said", "upos": "VERB"}]])
    config = {"ensemble_dict": True, "lang": "en"}
    first = lean._lemma_batches(doc, 50, config, vocab=None, evaluation=True)
    assert first.doc is doc and not hasattr(first, "data")  # the document only: the caller reads nothing else
    with pytest.raises(AssertionError):  # a batch for the model is built as stanza builds it (here: no vocab)
        lean._lemma_batches(doc, 50, config, vocab=None, evaluation=True, skip=[False, True])
    with pytest.raises(AssertionError):  # and so is the first batch where the model reads it
        lean._lemma_batches(doc, 50, {"lang": "en"}, vocab=None, evaluation=True)


def test_tag_scores_are_the_bilinear_forms():
    """The tagger's XPOS and feature scores: contracted once per distinct parent row, the same scores as
    nn.Bilinear's to float rounding, and the same best tag; rows that are all distinct go the original way."""
    from stanza.models.common.biaffine import BiaffineScorer

    torch.manual_seed(3)
    for outputs in (53, 7):
        scorer = BiaffineScorer(200, 50, outputs).eval()
        torch.nn.init.normal_(scorer.W_bilin.weight)
        torch.nn.init.normal_(scorer.W_bilin.bias)
        hidden, tags = torch.randn(700, 200), torch.randn(21, 50)
        with torch.no_grad():
            for parents in (tags[torch.randint(0, 21, (700,))], tags[:1].expand(700, -1), torch.randn(700, 50)):
                ours, theirs = scorer(hidden, parents), lean._ORIGINAL["biaffine"](scorer, hidden, parents)
                assert torch.allclose(ours, theirs, rtol=1e-5, atol=1e-3)
                assert torch.equal(ours.argmax(1), theirs.argmax(1))


def test_a_failed_install_puts_back_everything_it_had_replaced(monkeypatch):
    """All or nothing: a patch that fails half way leaves stanza as it was, and a warning says so."""
    import stanza.models.common.data as data

    class Owner:
        value = "stanza's"

    before = list(lean._APPLIED)
    monkeypatch.setattr(lean, "_APPLIED", [])
    monkeypatch.setattr(lean, "_ORIGINAL", {})

    def half(*args):
        lean.patch(Owner, "value", "quotes'")
        lean.patch(data, "get_long_tensor", lean.padded)
        raise AttributeError("a renamed attribute")

    monkeypatch.setattr(lean, "install", half)
    kept = data.get_long_tensor
    with pytest.warns(UserWarning, match="could not be put in place"):
        assert lean.accelerate() is False
    assert Owner.value == "stanza's" and data.get_long_tensor is kept and lean._APPLIED == []
    assert before  # the module-level install above is untouched by this test's own list


def test_quotes_plain_stanza_leaves_stanza_untouched(monkeypatch):
    monkeypatch.setattr(lean, "_APPLIED", [])
    monkeypatch.setenv("QUOTES_PLAIN_STANZA", "1")
    assert lean.accelerate() is False and lean._APPLIED == []


EQUAL = """
import json, os, sys
from pathlib import Path
from quotes.parse import StanzaParser, to_json
from quotes import lean
texts = [p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).glob("*.txt"))]
parses = StanzaParser(os.environ["QUOTES_MODELS"]).parse_many(texts)
print(json.dumps({"accelerated": bool(lean._APPLIED), "parses": [to_json(p) for p in parses]}))
"""


@pytest.mark.models
def test_the_speed_ups_give_stanzas_own_parses_in_another_process(tmp_path):
    """The same texts parsed in two processes, one with quotes' speed-ups and one with stanza's own code
    (QUOTES_PLAIN_STANZA=1): the same words, lemmas, tags, heads and labels."""
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    corpus = Path(__file__).resolve().parent.parent / "corpus"
    runs = {}
    for plain in ("0", "1"):
        env = {**os.environ, "QUOTES_PLAIN_STANZA": plain}
        done = subprocess.run([sys.executable, "-c", EQUAL, str(corpus)], capture_output=True, text=True, env=env,
                              timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
        runs[plain] = json.loads(done.stdout)
    assert runs["0"]["accelerated"] and not runs["1"]["accelerated"]
    assert runs["0"]["parses"] == runs["1"]["parses"]
