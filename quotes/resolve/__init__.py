"""Resolve: the candidates' speaker mentions to names, kinds, entities and roles.

One `Names` index per document is built first and shared by every step: `speakers` resolves each mention
(a fold over the candidates in text order, since a pronoun looks back at the speakers before it),
`entities` clusters the speakers and issues entity ids once, and `roles` reads each entity's role and
affiliation from what the article says of it.
"""

from __future__ import annotations

from collections.abc import Sequence

from ..find import Found
from ..grammar import Grammar
from ..model import Case, Entity, Quote, Speaker
from ..normalize import Layout
from ..parse import Parse
from . import case, roles
from .entities import entities
from .names import Names
from .speakers import Resolved, speaker

__all__ = ["Names", "resolve", "speakers"]


def speakers(n: Names, found: Sequence[Found]) -> list[Resolved]:
    """Each candidate's speaker, in order: each one sees the speakers resolved before it."""
    out: list[Resolved] = []
    done: list[Speaker] = []
    for f in found:
        r = speaker(n, f, done)
        out.append(r)
        done.append(r.speaker)
    return out


def resolve(p: Parse, layout: Layout, grammar: Grammar, found: Sequence[Found]
            ) -> tuple[tuple[Quote, ...], tuple[Entity, ...], Case]:
    """The document's quotes (ids `q1`, `q2`, … in candidate order) with resolved speakers, its entities
    (speakers first, then the parties of the case who do not speak) and its case."""
    n = Names(p, grammar, layout)
    resolved, ents = entities(n, speakers(n, found))
    ents, the_case = with_case(n, ents)
    quotes = tuple(
        Quote(id=f"q{k + 1}", text=layout.text[f.start:f.end], start=f.start, end=f.end, type=f.type, cue=f.cue,
              speaker=sp, paragraph=layout.paragraph_at(f.start), sentence=p.sentence_at(f.start),
              nested_in=f"q{f.nested_in + 1}" if f.nested_in is not None else None)
        for k, (f, sp) in enumerate(zip(found, resolved, strict=True)))
    return quotes, ents, the_case


def with_case(n: Names, ents: tuple[Entity, ...]) -> tuple[tuple[Entity, ...], Case]:
    """The entities with the case's parties added, and the case: parties by entity, speakers' sides."""
    out = list(ents)
    by_name = {e.name: e for e in ents if e.kind == "person"}
    parties = []
    for pt in case.parties(n).values():
        ent = by_name.get(pt.name)
        if ent is None:
            found, named = roles.person_role(n, pt.name), tuple(n.occurrences(pt.name))
            if pt.party == case.VICTIM and found != "police_officer":
                found = "suspect"  # the contract's role for a person subjected to police action
            said, sure = roles.evidence(n, found, [], list(named) + list(pt.evidence))
            ent = Entity(id=f"e{len(out) + 1}", name=pt.name, kind="person", role=found, mentions=named,
                         evidence=said, confidence=sure)
            out.append(ent)
            by_name[pt.name] = ent
        parties.append((ent.id, pt.party, pt.evidence))
    named = {e for e, _, _ in parties}
    parties += [(e.id, case.FAMILY, e.mentions[:1]) for e in ents if e.role == "family" and e.id not in named]
    sides = tuple((e.id, s) for e in ents if (s := case.side(n, e.name, e.role)))
    return tuple(out), Case(tuple(parties), sides)
