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
