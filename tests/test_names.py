"""resolve/names.py: the document's name index, on recorded corpus parses."""

from parses import build, document, grammar

from quotes.normalize import layout
from quotes.resolve import Names


def names(doc_id: str) -> Names:
    p, lay = document(doc_id)
    return Names(p, grammar(), lay)


def test_person_names_leave_titles_out():
    n = names("ridgeway-officer-charged")
    found = [name for _, name in n.persons]
    assert "Karen Whitfield" in found and "Thomas Keller" in found  # `District Attorney …`, `Officer …`
    assert not any(name.startswith(("District ", "Officer ")) for name in found)


def test_a_short_name_takes_the_fullest_form():
    n = names("ridgeway-officer-charged")
    assert n.fullest("Keller") == "Thomas Keller" and n.fullest("Whitfield") == "Karen Whitfield"
    assert n.fullest("Nobody") == "Nobody"


def test_occurrences_count_a_last_name_only_when_no_one_shares_it():
    n = names("ridgeway-officer-charged")
    text = n.view
    assert {text[s:e] for s, e in n.occurrences("Thomas Keller")} == {"Thomas Keller", "Keller"}
    # two Hayeses (Darnell and Loretta): `Hayes` alone is not Loretta's
    assert {text[s:e] for s, e in n.occurrences("Loretta Hayes")} == {"Loretta Hayes"}


def test_key_reads_past_case_articles_and_apostrophes():
    n = names("ridgeway-officer-charged")
    assert n.key("The Ridgeway Police Officers’ Association") == n.key("ridgeway police officers' association")
    assert n.key("the union") == "union" and n.key("theunion") == "theunion"


def test_memo_computes_once():
    n = names("ridgeway-officer-charged")
    calls = []
    assert n.memo("x", "a", lambda: calls.append(1) or 5) == 5
    assert n.memo("x", "a", lambda: calls.append(1) or 6) == 5 and calls == [1]


def test_person_name_of_a_head_with_its_flat_parts():
    text = "Sgt. Dana Ortiz spoke ."
    p = build(text, "3 3 4 0 4", "compound compound nsubj root punct", "PROPN PROPN PROPN VERB PUNCT")
    n = Names(p, grammar(), layout(text))
    assert n.person_name(2) == "Dana Ortiz"  # the title `Sgt.` is not part of the name
