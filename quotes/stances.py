"""Stance: does a statement support, oppose or stay neutral toward a claim — and which claim a quote is about.

Both sides are read from the parse. A `Reading` is a stretch of parsed words (a quote's content, a headline,
a claim) reduced to what stance needs: its content words under their `[related]` key, its predicate, the
negations with the words they govern, refuting and hedging words, evaluative polarity and whether it only
reports what others say. `judge` compares a statement's reading with a claim's:

- the statement starts from supporting the claim it shares words with;
- each negation whose scope holds claim words (or a refuting or evaluative word), each refuting word, each
  antonym of a claim word, and an evaluation opposite to the claim's own flips that polarity;
- a hedged, questioning or merely reporting statement takes no side unless it refutes the claim;
- the quote's cue class adds its effect (`denied` opposes what follows, `asked` takes no side).

`assign` picks the claim a quote bears on by rarity-weighted overlap of content words, with extra weight for
the claim's predicate, then by the claim's predicate or participants, then by the speaker's side in the case;
a quote that shares nothing with any claim and judges nothing stays unlinked. A speaker with a side speaks
for it where the quote does not speak to the claim's predicate.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import attrs
import regex

from .claims import MAX_CLAIM_CHARS
from .grammar import Grammar, StanceLexicon, stem
from .limits import DocTimeout, budget, time_limit
from .model import PARTIES, Claim, Document, Quote, Stance
from .parse import Parse, Parser, Word

ACCUSED, VICTIM, _ = PARTIES
CONTENT = frozenset({"NOUN", "PROPN", "VERB", "ADJ", "NUM", "ADV"})
WORD = regex.compile(r"\w+")
EDGES = "\"'“”‘’()[]{},.;:!?"  # punctuation a tokenizer splits off a word's ends

@attrs.frozen
class Reading:
    text: str
    keys: frozenset[str]  # content words under their [related] key
    lemmas: frozenset[str]  # the stems of every word (of lemma and text)
    predicate: frozenset[str]  # keys of the main predicate (root and its conjuncts)
    flips: tuple[str, ...]  # evidence of each polarity flip
    hedges: tuple[str, ...]
    reported: tuple[str, ...]  # reporting verbs or attribution that make it hearsay
    question: bool
    evaluation: int  # +1 / -1 / 0: the polarity of the main predicate
    negated: bool  # its own predicate is negated (for claims: "Smith was not armed")
    negated_keys: frozenset[str]  # keys of the words its negations govern ("hands up, don't shoot")
    proposition: bool = False  # its main predicate has a subject: a statement, not a command or a fragment
    names: frozenset[str] = frozenset()  # keys of its proper names: the participants it is about
    disapproves: bool = False  # its predicate is a negative evaluation of the claim's own predicate
    evaluated: frozenset[str] = frozenset()  # stems of what its predicate is said of: subject and complements
    agent: frozenset[str] = frozenset()  # keys of the names in its predicate's subject: who did it
    way: int | None = None  # its direction in the document's case, once the case's parties are known


MAX_STATEMENT_CHARS = 10_000  # a statement judged apart (a quote, a headline) is parsed whole


def too_long(statement: str, claim: str) -> str | None:
    """What is wrong with a statement-claim pair too long to judge as one (parsed whole, each costs memory
    that grows with its length), or None."""
    if len(statement) > MAX_STATEMENT_CHARS:
        return (f"the statement has {len(statement):,} characters; one judged apart has at most "
                f"{MAX_STATEMENT_CHARS:,} (extract quotes from a longer text with `quotes extract --claims`)")
    if len(claim) > MAX_CLAIM_CHARS:
        return f"the claim has {len(claim):,} characters; a claim has at most {MAX_CLAIM_CHARS:,}"
    return None


def _lemma(p: Parse, i: int) -> str:
    w = p.words[i]
    return (w.lemma or w.text).lower()


def _content(p: Parse, i: int, lex: StanceLexicon) -> bool:
    """A word that tells what a text is about: its keys are what statements and claims are matched by."""
    lm = _lemma(p, i)
    return p.words[i].upos in CONTENT and lm not in lex.light and lm not in lex.negation and len(lm) > 1


def _forms(p: Parse, i: int) -> set[str]:
    """The stems a word may match under: of its lemma and of its text (the lemmatizer can be wrong)."""
    w = p.words[i]
    return {stem(w.lemma or w.text), stem(w.text)}


def _active(p: Parse, idx: list[int], lemmas: dict[int, str], forms: dict[int, set[str]],
            keyed: dict[int, set[str]], content: set[int], lex: StanceLexicon, claim: Reading | None) -> list[int]:
    """What follows the last contrast word decides ("no evidentiary value, but … emotional value"), when it
    bears on the claim; otherwise what comes before it does ("it isn't by Banksy, but it's striking")."""
    for i in reversed(idx):
        if lemmas[i] in lex.contrast and p.words[i].deprel in ("cc", "mark", "advmod") and i != idx[-1]:
            tail = [j for j in idx if j > i]
            bears = claim is None or any(keyed[j] & claim.keys or forms[j] & lex.refute
                                         or any(lex.polarity(f) for f in forms[j]) for j in tail if j in content)
            return tail if bears else [j for j in idx if j < i]
    return idx


def _flips(p: Parse, active: list[int], inside: set[int], lemmas: dict[int, str], forms: dict[int, set[str]],
           keyed: dict[int, set[str]], content: set[int], lex: StanceLexicon, claim: Reading | None
           ) -> tuple[list[str], set[str]]:
    """The evidence of each polarity flip (negations that reach the claim, refuting words, antonyms of claim
    words, refuting idioms), and the keys of the words the negations govern."""
    claim_forms = claim.lemmas if claim else frozenset()
    claim_words = claim_forms | claim.keys if claim else frozenset()
    flips: list[str] = []
    cancelled: set[int] = set()  # refuting words under a negation: "is no hoax", "not fake"
    negated_keys: set[str] = set()
    for i in active:
        if lemmas[i] not in lex.negation and p.words[i].text.lower() not in lex.negation:
            continue
        head = p.words[i].head if p.words[i].head in inside else i
        negated_keys.update(keyed[head])
        scope = [j for j in _scope(p, head) if j in inside and j != i]
        if forms[head] & lex.refute:
            cancelled.add(head)
        elif claim is not None and keyed[head] & claim.negated_keys:
            continue  # the claim negates it too
        elif (claim is None or any(keyed[j] & claim.keys for j in scope if j in content)
              or any(lex.polarity(f) or f in lex.antonyms for j in scope for f in forms[j])):
            flips.append(f"{p.words[i].text} {p.words[head].text}" if head != i else p.words[i].text)
    base = p.words[active[0]].start if active else 0
    idle = [m.span() for pat in lex.not_refuting  # "beyond a reasonable doubt"
            for m in pat.finditer(p.text, base, p.words[active[-1]].end if active else 0)]
    for i in active:
        if i in cancelled or forms[i] & claim_forms or any(a <= p.words[i].start < b for a, b in idle):
            continue
        if forms[i] & lex.refute or any(lex.antonyms.get(f, frozenset()) & claim_words for f in forms[i]):
            flips.append(p.words[i].text)
    span = p.text[p.words[active[0]].start:p.words[active[-1]].end] if active else ""
    flips.extend(m.group(0) for pat in lex.refute_phrases for m in pat.finditer(span))
    return flips, negated_keys


def _evaluation(p: Parse, main: int | None, active: list[int], inside: set[int], forms: dict[int, set[str]],
                lex: StanceLexicon) -> int:
    """The main predicate's polarity, else that of the first evaluative word close under it that is not a
    mere modifier ("make it difficult to get a fair trial" is negative; the tagger may miss the predicate)."""
    act = set(active)
    first = [main, *p.kids(main, "xcomp", "ccomp")] if main is not None else []
    near = [j for j in active if p.words[j].deprel != "amod" and _depth(p, j, main, inside) <= 2]
    for j in first + near:
        if j in act and (evaluation := max((lex.polarity(f) for f in forms[j]), key=abs)):
            return evaluation
    return 0


def keys_of(p: Parse, idx: Iterable[int], lex: StanceLexicon) -> frozenset[str]:
    """The keys of `read(p, idx, …)` alone, for the many texts (every sentence) that only weigh words."""
    return frozenset(lex.key(f) for i in idx if _content(p, i, lex) for f in _forms(p, i))


def read(p: Parse, idx: Sequence[int], grammar: Grammar, claim: Reading | None = None) -> Reading:
    """Read the words `idx` of a parse; given the claim, a negation counts only where it reaches the claim."""
    lex = grammar.stance
    idx = sorted(idx)
    inside = set(idx)
    text = p.text[p.words[idx[0]].start:p.words[idx[-1]].end] if idx else ""
    lemmas = {i: _lemma(p, i) for i in idx}
    forms = {i: _forms(p, i) for i in idx}
    claim_forms = claim.lemmas if claim else frozenset()
    content = {i for i in idx if _content(p, i, lex)}
    keyed = {i: {lex.key(f) for f in forms[i]} for i in idx}
    roots = [i for i in idx if p.words[i].head not in inside]
    top = [r for r in roots if p.words[r].upos in ("VERB", "ADJ", "NOUN", "PROPN", "AUX")] or roots
    main = top[0] if top else None
    predicate = set()
    if main is not None:
        predicate.add(lex.key(stem(lemmas[main])))
        predicate.update(lex.key(stem(lemmas[c])) for c in p.kids(main, "conj", "xcomp") if c in inside)
    active = _active(p, idx, lemmas, forms, keyed, content, lex, claim)
    flips, negated_keys = _flips(p, active, inside, lemmas, forms, keyed, content, lex, claim)
    hedges = tuple(p.words[i].text for i in active if lex.hedges(forms[i], p.words[i].upos, _predicate(p, i, inside))
                   and not forms[i] & claim_forms and not _first_person(p, i, grammar) and not _dated(p, i, grammar))
    reported = tuple(p.words[i].text for i in active if _reports(p, i, inside, grammar, forms[i] - claim_forms))
    reported += _sources(p, idx, grammar)
    negated = main is not None and any(lemmas.get(c) in lex.negation for c in p.kids(main))
    said_of = p.kids(main, "nsubj", "nsubj:pass", "csubj", "xcomp", "ccomp") if main is not None else []
    evaluated = frozenset(f for c in said_of for j in p.subtree(c) if j in inside for f in forms[j])
    agent = frozenset(k for c in (p.kids(main, "nsubj") if main is not None else []) for j in p.subtree(c)
                      if j in inside and p.words[j].upos == "PROPN" for k in keyed[j])
    disapproves = claim is not None and any(  # a disapproving word over the claim's predicate
        forms[i] & lex.disapproval and p.words[i].deprel != "amod" and p.words[i].upos != "PROPN"
        and any(keyed[j] & claim.predicate for j in p.subtree(i) if j in inside and j != i)
        for i in active)
    return Reading(text=text, keys=frozenset(k for i in content for k in keyed[i]),
                   lemmas=frozenset(f for fs in forms.values() for f in fs),
                   predicate=frozenset(predicate), flips=tuple(flips), hedges=hedges, reported=reported,
                   question=_asks(p, idx, claim, keyed), evaluation=_evaluation(p, main, active, inside, forms, lex),
                   negated=negated, negated_keys=frozenset(negated_keys),
                   proposition=main is not None and bool([c for c in p.kids(main, "nsubj", "csubj") if c in inside]),
                   names=frozenset(k for i in content if p.words[i].upos == "PROPN" for k in keyed[i]),
                   disapproves=disapproves, evaluated=evaluated, agent=agent)


OUT_OF_SCOPE = frozenset({"conj", "advcl", "parataxis", "discourse", "vocative", "punct",
                          "list", "dislocated", "reparandum"})


def _scope(p: Parse, head: int) -> list[int]:
    """What a negation of `head` denies: the head with its arguments and modifiers, not
    the clauses beside it or a condition on it ("never funny unless …", "not missing, just having surgery")."""
    return p.subtree(head, exclude=[c for c in p.kids(head) if p.words[c].deprel.split(":")[0] in OUT_OF_SCOPE])


def _asks(p: Parse, idx: Sequence[int], claim: Reading | None, keyed: dict[int, set[str]]) -> bool:
    """A question about the claim: a stretch ending in "?" that holds claim words (any, without a claim), and
    no later statement that holds them too ("That Lego letter? It's real" answers its question)."""
    def about(stretch: list[int]) -> bool:
        return claim is None or any(keyed[j] & claim.keys for j in stretch)

    asked = False
    stretch: list[int] = []
    for i in [*idx, None]:  # None: the end, which closes the last stretch
        if i is not None and p.words[i].text not in (".", "!", ";", "?"):
            stretch.append(i)
            continue
        if i is not None and p.words[i].text == "?":
            asked = asked or about(stretch) or i == idx[-1]
        elif asked and stretch and about(stretch):
            asked = False
        stretch = []
    return asked


def _dated(p: Parse, i: int, grammar: Grammar) -> bool:
    """A month spelt as a hedge ([hedge] months), in a date: "stopped him in May", "on May 3"."""
    w = p.words[i]
    before, after = p.words[i - 1] if i else None, p.words[i + 1] if i + 1 < len(p.words) else None
    return w.upos == "PROPN" and w.text.lower() in grammar.stance.months and (
        (before is not None and before.upos == "ADP") or (after is not None and after.upos == "NUM"))


def _predicate(p: Parse, i: int, inside: set[int]) -> bool:
    """Word i is what its clause says: the top of the stretch, or a word with a subject ("X is a suspect")."""
    return p.words[i].head not in inside or bool(p.kids(i, "nsubj"))


def _depth(p: Parse, j: int, top: int | None, inside: set[int]) -> int:
    """How many heads up from word j to `top` (a large number when `top` is not above it)."""
    n = 0
    while j != top and j in inside and n < 50:
        j, n = p.words[j].head, n + 1
    return n if j == top else 99


def _first_person(p: Parse, i: int, grammar: Grammar) -> bool:
    """"I think", "we believe": the speaker's own view, not hearsay."""
    return any(_lemma(p, c) in grammar.first_person for c in p.kids(i, "nsubj"))


def _reports(p: Parse, i: int, inside: set[int], grammar: Grammar, forms: set[str]) -> bool:
    """A reporting verb at the top of the statement with a third-party subject: "Cuba says …", "…, police said"."""
    w = p.words[i]
    lex = grammar.stance
    classes = {lex.cue_class.get(f) for f in forms}
    if (not classes & lex.hearsay_classes or forms & lex.commit_verbs
            or (w.upos != "VERB" and w.text.lower() not in lex.hearsay_forms)):  # capitals mislead the tagger
        return False
    objects = p.kids(i, "obj", "iobj")
    if objects and not p.kids(i, "ccomp", "parataxis", "xcomp") and (
            _lemma(p, i) in grammar.hearer_verbs
            or any(_lemma(p, o) in grammar.kinds.get("document", ()) for o in objects)):
        return False  # it reports no statement: "writes a letter", "never told the swimmer"
    j = i
    while j in inside:  # not inside a modifier: "the man who said …", "suspended for saying …"
        if p.words[j].deprel.split(":")[0] in ("acl", "advcl", "amod", "nmod", "obl", "xcomp", "csubj"):
            return False
        j = p.words[j].head
    return not _first_person(p, i, grammar) and not _about_self(p, i, grammar)




def _about_self(p: Parse, i: int, grammar: Grammar) -> bool:
    """"A man says his ringtone saved him": the speaker tells of what happened to them, a first-hand account."""
    said = p.kids(i, "ccomp")
    return bool(said) and any(_lemma(p, j) in grammar.self_words for j in p.kids(said[0], "nsubj", "nsubj:pass"))


def _sources(p: Parse, idx: Sequence[int], grammar: Grammar) -> tuple[str, ...]:
    """A headline's source set off by a colon or a dash: "Police: …", "…: CNN", "… -- analyst"."""
    def speaker_like(w: Word, names: bool) -> bool:
        low = w.text.lower().rstrip(".")
        kinds = ("organization", "group", "anonymous")
        return (low in grammar.titles or any(low in grammar.kinds.get(k, ()) for k in kinds)
                or (names and w.upos == "PROPN" and w.text.isalpha()))  # not a web address

    out = []
    marks = [n for n, i in enumerate(idx) if (p.words[i].text == ":" and not p.text[p.words[i].end:p.words[i].end + 1]
                                              .strip()) or (  # not "http:"
        p.words[i].text in ("--", "-", "\u2013", "\u2014") and p.text[p.words[i].start - 1:p.words[i].start].isspace())]
    def rubric(part: Sequence[int]) -> bool:  # "Breaking News:", "-- Details": labels of a headline, not sources
        return any(p.words[i].text.lower() in grammar.stance.rubrics for i in part)

    if (marks and 0 < marks[0] <= 4 and p.words[idx[marks[0]]].text == ":"
            and speaker_like(p.words[idx[marks[0] - 1]], False) and not rubric(idx[:marks[0]])):
        out.append(p.text[p.words[idx[0]].start:p.words[idx[marks[0]]].end])
    tail = [i for i in idx[marks[-1] + 1:] if p.words[i].upos != "PUNCT"] if marks else []
    if 0 < len(tail) <= 3 and speaker_like(p.words[tail[-1]], True) and not rubric(tail):
        out.append(p.text[p.words[idx[marks[-1]]].start:p.words[tail[-1]].end])
    return tuple(out)


def features(stmt: Reading, claim: Reading, grammar: Grammar) -> dict[str, float]:
    """The statement's evidence toward the claim (grammar.FEATURES), apart from its cue: whether it refutes it
    (negations and refuting words that reach it, an opposite evaluation, disapproval — turned by a negated
    claim), how many such signals, its hedges, hearsay and questions, and how much of the claim it covers."""
    lex = grammar.stance
    evaluation = bool(stmt.evaluation and claim.evaluation and stmt.evaluation != claim.evaluation)
    negated = claim.negated and bool(claim.negated_keys & stmt.keys)
    refutes = (bool(stmt.flips) or evaluation) ^ negated ^ stmt.disapproves
    claim_reports = any(lex.cue_class.get(k) in lex.hearsay_classes for k in claim.predicate)
    return {"bias": 1.0, "refutes": float(refutes), "signals": min(len(stmt.flips) + evaluation, 3) / 3,
            "hedged": float(bool(stmt.hedges)), "hedges": min(len(stmt.hedges), 3) / 3,
            "reported": float(bool(stmt.reported) and not claim_reports), "question": float(stmt.question),
            "coverage": len(stmt.keys & claim.keys) / max(1, len(claim.keys)),
            "predicate": float(bool(claim.predicate & stmt.keys)), "proposition": float(stmt.proposition)}


def decide(f: dict[str, float], evidence: int, grammar: Grammar) -> tuple[str, float]:
    """The label of the statement's content: by the learned weighting where the grammar has one, else by the
    rule — a refuting statement opposes, a hedged, reported or questioning one that does not refute takes no
    side, the others support."""
    weights = grammar.stance.weights
    if weights:
        scores = {label: sum(w.get(k, 0.0) * v for k, v in f.items()) for label, w in weights.items()}
        top = max(scores.values())
        total = sum(math.exp(v - top) for v in scores.values())
        label = max(scores, key=lambda k: scores[k])
        return label, round(1 / total, 2)
    if not f["refutes"] and (f["hedged"] or f["reported"] or f["question"]):
        return "neutral", 0.5
    return ("oppose" if f["refutes"] else "support"), round(min(1.0, 0.6 + 0.1 * evidence), 2)


def judge(stmt: Reading, claim: Reading, cue_class: str | None, grammar: Grammar) -> Stance:
    """The statement's stance toward the claim (the caller has decided that the statement bears on it).

    Signals against the claim reinforce each other ("NOT dead: death hoax"); a negated claim ("the battery
    doesn't last a day") is turned around only by a statement that has its negated predicate; disapproval of
    the claim's predicate turns the statement's polarity; a claim that is itself a report ("a priest says he
    met God") is supported by the same report. The cue decides last: a denying cue turns what the content
    says, an asking one takes no side."""
    effect = grammar.stance.cue_effect.get(cue_class or "", "")
    evaluation = bool(stmt.evaluation and claim.evaluation and stmt.evaluation != claim.evaluation)
    evidence = [*([f"cue:{cue_class}"] if effect else []), *stmt.flips, *(["evaluation"] if evaluation else []),
                *(["disapproves"] if stmt.disapproves else [])]
    if effect == "neutral":
        return Stance("neutral", 0.5, tuple(evidence))
    f = features(stmt, claim, grammar)
    label, score = decide(f, len(evidence), grammar)
    hedging = [*stmt.hedges, *(stmt.reported if f["reported"] else ()), *(["?"] if stmt.question else [])]
    if effect == "oppose":  # "denied that …": what the content asserts is denied, what it refutes asserted
        label = ("neutral" if hedging else "support") if label == "oppose" else "oppose"
        score = max(score, 0.7)
    return Stance(label, score, tuple(evidence + (hedging if label == "neutral" else [])))


def no_comment(text: str, grammar: Grammar) -> str | None:
    for pat in grammar.stance.no_comment:
        if found := pat.search(text):
            return found.group(0)
    return None


def weights(readings: Sequence[frozenset[str]]) -> dict[str, float]:
    """Rarity of each key over a set of texts (the document's sentences and the claims): log(1 + N/df)."""
    df = Counter(k for keys in readings for k in keys)
    n = len(readings)
    return {k: math.log(1 + n / c) for k, c in df.items()}


def overlap(stmt: frozenset[str], claim: Reading, weight: dict[str, float]) -> float:
    """How much of the claim the statement covers, 0..1; the claim's predicate counts twice."""
    total = got = 0.0
    for k in claim.keys:
        w = weight.get(k, 1.0) * (2 if k in claim.predicate else 1)
        total += w
        if k in stmt:
            got += w
    return got / total if total else 0.0


@attrs.frozen
class ClaimReading:
    claim: Claim
    readings: tuple[Reading, ...]  # of its text and of each alias
    keywords: frozenset[str]  # stems of its keywords: each one met counts as a shared word


def read_claim(claim: Claim, parses: Sequence[Parse], grammar: Grammar) -> ClaimReading:
    """`parses`: the claim's text and then each alias, parsed."""
    return ClaimReading(claim, tuple(read(p, range(len(p.words)), grammar) for p in parses if p.words),
                        _keywords(claim, grammar.stance))


def unread(claim: Claim, grammar: Grammar) -> ClaimReading:
    """A claim that shares no word with the document: nothing of it can be matched, so it is not parsed."""
    return ClaimReading(claim, (), _keywords(claim, grammar.stance))


def _keywords(claim: Claim, lex: StanceLexicon) -> frozenset[str]:
    return frozenset(lex.key(stem(w)) for k in claim.keywords for w in k.split())


def bearing(claims: Sequence[Claim], p: Parse, grammar: Grammar) -> set[Claim]:
    """The claims that share a word with the document's content words, as `assign` matches them (the stem of a
    form or lemma, through [related] and antonyms), read off the claims' own words before any parse: only
    these can be linked to one of its quotes."""
    lex = grammar.stance
    keys = {lex.key(f) for i in range(len(p.words)) if _content(p, i, lex) for f in _forms(p, i)}
    keys |= {a for k in keys for a in lex.antonyms.get(k, ())}
    return {c for c in claims if any(lex.key(stem(w)) in keys for t in (c.text, *c.aliases, *c.keywords)
                                     for token in t.split() for w in (token.strip(EDGES), *WORD.findall(token)))}


LINK_THRESHOLD = 0.3  # share of the claim's weighted words a quote must cover to bear on it


def direction(claim: Reading, grammar: Grammar, parties: Mapping[str, str] | None = None) -> int:
    """+1 for a claim that accuses the accused of its case, -1 for one that defends them, 0 for neither: by its
    words, else by who did what (`parties`: the case's parties by the keys of their names) — the accused using
    force accuses them, the victim attacking or resisting defends them."""
    if claim.way is not None:
        return claim.way
    lex = grammar.stance
    said_of = len(claim.evaluated & lex.accusing) - len(claim.evaluated & lex.exculpating)
    turn = -1 if claim.negated else 1
    if said_of and claim.predicate & lex.reversing:  # "the conviction should be overturned" defends
        return -turn * ((said_of > 0) - (said_of < 0))
    if claim.evaluation and said_of:  # an evaluation of an outcome: "the settlement was excessive" defends
        return turn * claim.evaluation * ((said_of > 0) - (said_of < 0))
    score = len(claim.lemmas & lex.accusing) - len(claim.lemmas & lex.exculpating)
    sign = (score > 0) - (score < 0)
    who = {parties[k] for k in claim.agent if k in parties} if parties else set()
    if not sign and len(who) == 1 and claim.predicate & lex.force:
        sign = {ACCUSED: 1, VICTIM: -1}.get(who.pop(), 0)
    return -sign if claim.negated else sign


def by_side(side: str | None, claim: Reading, grammar: Grammar) -> Stance | None:
    """The stance a speaker's side in the case gives toward a claim of the case, where its words do not."""
    way = direction(claim, grammar)
    if side is None or not way:
        return None
    return Stance("support" if (side == "accusing") == (way > 0) else "oppose", 0.6, (f"side: {side}",))


def _weigh_side(text: Stance, sided: Stance | None, cue_class: str | None, grammar: Grammar) -> Stance:
    """A speaker with a side in the case speaks for it: the side decides the label, the text's own evidence kept
    beside it; only the quote's cue (`denied`, `admitted`, `asked`) says otherwise."""
    if sided is None or grammar.stance.cue_effect.get(cue_class or ""):
        return text
    return Stance(sided.label, max(sided.score, text.score) if sided.label == text.label else sided.score,
                  sided.evidence + text.evidence)


def _sided_claim(keys: frozenset[str], claims: Sequence[ClaimReading], judges: bool, grammar: Grammar,
                 prior: tuple[ClaimReading, Reading] | None, parties: frozenset[str]
                 ) -> tuple[ClaimReading, Reading] | None:
    """For a speaker with a side: the claim of the case that takes a side the quote shares most words with;
    sharing none, the claim of the same speaker's quote before it, or, when the quote judges something or
    speaks of the case (`judges`), the case's first claim that takes a side — a party's judgement bears on its
    case ("the grand jury did a good job"), its talk of the weather does not. The case's claims are those that
    name a party of it (`parties`: keys of their names), or the one claim that takes a side: a claim base of
    other cases is not this case."""
    best, pick, directed = 0, None, []
    for c in claims:
        for r in c.readings:
            if not direction(r, grammar):
                continue
            directed.append((c, r))
            if (shared := len(keys & r.keys)) > best:
                best, pick = shared, (c, r)
    if pick:
        return pick
    case = [(c, r) for c, r in directed if r.names & parties]
    if not case and len({c.claim.id for c, _ in directed}) == 1:
        case = directed
    return prior or (case[0] if case and judges else None)


def _best(keys: frozenset[str], claims: Sequence[ClaimReading], weight: dict[str, float]
          ) -> tuple[float, tuple[ClaimReading, Reading] | None]:
    """The claim the quote's words cover most, a claim whose predicate it has first; a keyword the user
    gave is enough on its own."""
    score, rank, pick = 0.0, 0.0, None
    for c in claims:
        for r in c.readings:
            s = overlap(keys, r, weight) + LINK_THRESHOLD * len(keys & c.keywords)
            ranked = s * (1.0 if r.predicate & keys else 0.75)
            if ranked > rank:
                score, rank, pick = s, ranked, (c, r)
    return score, pick


def _bears(q: Quote, keys: frozenset[str], own: frozenset[str], claims: Sequence[ClaimReading],
           weight: dict[str, float], before: Sequence[Quote], chosen: dict[str, tuple[ClaimReading, Reading]],
           side: str | None, judges: bool, grammar: Grammar, parties: frozenset[str] = frozenset()
           ) -> tuple[float, tuple[ClaimReading, Reading] | None]:
    """The claim a quote bears on, with the strength of the link: by its words; below the threshold, the claim
    of the quote it continues or is nested in (when it shares a word with it), else one whose predicate it has
    or whose participant it names (`own`: its words, not its speaker's name) with more of what the claim says,
    else for a party of the case (`side`) the case's claim (`_sided_claim`; `judges`: the quote judges
    something or speaks of the case; `parties`: the keys of the case's parties' names)."""
    score, pick = _best(keys, claims, weight)
    if score >= LINK_THRESHOLD:
        return score, pick
    prior = _context(q, before, chosen)
    if prior and (q.nested_in in chosen or (any(keys & r.keys for r in prior[0].readings)
                                            and (pick is None or pick[0] is prior[0] or not score))):
        return LINK_THRESHOLD, prior  # unless its own words lean to another claim
    if pick is not None and (keys & pick[1].predicate  # its predicate, or a participant and more of what it says
                             or (own & pick[1].names and keys & (pick[1].keys - pick[1].names))):
        return LINK_THRESHOLD, pick
    return LINK_THRESHOLD, (_sided_claim(keys, claims, judges, grammar, prior, parties) if side else None)


def assign(quotes: Sequence[Quote], p: Parse, claims: Sequence[ClaimReading], grammar: Grammar,
           sides: dict[str, str] | None = None, parties: Mapping[str, str] | None = None) -> list[Quote]:
    """Link each quote to the claim it bears on (or none) and judge its stance toward it.

    The link (`_bears`): a claim the quote's words cover enough of; else the claim of the quote it continues or
    is nested in; else a claim whose predicate it has or whose participant it names with more of what the
    claim says of them; else, for a speaker with a side in the case, the case's claim it shares a word with, or
    the claim of its own quote before, or — when it judges something or speaks of the case — the case's first
    claim that takes a side (one that names a party of the case). The stance: its words' (`judge`),
    but where it does not speak to the claim's predicate, its speaker's side (evidence `side: …`) unless its
    cue says otherwise."""
    sides = sides or {}
    if not claims or not quotes:
        return list(quotes)
    lex = grammar.stance
    sentences = [keys_of(p, range(s.first, s.last), grammar.stance) for s in p.sentences if s.last > s.first]
    weight = weights(sentences + [r.keys for c in claims for r in c.readings])
    participants = frozenset(k for c in claims for r in c.readings for k in r.names)
    judging, party_keys = lex.judging | lex.case_words, frozenset(parties or ())
    out: list[Quote] = []
    chosen: dict[str, tuple[ClaimReading, Reading]] = {}
    for q in quotes:
        idx = list(p.words_in(q.start, q.end))
        if not idx:
            out.append(q)
            continue
        stmt = read(p, idx, grammar)
        keys = own = stmt.keys
        if q.speaker.name:  # a speaker who is a claim's participant is its subject: "Stockley planted the gun"
            keys |= {lex.key(stem(w)) for w in q.speaker.name.split()} & participants
        keys |= {a for k in keys for a in lex.antonyms.get(k, ())}  # "showed restraint" bears on "excessive force"
        side = sides.get(q.speaker.entity or "")
        score, pick = _bears(q, frozenset(keys), own, claims, weight, out, chosen, side, bool(stmt.lemmas & judging),
                             grammar, party_keys)
        if pick is None:
            out.append(q)
            continue
        c, r = pick
        sentence = p.sentences[p.sentence_at(q.start)]
        if said := no_comment(p.text[min(sentence.start, q.start):max(sentence.end, q.end)], grammar):
            stance = Stance("neutral", 0.9, (said,))
        else:
            r = attrs.evolve(r, keys=r.keys | c.keywords)  # a negation that reaches a keyword counts
            stance = judge(read(p, idx, grammar, r), r, q.cue.cls if q.cue else None, grammar)
            stance = attrs.evolve(stance, score=round(stance.score * min(1.0, 0.5 + score), 2))
            if not r.predicate & keys:  # the quote does not speak to the claim's predicate: its side does
                stance = _weigh_side(stance, by_side(side, r, grammar), q.cue.cls if q.cue else None, grammar)
        chosen[q.id] = pick
        out.append(attrs.evolve(q, claim=c.claim, stance=stance))
    return out


def _context(q: Quote, before: Sequence[Quote], chosen: dict[str, tuple[ClaimReading, Reading]]
             ) -> tuple[ClaimReading, Reading] | None:
    if q.nested_in in chosen:
        return chosen[q.nested_in]
    for prev in reversed(before):
        if prev.paragraph < q.paragraph - 1:
            break
        if q.speaker.entity and prev.speaker.entity == q.speaker.entity:
            return chosen.get(prev.id)
    return None


def link(quotes: Sequence[Quote], p: Parse, claims: Sequence[ClaimReading], grammar: Grammar,
         sides: dict[str, str] | None = None, parties: Mapping[str, str] | None = None
         ) -> tuple[tuple[Quote, ...], tuple[Claim, ...]]:
    """The stance stage: with claims, each quote linked to one (or none) and judged toward it; without, claims
    induced from the quotes. `sides`: each speaker entity's side in the case; `parties`: the accused and the
    victims by the keys of their names (see `direction`). Returns the quotes and the
    claims they may link to."""
    if claims:
        if parties:  # each claim's direction in this case
            claims = [attrs.evolve(c, readings=tuple(attrs.evolve(r, way=direction(r, grammar, parties))
                                                     for r in c.readings)) for c in claims]
        return tuple(assign(quotes, p, claims, grammar, sides or {}, parties)), tuple(c.claim for c in claims)
    linked, induced = induce(quotes, p, grammar)
    return tuple(linked), induced


def pairwise(pairs: Sequence[tuple[str, str]], parser: Parser, grammar: Grammar,
             timeout: float | None = None) -> list[Stance]:
    """The stance of each statement toward its claim, with no extraction: (statement, claim) pairs. A pair
    whose rules run past `timeout` (seconds per 100,000 characters, quotes.limits) is neutral with score 0 and
    its evidence says so."""
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    parsed = dict(zip(texts, parser.parse_many(texts), strict=True))
    out = []
    for statement, claim in pairs:
        try:
            with time_limit(budget(timeout, len(statement) + len(claim))):
                out.append(_pair(statement, parsed[statement], parsed[claim], grammar))
        except DocTimeout as e:
            out.append(Stance("neutral", 0.0, (f"Timeout: the pair {e}",)))
    return out


def _pair(statement: str, s: Parse, c: Parse, grammar: Grammar) -> Stance:
    creading = read(c, range(len(c.words)), grammar)
    if not s.words:
        return Stance()
    if said := no_comment(statement, grammar):
        return Stance("neutral", 0.9, (said,))
    return judge(read(s, range(len(s.words)), grammar, creading), creading, None, grammar)


INDUCE_THRESHOLD = 0.3  # weighted overlap at which two quotes state the same proposition


def induce(quotes: Sequence[Quote], p: Parse, grammar: Grammar) -> tuple[list[Quote], tuple[Claim, ...]]:
    """Claims from the quotes themselves, when none are given: quotes whose contents state the same
    proposition (the same predicate and arguments, either polarity) form a cluster; a cluster of two or
    more becomes claim `auto-N`, worded by its most central affirmative member, and every member's stance
    is judged toward that wording. The claim's keywords are the words its members share."""
    sentences = [keys_of(p, range(s.first, s.last), grammar.stance) for s in p.sentences if s.last > s.first]
    weight = weights(sentences)
    readings: dict[str, Reading] = {}
    for q in quotes:
        idx = list(p.words_in(q.start, q.end))
        if idx and q.nested_in is None:
            readings[q.id] = read(p, idx, grammar)
    clusters: list[list[str]] = []
    for qid, r in readings.items():
        if not r.proposition or len(r.keys) < 3:
            continue
        best, score = None, 0.0
        for cl in clusters:
            s = max(_similar(r, readings[o], weight) for o in cl)
            if s > score:
                best, score = cl, s
        if best is not None and score >= INDUCE_THRESHOLD:
            best.append(qid)
        else:
            clusters.append([qid])
    by_id = {q.id: q for q in quotes}
    linked: dict[str, Quote] = {}
    claims = []
    for cl in (c for c in clusters if len(c) > 1):
        rep = max(cl, key=lambda o: (not readings[o].flips and not readings[o].negated,
                                    sum(_similar(readings[o], readings[x], weight) for x in cl)))
        claim_reading = readings[rep]
        shared = Counter(k for o in cl for k in readings[o].keys)
        claim = Claim(id=f"auto-{len(claims) + 1}", text=_wording(by_id[rep].text),
                      keywords=tuple(sorted(k for k, n in shared.items() if n * 2 > len(cl))))
        claims.append(claim)
        for o in cl:
            q = by_id[o]
            idx = list(p.words_in(q.start, q.end))
            stance = (Stance("support", 0.6, ()) if o == rep else
                      judge(read(p, idx, grammar, claim_reading), claim_reading, q.cue.cls if q.cue else None, grammar))
            linked[o] = attrs.evolve(q, claim=claim, stance=stance)
    return [linked.get(q.id, q) for q in quotes], tuple(claims)


def _similar(a: Reading, b: Reading, weight: dict[str, float]) -> float:
    """Weighted Jaccard overlap of two readings' words; 0 unless they share a predicate and two more words."""
    if not (a.predicate & b.keys and b.predicate & a.keys) or len(a.keys & b.keys) < 3:
        return 0.0
    shared = sum(weight.get(k, 1.0) for k in a.keys & b.keys)
    union = sum(weight.get(k, 1.0) for k in a.keys | b.keys)
    return shared / union if union else 0.0


def _wording(text: str, limit: int = 25) -> str:
    """A readable claim text from a quote: its first sentence, at most `limit` words."""
    first = regex.split(r"(?<=[.!?])\s+", text.strip(), maxsplit=1)[0]
    words = first.split()
    return " ".join(words[:limit]) + ("…" if len(words) > limit else "")


def merge_corpus(docs: Sequence[Document]) -> list[Document]:
    """`--corpus-claims`: induced claims of different documents that share most of their keywords become
    one claim, numbered across the corpus, so that statements about one case group together."""
    groups: list[tuple[frozenset[str], str]] = []  # (keywords, corpus id)
    out = []
    for d in docs:
        rename: dict[str, Claim] = {}
        for c in d.claims:
            keys = frozenset(c.keywords)
            hit = next((cid for ks, cid in groups if len(ks & keys) * 2 >= min(len(ks), len(keys)) > 0), None)
            if hit is None:
                hit = f"auto-{len(groups) + 1}"
                groups.append((keys, hit))
            rename[c.id] = attrs.evolve(c, id=hit)
        if not rename:
            out.append(d)
            continue
        quotes = tuple(attrs.evolve(q, claim=rename[q.claim.id]) if q.claim and q.claim.id in rename else q
                       for q in d.quotes)
        claims = tuple(dict((c.id, c) for c in rename.values()).values())
        out.append(attrs.evolve(d, quotes=quotes, claims=claims))
    return out
