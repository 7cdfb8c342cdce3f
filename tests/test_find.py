"""find/: each finder and attribution on one corpus paragraph at a time, from its recorded parse (no model)."""

import pytest
from parses import build, grammar, paragraph

from quotes.find import Found, find, nest
from quotes.find.attribute import attribute_marks
from quotes.find.direct import pair_marks
from quotes.find.reported import find_reported
from quotes.find.statement import find_statements
from quotes.normalize import layout


def found(doc_id: str, needle: str) -> list[tuple[str, str, str, str | None]]:
    """(text, type, how, speaker head word) of every candidate of the paragraph holding `needle`."""
    p, lay = paragraph(doc_id, needle)
    return [(p.text[f.start:f.end], f.type, f.how, p.words[f.speaker_head].text if f.speaker_head is not None
             else None) for f in find(p, lay, grammar())]


def test_inverted_cue_after_the_quote_and_a_reported_clause_before_it():
    got = found("ridgeway-officer-charged", "split-second decision")
    assert ("Officer Keller made a split-second decision in a dangerous situation,", "direct", "marks", "Dunn") in got
    assert ("acted within his training", "indirect", "reported", "attorney") in got
    assert ("Keller would plead not guilty", "indirect", "reported", "He") in got


def test_a_second_quote_of_the_paragraph_continues_its_speaker():
    p, lay = paragraph("ridgeway-officer-charged", "posed no threat")
    first, second = find(p, lay, grammar())
    assert first.resolution == "explicit" and second.resolution == "continuation"
    assert second.speaker_head == first.speaker_head and second.cue == first.cue


def test_according_to_names_its_source_by_span():
    [(text, typ, how, _)] = found("ridgeway-officer-charged", "According to court documents")
    assert (text, typ, how) == ("Keller fired four rounds from a distance of about 10 feet", "indirect", "according_to")


def test_colon_attribution():
    [(text, typ, how, head)] = found("harlan-union-statement", "Inspector General Paul Reyes")
    assert text.startswith("We will look at every minute") and (typ, how, head) == ("direct", "colon", None)


def test_released_statement_is_one_direct_quote_per_sentence():
    p, lay = paragraph("harlan-union-statement", "released the following statement")
    assert find_statements(p, lay, grammar()) == []  # the statement's text is in the paragraphs after it
    from parses import document
    p, lay = document("harlan-union-statement")
    got = [p.text[f.start:f.end] for f in find_statements(p, lay, grammar())]
    assert got[0] == "Our officers showed restraint in a situation that was becoming dangerous."
    assert "We support the right to protest peacefully." in got and len(got) == 4
    assert all("Copyright" not in t for t in got)  # page furniture ends the statement


def test_a_finding_reported_inside_a_report_is_nested():
    p, lay = paragraph("fairview-anonymous-sources", "A person familiar")
    outer, inner = find(p, lay, grammar())
    assert p.text[inner.start:inner.end] == "Jalen Price was shot in the back"
    assert inner.nested_in == 0 and outer.nested_in is None and p.words[inner.speaker_head].text == "autopsy"


def test_nest_takes_the_smallest_longer_span():
    spans = [Found(0, 50, "indirect", "reported"), Found(5, 40, "indirect", "reported"),
             Found(10, 20, "direct", "marks"), Found(60, 70, "direct", "marks")]
    assert [f.nested_in for f in nest(spans)] == [None, 0, 1, None]


def test_a_quoted_fragment_without_a_cue_is_a_scare_quote():
    text = "The union responded with a “no” on Tuesday."
    p = build(text, "2 3 0 7 7 7 3 3 10 3 3", "det nsubj root case det punct obl punct case obl punct",
              "DET NOUN VERB ADP DET PUNCT NOUN PUNCT ADP PROPN PUNCT", words="The union responded with a “ no ” on Tuesday .")
    lay = layout(text)
    marks = pair_marks(lay, grammar())
    assert [text[m.start:m.end] for m in marks] == ["no"]
    assert attribute_marks(p, lay, grammar(), marks) == [None]


def test_said_then_a_quote_built_by_hand():
    text = "Lindqvist said, “We will appeal.”"
    p = build(text, "2 0 2 2 7 7 2 7 2", "nsubj root punct punct nsubj aux ccomp punct punct",
              "PROPN VERB PUNCT PUNCT PRON AUX VERB PUNCT PUNCT", "Lindqvist say , “ we will appeal . ”",
              feats={2: "VerbForm=Fin|Tense=Past"}, words="Lindqvist said , “ We will appeal . ”")
    [f] = find(p, layout(text), grammar())
    assert (text[f.start:f.end], f.type, f.cue.lemma, p.words[f.speaker_head].text) == (
        "We will appeal.", "direct", "say", "Lindqvist")


@pytest.mark.parametrize("subject", ["It", "There"])
def test_an_expletive_subject_reports_no_one(subject):
    text = f"{subject} was said that the officer fired first ."
    p = build(text, "3 3 0 7 6 7 3 7 7", "expl aux:pass root mark det nsubj ccomp advmod punct",
              "PRON AUX VERB SCONJ DET NOUN VERB ADV PUNCT", feats={3: "VerbForm=Part"})
    assert find_reported(p, layout(text), grammar()) == []


def test_negated_cue_reports_nothing():
    text = "Lang did not say that the raid was legal ."
    p = build(text, "4 4 4 0 9 7 9 9 4 4", "nsubj aux advmod root mark det nsubj cop ccomp punct",
              "PROPN AUX PART VERB SCONJ DET NOUN AUX ADJ PUNCT", feats={4: "VerbForm=Inf"})
    assert find_reported(p, layout(text), grammar()) == []
    affirmed = build("Lang said that the raid was legal .", "2 0 7 5 7 7 2 2",
                     "nsubj root mark det nsubj cop ccomp punct", "PROPN VERB SCONJ DET NOUN AUX ADJ PUNCT",
                     "Lang say that the raid be legal .", feats={2: "VerbForm=Fin"})
    [f] = find_reported(affirmed, layout(affirmed.text), grammar())
    assert affirmed.text[f.start:f.end] == "the raid was legal"
