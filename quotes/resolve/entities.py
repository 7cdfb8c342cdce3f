"""Entities: the resolved speakers of a document clustered into the people and bodies that speak.

A speaker's entity key is its kind and its name's `Names.key`. Organisations and groups cluster by their
distinctive words: one whose words are all in exactly one fuller entity's name joins it (`police` and
`Stockton police` join `the Stockton Police Department`). Each entity takes the fullest name among its
speakers, the role read at the first mention it speaks under, and every place the article names it; entity
ids are issued once, in the order the entities first speak.
"""

from __future__ import annotations

from collections.abc import Sequence

import attrs

from ..model import Entity, Speaker
from . import roles
from .names import Names
from .speakers import Resolved

Key = tuple[str, str]


def _clusters(n: Names, keys: list[Key], role: dict[Key, str | None]) -> dict[Key, Key]:
    """Each key's representative: itself, or the one fuller organisation whose words hold all of its own and
    that speaks in no other role (`police` joins the police department, not the police union)."""
    parent = {k: k for k in keys}
    sig = {k: frozenset(n.key(k[1]).split()) - n.g.entity_filler for k in keys}
    for a in keys:
        if a[0] not in ("organization", "group") or not sig[a]:
            continue
        supers = [b for b in keys if b != a and b[0] == "organization" and sig[a] <= sig[b]
                  and (sig[a] != sig[b] or len(b[1]) > len(a[1]))
                  and (role[a] is None or role[b] is None or role[a] == role[b])]
        if not supers:
            continue
        top = max(supers, key=lambda b: (len(sig[b]), len(b[1])))
        if all(sig[b] <= sig[top] for b in supers):
            parent[a] = top

    def root(k: Key) -> Key:
        while parent[k] != k:
            k = parent[k]
        return k

    return {k: root(k) for k in keys}


def entities(n: Names, resolved: Sequence[Resolved]) -> tuple[tuple[Speaker, ...], tuple[Entity, ...]]:
    """The speakers with their entity, canonical name and role; and the document's entities."""
    mentions = [r.mention for r in resolved if r.mention is not None and r.mention.name]
    role_of: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    spans: dict[Key, list[tuple[int, int]]] = {}
    affiliation: dict[Key, str | None] = {}
    for said in mentions:  # in text order: the first mention a speaker speaks under gives its role
        assert said.name
        if (said.kind, said.name) not in role_of:
            role_of[(said.kind, said.name)] = roles.role(n, said)
        found = role_of[(said.kind, said.name)]
        key = (said.kind, n.key(said.name))
        spans.setdefault(key, [])
        if said.start is not None and said.end is not None and (said.start, said.end) not in spans[key]:
            spans[key].append((said.start, said.end))
        affiliation.setdefault(key, found[1])
    speakers = [attrs.evolve(r.speaker, role=role_of[(r.speaker.kind, r.speaker.name)][0])
                if r.speaker.name else r.speaker for r in resolved]
    best: dict[Key, Speaker] = {}
    for sp in speakers:
        if sp.name:
            key = (sp.kind, n.key(sp.name))
            if key not in best or len(sp.name) > len(best[key].name or ""):
                best[key] = sp
    keys = list(spans)
    root = _clusters(n, keys, {k: best[k].role if k in best else None for k in keys})
    out: list[Entity] = []
    entity_of: dict[Key, Entity] = {}
    for k in keys:
        if root[k] != k:
            continue
        group = [m for m in keys if root[m] == k]
        places = {s for m in group for s in spans[m]}
        for m in group:  # every place the article names it, not only where it speaks
            name = best[m].name if m in best else None
            places.update(n.occurrences(name) if name else [])
        found = next((best[m].role for m in [k] + group if m in best and best[m].role), None)
        spoken = sorted({s for m in group for s in spans[m]})
        said, sure = roles.evidence(n, found, spoken, sorted(places))
        entity = Entity(id=f"e{len(out) + 1}", name=max((best[m].name or m[1] for m in group if m in best), key=len,
                                                        default=k[1]),
                        kind=k[0], role=found, affiliation=next((affiliation[m] for m in group if affiliation.get(m)), None),
                        mentions=tuple(sorted(places)), evidence=said, confidence=sure)
        out.append(entity)
        entity_of.update((m, entity) for m in group)
    return tuple(_canonical(n, sp, entity_of) for sp in speakers), tuple(out)


def _canonical(n: Names, sp: Speaker, entity_of: dict[Key, Entity]) -> Speaker:
    ent = entity_of.get((sp.kind, n.key(sp.name))) if sp.name else None
    if ent is None:
        return sp
    return attrs.evolve(sp, entity=ent.id, name=ent.name, role=ent.role or sp.role)
