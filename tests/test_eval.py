"""`quotes eval` gives the reference scorer's figures, and the engine meets its floors on real text."""

import subprocess
import sys

import orjson
import pytest
from conftest import CORPUS, POLNEAR_GOLD, SEEDS_GOLD, SHARED, load_jsonl

from quotes.evaluate import score

REFERENCE = SHARED / "tools" / "score.py"


def reference(gold, pred_path) -> dict:
    out = subprocess.run([sys.executable, str(REFERENCE), str(gold), str(pred_path), "--json"],
                         capture_output=True, text=True, check=True)
    return orjson.loads(out.stdout)


def write(tmp_path, docs: dict) -> object:
    path = tmp_path / "pred.jsonl"
    path.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in docs.values()))
    return path


def test_same_figures_as_the_reference_scorer(tmp_path, seeds_docs, corpus_docs):
    for gold, docs in ((SEEDS_GOLD, seeds_docs), (CORPUS / "gold.jsonl", corpus_docs)):
        ours, _ = score(load_jsonl(gold), docs)
        assert ours == reference(gold, write(tmp_path, docs))


def test_seeds_floor(seeds_gold, seeds_docs):
    res, errors = score(seeds_gold, seeds_docs)
    assert res["f1"] >= 0.90, errors
    assert res["speaker_acc"] >= 0.85, errors


def test_corpus_floor(corpus_gold, corpus_docs):
    res, errors = score(corpus_gold, corpus_docs)
    assert res["f1"] >= 0.93, errors
    assert res["speaker_acc"] >= 0.90, errors
    assert res["by_type"]["direct"]["recall"] >= 0.95, errors


@pytest.mark.skipif(not POLNEAR_GOLD.is_file(), reason="PolNeAR dev set not present")
def test_polnear_floor(extractor, schema):
    import jsonschema

    gold = load_jsonl(POLNEAR_GOLD)
    docs = {}
    for d in extractor.extract_many((g["doc_id"], g["text"]) for g in gold):
        out = d.to_dict()
        jsonschema.validate(out, schema)
        docs[d.doc_id] = out
    res, _ = score(gold, docs)
    assert res["precision"] >= 0.80
    assert res["by_type"]["direct"]["recall"] >= 0.90
    assert res["by_type"]["indirect"]["recall"] >= 0.60
    assert res["speaker_acc"] >= 0.75
