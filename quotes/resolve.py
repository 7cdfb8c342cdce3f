"""Resolve: speaker mentions to entities of the document.

First level (the speakers issue deepens it):
* a mention's kind comes from its head word: a pronoun, the grammar's kind lexicons (organization, group,
  document, anonymous), a proper name (person unless the name's words are an organisation's), NER as a hint;
* a person's name leaves titles out (`Attorney Al Watkins` → `Al Watkins`); a short name takes the fullest
  form of the same name in the document (`Roorda` → `Jeff Roorda`);
* an apposition gives the name to a descriptor (`Stockley's partner, Brian Bianchi,`); a descriptor with
  `the` (`the finance director`, `the officer`) takes the person introduced with that title earlier;
* a pronoun takes the nearest earlier speaker of a compatible kind, else the nearest earlier named person;
* entities are the speakers clustered by kind and name; each quote's speaker points to one.
"""

from __future__ import annotations

import attrs
import regex

from .find import Found
from .grammar import Grammar
from .model import Entity, Quote, Speaker
from .normalize import Layout
from .parse import Parse
from .roles import RoleFinder
from .syntax import full_mention, mention

RELATIVE = ("who", "which", "that")
ORG_FILLER = frozenset({"the", "of", "for", "and", "department", "office", "s", "'s"})
CONFIDENCE = {"explicit": 0.9, "apposition": 0.85, "coreference": 0.7, "continuation": 0.6, "none": 0.0}
NAME_DEPS = ("flat", "compound", "flat:name")
WORD = regex.compile(r"[\p{L}\p{N}'’.-]+")
# `Its president, Denise Walker, said`, `A spokesman for the Sheriff's Office, Lt. Dean Harper, said`
APPOSITIVE_NAME = regex.compile(r"(?:\s+(?:for|of|with|at|from)\s[^,;:]{1,60})?,\s*(\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}),")


class Resolver:
    """Resolves the speakers of one document, in document order (earlier speakers inform later ones)."""

    def __init__(self, p: Parse, grammar: Grammar, layout: Layout):
        self.p, self.g, self.layout, self.degraded = p, grammar, layout, layout.degraded
        self.names = self._person_names()
        self.roles = RoleFinder(p, grammar, layout.view)
        self.history: list[Speaker] = []
        self.entities: dict[tuple[str, str], list[tuple[int, int]]] = {}
        self.entity_ids: dict[tuple[str, str], str] = {}
        self.affiliations: dict[tuple[str, str], str | None] = {}

    # -- names in the document
    def _is_title(self, word: str) -> bool:
        return word.lower().rstrip(".") in self.g.titles

    def _person_names(self) -> list[tuple[int, str]]:
        """(start offset, name) for every run of proper nouns that looks like a person's name."""
        out = []
        words = self.p.words
        i = 0
        while i < len(words):
            if words[i].upos == "PROPN" or (self.degraded and words[i].upos in ("PROPN", "NOUN", "ADJ", "VERB")
                                            and words[i].deprel in ("flat", "appos")):
                j = i
                while j + 1 < len(words) and words[j + 1].upos == "PROPN" and words[j + 1].sent == words[i].sent:
                    j += 1
                run = list(words[i:j + 1])
                titled = [k for k, w in enumerate(run) if self._is_title(w.text)]
                if titled:  # `Los Angeles County Finance Director Mark Hartenstein`: the name follows the last title
                    run = run[titled[-1] + 1:]
                if run and not any(w.lemma.lower() in self.g.kinds.get("organization", ()) for w in run):
                    out.append((run[0].start, " ".join(w.text for w in run)))
                i = j + 1
            else:
                i += 1
        return out

    def _fullest(self, name: str, before: int | None = None) -> str:
        last = name.split()[-1].lower()
        best = name
        for _, cand in self.names:
            toks = cand.split()
            if toks[-1].lower() == last and len(toks) > len(best.split()) and len(toks) <= 4:
                best = cand
        return best

    # -- kinds and names of a mention
    def _kind(self, head: int | None, text: str) -> str:
        low = text.lower()
        k = self.g.kinds
        if any(a in low for a in k.get("anonymous", ())) and not any(w[:1].isupper() for w in text.split()[1:]):
            return "anonymous"
        if head is None:
            words = text.split()
            if words and all(w[:1].isupper() for w in words if w.isalpha()):
                return "organization" if any(w.lower() in k.get("organization", ()) for w in words) else "person"
            return "unknown"
        w = self.p.words[head]
        lemma, form = w.lemma.lower(), w.text.lower()
        if w.upos == "PRON":
            return "person"
        names = [x for x in self._name_words(head)]
        if w.upos == "PROPN" or (self.degraded and names):
            org = k.get("organization", ())
            # `Fraternal Order of Police`: the head or an of-phrase names an organisation
            of_org = regex.search(r"\bof\s+(?:the\s+)?(\w+)", text[text.lower().find(w.text.lower()):] if w.text in text else "")
            if w.lemma.lower() in org or w.text.lower() in org or (of_org and of_org.group(1).lower() in org):
                return "organization"
            return "person"
        if lemma in k.get("document", ()) or form in k.get("document", ()):
            return "document"
        if form == "police" or (lemma in k.get("organization", ()) and "Number=Plur" not in w.feats):
            return "organization"
        if form in k.get("group", ()) or "Number=Plur" in w.feats:
            return "group"  # `prosecutors`, `Use-of-force experts`, `civil rights groups`
        return "person"

    def _name_words(self, head: int) -> list:
        """The head and its flat/compound descendants (`Jeff` → `Jeff Roorda`), as a contiguous run."""
        p = self.p
        idx, stack = {head}, [head]
        while stack:
            for c in p.children[stack.pop()]:
                if p.words[c].deprel in NAME_DEPS:
                    idx.add(c)
                    stack.append(c)
        lo = hi = head
        while lo - 1 in idx:
            lo -= 1
        while hi + 1 in idx:
            hi += 1
        return [p.words[i] for i in range(lo, hi + 1)]

    def _person_name(self, head: int) -> str | None:
        words = [w for w in self._name_words(head) if w.upos == "PROPN" or self.degraded]
        while words and self._is_title(words[0].text):
            words = words[1:]
        if not words:
            return None
        return self._fullest(" ".join(w.text for w in words))

    def _appos_name(self, head: int) -> str | None:
        p = self.p
        for c in p.children[head]:
            if p.words[c].deprel == "appos" and (p.words[c].upos == "PROPN" or self.degraded):
                return self._person_name(c)
        return None

    def _appos_text(self, end: int) -> str | None:
        """A name set off by commas right after a common-noun mention, read from the text."""
        m = APPOSITIVE_NAME.match(self.p.text, end)
        if not m:
            return None
        words = [t for t in m.group(1).split() if not self._is_title(t)]
        if not words or len(words) > 4:
            return None
        return self._fullest(" ".join(words))

    def _descriptor(self, head: int) -> str | None:
        """`the finance director` → a person introduced as `Finance Director Mark Hartenstein` or with an
        apposition `…, the finance director`."""
        p = self.p
        w = p.words[head]
        if w.upos != "NOUN" or not any(p.words[c].lemma.lower() == "the" for c in p.children[head]):
            return None
        lemma = w.lemma.lower()
        best = None
        # the person introduced with that title before the mention, else (`The lawyer … said. … lawyer Jean
        # Marchetti said`) the first one after it
        for x in list(p.words[:head]) + list(p.words[head + 1:]):
            if best is not None and x.i > head:
                break
            if x.lemma.lower() != lemma or x.i == head:
                continue
            # a title right before a name: `Finance Director Mark Hartenstein`, `officer Christopher Dorner`
            run = []
            for y in p.words[x.i + 1:x.i + 6]:
                if y.upos == "PROPN" and not self._is_title(y.text):
                    run.append(y)
                elif run or not self._is_title(y.text):
                    break
            if run:
                best = self._fullest(" ".join(z.text for z in run))
            elif x.deprel == "appos" and p.words[x.head].upos == "PROPN":
                best = self._person_name(x.head) or best
        return best

    # -- the public step
    def speaker(self, f: Found) -> Speaker:
        p = self.p
        if f.speaker_head is None and f.speaker_span is None:
            sp = Speaker(resolution="none")
            self.history.append(sp)
            return sp
        if f.speaker_span is not None:
            s, e = f.speaker_span
            cs, ce = s, e
            head = f.speaker_head
        else:
            head = f.speaker_head
            assert head is not None
            if p.words[head].lemma.lower() in RELATIVE and p.words[head].head >= 0:
                # `Jones, who said …`: the mention is `who`, the speaker the noun it hangs from
                verb = p.words[head].head
                antecedent = p.words[verb].head if p.words[verb].deprel.startswith("acl") else -1
                if antecedent >= 0:
                    sp = self.speaker(Found(f.start, f.end, f.type, f.how, f.cue, f.cue_word, antecedent,
                                            resolution=f.resolution))
                    self.history.pop()
                    w = p.words[head]
                    sp = Speaker(text=w.text, start=w.start, end=w.end, entity=sp.entity, name=sp.name, kind=sp.kind,
                                 role=sp.role, resolution="coreference", confidence=CONFIDENCE["coreference"])
                    self.history.append(sp)
                    return sp
            s, e = cs, ce = mention(p, head)
            cue_at = p.words[f.cue_word].start if f.cue_word is not None else f.start
            full = full_mention(p, head, (min(f.start, cue_at), max(f.end, cue_at + 1)))
            if full is not None and full[0] <= s and e <= full[1]:
                s, e = full
        text, core = p.text[s:e], p.text[cs:ce]  # as written / the noun phrase that names the speaker
        span = p.words_in(s, e if "," not in text else ce)
        last = p.words[span[-1]] if span else None
        if head is not None and last is not None and p.words[head].upos == "PROPN" and last.upos == "NOUN":
            head = last.i  # `Use-of-force experts` parsed with `Use` as head: noun phrases are head-final
        kind = self._kind(head, text)
        resolution = f.resolution if f.resolution != "none" else "explicit"
        name: str | None = core
        if head is not None and p.words[head].upos == "PRON":
            name, kind, how = self._pronoun(p.words[head].lemma.lower(), s)
            resolution = how if resolution != "continuation" else resolution
        elif kind in ("person", "anonymous") and head is not None:
            appos = self._appos_name(head) or self._appos_text(ce) if p.words[head].upos != "PROPN" else None
            if appos:
                kind = "person"
            desc = self._descriptor(head) if appos is None else None
            if appos:
                name, resolution = appos, "apposition" if resolution == "explicit" else resolution
            elif desc:
                name, resolution = desc, "coreference" if resolution == "explicit" else resolution
            elif self.degraded and f.speaker_span is not None:
                words = [t for t in core.split() if not self._is_title(t)]
                name = self._fullest(" ".join(words)) if words else core
            elif p.words[head].upos == "PROPN" or self.degraded:
                name = self._person_name(head) or core
        elif kind == "person":
            words = [t for t in core.split() if not self._is_title(t)]
            name = self._fullest(" ".join(words)) if words else core
        sp = Speaker(text=text, start=s, end=e, name=name, kind=kind, resolution=resolution,
                     confidence=CONFIDENCE[resolution] if name else 0.3)
        sp = self._entity(sp)
        self.history.append(sp)
        return sp

    def _pronoun(self, pron: str, at: int) -> tuple[str | None, str, str]:
        """The nearest compatible antecedent: a speaker of the same paragraph, a named subject of the same
        paragraph, an earlier speaker, an earlier named person — in that order."""
        feats = self.g.pronouns.get(pron, {})
        kinds = feats.get("kinds", ["person"])
        para = self.layout.paragraph_at(at)
        for sp in reversed(self.history):
            if (sp.name and sp.kind in kinds and sp.start is not None and sp.start < at
                    and self.layout.paragraph_at(sp.start) == para and sp.kind != "document"):
                return sp.name, sp.kind, "coreference"
        if "person" in kinds and feats.get("number") == "singular":
            lo = self.layout.paragraphs[para][0] if self.layout.paragraphs else 0
            for w in (self.p.words[i] for i in reversed(self.p.words_in(lo, at)[-300:])):  # the nearest first
                if w.upos == "PROPN" and (w.deprel in ("nsubj", "appos")
                                                                 or self.p.words[w.head].deprel in ("nsubj", "appos")):
                    name = self._person_name(w.i if w.deprel in ("nsubj", "appos") else w.head)
                    if name and self._kind(w.i, name) == "person":
                        return name, "person", "coreference"
        for sp in reversed(self.history):
            if sp.name and sp.kind in kinds and (sp.start or 0) < at and sp.kind != "document":
                if feats.get("number") == "singular" and sp.kind == "group":
                    continue
                return sp.name, sp.kind, "coreference"
        if "person" in kinds and feats.get("number") == "singular":
            earlier = [n for s, n in self.names if s < at]
            if earlier:
                return self._fullest(earlier[-1]), "person", "coreference"
        return None, kinds[0], "none"

    def _entity(self, sp: Speaker) -> Speaker:
        if not sp.name:
            return sp
        role, affiliation = self.roles.role(sp)
        sp = attrs.evolve(sp, role=role)
        key = (sp.kind, self._key(sp.name))
        if key not in self.entity_ids:
            self.entity_ids[key] = f"e{len(self.entity_ids) + 1}"
            self.entities[key] = []
        if sp.start is not None and sp.end is not None and (sp.start, sp.end) not in self.entities[key]:
            self.entities[key].append((sp.start, sp.end))
        self.affiliations.setdefault(key, affiliation)
        return attrs.evolve(sp, entity=self.entity_ids[key])

    @staticmethod
    def _key(name: str) -> str:
        s = name.lower().replace("’", "'")
        s = regex.sub(r"^(the|a|an)\s+", "", s)
        return " ".join(WORD.findall(s))

    def finish(self, quotes: list[Quote]) -> tuple[list[Quote], tuple[Entity, ...]]:
        """Cluster the speakers into entities, give each quote its entity's canonical name and role, and list
        every place the article names each entity.

        Organisations and groups cluster by their distinctive words: one whose words are all in exactly one
        fuller entity's name joins it (`police` and `Stockton police` join `the Stockton Police Department`).
        """
        best: dict[tuple[str, str], Speaker] = {}
        for sp in self.history:
            if sp.name:
                key = (sp.kind, self._key(sp.name))
                if key not in best or len(sp.name) > len(best[key].name or ""):
                    best[key] = sp
        keys = sorted(self.entity_ids, key=lambda k: int(self.entity_ids[k][1:]))
        parent = {k: k for k in keys}
        sig = {k: frozenset(self._key(k[1]).split()) - ORG_FILLER for k in keys}
        for a in keys:
            if a[0] not in ("organization", "group") or not sig[a]:
                continue
            supers = [b for b in keys if b != a and b[0] == "organization" and sig[a] <= sig[b]
                      and (sig[a] != sig[b] or len(b[1]) > len(a[1]))]
            if not supers:
                continue
            top = max(supers, key=lambda b: (len(sig[b]), len(b[1])))
            if all(sig[b] <= sig[top] for b in supers):
                parent[a] = top

        def root(k: tuple[str, str]) -> tuple[str, str]:
            while parent[k] != k:
                k = parent[k]
            return k

        members: dict[tuple[str, str], list[tuple[str, str]]] = {}
        for k in keys:
            members.setdefault(root(k), []).append(k)
        entities: list[Entity] = []
        new_id: dict[tuple[str, str], str] = {}
        for k in keys:
            if root(k) != k:
                continue
            group = members[k]
            name = max((best[m].name or m[1] for m in group if m in best), key=len, default=k[1])
            role = next((best[m].role for m in [k] + group if m in best and best[m].role), None)
            affiliation = next((self.affiliations.get(m) for m in group if self.affiliations.get(m)), None)
            spans = {s for m in group for s in self.entities[m]}
            for m in group:  # every place the article names it, not only where it speaks
                spans.update(self.roles.occurrences(best[m].name) if m in best and best[m].name else [])
            eid = f"e{len(entities) + 1}"
            entities.append(Entity(id=eid, name=name, kind=k[0], role=role, affiliation=affiliation,
                                   mentions=tuple(sorted(spans))))
            for m in group:
                new_id[m] = eid
        by_id = {e.id: e for e in entities}
        out = []
        for q in quotes:
            sp = q.speaker
            key = (sp.kind, self._key(sp.name)) if sp.name else None
            if key in new_id:
                ent = by_id[new_id[key]]
                sp = attrs.evolve(sp, entity=ent.id, name=ent.name, role=ent.role or sp.role)
            out.append(attrs.evolve(q, speaker=sp))
        return out, tuple(entities)
