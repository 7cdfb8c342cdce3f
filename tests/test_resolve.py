"""Speakers: resolution paths, kinds, roles, affiliations and entities, on the corpus and the seeds."""

import pytest
from conftest import find_quote

from quotes.evaluate import score


def speaker(docs, doc_id, needle):
    return find_quote(docs[doc_id], needle)["speaker"]


@pytest.mark.parametrize("doc_id,needle,resolution,name", [
    ("ridgeway-officer-charged", "Officer Keller made a split-second", "explicit", "Michael Dunn"),
    ("ridgeway-officer-charged", "Keller would plead not guilty", "coreference", "Michael Dunn"),
    ("westbrook-union-chief", "We will take this to arbitration", "continuation", "Mike Donnelly"),
    ("rivera-review-hearing", "the delay was painful but acceptable", "apposition", "Victor Lopez"),
])
def test_resolution_paths(corpus_docs, doc_id, needle, resolution, name):
    sp = speaker(corpus_docs, doc_id, needle)
    assert (sp["resolution"], sp["name"]) == (resolution, name)


def test_descriptor_resolves_to_the_titled_person(seeds_docs):
    sp = speaker(seeds_docs, "seed-002", "The video… shows that Dorner")
    assert sp["text"] == "the finance director" and sp["name"] == "Mark Hartenstein"
    assert sp["resolution"] == "coreference" and sp["role"] == "official"


def test_unresolved_speaker_is_none_not_a_guess(extractor):
    doc = extractor.extract("“Nobody saw anything.”\n\n“It was over in seconds.”", doc_id="x")
    assert doc.quotes and all(q.speaker.resolution == "none" and q.speaker.name is None for q in doc.quotes)
    assert all(q.speaker.kind == "unknown" and q.speaker.entity is None for q in doc.quotes)
    assert all(q.speaker.confidence == 0.0 for q in doc.quotes)


def test_confidence_follows_the_evidence(corpus_docs):
    explicit = speaker(corpus_docs, "ridgeway-officer-charged", "Officer Keller made a split-second")
    pronoun = speaker(corpus_docs, "ridgeway-officer-charged", "Keller would plead not guilty")
    continued = speaker(corpus_docs, "westbrook-union-chief", "We will take this to arbitration")
    assert explicit["confidence"] > pronoun["confidence"] > continued["confidence"] > 0


@pytest.mark.parametrize("doc_id,needle,kind", [
    ("ridgeway-officer-charged", "Mr. Hayes posed no threat", "person"),
    ("harlan-union-statement", "We support the right to protest", "organization"),
    ("chokehold-experts", "went far beyond what police training allows", "group"),
    ("sheriff-deputies-indicted", "at least 20 times after he was handcuffed", "document"),
    ("fairview-anonymous-sources", "the raid team had entered the wrong apartment", "anonymous"),
])
def test_kinds(corpus_docs, doc_id, needle, kind):
    assert speaker(corpus_docs, doc_id, needle)["kind"] == kind


@pytest.mark.parametrize("doc_id,needle,role", [
    ("ridgeway-officer-charged", "Mr. Hayes posed no threat", "prosecutor"),
    ("ridgeway-officer-charged", "Officer Keller made a split-second", "defense_attorney"),
    ("brennan-family-lawsuit", "Marcus begged for a doctor", "attorney"),
    ("ridgeway-officer-charged", "This is a prosecution driven by headlines", "police_union"),
    ("maple-grove-bodycam", "Stop right there", "police_officer"),
    ("maple-grove-bodycam", "Molina was pronounced dead", "police_department"),
    ("vance-bail-hearing", "This court does not set bail", "judge"),
    ("ridgeway-officer-charged", "Keller fired four rounds", "court_document"),
    ("harlan-union-statement", "We will look at every minute of video", "official"),
    ("maple-grove-bodycam", "He wasn't running at anybody", "witness"),
    ("ridgeway-officer-charged", "I just want the truth to come out", "family"),
    ("vance-bail-hearing", "I was scared, and I stayed inside", "suspect"),
    ("chokehold-experts", "the danger to officers is mostly over", "expert"),
    ("fairview-anonymous-sources", "the autopsy found that", "anonymous_source"),
    ("vance-bail-hearing", "one of the bullets struck", "media"),
])
def test_roles(corpus_docs, doc_id, needle, role):
    assert speaker(corpus_docs, doc_id, needle)["role"] == role


def test_affiliation_and_entities(seeds_docs, corpus_docs):
    doc = seeds_docs["seed-000"]
    roorda = next(e for e in doc["entities"] if e["name"] == "Jeff Roorda")
    assert roorda["role"] == "police_union" and "Police Officers’ Association" in (roorda["affiliation"] or "")
    assert len(roorda["mentions"]) >= 2
    doc = corpus_docs["ridgeway-officer-charged"]
    dunn = [q["speaker"]["entity"] for q in doc["quotes"] if q["speaker"]["name"] == "Michael Dunn"]
    assert len(dunn) == 3 and len(set(dunn)) == 1


def test_organisations_cluster_and_mentions_cover_the_article(seeds_docs, seeds_gold):
    doc = seeds_docs["seed-003"]
    police = [q["speaker"] for q in doc["quotes"] if q["speaker"]["text"] in ("police", "Stockton police")]
    assert {sp["text"] for sp in police} == {"police", "Stockton police"}
    assert len({sp["entity"] for sp in police}) == 1 and {sp["name"] for sp in police} == {"Stockton police"}
    text = next(g["text"] for g in seeds_gold if g["doc_id"] == "seed-003")
    lester = next(e for e in doc["entities"] if e["name"] == "Jory Jamarr Lester")
    assert lester["role"] == "suspect"
    assert all(text[s:e] in ("Jory Jamarr Lester", "Lester") for s, e in lester["mentions"])
    assert len(lester["mentions"]) > len([q for q in doc["quotes"] if q["speaker"]["entity"] == lester["id"]])


def test_role_floors(seeds_gold, seeds_docs, corpus_gold, corpus_docs):
    seeds, _ = score(seeds_gold, seeds_docs)
    assert seeds["speaker_acc"] >= 0.95 and seeds["role_acc"] >= 0.90
    corpus, errors = score(corpus_gold, corpus_docs)
    assert corpus["role_acc"] >= 0.90, errors
