"""The case: who the article says is accused and who is its victim, read from its own verbs and nouns.

A person is `accused` when they are the object (or passive subject) of one of the grammar's accusing verbs
(`charged`, `indicted`, `sued`), or what an accusing noun is of (`the trial of X`, `X's indictment`); a
`victim` when the object of a use-of-force verb (`shot`, `killed`, `tased`), what a harm noun is of (`the
death of X`), or the subject of a plaintiff's verb (`X sued the city`). Where the article says both, the
victim's part wins: this is a field of police cases, where the person shot is also the one arrested.
Parties are people the article names (proper names); each keeps the offsets of the words that say so.
A lawyer's role follows the client's party (quotes.resolve.roles), and each speaker's side follows its role.
"""

from __future__ import annotations

import attrs

from ..model import PARTIES
from ..parse import Parse
from .names import Names

ACCUSED, VICTIM, FAMILY = PARTIES


@attrs.frozen(slots=True)
class Party:
    name: str
    party: str  # accused | victim | family
    evidence: tuple[tuple[int, int], ...]


def _named(n: Names, i: int) -> str | None:
    """The person a word names: a proper name, or the name in apposition to a noun (`the officer, Kim Potter`)."""
    p = n.p
    w = p.words[i]
    if w.upos == "PROPN":
        return n.person_name(i)
    for c in p.kids(i, "appos", "flat"):
        if p.words[c].upos == "PROPN":
            return n.person_name(c)
    return None


def _arguments(p: Parse, i: int, deprels: tuple[str, ...]) -> list[int]:
    """The verb's arguments of these relations; a relative pronoun stands for the noun its clause modifies
    ("Brown, who was fatally shot by a deputy")."""
    relative = p.words[i].deprel.startswith("acl") and p.words[i].head >= 0
    return [p.words[i].head if relative and p.words[c].upos == "PRON" else c
            for c in p.children[i] if p.words[c].deprel in deprels]


def _patients(p: Parse, i: int) -> list[int]:
    """Who a verb is done to: its object or passive subject, or the noun its participle describes
    (`Nouman Raja convicted in …`, `officers charged with murder`)."""
    found = _arguments(p, i, ("obj", "nsubj:pass"))
    w = p.words[i]
    if not found and w.deprel.startswith("acl") and w.head >= 0 and "VerbForm=Part" in w.feats:
        found = [w.head]
    return found


def _of(p: Parse, i: int, preps: frozenset[str]) -> list[int]:
    """What a noun is of (`the death of X`, `X's trial`, `charges against X`)."""
    return [c for c in p.kids(i, "nmod") if any(p.words[k].lemma.lower() in preps for k in p.kids(c, "case"))]


def _readings(n: Names) -> list[tuple[str, int, int]]:
    """(party, word that names the person, word that says so) for each statement of the case."""
    p, case = n.p, n.g.case
    out = []
    for w in p.words:
        lemma = w.lemma.lower()
        if w.upos == "VERB":
            if lemma in case["victim_verbs"]:
                out += [(VICTIM, a, w.i) for a in _patients(p, w.i)]
            if lemma in case["accused_verbs"]:
                out += [(ACCUSED, a, w.i) for a in _patients(p, w.i)]
            if lemma in case["plaintiff_verbs"]:
                out += [(VICTIM, a, w.i) for a in _arguments(p, w.i, ("nsubj",))]
            facing = lemma in case["facing_verbs"] and any(
                p.words[o].lemma.lower() in case["facing_objects"] for o in p.kids(w.i, "obj", "obl"))
            if lemma in case["defendant_verbs"] or facing:
                out += [(ACCUSED, a, w.i) for a in _arguments(p, w.i, ("nsubj",))]
        elif w.upos == "NOUN":
            for kind, nouns in ((VICTIM, case["victim_nouns"]), (ACCUSED, case["accused_nouns"])):
                if lemma in nouns:
                    on_trial = p.kids(w.i, "nsubj") if kind == ACCUSED else []  # `X is on trial`
                    out += [(kind, a, w.i) for a in _of(p, w.i, n.g.genitives) + p.kids(w.i, "nmod:poss") + on_trial]
            if lemma in case["against_nouns"]:
                out += [(ACCUSED, a, w.i) for a in _of(p, w.i, n.g.against_words)]
    return out


def parties(n: Names) -> dict[str, Party]:
    """The parties of the document by name (computed once per document)."""
    return n.memo("case", "parties", lambda: _parties(n))


def _parties(n: Names) -> dict[str, Party]:
    found: dict[str, dict[str, list[tuple[int, int]]]] = {}
    for kind, arg, cue in _readings(n):
        name = _named(n, arg)
        if not name or name.lower() in n.g.not_speakers:
            continue
        words = [n.p.words[cue], *n.name_words(arg)]
        found.setdefault(name, {}).setdefault(kind, []).append((min(w.start for w in words), max(w.end for w in words)))
    return {name: Party(name, VICTIM if VICTIM in kinds else ACCUSED, tuple(kinds.get(VICTIM) or kinds[ACCUSED]))
            for name, kinds in found.items()}


def party_of(n: Names, name: str) -> Party | None:
    """The party a name (or a last name no one else in the case shares) stands for."""
    known = parties(n)
    if name in known:
        return known[name]
    last = name.split()[-1] if name.split() else ""
    hits = [pt for full, pt in known.items() if full.split()[-1] == last]
    return hits[0] if len(hits) == 1 else None


def criminal(n: Names) -> bool:
    """The article speaks of a criminal process (a charge, a prosecution, a trial), charged or declined."""
    return n.memo("case", "criminal", lambda: any(w.lemma.lower() in n.g.criminal_words for w in n.p.words))


def lone_side(n: Names) -> str | None:
    """The side of a lawyer whose client the article does not name: the defence's where the case has an
    accused and no victim the article names (a trial, a fraud or corruption case), else unknown."""
    kinds = {pt.party for pt in parties(n).values()}
    return "defending" if kinds == {ACCUSED} else None


def declined(n: Names) -> bool:
    """The article says no one is charged: an accusing verb negated (`will not be charged`) or under a
    declining verb (`declined to prosecute`)."""
    def compute() -> bool:
        p, case = n.p, n.g.case
        def negated(i: int) -> bool:
            return any(p.words[c].lemma.lower() in n.g.stance.negation and c < i for c in p.children[i])

        for w in p.words:
            if w.upos == "NOUN" and w.lemma.lower() in case["accused_verbs"] and (  # "no charges", "won't face charges"
                    negated(w.i) or (w.deprel == "obj" and negated(w.head))):
                return True
            if w.upos != "VERB" or w.lemma.lower() not in case["accused_verbs"]:
                continue
            head = p.words[w.head] if w.head >= 0 else None
            if negated(w.i) or (head is not None and w.deprel == "xcomp"
                                and head.lemma.lower() in case["declining_verbs"]):
                return True
        return False
    return n.memo("case", "declined", compute)


def side(n: Names, name: str | None, role: str | None) -> str | None:
    """`accusing` or `defending`, for a speaker whose side the article shows: by its party, else its role —
    where the article says no one is charged, the prosecution that declined is on the defending side."""
    pt = party_of(n, name) if name else None
    if pt is not None:
        return "defending" if pt.party == ACCUSED else "accusing"
    found = n.g.case["sides"].get(role or "")
    return "defending" if found == "accusing" and role == "prosecutor" and declined(n) else found
