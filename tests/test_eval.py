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


def test_same_figures_as_the_reference_scorer_on_the_corpus(tmp_path, corpus_docs):
    ours, _ = score(load_jsonl(CORPUS / "gold.jsonl"), corpus_docs)
    assert ours == reference(CORPUS / "gold.jsonl", write(tmp_path, corpus_docs))


def test_same_figures_as_the_reference_scorer_on_the_seeds(tmp_path, seeds_docs):
    ours, _ = score(load_jsonl(SEEDS_GOLD), seeds_docs)
    assert ours == reference(SEEDS_GOLD, write(tmp_path, seeds_docs))


def test_a_missing_document_and_a_spurious_quote_count(corpus_gold, corpus_docs):
    gold = corpus_gold[:2]
    full, _ = score(gold, corpus_docs)
    without, errors = score(gold, {gold[0]["doc_id"]: corpus_docs[gold[0]["doc_id"]]})
    assert without["missing_docs"] == 1 and without["recall"] < full["recall"]
    assert any(e.startswith(f"[{gold[1]['doc_id']}] MISSED") for e in errors)


def test_seeds_floor(seeds_gold, seeds_docs):
    res, errors = score(seeds_gold, seeds_docs)
    assert res["f1"] >= 0.90, errors
    assert res["speaker_acc"] >= 0.85, errors


def test_corpus_floor(corpus_gold, corpus_docs):
    res, errors = score(corpus_gold, corpus_docs)
    assert res["f1"] >= 0.93, errors
    assert res["speaker_acc"] >= 0.90, errors
    assert res["by_type"]["direct"]["recall"] >= 0.95, errors


def test_errors_list_each_wrong_stance_or_claim(corpus_gold, corpus_docs):
    res, errors = score(corpus_gold, corpus_docs)
    wrong = [e for e in errors if " STANCE gold=" in e]
    n = res["stance_n"]
    most = round(n * (2 - res["stance_acc"] - res["claim_link_acc"]))
    assert round(n * (1 - res["stance_acc"])) <= len(wrong) <= most
    opposed = {d: dict(doc, quotes=[dict(q, stance=dict(q["stance"] or {}, label="oppose")) for q in doc["quotes"]])
               for d, doc in corpus_docs.items()}
    res2, errors2 = score(corpus_gold, opposed)
    supported = round(n * (1 - res2["stance_acc"]))  # now every quote with a gold `support` is wrong
    assert supported > 0 and sum(" STANCE gold=support/" in e and " pred=oppose/" in e for e in errors2) == supported


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


def test_eval_says_when_predictions_were_made_without_the_claims(tmp_path, corpus_extractor, corpus_gold, corpus_docs):
    """Output extracted without the gold's claims scored stance 0.000 with no hint of why."""
    from typer.testing import CliRunner

    from quotes.cli import app

    gold = CORPUS / "gold.jsonl"
    bare, linked = tmp_path / "bare.jsonl", tmp_path / "linked.jsonl"
    bare.write_bytes(b"".join(orjson.dumps(d.to_dict()) + b"\n"
                              for d in corpus_extractor.extract_many((g["doc_id"], g["text"]) for g in corpus_gold)))
    linked.write_bytes(b"".join(orjson.dumps(d) + b"\n" for d in corpus_docs.values()))
    res = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(bare)])
    assert res.exit_code == 0 and "links no quote to a claim" in res.stderr and "--claims" in res.stderr
    res = CliRunner().invoke(app, ["eval", str(gold), "--pred", str(linked)])
    assert res.exit_code == 0 and "links no quote" not in res.stderr
