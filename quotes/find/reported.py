"""Reported speech: dependency patterns around the grammar's cue predicates.

For each verb whose lemma is a cue in `grammars/cues.toml` (and that is not negated: `did not say how`):

* complement: the verb's `ccomp` (or a `parataxis` clause before it) is the content, `that` left out:
  `Prosecutors say [the video shows ...]`, `[Lester died at the scene], police said.`;
* attached: the verb hangs from the clause it reports (`parataxis`, `advcl`, `dep`, after that clause's
  start) and has a subject of its own: `[The tapes are critical], he added, for ...` — the content is the
  clause without the cue; a parenthetical cue cuts the content where it stands;
* phrase: a fixed phrase of the grammar (`according to X`) whose object is the source: the content is the
  clause the phrase modifies, without the phrase.

The speaker is the cue's subject (`syntax.subject`). In degraded text (no punctuation) the content stops at
the first place where punctuation was stripped out (the parse view marks those with commas).
"""

from __future__ import annotations

import attrs

from ..grammar import Grammar
from ..model import Cue
from ..normalize import Layout
from ..parse import Parse
from ..syntax import contiguous, is_cue_verb, is_expletive, is_negated, is_passive, mention, subject, trim
from .found import Found

SET_OFF = (",", "—", "–", "-", "--", "(", ";")
ATTACHED = ("parataxis", "advcl", "dep", "ccomp", "conj")
MIN_WORDS = 2
NAME_WORDS = ("PROPN", "NOUN", "DET", "ADJ", "CCONJ")  # what a run of names and titles is made of


def _cue(p: Parse, v: int, cls: str) -> Cue:
    w = p.words[v]
    idx = [v] + [c for c in p.children[v] if p.words[c].deprel == "compound:prt" and abs(c - v) <= 2]
    s, e = p.span(idx)
    return Cue(text=p.text[s:e], start=s, end=e, lemma=w.lemma.lower(), cls=cls)


def _degraded_cut(p: Parse, idx: list[int]) -> list[int]:
    """In degraded text a content runs to the first stripped punctuation (a comma of the parse view)."""
    for k, i in enumerate(idx):
        if k > 0 and p.words[i].upos == "PUNCT":
            return idx[:k]
    return idx


def _content(p: Parse, idx: list[int], layout: Layout, grammar: Grammar) -> list[int]:
    """A content's words: from its complementizer (`said Friday that …` starts after `that`), up to a report
    set off after it (`…, alleging the officer fired first`), leading and trailing punctuation left out."""
    idx = sorted(idx)
    lead = next((k for k, i in enumerate(idx[:4]) if p.words[i].lemma.lower() in grammar.complementizers
                 and p.words[i].deprel == "mark"), None)
    if lead and not any(p.words[i].upos in ("VERB", "AUX") for i in idx[:lead]):
        idx = idx[lead:]  # the cue's own `Friday` or `also`, misattached before the complementizer
    for k in range(1, len(idx) - 1):
        w, nxt = p.words[idx[k]], p.words[idx[k + 1]]
        if w.text in SET_OFF and "VerbForm=Ger" in nxt.feats and is_cue_verb(p, nxt.i, grammar):
            idx = idx[:k]
            break
        if w.text in SET_OFF and _own_report(p, idx[k + 1:], grammar):
            idx = idx[:k]  # `… the plan failed, Dana Ames noted that …`: a second speaker's report
            break
        if w.upos == "CCONJ" and is_cue_verb(p, nxt.i, grammar) and _second_report_of(p, nxt.i, grammar) is not None:
            idx = idx[:k]  # `reject that Bell “reached” for anything and say …`: the reporter's second report (not
            break  # `… when security located her and told her to leave`)
    idx = trim(p, idx, grammar)
    if layout.degraded:
        idx = trim(p, _degraded_cut(p, idx), grammar)
    return idx


def _found(p: Parse, grammar: Grammar, idx: list[int], cue: Cue, v: int, speaker: int | None, how: str) -> Found | None:
    if len([i for i in idx if p.words[i].upos != "PUNCT"]) < MIN_WORDS or speaker is None:
        return None
    if is_expletive(p, speaker, grammar):
        return None  # `it is said that`, `there were reports`; not `it attacked the mayor, saying …` (a paper)
    s, e = p.span(idx)
    return Found(start=s, end=e, type="indirect", how=how, cue=cue, cue_word=v, speaker_head=speaker,
                 resolution="explicit")


def _is_clause(p: Parse, h: int) -> bool:
    w = p.words[h]
    return w.upos in ("VERB", "AUX") or any(p.words[c].deprel in ("cop", "nsubj", "nsubj:pass") for c in p.children[h])


def _attributes_all(p: Parse, c: int, grammar: Grammar) -> bool:
    """A clause that is the sentence's own trailing attribution, not a content: `Kirk said … that she feared …,
    the Herald reported.` with `reported` parsed as said's complement."""
    k = min(i for i in p.subtree(c) if p.words[i].upos != "PUNCT" or i == c)
    return (is_cue_verb(p, c, grammar) and bool(p.kids(c, "nsubj")) and k > 0 and p.words[k - 1].text in SET_OFF
            and _trailing(p, c))


def _complement(p: Parse, v: int, grammar: Grammar, degraded: bool) -> list[int] | None:
    """Word indices of what cue v reports, however the parser attached it; None when it reports nothing."""
    w = p.words[v]
    sent = p.sentences[w.sent]
    objs = [c for c in p.children[v] if p.words[c].deprel in ("obj", "iobj") and c > v]
    hearer = w.lemma.lower() in grammar.hearer_verbs
    comps = [c for c in p.children[v] if p.words[c].deprel == "ccomp" and not _attributes_all(p, c, grammar)]
    if degraded:  # boundaries are unreliable: only a complement after the cue
        comps = [c for c in comps if c > v]
    else:
        comps += [c for c in p.children[v] if p.words[c].deprel == "parataxis" and c < v and _is_clause(p, c)]
    if comps:  # a that-clause after the cue is its content, whatever the parser hung before it
        that = [c for c in comps if c > v and any(p.words[k].lemma.lower() in grammar.complementizers
                                                   for k in p.kids(c, "mark"))]
        c = (that or comps)[0]
        idx = p.subtree(c)
        if c > v and not hearer:  # `say [the video], along with ..., shows that`: the object is the clause's subject
            for o in objs:
                if o < c:
                    idx = sorted(set(idx) | set(range(min(p.subtree(o)), c)))
        if c < v:  # trailing: `<content>, police said` — what comes before the cue's own words (after its start:
            own = [i for i in p.subtree(v, exclude=[c]) if i > idx[0]]  # `But for now, …, she said` hangs `But` on
            idx = [i for i in idx if i < min(own)]  # the cue)
        return idx
    # `told the dispatcher that he was ...` parsed with the that-clause on the object: the content runs from
    # the complementizer to the end of the cue's clause
    reach = max(p.subtree(v))
    for j in range(v + 1, min(sent.last, v + 20)):
        x = p.words[j]
        if x.lemma.lower() in grammar.complementizers and (x.upos == "SCONJ" or j == v + 1):
            between = range(v + 1, j)
            if all(any(b in p.subtree(o) for o in p.children[v]) for b in between):
                end = max(reach, max(p.subtree(x.head)) if x.head >= 0 else j)
                return [i for i in range(j, end + 1) if p.words[i].sent == w.sent]
            break
        if (x.upos in ("VERB", "AUX") and x.deprel != "amod") or x.text in ".;:":
            break  # another clause (a participle before a noun is no clause: `told an invited crowd … that`)
    # `adding the tape showed ...`: the clause's subject parsed as the cue's object, its verb elsewhere
    if objs and not hearer:
        o = objs[0]
        after = max(p.subtree(o)) + 1
        if after < sent.last and p.words[after].upos in ("VERB", "AUX") and p.words[after].head not in p.subtree(o):
            end = max(p.subtree(after)) if p.words[after].head != v else max(p.subtree(v))
            if p.words[after].upos == "AUX" and p.words[after].head > after:  # `were “reasonably necessary” and
                end = max(end, _clause_end(p, after, grammar))  # that …`: the predicate hangs elsewhere too
            return list(range(min(p.subtree(o)), end + 1))
    return None


def _degraded_subject(p: Parse, v: int, grammar: Grammar) -> tuple[int, tuple[int, int]] | None:
    """In degraded text the subject is the stretch between the last stripped punctuation and the cue. The
    tagger is unreliable there (names come out as verbs or adverbs), so this goes by position: the stretch's
    first word, after a leading conjunction or determiner, up to the next auxiliary, adverb or reflexive."""
    first = p.sentences[p.words[v].sent].first
    hi = v
    stretch: list[int] = []
    for _ in range(2):  # `partner, brian bianchi, said`: the name stands one stretch back
        lo = hi
        while lo - 1 >= first and p.words[lo - 1].upos != "PUNCT":
            lo -= 1
        stretch = [i for i in range(lo, hi)]
        if stretch:
            break
        hi = lo - 1
    while stretch and p.words[stretch[0]].upos in ("CCONJ", "SCONJ", "DET", "ADP"):
        stretch = stretch[1:]
    if not stretch:
        return None
    end = stretch[0]
    for i in stretch[1:]:
        w = p.words[i]
        if w.upos in ("AUX", "ADV", "SCONJ", "ADP", "PART") or w.lemma.lower() in grammar.reflexives:
            break
        end = i
    return stretch[0], (p.words[stretch[0]].start, p.words[end].end)


ATTRIBUTION_DEPS = ("aux", "advmod", "compound:prt", "punct", "obl:tmod", "obl:unmarked")
STOP_AFTER_COMMA = ("CCONJ",)


def _finite(p: Parse, i: int) -> bool:
    w = p.words[i]
    return (w.upos in ("VERB", "AUX") and "VerbForm=Fin" in w.feats) or (w.upos == "AUX" and not w.feats)


def _next_report(p: Parse, lo: int, grammar: Grammar) -> int | None:
    """Where another report set off by punctuation begins after word lo in its sentence: a cue verb right after
    the mark (`…, vowing to …`, `… -- alleging …`) or after a run of names (`…, the Fairhaven Herald reported.`)."""
    s = p.sentences[p.words[lo].sent]
    for i in range(lo + 1, s.last - 1):
        if p.words[i].text not in SET_OFF or p.words[i].text == "(":
            continue
        j = i + 1
        while j < s.last and j - i <= 6 and p.words[j].upos in NAME_WORDS:
            j += 1
        if j < s.last and is_cue_verb(p, j, grammar) and (j == i + 1 or _trailing(p, j)):
            return i
    return None


def _trailing(p: Parse, v: int) -> bool:
    """A cue that closes its sentence: nothing after it but its own adverbs, time words and punctuation."""
    s = p.sentences[p.words[v].sent]
    return all(p.words[k].upos == "PUNCT" or (p.words[k].head == v and p.words[k].deprel in ATTRIBUTION_DEPS)
               for k in range(v + 1, s.last))


def _clause_end(p: Parse, lo: int, grammar: Grammar) -> int:
    """Last word of the clause that starts at lo: the sentence's end, or before a comma that opens a new
    clause or attribution (`, and …`, `, though …`, `, adding …`, `, he said`)."""
    s = p.sentences[p.words[lo].sent]
    for i in range(lo + 1, s.last - 1):
        if is_cue_verb(p, i, grammar) and p.words[i].deprel == "conj":
            j = i - 1  # `… and, this time, also said …`: the next report starts at its conjunction
            while j > lo and (p.words[j].upos in ("ADV", "PUNCT", "CCONJ", "ADP", "DET", "NOUN")
                              and p.words[j].deprel not in ("nsubj",)):
                if p.words[j].upos == "CCONJ":
                    return j - 1
                j -= 1
            return i - 1
        if p.words[i].text in (",", ";", "—", "–") or p.words[i].text == "--":
            nxt = p.words[i + 1]
            if (nxt.upos in STOP_AFTER_COMMA or nxt.lemma.lower() in grammar.clause_stops or nxt.text.lower() in grammar.clause_stops
                    or is_cue_verb(p, nxt.i, grammar)
                    or (i + 2 < s.last and is_cue_verb(p, i + 2, grammar) and nxt.upos in ("PRON", "PROPN"))):
                return i - 1
        if p.words[i].text == ";":
            return i - 1
    return s.last - 1


def _linear(p: Parse, v: int, grammar: Grammar) -> list[int] | None:
    """`Figueroa said the campaign planned to …` parsed without a complement: a clause (a subject and a finite
    verb, no punctuation between) right after the cue, or after its hearer, runs to the clause's end."""
    s = p.sentences[p.words[v].sent]
    j = v + 1
    if p.words[v].lemma.lower() in grammar.hearer_verbs:
        objs = [c for c in p.children[v] if p.words[c].deprel in ("obj", "iobj") and c > v]
        if objs:  # the hearer's own words only: `told [the jury] the case was …`, not a clause hung on it
            end = mention(p, objs[0], grammar)[1]
            j = next((k for k in range(objs[0], s.last) if p.words[k].end >= end), objs[0]) + 1
    if j < s.last and p.words[j].lemma.lower() in grammar.complementizers and p.words[j].upos in ("SCONJ", "PRON"):
        j += 1
    for k in range(j, min(s.last, j + 8)):
        w = p.words[k]
        if w.upos == "PUNCT" or is_cue_verb(p, k, grammar) or w.lemma.lower() in grammar.wh_relative:
            return None  # punctuation, another report, or a relative clause on an object
        has_subject = any(p.words[x].upos in ("NOUN", "PROPN", "PRON", "NUM") for x in range(j, k))  # `the two`
        if _finite(p, k) or (has_subject and w.upos == "VERB" and "Tense=Past" in w.feats):
            return list(range(j, _clause_end(p, k, grammar) + 1)) if has_subject else None
    return None


def _subject_content(p: Parse, v: int) -> list[int] | None:
    """`<clause>, the state bureau said` parsed with the clause's subject as a first subject of the cue: the
    earlier subject's subtree is the content when it holds a finite verb and a comma sets it off."""
    subs = sorted(c for c in p.children[v] if p.words[c].deprel == "nsubj" and c < v)
    if len(subs) < 2:
        return None
    idx = p.subtree(subs[0])
    after = max(idx) + 1
    set_off = p.words[idx[-1]].text == "," or (after < len(p.words) and p.words[after].text == ",")
    if not set_off or after > subs[1] or not any(_finite(p, i) for i in idx):
        return None
    return idx


def _object_content(p: Parse, v: int, grammar: Grammar) -> list[int] | None:
    """Contents that are not clauses: `urged [supporters to monitor polling places]`, `agreed [to clean up the
    mines]`, and for the grammar's object verbs `denied [the allegations]`."""
    after_objs = [c for c in p.children[v] if p.words[c].deprel in ("obj", "iobj") and c > v]
    xcomps = [c for c in p.children[v] if p.words[c].deprel == "xcomp" and c > v
              and any(p.words[k].lemma.lower() in grammar.infinitive_markers for k in p.children[c])]
    if p.words[v].lemma.lower() not in grammar.infinitive_verbs:
        xcomps = []
    if xcomps:
        x = xcomps[0]
        start = min([min(p.subtree(o)) for o in after_objs if o < x] + [min(p.subtree(x))])
        return list(range(start, max(_clause_end(p, x, grammar), max(p.subtree(x))) + 1))
    if after_objs and p.words[v].lemma.lower() in grammar.object_verbs:
        o = after_objs[0]
        if p.words[o].upos == "PRON":
            return None  # `announced themselves`, `denied it`: nothing said is named
        return p.subtree(o)
    return None


def _predicative(p: Parse, v: int, grammar: Grammar) -> list[int] | None:
    """`accused [the city of hiding the report]`, `labeling [the officer's actions unjustified]`, `described [the
    raid as reckless]`: the object and what the verb says of it, which the grammar's marker for the verb opens
    (none: a predicate after the object), hung on the verb or on the object. Not over a quoted fragment, which is
    a quotation of its own."""
    marker = grammar.predicative.get(p.words[v].lemma.lower())
    objs = [c for c in p.children[v] if p.words[c].deprel == "obj" and c > v]
    if marker is None or not objs or is_passive(p, v) or is_negated(p, v, grammar):
        return None
    o = objs[0]

    def opens(c: int) -> bool:
        return p.words[min(p.subtree(c))].lemma.lower() == marker if marker else p.words[c].deprel == "xcomp"

    said = [c for c in p.children[v] if c > o and p.words[c].deprel in ("xcomp", "obl", "advcl") and opens(c)]
    said += [c for c in p.children[o] if c > o and marker and p.words[c].deprel in ("acl", "nmod") and opens(c)]
    if not said:
        return None
    idx = list(range(min(p.subtree(o)), max(p.subtree(said[0])) + 1))
    marks = grammar.marks["open_double"] | grammar.marks["close_double"]
    if any(p.words[i].text in marks or (p.words[i].upos == "PUNCT" and p.words[i].text in grammar.marks["open_single"])
           for i in idx):
        return None
    return idx


def _predicatives(p: Parse, layout: Layout, grammar: Grammar) -> list[Found]:
    """The predicative contents of verbs that are no cue of their own (`called the charges baseless`): the class
    a characterisation gets is the speaker's contention (claim)."""
    out = []
    for w in p.words:
        if w.upos != "VERB" or w.lemma.lower() not in grammar.predicative or w.lemma.lower() in grammar.cue_class:
            continue
        if (idx := _predicative(p, w.i, grammar)) is not None:
            cue = _cue(p, w.i, "claim")
            f = _found(p, grammar, _content(p, idx, layout, grammar), cue, w.i, subject(p, w.i, grammar), "reported")
            if f:
                out.append(f)
    return out


def _prepositional(p: Parse, grammar: Grammar) -> list[Found]:
    """`called for [an independent inquiry]`, `complained about [his mic]`: a verb and preposition of the
    grammar whose prepositional object is the content."""
    out = []
    for w in p.words:
        if w.upos != "VERB" or is_passive(p, w.i) or is_negated(p, w.i, grammar):
            continue
        for c in p.children[w.i]:
            if p.words[c].deprel not in ("obl", "obj", "nmod") or c < w.i:
                continue
            cases = [k for k in p.children[c] if p.words[k].deprel == "case" and k > w.i]
            prts = [k for k in p.children[w.i] if p.words[k].deprel == "compound:prt"]
            for k in cases + prts:
                cls = grammar.prepositional.get(f"{w.lemma.lower()} {p.words[k].text.lower()}")
                if cls is None:
                    continue
                idx = [i for i in p.subtree(c) if i != k]
                xs = [x for x in p.children[w.i] if p.words[x].deprel == "xcomp" and x > c]
                to = max(idx) + 1  # or `to` right after the object, however the infinitive was hung
                if not xs and to < len(p.words) and p.words[to].lemma.lower() in grammar.infinitive_markers \
                        and p.words[to].upos == "PART" \
                        and p.words[p.words[to].head].upos == "VERB" and p.words[to].head > to:
                    xs = [p.words[to].head]
                if xs:  # `called on [the mayor to resign …]`
                    idx = list(range(min(idx), max(p.subtree(xs[0])) + 1))
                s, e = w.start, p.words[k].end
                cue = Cue(text=p.text[s:e], start=s, end=e, lemma=f"{w.lemma.lower()} {p.words[k].text.lower()}",
                          cls=cls)
                f = _found(p, grammar, trim(p, idx, grammar), cue, w.i, subject(p, w.i, grammar), "reported")
                if f:
                    out.append(f)
                break
    return out


def _pieces(p: Parse, idx: list[int], v: int, speaker: int | None) -> list[list[int]]:
    """A content that surrounds its cue (`The new policy, the chief said, is the strictest yet`) is two
    pieces: what comes before the attribution and what comes after it (when that is a clause)."""
    attribution = {v} | {c for c in p.children[v] if p.words[c].deprel in ATTRIBUTION_DEPS and abs(c - v) <= 3}
    if speaker is not None:
        attribution |= set(p.subtree(speaker))
    attribution -= set(idx) - {v}
    lo, hi = min(attribution), max(attribution)
    k = lo - 1  # `The review, auditor Margaret Chen said, …`: the attribution starts after its comma
    while k >= 0 and lo - k <= 8 and p.words[k].upos in ("PROPN", "NOUN", "DET", "ADJ") and p.words[k].sent == p.words[v].sent:
        k -= 1
    if k >= 0 and k < lo - 1 and p.words[k].text in (",", "—", "–"):
        lo = k + 1
    before = [i for i in idx if i < lo]
    after = [i for i in idx if i > hi]
    if not before or not after:
        return [before or after]
    pieces = [before]
    if any(_finite(p, i) for i in after):
        pieces.append(after)
    return pieces




def _swallowed_subject(p: Parse, v: int) -> tuple[int, int] | None:
    """`…, Harlow County Attorney Renee Castillo and Attorney General Paul Whitaker announced`: a subject the
    parser hung on the clause before (an apposition) — the run of names and titles between a set-off mark and
    the cue. Gives the mark and the run's head (its word whose head lies outside it)."""
    first = p.sentences[p.words[v].sent].first
    k = v - 1
    while k >= first and p.words[k].upos in NAME_WORDS:
        k -= 1
    run = range(k + 1, v)
    if k < first or not run or p.words[k].text not in SET_OFF or p.words[k + 1].upos == "CCONJ" or \
            not any(p.words[i].upos in ("PROPN", "NOUN") for i in run):
        return None  # (`…, and state agencies agreed`: a clause of its own)
    heads = [i for i in run if p.words[i].head not in run and p.words[i].upos != "CCONJ"]
    return (k, heads[0]) if heads else None


def _own_report(p: Parse, rest: list[int], grammar: Grammar) -> bool:
    """The words after a comma open a report of its own: a subject (a few words of a noun phrase), then a cue verb
    with that subject and a complement clause after it."""
    for k, i in enumerate(rest[:7]):
        w = p.words[i]
        if is_cue_verb(p, i, grammar):
            subj = [c for c in p.kids(i, "nsubj") if c in rest[:k]]
            return bool(subj) and any(c > i for c in p.kids(i, "ccomp"))
        if w.upos not in ("PROPN", "NOUN", "DET", "ADJ", "PRON", "NUM", "PUNCT"):
            return False
    return False


def _second_report_of(p: Parse, v: int, grammar: Grammar) -> int | None:
    """The cue a subjectless cue v coordinates with when the parser hung v on that cue's content:
    `Lawyers reject that Bell “reached” for anything and say …` (`say` a conjunct of `reached`)."""
    w = p.words[v]
    if w.deprel != "conj" or p.kids(v, "nsubj") or w.head < 0 or p.words[w.head].deprel != "ccomp":
        return None
    first = p.words[w.head].head
    return first if first >= 0 and is_cue_verb(p, first, grammar) else None


def _attached(p: Parse, v: int, layout: Layout, grammar: Grammar, cue: Cue) -> Found | None:
    """A trailing cue that hangs from the clause it reports: `[The tapes are critical], he added`; a subject
    the parser took into that clause is read back from the words before the cue."""
    w = p.words[v]
    h = w.head
    if h < 0 or w.deprel.split(":")[0] not in ATTACHED or h > v or layout.degraded:
        return None
    if p.words[h].sent != w.sent or not _is_clause(p, h) or p.kids(v, "cc"):
        return None  # `…, and state agencies agreed to …`: a coordinated clause, not a report of the first
    own_subject = [c for c in p.children[v] if p.words[c].deprel == "nsubj"]
    cue_words = p.subtree(v)
    lead = next(i for i in cue_words if p.words[i].upos != "PUNCT" or i == v)
    if own_subject and lead > 0 and p.words[lead - 1].text in SET_OFF:  # set off: `…, he added`, `… — police said`
        who, stop = own_subject[0], cue_words[0]
    elif (swallowed := _swallowed_subject(p, v)) is not None:  # `…, A and B announced` with A in the content
        stop, who = swallowed
    else:
        return None
    idx = [i for i in p.subtree(h, exclude=[v]) if i < stop]
    idx = contiguous(p, idx, h) if h in idx else idx
    return _found(p, grammar, _content(p, idx, layout, grammar), cue, v, who, "reported")


def find_reported(p: Parse, layout: Layout, grammar: Grammar) -> list[Found]:
    out: list[Found] = []
    for w in p.words:
        if not is_cue_verb(p, w.i, grammar):
            continue
        cls = grammar.cue_class[w.lemma.lower()]
        cue = _cue(p, w.i, cls)
        comp = None if layout.degraded else _predicative(p, w.i, grammar)
        comp = comp or _complement(p, w.i, grammar, layout.degraded)
        if comp is None and not layout.degraded:
            comp = _linear(p, w.i, grammar) or _object_content(p, w.i, grammar) or _subject_content(p, w.i)
        if comp is not None:
            speaker = subject(p, _second_report_of(p, w.i, grammar) or w.i, grammar, skip=grammar.not_speakers)
            span = None
            if layout.degraded:
                got = _degraded_subject(p, w.i, grammar)
                speaker, span = got if got else (speaker, None)
                comp = list(range(min(comp), p.sentences[w.sent].last))
            elif comp and min(comp) > w.i:  # the parse often stops short of the clause's end
                comp = sorted(set(comp) | set(range(min(comp), _clause_end(p, min(comp), grammar) + 1)))
                if (cut := _next_report(p, min(comp), grammar)) is not None:  # `…, vowing`, `…, the Herald reported`
                    comp = [i for i in comp if i < cut]
                # `The new policy, the chief said, takes …`: a second, earlier subject, set off by a comma (which
                for c in p.children[w.i]:  # the parser may hang on it), is the content's own when it has none
                    words = [i for i in p.subtree(c) if p.words[i].upos != "PUNCT"]
                    if (p.words[c].deprel == "nsubj" and speaker is not None and c < speaker and words
                            and p.words[words[-1] + 1].text == "," and p.words[c].upos in ("NOUN", "PROPN")
                            and not any(p.kids(h, "nsubj", "expl") for h in p.kids(w.i, "ccomp") if h > w.i)):
                        comp = sorted(set(comp) | set(p.subtree(c)))
            while (comp and comp[0] == w.i + 1 and p.words[comp[0]].lemma.lower() in grammar.not_speakers
                   and not p.children[comp[0]]):  # (not `said Friday’s test was …`)
                comp = [i for i in comp if i != w.i + 1]  # `said Friday the city had no comment`: the cue's time
            before = len(out)
            for piece in _pieces(p, comp, w.i, speaker):
                f = _found(p, grammar, _content(p, piece, layout, grammar), cue, w.i, speaker, "reported")
                if f:
                    out.append(attrs.evolve(f, speaker_span=span) if span else f)
            if len(out) > before:
                continue  # else what looked like its content was too little to be one (`announced Wednesday`)
        if (f := _attached(p, w.i, layout, grammar, cue)) is not None:
            out.append(f)
    out.extend(_phrases(p, layout, grammar))
    out.extend(_nominal(p, layout, grammar))
    if not layout.degraded:
        out.extend(_prepositional(p, grammar))
        out.extend(_predicatives(p, layout, grammar))
    return out


def _nominal(p: Parse, layout: Layout, grammar: Grammar) -> list[Found]:
    """`the chief's claim that [there were “no other options” that night]`: a noun of the grammar's
    [nominal] table with a that-clause of its own subject, reported by its owner — a possessive, or a name
    compounded before it (`a Herald report that …`); without an owner, nothing."""
    out: list[Found] = []
    for w in p.words:
        cls = grammar.nominal.get(w.lemma.lower()) if w.upos == "NOUN" else None
        if cls is None or layout.degraded:
            continue
        owner = next((c for c in p.children[w.i] if p.words[c].deprel == "nmod:poss"), None)
        if owner is None:
            owner = next((c for c in p.children[w.i] if p.words[c].deprel == "compound" and c < w.i
                          and p.words[c].upos == "PROPN"), None)
        that = w.i + 1 if w.i + 1 < p.sentences[w.sent].last else None
        if owner is None or that is None or p.words[that].lemma.lower() not in grammar.complementizers \
                or p.words[that].upos != "SCONJ":
            continue
        clause = p.words[that].head
        if clause <= that or not p.kids(clause, "nsubj", "expl", "nsubj:pass"):
            continue  # `a claim that was denied`: a relative clause, not a content
        idx = [i for i in range(that + 1, _clause_end(p, that + 1, grammar) + 1)]
        f = _found(p, grammar, _content(p, idx, layout, grammar), _cue(p, w.i, cls), w.i, owner, "reported")
        if f:
            out.append(f)
    return out


def _phrases(p: Parse, layout: Layout, grammar: Grammar) -> list[Found]:
    """`According to X, <content>.` / `<content>, according to X.`: by position in the sentence, since
    parsers often take `according` for a verb. The source runs from the phrase to the next comma."""
    out: list[Found] = []
    for cls, phrases in grammar.phrases.items():
        for phrase in phrases:
            parts = phrase.split()
            n = len(parts)
            for w in p.words:
                if w.text.lower() != parts[0]:
                    continue
                seq = p.words[w.i:w.i + n]
                if len(seq) < n or [x.text.lower() for x in seq] != parts or any(x.sent != w.sent for x in seq):
                    continue
                s = p.sentences[w.sent]
                src = []
                for i in range(seq[-1].i + 1, s.last):
                    if p.words[i].upos == "PUNCT":
                        break
                    src.append(i)
                heads = [i for i in src if p.words[i].upos in ("NOUN", "PROPN", "PRON")]
                if not heads or len(src) > 12:
                    continue
                before = [i for i in range(s.first, w.i)]
                after = [i for i in range(src[-1] + 1, s.last)]
                aside = next((k for k, i in enumerate(after[1:], 1) if p.words[i].text == ","), None)
                if after and p.words[after[0]].text == "," and aside is not None and aside <= 9 and not any(
                        p.words[i].upos in ("VERB", "AUX") for i in after[1:aside]):
                    after = after[aside:]  # `According to Lena Marsh, a lawyer for the family, <content>`
                if any(p.words[i].upos != "PUNCT" for i in before) and (len(before) >= len(after) or not after):
                    content = before
                else:
                    content = after
                idx = _content(p, content, layout, grammar)
                if len(idx) < 3 or not any(p.words[i].upos in ("VERB", "AUX") for i in idx):
                    continue
                cs, ce = w.start, seq[-1].end
                cue = Cue(text=p.text[cs:ce], start=cs, end=ce, lemma=phrase, cls=cls)
                f = _found(p, grammar, idx, cue, w.i, heads[-1], "according_to")
                if f:
                    out.append(attrs.evolve(f, speaker_span=(p.words[src[0]].start, p.words[src[-1]].end)))
    return out
