"""Small questions asked of a parse: the subject of a verb, the extent of a mention, the content of a clause.

These are the few places that know Universal Dependencies labels; finders and attribution call them.
"""

from __future__ import annotations

import attrs

from .grammar import Grammar, stem
from .parse import Parse

SUBJECT = ("nsubj", "csubj")
MENTION_DEPS = {"det", "amod", "compound", "flat", "nmod:poss", "nummod", "fixed", "goeswith", "case",
                "det:poss", "nmod", "obl:npmod", "nmod:npmod", "compound:prt", "advmod", "cc", "conj"}
CLIMB = {"xcomp", "advcl", "conj", "acl:relcl", "acl"}
PUNCT = set(".,;:!?\"'“”‘’()[]{}—–-…")


def mend_lemmas(p: Parse, grammar: Grammar) -> Parse:
    """A cue verb the lemmatizer mangled (`shouted` as `shoute`, `quipped` as `quipp`) gets its lemma back: a
    verb whose lemma is no cue verb but shares its form's stem with exactly one cue verb."""
    mended = {}
    for w in p.words:
        if w.upos == "VERB" and w.lemma.lower() not in grammar.cue_class and not w.text.endswith("ing"):
            # (an -ing form the lemmatizer left whole is a noun's as often: `fired without warning`)
            lemma = grammar.cue_stems.get(stem(w.text))
            if lemma is not None and stem(w.lemma) == stem(w.text):
                mended[w.i] = attrs.evolve(w, lemma=lemma)
    return attrs.evolve(p, words=tuple(mended.get(w.i, w) for w in p.words)) if mended else p


def is_cue_verb(p: Parse, v: int, grammar: Grammar) -> bool:
    """An active, un-negated verb of the cue lexicon (`rarely granted`, `is alleged to` report no one's words);
    an evidence verb (`shows`) only with a subject of the grammar's evidence list (`a poll shows`)."""
    w = p.words[v]
    cls = grammar.cue_class.get(w.lemma.lower())
    if cls is None or is_passive(p, v) or is_negated(p, v, grammar):
        return False
    frame = grammar.framed.get(w.lemma.lower())
    if frame is not None:
        return in_frame(p, v, frame, grammar)
    if w.upos != "VERB" and not (w.upos == "NOUN" and _mistagged_cue(p, v, grammar)):
        return False
    if cls == "evidence":
        s = subject(p, v, grammar)
        return s is not None and p.words[s].lemma.lower() in grammar.evidence_subjects
    return True


def in_frame(p: Parse, v: int, frame: str, grammar: Grammar) -> bool:
    """A framed cue (cues.toml [framed]) in its frame: `the letter reads` (a document subject; the tagger often
    makes `reads` a noun with the document as its compound), `as one senator put it` (`as`, and `it` its object)."""
    w, kids = p.words[v], [p.words[c] for c in p.children[v]]
    if frame == "as it":  # the frame's own words: its mark, then its object
        mark, obj = frame.split()
        return w.upos == "VERB" and any(k.deprel == "obj" and k.lemma.lower() == obj for k in kids) and any(
            k.deprel == "mark" and k.lemma.lower() == mark for k in kids)
    documents = grammar.statement_nouns | grammar.kinds.get("document", frozenset())
    if w.upos == "VERB":
        s = subject(p, v, grammar, climb=0)
        return s is not None and p.words[s].lemma.lower() in documents
    before = p.words[v - 1] if v > 0 else None  # `the letter reads` as noun + noun
    return (w.upos == "NOUN" and w.text.lower() != w.lemma.lower() and before is not None and before.head == v
            and before.deprel in ("compound", "nsubj") and before.lemma.lower() in documents)


def _mistagged_cue(p: Parse, v: int, grammar: Grammar) -> bool:
    """An inflected cue form tagged as a noun (`The lawsuit alleges that …`, `“…,” the police report states.`):
    right before `that` and a clause, or heading a subject and a reported clause, with no copula."""
    w = p.words[v]
    if not (w.text.lower().endswith(("s", "ed")) and w.text.lower() != w.lemma.lower()):
        return False
    nxt = p.words[v + 1] if v + 1 < len(p.words) else None
    if nxt is not None and nxt.lemma.lower() in grammar.complementizers and nxt.sent == w.sent:
        return True
    return bool(p.kids(v, "nsubj") and p.kids(v, "ccomp", "parataxis") and not p.kids(v, "cop"))


CLOSERS = frozenset("”\"’'»›")


def is_passive(p: Parse, v: int) -> bool:
    """A passive verb: `was told`, `the man shot by police`; not one the tagger called passive that has an
    active subject or, finite, no passive auxiliary or subject (`“…,” a release from his attorney stated`),
    nor a participle with neither right after a quotation's closing mark (`“…,” added Tom Reyes`: the
    inverted cue, its subject after it)."""
    w = p.words[v]
    if "Voice=Pass" not in w.feats or any(p.words[c].deprel == "nsubj" for c in p.children[v]):
        return False  # an active subject: `“…,” the court papers stated` tagged as a participle
    marked = bool(p.kids(v, "aux:pass", "nsubj:pass"))
    if not marked and p.text[max(0, w.start - 4):w.start].rstrip()[-1:] in CLOSERS:
        return False
    return "VerbForm=Fin" not in w.feats or marked


def is_negated(p: Parse, v: int, grammar: Grammar) -> bool:
    """A verb with a negation of the grammar (stance.toml) as its modifier before it: `did not say`, `never
    said`. A negation after the verb, or punctuation away before it, is not its own (`wrote, “Probably not.”`
    and `“Probably not,” Ames said` hang the quote's `not` on it)."""
    return any(p.words[c].lemma.lower() in grammar.stance.negation and p.words[c].deprel in ("advmod", "neg", "det")
               and c < v and not any(p.words[k].upos == "PUNCT" for k in range(c + 1, v)) for c in p.children[v])


def subject(p: Parse, v: int, grammar: Grammar, climb: int = 2, skip: frozenset[str] = frozenset()) -> int | None:
    """The speaker-like subject of verb v: its nsubj, or that of the verb it hangs from (`recorded as saying`,
    `told him ... and said`), or, for `X was told`, the agent. A relative pronoun gives the noun it modifies."""
    w = p.words[v]
    subs = [c for c in p.children[v] if p.words[c].deprel in ("nsubj", "nsubj:outer")
            and p.words[c].lemma.lower() not in skip]  # `… last month says`: the grammar's not_speakers
    if subs:
        before = [c for c in subs if c < v]  # `The new policy, the chief said, …`: the nearest one before
        s = max(before) if before else min(subs)
        return s
    agents = [c for c in p.children[v] if p.words[c].deprel == "obl:agent"]
    if agents:
        return agents[0]
    passive = [c for c in p.children[v] if p.words[c].deprel == "nsubj:pass"]
    if passive:  # `he was recorded as saying` climbs to here from `saying`; `X was told` is the hearer
        return passive[0] if climb < 2 else None
    if climb > 0 and w.deprel in CLIMB and w.head >= 0:
        if w.deprel.startswith("acl"):  # `the man who said`: resolve reads the noun from `who`; a finite verb
            finite = w.deprel == "acl" and "VerbForm=Fin" in w.feats  # on a noun is that noun's (`a release … stated`)
            if not finite and _issued(p, w.head, grammar):  # `issued a statement saying`: the issuer's words
                return subject(p, p.words[w.head].head, grammar, 0, skip)
            return w.head if finite and p.words[w.head].upos in ("NOUN", "PROPN") and w.head < v else None
        found = subject(p, w.head, grammar, climb - 1, skip)
        if found is not None:
            return found
    if climb < 2:
        return None
    found = nearby_subject(p, v, grammar)
    if found is None and ("VerbForm=Ger" in w.feats or "VerbForm=Part" in w.feats):
        # `…, the finance director said, adding …`: a participle shares the subject of the verb before it
        first = p.sentences[w.sent].first
        for i in range(v - 1, first - 1, -1):
            subs = [c for c in p.children[i] if p.words[c].deprel == "nsubj"] if p.words[i].upos == "VERB" else []
            if subs and "VerbForm=Fin" in p.words[i].feats:
                return subs[0]
    return found


def is_expletive(p: Parse, i: int, grammar: Grammar) -> bool:
    """A subject that stands for no one (`it is said that`, `there were reports`): a word of the grammar's
    expletives not parsed as a verb's own subject (`It claims …` of a lawsuit, `it attacked …` of a paper speak)."""
    return p.words[i].lemma.lower() in grammar.expletives and p.words[i].deprel != "nsubj"


def _issued(p: Parse, n: int, grammar: Grammar) -> bool:
    """A statement noun of the grammar that is the object of a statement verb (`issued a statement`, `released
    a letter`): what a participle on it says (`saying …`) is the issuer's, not the words of whoever found it."""
    w = p.words[n]
    return (w.upos == "NOUN" and w.lemma.lower() in grammar.statement_nouns and w.deprel == "obj" and w.head >= 0
            and p.words[w.head].lemma.lower() in grammar.statement_verbs)


PASSABLE = ("ADP", "SCONJ", "ADV", "AUX", "PART")


def nearby_subject(p: Parse, v: int, grammar: Grammar) -> int | None:
    """A subject by position, for parses that lost it (`Lester responded by saying`): the nearest noun or
    pronoun to the left of v in its clause, passing over function words and the verbs v hangs from."""
    ancestors = set()
    h = p.words[v].head
    while h >= 0 and len(ancestors) < 4:
        ancestors.add(h)
        h = p.words[h].head
    first = p.sentences[p.words[v].sent].first
    for i in range(v - 1, max(first, v - 6) - 1, -1):
        x = p.words[i]
        if x.upos in ("PROPN", "NOUN", "PRON") and x.lemma.lower() not in grammar.relative and x.lemma.lower() not in grammar.expletives:
            return i
        if i == v - 1 and i > first and x.upos == "ADJ" and p.words[i - 1].upos == "DET":
            return i  # `The lawsuit alleges` with the noun tagged as an adjective
        if x.upos in PASSABLE or i in ancestors:
            continue
        return None
    return None


def mention(p: Parse, head: int, grammar: Grammar) -> tuple[int, int]:
    """Character span of the noun phrase headed by `head`: determiners, modifiers, compounds, flat names and
    possessors, but not appositions, relative clauses or anything across a comma."""
    keep = {head}
    stack = [head]
    while stack:
        j = stack.pop()
        for c in p.children[j]:
            rel = p.words[c].deprel
            if rel in MENTION_DEPS or rel.split(":")[0] in ("compound", "flat"):
                if rel in ("nmod", "conj", "cc", "advmod") and j != head:
                    continue
                if rel == "nmod" and not any(p.words[k].lemma.lower() in grammar.genitives for k in p.children[c]):
                    continue
                if rel in ("conj", "cc", "advmod"):
                    continue
                if rel == "amod":  # `a person familiar with the investigation`
                    keep.update(k for k in p.subtree(c) if p.words[k].text not in PUNCT)
                    continue
                keep.add(c)
                stack.append(c)
    lo = hi = head
    while lo - 1 in keep and p.words[lo - 1].text not in PUNCT:
        lo -= 1
    while hi + 1 in keep and p.words[hi + 1].text not in PUNCT and p.words[hi + 1].lemma.lower() not in \
            grammar.not_speakers:  # `said Lena Marsh Tuesday`: the time is no part of the name
        hi += 1
    while lo < head and p.words[lo].upos in ("ADP", "CCONJ", "PUNCT"):
        lo += 1
    return p.words[lo].start, p.words[hi].end


def full_mention(p: Parse, head: int, avoid: tuple[int, int], limit: int = 30,
                 times: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """The whole subject as written, appositions and relative clauses included (`Jeffrey N. Trimble, a senior
    official with the board that oversees them`), without a time word hung at its end (`times`: `said Lena
    Marsh Tuesday`); None when it would reach into `avoid` (the quote, the cue) or is not one contiguous run of
    at most `limit` words."""
    idx = p.subtree(head)
    while idx and (p.words[idx[-1]].upos == "PUNCT" or idx[-1] != head and p.words[idx[-1]].lemma.lower() in times):
        idx = idx[:-1]
    while idx and p.words[idx[0]].upos in ("PUNCT", "CCONJ"):
        idx = idx[1:]
    if not idx or len(idx) > limit or idx[-1] - idx[0] + 1 != len(idx):
        return None
    s, e = p.words[idx[0]].start, p.words[idx[-1]].end
    if s < avoid[1] and avoid[0] < e:
        return None
    return s, e


def contiguous(p: Parse, idx: list[int], anchor: int) -> list[int]:
    """The run of consecutive word indices in idx that contains anchor."""
    s = set(idx)
    lo = hi = anchor
    while lo - 1 in s:
        lo -= 1
    while hi + 1 in s:
        hi += 1
    return list(range(lo, hi + 1))


def trim(p: Parse, idx: list[int], grammar: Grammar, marks: tuple[str, ...] = ("mark",)) -> list[int]:
    """Drop leading complementizers (`that`) and punctuation, and trailing punctuation."""
    while idx and (p.words[idx[0]].deprel in marks and p.words[idx[0]].lemma.lower() in grammar.complementizers
                   and len(idx) > 1 or p.words[idx[0]].upos == "PUNCT" and p.words[idx[0]].text not in "“\"‘'"
                   or p.words[idx[0]].deprel == "cc"):
        idx = idx[1:]
    while idx and p.words[idx[-1]].upos == "PUNCT" and p.words[idx[-1]].text not in "”\"’'":
        idx = idx[:-1]
    return idx
