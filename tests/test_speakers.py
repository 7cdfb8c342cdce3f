"""resolve/speakers.py and resolve/entities.py: mentions to names, kinds and entities (recorded parses)."""

from parses import build, document, grammar, paragraph

from quotes.find import Found, find
from quotes.model import Speaker
from quotes.normalize import layout
from quotes.resolve import Names, resolve, speakers
from quotes.resolve.entities import entities
from quotes.resolve.speakers import kind, pronoun, speaker


def resolved(doc_id: str) -> tuple[list[tuple[str, Speaker]], tuple]:
    p, lay = document(doc_id)
    quotes, ents, _ = resolve(p, lay, grammar(), find(p, lay, grammar()))
    return [(q.text, q.speaker) for q in quotes], ents


def by_text(pairs: list[tuple[str, Speaker]], needle: str) -> Speaker:
    return next(sp for text, sp in pairs if needle in text)


def test_apposition_names_a_descriptor():
    pairs, _ = resolved("ridgeway-officer-charged")
    sp = by_text(pairs, "acted within his training")
    assert (sp.text, sp.name, sp.resolution) == ("Keller’s attorney, Michael Dunn", "Michael Dunn", "apposition")


def test_a_body_named_with_a_possessive_keeps_its_whole_name():
    """`The Ridgeway Police Officers’ Association says …`: the parse hangs the owner on `Association`, which
    alone named the body."""
    pairs, ents = resolved("ridgeway-officer-charged")
    sp = by_text(pairs, "politically motivated")
    assert (sp.name, sp.kind, sp.role) == ("The Ridgeway Police Officers’ Association", "organization", "police_union")


def test_pronoun_takes_the_speaker_of_its_paragraph():
    pairs, _ = resolved("ridgeway-officer-charged")
    sp = by_text(pairs, "plead not guilty")
    assert (sp.text, sp.name, sp.resolution, sp.confidence) == ("He", "Michael Dunn", "coreference", 0.7)


def test_short_name_resolves_to_the_fullest_and_one_entity():
    pairs, ents = resolved("ridgeway-officer-charged")
    sp = by_text(pairs, "split-second decision")
    assert sp.text == "Dunn" and sp.name == "Michael Dunn"
    dunn = [e for e in ents if e.name == "Michael Dunn"]
    assert len(dunn) == 1 and sp.entity == dunn[0].id and dunn[0].role == "defense_attorney"


def test_entity_ids_are_issued_once_in_speaking_order_then_the_parties():
    pairs, ents = resolved("ridgeway-officer-charged")
    assert [e.id for e in ents] == [f"e{k + 1}" for k in range(len(ents))]
    firsts = []
    for _, sp in pairs:
        if sp.entity and sp.entity not in firsts:
            firsts.append(sp.entity)
    assert firsts == [e.id for e in ents][:len(firsts)]
    # the parties of the case, never quoted: the man shot and the officer who will plead not guilty
    assert sorted(e.name for e in ents[len(firsts):]) == ["Darnell Hayes", "Thomas Keller"]


def test_an_organisation_joins_the_fuller_one():
    pairs, ents = resolved("fairview-anonymous-sources")
    orgs = [e for e in ents if e.kind == "organization"]
    assert len({e.id for e in orgs}) == len(orgs)
    assert all("Police" not in e.name or e.name.endswith("Department") for e in orgs)


def test_kinds_from_the_head_word():
    p, lay = paragraph("fairview-anonymous-sources", "A person familiar")
    n = Names(p, grammar(), lay)
    head = next(w.i for w in p.words if w.text == "autopsy")
    assert kind(n, head, "the autopsy") == "document"
    person = next(w.i for w in p.words if w.text == "person")
    assert kind(n, person, "A person familiar with the investigation") == "anonymous"
    assert kind(n, None, "Harlan Police Department") == "organization"
    assert kind(n, None, "New Poll") == "document"  # a headline's label, given by its characters
    assert kind(n, None, "Dana Ames") == "person"
    assert kind(n, None, "nobody in particular") == "unknown"


def test_relative_pronoun_speaks_for_its_noun():
    text = "Lang , who said the raid was legal , left ."
    p = build(text, "10 1 4 1 6 8 8 4 10 0 10",
              "nsubj punct nsubj acl:relcl det nsubj cop ccomp punct root punct",
              "PROPN PUNCT PRON VERB DET NOUN AUX ADJ PUNCT VERB PUNCT", "Lang , who say the raid be legal , leave .")
    n = Names(p, grammar(), layout(text))
    r = speaker(n, Found(16, 33, "indirect", "reported", None, 3, 2, resolution="explicit"))
    assert (r.speaker.text, r.speaker.name, r.speaker.resolution) == ("who", "Lang", "coreference")
    assert r.mention is not None and r.mention.text == "Lang"  # the entity is read from Lang's own mention


def test_no_mention_is_no_speaker_not_a_guess():
    p, lay = paragraph("fairview-anonymous-sources", "A person familiar")
    n = Names(p, grammar(), lay)
    [r] = speakers(n, [Found(0, 5, "direct", "marks")])
    assert r.speaker == Speaker(resolution="none") and r.mention is None
    assert entities(n, [r]) == ((Speaker(resolution="none"),), ())


def test_pronoun_with_no_antecedent_stays_unresolved():
    text = "It said so ."
    p = build(text, "2 0 2 2", "nsubj root advmod punct", "PRON VERB ADV PUNCT", "it say so .")
    n = Names(p, grammar(), layout(text))
    assert pronoun(n, "it", 0, []) == (None, "organization", "none")
    earlier = [Speaker(text="The department", start=0, end=1, name="The department", kind="organization")]
    assert pronoun(n, "it", 3, earlier) == ("The department", "organization", "coreference")


def test_it_may_stand_for_a_document_that_spoke_before_it():
    """`The suit says … It claims …`: the pronoun table lets `it` stand for a document, and an earlier document
    speaker of the paragraph is its antecedent (documents were passed over, so `It` stayed no one)."""
    text = "The suit says so . It claims more ."
    p = build(text, "2 3 0 3 3 7 0 7 7", "det nsubj root advmod punct nsubj root obj punct",
              "DET NOUN VERB ADV PUNCT PRON VERB ADJ PUNCT", "the suit say so . it claim more .")
    n = Names(p, grammar(), layout(text))
    earlier = [Speaker(text="The suit", start=0, end=8, name="The suit", kind="document")]
    assert pronoun(n, "it", text.index("It"), earlier) == ("The suit", "document", "coreference")
    assert pronoun(n, "he", text.index("It"), earlier)[0] != "The suit"  # `he` never stands for a document


def test_a_document_speaks_for_whom_it_comes_from():
    text = "“We are disappointed,” a release from the union stated ."
    p = build(text, "4 4 4 12 4 4 8 12 11 11 8 0 12",
              "punct nsubj cop ccomp punct punct det nsubj case det nmod root punct",
              "PUNCT PRON AUX ADJ PUNCT PUNCT DET NOUN ADP DET NOUN VERB PUNCT",
              "“ we be disappointed , ” a release from the union state .",
              feats={12: "VerbForm=Fin|Tense=Past"}, words="“ We are disappointed , ” a release from the union stated .")
    lay = layout(text)
    [f] = find(p, lay, grammar())
    r = speaker(Names(p, grammar(), lay), f)
    assert (r.speaker.text, r.speaker.kind) == ("the union", "organization")


def test_a_title_cut_off_from_its_name_takes_the_name_after_it():
    from quotes.parse import stitch
    a = build("“The votes aren’t there,” said Ald.", "4 4 4 0 4 4 7 4", "punct nsubj cop root punct punct root nsubj",
              "PUNCT NOUN AUX ADJ PUNCT PUNCT VERB PROPN", "“ vote be there , ” say Ald.",
              words="“ votes aren’t there , ” said Ald.")
    b = build("Nick Sposato .", "0 1 1", "root flat punct", "PROPN PROPN PUNCT")
    text = "“The votes aren’t there,” said Ald. Nick Sposato ."
    p = stitch(text, [(0, a), (36, b)])
    n = Names(p, grammar(), layout(text))
    r = speaker(n, Found(1, 24, "direct", "marks", None, 6, 7, resolution="explicit"))
    assert r.speaker.name == "Nick Sposato"


def test_the_case_names_its_parties_and_the_sides_of_its_speakers():
    p, lay = document("ridgeway-officer-charged")
    _, ents, case = resolve(p, lay, grammar(), find(p, lay, grammar()))
    name = {e.id: e.name for e in ents}
    parties = {name[e]: (party, [lay.text[s:t] for s, t in ev]) for e, party, ev in case.parties}
    assert parties["Darnell Hayes"][0] == "victim" and "death of Darnell Hayes" in parties["Darnell Hayes"][1][0]
    assert parties["Loretta Hayes"][0] == "family"
    sides = {name[e]: s for e, s in case.sides}
    assert sides["Karen Whitfield"] == "accusing" and sides["Michael Dunn"] == "defending"
    assert case.to_dict()["parties"][0]["evidence"] == [list(x) for x in case.parties[0][2]]


def test_a_lawyer_for_a_victim_is_an_attorney_for_the_accused_a_defence_attorney():
    from quotes.resolve import roles
    text = "Officers shot Dana Reyes . Reyes sued the city . Lee was charged ."
    p = build(text, "2 0 2 3 2 7 0 9 7 7 13 13 0 13",
              "nsubj root obj flat punct nsubj root det obj punct nsubj:pass aux:pass root punct",
              "NOUN VERB PROPN PROPN PUNCT PROPN VERB DET NOUN PUNCT PROPN AUX VERB PUNCT",
              "officer shoot Dana Reyes . Reyes sue the city . Lee be charge .")
    n = Names(p, grammar(), layout(text))
    from quotes.resolve import case
    assert {k: v.party for k, v in case.parties(n).items()} == {"Dana Reyes": "victim", "Lee": "accused"}
    assert roles.role(n, Speaker(text="Reyes’s attorney", name="Reyes’s attorney", kind="person"))[0] == "attorney"
    assert roles.role(n, Speaker(text="Lee’s attorney", name="Lee’s attorney", kind="person"))[0] == "defense_attorney"


def test_an_entity_keeps_the_words_that_give_its_role_and_a_confidence():
    p, lay = document("ridgeway-officer-charged")
    _, ents, _ = resolve(p, lay, grammar(), find(p, lay, grammar()))
    by = {e.name: e for e in ents}
    whitfield = by["Karen Whitfield"]
    assert [lay.text[s:e] for s, e in whitfield.evidence] == ["District Attorney"] and whitfield.confidence == 0.9
    hayes = by["Darnell Hayes"]  # named, never quoted, the victim: a person subjected to police action
    assert hayes.role == "suspect" and hayes.confidence > 0 and all(lay.text[s:e] for s, e in hayes.evidence)


def test_a_prosecution_that_declines_to_charge_is_on_the_defending_side():
    from quotes.resolve import case
    text = "Lee will not be charged ."
    p = build(text, "5 5 5 5 0 5", "nsubj:pass aux advmod aux:pass root punct", "PROPN AUX PART AUX VERB PUNCT",
              "Lee will not be charge .")
    n = Names(p, grammar(), layout(text))
    assert case.declined(n) and case.side(n, "Karen Whitfield", "prosecutor") == "defending"
    charged = build("Lee was charged .", "3 3 0 3", "nsubj:pass aux:pass root punct", "PROPN AUX VERB PUNCT",
                    "Lee be charge .")
    n = Names(charged, grammar(), layout(charged.text))
    assert not case.declined(n) and case.side(n, "Karen Whitfield", "prosecutor") == "accusing"
    assert case.side(n, "Lee", None) == "defending"  # the accused themself


def test_no_charges_said_with_the_noun_is_a_declined_prosecution():
    """"will not face criminal charges", "no charges for …": the noun, negated or under a negated verb."""
    from quotes.resolve import case
    text = "Lee will not face charges ."
    p = build(text, "4 4 4 0 4 4", "nsubj aux advmod root obj punct", "PROPN AUX PART VERB NOUN PUNCT",
              "Lee will not face charge .")
    n = Names(p, grammar(), layout(text))
    assert case.declined(n) and case.side(n, "Karen Whitfield", "prosecutor") == "defending"
    faced = build("Lee faces charges .", "2 0 2 2", "nsubj root obj punct", "PROPN VERB NOUN PUNCT",
                  "Lee face charge .")
    assert not case.declined(Names(faced, grammar(), layout(faced.text)))


def test_a_relative_pronoun_stands_for_the_person_its_clause_is_about():
    """"Brown, who was shot by a deputy": Brown is the case's victim, not the pronoun."""
    from quotes.resolve import case
    text = "Cole , who was shot by a deputy , died ."
    p = build(text, "10 1 5 5 1 8 8 5 1 0 10",
              "nsubj punct nsubj:pass aux:pass acl:relcl case det obl punct root punct",
              "PROPN PUNCT PRON AUX VERB ADP DET NOUN PUNCT VERB PUNCT", "Cole , who be shoot by a deputy , die .")
    parties = case.parties(Names(p, grammar(), layout(text)))
    assert {name: pt.party for name, pt in parties.items()} == {"Cole": "victim"}


def test_a_title_whose_name_the_parser_hung_apart_takes_the_name_after_its_titles():
    """`Attorney General Ann Vole` with `General` parsed as a modifier of `Ann`: the name is `Ann Vole`, never
    the title `Attorney`."""
    text = "Attorney General Ann Vole announced the review had ended ."
    p = build(text, "5 3 1 3 0 7 9 9 5 5", "nsubj nmod:desc flat flat root det nsubj aux ccomp punct",
              "PROPN PROPN PROPN PROPN VERB DET NOUN AUX VERB PUNCT")
    n = Names(p, grammar(), layout(text))
    r = speaker(n, Found(text.index("the"), text.index(" ."), "indirect", "reported", None, 4, 0,
                         resolution="explicit"))
    assert (r.speaker.text, r.speaker.name) == ("Attorney General Ann Vole", "Ann Vole")
