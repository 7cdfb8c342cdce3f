"""#30: every way news attributes a quotation (tests/grid.py), on recorded parses and, with the models, all of it."""

import pytest
from grid import CONSTRUCTIONS, RECORDED, cases, cells, gold, sample, verbs
from parses import grammar

from quotes import Extractor
from quotes import grammar as grammar_mod
from quotes.evaluate import score
from quotes.parse import RecordedParser


@pytest.fixture(scope="module")
def recorded() -> Extractor:
    return Extractor(parser=RecordedParser.load(RECORDED), timing=False)


def run(ex: Extractor, golds: list[dict]) -> tuple[dict, list[str]]:
    preds = {d.doc_id: d.to_dict() for d in ex.extract_many((g["doc_id"], g["text"]) for g in golds)}
    return score(golds, preds)


def test_the_grid_comes_from_the_grammar_and_a_cue_added_there_adds_its_cases(tmp_path):
    shipped = cases(grammar())
    assert len(shipped) >= 5000 and {c.verb for c in shipped} >= {v for v, _ in verbs(grammar())}
    assert {(c.order, c.speaker) for c in shipped} == set(cells())
    (tmp_path / "cues.toml").write_text('[classes.assert]\nverbs = ["opine"]\n', encoding="utf-8")
    more = cases(grammar_mod.load(tmp_path))
    assert sum(c.verb == "opine" for c in more) == sum(o != "according-to" for o, _ in cells())  # one a cell


def test_the_grid_sample_on_recorded_parses(recorded):
    """Every 40th case of each cell, as the models parsed it: all found, the speaker right (no model)."""
    golds = [gold(c) for c in sample(cases(recorded.grammar))]
    res, errors = run(recorded, golds)
    assert res["recall"] == 1.0 and res["speaker_acc"] >= 0.97, [e for e in errors if "STANCE" not in e]


def quote_of(ex: Extractor, key: str) -> list[tuple[str, str | None, str | None]]:
    doc = ex.extract(CONSTRUCTIONS[key])
    return [(q.text, q.cue.text if q.cue else None, q.speaker.name) for q in doc.quotes]


def test_an_inverted_cue_whose_speaker_the_parser_read_as_its_object(recorded):
    p = recorded.parser.parse_many([CONSTRUCTIONS["inverted"]])[0]
    added = next(w for w in p.words if w.text == "added")
    assert "Voice=Pass" in added.feats and not any(w.deprel.startswith("nsubj") and w.head == added.i
                                                   for w in p.words)  # what the models gave
    assert quote_of(recorded, "inverted") == [("We will ask for a new trial,", "added", "Tom Reyes")]


def test_a_relative_clause_between_the_speaker_and_the_cue(recorded):
    assert quote_of(recorded, "apposition") == [("We will appeal,", "acknowledged", "Lena Marsh")]


def test_a_quoted_clause_nothing_attributes_is_output_unattributed_and_a_scare_quote_is_not(recorded):
    doc = recorded.extract(CONSTRUCTIONS["unattributed"])
    assert [(q.text, q.speaker.kind, q.speaker.text) for q in doc.quotes] == [
        ("We will never forget him.", "unknown", None)]
    assert doc.quotes[0].speaker.confidence < 0.5


@pytest.mark.models
def test_the_whole_grid_with_the_models(extractor):
    """bench/grid.py prints these figures by dimension; the cells below 0.95 are named in the README."""
    golds = [gold(c) for c in cases(extractor.grammar)]
    res, _ = run(extractor, golds)
    assert res["recall"] >= 0.99 and res["speaker_acc"] >= 0.97
