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
from ..model import Entity, Quote, Speaker
from ..normalize import Layout
from ..parse import Parse
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
            ) -> tuple[tuple[Quote, ...], tuple[Entity, ...]]:
    """The document's quotes (ids `q1`, `q2`, … in candidate order) with resolved speakers, and its entities."""
    n = Names(p, grammar, layout)
    resolved, ents = entities(n, speakers(n, found))
    quotes = tuple(
        Quote(id=f"q{k + 1}", text=layout.text[f.start:f.end], start=f.start, end=f.end, type=f.type, cue=f.cue,
              speaker=sp, paragraph=layout.paragraph_at(f.start), sentence=p.sentence_at(f.start),
              nested_in=f"q{f.nested_in + 1}" if f.nested_in is not None else None)
        for k, (f, sp) in enumerate(zip(found, resolved, strict=True)))
    return quotes, ents
