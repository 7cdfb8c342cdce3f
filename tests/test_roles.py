"""resolve/roles.py: roles from what the article says of a speaker, on recorded corpus parses."""

import pytest
from parses import document, grammar

from quotes.model import Speaker
from quotes.resolve import Names, roles


def names(doc_id: str) -> Names:
    p, lay = document(doc_id)
    return Names(p, grammar(), lay)


def test_title_chain_before_a_name():
    n = names("ridgeway-officer-charged")
    assert roles.contexts(n, "Karen Whitfield")[0][0] == "District Attorney"
    assert roles.person_role(n, "Karen Whitfield") == "prosecutor"
    assert roles.person_role(n, "Gary Lindqvist") == "police_union"  # `union president Gary Lindqvist`


def test_an_attorney_takes_the_side_of_the_client():
    n = names("ridgeway-officer-charged")
    assert roles.person_role(n, "Thomas Keller") == "police_officer"
    assert roles.person_role(n, "Michael Dunn") == "defense_attorney"  # `Keller’s attorney, Michael Dunn`


def test_relation_set_off_by_a_comma_before_the_name():
    n = names("ridgeway-officer-charged")
    _, said = roles.contexts(n, "Loretta Hayes")
    assert "Hayes’s mother" in said and roles.person_role(n, "Loretta Hayes") == "family"


@pytest.mark.parametrize("chain,before", [
    ("District Attorney", "District Attorney "),
    ("union president", "said union president "),
    ("Former St. Louis police officer", "said Former St. Louis police officer "),
    ("", "the lawyer, "),
])
def test_chain(chain, before):
    assert roles.chain(names("ridgeway-officer-charged"), before) == chain


def test_bodies_documents_and_anonymous_sources_by_their_own_mention():
    n = names("fairview-anonymous-sources")
    org = Speaker(text="The Fairview Police Department", name="The Fairview Police Department", kind="organization")
    doc = Speaker(text="the autopsy", name="the autopsy", kind="document")
    anon = Speaker(text="Officials who spoke on condition of anonymity", name="Officials", kind="anonymous")
    assert roles.role(n, org)[0] == "police_department"
    assert roles.role(n, doc)[0] == "court_document"  # the grammar's default for a document
    assert roles.role(n, anon)[0] == "anonymous_source"
    assert roles.role(n, Speaker()) == (None, None)


def test_precedence_lets_a_spokesman_speak_for_the_department():
    g = grammar()
    rule = next(r for r in g.precedence if r[0] == "police_officer")
    assert "police_department" in rule[1] and rule[2].search("a Spokesman for the department")


def test_affiliation_from_the_preposition_and_head():
    n = names("ridgeway-officer-charged")
    said = ["Jeff Roorda, who is with the St. Louis Police Officers’ Association"]
    assert roles.affiliation(n, "Jeff Roorda", said) == "St. Louis Police Officers’ Association"
    assert roles.affiliation(n, "Jeff Roorda", ["a man from nowhere"]) is None


def said(n, text, kind="person"):
    return roles.role(n, Speaker(text=text, start=0, end=len(text), name=text, kind=kind))[0]


def test_a_lawyer_takes_the_side_of_the_client_named_in_the_mention():
    n = names("ridgeway-officer-charged")
    assert said(n, "Officer Keller’s attorney") == "defense_attorney"  # the accused officer's lawyer
    assert said(n, "Attorneys for Hayes’s family", "group") == "attorney"  # lawyers, not family
    assert said(n, "The Hayes family’s attorneys", "group") == "attorney"
    assert said(n, "the defense") == "defense_attorney"


@pytest.mark.parametrize("text,kind,role", [
    ("The Minnesota Fraternal Order of Police", "organization", "police_union"),
    ("the PBA", "organization", "police_union"),
    ("the Police Federation", "organization", "police_union"),
    ("KSLA TV", "organization", "media"),
    ("Initial reports", "document", "media"),
    ("the Civilian Office of Police Accountability", "organization", "official"),
    ("a grand jury", "group", "other"),
    ("Protesters", "group", "other"),
    ("the Crown Prosecution Service", "organization", "prosecutor"),
    ("the Independent Office for Police Conduct", "organization", "official"),
    ("the family's solicitor", "person", "attorney"),
    ("the Justice Department", "organization", "prosecutor"),
    ("the state Bureau of Criminal Apprehension", "organization", "police_department"),
    ("association president Lyle Brandt", "person", "police_union"),
])
def test_institutions_and_groups_by_name(text, kind, role):
    assert said(names("ridgeway-officer-charged"), text, kind) == role


def test_a_bar_association_president_is_no_union():
    assert said(names("ridgeway-officer-charged"), "bar association president Ann Lee", "person") != "police_union"


def test_a_department_in_the_plural_describes_a_trade():
    n = names("chokehold-experts")
    assert roles.person_role(n, "Seth Porter") == "expert"  # `an instructor who consults for police departments`


def test_a_title_the_sentence_splitter_cut_off_still_counts():
    from parses import build

    from quotes.normalize import layout
    from quotes.parse import stitch
    a = build("Ald.", "0", "root", "PROPN")
    b = build("Nick Sposato said no .", "2 3 0 3 3", "compound nsubj root obj punct", "PROPN PROPN VERB INTJ PUNCT")
    text = "Ald. Nick Sposato said no ."
    p = stitch(text, [(0, a), (5, b)])
    n = Names(p, grammar(), layout(text))
    assert len(p.sentences) == 2 and roles.person_role(n, "Nick Sposato") == "official"


def test_an_organisation_joins_a_fuller_one_only_in_the_same_role():
    from quotes.resolve.entities import entities
    from quotes.resolve.speakers import Resolved
    n = names("harlan-union-statement")
    union = Speaker(text="The Harlan Fraternal Order of Police", start=0, end=5,
                    name="The Harlan Fraternal Order of Police", kind="organization")
    police = Speaker(text="Police", start=10, end=16, name="Police", kind="organization")
    _, ents = entities(n, [Resolved(union, union), Resolved(police, police)])
    assert [(e.name, e.role) for e in ents] == [("The Harlan Fraternal Order of Police", "police_union"),
                                                ("Police", "police_department")]
