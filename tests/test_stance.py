"""Stance and claims (#6): claims input, linking, stance, induced claims, pairwise stance."""

import csv
import json
import tomllib

import orjson
import pytest
from conftest import CORPUS, FIXTURES, SEEDS_GOLD, SHARED, find_quote, load_jsonl
from typer.testing import CliRunner

from quotes import Claim, stance
from quotes.claims import ClaimError, coerce, load
from quotes.cli import app
from quotes.evaluate import score, stance_scores
from quotes.stances import merge_corpus

EMERGENT = SHARED / "data" / "emergent" / "train.csv"
runner = CliRunner()


def test_seeds_stance_and_claim_links(seeds_gold, seeds_docs):
    res, errors = score(seeds_gold, seeds_docs)
    assert res["stance_n"] >= 12
    assert res["stance_acc"] >= 0.85, errors
    assert res["claim_link_acc"] >= 0.85, errors


def test_seed_quotes_that_dispute_a_claim(seeds_docs):
    doc = seeds_docs["seed-000"]
    union = find_quote(doc, "doesn't prove Stockley planted it")
    assert union["claim"]["id"] == "C2" and union["stance"]["label"] == "oppose"
    assert any("n't" in e for e in union["stance"]["evidence"])  # the negation is the evidence
    watkins = find_quote(doc, "very important the video was released")  # against "undermines … fair trial"
    assert watkins["claim"]["id"] == "C3" and watkins["stance"]["label"] == "oppose"
    roorda = find_quote(doc, "no evidentiary value")  # what follows "but" decides
    assert roorda["claim"]["id"] == "C3" and roorda["stance"]["label"] == "support"
    claims = {c["id"]: c for c in doc["claims"]}
    assert union["id"] in claims["C2"]["oppose"] and watkins["id"] in claims["C3"]["oppose"]


def test_unrelated_quotes_stay_unlinked(seeds_docs):
    lester = seeds_docs["seed-003"]  # no claims given for it and none induced from commands
    assert all(q["claim"] is None and q["stance"]["label"] == "neutral" for q in lester["quotes"])
    doc = seeds_docs["seed-002"]
    assert find_quote(doc, "we’ll cooperate fully")["claim"] is None


def test_corpus_claims_file_matches_gold_and_floors(corpus_gold, corpus_docs):
    from_file = load(CORPUS / "claims.toml")
    for g in corpus_gold:
        given = tuple(c.id for c in from_file.for_doc(g["doc_id"]))
        assert given == tuple(c["id"] for c in g.get("claims", [])), g["doc_id"]
    res, errors = score(corpus_gold, corpus_docs)
    assert res["stance_n"] >= 25
    assert res["stance_acc"] >= 0.6, errors
    assert res["claim_link_acc"] >= 0.75, errors


def test_corpus_stances(corpus_docs):
    vance = corpus_docs["vance-bail-hearing"]
    assert find_quote(vance, "never pointed a gun")["stance"]["label"] == "oppose"
    assert find_quote(vance, "fired two shots")["stance"]["label"] == "support"
    ferris = find_quote(corpus_docs["sheriff-deputies-indicted"], "he used excessive force")
    assert ferris["stance"]["label"] == "oppose" and "cue:deny" in ferris["stance"]["evidence"]
    lake = find_quote(corpus_docs["degraded-lakeside-copy"], "ross was unarmed")
    assert lake["stance"]["label"] == "oppose"  # armed/unarmed in grammars/stance.toml


def test_induced_claims_without_a_claims_file(extractor, seeds_gold):
    g = next(d for d in seeds_gold if d["doc_id"] == "seed-002")
    doc = extractor.extract(g["text"], doc_id="seed-002").to_dict()
    assert [c["id"] for c in doc["claims"]] == ["auto-1"]
    auto = doc["claims"][0]
    assert "waistband" in auto["text"]
    members = [q for q in doc["quotes"] if q["claim"] and q["claim"]["id"] == "auto-1"]
    assert {q["speaker"]["name"] for q in members} == {"Christopher Dorner"}
    assert sorted(auto["support"]) == sorted(q["id"] for q in members)


def test_corpus_claims_group_across_documents(extractor, seeds_gold):
    g = next(d for d in seeds_gold if d["doc_id"] == "seed-002")
    other = next(d for d in seeds_gold if d["doc_id"] == "seed-003")
    docs = merge_corpus(list(extractor.extract_many([("a", g["text"]), ("b", other["text"]), ("c", g["text"])])))
    assert [c.id for c in docs[0].claims] == ["auto-1"] == [c.id for c in docs[2].claims]
    assert not docs[1].claims


def test_library_claims_as_objects_or_dicts(extractor, seeds_gold):
    g = next(d for d in seeds_gold if d["doc_id"] == "seed-000")
    as_dicts = extractor.extract(g["text"], claims=g["claims"])
    as_objects = extractor.extract(g["text"], claims=[Claim(c["id"], c["text"]) for c in g["claims"]])
    assert as_dicts.to_dict()["quotes"] == as_objects.to_dict()["quotes"]
    with pytest.raises(ClaimError, match="entry 1.*text"):
        extractor.extract(g["text"], claims=[{"id": "C1"}])


@pytest.mark.parametrize(("content", "message"), [
    ('[[claims]]\nid = "C1"\ntext = "x"\n[[claims]]\nid = "C1"\ntext = "y"\n', "entry 2: duplicate claim id 'C1'"),
    ('[[docs.a]]\nid = "C1"\ntext = "x"\nweight = 3\n', "docs.a: entry 1: unknown field"),
    ('[[claims]]\nid = "C1"\ntext = ""\n', "entry 1: `text` must be"),
    ('claims = "nope"\n', "claims must be a list"),
    ('[[claims]]\nid = "C1"\ntext = "' + "the officer shot him " * 3200 + '"\n',  # 64 KB, parsed whole: 2.6 GB
     "entry 1: a claim's text or alias has at most 2,000 characters"),
    ('[[claims]]\nid = "C1"\ntext = "x"\naliases = ["y", "' + "z" * 2001 + '"]\n', "has 2,001"),
])
def test_claims_file_errors_name_file_and_entry(tmp_path, content, message):
    path = tmp_path / "claims.toml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ClaimError, match=message) as e:
        load(path)
    assert str(path) in str(e.value)


def test_claims_in_json_jsonl_and_toml_agree(tmp_path, seeds_gold):
    g = seeds_gold[0]
    toml_path = CORPUS / "claims.toml"
    per_doc = tomllib.loads(toml_path.read_text(encoding="utf-8"))["docs"]
    (tmp_path / "c.json").write_text(json.dumps({"claims": g["claims"], "docs": per_doc}), encoding="utf-8")
    (tmp_path / "c.jsonl").write_text("\n".join(json.dumps(c) for c in g["claims"]) + "\n" + "\n".join(
        json.dumps({**c, "doc_id": d}) for d, cs in per_doc.items() for c in cs), encoding="utf-8")
    a, b, c = load(tmp_path / "c.json"), load(tmp_path / "c.jsonl"), load(toml_path)
    assert a.shared == b.shared == coerce(g["claims"])
    assert a.per_doc == b.per_doc == c.per_doc
    assert a.for_doc("no-such-doc") == a.shared
    (tmp_path / "bad.jsonl").write_text('{"id": "C1", "text": "x"}\n{"id": "C2"}\n', encoding="utf-8")
    with pytest.raises(ClaimError, match=r"bad.jsonl:2: `text`"):
        load(tmp_path / "bad.jsonl")


@pytest.mark.models
def test_cli_claims_file_and_per_document_claims(tmp_path):
    out = tmp_path / "out.jsonl"
    files = [str(CORPUS / f"{d}.txt") for d in ("vance-bail-hearing", "chokehold-experts")]
    res = runner.invoke(app, ["extract", *files, "--claims", str(CORPUS / "claims.toml"), "-o", str(out)])
    assert res.exit_code == 0, res.output
    docs = [orjson.loads(x) for x in out.read_bytes().splitlines()]
    assert [c["id"] for c in docs[0]["claims"]] == ["C1"] and docs[0]["claims"][0]["oppose"]
    assert docs[1]["claims"] == []  # no claims for it in the file and nothing linked
    src = tmp_path / "in.jsonl"
    g = load_jsonl(SEEDS_GOLD)[0]
    src.write_text(json.dumps({"id": "s", "text": g["text"], "claims": g["claims"]}) + "\n"
                   + json.dumps({"id": "bad", "text": g["text"], "claims": [{"id": "C1", "txt": "x"}]}) + "\n",
                   encoding="utf-8")
    res = runner.invoke(app, ["extract", str(src)])
    assert res.exit_code == 0, res.output
    good, bad = (orjson.loads(x) for x in res.stdout.splitlines())
    assert {c["id"] for c in good["claims"]} == {"C1", "C2", "C3"}
    assert bad["error"]["type"] == "ClaimError" and "in.jsonl:2" in bad["error"]["message"]
    res = runner.invoke(app, ["extract", str(src), "--claims", str(tmp_path / "missing.toml")])
    assert res.exit_code == 2 and "cannot read claims file" in res.stderr


PAIRS = [line.rstrip("\n").split("\t") for line in (FIXTURES / "stance_pairs.tsv").read_text("utf-8").splitlines()
         if line and not line.startswith("#")]


@pytest.mark.parametrize("statement,claim,label,why", PAIRS, ids=[p[3] for p in PAIRS])
def test_pairwise_stance(corpus_extractor, statement, claim, label, why):
    assert corpus_extractor.stances([(statement, claim)])[0].label == label


@pytest.mark.models
def test_the_library_judges_a_pair_with_the_models():
    claim = "Stockley planted the gun found in Smith's car"
    assert stance("that doesn't prove Stockley planted it", claim).label == "oppose"
    assert stance("The gun was planted by Stockley", claim).label == "support"


@pytest.mark.skipif(not EMERGENT.is_file(), reason="Emergent data not present")
@pytest.mark.models
def test_emergent_through_the_stance_command(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    with EMERGENT.open(encoding="utf-8") as f, pairs.open("w", encoding="utf-8") as out:
        for row in csv.DictReader(f):
            out.write(json.dumps({"claim": row["claimHeadline"], "text": row["articleHeadline"],
                                  "gold": row["articleHeadlineStance"]}) + "\n")
    res = runner.invoke(app, ["stance", str(pairs), "--gold-field", "gold"])
    assert res.exit_code == 0, res.output
    labels = res.stdout.split()
    assert len(labels) == 2071 and set(labels) <= {"support", "oppose", "neutral"}
    mapping = {"for": "support", "against": "oppose", "observing": "neutral"}
    gold = [mapping[json.loads(x)["gold"]] for x in pairs.read_text(encoding="utf-8").splitlines()]
    res_ = stance_scores(gold, labels)
    print(res_)
    assert res_["accuracy"] >= 0.80 and res_["macro_f1"] >= 0.75  # the bar
    assert f"accuracy {res_['accuracy']:.3f}" in res.stderr and "| oppose |" in res.stderr


def _sided(quote_text, heads, deps, upos, lemmas, side):
    from parses import build, grammar

    from quotes.model import Quote, Speaker
    from quotes.stances import assign, read_claim
    g = grammar()
    claim = build("Officer Lee should be charged .", "5 1 5 5 0 5", "nsubj flat aux aux:pass root punct",
                  "NOUN PROPN AUX AUX VERB PUNCT", "officer Lee should be charge .")
    reading = read_claim(Claim("C1", claim.text), [claim], g)
    p = build(quote_text, heads, deps, upos, lemmas)
    q = Quote("q1", quote_text, 0, len(quote_text), "direct", None,
              Speaker(text="x", name="x", kind="person", entity="e1"), 0, 0)
    return assign([q], p, [reading], g, {"e1": side} if side else {})[0]


def test_a_speaker_with_a_side_bears_on_the_case_claim_it_touches_and_takes_its_side():
    args = ("Lee did his job .", "2 0 4 2 2", "nsubj root nmod:poss obj punct", "PROPN VERB PRON NOUN PUNCT",
            "Lee do his job .")
    q = _sided(*args, "defending")
    assert (q.claim.id, q.stance.label, q.stance.evidence) == ("C1", "oppose", ("side: defending",))
    q = _sided(*args, "accusing")
    assert (q.claim.id, q.stance.label) == ("C1", "support")


def test_a_quote_that_bears_on_no_claim_stays_unlinked():
    args = ("The weather was fine .", "2 4 4 0 4", "det nsubj cop root punct", "DET NOUN AUX ADJ PUNCT",
            "the weather be fine .")
    assert _sided(*args, "defending").claim is None  # a side, but not a word of the case's claim
    lee = ("Lee did his job .", "2 0 4 2 2", "nsubj root nmod:poss obj punct", "PROPN VERB PRON NOUN PUNCT",
           "Lee do his job .")
    assert _sided(*lee, None).claim is None  # the claim's name alone, from a speaker of no side


def test_a_claim_accuses_or_defends_by_its_words():
    from parses import build, grammar

    from quotes.stances import direction, read
    g = grammar()
    justified = build("The shooting was justified .", "2 4 4 0 4", "det nsubj:pass aux:pass root punct",
                      "DET NOUN AUX VERB PUNCT", "the shooting be justified .")
    charged = build("Lee should be charged .", "4 4 4 0 4", "nsubj:pass aux aux:pass root punct",
                    "PROPN AUX AUX VERB PUNCT", "Lee should be charge .")
    assert direction(read(justified, range(5), g), g) == -1 and direction(read(charged, range(5), g), g) == 1


def test_claims_that_share_no_word_with_a_document_are_never_parsed(recorded, corpus_gold):
    """Ten thousand claims were all parsed before the first document (40–55 s) and read again for every one.
    A claim that shares no word with a document cannot bear on its quotes: it is left unread there, and the
    document's links are what they are with its own claims alone. The recorded parser knows only the corpus'
    texts, so parsing a distractor would fail the document."""
    from quotes import Extractor
    from quotes.model import Claim
    from quotes.normalize import layout
    from quotes.stances import bearing

    gold = next(g for g in corpus_gold if any("claim" in q for q in g["quotes"]))
    own = [Claim(id=c["id"], text=c["text"]) for c in gold["claims"]]
    crops = ("barley", "orchard", "vineyard", "meadow", "greenhouse")
    towns = [a + b for a in ("Lin", "Mor", "Tav", "Quen", "Zel") for b in ("dale", "wick", "ford", "mere")]
    goods = ("library", "choir", "museum", "garden", "bakery", "regatta", "carnival", "zoo", "aquarium", "opera")
    distractors = [Claim(id=f"X{k}", text=f"The {c} harvest festival of {t} raised funds for the {g}")
                   for k, (c, t, g) in enumerate((c, t, g) for c in crops for t in towns for g in goods)]
    alone = Extractor(parser=recorded).extract(gold["text"], doc_id=gold["doc_id"], claims=own)
    grammar = Extractor(parser=recorded).grammar
    parse = recorded.parse_many([layout(gold["text"], grammar.dateline).view])[0]
    assert not bearing(distractors, parse, grammar) and bearing(own, parse, grammar) == set(own)
    crowded = Extractor(parser=recorded).extract(gold["text"], doc_id=gold["doc_id"], claims=[*distractors, *own])
    assert crowded.error is None and alone.quotes and any(q.claim for q in alone.quotes)
    assert [q.to_dict() for q in crowded.quotes] == [q.to_dict() for q in alone.quotes]


def _linked(quote, claim, side=None):
    """A quote (words, heads, deps, upos, lemmas) linked against one claim (the same), from a speaker with
    `side` in the case or none."""
    from parses import build, grammar

    from quotes.model import Quote, Speaker
    from quotes.stances import assign, read_claim
    g = grammar()
    c = build(*claim)
    reading = read_claim(Claim("C1", c.text), [c], g)
    p = build(*quote)
    q = Quote("q1", p.text, 0, len(p.text), "direct", None, Speaker(text="x", name="x", kind="person", entity="e1"),
              0, 0)
    return assign([q], p, [reading], g, {"e1": side} if side else {})[0]


CHARGED = ("Officer Lee should be charged .", "5 1 5 5 0 5", "nsubj flat aux aux:pass root punct",
           "NOUN PROPN AUX AUX VERB PUNCT", "officer Lee should be charge .")
NIGHT = ("Officer Lee shot Cole twice in the parking garage at night .", "2 3 0 3 3 9 9 9 3 11 3 3",
         "compound nsubj root obj advmod case det compound obl case obl punct",
         "NOUN PROPN VERB PROPN ADV ADP DET NOUN NOUN ADP NOUN PUNCT",
         "officer Lee shoot Cole twice in the parking garage at night .")


def test_a_paraphrase_links_through_the_word_family():
    """"returned an indictment" bears on "should be charged": the claim's predicate in another word."""
    quote = ("The jury returned an indictment .", "2 3 0 5 3 3", "det nsubj root det obj punct",
             "DET NOUN VERB DET NOUN PUNCT", "the jury return a indictment .")
    q = _linked(quote, CHARGED)
    assert q.claim is not None and q.claim.id == "C1" and q.stance.label == "support"


def test_a_participant_with_more_of_what_the_claim_says_links_and_a_name_alone_does_not():
    """"Cole stood in the garage" names the claim's participant and its place, though it covers too little of the
    claim's words to pass the threshold; "Cole stood there" only names him."""
    lot = ("Cole stood in the garage .", "2 0 5 5 2 2", "nsubj root case det obl punct",
           "PROPN VERB ADP DET NOUN PUNCT", "Cole stand in the garage .")
    assert _linked(lot, NIGHT).claim is not None
    there = ("Cole stood there .", "2 0 2 2", "nsubj root advmod punct", "PROPN VERB ADV PUNCT", "Cole stand there .")
    assert _linked(there, NIGHT).claim is None


def test_a_side_decides_where_the_quote_does_not_speak_to_the_claims_predicate():
    """The accusing side's "Lee did not follow his training" supports "Lee should be charged" though its words
    hold a negation; where the quote has the claim's predicate, its words decide."""
    quote = ("Lee did not follow his training .", "4 4 4 0 6 4 4", "nsubj aux advmod root nmod:poss obj punct",
             "PROPN AUX PART VERB PRON NOUN PUNCT", "Lee do not follow his training .")
    q = _linked(quote, CHARGED, "accusing")
    assert q.stance.label == "support" and q.stance.evidence[0] == "side: accusing"
    assert "not follow" in q.stance.evidence
    spoken = ("Lee should not be charged .", "5 5 5 5 0 5", "nsubj:pass aux advmod aux:pass root punct",
              "PROPN AUX PART AUX VERB PUNCT", "Lee should not be charge .")
    assert _linked(spoken, CHARGED, "accusing").stance.label == "oppose"


def test_a_partys_judgement_of_its_case_bears_on_the_case_claim_without_its_words():
    """"The jury did a good job" from the defending side: no word of the claim, but a judgement of the case."""
    quote = ("The jury did a good job .", "2 3 0 6 6 3 3", "det nsubj root det amod obj punct",
             "DET NOUN VERB DET ADJ NOUN PUNCT", "the jury do a good job .")
    q = _linked(quote, CHARGED, "defending")
    assert (q.claim.id, q.stance.label, q.stance.evidence) == ("C1", "oppose", ("side: defending",))
    assert _linked(quote, CHARGED).claim is None  # from a speaker of no side


def test_disappointment_with_the_claims_predicate_turns_it_around():
    quote = ("We are disappointed by the decision not to charge him .", "3 3 0 6 6 3 9 9 6 9 3",
             "nsubj cop root case det obl advmod mark acl obj punct",
             "PRON AUX ADJ ADP DET NOUN PART PART VERB PRON PUNCT",
             "we be disappointed by the decision not to charge he .")
    q = _linked(quote, CHARGED)
    assert q.stance.label == "support" and "disapproves" in q.stance.evidence
    quote = ("We are disappointed by the decision to charge him .", "3 3 0 6 6 3 8 6 8 3",
             "nsubj cop root case det obl mark acl obj punct", "PRON AUX ADJ ADP DET NOUN PART VERB PRON PUNCT",
             "we be disappointed by the decision to charge he .")
    assert _linked(quote, CHARGED).stance.label == "oppose"
    below = ("Dunn said they were disappointed in the decision to charge him .", "2 0 5 5 2 8 8 5 10 8 10 2",
             "nsubj root nsubj cop ccomp case det obl mark acl obj punct",
             "PROPN VERB PRON AUX ADJ ADP DET NOUN PART VERB PRON PUNCT",
             "Dunn say they be disappointed in the decision to charge he .")  # below the quote's own predicate
    q = _linked(below, CHARGED)
    assert q.stance.label == "oppose" and "disapproves" in q.stance.evidence


def test_an_evaluation_or_a_reversal_of_an_outcome_takes_the_other_side():
    """"The settlement was excessive" and "the conviction should be overturned" defend the accused; "the acquittal
    should be overturned" accuses them."""
    from parses import build, grammar

    from quotes.stances import direction, read
    g = grammar()
    excessive = build("The settlement was excessive .", "2 4 4 0 4", "det nsubj cop root punct",
                      "DET NOUN AUX ADJ PUNCT", "the settlement be excessive .")
    overturned = build("The conviction should be overturned .", "2 5 5 5 0 5", "det nsubj:pass aux aux:pass root punct",
                       "DET NOUN AUX AUX VERB PUNCT", "the conviction should be overturn .")
    acquittal = build("The acquittal should be overturned .", "2 5 5 5 0 5", "det nsubj:pass aux aux:pass root punct",
                      "DET NOUN AUX AUX VERB PUNCT", "the acquittal should be overturn .")
    assert [direction(read(x, range(len(x.words)), g), g) for x in (excessive, overturned, acquittal)] == [-1, -1, 1]


def test_a_standard_of_proof_refutes_nothing():
    quote = ("We need proof beyond a reasonable doubt .", "2 0 2 7 7 7 3 2", "nsubj root obj case det amod nmod punct",
             "PRON VERB NOUN ADP DET ADJ NOUN PUNCT", "we need proof beyond a reasonable doubt .")
    claim = ("We need proof .", "2 0 2 2", "nsubj root obj punct", "PRON VERB NOUN PUNCT", "we need proof .")
    assert _linked(quote, claim).stance.label == "support"


def test_who_used_force_tells_a_claims_side_where_its_words_do_not():
    """"Cole hit the deputies with his car" defends the accused when Cole is the victim of the case, and
    accuses them when Cole is the accused; with no parties known it takes no side."""
    from parses import build, grammar

    from quotes.stances import direction, read
    g = grammar()
    hit = build("Cole hit the deputies with his car .", "2 0 4 2 7 7 2 2",
                "nsubj root det obj case nmod:poss obl punct",
                "PROPN VERB DET NOUN ADP PRON NOUN PUNCT", "Cole hit the deputy with his car .")
    claim = read(hit, range(len(hit.words)), g)
    assert [direction(claim, g, parties) for parties in ({"col": "victim"}, {"col": "accused"}, {})] == [-1, 1, 0]


def test_a_partys_quote_on_the_process_of_its_case_bears_on_the_case_claim():
    """"The jurors reviewed the video" judges nothing, but speaks of the case: from a party it bears on the
    case's claim; "declined to indict" denies the claim's predicate."""
    quote = ("The jurors reviewed the video .", "2 3 0 5 3 3", "det nsubj root det obj punct",
             "DET NOUN VERB DET NOUN PUNCT", "the juror review the video .")
    q = _linked(quote, CHARGED, "defending")
    assert (q.claim.id, q.stance.label) == ("C1", "oppose")
    assert _linked(quote, CHARGED).claim is None
    declined = ("The jury declined to indict Lee .", "3 3 0 5 3 5 3", "det nsubj root mark xcomp obj punct",
                "DET NOUN VERB PART VERB PROPN PUNCT", "the jury decline to indict Lee .")
    assert _linked(declined, CHARGED).stance.label == "oppose"


def test_a_partys_next_quote_takes_the_claim_of_its_quote_before():
    """The same speaker's next quote, on no word of the claim and judging nothing, continues what it said."""
    from parses import build, grammar

    from quotes.model import Quote, Speaker
    from quotes.stances import assign, read_claim
    g = grammar()
    c = build(*CHARGED)
    reading = read_claim(Claim("C1", c.text), [c], g)
    text = "Lee did his job . They are afraid of the crowd ."
    p = build(text, "2 0 4 2 2 8 8 0 11 11 8 8", "nsubj root nmod:poss obj punct nsubj cop root case det obl punct",
              "PROPN VERB PRON NOUN PUNCT PRON AUX ADJ ADP DET NOUN PUNCT",
              "Lee do his job . they be afraid of the crowd .")
    who = Speaker(text="x", name="x", kind="person", entity="e1")
    first, second = text.index("Lee"), text.index("They")
    quotes = [Quote("q1", text[first:second - 1], first, second - 1, "direct", None, who, 0, 0),
              Quote("q2", text[second:], second, len(text), "direct", None, who, 0, 1)]
    got = assign(quotes, p, [reading], g, {"e1": "defending"})
    assert [(q.claim.id if q.claim else None, q.stance.label) for q in got] == [("C1", "oppose"), ("C1", "oppose")]
    alone = assign(quotes[1:], p, [reading], g, {"e1": "defending"})
    assert alone[0].claim is None


def test_the_learned_weighting_reads_the_rules_evidence():
    """The shipped weights (bench/stance_weights.py, fitted on Emergent train) turn the evidence into a label:
    a statement that refutes the claim opposes it, a hedged one takes no side, a plain one supports it; each
    label's score is its probability."""
    from parses import grammar

    from quotes.grammar import FEATURES
    from quotes.stances import decide
    g = grammar()
    assert g.stance.weights and all(set(w) <= set(FEATURES) for w in g.stance.weights.values())
    plain = dict.fromkeys(FEATURES, 0.0) | {"bias": 1.0, "coverage": 0.6, "predicate": 1.0, "proposition": 1.0}
    cases = [(plain, "support"), (plain | {"refutes": 1.0, "signals": 1 / 3}, "oppose"),
             (plain | {"hedged": 1.0, "hedges": 1 / 3}, "neutral"), (plain | {"question": 1.0}, "neutral")]
    for f, want in cases:
        label, score = decide(f, 0, g)
        assert label == want and 0.34 < score <= 1.0, (f, label, score)


def test_a_month_is_no_hedge():
    armed = ("Brown was armed .", "3 3 0 3", "nsubj cop root punct", "PROPN AUX ADJ PUNCT", "Brown be armed .")
    dated = ("Brown was armed in May .", "3 3 0 5 3 3", "nsubj cop root case obl punct",
             "PROPN AUX ADJ ADP PROPN PUNCT", "Brown be armed in May .")
    hedged = ("Brown may be armed .", "4 4 4 0 4", "nsubj aux cop root punct", "PROPN AUX AUX ADJ PUNCT",
              "Brown may be armed .")
    assert _linked(dated, armed).stance.label == "support"
    assert _linked(hedged, armed).stance.label == "neutral"


def test_a_claim_base_of_other_cases_is_not_the_case_a_judgement_bears_on():
    """With claims of several cases, a party's judgement that shares no word with any bears on the claim that
    names a party of its own case, and on none when no claim does."""
    from parses import build, grammar

    from quotes.model import Quote, Speaker
    from quotes.stances import assign, read_claim
    g = grammar()
    other = build("Officer Kim should be charged .", "5 1 5 5 0 5", "nsubj flat aux aux:pass root punct",
                  "NOUN PROPN AUX AUX VERB PUNCT", "officer Kim should be charge .")
    lee = build(*CHARGED)
    claims = [read_claim(Claim("K", other.text), [other], g), read_claim(Claim("C1", lee.text), [lee], g)]
    p = build("The jury did a good job .", "2 3 0 6 6 3 3", "det nsubj root det amod obj punct",
              "DET NOUN VERB DET ADJ NOUN PUNCT", "the jury do a good job .")
    q = Quote("q1", p.text, 0, len(p.text), "direct", None, Speaker(text="x", name="x", kind="person", entity="e1"),
              0, 0)
    assert assign([q], p, claims, g, {"e1": "defending"}, {"lee": "accused"})[0].claim.id == "C1"
    assert assign([q], p, claims, g, {"e1": "defending"}, {})[0].claim is None


def test_a_sentences_keys_are_its_readings(recorded):
    """Claims are weighed by every sentence's keys, read apart from the rest of a reading."""
    from quotes.grammar import load as load_grammar
    from quotes.stances import keys_of, read

    grammar = load_grammar()
    p = max(recorded.parses.values(), key=lambda x: len(x.sentences))  # a whole corpus article
    assert len(p.sentences) > 10
    for s in p.sentences:
        assert keys_of(p, range(s.first, s.last), grammar.stance) == read(p, range(s.first, s.last), grammar).keys


def test_pairs_too_long_to_judge_whole_are_refused_before_any_work(tmp_path, extractor):
    """A statement or claim is parsed whole: a 192 KB statement took 7.3 GB and ended in a traceback."""
    pairs = tmp_path / "pairs.jsonl"
    rows = [{"claim": "The officer acted lawfully.", "text": "“He acted lawfully,” the chief said."},
            {"claim": "The officer acted lawfully.", "text": "He said so. " * 16_000}]
    pairs.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    res = CliRunner().invoke(app, ["stance", str(pairs)])
    assert res.exit_code == 2 and "record 2: the statement has 192,000 characters" in res.stderr
    assert res.stdout == ""
    with pytest.raises(ValueError, match="pair 1: the claim has 3,000 characters"):
        extractor.stances([("He said so.", "x" * 3000)])
