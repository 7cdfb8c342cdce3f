"""Invariants on random and adversarial text: no crash, valid offsets, verbatim text."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotes.find.direct import pair_marks
from quotes.grammar import load
from quotes.normalize import layout

G = load()
PIECES = st.sampled_from([
    "“", "”", '"', "'", "‘", "’", "«", "»", "„", "‹", "›", " ", "  ", "\n", "\n\n", "\u00a0", ",", ".", ":", "—",
    "said", "he said", "Police said", "according to", "the officer", "Smith", "told", "that", "it's", "rock 'n' roll",
    "We will appeal", "The union says", "released the following statement:", "\t", "\r\n", "?", "!", "\x00",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=6)), max_size=60).map("".join)


@settings(max_examples=400, deadline=None)
@given(TEXT)
def test_pairing_never_leaves_a_paragraph(text):
    lay = layout(text)
    assert len(lay.view) == len(text)
    for m in pair_marks(lay, G):
        lo, hi = lay.paragraphs[m.paragraph]
        assert lo <= m.open_at < m.start <= m.end <= hi


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(TEXT)
def test_extraction_invariants(extractor, text):
    doc = extractor.extract(text, doc_id="prop").to_dict()
    assert doc["error"] is None, doc["error"]
    ids = set()
    for q in doc["quotes"]:
        assert 0 <= q["start"] < q["end"] <= len(text)
        assert q["text"] == text[q["start"]:q["end"]]
        assert q["id"] not in ids
        ids.add(q["id"])
        sp = q["speaker"]
        if sp["start"] is not None:
            assert sp["text"] == text[sp["start"]:sp["end"]]
    by_id = {q["id"]: q for q in doc["quotes"]}
    entities = {e["id"] for e in doc["entities"]}
    for q in doc["quotes"]:
        if q["nested_in"] is not None:  # points to a longer quote that encloses it
            outer = by_id[q["nested_in"]]
            assert outer["start"] <= q["start"] and q["end"] <= outer["end"] and outer is not q
        assert q["speaker"]["entity"] is None or q["speaker"]["entity"] in entities
        if q["claim"] is not None:
            assert q["claim"]["id"] in {c["id"] for c in doc["claims"]}
