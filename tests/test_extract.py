"""End-to-end behaviour on the corpus articles and the seeds: the patterns of the engine-core issue."""

import jsonschema
import pytest
from conftest import find_quote


def test_every_output_validates_and_points_at_its_text(corpus_docs, seeds_docs, corpus_gold, seeds_gold, schema):
    texts = {g["doc_id"]: g["text"] for g in corpus_gold + seeds_gold}
    for doc in list(corpus_docs.values()) + list(seeds_docs.values()):
        jsonschema.validate(doc, schema)
        assert doc["error"] is None
        text = texts[doc["doc_id"]]
        ids = [q["id"] for q in doc["quotes"]]
        assert ids == [f"q{k + 1}" for k in range(len(ids))]
        assert [q["start"] for q in doc["quotes"]] == sorted(q["start"] for q in doc["quotes"])
        entity_ids = {e["id"] for e in doc["entities"]}
        for q in doc["quotes"]:
            assert q["text"] == text[q["start"]:q["end"]]
            if q["cue"]:
                assert q["cue"]["text"] == text[q["cue"]["start"]:q["cue"]["end"]]
            sp = q["speaker"]
            if sp["start"] is not None:
                assert sp["text"] == text[sp["start"]:sp["end"]]
            assert sp["entity"] is None or sp["entity"] in entity_ids
            if q["nested_in"]:
                outer = next(o for o in doc["quotes"] if o["id"] == q["nested_in"])
                assert outer["start"] <= q["start"] and q["end"] <= outer["end"]


def test_inverted_cue_and_name_variants(corpus_docs):
    doc = corpus_docs["ridgeway-officer-charged"]
    q = find_quote(doc, "Officer Keller made a split-second decision")
    assert q["type"] == "direct" and q["cue"]["lemma"] == "say"
    assert q["speaker"]["text"] == "Dunn" and q["speaker"]["name"] == "Michael Dunn"


def test_according_to_names_the_document(corpus_docs):
    q = find_quote(corpus_docs["ridgeway-officer-charged"], "Keller fired four rounds")
    assert q["type"] == "indirect" and q["cue"]["class"] == "according_to"
    assert q["speaker"]["text"] == "court documents" and q["speaker"]["kind"] == "document"


def test_pronoun_resolves_to_the_speaker_of_the_paragraph(corpus_docs):
    q = find_quote(corpus_docs["ridgeway-officer-charged"], "Keller would plead not guilty")
    assert q["speaker"]["text"] == "He" and q["speaker"]["name"] == "Michael Dunn"
    assert q["speaker"]["resolution"] == "coreference"
    q = find_quote(corpus_docs["brennan-family-lawsuit"], "Nobody from the jail ever called us")
    assert q["speaker"]["name"] == "Keisha Bell"


def test_released_statement_without_marks_is_direct_per_sentence(corpus_docs):
    doc = corpus_docs["harlan-union-statement"]
    stmt = [q for q in doc["quotes"] if q["cue"] and q["cue"]["class"] == "statement"]
    assert [q["text"] for q in stmt] == [
        "Our officers showed restraint in a situation that was becoming dangerous.",
        "Several officers were struck with bottles before any arrest was made.",
        "We support the right to protest peacefully.",
        "We do not support violence against the men and women who keep this city safe.",
    ]
    assert all(q["type"] == "direct" and q["speaker"]["name"] == "The Harlan Fraternal Order of Police" for q in stmt)
    assert not any("Copyright" in q["text"] for q in doc["quotes"])


def test_colon_and_dash_attributions(corpus_docs):
    q = find_quote(corpus_docs["harlan-union-statement"], "We will look at every minute of video")
    assert q["speaker"]["name"] == "Paul Reyes" and q["cue"] is None
    q = find_quote(corpus_docs["brennan-family-lawsuit"], "Marcus begged for a doctor")
    assert q["speaker"]["name"] == "Rosa Delgado"


def test_mixed_quote_is_one_quote(corpus_docs):
    doc = corpus_docs["brennan-family-lawsuit"]
    q = find_quote(doc, "like he was an inconvenience")
    assert q["type"] == "mixed" and q["text"].startswith("deputies treated")
    assert not any(o["text"].startswith("like he was") for o in doc["quotes"])


def test_nested_report(corpus_docs):
    doc = corpus_docs["fairview-anonymous-sources"]
    outer = find_quote(doc, "the autopsy found that Jalen Price")
    inner = next(q for q in doc["quotes"] if q["text"] == "Jalen Price was shot in the back")
    assert inner["nested_in"] == outer["id"]
    assert outer["speaker"]["kind"] == "anonymous"


def test_trailing_attribution(corpus_docs):
    q = find_quote(corpus_docs["maple-grove-bodycam"], "Molina was pronounced dead")
    assert q["text"] == "Molina was pronounced dead at a hospital" and q["speaker"]["text"] == "police"


def test_parenthetical_cue_splits_the_content(corpus_docs):
    doc = corpus_docs["rivera-review-hearing"]
    assert any(q["text"] == "The review" for q in doc["quotes"])
    q = find_quote(doc, "will examine every use of force")
    assert q["speaker"]["name"] == "Margaret Chen"


def test_dialogue_and_responded_by_saying(corpus_docs):
    doc = corpus_docs["maple-grove-bodycam"]
    assert find_quote(doc, "Leave me alone")["speaker"]["name"] == "Victor Molina"
    assert find_quote(doc, "Stop right there")["speaker"]["name"] == "Ryan Castillo"


def test_continuation_and_neighbouring_sentence(corpus_docs):
    doc = corpus_docs["westbrook-union-chief"]
    first = find_quote(doc, "Our members have lost confidence")
    second = find_quote(doc, "We will take this to arbitration")
    assert first["speaker"]["name"] == "Mike Donnelly"
    assert second["speaker"]["name"] == "Mike Donnelly" and second["speaker"]["resolution"] == "continuation"


def test_multi_paragraph_quote_takes_the_later_attribution(corpus_docs):
    q = find_quote(corpus_docs["okafor-trial-day-three"], "Samuel Okafor was a student")
    assert q["speaker"]["name"] == "James Whitaker" and q["speaker"]["resolution"] == "continuation"


def test_question_attributed_in_the_next_sentence(corpus_docs):
    q = find_quote(corpus_docs["okafor-trial-day-three"], "You were behind the car door")
    assert q["speaker"]["name"] == "Rachel Stein"


def test_degraded_text_still_yields_reported_speech(corpus_docs, seeds_docs):
    doc = corpus_docs["degraded-lakeside-copy"]
    q = find_quote(doc, "whitlock had time to see")
    assert q["text"] == "whitlock had time to see that ross was unarmed"
    assert find_quote(doc, "the family wants the officer fired")["speaker"]["name"] == "andre ross"
    seed = seeds_docs["seed-001"]
    q = find_quote(seed, "he saw smith reaching for a gun")
    assert q["text"] == "he saw smith reaching for a gun" and q["cue"]["lemma"] == "claim"


def test_scare_quote_is_not_a_quote(seeds_docs):
    assert not any(q["text"] == "no" for q in seeds_docs["seed-003"]["quotes"])


@pytest.mark.parametrize("text", ["", "   \n\n  ", "No quotes here at all."])
def test_documents_without_quotes(extractor, text):
    doc = extractor.extract(text, doc_id="empty").to_dict()
    assert doc["error"] is None and doc["quotes"] == [] and doc["doc_id"] == "empty"


def test_doc_id_defaults_to_content_hash(extractor):
    doc = extractor.extract("“We will appeal,” the lawyer said.")
    assert doc.doc_id == doc.text_sha256[:16]
    assert doc.quotes[0].text == "We will appeal,"
