"""Roles, parties and speakers from general knowledge, on made-up sentences parsed by hand (no model).

One test per class of error that articles nobody here had read showed: a legal system's short title, a
description read by its head word (WordNet), the accused of any kind of case and their lawyers, institutions
by their own names, and speakers that are no one (a fragment, a quantifier, the outlet's `we`) or of the other
gender. Each builds its sentences with `parses.build`, as spaCy's rule tests build a Doc.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from parses import build, grammar

from quotes.find import Found
from quotes.find.attribute import attribute_marks
from quotes.find.direct import pair_marks
from quotes.find.statement import find_statements
from quotes.model import Speaker
from quotes.normalize import layout
from quotes.parse import stitch
from quotes.resolve import Names, case, roles
from quotes.resolve.speakers import pronoun, speaker

ROOT = Path(__file__).resolve().parent.parent
WORDNET = Path("/usr/share/wordnet")


def doc(*sentences: tuple, sep: str = " ") -> Names:
    """Names over the sentences, each `(text, heads, deprels, upos[, lemmas[, feats]])` as `build` takes them."""
    text = sep.join(s[0] for s in sentences)
    parts, at = [], 0
    for s in sentences:
        parts.append((at, build(*s)))
        at += len(s[0]) + len(sep)
    return Names(stitch(text, parts), grammar(), layout(text, grammar().dateline))


def titled(title: str) -> Names:
    """`<title> Ann Vole said no .`: each title word a compound of the name."""
    words = title.split()
    k = len(words)
    heads = " ".join([str(k + 2)] * (k + 1) + [str(k + 3), "0", str(k + 3), str(k + 3)])
    deps = " ".join(["compound"] * (k + 1) + ["nsubj", "root", "obj", "punct"])
    upos = " ".join(["PROPN"] * (k + 2) + ["VERB", "INTJ", "PUNCT"])
    return doc((f"{title} Ann Vole said no .", heads, deps, upos))


@pytest.mark.parametrize(("title", "role"), [
    ("Dist. Atty.", "prosecutor"),            # US, AP style
    ("State Attorney", "prosecutor"),         # Florida
    ("Commonwealth's Attorney", "prosecutor"),  # Virginia, Kentucky
    ("Crown Prosecutor", "prosecutor"),       # UK, Canada
    ("Const.", "police_officer"),             # Canada
    ("Det. Sgt.", "police_officer"),
    ("PC", "police_officer"),                 # England and Wales
    ("Coroner", "judge"),                     # presides over an inquest
    ("Sen.", "official"),
])
def test_a_legal_systems_title_before_a_name_gives_the_role(title, role):
    n = titled(title)
    assert roles.person_role(n, "Ann Vole") == role
    assert ("Ann Vole" in dict(n.persons).values())  # the title is left out of the name


@pytest.mark.parametrize(("description", "role"), [
    ("Laci Peterson's stepfather", "family"),
    ("a professor of criminology at the university", "expert"),
    ("the county's medical examiner", "expert"),
    ("a longtime newspaperman", "media"),
    ("who is a bystander", "witness"),
    ("a retired schoolteacher who lives nearby", None),  # no capacity to speak in
])
def test_a_description_takes_the_role_of_its_head_word(description, role):
    assert grammar().role_words.head(description) == role


def test_the_role_words_are_wordnets_and_name_no_one():
    words = [w for _, pat in grammar().role_words.heads for w in pat.pattern.split("|")]
    assert words and all(w == w.lower() for w in words)  # WordNet capitalises names: none is taken
    if not (WORDNET / "data.noun").exists():
        pytest.skip("WordNet 3.0 is not installed (apt-get install wordnet-base): the generator cannot run")
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "lexicon.py"), "--check"], capture_output=True,
                          text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_an_accused_official_speaks_as_a_defendant():
    n = doc(("Sen. Robert Ortt pleaded not guilty to fraud charges .", "3 3 4 0 6 4 9 9 4 4",
             "compound compound nsubj root advmod xcomp case compound obl punct",
             "PROPN PROPN PROPN VERB ADV ADJ ADP NOUN NOUN PUNCT",
             "Sen. Robert Ortt plead not guilty to fraud charge ."))
    assert case.parties(n)["Robert Ortt"].party == case.ACCUSED
    assert roles.person_role(n, "Robert Ortt") == "suspect"


def test_facing_charges_and_a_participle_make_the_accused():
    n = doc(("Tom Reyes faces murder charges .", "2 3 0 5 3 3", "compound nsubj root compound obj punct",
             "PROPN PROPN VERB NOUN NOUN PUNCT", "Tom Reyes face murder charge ."),
            ("Ann Vole convicted of fraud .", "2 0 2 5 3 2", "compound root acl case obl punct",
             "PROPN PROPN VERB ADP NOUN PUNCT", "Ann Vole convict of fraud .", {3: "VerbForm=Part|Tense=Past"}))
    found = {name: pt.party for name, pt in case.parties(n).items()}
    assert found == {"Tom Reyes": case.ACCUSED, "Ann Vole": case.ACCUSED}


CHARGED = ("Tom Reyes was charged with fraud .", "2 4 4 0 6 4 4", "compound nsubj:pass aux:pass root case obl punct",
           "PROPN PROPN AUX VERB ADP NOUN PUNCT", "Tom Reyes be charge with fraud .")


def test_a_lawyer_who_represents_the_accused_named_elsewhere_is_the_defence():
    n = doc(CHARGED, ("Ann Vole, who represents Reyes, said the case was weak.", "2 8 2 5 2 5 2 0 10 12 12 8 8",
                      "compound nsubj punct nsubj acl:relcl obj punct root det nsubj cop ccomp punct",
                      "PROPN PROPN PUNCT PRON VERB PROPN PUNCT VERB DET NOUN AUX ADJ PUNCT", None, None,
                      "Ann Vole , who represents Reyes , said the case was weak ."))
    assert roles.person_role(n, "Ann Vole") == "defense_attorney"


def test_an_attorney_for_the_accused_and_one_for_the_family():
    n = doc(CHARGED, ("Frank Hogue, an attorney for Reyes, spoke.", "2 9 2 5 2 7 5 2 0 9",
                      "compound nsubj punct det appos case nmod punct root punct",
                      "PROPN PROPN PUNCT DET NOUN ADP PROPN PUNCT VERB PUNCT", None, None,
                      "Frank Hogue , an attorney for Reyes , spoke ."),
            ("Rosa Diaz, an attorney for the Bell family, spoke.", "2 11 2 5 2 9 9 9 5 2 0 11",
             "compound nsubj punct det appos case det compound nmod punct root punct",
             "PROPN PROPN PUNCT DET NOUN ADP DET PROPN NOUN PUNCT VERB PUNCT", None, None,
             "Rosa Diaz , an attorney for the Bell family , spoke ."))
    assert roles.person_role(n, "Frank Hogue") == "defense_attorney"
    assert roles.person_role(n, "Rosa Diaz") == "attorney"


def test_a_lawyer_of_no_named_client_in_a_trial_without_a_named_victim_is_the_defence():
    n = doc(("Jerry Sandusky was convicted of abuse .", "2 4 4 0 6 4 4",
             "compound nsubj:pass aux:pass root case obl punct", "PROPN PROPN AUX VERB ADP NOUN PUNCT",
             "Jerry Sandusky be convict of abuse ."),
            ("attorney Joe Amendola said he would appeal .", "3 3 4 0 7 7 4 4",
             "compound compound nsubj root nsubj aux ccomp punct", "NOUN PROPN PROPN VERB PRON AUX VERB PUNCT"))
    assert case.lone_side(n) == "defending"
    assert roles.person_role(n, "Joe Amendola") == "defense_attorney"


def body(n: Names, name: str, kind: str = "organization") -> str | None:
    return roles.role(n, Speaker(text=name, name=name, kind=kind))[0]


PLAIN = ("The hearing ended .", "2 3 0 3", "det nsubj root punct", "DET NOUN VERB PUNCT")


@pytest.mark.parametrize(("name", "role"), [
    ("the Court of Appeal", "judge"),
    ("the Independent Office for Police Conduct", "official"),
    ("the Crown", "prosecutor"),
    ("the Police Federation", "police_union"),
])
def test_an_institution_by_its_own_name(name, role):
    assert body(doc(PLAIN), name) == role


def test_an_acronym_reads_as_the_name_it_abbreviates():
    n = doc(("The Civilian Office of Police Accountability ruled .", "3 3 7 6 6 3 0 7",
             "det compound nsubj case compound nmod root punct", "DET PROPN PROPN ADP PROPN PROPN VERB PUNCT"))
    assert body(n, "COPA", "person") == "official"


def test_a_body_a_person_owns_speaks_in_their_role():
    n = doc(("Prosecuting Attorney Steve Alm said no .", "4 4 4 5 0 5 5",
             "compound compound compound nsubj root obj punct", "PROPN PROPN PROPN PROPN VERB INTJ PUNCT"))
    assert body(n, "Alm's office") == "prosecutor"


def test_a_place_and_its_spokesman_speak_for_its_government():
    n = doc(("The city of Ferguson dropped its appeal .", "2 5 4 2 0 7 5 5",
             "det nsubj case nmod root nmod:poss obj punct", "DET NOUN ADP PROPN VERB PRON NOUN PUNCT"))
    assert body(n, "Ferguson", "person") == "official"
    assert body(n, "A Ferguson spokesman", "person") == "official"


AG = ("Attorney General Ann Vole announced a review .", "4 4 4 5 0 7 5 5",
      "compound compound compound nsubj root det obj punct", "PROPN PROPN PROPN PROPN VERB DET NOUN PUNCT")


def test_an_attorney_general_prosecutes_only_where_the_article_speaks_of_a_criminal_process():
    assert roles.person_role(doc(AG), "Ann Vole") == "official"
    assert roles.person_role(doc(AG, CHARGED), "Ann Vole") == "prosecutor"


def found(n: Names, head: int) -> Found:
    return Found(start=0, end=1, type="indirect", how="reported", speaker_head=head, resolution="explicit")


@pytest.mark.parametrize(("sentence", "head"), [
    (("Contrary to his commands , he moved .", "7 4 4 1 7 7 0 7", "advmod case nmod:poss obl punct nsubj root punct",
      "ADJ ADP PRON NOUN PUNCT PRON VERB PUNCT"), 0),                # a fragment
    (("Both said the case was weak .", "2 0 4 6 6 2 2", "nsubj root det nsubj cop ccomp punct",
      "DET VERB DET NOUN AUX ADJ PUNCT"), 0),                       # a bare quantifier
    (("We reported that the case was weak .", "2 0 7 5 7 7 2 2", "nsubj root mark det nsubj cop ccomp punct",
      "PRON VERB SCONJ DET NOUN AUX ADJ PUNCT"), 0),                # the outlet's `we`
])
def test_no_one_speaks_through_a_fragment_a_quantifier_or_the_outlets_we(sentence, head):
    n = doc(sentence)
    assert speaker(n, found(n, head)).speaker.name is None


def test_a_pronoun_never_stands_for_a_person_of_the_other_gender():
    n = doc(("Paul King spoke first .", "2 3 0 3 3", "compound nsubj root advmod punct",
             "PROPN PROPN VERB ADV PUNCT"),
            ("Beside Mr Tomlinson's widow Julia, he said no.", "5 3 5 3 1 5 9 9 0 9 9",
             "case compound nmod:poss case obl appos punct nsubj root obj punct",
             "ADP PROPN PROPN PART NOUN PROPN PUNCT PRON VERB INTJ PUNCT",
             "beside Mr Tomlinson 's widow Julia , he say no .", None,
             "Beside Mr Tomlinson 's widow Julia , he said no ."))
    assert roles.gender(n, "Julia") == "female"
    at = n.p.text.index(" he ") + 1
    assert pronoun(n, "he", at, [])[0] == "Paul King"


def test_the_noun_phrase_after_an_inverted_cue_speaks_when_the_parse_puts_the_subject_in_the_quote():
    text = "“No amount of money will help,” said Marla Mitchell."
    # the compact parser's reading: `amount` the subject of `said`, `Mitchell` its object
    p = build(text, "3 3 10 5 3 7 10 7 10 0 12 10 10", "punct det nsubj case nmod aux ccomp punct punct root compound "
              "obj punct", "PUNCT DET NOUN ADP NOUN AUX VERB PUNCT PUNCT VERB PROPN PROPN PUNCT",
              "“ no amount of money will help , ” say Marla Mitchell .", feats={10: "VerbForm=Fin|Tense=Past"},
              words="“ No amount of money will help , ” said Marla Mitchell .")
    lay = layout(text)
    [f] = attribute_marks(p, lay, grammar(), pair_marks(lay, grammar()))
    assert isinstance(f, Found) and p.words[f.speaker_head].text == "Mitchell"


def test_a_heading_that_names_a_statement_gives_its_author():
    heading = ("Statement from the family of Darnell Hayes", "0 4 4 1 7 7 4",
               "root case det nmod case compound nmod", "NOUN ADP DET NOUN ADP PROPN PROPN")
    body_ = ("We are heartbroken and we want answers .", "3 3 0 7 7 7 3 3",
             "nsubj cop root cc nsubj aux conj punct", "PRON AUX ADJ CCONJ PRON VERB VERB PUNCT")
    text = heading[0] + "\n\n" + body_[0]
    p = stitch(text, [(0, build(*heading)), (len(heading[0]) + 2, build(*body_))])
    [f] = find_statements(p, layout(text), grammar())
    assert text[f.start:f.end] == body_[0] and p.words[f.speaker_head].text == "family"


def test_the_new_grammar_files_and_the_wordnet_licence_ship():
    shipped = {p.name for p in (ROOT / "grammars").glob("*.toml")}
    assert {"titles.toml", "wordnet.toml", "lexicon.toml"} <= shipped
    assert (ROOT / "grammars" / "WORDNET_LICENSE.md").exists()


def test_a_person_of_no_role_who_speaks_of_her_son_is_family():
    n = doc(("Zofia Cisowski said officers confronted her son .", "2 3 0 5 3 7 5 3",
             "compound nsubj root nsubj ccomp nmod:poss obj punct", "PROPN PROPN VERB NOUN VERB PRON NOUN PUNCT"))
    assert roles.person_role(n, "Zofia Cisowski") == "family"


def test_the_lawyers_of_an_article_that_speaks_only_of_defense_attorneys_are_the_defence():
    n = doc(("A man was shot by police .", "2 4 4 0 6 4 4", "det nsubj:pass aux:pass root case obl punct",
             "DET NOUN AUX VERB ADP NOUN PUNCT"),
            ("Defense attorneys showed a video .", "2 3 0 5 3 3", "compound nsubj root det obj punct",
             "NOUN NOUN VERB DET NOUN PUNCT"))
    assert body(n, "the lawyers", "group") == "defense_attorney"


def test_a_number_after_a_name_is_part_of_it():
    n = doc(("Victim 6 said he waited years .", "3 1 0 5 3 5 3", "nsubj nummod root nsubj ccomp obj punct",
             "PROPN NUM VERB PRON VERB NOUN PUNCT"))
    assert n.person_name(0) == "Victim 6"


def test_a_family_representative_speaks_for_the_family():
    assert body(doc(PLAIN), "A family representative", "person") == "family"


def test_a_statement_speaks_for_its_owner_and_a_filing_for_itself():
    n = doc(("The union 's statement said the officers acted lawfully .", "2 4 2 5 0 7 8 5 8 5",
             "det nmod:poss case nsubj root det nsubj ccomp advmod punct",
             "DET NOUN PART NOUN VERB DET NOUN VERB ADV PUNCT",
             "the union 's statement say the officer act lawfully ."),
            ("The officer 's affidavit said he feared for his life .", "2 4 2 5 0 7 5 10 10 7 5",
             "det nmod:poss case nsubj root nsubj ccomp case nmod:poss obl punct",
             "DET NOUN PART NOUN VERB PRON VERB ADP PRON NOUN PUNCT"))
    union = speaker(n, found(n, 3)).speaker
    affidavit = speaker(n, found(n, 13)).speaker
    assert (union.name, union.kind) == ("The union", "organization")
    assert affidavit.kind == "document"


@pytest.mark.parametrize("name", ["the Police Integrity Commission", "the state's anti-corruption commission",
                                  "the financial regulator"])
def test_commissions_and_regulators_are_officials(name):
    assert body(doc(PLAIN), name) == "official"


def test_a_token_longer_than_the_tagger_reads_is_no_speaker():
    n = doc(("<UNK> said the case was weak .", "2 0 4 6 6 2 2", "nsubj root det nsubj cop ccomp punct",
             "PROPN VERB DET NOUN AUX ADJ PUNCT"))
    assert speaker(n, found(n, 0)).speaker.name is None
